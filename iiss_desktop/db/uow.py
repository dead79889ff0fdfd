"""One unit of work (one Session, one transaction) per user action.

Leaving the block without ``commit()`` rolls everything back. Database errors
leave as DomainErrors with an Italian message; nothing half-written remains.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .audit import SYSTEM_USER, UserRef
from .engine import Database
from .errors import translate


@contextmanager
def unit_of_work(db: Database, user: UserRef | None = None, reason: str | None = None,
                 ) -> Iterator[Session]:
    session = db.Session()
    session.info["user"] = user or getattr(db, "current_user", None) or SYSTEM_USER
    if reason:
        session.info["reason"] = reason
    try:
        yield session
    except SQLAlchemyError as exc:
        session.rollback()
        domain = translate(exc)
        if domain is None:
            raise
        raise domain from exc
    finally:
        session.close()


@contextmanager
def read_session(db: Database) -> Iterator[Session]:
    """A session for queries only (plain BEGIN on SQLite, never takes the write lock)."""
    session = Session(bind=db.read_engine)
    try:
        yield session
    except SQLAlchemyError as exc:
        domain = translate(exc)
        if domain is None:
            raise
        raise domain from exc
    finally:
        session.close()


@contextmanager
def write_transaction(db: Database) -> Iterator:
    """A Core connection in one write transaction (BEGIN IMMEDIATE on SQLite), committed at the
    end of the block, rolled back on any error. For hot paths where the ORM costs too much."""
    # Hot paths run plain SQL on the driver cursor (db.driver_sql): its errors are the
    # driver's own (sqlite3 / psycopg), not SQLAlchemy's, and must be translated too.
    driver_error = db.engine.dialect.loaded_dbapi.Error
    try:
        with db.engine.begin() as conn:
            yield conn
    except (SQLAlchemyError, driver_error) as exc:
        domain = translate(exc)
        if domain is None:
            raise
        raise domain from exc
