"""The exchange file of the Programma Annuale (CSV or XLSX, one forecast a row), as the
program the school used before exports it: «Parte» (Entrata or Spesa), «Codice» (the voce
di entrata «03/01» or the destination «A03», «A03/1»), «Tipo di spesa» (spese only, «02»),
«Importo» (the previsione iniziale) and «Descrizione» (needed only for an activity or project
of the school the archive does not know yet: it is created with that name).

Pure rules: every wrong cell is a ``RowError`` («riga 4, colonna «Codice»: attesa una voce di
entrata del piano dei conti, trovato «03/99»»); the totals of a clean file are checked as
the Programma Annuale's own rules want (spese not above entrate, the fondo di riserva within
its limit), each as a ``FileError``. Nothing is imported until the whole file is clean."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import ValidationError
from ..fields import Field, Record
from ..money import format_money
from ..tabular import RowError, header_positions, is_blank, row_cells
from . import chart, rules

COLUMNS = Record("funds_programme_file", (
    Field("side", "Parte", stored=False, required=True, max_length=10, header="Parte",
          aliases=("Tipo", "Entrata/Spesa", "E/U")),
    Field("code", "Codice", stored=False, required=True, max_length=10, header="Codice",
          aliases=("Voce", "Conto", "Destinazione", "Voce/Destinazione")),
    Field("spending_type", "Tipo di spesa", stored=False, max_length=4,
          header="Tipo di spesa", aliases=("Tipo spesa", "Conto di spesa")),
    Field("amount", "Importo", kind="money", stored=False, required=True, header="Importo",
          aliases=("Previsione", "Previsione iniziale")),
    Field("name", "Descrizione", stored=False, max_length=200, header="Descrizione",
          aliases=("Denominazione",)),
))
HEADERS = COLUMNS.headers
REQUIRED = ("side", "code", "amount")
_SIDES = {"entrata": "E", "entrate": "E", "e": "E",
          "spesa": "U", "spese": "U", "uscita": "U", "uscite": "U", "u": "U"}
_SEPARATOR = re.compile(r"\s*[/.\-]\s*")


@dataclass(frozen=True)
class FileError:
    """A problem of the whole file (its totals), not of one cell."""

    text: str
    row: int = 0
    column: str = ""
    expected: str = ""
    found: str = ""

    @property
    def message(self) -> str:
        return self.text


@dataclass(frozen=True)
class Chart:
    """What the archive knows: voci di entrata, destinations (code -> name), tipi di spesa."""

    revenue: frozenset[str]
    destinations: Mapping[str, str]
    spending_types: frozenset[str]


@dataclass(frozen=True)
class ProgrammeCheck:
    revenue: dict[str, Decimal]                    # voce -> previsione
    spending: dict[tuple[str, str], Decimal]       # (destination, tipo di spesa) -> previsione
    new_destinations: dict[str, str]               # the school's own, to create: code -> name
    errors: list
    rows_read: int


def _two_digits(part: str) -> str:
    return part.zfill(2) if part.isdigit() else part


def normalize_revenue(text: str) -> str:
    """«3/1», «03.01», «03 / 01» -> «03/01»."""
    parts = _SEPARATOR.split(text.strip())
    return "/".join(_two_digits(p) for p in parts)


def normalize_destination(text: str) -> str:
    """«a3», «A03», «A03.1» -> «A03», «A03/1»."""
    head, _, rest = _SEPARATOR.sub("/", text.strip().upper()).partition("/")
    if len(head) >= 2 and head[0] in "APGRZ" and head[1:].isdigit():
        head = head[0] + head[1:].zfill(2)
    return head + (f"/{int(rest)}" if rest.isdigit() else f"/{rest}" if rest else "")


def check_header(header: Sequence) -> tuple[dict[str, int], list[RowError]]:
    return header_positions(header, COLUMNS.fields, REQUIRED)


def _line(values: dict, row_no: int, known: Chart, new: dict[str, str]
          ) -> tuple[tuple | None, list[RowError]]:
    """The key of the row's forecast: ("E", voce) or ("U", destination, tipo)."""
    side = _SIDES.get(values["side"].casefold())
    if side is None:
        return None, [RowError(row_no, "Parte", "«Entrata» o «Spesa»", values["side"])]
    errors = []
    if side == "E":
        code = normalize_revenue(values["code"])
        if code not in known.revenue:
            errors.append(RowError(row_no, "Codice", "una voce di entrata del piano dei conti "
                                                     "(aggregato/voce, es. 03/01)",
                                   values["code"]))
        if values["spending_type"]:
            errors.append(RowError(row_no, "Tipo di spesa", "una cella vuota per un'entrata",
                                   values["spending_type"]))
        return ("E", code), errors
    code = normalize_destination(values["code"])
    if code not in known.destinations and code not in new:
        try:
            code = chart.check_third_level(code)
        except ValidationError:
            errors.append(RowError(row_no, "Codice", "una destinazione di spesa (es. A01, "
                                                     "P02, R98 o un progetto come A03/1)",
                                   values["code"]))
        else:
            parent = chart.parent_of(code)
            if parent not in known.destinations:
                errors.append(RowError(row_no, "Codice", f"un'attività o un progetto sotto "
                                                         f"una destinazione nota ({parent})",
                                       values["code"]))
            elif not values["name"]:
                errors.append(RowError(row_no, "Descrizione", (
                    f"la denominazione di «{code}», attività o progetto della scuola non "
                    "ancora in archivio"), ""))
            else:
                new[code] = values["name"]
    kind = _two_digits(values["spending_type"].strip())
    if not kind:
        errors.append(RowError(row_no, "Tipo di spesa", "il tipo di spesa della previsione "
                                                        "(es. 02)", ""))
    elif kind not in known.spending_types:
        errors.append(RowError(row_no, "Tipo di spesa", "un tipo di spesa del piano dei conti "
                                                        "(es. 02, 03, 06)",
                               values["spending_type"]))
    return ("U", code, kind), errors


def check_totals(revenue: Mapping[str, Decimal], spending: Mapping[tuple[str, str], Decimal],
                 reserve_limit_percent: Decimal) -> list[FileError]:
    """The Programma Annuale's own rules on the file's totals (rules.check_balance and
    check_reserve), each refusal as a FileError."""
    total_in = sum(revenue.values(), Decimal("0.00"))
    total_out = sum(spending.values(), Decimal("0.00"))
    reserve = sum((v for (dest, _t), v in spending.items() if dest == chart.RESERVE),
                  Decimal("0.00"))
    ordinary = revenue.get(chart.ORDINARY_ALLOCATION, Decimal("0.00"))
    out = []
    for check, args in ((rules.check_balance, (total_in, total_out)),
                        (rules.check_reserve, (reserve, ordinary, reserve_limit_percent))):
        try:
            check(*args)
        except ValidationError as exc:
            out.append(FileError("Totali del file: " + exc.message))
    return out


def check_rows(header: Sequence, rows: Iterable[tuple[int, Sequence]], *, known: Chart,
               reserve_limit_percent: Decimal = rules.RESERVE_LIMIT_PERCENT, today=None
               ) -> ProgrammeCheck:
    """Check the header, then each non-empty row, then the totals of a clean file."""
    from datetime import date

    today = today or date.today()
    positions, errors = check_header(header)
    if errors:
        return ProgrammeCheck({}, {}, {}, errors, 0)
    revenue: dict[str, Decimal] = {}
    spending: dict[tuple[str, str], Decimal] = {}
    new: dict[str, str] = {}
    seen: dict[tuple, int] = {}
    read = 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        read += 1
        values, row_errors = row_cells(positions, COLUMNS.fields, cells, row_no, today)
        if not row_errors:
            key, row_errors = _line(values, row_no, known, new)
            if key is not None and key in seen and not row_errors:
                what = "voce" if key[0] == "E" else "destinazione e tipo di spesa"
                row_errors.append(RowError(row_no, "Codice", (
                    f"una {what} non ripetuta nel file (è già alla riga {seen[key]})"),
                    values["code"]))
            if not row_errors:
                seen[key] = row_no
                if key[0] == "E":
                    revenue[key[1]] = values["amount"]
                else:
                    spending[(key[1], key[2])] = values["amount"]
        errors.extend(row_errors)
    if read == 0:
        errors.append(RowError(2, "", "una o più righe di previsioni sotto l'intestazione",
                               "nessuna riga"))
    if not errors:
        errors.extend(check_totals(revenue, spending, reserve_limit_percent))
    return ProgrammeCheck(revenue, spending, new, errors, read)


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    year: int
    rows_read: int
    errors: list
    revenue_total: Decimal = Decimal("0.00")
    spending_total: Decimal = Decimal("0.00")
    lines: int = 0
    new_destinations: list[str] = field(default_factory=list)
    stored: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        from ..inventory.import_ import read_head, refusal_summary

        refused = refusal_summary(self.file_name, self.rows_read, self.errors,
                                  "i totali non rispettano le regole del Programma Annuale")
        if refused:
            return refused
        head = read_head(self.file_name, self.rows_read)
        totals = (f"entrate {format_money(self.revenue_total)}, spese "
                  f"{format_money(self.spending_total)}")
        new = (f"; nuove attività o progetti: {', '.join(self.new_destinations)}"
               if self.new_destinations else "")
        if self.stored:
            return (f"{head} Importate {self.lines} previsioni nel Programma Annuale "
                    f"{self.year} ({totals}{new}).")
        return (f"{head} Nessun errore: si possono importare {self.lines} previsioni nel "
                f"Programma Annuale {self.year} ({totals}{new}).")
