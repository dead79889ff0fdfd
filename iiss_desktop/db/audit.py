"""Hash-chained audit log written in the same transaction as the change it records.

Every ORM flush is inspected (``after_flush``): inserts, updates and deletes
of audited tables become audit rows with before/after values. Each row's hash
covers the previous row's hash, so editing or deleting any row breaks the
chain from that row on (reliability.md §3.2). From the archive's ``keyed_from`` on, the hash is
an HMAC with a secret kept outside the file (db/chain_key.py), so it cannot be recomputed by
whoever edits the file.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..domain.dates import utc_now

GENESIS = "0" * 64


@dataclass(frozen=True)
class UserRef:
    """Who made a change: anything with ``id``, ``username`` and ``full_name`` will do (the
    logged-in ``domain.access.Principal`` is one)."""

    id: int | None
    username: str
    full_name: str = ""


SYSTEM_USER = UserRef(None, "sistema", "Procedura automatica")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    return value


def canonical_json(data: dict | None) -> str | None:
    if data is None:
        return None
    return json.dumps({k: _plain(v) for k, v in data.items()}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


# json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")), without
# building an encoder for every row (verify hashes tens of thousands of them).
_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def row_digest(prev_hash: str, fields: dict, secret: bytes | None = None) -> str:
    """The hash of an audit row over the previous hash and the row's own fields: HMAC-SHA256
    with the archive's secret for keyed rows, plain SHA-256 for rows before the key."""
    data = (prev_hash + _encode(fields)).encode("utf-8")
    if secret is not None:
        return hmac.digest(secret, data, "sha256").hex()
    return hashlib.sha256(data).hexdigest()


HASHED_FIELDS = ("id", "at", "user_id", "username", "action", "entity", "entity_id",
                 "before", "after", "reason")


def hashed_fields(row) -> dict:
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    return {k: get(k) for k in HASHED_FIELDS}


@dataclass
class AuditRecord:
    action: str
    entity: str
    entity_id: str
    before: dict | None = None
    after: dict | None = None
    reason: str | None = None


def append(session: Session, records: Iterable[AuditRecord]) -> None:
    """Append records to the chain, on the session's connection, inside its transaction."""
    from .driver_sql import DriverSQL

    with DriverSQL(session.connection()) as sql:
        append_sql(sql, records, session.info.get("user") or SYSTEM_USER,
                   session.info.get("reason"))


_INSERT_LOG_SQL = (f"INSERT INTO audit_log ({', '.join(HASHED_FIELDS)}, prev_hash, hash) "
                   f"VALUES ({', '.join('?' * (len(HASHED_FIELDS) + 2))})")


def append_sql(sql, records: Iterable[AuditRecord], user: UserRef,
               default_reason: str | None = None, *, before_keys: bool = False) -> None:
    """Append records on a DriverSQL, inside its transaction.

    The head row is read first (locked on PostgreSQL; SQLite's writer already holds the
    database), each row's hash covers the previous one, and the head moves to the last row.
    """
    records = list(records)
    if not records:
        return
    from ..domain.errors import StorageError

    lock = " FOR UPDATE" if sql.postgres else ""
    # Migrations older than 0011 write with a head that has no key columns yet; an engine
    # that was not opened through open_database (migrations, tools) looks.
    if not before_keys and not hasattr(sql.conn.engine, "iiss_chain_key"):
        before_keys = "archive_id" not in {c["name"] for c in
                                           inspect(sql.conn).get_columns("audit_head")}
    columns = "seq, hash, NULL, NULL" if before_keys else "seq, hash, archive_id, keyed_from"
    head = sql.first(f"SELECT {columns} FROM audit_head WHERE id = 1" + lock)
    if head is None:  # seeded by the first migration: only a damaged archive lacks it
        raise StorageError("Registro delle modifiche danneggiato (manca l'inizio della catena): "
                           "eseguire «iiss-desktop verify» e ripristinare una copia di sicurezza.")
    seq, prev, archive_id, keyed_from = head
    secret = None
    if keyed_from is not None:
        key = getattr(sql.conn.engine, "iiss_chain_key", None)
        if key is None or key.archive_id != archive_id:
            from .chain_key import MISSING_KEY

            raise StorageError(MISSING_KEY.format(archive_id=archive_id))
        secret = key.secret
    at = utc_now().isoformat(timespec="microseconds")
    rows = []
    for rec in records:
        seq += 1
        fields = {"id": seq, "at": at, "user_id": user.id, "username": user.username,
                  "action": rec.action, "entity": rec.entity, "entity_id": str(rec.entity_id),
                  "before": canonical_json(rec.before), "after": canonical_json(rec.after),
                  "reason": rec.reason or default_reason}
        digest = row_digest(prev, fields, secret)
        rows.append(tuple(fields[k] for k in HASHED_FIELDS) + (prev, digest))
        prev = digest
    sql.executemany(_INSERT_LOG_SQL, rows)
    sql.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq, prev))
    # Written to the head log beside the archive once the transaction commits (head_log.py).
    sql.conn.info["iiss_audit_head"] = (seq, prev)


SECRET = "(valore riservato)"


def _secret(obj, key: str, value):
    """Secret columns (``__audit_secret__``, e.g. password hashes) are recorded as set or
    empty, never with their value: the log is kept for ever and read by many."""
    if value is not None and key in getattr(type(obj), "__audit_secret__", ()):
        return SECRET
    return value


def _columns(obj) -> dict:
    mapper = inspect(obj).mapper
    return {attr.key: _secret(obj, attr.key, getattr(obj, attr.key))
            for attr in mapper.column_attrs}


def _identity(obj) -> str:
    # identity is not assigned yet in after_flush for new objects; the PK values are.
    values = inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join(str(_plain(v)) if v is not None else "" for v in values)


def _changes(obj) -> tuple[dict, dict]:
    state = inspect(obj)
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            before[attr.key] = _secret(obj, attr.key, hist.deleted[0] if hist.deleted else None)
            after[attr.key] = _secret(obj, attr.key, hist.added[0] if hist.added else None)
    return before, after


def _audited(obj) -> bool:
    return getattr(type(obj), "__audit__", False)


def _on_after_flush(session: Session, _flush_context) -> None:
    records = []
    for obj in session.new:
        if _audited(obj):
            records.append(AuditRecord("insert", type(obj).__tablename__, _identity(obj),
                                       after=_columns(obj)))
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                records.append(AuditRecord("update", type(obj).__tablename__, _identity(obj),
                                           before=before, after=after))
    for obj in session.deleted:
        if _audited(obj):
            records.append(AuditRecord("delete", type(obj).__tablename__, _identity(obj),
                                       before=_columns(obj)))
    append(session, records)


def _refuse_unaudited_bulk(state) -> None:
    """session.execute(update/delete/insert(...)) bypasses the flush, hence the audit:
    audited tables are changed through ORM objects only."""
    if state.is_update or state.is_delete or state.is_insert:
        mapper = state.bind_mapper
        if mapper is not None and getattr(mapper.class_, "__audit__", False):
            raise RuntimeError(f"Modifica in blocco di «{mapper.class_.__tablename__}» senza "
                               "registro delle modifiche: usare gli oggetti ORM.")


def install(session_factory) -> None:
    """Attach the audit hooks to a sessionmaker (idempotent).

    The mark is on the factory itself, not ``event.contains``: SQLAlchemy's registry keys a
    listener by ``id(target)``, and a dead factory's key lingers until the cyclic garbage
    collector runs, so a new factory at the reused address looked already hooked and its
    changes went unaudited (verify: «non risulta nel registro delle modifiche»)."""
    if getattr(session_factory, "iiss_audited", False):
        return
    event.listen(session_factory, "after_flush", _on_after_flush)
    event.listen(session_factory, "do_orm_execute", _refuse_unaudited_bulk)
    session_factory.iiss_audited = True
