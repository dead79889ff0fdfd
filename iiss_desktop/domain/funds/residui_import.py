"""The exchange file of the residui of the year in progress (CSV or XLSX, one residuo a row),
as the program the school used before lists them at its last closing: «Tipo» (Attivo or
Passivo), «Anno di provenienza», «Codice» (the voce di entrata «03/01» of an attivo, the
destination «A01» of a passivo), «Tipo di spesa» (passivi only), «Debitore o creditore»,
«Causale» and «Importo» (what is still to collect or to pay).

Pure rules: every wrong cell is a ``RowError``; nothing is imported until the whole file is
clean. The residui become those carried into the year from the previous one, closed in the
old program (services/funds/residui_import.py)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..fields import Field, Record
from ..money import format_money
from ..tabular import RowError, header_positions, is_blank, row_cells
from .programme_import import Chart, normalize_destination, normalize_revenue

COLUMNS = Record("funds_residui_file", (
    Field("kind", "Tipo", stored=False, required=True, max_length=10, header="Tipo",
          aliases=("Residuo", "Tipo di residuo", "A/P")),
    Field("origin_year", "Anno di provenienza", kind="int", stored=False, required=True,
          header="Anno di provenienza", aliases=("Anno", "Esercizio", "Esercizio di origine")),
    Field("code", "Codice", stored=False, required=True, max_length=10, header="Codice",
          aliases=("Voce", "Destinazione", "Conto")),
    Field("spending_type", "Tipo di spesa", stored=False, max_length=4,
          header="Tipo di spesa", aliases=("Tipo spesa",)),
    Field("counterpart", "Debitore o creditore", stored=False, required=True, max_length=200,
          header="Debitore o creditore", aliases=("Debitore", "Creditore", "Soggetto")),
    Field("description", "Causale", stored=False, required=True, max_length=500,
          header="Causale", aliases=("Oggetto", "Descrizione")),
    Field("amount", "Importo", kind="money", stored=False, required=True, header="Importo",
          aliases=("Importo residuo", "Da riscuotere o pagare")),
))
HEADERS = COLUMNS.headers
REQUIRED = ("kind", "origin_year", "code", "counterpart", "description", "amount")
_KINDS = {"attivo": "A", "attivi": "A", "a": "A", "passivo": "P", "passivi": "P", "p": "P"}


@dataclass(frozen=True)
class ResidueLine:
    row: int
    kind: str                 # "A" | "P"
    origin_year: int
    code: str                 # voce (A) or destination (P)
    spending_type: str        # P only
    counterpart: str
    description: str
    amount: Decimal


@dataclass(frozen=True)
class ResiduiCheck:
    lines: list[ResidueLine]
    errors: list
    rows_read: int

    def total(self, kind: str) -> Decimal:
        return sum((r.amount for r in self.lines if r.kind == kind), Decimal("0.00"))


def _line(values: dict, row_no: int, year: int, known: Chart
          ) -> tuple[ResidueLine | None, list[RowError]]:
    kind = _KINDS.get(values["kind"].casefold())
    if kind is None:
        return None, [RowError(row_no, "Tipo", "«Attivo» o «Passivo»", values["kind"])]
    errors = []
    origin = values["origin_year"]
    if not 2000 <= origin < year:
        errors.append(RowError(row_no, "Anno di provenienza",
                               f"un esercizio precedente il {year}", str(origin)))
    spending_type = values["spending_type"].strip()
    if kind == "A":
        code = normalize_revenue(values["code"])
        if code not in known.revenue:
            errors.append(RowError(row_no, "Codice", "una voce di entrata del piano dei conti "
                                                     "(aggregato/voce, es. 03/01)",
                                   values["code"]))
        if spending_type:
            errors.append(RowError(row_no, "Tipo di spesa", "una cella vuota per un residuo "
                                                            "attivo", spending_type))
    else:
        code = normalize_destination(values["code"])
        if code not in known.destinations:
            errors.append(RowError(row_no, "Codice", "una destinazione di spesa in archivio "
                                                     "(es. A01, P02, A03/1)", values["code"]))
        spending_type = spending_type.zfill(2) if spending_type.isdigit() else spending_type
        if spending_type not in known.spending_types:
            errors.append(RowError(row_no, "Tipo di spesa", "il tipo di spesa del residuo "
                                                            "passivo (es. 02)", spending_type))
    if values["amount"] <= 0:
        errors.append(RowError(row_no, "Importo", "un importo maggiore di zero",
                               format_money(values["amount"])))
    if errors:
        return None, errors
    return ResidueLine(row_no, kind, origin, code, spending_type, values["counterpart"],
                       values["description"], values["amount"]), []


def check_rows(header: Sequence, rows: Iterable[tuple[int, Sequence]], *, year: int,
               known: Chart, today: date | None = None) -> ResiduiCheck:
    today = today or date.today()
    positions, errors = header_positions(header, COLUMNS.fields, REQUIRED)
    if errors:
        return ResiduiCheck([], errors, 0)
    lines: list[ResidueLine] = []
    seen: dict[tuple, int] = {}
    read = 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        read += 1
        values, row_errors = row_cells(positions, COLUMNS.fields, cells, row_no, today)
        line = None
        if not row_errors:
            line, row_errors = _line(values, row_no, year, known)
        if line is not None:
            key = (line.kind, line.origin_year, line.code, line.spending_type,
                   line.counterpart.casefold(), line.description.casefold(), line.amount)
            if key in seen:
                row_errors = [RowError(row_no, "Causale", f"un residuo non ripetuto (la riga "
                                                          f"{seen[key]} è identica)",
                                       line.description)]
            else:
                seen[key] = row_no
                lines.append(line)
        errors.extend(row_errors)
    if read == 0:
        errors.append(RowError(2, "", "una o più righe di residui sotto l'intestazione",
                               "nessuna riga"))
    return ResiduiCheck(lines if not errors else [], errors, read)


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    year: int
    rows_read: int
    errors: list
    active: tuple[int, Decimal] = (0, Decimal("0.00"))      # how many, how much
    passive: tuple[int, Decimal] = (0, Decimal("0.00"))
    stored: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        from ..inventory.import_ import read_head, refusal_summary

        refused = refusal_summary(self.file_name, self.rows_read, self.errors)
        if refused:
            return refused
        head = read_head(self.file_name, self.rows_read)
        what = (f"{self.active[0]} residui attivi ({format_money(self.active[1])}) e "
                f"{self.passive[0]} passivi ({format_money(self.passive[1])})")
        if self.stored:
            return f"{head} Importati nell'esercizio {self.year} {what}."
        return f"{head} Nessun errore: si possono importare nell'esercizio {self.year} {what}."
