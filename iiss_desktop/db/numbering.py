"""Gap-free progressive numbers (reliability.md §1.6).

The counter row is incremented inside the caller's transaction: a rollback
gives the number back, so numbers stay 1..N with no gap. SQLite serialises
writers with BEGIN IMMEDIATE; PostgreSQL locks the counter row.
"""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models.core import Counter


def _insert_ignore(session: Session, register: str, year: int):
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(Counter).values(register=register, year=year, value=0)
    return stmt.on_conflict_do_nothing(index_elements=["register", "year"])


def next_number(session: Session, register: str, year: int) -> int:
    bump = (update(Counter).where(Counter.register == register, Counter.year == year)
            .values(value=Counter.value + 1).returning(Counter.value))
    value = session.execute(bump).scalar_one_or_none()
    if value is None:
        session.execute(_insert_ignore(session, register, year))
        value = session.execute(bump).scalar_one()
    return value


def current_number(session: Session, register: str, year: int) -> int:
    value = session.execute(select(Counter.value).where(
        Counter.register == register, Counter.year == year)).scalar_one_or_none()
    return value or 0
