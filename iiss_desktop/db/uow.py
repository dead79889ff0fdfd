"""One unit of work (one Session, one transaction) per user action.

Leaving the block without ``commit()`` rolls everything back. Database errors
leave as DomainErrors with an Italian message; nothing half-written remains.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .audit import SYSTEM_USER, UserRef
from .engine import Database
from .errors import translate
from .locking import write_gate


@contextmanager
def translated_errors(db: Database) -> Iterator[None]:
    """Database errors leave as DomainErrors with an Italian message.

    Hot paths run plain SQL on the driver cursor (db.driver_sql): their errors are the
    driver's own (sqlite3 / psycopg), not SQLAlchemy's, and are translated too. Errors with
    no known translation (programming errors) go on unchanged to the error dialog.
    """
    driver_error = db.engine.dialect.loaded_dbapi.Error
    try:
        yield
    except (SQLAlchemyError, driver_error) as exc:
        domain = translate(exc)
        if domain is None:
            raise
        raise domain from exc


@contextmanager
def unit_of_work(db: Database, user: UserRef | None = None, reason: str | None = None,
                 ) -> Iterator[Session]:
    session = db.Session()
    session.info["user"] = user or getattr(db, "current_user", None) or SYSTEM_USER
    if reason:
        session.info["reason"] = reason
    try:
        with translated_errors(db):
            try:
                if not db.is_sqlite and not db.read_only:
                    write_gate(session.connection())   # first lock of the transaction
                yield session
            except BaseException:
                session.rollback()
                raise
    finally:
        session.close()


@contextmanager
def read_session(db: Database) -> Iterator[Session]:
    """A session for queries only (plain BEGIN on SQLite, never takes the write lock)."""
    session = Session(bind=db.read_engine)
    try:
        with translated_errors(db):
            yield session
    finally:
        session.close()


@contextmanager
def write_transaction(db: Database) -> Iterator:
    """A Core connection in one write transaction (BEGIN IMMEDIATE on SQLite), committed at the
    end of the block, rolled back on any error. For hot paths where the ORM costs too much."""
    with translated_errors(db), db.engine.begin() as conn:
        write_gate(conn)   # first lock of the transaction (PostgreSQL)
        yield conn
