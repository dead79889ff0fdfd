"""A small log of the chain's head kept beside the archive (``<archivio>.catena``; on
PostgreSQL in the user's data folder): after every committed change, one line with the
last audit row's number and hash.

The database can be rolled back by whoever has the file: the last rows deleted and the
head moved back leave a chain that is whole. The log outside the file still remembers the
row the chain had reached, and its hash (verify compares them). A restore through the
program writes a «ripristino» line, from which the comparison starts again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event

RESTORE = "ripristino"
HEADER = "archivio"
MAX_BYTES = 256 * 1024   # beyond this the log is rewritten with its last reference only


@dataclass(frozen=True)
class HeadMark:
    seq: int
    hash: str
    at: str          # UTC, ISO
    restore: bool = False


def log_path(db_path: Path | None, archive_id: str | None) -> Path | None:
    if db_path is not None:
        return Path(str(db_path) + ".catena")
    if archive_id:
        from ..paths import data_dir

        folder = data_dir() / "catene"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{archive_id}.catena"
    return None


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def write(path: Path, archive_id: str, seq: int, hash_: str, *, restore: bool = False) -> None:
    """Append one mark (a restore mark starts the comparison again)."""
    fresh = not path.exists()
    if not fresh and path.stat().st_size > MAX_BYTES:
        path.unlink()   # only the last reference matters: start again with it
        fresh = True
    with open(path, "a", encoding="utf-8") as fh:
        if fresh:
            fh.write(f"{HEADER} {archive_id}\n")
        fh.write(f"{RESTORE + ' ' if restore else ''}{seq} {hash_} {_now()}\n")


def read(path: Path | None) -> tuple[str | None, HeadMark | None]:
    """The archive id the log is for, and its reference: the highest mark after the last
    restore (a line cut short by a crash is skipped)."""
    if path is None or not path.exists():
        return None, None
    archive_id, best = None, None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == HEADER:
            archive_id = parts[1]
            continue
        restore = bool(parts) and parts[0] == RESTORE
        parts = parts[1:] if restore else parts
        if len(parts) != 3 or not parts[0].isdigit() or len(parts[1]) != 64:
            continue
        mark = HeadMark(int(parts[0]), parts[1], parts[2], restore)
        if restore or best is None or mark.seq >= best.seq:
            best = mark
    return archive_id, best


def last_restore_at(path: Path | None) -> str | None:
    if path is None or not path.exists():
        return None
    at = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == RESTORE:
            at = parts[3]
    return at


def install(engine, path: Path, archive_id: str) -> None:
    """After each commit that moved the head (audit.append_sql leaves it on the connection),
    write it to the log. The mark travels from the transaction to the connection's return to
    the pool, i.e. after the commit has completed; a rollback drops it."""

    @event.listens_for(engine, "commit")
    def _committing(conn) -> None:
        head = conn.info.pop("iiss_audit_head", None)
        if head is not None:
            conn.info["iiss_audit_head_committed"] = head

    @event.listens_for(engine, "rollback")
    def _rolled_back(conn) -> None:
        conn.info.pop("iiss_audit_head", None)
        conn.info.pop("iiss_audit_head_committed", None)

    @event.listens_for(engine.pool, "checkin")
    def _returned(dbapi_conn, record) -> None:
        if record is None:
            return
        head = record.info.pop("iiss_audit_head_committed", None)
        if head is not None:
            try:
                write(path, archive_id, *head)
            except OSError:
                pass   # the log is a second anchor: a full disk must not undo a saved change
