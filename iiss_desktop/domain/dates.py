"""Dates in the Italian office format (dd/MM/yyyy), school and financial years."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from .errors import ValidationError

DATE_FORMAT = "%d/%m/%Y"
MONTHS_IT = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
             "agosto", "settembre", "ottobre", "novembre", "dicembre")
WEEKDAYS_IT = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")


def format_date(d: date | None) -> str:
    return d.strftime(DATE_FORMAT) if d else ""


def format_date_long(d: date) -> str:
    """"domenica 4 ottobre 2026"."""
    return f"{WEEKDAYS_IT[d.weekday()]} {d.day} {MONTHS_IT[d.month - 1]} {d.year}"


def format_datetime(dt: datetime | None) -> str:
    """Local time for display; stored timestamps are UTC."""
    if dt is None:
        return ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone().strftime("%d/%m/%Y %H:%M")


_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_date(text: str, field: str = "data") -> date:
    """"04/10/2026", "4/10/2026", "4.10.2026" -> date. Two-digit years are refused."""
    m = _DATE_RE.match(text or "")
    if not m:
        if not (text or "").strip():
            raise ValidationError({field: f"Il campo «{field}» è obbligatorio."})
        raise ValidationError(
            {field: f"«{text.strip()}» non è una data valida (formato gg/mm/aaaa)."})
    day, month, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError({field: f"«{text.strip()}» non è una data esistente."}) from None


def required_date(value, field: str, label: str = "la data") -> date:
    """A date given as a date or typed «gg/mm/aaaa»; empty: «Indicare <label>.» on ``field``."""
    if isinstance(value, date):
        return value
    if not value:
        raise ValidationError({field: f"Indicare {label}."})
    return parse_date(str(value), field)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, order=True)
class SchoolYear:
    """Anno scolastico: 1 September to 31 August, named "2026/27"."""

    start_year: int

    @classmethod
    def of(cls, d: date) -> SchoolYear:
        return cls(d.year if d.month >= 9 else d.year - 1)

    @property
    def start(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __contains__(self, d: date) -> bool:
        return self.start <= d <= self.end

    def __str__(self) -> str:
        return self.label


def financial_year(d: date) -> int:
    """Esercizio finanziario: the calendar year (D.I. 129/2018 art. 2)."""
    return d.year
