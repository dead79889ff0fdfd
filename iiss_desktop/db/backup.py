"""Backups through SQLite's online backup API, verified before they count.

Never copy the live file (a backup taken mid-transaction can be corrupt). A
copy is written under a temporary name, synced, checked (integrity, numbering,
audit chain) and only then renamed into place. Restore writes the backup next
to the target, removes stale -wal/-shm files and renames it into place: it
never overlays a WAL that belongs to another file.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.errors import StorageError
from .engine import APPLICATION_ID, Database, check_local_path, read_only_database, read_only_uri
from .verify import Report, verify


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    sha256: str
    audit_head: str
    audit_rows: int
    entries: int


def _fsync(path: Path) -> None:
    # Opened for writing: on Windows os.fsync (_commit) fails on a read-only descriptor.
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.unlink()


def verify_file(path: Path, key_hint=None) -> Report:
    """Run every integrity check on a database file (e.g. a backup) without modifying it.
    Its head is not compared with the head log and the backups: a copy may rightly be older."""
    from .schema import check_sqlite_file

    check_sqlite_file(path)
    db = read_only_database(path)
    try:
        return verify(db, anchors=False, key_hint=key_hint)
    finally:
        db.dispose()


def read_manifest(backup: Path) -> dict | None:
    path = Path(str(backup) + ".json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _manifest_key(manifest: dict | None):
    from .chain_key import ChainKey

    if not manifest or not manifest.get("chain_key"):
        return None
    try:
        return ChainKey.from_json(manifest["chain_key"])
    except StorageError:
        return None


def manifests_of(archive_id: str, source: str, *, since: str = "") -> list[dict]:
    """The manifests, newest first, of the backups of this archive (same id, same file or
    server) kept in the backup folder and made after ``since`` (UTC ISO: the last restore)."""
    from ..paths import backups_dir

    found = []
    for path in backups_dir().glob("*.db.json"):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (manifest.get("archive_id") == archive_id and manifest.get("source") == source
                and manifest.get("created_utc", "") > since
                and isinstance(manifest.get("audit_seq"), int)):
            found.append(manifest)
    return sorted(found, key=lambda m: m["created_utc"], reverse=True)


def _copy_online(src: Path, tmp: Path) -> None:
    source = sqlite3.connect(read_only_uri(src), uri=True)
    target = sqlite3.connect(tmp)
    try:
        source.execute("PRAGMA busy_timeout=5000")
        # All pages in one step, under one read transaction: a consistent snapshot, and in WAL
        # mode writers are not blocked meanwhile. Copying in chunks restarts from scratch each
        # time another connection writes between two chunks, so on a file larger than one
        # chunk a backup taken while someone keeps working would never finish.
        source.backup(target, pages=-1)
        # A backup is a single self-contained file: switch it out of WAL mode.
        target.execute("PRAGMA journal_mode=DELETE")
        target.execute(f"PRAGMA application_id={APPLICATION_ID:d}")
        target.commit()
    except sqlite3.Error as exc:
        raise StorageError("Copia di sicurezza non riuscita: il file di origine non è leggibile "
                           f"o il disco è pieno (dettaglio tecnico: {exc}).") from exc
    finally:
        target.close()
        source.close()


@dataclass(frozen=True)
class _Copy:
    path: Path
    report: Report


def _verified_copy(src: Path, tmp: Path, refusal: str, key_hint=None) -> _Copy:
    """Copy ``src`` into ``tmp`` through SQLite, sync it and verify that very file.
    On any failure ``tmp`` is removed and a StorageError starting with ``refusal`` raised."""
    if tmp.exists():
        tmp.unlink()
    try:
        _copy_online(src, tmp)
        _fsync(tmp)
        report = verify_file(tmp, key_hint)
        if not report.ok:
            raise StorageError(f"{refusal}:\n" +
                               "\n".join(p.message for p in report.problems[:10]))
        _remove_sidecars(tmp)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        _remove_sidecars(tmp)
        raise
    return _Copy(tmp, report)


def backup_file(src: Path, out: Path, *, overwrite: bool = False) -> BackupResult:
    """Back up ``src`` into ``out`` with the online backup API, then verify the copy."""
    src, out = Path(src), Path(out)
    if not src.exists():
        raise StorageError(f"L'archivio «{src}» non esiste.")
    if src.is_dir():
        raise StorageError(f"«{src}» è una cartella, non un archivio.")
    if out.is_dir():
        raise StorageError(f"«{out}» è una cartella: indicare il nome del file della copia.")
    check_local_path(out)
    if out.exists() and not overwrite:
        raise StorageError(f"Il file «{out}» esiste già: scegliere un altro nome.")
    if not out.parent.exists():
        raise StorageError(f"La cartella «{out.parent}» non esiste.")
    tmp = _verified_copy(src, out.with_name(out.name + ".tmp"),
                         "La copia non ha superato la verifica")
    report = tmp.report
    try:
        os.replace(tmp.path, out)
    except OSError as exc:
        tmp.path.unlink()
        raise StorageError(f"Impossibile scrivere «{out}» ({exc.strerror}).") from exc
    result = BackupResult(out, out.stat().st_size, _sha256(out), report.audit_head,
                          report.audit_rows, report.entries_checked)
    _write_manifest(result, src)
    return result


def _archive_key(path: Path):
    """The id and key of the archive in ``path`` (None, None for one without a key)."""
    from .chain_key import load_key

    con = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        row = con.execute("SELECT archive_id FROM audit_head WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        row = None   # an archive before migration 0011
    finally:
        con.close()
    archive_id = row[0] if row else None
    return archive_id, (load_key(archive_id) if archive_id else None)


def _write_manifest(result: BackupResult, src: Path) -> None:
    """The audit chain head, anchored outside the database (reliability.md §3.2), and the
    chain's key, so a copy restored on another PC can still be verified."""
    from datetime import UTC

    archive_id, key = _archive_key(result.path)
    manifest = {
        "file": result.path.name,
        "created": datetime.now().isoformat(timespec="seconds"),
        "created_utc": datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        "source": str(src),
        "size": result.size,
        "sha256": result.sha256,
        "archive_id": archive_id,
        "audit_head": result.audit_head,
        "audit_seq": result.audit_rows,
        "audit_rows": result.audit_rows,
        "register_entries": result.entries,
        "chain_key": key.as_json() if key else None,
    }
    Path(str(result.path) + ".json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def backup_before_upgrade(db: Database, revision: str) -> Path:
    from ..paths import backups_dir

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = backups_dir() / f"{db.path.stem}-prima-aggiornamento-{revision}-{stamp}.db"
    return backup_file(db.path, out).path


def _in_use(path: Path) -> bool:
    """True if any other connection has the database open, even idle.

    In exclusive locking mode SQLite needs the file to itself: an idle connection of a
    running iiss_desktop (which holds no write lock) is enough to make this fail.
    """
    con = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    try:
        con.execute("PRAGMA locking_mode=EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    except sqlite3.DatabaseError:
        return False  # not a database at all (damaged): nobody can be working on it
    finally:
        con.close()


def restore_file(backup: Path, target: Path, *, keep_previous: bool = True) -> Path | None:
    """Replace ``target`` with a verified ``backup``. Returns the path of the previous copy."""
    backup, target = Path(backup), Path(target)
    check_local_path(target)
    if not backup.exists():
        raise StorageError(f"La copia di sicurezza «{backup}» non esiste.")
    if not target.parent.exists():
        raise StorageError(f"La cartella «{target.parent}» non esiste.")
    from .schema import check_sqlite_file, refuse_unknown_revision

    check_sqlite_file(backup)
    refuse_unknown_revision(backup)
    key = _manifest_key(read_manifest(backup))
    # What is put in place is a fresh copy made through SQLite (so it includes whatever the
    # copy's own -wal holds), and it is that very file that is verified.
    copy = _verified_copy(backup, target.with_name(target.name + ".restore"),
                          "La copia di sicurezza non supera la verifica e non viene "
                          "ripristinata", key_hint=key)
    tmp = copy.path
    previous = None
    if target.exists():
        if _in_use(target):
            tmp.unlink()
            raise StorageError(f"L'archivio «{target}» è in uso: chiudere iiss_desktop su "
                               "questo PC e riprovare.")
        if keep_previous:
            previous = _free_name(target, "prima-del-ripristino")
            try:
                backup_file(target, previous)
            except StorageError:
                # A damaged archive (the usual reason for a restore) cannot be backed up
                # through SQLite: keep its bytes, and its sidecars, as they are.
                previous = previous.with_name(previous.stem + "-danneggiato" + previous.suffix)
                for suffix in ("", "-wal", "-shm", "-journal"):
                    if Path(str(target) + suffix).exists():
                        shutil.copyfile(str(target) + suffix, str(previous) + suffix)
    try:
        _remove_sidecars(target)   # a stale WAL must never be replayed onto the restored file
        os.replace(tmp, target)
    except OSError as exc:
        if tmp.exists():
            tmp.unlink()
        raise StorageError(f"Ripristino non riuscito: impossibile sostituire «{target}» "
                           f"({exc.strerror}). Chiudere iiss_desktop e riprovare.") from exc
    _after_restore(target, key, copy.report)
    return previous


def _free_name(target: Path, what: str) -> Path:
    """``<name>-<what>-<stamp>.db``, with -2, -3… when several are made in the same second
    (none of the kept copies is ever overwritten)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{target.stem}-{what}-{stamp}"
    def taken(path: Path) -> bool:
        damaged = path.with_name(path.stem + "-danneggiato" + path.suffix)
        return path.exists() or damaged.exists()

    candidate, n = target.with_name(base + target.suffix), 1
    while taken(candidate):
        n += 1
        candidate = target.with_name(f"{base}-{n}{target.suffix}")
    return candidate


def _after_restore(target: Path, key, report: Report) -> None:
    """The restored archive's key is kept on this PC (it may come from another one), and
    its head log starts again from the restored head."""
    from . import head_log
    from .chain_key import save_key

    archive_id, local = _archive_key(target)
    if archive_id is None:
        return
    if local is None and key is not None and key.archive_id == archive_id:
        save_key(key)
    head_log.write(head_log.log_path(target, archive_id), archive_id, report.audit_rows,
                   report.audit_head, restore=True)


AUTO_KEEP = 14  # automatic copies kept: two weeks of working days and then some


def automatic_backup(db_path: Path, folder: Path, *, keep: int = AUTO_KEEP,
                     now: datetime | None = None) -> BackupResult | None:
    """The daily automatic copy: made once a day, verified, the oldest beyond ``keep`` removed.

    Returns None when today's copy already exists.
    """
    now = now or datetime.now()
    prefix = f"{Path(db_path).stem}-auto-"
    pattern = glob.escape(prefix)  # "archivio [2025].db" must not be read as a pattern
    if any(folder.glob(f"{pattern}{now:%Y%m%d}-*.db")):
        return None
    result = backup_file(Path(db_path), folder / f"{prefix}{now:%Y%m%d-%H%M%S}.db")
    copies = sorted(folder.glob(f"{pattern}*.db"))  # names sort by date
    for old in copies[:-keep] if keep > 0 else []:
        for path in (old, Path(str(old) + ".json")):
            if path.exists():
                path.unlink()
    return result
