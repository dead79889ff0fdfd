"""Gap-free progressive numbers (reliability.md §1.6).

The counter row is incremented inside the caller's transaction: a rollback
gives the number back, so numbers stay 1..N with no gap. SQLite serialises
writers with BEGIN IMMEDIATE; on PostgreSQL the UPDATE locks the counter row
until the transaction ends.

Numbers that are not register entries (a material request's) come from a counter row too,
keyed ``sequence(name)``: never ``max + 1``, which two PCs compute alike.
"""
from __future__ import annotations

_BUMP = "UPDATE counter SET value = value + 1 WHERE register = ? AND year = ? RETURNING value"
# Both SQLite and PostgreSQL accept ON CONFLICT DO NOTHING: two PCs opening the same new
# register-year at once both get past the insert, then the UPDATE serialises them.
_OPEN = "INSERT INTO counter (register, year, value) VALUES (?, ?, 0) ON CONFLICT DO NOTHING"
# A sequence older than its counter row opens at the last number already given. "WHERE true":
# SQLite's parser needs a WHERE before ON CONFLICT in an INSERT … SELECT.
_OPEN_AT = ("INSERT INTO counter (register, year, value) SELECT ?, ?, ({}) WHERE true "
            "ON CONFLICT DO NOTHING")

SEQUENCE_PREFIX = "#"   # counter keys that number no register (verify skips them)


def sequence(name: str) -> str:
    """The counter key of a numbering that is not a register (never a register's code)."""
    return SEQUENCE_PREFIX + name


def is_sequence(key: str) -> bool:
    return key.startswith(SEQUENCE_PREFIX)


def next_number_sql(sql, register: str, year: int, *, opening: str | None = None,
                    opening_params=()) -> int:
    """The next number of (register, year), on a DriverSQL inside a write transaction.
    ``opening``: a SELECT of the last number already given, for a counter row created on
    demand over rows numbered before it existed."""
    row = sql.first(_BUMP, (register, year))
    if row is None:
        if opening is None:
            sql.execute(_OPEN, (register, year))
        else:
            sql.execute(_OPEN_AT.format(opening), (register, year, *opening_params))
        row = sql.first(_BUMP, (register, year))
    return row[0]


def next_number(conn, register: str, year: int, **opening) -> int:
    """``next_number_sql`` for a Session or a Core Connection in a write transaction."""
    from .driver_sql import DriverSQL

    if hasattr(conn, "connection") and callable(conn.connection):  # a Session
        conn = conn.connection()
    with DriverSQL(conn) as sql:
        return next_number_sql(sql, register, year, **opening)
