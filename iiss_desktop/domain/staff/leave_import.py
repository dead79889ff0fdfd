"""The exchange file of absences and leave balances from the program the school used before
(CSV or XLSX, one row each), for the current school year:

- «Tipo» «Assenza»: an absence already taken — «Codice fiscale» of the person, «Causa o saldo»
  the cause (its code, e.g. «ferie», or its name), «Dal» and «Al» (gg/mm/aaaa; «Al» empty: one
  day), «Ore» for a cause counted in hours («2» or «1:30»), «Note»;
- «Tipo» «Saldo»: a balance carried over from the previous year, as the old program closed it
  — «Causa o saldo» the balance (e.g. «ferie», «Festività soppresse»), «Quantità» the days
  («3» or «3,5») or the hours («2:30») left.

Pure rules: every wrong cell is a ``RowError`` (tabular) and every refusal of the archive's
checks a ``RowRefusal``, both naming the row and the column; nothing is imported until the
whole file is clean (services/staff/leave_import.py)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from ..dates import SchoolYear, format_date
from ..errors import ValidationError
from ..fields import Field, Record
from ..tabular import RowError, header_positions, is_blank, row_cells
from . import leave as rules

COLUMNS = Record("staff_leave_file", (
    Field("kind", "Tipo", stored=False, required=True, max_length=20, header="Tipo",
          aliases=("Movimento", "Tipo di riga")),
    Field("codice_fiscale", "Codice fiscale", stored=False, required=True, max_length=16,
          upper=True, header="Codice fiscale", aliases=("CF", "Cod. fiscale")),
    Field("what", "Causa o saldo", stored=False, required=True, max_length=200,
          header="Causa o saldo", aliases=("Causa", "Saldo", "Tipo di assenza")),
    Field("starts_on", "Dal", kind="date", stored=False, header="Dal",
          aliases=("Data", "Dal giorno", "Inizio")),
    Field("ends_on", "Al", kind="date", stored=False, header="Al",
          aliases=("Al giorno", "Fine")),
    Field("hours", "Ore", stored=False, max_length=10, header="Ore"),
    Field("quantity", "Quantità", stored=False, max_length=12, header="Quantità",
          aliases=("Residuo", "Giorni residui")),
    Field("note", "Note", stored=False, max_length=300, header="Note"),
))
HEADERS = COLUMNS.headers
REQUIRED = ("kind", "codice_fiscale", "what")
KINDS = {"assenza": "assenza", "assenze": "assenza", "saldo": "saldo", "riporto": "saldo",
         "saldo riportato": "saldo"}
# A refusal of the archive's checks (services) names the column of the field it is about.
COLUMN_OF = {"employee_id": "Codice fiscale", "cause_id": "Causa o saldo",
             "starts_on": "Dal", "ends_on": "Al", "minutes": "Ore", "amount": "Quantità",
             "account": "Causa o saldo", "school_year": "Dal", "note": "Note"}
FORMAT_HELP = (
    "Una riga per assenza o per saldo riportato. «Tipo»: «Assenza» (già fruita nell'anno "
    "scolastico in corso: «Dal», «Al», «Ore» per le cause a ore) o «Saldo» (riportato "
    "dall'anno precedente: «Quantità», giorni come «3,5» od ore come «2:30»). «Causa o "
    "saldo»: il codice o il nome (es. «ferie», «Permesso per lutto»). La persona è "
    "riconosciuta dal codice fiscale; date gg/mm/aaaa.")


@dataclass(frozen=True)
class RowRefusal:
    """A row refused by a check of the archive (the balance, an overlap, the profile)."""

    row: int
    column: str
    text: str

    @property
    def detail(self) -> str:
        return self.text

    @property
    def message(self) -> str:
        return f"riga {self.row}, colonna «{self.column}»: {self.text}"


def refusal(row: int, error: ValidationError) -> RowRefusal:
    key, text = next(iter(error.errors.items()))
    return RowRefusal(row, COLUMN_OF.get(key, "Causa o saldo"), text)


@dataclass(frozen=True)
class AbsenceLine:
    row: int
    codice_fiscale: str
    cause: str                 # code
    starts_on: date
    ends_on: date
    minutes: int | None
    note: str


@dataclass(frozen=True)
class BalanceLine:
    row: int
    codice_fiscale: str
    account: str               # domain/staff/leave.ACCOUNTS
    amount: int                # hundredths of a day or minutes
    note: str


@dataclass(frozen=True)
class LeaveFileCheck:
    absences: list[AbsenceLine]
    balances: list[BalanceLine]
    errors: list
    rows_read: int


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _quantity(text: str, unit: str) -> int | None:
    raw = (text or "").strip()
    if unit == rules.HOURS:
        try:
            return rules.parse_hours(raw, "quantity")
        except ValidationError:
            return None
    try:
        days = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    if not days.is_finite() or days <= 0 or days != days.quantize(Decimal("0.01")):
        return None
    return int(days * rules.ONE_DAY)


def check_rows(header: Sequence, rows: Iterable[tuple[int, Sequence]], *,
               causes: Mapping[str, tuple[str, str]], year: SchoolYear, today: date
               ) -> LeaveFileCheck:
    """``causes``: code -> (name, unit) of the causes in use. Absences must fall in ``year``
    and be already taken (not after ``today``)."""
    positions, errors = header_positions(header, COLUMNS.fields, REQUIRED)
    if errors:
        return LeaveFileCheck([], [], errors, 0)
    by_name = {**{_key(n): c for c, (n, _u) in causes.items()},
               **{_key(c): c for c in causes}}
    accounts = {**{_key(label): a for a, (label, _u) in rules.ACCOUNTS.items()},
                **{_key(a): a for a in rules.ACCOUNTS},
                **{_key(a.replace("_", " ")): a for a in rules.ACCOUNTS}}
    absences: list[AbsenceLine] = []
    balances: list[BalanceLine] = []
    seen: dict[tuple[str, str], int] = {}
    read = 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        read += 1
        values, row_errors = row_cells(positions, COLUMNS.fields, cells, row_no, today)
        if row_errors:
            errors.extend(row_errors)
            continue
        kind = KINDS.get(_key(values["kind"]))
        cf = values["codice_fiscale"]
        if kind is None:
            errors.append(RowError(row_no, "Tipo", "«Assenza» o «Saldo»", values["kind"]))
        elif kind == "assenza":
            cause = by_name.get(_key(values["what"]))
            start, end = values["starts_on"], values["ends_on"] or values["starts_on"]
            if cause is None:
                errors.append(RowError(row_no, "Causa o saldo", "una causa di assenza in uso "
                                       "(il codice o il nome, es. «ferie»)", values["what"]))
                continue
            if start is None:
                errors.append(RowError(row_no, "Dal", "il primo giorno dell'assenza", ""))
                continue
            if not (year.start <= start <= end <= year.end):
                errors.append(RowError(
                    row_no, "Dal" if start < year.start or start > end else "Al",
                    f"un periodo dell'a.s. {year.label} in ordine ({format_date(year.start)} – "
                    f"{format_date(year.end)})",
                    f"{format_date(start)} – {format_date(end)}"))
                continue
            if end > today:
                errors.append(RowError(row_no, "Al", "una data non successiva a oggi "
                                       f"({format_date(today)}): si importano le assenze già "
                                       "fruite", format_date(end)))
                continue
            minutes = None
            unit = causes[cause][1]
            if unit == rules.HOURS:
                try:
                    minutes = rules.parse_hours(values["hours"], "minutes")
                except ValidationError:
                    errors.append(RowError(row_no, "Ore", "la durata in ore (es. 2 o 1:30)",
                                           values["hours"]))
                    continue
            elif values["hours"].strip():
                errors.append(RowError(row_no, "Ore", "una cella vuota: la causa si conta a "
                                       "giorni", values["hours"]))
                continue
            absences.append(AbsenceLine(row_no, cf, cause, start, end, minutes, values["note"]))
        else:
            account = accounts.get(_key(values["what"]))
            if account is None:
                errors.append(RowError(row_no, "Causa o saldo", "un saldo: " + ", ".join(
                    label for label, _u in rules.ACCOUNTS.values()), values["what"]))
                continue
            unit = rules.ACCOUNTS[account][1]
            amount = _quantity(values["quantity"], unit)
            if amount is None:
                wanted = ("un numero di giorni riportati (es. 3 o 3,5)" if unit == rules.DAYS
                          else "un numero di ore riportate (es. 2 o 2:30)")
                errors.append(RowError(row_no, "Quantità", wanted, values["quantity"]))
                continue
            if (cf, account) in seen:
                errors.append(RowError(row_no, "Causa o saldo", "un saldo una volta sola per "
                                       f"persona (già alla riga {seen[(cf, account)]})",
                                       values["what"]))
                continue
            seen[(cf, account)] = row_no
            balances.append(BalanceLine(row_no, cf, account, amount, values["note"]))
    if read == 0:
        errors.append(RowError(2, "", "una o più righe sotto l'intestazione", "nessuna riga"))
    return LeaveFileCheck(absences, balances, errors, read)


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    school_year: str
    rows_read: int
    errors: list
    absences: int = 0
    balances: int = 0
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
        what = (f"{self.absences} assenz{'a' if self.absences == 1 else 'e'} e "
                f"{self.balances} sald{'o' if self.balances == 1 else 'i'} riportat"
                f"{'o' if self.balances == 1 else 'i'}")
        if self.stored:
            return f"{head} Importati nell'a.s. {self.school_year}: {what}."
        return (f"{head} Nessun errore: si possono importare nell'a.s. {self.school_year} "
                f"{what}.")
