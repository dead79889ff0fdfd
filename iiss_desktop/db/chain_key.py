"""The secret that keys the change log's chain, kept outside the archive.

A plain SHA-256 chain only shows an edit made by someone who did not recompute the hashes
after it. From ``keyed_from`` on, each row's hash is an HMAC with a per-archive secret that is
not in the database file: in the user's data folder (``chiavi/<archive id>.json``) and in the
manifest of every backup. Whoever can write the file but has not the secret cannot rewrite
a row, or the rows after it, without ``verify`` noticing.

The archive's id and ``keyed_from`` are in ``audit_head``; the key file repeats
``keyed_from``, so moving it in the file (to pass forged rows off as older, unkeyed ones)
is seen too. Rows up to ``keyed_from`` (written before the archive had a key) stay plain.
"""
from __future__ import annotations

import json
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from ..domain.errors import StorageError


@dataclass(frozen=True)
class ChainKey:
    archive_id: str
    secret: bytes
    keyed_from: int      # rows with a greater id are keyed

    def as_json(self) -> dict:
        return {"archive_id": self.archive_id, "secret": self.secret.hex(),
                "keyed_from": self.keyed_from}

    @classmethod
    def from_json(cls, data: dict) -> ChainKey:
        try:
            return cls(str(data["archive_id"]), bytes.fromhex(data["secret"]),
                       int(data["keyed_from"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise StorageError("Chiave del registro delle modifiche illeggibile.") from exc


MISSING_KEY = ("Su questo PC manca la chiave del registro delle modifiche di questo archivio "
               "(«{archive_id}»): senza di essa nessuna modifica può essere registrata. "
               "Importarla con «iiss-desktop chiave importa FILE», dal file esportato sul PC "
               "dove l'archivio è stato creato, o ripristinare una copia di sicurezza.")


def keys_dir() -> Path:
    from ..paths import data_dir

    path = data_dir() / "chiavi"
    path.mkdir(parents=True, exist_ok=True)
    return path


def key_path(archive_id: str) -> Path:
    return keys_dir() / f"{archive_id}.json"


def load_key(archive_id: str) -> ChainKey | None:
    path = key_path(archive_id)
    if not path.exists():
        return None
    key = ChainKey.from_json(json.loads(path.read_text(encoding="utf-8")))
    if key.archive_id != archive_id:
        raise StorageError(f"La chiave «{path}» è di un altro archivio.")
    return key


def save_key(key: ChainKey) -> Path:
    """Write the key file (only if it does not exist: a key is never replaced)."""
    path = key_path(key.archive_id)
    existing = load_key(key.archive_id)
    if existing is not None:
        if existing != key:
            raise StorageError(f"Su questo PC c'è già una chiave diversa per l'archivio "
                               f"«{key.archive_id}»: non viene sostituita.")
        return path
    tmp = path.with_suffix(".tmp")
    payload = {**key.as_json(), "created": datetime.now().isoformat(timespec="seconds")}
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def head_identity(conn) -> tuple[str | None, int | None]:
    row = conn.execute(text("SELECT archive_id, keyed_from FROM audit_head WHERE id = 1")).first()
    return (row[0], row[1]) if row else (None, None)


def attach(db) -> None:
    """Give ``db`` its chain key, creating one for an archive that has none yet (a new
    archive, or one upgraded from before keys). A read-only database is never changed."""
    with db.read_engine.connect() as conn:
        archive_id, keyed_from = head_identity(conn)
    if archive_id is None and not db.read_only:
        archive_id = _create(db)
    db.archive_id = archive_id
    db.chain_key = load_key(archive_id) if archive_id else None
    db.engine.iiss_chain_key = db.chain_key   # read by audit.append_sql on the connection


def _create(db) -> str:
    from .uow import write_transaction

    archive_id = str(uuid.uuid4())
    with write_transaction(db) as conn:
        # The write gate is held: another PC starting at the same moment waits here and
        # then finds the id this one wrote.
        current, _ = head_identity(conn)
        if current is not None:
            return current
        seq = conn.execute(text("SELECT seq FROM audit_head WHERE id = 1")).scalar_one()
        # The key file first: an archive marked as keyed must never lack its key here.
        save_key(ChainKey(archive_id, secrets.token_bytes(32), seq))
        conn.execute(text("UPDATE audit_head SET archive_id = :a, keyed_from = :k "
                          "WHERE id = 1"), {"a": archive_id, "k": seq})
    return archive_id


def export_key(db, out: Path) -> Path:
    if db.chain_key is None:
        raise StorageError("Questo archivio non ha una chiave su questo PC: niente da esportare.")
    out = Path(out)
    out.write_text(json.dumps(db.chain_key.as_json(), indent=2), encoding="utf-8")
    return out


def import_key(db, source: Path) -> ChainKey:
    try:
        data = json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StorageError(f"Impossibile leggere la chiave «{source}».") from exc
    key = ChainKey.from_json(data)
    if key.archive_id != getattr(db, "archive_id", None):
        raise StorageError(f"La chiave «{source}» è dell'archivio «{key.archive_id}», non di "
                           f"questo («{getattr(db, 'archive_id', None)}»).")
    save_key(key)
    db.chain_key = key
    db.engine.iiss_chain_key = key
    return key
