"""Declarative base with a naming convention (needed by Alembic batch mode on SQLite)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, mapped_column

from ..domain.dates import utc_now
from .types import Cents

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

intpk = Annotated[int, mapped_column(primary_key=True)]
Money = Annotated[Decimal, mapped_column(Cents())]
str20 = Annotated[str, mapped_column(String(20))]
str80 = Annotated[str, mapped_column(String(80))]
str200 = Annotated[str, mapped_column(String(200))]
created_at = Annotated[datetime, mapped_column(default=utc_now)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    # Tables whose changes are not written to the audit log (the log itself, counters).
    __audit__ = True
