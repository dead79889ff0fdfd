"""Column types: money as integer cents, never REAL."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator

from ..domain.money import from_cents, to_cents


class Cents(TypeDecorator):
    """``Decimal`` in Python, integer cents in the database (exact on SQLite and PostgreSQL)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return to_cents(Decimal(value))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return from_cents(value)
