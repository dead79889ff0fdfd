"""The files invoices arrive in: signed p7m (DER and Base64) and ZIP archives, built here."""
from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pytest
from asn1crypto import cms

from iiss_desktop.domain.procurement.envelope import extract_p7m, unwrap
from iiss_desktop.domain.procurement.fatturapa import FatturaPAError, read_fatturapa

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fatturapa"
FPA01 = (FIXTURES / "IT01234567890_FPA01.xml").read_bytes()
FPR01 = (FIXTURES / "IT01234567890_FPR01.xml").read_bytes()


def signed(content: bytes | None) -> bytes:
    """A CMS SignedData envelope around ``content`` (no signer: the structure SdI delivers,
    whose signature this program does not verify)."""
    encap = {"content_type": "data"}
    if content is not None:
        encap["content"] = content
    return cms.ContentInfo({
        "content_type": "signed_data",
        "content": cms.SignedData({"version": "v1", "digest_algorithms": [],
                                   "encap_content_info": encap, "signer_infos": []}),
    }).dump()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_p7m_gives_back_the_signed_xml_in_der_and_in_base64():
    der = signed(FPA01)
    assert extract_p7m("f.xml.p7m", der) == FPA01
    assert extract_p7m("f.xml.p7m", base64.encodebytes(der)) == FPA01
    [xml], skipped = unwrap("IT01234567890_FPA01.xml.p7m", der)
    [invoice] = read_fatturapa(xml.data, xml.name)
    assert (invoice.number, str(invoice.total)) == ("123", "6.10")
    assert skipped == []


def test_a_p7m_that_is_not_a_signature_envelope_is_refused():
    with pytest.raises(FatturaPAError, match="non è una busta di firma digitale"):
        extract_p7m("finta.xml.p7m", FPA01)
    with pytest.raises(FatturaPAError, match="non è una busta di firma digitale"):
        extract_p7m("vuota.xml.p7m", b"\x30\x03\x02\x01\x01")
    with pytest.raises(FatturaPAError, match="detached"):
        extract_p7m("staccata.xml.p7m", signed(None))


def test_a_zip_gives_every_invoice_and_names_what_it_skipped():
    data = zipped({"a/IT01234567890_FPA01.xml": FPA01,
                   "IT01234567890_FPR01.xml.p7m": signed(FPR01),
                   "leggimi.pdf": b"%PDF-1.4"})
    files, skipped = unwrap("lotto.zip", data)
    assert [f.name for f in files] == ["lotto.zip/a/IT01234567890_FPA01.xml",
                                       "lotto.zip/IT01234567890_FPR01.xml.p7m"]
    assert [f.data for f in files] == [FPA01, FPR01]
    assert skipped == ["lotto.zip/leggimi.pdf"]


@pytest.mark.parametrize("member", ["../fuori.xml", "a/../../fuori.xml", "/etc/fuori.xml",
                                    "C:\\Windows\\fuori.xml", "..\\fuori.xml"])
def test_a_zip_with_a_climbing_path_is_refused_whole(member):
    data = zipped({"IT01234567890_FPA01.xml": FPA01, member: FPR01})
    with pytest.raises(FatturaPAError, match="esce dalla cartella") as caught:
        unwrap("lotto.zip", data)
    assert member in caught.value.message


def test_a_damaged_zip_is_refused():
    data = zipped({"IT01234567890_FPA01.xml": FPA01})
    with pytest.raises(FatturaPAError, match="non è un archivio ZIP leggibile"):
        unwrap("rotto.zip", data[:40])
