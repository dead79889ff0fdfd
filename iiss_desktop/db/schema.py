"""Open a database: check what the file is, back it up, bring the schema to head.

Alembic scripts ship inside the package (``db/migrations``). A database whose
revision this version does not know was written by a newer version and is
refused, so an old copy of the program can never damage it.
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from ..domain.errors import NewerDatabaseError, NotADatabaseError, StorageError
from .engine import APPLICATION_ID, Database, check_local_path, make_database, read_only_uri
from .errors import CORRUPT

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
QUICK_CHECK_MAX_BYTES = 200 * 1024 * 1024
MIGRATION_LOCK = 0x11550001  # PostgreSQL advisory lock key held while migrating


def _newest_migration() -> str:
    """The newest migration, by its numbered file name (``0006_warehouse.py`` is revision
    ``0006_warehouse``): an area adding a migration edits nothing here. Opening an archive
    already at this revision needs no Alembic at all (importing it costs a third of the
    start-up); tests/db/test_migrations.py checks it is Alembic's own head."""
    names = sorted(p.stem for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return names[-1]


SCHEMA_HEAD = _newest_migration()


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    """The revision stored in the database (plain SQL: no Alembic import)."""
    from sqlalchemy import inspect, text

    with db.read_engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


EMPTY_OR_DAMAGED = ("L'archivio «{path}» è vuoto o danneggiato{detail}: non è un archivio "
                    "valido di iiss_desktop e non viene né usato né sovrascritto. Ripristinare "
                    "l'ultima copia di sicurezza (comando «iiss-desktop restore») oppure "
                    "indicare l'archivio giusto.")


def _damaged(path: Path, detail: str = "") -> NotADatabaseError:
    return NotADatabaseError(EMPTY_OR_DAMAGED.format(path=path, detail=detail))


def _truncated(header: bytes, size: int) -> bool:
    """The file is shorter than the pages its header counts (a copy cut short). The count is
    valid only when the change counter matches the version-valid-for number (SQLite file
    format §1.3.9); cheap, so it covers the big archives that skip quick_check."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    return valid and pages > 0 and size < pages * page_size


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite, is another program's SQLite file, is empty or cut
    short, before touching it. Only a missing file may become a new archive (the demo, the
    first start): a file of 0 bytes is an archive lost, never overwritten."""
    if path.is_dir():
        raise NotADatabaseError(f"«{path}» è una cartella, non un archivio.")
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError(f"Impossibile leggere l'archivio «{path}»: {exc.strerror}.") from exc
    if len(header) == 0:
        raise _damaged(path, " (0 byte)")
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise _damaged(path)
    wal = Path(str(path) + "-wal")
    # With a WAL in use a checkpoint may be writing the file right now: SQLite reads it.
    if _truncated(header, size) and not (wal.exists() and wal.stat().st_size):
        raise _damaged(path, " (il file è più corto di quanto dichiara: forse una copia "
                             "interrotta)")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise NotADatabaseError(f"«{path}» è un archivio SQLite di un altro programma, "
                                "non di iiss_desktop.")
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            # quick_check reads the whole file: on big archives it is left to verify/backup
            # (reliability.md §1.8), a cheap structural read is enough to open.
            small = path.stat().st_size <= QUICK_CHECK_MAX_BYTES
            result = con.execute("PRAGMA quick_check" if small else
                                 "SELECT 'ok' FROM sqlite_master LIMIT 1").fetchone()
            result = result[0] if result else "ok"
            tables = {r[0] for r in
                      con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path) from exc
    if result != "ok":
        raise _damaged(path, f" (controllo: {result})")
    if app_id == 0 and tables and "alembic_version" not in tables:
        # Refused here, read-only: opening it with the engine would already switch it to WAL.
        raise NotADatabaseError(f"«{path}» non è un archivio di iiss_desktop.")


def file_revision(path: Path) -> str | None:
    """The Alembic revision written in a database file, read without modifying it."""
    con = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        has_table = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                                "AND name='alembic_version'").fetchone()
        row = con.execute("SELECT version_num FROM alembic_version").fetchone() if has_table \
            else None
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(f"«{path}»: {CORRUPT}") from exc
    finally:
        con.close()
    return row[0] if row else None


NEWER_MESSAGE = ("L'archivio «{name}» è stato scritto da una versione più recente di "
                 "iiss_desktop: per non danneggiarlo non viene usato. Installare l'ultima "
                 "versione del programma.")


def refuse_unknown_revision(path: Path) -> str | None:
    revision = file_revision(path)
    if revision not in (None, SCHEMA_HEAD) and revision not in known_revisions():
        raise NewerDatabaseError(NEWER_MESSAGE.format(name=path))
    return revision


def open_for_reading(target) -> Database:
    """A database opened only to read it (verify, print): a SQLite file is opened read-only
    and left byte for byte as it was; a PostgreSQL URL gets its normal engine."""
    from .engine import is_url, read_only_database

    if is_url(target):
        db = make_database(target)
        try:
            current = _first_contact(db)
        except BaseException:
            db.dispose()
            raise
        if current is not None and current not in known_revisions():
            db.dispose()
            raise NewerDatabaseError(NEWER_MESSAGE.format(name=db.display_name))
        return db
    path = check_local_path(target)
    if not path.exists():
        raise StorageError(f"L'archivio «{path}» non esiste.")
    check_sqlite_file(path)
    refuse_unknown_revision(path)
    return read_only_database(path)


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    if db.is_sqlite:
        # Foreign keys off while batch mode rebuilds tables (the pragma is ignored inside a
        # transaction, so it goes straight to the driver); checked again right after.
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
            raw.execute(f"PRAGMA application_id={APPLICATION_ID:d}")
            bad = raw.execute("PRAGMA foreign_key_check").fetchall()
            raw.execute("PRAGMA foreign_keys=ON")
        if bad:
            raise StorageError(f"Aggiornamento dell'archivio: {len(bad)} riferimenti non validi.")
    else:
        with db.engine.connect() as conn:
            # Several PCs may start a new version at once: one migrates, the others wait
            # here and then find the schema already at head.
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
            conn.commit()
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                conn.commit()
            finally:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
                conn.commit()


def open_database(target, *, create: bool = False, migrate: bool = True,
                  backup_before_migrate: bool = True, drive_is_remote=None) -> Database:
    """Open (and if allowed create) a database at a path or URL, schema at head."""
    from ..areas import load_registers
    from .engine import is_url

    load_registers()   # verify, prints and services find every area's registers defined

    path = None if is_url(target) else Path(target)
    creating = False
    if path is not None:
        check_local_path(path, drive_is_remote=drive_is_remote)
        if not path.exists():
            creating = True
            if not create:
                raise StorageError(f"L'archivio «{path}» non esiste.")
            if not path.parent.exists():
                raise StorageError(f"La cartella «{path.parent}» non esiste.")
        else:
            check_sqlite_file(path)
    db = make_database(target, drive_is_remote=drive_is_remote)
    try:
        current = _first_contact(db)
        if current == SCHEMA_HEAD:
            _anchor(db, creating)
            return db  # the usual case: nothing to check further, nothing to migrate
        head = head_revision()
        if current is not None and current not in known_revisions():
            raise NewerDatabaseError(NEWER_MESSAGE.format(name=db.display_name))
        if current is None and not migrate:
            raise StorageError(f"L'archivio «{db.display_name}» è vuoto o non inizializzato.")
        if current != head and migrate:
            if current is None and path is not None and path.exists() and path.stat().st_size:
                _refuse_foreign_schema(db)
            if current is not None and path is not None and backup_before_migrate:
                from .backup import backup_before_upgrade

                copy = backup_before_upgrade(db, current)
                log.info("Copia di sicurezza prima dell'aggiornamento: %s", copy)
            upgrade(db)
        _anchor(db, creating)
    except Exception:
        db.dispose()
        raise
    return db


def _anchor(db: Database, creating: bool = False) -> None:
    """The chain's key (created for an archive that has none) and the head log beside it
    (a new archive where a deleted one was does not inherit its log)."""
    from . import chain_key, head_log

    if creating and db.path is not None:
        head_log.log_path(db.path, None).unlink(missing_ok=True)
    chain_key.attach(db)
    path = head_log.log_path(db.path, db.archive_id)
    if path is not None and db.archive_id:
        head_log.install(db.engine, path, db.archive_id)


def _first_contact(db: Database) -> str | None:
    """The schema revision, or a clear message if the database cannot be reached at all."""
    from sqlalchemy.exc import SQLAlchemyError

    from .errors import translate

    try:
        return current_revision(db)
    except SQLAlchemyError as exc:
        known = translate(exc)
        if known is not None:
            raise known from exc
        if db.is_sqlite:
            raise StorageError(f"Impossibile aprire l'archivio «{db.display_name}»: "
                               f"{getattr(exc, 'orig', exc)}") from exc
        raise StorageError(f"Impossibile collegarsi al server PostgreSQL «{db.display_name}»: "
                           "controllare indirizzo, utente, password e che il server sia acceso. "
                           f"(Dettaglio: {str(getattr(exc, 'orig', exc)).strip()})") from exc


def _refuse_foreign_schema(db: Database) -> None:
    """A non-empty SQLite file without our version table is not ours: never migrate it."""
    with db.engine.connect() as conn:
        tables = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type='table'").scalar()
    if tables:
        raise NotADatabaseError(f"«{db.display_name}» non è un archivio di iiss_desktop.")
