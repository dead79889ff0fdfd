"""Fields declared once.

A record that is entered in a form, imported, exported, copied at a rinnovo or shown in a grid
(a good of the inventory, an article of the magazzino) declares its columns here, once: name,
Italian label and exchange-file header, kind, length, whether required, the registers it
applies to, whether the rinnovo copies it, its default. Everything else is derived from the
declaration: the copy list of the rinnovo, the columns and headers of the exchange file with
the parse and the format of each cell, the column lists of the raw INSERTs (a value for every
NOT NULL column), the fields of the carico form, the row dataclasses of the queries.

Pure Python (no Qt, no SQLAlchemy). The ORM model stays hand-written and readable;
``tests/domain/test_fields.py`` checks that model and declaration agree.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, make_dataclass
from dataclasses import field as dc_field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .dates import format_date
from .errors import ValidationError, collect
from .money import CENT, check_amount, finite_amount, parse_money
from .text import normalize_text, text_problem, visible

# text: a line (String(max_length)); multiline: a Text column; money: Decimal stored as
# integer cents; ref: the id of another row (a foreign key), never typed by the clerk.
KINDS = ("text", "multiline", "money", "date", "int", "choice", "bool", "ref")
_PY_TYPES = {"text": str, "multiline": str, "money": Decimal, "date": date, "int": int,
             "choice": str, "bool": bool, "ref": int}
_MISSING = object()


@dataclass(frozen=True)
class Field:
    """One column of a record, as the law, the clerk and the exchange file know it."""

    name: str                      # attribute and column name (English)
    label: str                     # Italian label of the form (and of messages)
    kind: str = "text"
    max_length: int | None = None  # characters (text); a sanity limit for multiline
    required: bool = False         # a form or a file row must fill it
    nullable: bool = False         # stored NULL when not given (else NOT NULL with a default)
    default: Any = _MISSING        # "" for NOT NULL text, None for nullable columns
    choices: tuple[tuple[str, str], ...] = ()   # a "choice": (value, text shown)
    registers: tuple[str, ...] = ()   # only for goods of these registers; () = every register
    copied: bool = True            # carried to the new good at the rinnovo
    header: str | None = None      # column of the exchange file (import and export); None: not
    aliases: tuple[str, ...] = ()  # other headers accepted at import (files of old versions)
    stored: bool = True            # a column of the record's own table
    entered: bool = False          # typed in the form that creates the record (carico)
    printed: bool = False          # printed on the register of its category, with its label
    negative: bool = False         # money: may be below zero
    past_only: bool = False        # date: not after today
    pattern: str | None = None     # text: the whole value must match (after normalization)
    pattern_text: str = ""         # what the pattern wants, in words ("una categoria come B/5")
    upper: bool = False            # text: stored upper-cased
    placeholder: str = ""
    help: str = ""
    source: str | None = None      # SQL expression reading it for the export (default alias.name)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Tipo di campo sconosciuto: {self.kind!r}")
        if self.default is _MISSING:
            object.__setattr__(self, "default", None if self.nullable else self._blank())

    def _blank(self):
        return {"text": "", "multiline": "", "choice": "", "bool": False}.get(self.kind)

    @property
    def multiline(self) -> bool:
        """Newlines and tabs allowed (a Text column)."""
        return self.kind == "multiline"

    @property
    def values(self) -> tuple[str, ...]:
        """The accepted values of a "choice"."""
        return tuple(v for v, _text in self.choices)

    @property
    def py_type(self) -> type:
        return _PY_TYPES[self.kind]

    def applies_to(self, base_register: str) -> bool:
        return not self.registers or base_register in self.registers

    # -- a value typed in a form or passed by code -------------------------------------------
    def check(self, value):
        """The value as stored, or ValidationError({name: Italian message naming the field})."""
        if value is None or (isinstance(value, str) and not value.strip()
                             and self.kind in ("text", "multiline", "choice")):
            if self.required:
                raise ValidationError({self.name: f"Il campo «{self.label}» è obbligatorio."})
            return self.default
        if self.kind in ("text", "multiline", "choice"):
            text = normalize_text(str(value), multiline=self.multiline).strip()
            if self.upper:
                text = text.upper()
            problem = text_problem(text, max_length=self.max_length, multiline=self.multiline)
            if problem:
                raise ValidationError({self.name: f"Il campo «{self.label}» {problem}."})
            if self.kind == "choice" and text not in self.values:
                raise ValidationError({self.name: f"«{text}» non è un valore ammesso per "
                                                  f"«{self.label}»."})
            if self.pattern and not re.fullmatch(self.pattern, text):
                raise ValidationError({self.name: f"Il campo «{self.label}» richiede "
                                                  f"{self.pattern_text}: «{text}»."})
            return text
        if self.kind == "money":
            amount = check_amount(value, self.name, self.label)
            if amount < 0 and not self.negative:
                raise ValidationError({self.name: f"Il campo «{self.label}» non può essere "
                                                  "negativo."})
            return amount
        if self.kind == "date":
            if not isinstance(value, date) or isinstance(value, datetime):
                raise ValidationError({self.name: f"Il campo «{self.label}» deve essere una "
                                                  "data."})
            if self.past_only and value > date.today():
                raise ValidationError({self.name: f"Il campo «{self.label}» non può essere "
                                                  "una data futura."})
            return value
        if self.kind in ("int", "ref"):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError({self.name: f"Il campo «{self.label}» deve essere un "
                                                  "numero intero."})
            return value
        return bool(value)

    # -- a cell of an exchange file ----------------------------------------------------------
    def parse_cell(self, raw, today: date):
        """The value of a cell, or CellError(what was expected, what to show as found)."""
        text = cell_text(raw)
        if text == "":
            if self.required:
                raise CellError(f"un valore per «{self.header or self.label}»")
            return self.default
        if self.kind in ("text", "multiline", "choice"):
            text = normalize_text(text, multiline=self.multiline)
            if self.upper:
                text = text.upper()
            problem = cell_text_problem(text, max_length=self.max_length,
                                        multiline=self.multiline)
            if problem:
                raise problem
            if self.kind == "choice" and text.casefold() not in self.values:
                raise CellError("un valore tra " + ", ".join(self.values))
            if self.pattern and not re.fullmatch(self.pattern, text):
                raise CellError(self.pattern_text)
            return text.casefold() if self.kind == "choice" else text
        if self.kind == "money":
            try:
                amount = parse_cell_money(raw)
            except ValueError as exc:
                raise CellError(str(exc)) from None
            if amount < 0 and not self.negative:
                raise CellError("un importo non negativo")
            return amount
        if self.kind == "date":
            day = parse_cell_date(raw)
            if day is None:
                raise CellError("una data gg/mm/aaaa" + ("" if self.required
                                                         else " o una cella vuota"))
            if self.past_only and day > today:
                raise CellError(f"una data non futura (oggi è il {format_date(today)})")
            return day
        if self.kind in ("int", "ref"):
            number = parse_cell_int(raw)
            if number is None:
                raise CellError("un numero intero")
            return number
        raise CellError("un valore che si possa importare")   # bool cells: not exchanged

    def export_value(self, value):
        """The cell written by the export: dates as date, money as Decimal, text as text."""
        if value is None:
            return None if self.kind in ("date", "money") else ""
        return value


class CellError(ValueError):
    """A wrong cell: what was expected ("una data gg/mm/aaaa") and, if not the cell as is,
    what to show as found."""

    def __init__(self, expected: str, found: str | None = None):
        super().__init__(expected)
        self.expected = expected
        self.found = found


def cell_text_problem(text: str, *, max_length: int | None, multiline: bool = False
                      ) -> CellError | None:
    """The CellError of a text cell that cannot be stored (a control character, too long)."""
    problem = text_problem(text, max_length=max_length, multiline=multiline)
    if problem is None:
        return None
    if problem.startswith("supera"):
        return CellError(f"un testo di al massimo {max_length} caratteri (ne ha {len(text)})",
                         visible(text, 40))
    return CellError(f"un testo senza caratteri di controllo: {problem.removeprefix('contiene ')}",
                     visible(text, 40))


@dataclass(frozen=True)
class Record:
    """The declared columns of one table (``fields`` in the order of the exchange file)."""

    table: str
    fields: tuple[Field, ...]
    alias: str = "t"      # the table's alias in the SQL of the exports and grids
    by_name: Mapping[str, Field] = dc_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.table}: campi ripetuti")
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        declare_labels(self.table, {f.name: f.label for f in self.columns})

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    @property
    def columns(self) -> tuple[Field, ...]:
        """The fields that are columns of the table."""
        return tuple(f for f in self.fields if f.stored)

    @property
    def copied(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.columns if f.copied)

    @property
    def exchanged(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.header)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(f.header for f in self.exchanged)

    @property
    def entered(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.entered)

    def check_all(self, values: Mapping[str, Any], errors: dict[str, str]) -> dict:
        """Each value as stored by its field's check; the refused ones' messages go to
        ``errors`` (their value is None), so the caller names every bad field at once."""
        return {name: collect(errors, self[name].check, value) for name, value in values.items()}

    def for_register(self, base_register: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.applies_to(base_register))

    def only_for_some_registers(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.registers)

    def insert_row(self, values: Mapping[str, Any], *, skip: Iterable[str] = ("id",)) -> dict:
        """A value for every column (the given ones, else the declared default): a raw
        INSERT built on this never misses a NOT NULL column added later."""
        unknown = set(values) - {f.name for f in self.columns}
        if unknown:
            raise KeyError(f"{self.table}: colonne non dichiarate {sorted(unknown)}")
        skipped = set(skip)
        return {f.name: values.get(f.name, f.default) for f in self.columns
                if f.name not in skipped}

    def insert_sql(self, *, skip: Iterable[str] = ("id",), returning: str | None = "id"
                   ) -> tuple[str, tuple[str, ...]]:
        """``INSERT INTO table (every column but skip) VALUES (?, …)`` and the column names."""
        skipped = set(skip)
        names = tuple(f.name for f in self.columns if f.name not in skipped)
        sql = (f"INSERT INTO {self.table} ({', '.join(names)}) "
               f"VALUES ({', '.join('?' for _ in names)})")
        return (sql + (f" RETURNING {returning}" if returning else "")), names

    def money_columns(self) -> frozenset[str]:
        return frozenset(f.name for f in self.columns if f.kind == "money")

    def select_list(self, names: Sequence[str] | None = None) -> str:
        """``alias.a, alias.b`` (or each field's ``source``) for a SELECT."""
        chosen = self.fields if names is None else [self[n] for n in names]
        return ", ".join(f.source or f"{self.alias}.{f.name}" for f in chosen)


# --- the Italian label of every stored column --------------------------------------------------
# Every text written to the database is checked against its column (models.guard): the
# refusal names the field as the clerk knows it. A Record declares its columns' labels; a
# table without a Record declares them with declare_labels (domain/labels.py).
_LABELS: dict[str, dict[str, str]] = {}


def declare_labels(table: str, labels: Mapping[str, str]) -> None:
    _LABELS.setdefault(table, {}).update(labels)


def column_label(table: str, column: str) -> str | None:
    return _LABELS.get(table, {}).get(column)


# --- rows read by name ------------------------------------------------------------------------
def row_class(name: str, fields: Sequence[tuple[str, type] | tuple[str, type, Any]]) -> type:
    """A frozen, slotted dataclass whose fields are named by the declaration (or a query)."""
    spec = [(f[0], f[1]) if len(f) == 2 else (f[0], f[1], dc_field(default=f[2]))
            for f in fields]
    return make_dataclass(name, spec, frozen=True, slots=True)


# --- cells of an exchange file ----------------------------------------------------------------
def cell_text(value) -> str:
    """What a cell shows, as text: numbers without ".0", dates as gg/mm/aaaa."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VERO" if value else "FALSO"
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_cell_date(value) -> date | None:
    """A date cell, "gg/mm/aaaa" text (also with "." or "-") or ISO "aaaa-mm-gg"; None if not."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = _ISO.match(text)
        if not m:
            return None
        year, month, day = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_cell_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = cell_text(value)
    return int(text) if text.isdigit() else None


def parse_cell_money(value) -> Decimal:
    """Italian money text ("1.234,50", "1234,5 €") or a numeric cell; ambiguous text such as
    "1234.50" is refused (domain.money), never guessed. Raises ValueError with the reason."""
    if isinstance(value, bool):
        raise ValueError("un importo")
    if isinstance(value, (int, float, Decimal)):
        try:
            # repr of a float is its shortest exact decimal: 1234.5 stays 1234.5
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            raise ValueError("un importo") from None
        problem = finite_amount(d)
        if problem:
            raise ValueError(problem)
        return d.quantize(CENT)
    text = cell_text(value)
    try:
        return parse_money(text, allow_negative=True)
    except ValidationError:
        _, _, decimals = text.replace("€", "").strip().partition(",")
        if len(decimals.strip()) > 2 and decimals.strip().isdigit():
            raise ValueError("un importo con al massimo due decimali") from None
        raise ValueError("un importo in euro come 1.234,50") from None
