"""Locks for the reads that feed a write (docs/ARCHITECTURE.md, "Concurrency").

One order for every write transaction, on both engines:

1. the write gate, first: on SQLite ``BEGIN IMMEDIATE`` (db/engine.py), on PostgreSQL the
   row of the audit chain's head, ``SELECT … FOR UPDATE`` as the first statement
   (:func:`write_gate`, taken by ``unit_of_work`` and ``write_transaction``). Every write
   appends to the chain and so waits there anyway; waiting for it before holding any other
   lock is what keeps two PCs from ever waiting for each other (no deadlock);
2. the rows the action reads to decide what it writes (a stock row, the availability of a
   budget line, a leave balance), each table in key order: :func:`lock_rows`, with the rows
   that may be missing created first by :func:`create_missing` (never select-then-insert);
3. the register counters, taken when the entry is written (db/numbering.py): unique numbers
   come only from a counter row, never from max + 1.

Under the gate every read sees what the PCs before committed (READ COMMITTED reads anew at
each statement); the row locks keep each decisive read correct by itself, visible in the code,
and correct if the gate is ever narrowed (e.g. one audit chain per area).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, tuple_

_GATE = "SELECT 1 FROM audit_head WHERE id = 1 FOR UPDATE"


def write_gate(conn) -> None:
    """Take the write gate on a connection inside its write transaction (PostgreSQL; on
    SQLite the transaction's ``BEGIN IMMEDIATE`` already holds it)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_GATE)


def _key_columns(model):
    return list(model.__mapper__.primary_key)


def lock_rows(s, model, keys: Iterable | None = None, *, where=None) -> list:
    """The rows of ``model`` with these primary keys (tuples for a composite key) and/or
    matching ``where``, locked until the end of the transaction and taken in key order (so
    that two PCs locking the same rows never wait for each other). Objects already in the
    session are refreshed with the values read under the lock."""
    columns = _key_columns(model)
    stmt = select(model)
    if keys is not None:
        keys = sorted(set(keys))
        if not keys:
            return []
        key = columns[0] if len(columns) == 1 else tuple_(*columns)
        stmt = stmt.where(key.in_(keys))
    if where is not None:
        stmt = stmt.where(where)
    stmt = (stmt.order_by(*columns).with_for_update()
            .execution_options(populate_existing=True))
    return list(s.execute(stmt).scalars())


def create_missing(s, model, keys: Iterable, **defaults) -> None:
    """Make sure the rows with these primary keys exist, whoever creates them:
    ``INSERT … ON CONFLICT DO NOTHING`` (SQLite ≥ 3.24 and PostgreSQL). Only for tables that
    are not audited (derived data such as stock rows): audited rows are created through the
    ORM, under the write gate."""
    if getattr(model, "__audit__", False):
        raise RuntimeError(f"create_missing: «{model.__tablename__}» è registrata nel registro "
                           "delle modifiche, crearne le righe con gli oggetti ORM.")
    keys = sorted(set(keys))
    if not keys:
        return
    names = [c.key for c in _key_columns(model)]
    rows = [dict(zip(names, k if isinstance(k, tuple) else (k,)), **defaults) for k in keys]
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    s.execute(insert(model.__table__).values(rows).on_conflict_do_nothing())


def locked_get_or_create(s, model, keys: Iterable, **defaults) -> dict:
    """:func:`create_missing` then :func:`lock_rows`: primary key -> the locked row."""
    keys = sorted(set(keys))
    create_missing(s, model, keys, **defaults)
    columns = _key_columns(model)
    out = {}
    for row in lock_rows(s, model, keys):
        values = tuple(getattr(row, c.key) for c in columns)
        out[values if len(values) > 1 else values[0]] = row
    return out
