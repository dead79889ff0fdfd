"""Every text and amount written to the database is checked against its column, in one place.

ORM writes: each String/Text attribute of every model gets a "set" listener (installed when the
mappers are configured, so a new area's models get it with no code of their own). Assigning a
value normalises it (NFC; line breaks of a Text column become "\\n") and refuses a NUL, a
control character (newline and tab only in a Text column) or a text longer than the column,
with a ValidationError naming the field by its Italian label (domain/fields.py,
domain/labels.py). It runs before the flush, so the audit log records the stored text and
nothing is written. SQLite would store an over-long text that PostgreSQL refuses: the
length is checked here, the same on both engines.

Amounts (``Cents`` columns) are refused when NaN, infinite or beyond what the column's
integer cents hold (domain.money.finite_amount), named the same way; they are not changed.

Plain-SQL hot paths (db/driver_sql.py) call ``check_row`` with the values they insert.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import String, event
from sqlalchemy.orm import Mapper

from ..domain import labels as _labels  # noqa: F401 - declares the labels of every table
from ..domain.errors import ValidationError
from ..domain.fields import column_label
from ..domain.money import finite_amount
from ..domain.text import lower_first, normalize_text, text_problem
from .base import Base
from .types import Cents


@dataclass(frozen=True)
class TextColumn:
    table: str
    name: str
    max_length: int | None
    multiline: bool          # a Text column: newlines and tabs allowed

    @property
    def label(self) -> str:
        return column_label(self.table, self.name) or self.name

    def clean(self, value, where: str = ""):
        """The value as stored, or ValidationError({column: "…«label»…"})."""
        if not isinstance(value, str):
            return value
        text = normalize_text(value, multiline=self.multiline)
        problem = text_problem(text, max_length=self.max_length, multiline=self.multiline)
        if problem:
            message = f"Il campo «{self.label}» {problem}."
            raise ValidationError({self.name: f"{where}{lower_first(message)}" if where
                                   else message})
        return text


@dataclass(frozen=True)
class MoneyColumn:
    table: str
    name: str

    @property
    def label(self) -> str:
        return column_label(self.table, self.name) or self.name

    def clean(self, value, where: str = ""):
        """The amount unchanged, or ValidationError naming the field."""
        if not isinstance(value, Decimal):
            return value          # int cents, None: the Cents type converts or refuses them
        problem = finite_amount(value)
        if problem:
            message = f"Il campo «{self.label}» richiede {problem}: trovato {value}."
            raise ValidationError({self.name: f"{where}{lower_first(message)}" if where
                                   else message})
        return value


def _column(table: str, column) -> TextColumn | MoneyColumn | None:
    if isinstance(column.type, Cents):
        return MoneyColumn(table, column.name)
    return _text_column(table, column)


# A Text column has no length in the schema; a form's field may declare less (the notes of a
# good: 20,000). Beyond this no note, verbale or reason of the office goes: a paste gone wrong.
TEXT_LIMIT = 100_000


def _text_column(table: str, column) -> TextColumn | None:
    if not isinstance(column.type, String):
        return None
    length = column.type.length
    return TextColumn(table, column.name, length or TEXT_LIMIT, multiline=length is None)


@cache
def guarded_columns(table: str) -> Mapping[str, TextColumn | MoneyColumn]:
    """The text and money columns of ``table`` (by name), from the models' metadata."""
    found = {}
    for column in Base.metadata.tables[table].columns:
        guarded = _column(table, column)
        if guarded is not None:
            found[column.name] = guarded
    return found


def text_columns(table: str) -> Mapping[str, TextColumn]:
    return {n: c for n, c in guarded_columns(table).items() if isinstance(c, TextColumn)}


def check_row(table: str, values: Mapping, *, where: str = "") -> dict:
    """``values`` with every text normalised; ValidationError for the first text or amount
    that cannot be stored. ``where`` prefixes the message ("Riga 14: ")."""
    columns = guarded_columns(table)
    return {k: (columns[k].clean(v, where) if k in columns else v) for k, v in values.items()}


def _listen(attribute, column: TextColumn | MoneyColumn) -> None:
    def on_set(_target, value, _old, _initiator):
        return column.clean(value)

    event.listen(attribute, "set", on_set, retval=True)


@event.listens_for(Base, "mapper_configured", propagate=True)
def _guard_texts(mapper: Mapper, cls) -> None:
    table = mapper.local_table
    # Tables written only by the program itself (audit log, counters) are left alone.
    if table is None or not hasattr(table, "columns") or not getattr(cls, "__audit__", True):
        return
    for prop in mapper.column_attrs:
        for column in prop.columns:
            if getattr(column, "table", None) is not table:
                continue
            guarded = _column(table.name, column)
            if guarded is not None:
                _listen(getattr(cls, prop.key), guarded)
