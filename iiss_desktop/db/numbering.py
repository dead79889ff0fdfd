"""Gap-free progressive numbers (reliability.md §1.6).

The counter row is incremented inside the caller's transaction: a rollback
gives the number back, so numbers stay 1..N with no gap. SQLite serialises
writers with BEGIN IMMEDIATE; on PostgreSQL the UPDATE locks the counter row
until the transaction ends.
"""
from __future__ import annotations

_BUMP = "UPDATE counter SET value = value + 1 WHERE register = ? AND year = ? RETURNING value"
# Both SQLite and PostgreSQL accept ON CONFLICT DO NOTHING: two PCs opening the same new
# register-year at once both get past the insert, then the UPDATE serialises them.
_OPEN = "INSERT INTO counter (register, year, value) VALUES (?, ?, 0) ON CONFLICT DO NOTHING"


def next_number_sql(sql, register: str, year: int) -> int:
    """The next number of (register, year), on a DriverSQL inside a write transaction."""
    row = sql.first(_BUMP, (register, year))
    if row is None:
        sql.execute(_OPEN, (register, year))
        row = sql.first(_BUMP, (register, year))
    return row[0]


def next_number(conn, register: str, year: int) -> int:
    """``next_number_sql`` for a Session or a Core Connection in a write transaction."""
    from .driver_sql import DriverSQL

    if hasattr(conn, "connection") and callable(conn.connection):  # a Session
        conn = conn.connection()
    with DriverSQL(conn) as sql:
        return next_number_sql(sql, register, year)
