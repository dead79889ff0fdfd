"""The files an invoice arrives in: plain ``.xml``, signed ``.xml.p7m`` (CAdES), ZIP archives.

A p7m is a CMS SignedData envelope whose content is the XML; SdI hands it over as DER or, from
some channels, as the same DER in Base64: both are read. The signature is not verified here:
SdI verifies it on reception before it delivers the file to the school.

A ZIP is opened member by member and never extracted to disk. A member whose name climbs out
of the archive's folder («../x.xml», «/etc/x», «C:\\x») refuses the whole archive: such an
archive is not what an office receives and its other members are not trusted either. Sizes
are bounded (a member of a «zip bomb» is refused before it is read whole).
"""
from __future__ import annotations

import base64
import binascii
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from asn1crypto import cms

from .fatturapa import FatturaPAError

MAX_XML_BYTES = 20 * 1024 * 1024     # far above any invoice (the schema's attachments aside)
MAX_MEMBERS = 20000


@dataclass(frozen=True)
class XmlFile:
    name: str      # "lotto.zip/IT01234567890_FPA01.xml.p7m" inside an archive
    data: bytes    # the XML
    received: bytes = b""   # the file as received (a p7m: the signed envelope)

    @property
    def original(self) -> bytes:
        return self.received or self.data


def unwrap(name: str, data: bytes) -> tuple[list[XmlFile], list[str]]:
    """The XML files in ``data`` and the names of the archive's members that are not invoices
    (a PDF copy, a receipt of SdI): skipped, told to the clerk."""
    lower = name.lower()
    if lower.endswith(".zip") or data[:4] == b"PK\x03\x04":
        return _from_zip(name, data)
    if lower.endswith(".p7m"):
        return [XmlFile(name, extract_p7m(name, data), data)], []
    return [XmlFile(name, data)], []


def extract_p7m(name: str, data: bytes) -> bytes:
    der = data
    if not data[:1] == b"\x30":     # not a DER SEQUENCE: maybe the Base64 of one
        try:
            der = base64.b64decode(b"".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            der = b""
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        content = info["content"]["encap_content_info"]["content"].native
    except Exception:   # asn1crypto raises ValueError, TypeError, KeyError… on bad input
        raise FatturaPAError(f"«{name}» non è una busta di firma digitale (CAdES, .p7m) "
                             "leggibile: il file è danneggiato o non è firmato.") from None
    if not content:
        raise FatturaPAError(f"«{name}»: la busta di firma non contiene il documento "
                             "(firma «detached»): serve il file .p7m completo.")
    return content


def _unsafe(member: str) -> bool:
    for path in (PurePosixPath(member), PureWindowsPath(member)):
        if path.is_absolute() or path.drive or ".." in path.parts:
            return True
    return False


def _from_zip(name: str, data: bytes) -> tuple[list[XmlFile], list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError):
        raise FatturaPAError(f"«{name}» non è un archivio ZIP leggibile.") from None
    if len(members) > MAX_MEMBERS:
        raise FatturaPAError(f"«{name}» contiene {len(members)} file: al massimo "
                             f"{MAX_MEMBERS} per archivio.")
    climbing = [m.filename for m in members if _unsafe(m.filename)]
    if climbing:
        raise FatturaPAError(f"«{name}» contiene «{climbing[0]}», un percorso che esce dalla "
                             "cartella dell'archivio: archivio rifiutato, nulla importato.")
    found: list[XmlFile] = []
    skipped: list[str] = []
    for member in members:
        inner = f"{name}/{member.filename}"
        lower = member.filename.lower()
        if not (lower.endswith(".xml") or lower.endswith(".p7m")):
            skipped.append(inner)
            continue
        if member.file_size > MAX_XML_BYTES:
            raise FatturaPAError(f"«{inner}» è troppo grande per una fattura "
                                 f"({member.file_size // (1024 * 1024)} MB).")
        try:
            content = archive.read(member)
        except (zipfile.BadZipFile, OSError, RuntimeError):
            raise FatturaPAError(f"«{inner}» non si può leggere dall'archivio (danneggiato "
                                 "o protetto da password).") from None
        if lower.endswith(".p7m"):
            found.append(XmlFile(inner, extract_p7m(inner, content), content))
        else:
            found.append(XmlFile(inner, content))
    return found, skipped
