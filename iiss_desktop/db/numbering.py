"""Gap-free progressive numbers (reliability.md §1.6).

The counter row is incremented inside the caller's transaction: a rollback
gives the number back, so numbers stay 1..N with no gap. SQLite serialises
writers with BEGIN IMMEDIATE; PostgreSQL locks the counter row.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select, update

from ..models.core import Counter


def _insert_ignore(conn, register: str, year: int):
    dialect = (conn.dialect if hasattr(conn, "dialect") else conn.get_bind().dialect).name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(Counter).values(register=register, year=year, value=0)
    return stmt.on_conflict_do_nothing(index_elements=["register", "year"])


_COUNTER = Counter.__table__
_BUMP = (update(_COUNTER)
         .where(_COUNTER.c.register == bindparam("r"), _COUNTER.c.year == bindparam("y"))
         .values(value=_COUNTER.c.value + 1).returning(_COUNTER.c.value))


def next_number(session, register: str, year: int) -> int:
    """The next number of (register, year); ``session`` is a Session or a Core Connection."""
    params = {"r": register, "y": year}
    value = session.execute(_BUMP, params).scalar_one_or_none()
    if value is None:
        session.execute(_insert_ignore(session, register, year))
        value = session.execute(_BUMP, params).scalar_one()
    return value


def current_number(session, register: str, year: int) -> int:
    value = session.execute(select(Counter.value).where(
        Counter.register == register, Counter.year == year)).scalar_one_or_none()
    return value or 0


_BUMP_SQL = "UPDATE counter SET value = value + 1 WHERE register = ? AND year = ? RETURNING value"
_INSERT_SQL = {
    # Both SQLite and PostgreSQL accept ON CONFLICT DO NOTHING.
    False: "INSERT INTO counter (register, year, value) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
    True: "INSERT INTO counter (register, year, value) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
}


def next_number_sql(sql, register: str, year: int) -> int:
    """``next_number`` on a DriverSQL (the hot path of register_entry)."""
    row = sql.first(_BUMP_SQL, (register, year))
    if row is None:
        sql.execute(_INSERT_SQL[sql.postgres], (register, year))
        row = sql.first(_BUMP_SQL, (register, year))
    return row[0]
