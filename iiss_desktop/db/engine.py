"""The engine factory: the only place that knows SQLite from PostgreSQL.

SQLite (one PC, local disk): WAL, synchronous=FULL, foreign keys, a busy
timeout on every connection, and ``BEGIN IMMEDIATE`` so that a writer takes
the lock at the start of its transaction and waits for it instead of failing
half-way (reliability.md §1.5). PostgreSQL (several PCs): a URL instead of a
path; the counter row's lock serialises numbering.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import sessionmaker

from ..domain.errors import NetworkPathError, NotADatabaseError, StorageError

APPLICATION_ID = 0x49495353  # "IISS": tells our files from any other SQLite file
BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=FULL",
    "foreign_keys=ON",
    f"busy_timeout={BUSY_TIMEOUT_MS}",
)

NETWORK_MESSAGE = (
    "L'archivio «{path}» si trova su un percorso di rete. Un archivio SQLite condiviso in rete "
    "si può danneggiare: tenere il file su un disco locale del PC oppure, se più postazioni "
    "devono lavorare sugli stessi dati, usare la modalità PostgreSQL (indicare l'indirizzo "
    "postgresql://utente@server/database al posto del file).")


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def _windows_drive_is_remote(path: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(path))[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def is_network_path(path: str | Path, *, drive_is_remote=None) -> bool:
    """UNC paths (\\\\server\\share, //server/share) and, on Windows, mapped network drives."""
    text = str(path)
    if re.match(r"^(\\\\|//)[^\\/]+[\\/]", text):
        return True
    if text.lower().startswith(("\\\\?\\unc\\", "smb://", "nfs://")):
        return True
    checker = drive_is_remote
    if checker is None and sys.platform == "win32":  # pragma: no cover
        checker = _windows_drive_is_remote
    return bool(checker and checker(text))


def check_local_path(path: str | Path, *, drive_is_remote=None) -> Path:
    if is_network_path(path, drive_is_remote=drive_is_remote):
        raise NetworkPathError(NETWORK_MESSAGE.format(path=path))
    return Path(path)


def _install_sqlite_policy(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con, _record):
        dbapi_con.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_con.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cur.execute("PRAGMA " + pragma)
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Reads may use a deferred BEGIN; every write transaction takes the lock up front.
        if conn.get_execution_options().get("iiss_read_only"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass
class Database:
    """One database: its engine, a read engine and the Session factory."""

    url: str
    engine: Engine
    read_engine: Engine
    Session: sessionmaker
    path: Path | None = None
    # The domain.access.Principal working now (set by services.users.login / act_as); the
    # audit log and the registers use its id, username and full_name.
    current_user: object = None
    read_only: bool = False  # opened read-only (verify, print): nothing can be recorded
    # Failed logins with names that are no user, kept in memory: they are delayed like the
    # real ones, so the delay does not tell which names exist (services.users.authenticate).
    unknown_login_failures: dict = field(default_factory=dict)
    # The archive's id and the secret keying its change log (db/chain_key.py), once opened.
    archive_id: str | None = None
    chain_key: object = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


IDLE_TX_TIMEOUT_MS = 60_000   # PostgreSQL: a transaction idle this long is ended by the server


def make_database(target: str | Path, *, drive_is_remote=None, echo: bool = False) -> Database:
    """Build the engines for a file path or a database URL. Does not touch the schema."""
    if is_url(target):
        url = make_url(str(target))
        if url.get_backend_name() == "sqlite":
            return make_database(url.database or "", drive_is_remote=drive_is_remote, echo=echo)
        if url.get_backend_name() != "postgresql":
            raise StorageError(f"Database «{url.get_backend_name()}» non supportato: usare un file "
                               "SQLite oppure un indirizzo postgresql://…")
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        try:
            # Every write takes the write gate first (db/locking.py): a PC that stops in the
            # middle of a transaction (a network cut) must not hold the others for long.
            # Added to the URL's own options (e.g. "?options=-c lock_timeout=100"), not instead.
            given = url.query.get("options", "")
            given = " ".join(given) if isinstance(given, tuple) else given
            url = url.update_query_dict({"options": f"{given} -c idle_in_transaction_session_"
                                                    f"timeout={IDLE_TX_TIMEOUT_MS}".strip()})
            engine = create_engine(url, echo=echo, pool_pre_ping=True)
        except ImportError as exc:
            raise StorageError("Per usare PostgreSQL manca il driver: installare "
                               "«pip install iiss-desktop[postgres]».") from exc
        path = None
    else:
        path = check_local_path(target, drive_is_remote=drive_is_remote)
        if path.is_dir():
            raise NotADatabaseError(f"«{path}» è una cartella, non un archivio.")
        engine = create_engine(f"sqlite:///{path}", echo=echo)
        _install_sqlite_policy(engine)
    read_engine = engine.execution_options(iiss_read_only=True)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    from . import audit  # every change made through a session of this factory is audited

    audit.install(factory)
    return Database(url=str(engine.url), engine=engine, read_engine=read_engine,
                    Session=factory, path=path)


def read_only_uri(path: str | Path) -> str:
    """SQLite URI opening ``path`` read-only. ``as_uri`` percent-encodes spaces, '#' and '?'
    and writes Windows drive paths as file:///C:/..., which SQLite understands."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def read_only_database(path: Path) -> Database:
    """A database opened read-only (for checking a backup): no pragma writes, no WAL switch."""
    import sqlite3

    from sqlalchemy.pool import NullPool

    path = Path(path)
    engine = create_engine("sqlite://", poolclass=NullPool,
                           creator=lambda: sqlite3.connect(read_only_uri(path), uri=True,
                                                           check_same_thread=False))
    return Database(url=f"sqlite:///{path}", engine=engine, read_engine=engine,
                    Session=sessionmaker(bind=engine), path=path, read_only=True)
