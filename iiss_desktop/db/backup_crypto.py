"""Encrypted backups (``iiss-AAAAMMGG-HHMMSS-<tipo>.iissbak``): verified, compressed, sealed.

What a file holds
    ``MAGIC`` (8 bytes), the header's length (4 bytes, big endian), a JSON header in clear
    (format version, when, school, row counts of the main registers, audit head hash and
    count, schema revision, KDF parameters and salts), then the sealed stream: chunks of at
    most ``CHUNK`` bytes, each ``[4-byte length][AES-256-GCM ciphertext+tag]``. The nonce of
    chunk *i* is *i* on 11 bytes plus a last-chunk flag (the STREAM construction: chunks
    cannot be reordered, dropped or the file truncated unnoticed) and every chunk carries the
    whole clear prefix (magic, length, header) as associated data, so the header that the
    restore wizard shows without the passphrase cannot be altered either. Inside: zlib of
    ``[4-byte length][secret JSON][database]``; the secret JSON holds the change-log key
    (db/chain_key.py), which lets a copy restored on another PC be verified and written.

How the key is made
    ``master = scrypt(passphrase, salt, n=2**17, r=8, p=1)`` (128 MiB, memory-hard; about
    0.3 s), and each file's AES key is ``HKDF-SHA256(master, file_salt)``. The passphrase is
    never stored. The settings (db/backup_settings) keep the salt, the scrypt parameters and a
    *verifier* (another HKDF output of ``master``): enough to tell a mistyped passphrase at
    once, useless to decrypt. Why this design: a scheduled backup needs a key without asking
    anybody, and keeping a passphrase on disk (even "hidden") would make the encryption
    decorative. So a user holding ``school.backup`` (the DSGA) types the passphrase once per
    session; the GUI keeps only ``master`` in memory (a ``BackupKey``) for the scheduled
    copies of that session, and forgets it when the program closes. Changing the passphrase
    gives a new salt: older files keep needing the old one (their header names their salt).
    Restoring needs only the file and the passphrase.

Each backup is verified twice: the plain copy, made with SQLite's backup API, passes the
project's verify (``PRAGMA integrity_check``, numbering, audit chain) before it is encrypted,
and the encrypted file is read back and authenticated before it is renamed into place. The
plain temporary copy lives beside the archive (never on the USB disk) and is removed at once.
On PostgreSQL the copy is ``pg_dump --format=custom`` checked with ``pg_restore --list``.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.backup_rotation import Retention, to_keep
from ..domain.errors import StorageError, ValidationError

MAGIC = b"IISSBAK\x01"
FORMAT_VERSION = 1
SUFFIX = ".iissbak"
PREFIX = "iiss-"
CHUNK = 1 << 20
KDF_N, KDF_R, KDF_P = 2 ** 17, 8, 1
MIN_PASSPHRASE = 10
MAX_HEADER = 1 << 20
WRONG_PASSPHRASE = "Passphrase errata o file danneggiato: nulla è stato sostituito."
KINDS = {"manuale": "manuale", "automatico": "automatico"}
# The registers and lists whose row counts the header shows (those present in the archive).
COUNTED = (("register_entry", "Registrazioni nei registri legali"),
           ("audit_log", "Righe del registro delle modifiche"),
           ("app_user", "Utenti"),
           ("employee", "Personale"),
           ("inventory_item", "Beni inventariati"),
           ("warehouse_movement", "Movimenti di magazzino"),
           ("funds_payment_order", "Mandati di pagamento"),
           ("funds_receipt_order", "Reversali di incasso"),
           ("procurement_invoice", "Fatture"),
           ("staff_absence", "Assenze del personale"))


# --- keys ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int = KDF_N
    r: int = KDF_R
    p: int = KDF_P

    def as_json(self) -> dict:
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p, "salt": self.salt.hex()}

    @classmethod
    def from_json(cls, data: dict) -> KdfParams:
        try:
            if data.get("name") != "scrypt":
                raise ValueError(data.get("name"))
            params = cls(bytes.fromhex(data["salt"]), int(data["n"]), int(data["r"]),
                         int(data["p"]))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise StorageError("Parametri della chiave del backup illeggibili: il file è "
                               "danneggiato o di un'altra versione del programma.") from exc
        # A hostile header must not make scrypt eat the machine: at most 1 GiB (128·n·r).
        if not (2 <= params.n <= 2 ** 20 and params.n & (params.n - 1) == 0
                and 1 <= params.r <= 16 and 128 * params.n * params.r <= 2 ** 30
                and 1 <= params.p <= 4 and len(params.salt) >= 16):
            raise StorageError("Parametri della chiave del backup non ammessi: file danneggiato.")
        return params


@dataclass(frozen=True, repr=False)
class BackupKey:
    """The scrypt output of the passphrase with ``kdf``: what the session keeps in memory."""
    master: bytes
    kdf: KdfParams

    def file_key(self, file_salt: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        return HKDF(hashes.SHA256(), 32, file_salt, b"iissbak v1 file key").derive(self.master)

    def verifier(self) -> str:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        return HKDF(hashes.SHA256(), 32, self.kdf.salt,
                    b"iissbak v1 verifier").derive(self.master).hex()

    def matches(self, verifier: str) -> bool:
        return hmac.compare_digest(self.verifier(), verifier or "")

    def __repr__(self) -> str:   # never in a log or a traceback
        return "BackupKey(…)"


def check_passphrase(passphrase: str) -> str:
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError({"passphrase": f"La passphrase deve avere almeno "
                                             f"{MIN_PASSPHRASE} caratteri."})
    return passphrase


def derive_key(passphrase: str, kdf: KdfParams | None = None) -> BackupKey:
    """The key of ``passphrase``; a new random salt when ``kdf`` is None."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not isinstance(passphrase, str) or not passphrase:
        raise ValidationError({"passphrase": "Indicare la passphrase dei backup."})
    kdf = kdf or KdfParams(os.urandom(16))
    master = Scrypt(salt=kdf.salt, length=32, n=kdf.n, r=kdf.r, p=kdf.p).derive(
        passphrase.encode("utf-8"))
    return BackupKey(master, kdf)


# --- the header ----------------------------------------------------------------------------

@dataclass(frozen=True)
class BackupHeader:
    data: dict
    raw: bytes = field(repr=False, default=b"")   # the clear prefix, authenticated

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.data["created"])

    @property
    def kind(self) -> str:
        return self.data.get("kind", "")

    @property
    def archive_id(self) -> str | None:
        return self.data.get("archive_id")

    @property
    def school(self) -> str:
        s = self.data.get("school") or {}
        name, code = s.get("denominazione") or "", s.get("codice_meccanografico") or ""
        return f"{name} ({code})" if name and code else name or code or "—"

    @property
    def school_code(self) -> str:
        return (self.data.get("school") or {}).get("codice_meccanografico") or ""

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.data.get("counts") or {})

    @property
    def audit_head(self) -> str:
        return (self.data.get("audit") or {}).get("head", "")

    @property
    def audit_seq(self) -> int:
        return int((self.data.get("audit") or {}).get("seq", 0))

    @property
    def backend(self) -> str:
        return self.data.get("backend", "sqlite")

    def summary(self) -> list[tuple[str, str]]:
        """What the restore wizard and ``restore --dry-run`` show, label and value."""
        labels = dict(COUNTED)
        rows = [("Creato il", self.created.strftime("%d/%m/%Y alle %H:%M:%S")),
                ("Tipo", self.kind or "—"),
                ("Istituto", self.school),
                ("Archivio", ("PostgreSQL " if self.backend == "postgresql" else "")
                 + (self.data.get("source_name") or "—")),
                ("Versione del programma", self.data.get("app_version", "—")),
                ("Revisione dello schema", self.data.get("revision") or "—")]
        rows += [(labels.get(t, t), f"{n:,}".replace(",", ".")) for t, n in self.counts.items()]
        rows += [("Registro delle modifiche", f"{self.audit_seq} righe, impronta di testa "
                                              f"{self.audit_head}")]
        return rows


def _read_prefix(fh, path: Path) -> BackupHeader:
    magic = fh.read(len(MAGIC))
    if magic != MAGIC:
        if magic[:7] == MAGIC[:7]:
            raise StorageError(f"«{path.name}» è un backup di una versione più recente del "
                               "programma: aggiornare iiss_desktop.")
        raise StorageError(f"«{path.name}» non è un backup cifrato di iiss_desktop.")
    size_bytes = fh.read(4)
    if len(size_bytes) != 4:
        raise StorageError(f"«{path.name}» è troncato: non è un backup completo.")
    (size,) = struct.unpack(">I", size_bytes)
    if size > MAX_HEADER:
        raise StorageError(f"«{path.name}» è danneggiato (intestazione non valida).")
    body = fh.read(size)
    try:
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != "iissbak":
            raise ValueError
        datetime.fromisoformat(data["created"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise StorageError(f"«{path.name}» è danneggiato (intestazione illeggibile).") from None
    if data.get("version") != FORMAT_VERSION:
        raise StorageError(f"«{path.name}» è un backup di una versione più recente del "
                           "programma: aggiornare iiss_desktop.")
    return BackupHeader(data, magic + size_bytes + body)


def read_header(path: Path) -> BackupHeader:
    """The clear header of an encrypted backup: no passphrase needed."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            return _read_prefix(fh, path)
    except FileNotFoundError:
        raise StorageError(f"Il backup «{path}» non esiste.") from None
    except IsADirectoryError:
        raise StorageError(f"«{path}» è una cartella, non un backup.") from None


# --- sealing -------------------------------------------------------------------------------

def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _plain_stream(secret: dict, source: Path) -> Iterator[bytes]:
    """zlib of [length][secret JSON][file], in pieces of about CHUNK bytes."""
    comp = zlib.compressobj(6)
    blob = json.dumps(secret).encode("utf-8")
    pending = comp.compress(struct.pack(">I", len(blob)) + blob)
    with open(source, "rb") as fh:
        for piece in iter(lambda: fh.read(CHUNK), b""):
            pending += comp.compress(piece)
            while len(pending) >= CHUNK:
                yield pending[:CHUNK]
                pending = pending[CHUNK:]
    pending += comp.flush()
    while len(pending) > CHUNK:
        yield pending[:CHUNK]
        pending = pending[CHUNK:]
    yield pending


def _seal(out: Path, header: dict, secret: dict, source: Path, key: BackupKey) -> BackupHeader:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    file_salt = os.urandom(16)
    header = dict(header, format="iissbak", version=FORMAT_VERSION, kdf=key.kdf.as_json(),
                  cipher={"name": "AES-256-GCM", "chunk": CHUNK, "file_salt": file_salt.hex(),
                          "compression": "zlib"})
    body = json.dumps(header, ensure_ascii=False, indent=1).encode("utf-8")
    prefix = MAGIC + struct.pack(">I", len(body)) + body
    aead = AESGCM(key.file_key(file_salt))
    with open(out, "wb") as fh:
        fh.write(prefix)
        pieces = _plain_stream(secret, source)
        current, index = next(pieces), 0
        for following in pieces:
            sealed = aead.encrypt(_nonce(index, False), current, prefix)
            fh.write(struct.pack(">I", len(sealed)) + sealed)
            current, index = following, index + 1
        sealed = aead.encrypt(_nonce(index, True), current, prefix)
        fh.write(struct.pack(">I", len(sealed)) + sealed)
        fh.flush()
        os.fsync(fh.fileno())
    return BackupHeader(header, prefix)


def _open_chunks(path: Path, key: BackupKey | None, passphrase: str | None
                 ) -> tuple[BackupHeader, Iterator[bytes]]:
    """The header and the decrypted (still compressed) chunks; each chunk is authenticated
    before it is yielded, and a wrong passphrase fails on the first one."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    path = Path(path)
    header = read_header(path)
    kdf = KdfParams.from_json(header.data.get("kdf") or {})
    if key is None or key.kdf != kdf:
        if passphrase is None:
            raise StorageError("Questo backup è stato fatto con un'altra passphrase: indicarla.")
        key = derive_key(passphrase, kdf)
    try:
        file_salt = bytes.fromhex(header.data["cipher"]["file_salt"])
    except (KeyError, TypeError, ValueError):
        raise StorageError(WRONG_PASSPHRASE) from None
    aead = AESGCM(key.file_key(file_salt))

    def chunks() -> Iterator[bytes]:
        with open(path, "rb") as fh:
            fh.seek(len(header.raw))
            index, size_bytes = 0, fh.read(4)
            while True:
                if len(size_bytes) != 4:
                    raise StorageError(WRONG_PASSPHRASE)   # truncated before the last chunk
                (size,) = struct.unpack(">I", size_bytes)
                if size > CHUNK + 16:
                    raise StorageError(WRONG_PASSPHRASE)
                sealed = fh.read(size)
                size_bytes = fh.read(4)
                last = not size_bytes
                try:
                    yield aead.decrypt(_nonce(index, last), sealed, header.raw)
                except InvalidTag:
                    raise StorageError(WRONG_PASSPHRASE) from None
                if last:
                    return
                index += 1

    return header, chunks()


def _inflate(decomp, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The decompressed pieces, each at most 8 chunks long (free pages are zeros, which
    compress a thousandfold: one chunk must not become a gigabyte in memory)."""
    for chunk in chunks:
        yield decomp.decompress(chunk, 8 * CHUNK)
        while decomp.unconsumed_tail:
            yield decomp.decompress(decomp.unconsumed_tail, 8 * CHUNK)


def _unpack(chunks: Iterator[bytes], out: Path | None) -> dict:
    """Decompress the chunks: the secret JSON returned, the file written to ``out`` (or only
    checked, when ``out`` is None)."""
    decomp = zlib.decompressobj()
    head, secret, sink = b"", None, None
    try:
        sink = open(out, "wb") if out is not None else None
        for data in _inflate(decomp, chunks):
            if secret is None:
                head += data
                if len(head) < 4:
                    continue
                (size,) = struct.unpack(">I", head[:4])
                if size > MAX_HEADER:
                    raise StorageError(WRONG_PASSPHRASE)
                if len(head) < 4 + size:
                    continue
                secret = json.loads(head[4:4 + size].decode("utf-8"))
                data, head = head[4 + size:], b""
            if sink is not None:
                sink.write(data)
        if not decomp.eof or secret is None:
            raise StorageError(WRONG_PASSPHRASE)
        if sink is not None:
            sink.flush()
            os.fsync(sink.fileno())
    except (zlib.error, ValueError):
        raise StorageError(WRONG_PASSPHRASE) from None
    finally:
        if sink is not None:
            sink.close()
    return secret


def authenticate(path: Path, key: BackupKey) -> BackupHeader:
    """Read the whole file back and check every tag (nothing written)."""
    header, chunks = _open_chunks(path, key, None)
    _unpack(chunks, None)
    return header


def decrypt_file(path: Path, out: Path, *, passphrase: str | None = None,
                 key: BackupKey | None = None) -> tuple[BackupHeader, dict]:
    """Decrypt ``path`` into ``out`` (the database, or the pg_dump file): the header and the
    secret JSON. On any failure ``out`` is removed and StorageError(WRONG_PASSPHRASE)…"""
    header, chunks = _open_chunks(path, key, passphrase)
    try:
        secret = _unpack(chunks, out)
    except BaseException:
        if out.exists():
            out.unlink()
        raise
    return header, secret


# --- what a backup says of the archive -----------------------------------------------------

def _facts(query: Callable[[str], list], tables: set[str]) -> dict:
    facts: dict = {"school": {}, "counts": {}, "audit": {"head": "", "seq": 0}}
    if "school" in tables:
        rows = query("SELECT denominazione, codice_meccanografico FROM school ORDER BY id")
        if rows:
            facts["school"] = {"denominazione": rows[0][0], "codice_meccanografico": rows[0][1]}
    for table, _label in COUNTED:
        if table in tables:
            facts["counts"][table] = int(query(f"SELECT count(*) FROM {table}")[0][0])
    if "audit_head" in tables:
        rows = query("SELECT seq, hash FROM audit_head WHERE id = 1")
        if rows:
            facts["audit"] = {"seq": int(rows[0][0]), "head": rows[0][1]}
        try:
            rows = query("SELECT archive_id FROM audit_head WHERE id = 1")
            facts["archive_id"] = rows[0][0] if rows else None
        except Exception:   # noqa: BLE001 - an archive before migration 0011
            facts["archive_id"] = None
    if "alembic_version" in tables:
        rows = query("SELECT version_num FROM alembic_version")
        facts["revision"] = rows[0][0] if rows else None
    return facts


def sqlite_facts(path: Path) -> dict:
    from .engine import read_only_uri

    con = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return _facts(lambda sql: con.execute(sql).fetchall(), tables)
    finally:
        con.close()


def _base_header(kind: str, now: datetime, source_name: str, backend: str) -> dict:
    from datetime import UTC

    from .. import __version__

    if kind not in KINDS:
        raise ValueError(kind)
    return {"created": now.isoformat(timespec="seconds"),
            "created_utc": datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
            "kind": kind, "app_version": __version__, "backend": backend,
            "source_name": source_name}


def backup_name(now: datetime, kind: str) -> str:
    return f"{PREFIX}{now:%Y%m%d-%H%M%S}-{kind}{SUFFIX}"


def _free_path(folder: Path, now: datetime, kind: str) -> Path:
    candidate, n = folder / backup_name(now, kind), 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{PREFIX}{now:%Y%m%d-%H%M%S}-{kind}-{n}{SUFFIX}"
    return candidate


@dataclass(frozen=True)
class EncryptedBackup:
    path: Path
    header: BackupHeader
    size: int
    seconds: float
    copy: Path | None = None           # the copy in the second folder, if made
    warnings: tuple[str, ...] = ()     # e.g. the second folder (a USB disk) missing
    removed: tuple[Path, ...] = ()     # old backups removed by the rotation


def _check_folder(folder: Path) -> Path:
    from .engine import check_local_path

    folder = Path(folder)
    if not folder.is_dir():
        raise StorageError(f"La cartella dei backup «{folder}» non esiste.")
    check_local_path(folder)
    return folder


def _seal_or_remove(tmp_out: Path, header: dict, secret: dict, source: Path,
                    key: BackupKey) -> None:
    """``_seal``; a half-written file (a disk full) is removed."""
    try:
        _seal(tmp_out, header, secret, source, key)
    except OSError as exc:
        if tmp_out.exists():
            tmp_out.unlink()
        raise StorageError(f"Impossibile scrivere il backup in «{tmp_out.parent}» "
                           f"({exc.strerror}): spazio esaurito o disco protetto?") from exc
    except BaseException:
        if tmp_out.exists():
            tmp_out.unlink()
        raise


def _finish(tmp_out: Path, out: Path, key: BackupKey) -> tuple[BackupHeader, Path]:
    try:
        header = authenticate(tmp_out, key)
        n, stem = 1, out.name.removesuffix(SUFFIX)
        while out.exists():     # another backup of the same second finished meanwhile
            n += 1
            out = out.with_name(f"{stem}-{n}{SUFFIX}")
        os.replace(tmp_out, out)
    except BaseException:
        if tmp_out.exists():
            tmp_out.unlink()
        raise
    return header, out


def backup_sqlite(src: Path, folder: Path, key: BackupKey, *, kind: str = "manuale",
                  now: datetime | None = None) -> EncryptedBackup:
    """A verified copy of the SQLite archive ``src``, encrypted into ``folder``."""
    from .backup import _archive_key, _verified_copy

    started = time.perf_counter()
    src, folder = Path(src), _check_folder(folder)
    if not src.is_file():
        raise StorageError(f"L'archivio «{src}» non esiste.")
    now = now or datetime.now()
    out = _free_path(folder, now, kind)
    # Beside the archive (never on the USB disk), and a name of its own: a scheduled backup
    # and one asked from the menu may run at once.
    plain = src.with_name(f".{src.name}.backup-cifrato-{os.urandom(4).hex()}.tmp")
    tmp_out = out.with_name(f".{out.name}.{os.urandom(4).hex()}.part")
    copy = _verified_copy(src, plain, "La copia non ha superato la verifica e non viene cifrata")
    try:
        facts = sqlite_facts(plain)
        if facts["audit"]["head"] != copy.report.audit_head:
            raise StorageError("La copia non corrisponde alla verifica: riprovare.")
        _archive_id, chain = _archive_key(plain)
        header = dict(_base_header(kind, now, src.name, "sqlite"), **facts,
                      register_entries=copy.report.entries_checked)
        _seal_or_remove(tmp_out, header, {"chain_key": chain.as_json() if chain else None},
                        plain, key)
    finally:
        if plain.exists():
            plain.unlink()
    sealed, out = _finish(tmp_out, out, key)
    return EncryptedBackup(out, sealed, out.stat().st_size, time.perf_counter() - started)


# --- PostgreSQL ----------------------------------------------------------------------------

def _pg_command(db, tool: str) -> tuple[list[str], dict]:
    """``tool`` with the server's address, and PGPASSWORD in the environment (not in argv)."""
    from sqlalchemy.engine import make_url

    url = make_url(db.url)
    exe = shutil.which(tool)
    if exe is None:
        raise StorageError(f"Programma «{tool}» non trovato: installare gli strumenti client "
                           "di PostgreSQL (della stessa versione del server).")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None)
    dsn = dsn.difference_update_query(["options"])
    return [exe, "--dbname", dsn.render_as_string(hide_password=False)], env


def _run(cmd: list[str], env: dict, what: str) -> str:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600)
    except OSError as exc:
        raise StorageError(f"{what} non riuscito: {exc.strerror}.") from exc
    if done.returncode != 0:
        raise StorageError(f"{what} non riuscito: {done.stderr.strip()[:500]}")
    return done.stdout


def _pg_list(dump: Path) -> str:
    exe = shutil.which("pg_restore")
    if exe is None:
        raise StorageError("Programma «pg_restore» non trovato: installare gli strumenti "
                           "client di PostgreSQL.")
    listing = _run([exe, "--list", str(dump)], dict(os.environ),
                   "Verifica della copia (pg_restore --list)")
    if "TABLE DATA" not in listing:
        raise StorageError("La copia di PostgreSQL non contiene dati: non viene cifrata.")
    return listing


def backup_postgres(db, folder: Path, key: BackupKey, *, kind: str = "manuale",
                    now: datetime | None = None) -> EncryptedBackup:
    """``pg_dump --format=custom``, checked with ``pg_restore --list``, then encrypted."""
    from sqlalchemy import inspect, text

    started = time.perf_counter()
    folder = _check_folder(folder)
    now = now or datetime.now()
    out = _free_path(folder, now, kind)
    tmp_out = out.with_name(f".{out.name}.{os.urandom(4).hex()}.part")
    with tempfile.TemporaryDirectory(prefix="iiss-pgdump-") as tmp:
        dump = Path(tmp) / "archivio.dump"
        cmd, env = _pg_command(db, "pg_dump")
        # The header's counts and head, and the dump, from one snapshot: read here in a
        # REPEATABLE READ transaction whose snapshot pg_dump imports (--snapshot).
        with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
            with conn.begin():
                snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                tables = set(inspect(conn).get_table_names())
                facts = _facts(lambda sql: conn.execute(text(sql)).fetchall(), tables)
                _run(cmd + ["--format=custom", "--no-owner", "--snapshot", snapshot,
                            "--file", str(dump)], env, "Copia di PostgreSQL (pg_dump)")
        _pg_list(dump)
        from .chain_key import load_key

        chain = load_key(facts["archive_id"]) if facts.get("archive_id") else None
        from sqlalchemy.engine import make_url

        name = make_url(db.url).render_as_string(hide_password=True)
        header = dict(_base_header(kind, now, name, "postgresql"), **facts)
        _seal_or_remove(tmp_out, header, {"chain_key": chain.as_json() if chain else None},
                        dump, key)
    sealed, out = _finish(tmp_out, out, key)
    return EncryptedBackup(out, sealed, out.stat().st_size, time.perf_counter() - started)


def restore_postgres(db, dump: Path) -> None:
    """Replace the database's contents with a checked dump, in one transaction."""
    _pg_list(dump)
    cmd, env = _pg_command(db, "pg_restore")
    db.dispose()
    _run(cmd + ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump)],
         env, "Ripristino di PostgreSQL (pg_restore)")


# --- folders: the list, the second copy, the rotation --------------------------------------

def list_backups(folder: Path, archive_id: str | None = None) -> list[tuple[Path, BackupHeader]]:
    """The encrypted backups in ``folder`` (of ``archive_id``, when given), newest first.
    Unreadable files are left out (and never removed)."""
    found = []
    folder = Path(folder)
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
        try:
            header = read_header(path)
        except (StorageError, OSError):
            continue
        if archive_id is None or header.archive_id == archive_id:
            found.append((path, header))
    return sorted(found, key=lambda f: f[1].created, reverse=True)


def copy_to(path: Path, second: Path) -> Path:
    """Copy a finished backup into the second folder (written aside, then renamed)."""
    second = Path(second)
    if not second.is_dir():
        raise StorageError(f"La seconda cartella «{second}» non è disponibile (disco USB non "
                           "collegato?): il backup è stato fatto solo nella cartella principale.")
    target = second / path.name
    tmp = second / f".{path.name}.part"
    try:
        shutil.copyfile(path, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if _sha256(tmp) != _sha256(path):
            raise StorageError(f"La copia in «{second}» non è uguale all'originale.")
        os.replace(tmp, target)
    except OSError as exc:
        raise StorageError(f"Copia nella seconda cartella «{second}» non riuscita "
                           f"({exc.strerror}).") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for piece in iter(lambda: fh.read(CHUNK), b""):
            h.update(piece)
    return h.hexdigest()


def rotate(folder: Path, archive_id: str | None, retention: Retention) -> list[Path]:
    """Remove the backups of ``archive_id`` in ``folder`` that the rotation does not keep."""
    # Newest first; of two made in the same second ("…-2.iissbak"), the one written last.
    found = sorted(list_backups(folder, archive_id),
                   key=lambda f: (f[1].created, f[0].stat().st_mtime_ns), reverse=True)
    keep = to_keep([h.created for _p, h in found], retention)
    removed, claimed = [], set()
    for path, header in found:
        if header.created in keep and header.created not in claimed:
            claimed.add(header.created)
        else:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                continue
    return removed


# --- restore -------------------------------------------------------------------------------

@dataclass(frozen=True)
class RestoreResult:
    header: BackupHeader
    previous: Path | None = None     # the archive as it was, kept aside («prima-del-ripristino»)
    audit_rows: int = 0
    audit_head: str = ""
    replaced: bool = False


def _chain_hint(secret: dict):
    from .chain_key import ChainKey

    data = (secret or {}).get("chain_key")
    try:
        return ChainKey.from_json(data) if data else None
    except StorageError:
        return None


def restore_sqlite(path: Path, target: Path, *, passphrase: str | None = None,
                   key: BackupKey | None = None, dry_run: bool = False,
                   before_replace: Callable[[], None] | None = None) -> RestoreResult:
    """Decrypt ``path`` beside ``target``, verify it, and only then put it in place of
    ``target`` (db.backup.restore_file: the current archive is first kept aside as
    ``…-prima-del-ripristino-…``). With ``dry_run`` nothing is replaced. ``before_replace``
    runs once the whole file has been decrypted and authenticated (the GUI closes its own
    connections to the archive there: a wrong passphrase leaves them, and the file, alone)."""
    from .backup import restore_file, verify_file

    path, target = Path(path), Path(target)
    header = read_header(path)
    if header.backend != "sqlite":
        raise StorageError("Questo è un backup di un archivio PostgreSQL: ripristinarlo su "
                           "PostgreSQL (--db postgresql://…).")
    if not target.parent.is_dir():
        raise StorageError(f"La cartella «{target.parent}» non esiste.")
    plain = target.with_name(f".{target.name}.ripristino-cifrato.db")
    manifest = Path(str(plain) + ".json")
    try:
        _header, secret = decrypt_file(path, plain, passphrase=passphrase, key=key)
        hint = _chain_hint(secret)
        if dry_run:
            report = verify_file(plain, key_hint=hint)
            if not report.ok:
                raise StorageError("Il backup si decifra ma non supera la verifica:\n"
                                   + "\n".join(p.message for p in report.problems[:10]))
            return RestoreResult(header, None, report.audit_rows, report.audit_head)
        # restore_file reads the change-log key of the copy from its manifest.
        manifest.write_text(json.dumps({"chain_key": hint.as_json() if hint else None}),
                            encoding="utf-8")
        if before_replace is not None:
            before_replace()
        previous = restore_file(plain, target)
        return RestoreResult(header, previous, header.audit_seq, header.audit_head, True)
    finally:
        for leftover in (plain, manifest):
            if leftover.exists():
                leftover.unlink()


def restore_postgres_file(db, path: Path, *, passphrase: str | None = None,
                          key: BackupKey | None = None, dry_run: bool = False) -> RestoreResult:
    """Decrypt a PostgreSQL backup, check it with ``pg_restore --list`` and (unless
    ``dry_run``) load it into ``db`` in one transaction."""
    header = read_header(path)
    if header.backend != "postgresql":
        raise StorageError("Questo è un backup di un archivio SQLite: ripristinarlo su un file.")
    with tempfile.TemporaryDirectory(prefix="iiss-pgrestore-") as tmp:
        dump = Path(tmp) / "archivio.dump"
        _header, secret = decrypt_file(path, dump, passphrase=passphrase, key=key)
        _pg_list(dump)
        if dry_run:
            return RestoreResult(header, None, header.audit_seq, header.audit_head)
        restore_postgres(db, dump)
        hint = _chain_hint(secret)
        from . import head_log
        from .chain_key import load_key, save_key

        if hint is not None and load_key(hint.archive_id) is None:
            save_key(hint)
        if header.archive_id:
            # This PC's head log starts again from the restored head (the other PCs of the
            # office keep theirs: their verify reports the head moved back until restored).
            head_log.write(head_log.log_path(None, header.archive_id), header.archive_id,
                           header.audit_seq, header.audit_head, restore=True)
    return RestoreResult(header, None, header.audit_seq, header.audit_head, True)
