"""The exchange format of the inventory (import from another program, our own export).

Pure rules: the columns with their Italian headers, and the check of every row of a file
against the state of the registers, with one ``RowError`` per wrong cell ("riga 14, colonna
«Data di carico»: attesa una data gg/mm/aaaa, trovato «31/02/2020»"). Nothing is imported
until the whole file is clean.

An imported register keeps the numbers of the old program (they are on the labels): the
numbers of each register must continue the register without gaps (art. 31 c.2, numbering
"progressiva e ininterrotta"), and dates must follow the numbers. So goods discharged in the
old program come too, each with its decree of discarico (three optional columns after
"Situazione"); goods "in comodato" come as "in uso" (the loan contracts are not in the file).

Art. 31 c.5-6 (domain.md §1.5) is checked on every row by the rule of the carico
(``carico.register_problem`` over ``carico.destination``), with these columns:

- «Natura» (optional; empty or missing: «bene»): bene, consumo, periodico,
  biblioteca_classe, licenza, or their labels («Licenza d'uso di software»…). Only a «bene»
  goes in a register: a toner («consumo») or a licence in any register is an error.
- «Valore» is the value IVA compresa (for a commercial activity: net of IVA). A good over
  200,00 € goes in an inventory of art. 31, never in the registro dei beni durevoli; a good of
  200,00 € or less goes in the registro dei beni durevoli, unless part of a universalità.
- «Universalità» (optional): the name of a set of goods bought together (e.g. «Sedie aula 12
  (2024)», compared ignoring case and extra spaces); the rows with the same name form ONE
  universalità, in one register, worth the sum of their «Valore» (10 chairs of 45,00 € =
  450,00 € > 200,00 €: beni mobili, each with its number).
- «Valore dell'universalità» (optional, only with «Universalità»): if written, the sum of
  the set's rows, as a check of the file (our export writes it).

A row that contradicts the rule is an error on its «Inventario» cell naming the rule. A good
taken in charge before D.I. 129/2018 came into force (17/11/2018) is accepted as the old
program recorded it, with a warning kept on the good (``carico_warning``) and printed in the
register's «Annotazioni».
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from ..dates import format_date
from ..errors import ValidationError
from ..fields import (
    CellError,
    cell_text,
    cell_text_problem,
    parse_cell_date,
    parse_cell_int,
    parse_cell_money,
    row_class,
)
from ..money import format_money
from ..procurement_codes import CIG_EXPECTED, CUP_EXPECTED, normalize_cig, normalize_cup
from ..tabular import FORMULA_EXPECTED, Formula, RowError, is_blank
from ..text import normalize_text, visible
from . import states
from .carico import D129_IN_FORCE, NATURES, STATES, VALUATIONS, register_problem
from .discharge import DISCHARGE_CAUSES, OLD_CAUSE_LABELS
from .fields import ITEM
from .registers import DURABLE_REGISTER, REGISTERS, SHORT_NAMES, base_of

# The columns of the file, in the order of the export: declared once in ITEM.
COLUMNS = ITEM.exchanged
HEADERS = ITEM.headers
_BY_KEY = {c.name: c for c in COLUMNS}
# Columns with a rule of their own below; every other column is checked by its declaration
# (kind, length, pattern, the registers it applies to).
_SPECIAL = frozenset(("register", "number", "entry_date", "site", "room", "state", "value",
                      "valuation", "cig", "cup", "status", "decree_number", "decree_date",
                      "cause", "nature", "universalita_value"))
# Columns a file may leave out although the good always has a value: «Natura» (an empty cell
# or no column: «bene»), so that the files of old programs and versions keep importing.
OPTIONAL_IN_FILE = frozenset(("nature",))
REQUIRED_HEADERS = tuple(c.header for c in COLUMNS
                         if c.required and c.name not in OPTIONAL_IN_FILE)
OPTIONAL_HEADERS = tuple(c.header for c in COLUMNS if c.header not in REQUIRED_HEADERS)
ART31_HELP = ("Art. 31 c.5-6: un bene oltre 200,00 € IVA compresa va in un inventario, uno "
              "di 200,00 € o meno nel registro dei beni durevoli, salvo che faccia parte di "
              "una universalità (le righe con lo stesso nome nella colonna «Universalità» "
              "formano un'universalità, che vale la somma dei loro valori); materiale di "
              "facile consumo e licenze (colonna «Natura») non si inventariano. Ai beni "
              "caricati prima del 17/11/2018 si dà un'avvertenza, che resta sul bene.")
_GENERIC = tuple(c for c in COLUMNS if c.name not in _SPECIAL)
_REQUIRED_TEXT = {"description": "la descrizione del bene"}

# Registers an import may fill: the inventories of art. 31 and the registro dei beni durevoli.
IMPORT_REGISTERS = (*REGISTERS, DURABLE_REGISTER)
# The words of the "Situazione" column: the stored statuses of states.py (a file's "in
# comodato" is recorded "in uso": its contract is not in the file).
IN_USE, ON_LOAN, DISCHARGED = states.IN_USE, states.ON_LOAN, states.DISCHARGED
DECREE_KEYS = ("decree_number", "decree_date", "cause")
MAX_DECREE_NUMBER = 40   # inventory_discharge.decree_number
MAX_LISTED = 12   # names listed in a message before "…"


@dataclass(frozen=True)
class RegisterState:
    """Where a register stands in the database: the file must continue from here."""

    last_number: int = 0
    last_date: date | None = None


@dataclass(frozen=True)
class Place:
    site_id: int
    code: str
    name: str
    rooms: dict[str, int]          # room name -> room id (active rooms)


@dataclass(frozen=True)
class ImportContext:
    today: date
    registers: dict[str, RegisterState] = field(default_factory=dict)
    places: Sequence[Place] = ()
    serials: frozenset[str] = frozenset()    # serial numbers already in the database


@dataclass(frozen=True)
class Decree:
    """The provvedimento di discarico of a good discharged in the previous program."""

    number: str
    day: date
    cause: str          # a key of DISCHARGE_CAUSES


# A clean row, ready to be recorded: the checked cells by name (every column of the file
# that is a column of inventory_item, as declared), the ids of plesso and locale, and the
# situation of the good.
ImportRow = row_class("ImportRow", [
    ("row", int), ("register", str), ("number", int), ("entry_date", date),
    ("description", str), ("site_id", int), ("room_id", int), ("state", str),
    ("value", Decimal), ("valuation", str),
    *((c.name, c.py_type, c.default) for c in COLUMNS
      if c.stored and c.name not in ("register", "number", "state", "value", "valuation",
                                     "status")),
    ("carico_warning", str, ""),    # art. 31 c.5-6 contradicted by a carico before 17/11/2018
    ("status", str, IN_USE),        # as recorded: "in uso" or "scaricato"
    ("on_loan", bool, False),       # "in comodato" in the file, recorded "in uso"
    ("decree", object, None),       # for a good "scaricato": its Decree
])


@dataclass(frozen=True)
class RowWarning:
    """A row accepted with a warning, which stays on the good (``carico_warning``)."""

    row: int
    text: str

    @property
    def message(self) -> str:
        return f"riga {self.row}: {self.text}"


@dataclass(frozen=True)
class CheckResult:
    rows: list[ImportRow]
    errors: list[RowError]
    rows_read: int
    warnings: list[RowWarning] = field(default_factory=list)


def _listed(names: Iterable[str]) -> str:
    names = list(names)
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (", …" if len(names) > MAX_LISTED else "") if names else "nessuno"


def register_from_text(text: str) -> str | None:
    """A register by its code ("inv-mobili"), short name ("beni mobili") or title."""
    key = " ".join(text.split()).casefold()
    for code in IMPORT_REGISTERS:
        names = (code, SHORT_NAMES.get(code, ""), REGISTERS.get(code, ""))
        if key in (n.casefold() for n in names if n):
            return code
    if key == "registro dei beni durevoli":
        return DURABLE_REGISTER
    return None


def nature_from_text(text: str) -> str | None:
    """A nature by its key ("licenza") or its label ("Licenza d'uso di software"); an empty cell
    is a «bene»."""
    key = " ".join(text.split()).casefold()
    if not key:
        return "bene"
    for code, label in NATURES.items():
        if key in (code, code.replace("_", " "), label.casefold()):
            return code
    return None


def cause_from_text(text: str) -> str | None:
    """A cause of discarico by its key ("forza_maggiore", also "forza maggiore") or its
    Italian label ("Causa di forza maggiore"), ignoring case and extra spaces."""
    key = " ".join(text.split()).casefold()
    for code, label in DISCHARGE_CAUSES.items():
        if key in (code, code.replace("_", " "), label.casefold()):
            return code
    return OLD_CAUSE_LABELS.get(key)


# --- header -------------------------------------------------------------------------------
_REPEATED = "una colonna con un nome non ripetuto"
_MISSING = "nessuna colonna con questo nome"


def _norm(header) -> str:
    return " ".join(cell_text(header).split()).casefold()


def check_header(header: Sequence) -> tuple[dict[str, int], list[RowError]]:
    """Column key -> position in the file, and the errors of the header row (row 1).

    Columns may come in any order; names are matched ignoring case and extra spaces.
    """
    known = {_norm(name): c for c in COLUMNS for name in (c.header, *c.aliases)}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    expected_list = "una delle colonne " + ", ".join(HEADERS)
    for i, raw in enumerate(header):
        name = _norm(raw)
        if not name:
            continue
        column = known.get(name)
        if column is None:
            errors.append(RowError(1, cell_text(raw), expected_list,
                                   cell_text(raw)))
        elif column.name in positions:
            errors.append(RowError(1, column.header, _REPEATED, f"{column.header} due volte"))
        else:
            positions[column.name] = i
    for column in COLUMNS:
        if column.required and column.name not in positions \
                and column.name not in OPTIONAL_IN_FILE:
            errors.append(RowError(1, column.header,
                                   "la colonna obbligatoria «" + column.header + "» (colonne "
                                   "obbligatorie: " + ", ".join(c.header for c in COLUMNS
                                                                if c.required and c.name not in
                                                                OPTIONAL_IN_FILE) + ")",
                                   _MISSING))
    return positions, errors


def header_problems(errors: Iterable[RowError]) -> str:
    """The errors of the header row (row 1) in words, for the summary of a file whose rows
    were not checked, e.g. «Colonne non riconosciute: «Codice», «Prezzo». Colonna
    obbligatoria mancante: «Numero».» Errors of other rows are left out."""
    unknown, repeated, missing = [], [], []
    for e in errors:
        if e.row != 1:
            continue
        kind = (repeated if e.expected == _REPEATED else
                missing if e.found == _MISSING else unknown)
        if e.column not in kind:
            kind.append(e.column)
    parts = []
    for names, one, many in ((unknown, "Colonna non riconosciuta", "Colonne non riconosciute"),
                             (repeated, "Colonna ripetuta", "Colonne ripetute"),
                             (missing, "Colonna obbligatoria mancante",
                              "Colonne obbligatorie mancanti")):
        if names:
            parts.append(f"{one if len(names) == 1 else many}: "
                         f"{_listed(f'«{n}»' for n in names)}.")
    return " ".join(parts)


NOTHING_IMPORTED = "Non sarà importato nulla finché il file non è corretto."


def header_refusal(file_name: str, errors: Iterable[RowError]) -> str | None:
    """The summary of a file whose header (row 1) is wrong, so no row was checked («0 righe
    lette» would mislead); None when the header is right."""
    errors = list(errors)
    if not any(e.row == 1 for e in errors):
        return None
    return (f"File «{file_name}»: l'intestazione (riga 1) non è corretta, quindi nessuna riga "
            f"è stata controllata. {header_problems(errors)} {NOTHING_IMPORTED}")


def refusal_summary(file_name: str, rows_read: int, errors: Iterable[RowError],
                    whole_file: str | None = None) -> str | None:
    """The summary of a file that will not be imported, the same words for every import:
    the wrong header, or how many errors in how many rows, plus what is wrong with the file
    as a whole (``whole_file``, else the first error without a row); None when no errors."""
    errors = list(errors)
    if not errors:
        return None
    refused = header_refusal(file_name, errors)
    if refused:
        return refused
    in_rows = [e for e in errors if e.row]
    wrong = len({e.row for e in in_rows})
    parts = [f"{len(in_rows)} in {wrong} {'riga' if wrong == 1 else 'righe'}"] if wrong else []
    if len(in_rows) < len(errors):
        parts.append(whole_file or next(e.message for e in errors if not e.row))
    return f"{read_head(file_name, rows_read)} Errori: {'; '.join(parts)}. {NOTHING_IMPORTED}"


def read_head(file_name: str, rows_read: int) -> str:
    return (f"File «{file_name}»: {rows_read} "
            f"{'riga letta' if rows_read == 1 else 'righe lette'}.")


_UNNAMED = ("una cella vuota: la colonna non ha un nome nell'intestazione (riga 1), quindi "
            "il valore non si saprebbe dove registrarlo")


# --- rows ---------------------------------------------------------------------------------
class _RowChecker:
    """Checks one row at a time, remembering what the file said before (numbers, serials)."""

    def __init__(self, positions: dict[str, int], ctx: ImportContext):
        self.positions = positions
        self.ctx = ctx
        self.places_by_key: dict[str, Place] = {}
        for place in ctx.places:
            self.places_by_key.setdefault(place.code.casefold(), place)
        for place in ctx.places:
            self.places_by_key.setdefault(" ".join(place.name.split()).casefold(), place)
        self.rooms = {p.site_id: {" ".join(n.split()).casefold(): i for n, i in p.rooms.items()}
                      for p in ctx.places}
        # Per register: the next number expected and the date of the previous row.
        self.next_number = {code: ctx.registers.get(code, RegisterState()).last_number + 1
                            for code in IMPORT_REGISTERS}
        self.previous = {code: (ctx.registers.get(code, RegisterState()).last_number,
                                ctx.registers.get(code, RegisterState()).last_date)
                         for code in IMPORT_REGISTERS}
        self.serial_rows: dict[str, int] = {}
        self.columns_at = frozenset(positions.values())

    def check(self, row_no: int, cells: Sequence) -> tuple[ImportRow | None, list[RowError]]:
        errors: list[RowError] = []
        out: dict[str, object] = {}

        def raw(key: str):
            pos = self.positions.get(key)
            return cells[pos] if pos is not None and pos < len(cells) else None

        def error(key: str, expected: str, value=None) -> None:
            errors.append(RowError(row_no, _BY_KEY[key].header, expected,
                                   cell_text(raw(key) if value is None else value)))

        # A value under no column of the header would be dropped without a word.
        for i, cell in enumerate(cells):
            if i not in self.columns_at and cell_text(cell) != "":
                errors.append(RowError(row_no, f"n. {i + 1}", _UNNAMED, cell_text(cell)))

        # A formula without its result: named as such, the rest of the row checked without it.
        formulas = {key for key in self.positions if isinstance(raw(key), Formula)}
        raw_formulas = {key: raw(key) for key in formulas}
        if formulas:
            cells = list(cells)
            for key in formulas:
                cells[self.positions[key]] = None

        # Every column without a rule of its own: as declared (kind, length, pattern).
        for column in _GENERIC:
            out[column.name] = column.default
            if column.required and cell_text(raw(column.name)) == "":
                error(column.name, _REQUIRED_TEXT.get(column.name, "un valore"))
                continue
            try:
                out[column.name] = column.parse_cell(raw(column.name), self.ctx.today)
            except CellError as exc:
                error(column.name, exc.expected, exc.found)
        # CIG and CUP: empty, or exactly 10 / 15 letters and digits (stored upper-cased).
        for key, normalize, expected in (("cig", normalize_cig, CIG_EXPECTED),
                                         ("cup", normalize_cup, CUP_EXPECTED)):
            text = cell_text(raw(key))
            try:
                out[key] = normalize(text)
            except ValidationError:
                error(key, expected, text if len(text) <= 40 else text[:40] + "…")

        register = None
        text = cell_text(raw("register"))
        register = register_from_text(text) if text else None
        if register is None:
            error("register", "un inventario tra "
                  + _listed(SHORT_NAMES[c] for c in IMPORT_REGISTERS))

        number = parse_cell_int(raw("number"))
        if number is None or number < 1:
            error("number", "un numero d'inventario intero positivo")
            number = None

        entry_date = parse_cell_date(raw("entry_date"))
        if entry_date is None:
            error("entry_date", "una data gg/mm/aaaa")
        elif entry_date > self.ctx.today:
            error("entry_date", f"una data non futura (oggi è il {format_date(self.ctx.today)})")
            entry_date = None

        site_id = room_id = None
        site_text = cell_text(raw("site"))
        place = self.places_by_key.get(" ".join(site_text.split()).casefold())
        if place is None:
            error("site", "un plesso esistente (codice o nome): "
                  + _listed(f"{p.code} – {p.name}" for p in self.ctx.places))
        else:
            site_id = place.site_id
            room_text = " ".join(cell_text(raw("room")).split()).casefold()
            room_id = self.rooms[place.site_id].get(room_text)
            if room_id is None:
                error("room", f"un locale del plesso {place.name}: " + _listed(place.rooms))

        state = cell_text(raw("state")).casefold()
        if state not in STATES:
            error("state", "uno stato di conservazione tra " + ", ".join(STATES))

        value = None
        try:
            value = parse_cell_money(raw("value"))
        except ValueError as exc:
            error("value", str(exc))
        else:
            if value <= 0:
                error("value", "un valore maggiore di zero")
                value = None

        valuation = cell_text(raw("valuation")).casefold()
        if valuation not in VALUATIONS:
            error("valuation", "una provenienza tra " + ", ".join(VALUATIONS))

        nature = nature_from_text(cell_text(raw("nature")))
        if nature is None:
            error("nature", "una natura tra " + ", ".join(NATURES)
                  + " (o una cella vuota: bene)")

        set_value = None
        if cell_text(raw("universalita_value")):
            try:
                set_value = parse_cell_money(raw("universalita_value"))
            except ValueError as exc:
                error("universalita_value", str(exc))
            else:
                if set_value <= 0:
                    error("universalita_value", "un valore maggiore di zero")
                    set_value = None
                elif not out["universalita_key"]:
                    error("universalita_value", "una cella vuota: il valore dell'universalità "
                          "si indica con il nome dell'universalità (colonna «Universalità»)")

        status = " ".join(cell_text(raw("status")).split()).casefold()
        decree = None
        if status == DISCHARGED:
            decree = self._decree(entry_date, raw, error)
        elif status in ("", IN_USE, ON_LOAN):
            for key in DECREE_KEYS:
                if cell_text(raw(key)):
                    error(key, "una cella vuota: il decreto di discarico si indica solo per un "
                               "bene «scaricato»")
        else:
            error("status", _STATUS_HELP.get(status, _STATUS_EXPECTED + " o una cella vuota"))

        if register is not None:
            # Fields of some registers only (art. 31 c.2: dati catastali of the immobili…).
            wrong = {e.column for e in errors}
            for column in _GENERIC:
                if (not column.applies_to(base_of(register)) and cell_text(raw(column.name))
                        and column.header not in wrong):
                    error(column.name, "una cella vuota: «" + column.header + "» si indica "
                          "solo per " + _listed(SHORT_NAMES[c] for c in column.registers))
        if register == "inv-terzi" and not out["owner"]:
            error("owner", "il proprietario del bene di terzi (es. il Comune)")

        serial = out["serial_number"] or None
        if serial:
            if serial in self.ctx.serials:
                error("serial_number", "un numero di serie non già registrato per un altro "
                                       "bene dell'archivio")
            elif serial in self.serial_rows:
                error("serial_number", f"un numero di serie non ripetuto (è già alla riga "
                                       f"{self.serial_rows[serial]})")
            else:
                self.serial_rows[serial] = row_no

        if register is not None:
            self._check_sequence(register, number, entry_date, error)

        if formulas:
            headers = {_BY_KEY[key].header for key in formulas}
            errors = [RowError(row_no, _BY_KEY[key].header,
                               FORMULA_EXPECTED.format(visible(str(raw_formulas[key]), 40)),
                               str(raw_formulas[key]))
                      for key in sorted(formulas, key=self.positions.get)] + \
                     [e for e in errors if e.column not in headers]
        if errors:
            return None, errors
        stored = {c.name: out[c.name] for c in _GENERIC if c.stored}
        return ImportRow(
            row=row_no, register=register, number=number, entry_date=entry_date,
            description=out["description"], site_id=site_id, room_id=room_id, state=state,
            value=value, valuation=valuation, **{**stored, "cig": out["cig"], "cup": out["cup"],
                                                 "serial_number": serial, "nature": nature,
                                                 "universalita_value": set_value},
            status=DISCHARGED if decree else IN_USE, on_loan=status == ON_LOAN,
            decree=decree), []

    def _decree(self, entry_date: date | None, raw, error) -> Decree | None:
        """The three decree cells of a good "scaricato": all required."""
        number = cell_text(raw("decree_number"))
        if not number:
            error("decree_number", "il numero del decreto di discarico (il bene è «scaricato»)")
        elif (problem := cell_text_problem(normalize_text(number),
                                           max_length=MAX_DECREE_NUMBER)) is not None:
            error("decree_number", problem.expected, problem.found)
            number = ""
        else:
            number = normalize_text(number)
        day = None
        if not cell_text(raw("decree_date")):
            error("decree_date", "la data del decreto di discarico (il bene è «scaricato»)")
        else:
            day = parse_cell_date(raw("decree_date"))
            if day is None:
                error("decree_date", "una data gg/mm/aaaa")
            elif day > self.ctx.today:
                error("decree_date", f"una data non futura (oggi è il "
                                     f"{format_date(self.ctx.today)})")
                day = None
            elif entry_date is not None and day < entry_date:
                error("decree_date", f"una data non anteriore al {format_date(entry_date)} "
                                     "(data di carico del bene)")
                day = None
        text = cell_text(raw("cause"))
        cause = cause_from_text(text) if text else None
        if cause is None:
            error("cause", "una causa del discarico tra " + ", ".join(DISCHARGE_CAUSES.values()))
        if number and day and cause:
            return Decree(number, day, cause)
        return None

    def _check_sequence(self, register: str, number: int | None, entry_date: date | None,
                        error) -> None:
        """Numbers of a register continue it without gaps; dates follow the numbers."""
        expected = self.next_number[register]
        last_number, last_date = self.previous[register]
        name = SHORT_NAMES[register]
        if number is not None and number != expected:
            after = (f"il successivo di n. {expected - 1} " if expected > 1 else
                     "il primo ")
            error("number", f"il numero {expected} ({after}dell'inventario {name}: "
                            "numerazione progressiva senza salti né ripetizioni)", number)
        if entry_date is not None and last_date is not None and entry_date < last_date:
            error("entry_date", f"una data non anteriore al {format_date(last_date)} "
                                f"(data del n. {last_number} dell'inventario {name})",
                  entry_date)
        # Go on from what the row says, so that one wrong number is reported once.
        current = number if number is not None else expected
        self.next_number[register] = current + 1
        self.previous[register] = (current, entry_date or last_date)


_STATUS_EXPECTED = ", ".join(f"«{s}»" for s in (IN_USE, ON_LOAN, DISCHARGED))
_STATUS_HELP = {
    states.ANNULLED: _STATUS_EXPECTED + ": una registrazione annullata non si importa",
    states.RENEWED: _STATUS_EXPECTED + ": un bene «rinnovato» è stato ripreso con un nuovo numero "
                 "nel rinnovo dell'inventario; si importa il nuovo inventario, non la serie "
                 "chiusa",
}


def check_rows(header: Sequence, rows: Iterable[tuple[int, Sequence]],
               ctx: ImportContext) -> CheckResult:
    """Check the header, then every non-empty row (``rows``: (row number, cells))."""
    positions, errors = check_header(header)
    if errors:
        return CheckResult([], errors, 0)
    checker = _RowChecker(positions, ctx)
    clean: list[ImportRow] = []
    read = 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        read += 1
        row, row_errors = checker.check(row_no, cells)
        if row is not None:
            clean.append(row)
        errors.extend(row_errors)
    if read == 0:
        errors.append(RowError(2, "", "una o più righe di beni sotto l'intestazione",
                               "nessuna riga"))
    clean, warnings = check_art31(clean, errors)
    return CheckResult(clean, errors, read, warnings)


def _set_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_art31(rows: list[ImportRow], errors: list[RowError]
                ) -> tuple[list[ImportRow], list[RowWarning]]:
    """Art. 31 c.5-6 on the clean rows, by the rule of the carico (``register_problem``, i.e.
    ``destination``): the rows with the same «Universalità» form one set, worth the sum of
    their values (a «Valore dell'universalità» written in the file must be that sum), in one
    register. A row that contradicts the rule is an error on its «Inventario» cell; a good
    taken in charge before D.I. 129/2018 came into force (17/11/2018) is accepted as the old
    program recorded it, with a warning that stays on the good. Errors are appended to
    ``errors``; returns the rows (with the set's value) and the warnings."""
    sets: dict[str, list[ImportRow]] = {}
    for r in rows:
        if r.universalita_key:
            sets.setdefault(_set_key(r.universalita_key), []).append(r)
    column, set_column, value_column = (_BY_KEY[k].header for k in
                                        ("register", "universalita_key", "universalita_value"))
    totals: dict[str, Decimal] = {}
    broken: set[str] = set()
    for key, members in sets.items():
        first = members[0]
        total = sum((m.value for m in members), Decimal("0.00"))
        totals[key] = total
        for m in members[1:]:
            if m.register != first.register:
                broken.add(key)
                errors.append(RowError(
                    m.row, set_column, f"un'universalità in un solo inventario: la riga "
                    f"{first.row} della stessa universalità è in {SHORT_NAMES[first.register]}",
                    m.universalita_key))
        for m in members:
            if m.universalita_value is not None and m.universalita_value != total:
                broken.add(key)
                errors.append(RowError(
                    m.row, value_column,
                    f"il totale dei beni dell'universalità «{first.universalita_key}» "
                    f"({_goods(len(members))} nel file, {format_money(total)}) o una cella "
                    "vuota", format_money(m.universalita_value)))
    out: list[ImportRow] = []
    warnings: list[RowWarning] = []
    for r in rows:
        key = _set_key(r.universalita_key) if r.universalita_key else None
        set_value = totals.get(key) if key else None
        if key in broken:
            out.append(r)
            continue
        problem = register_problem(register=base_of(r.register), nature=r.nature,
                                   unit_value=r.value, universalita_value=set_value)
        if problem is None:
            out.append(replace(r, universalita_value=set_value))
        elif r.entry_date < D129_IN_FORCE:
            text = (f"caricato il {format_date(r.entry_date)}, prima del D.I. 129/2018 (in "
                    f"vigore dal 17/11/2018): importato in {SHORT_NAMES[r.register]} come nel "
                    f"programma precedente; oggi l'art. 31 c.5-6 darebbe {problem}")
            warnings.append(RowWarning(r.row, text))
            out.append(replace(r, universalita_value=set_value, carico_warning=text[:500]))
        else:
            errors.append(RowError(r.row, column, problem, SHORT_NAMES[r.register]))
    errors.sort(key=lambda e: e.row)
    return out, warnings


def summarize(rows: Iterable[ImportRow]) -> list[tuple[str, int, Decimal]]:
    """(register, goods, total value) in the order of the registers."""
    totals: dict[str, list] = {}
    for r in rows:
        t = totals.setdefault(r.register, [0, Decimal("0.00")])
        t[0] += 1
        t[1] += r.value
    return [(code, *totals[code]) for code in IMPORT_REGISTERS if code in totals]


def summary_lines(per_register: list[tuple[str, int, Decimal]]) -> list[str]:
    return [f"{SHORT_NAMES[code]}: {_goods(count)}, "
            f"{format_money(total)}" for code, count, total in per_register]


def situation_lines(rows: Sequence[ImportRow], *, imported: bool = False) -> list[str]:
    """The goods discharged (with their decrees) and, as a note, the goods in comodato."""
    lines = []
    discharged = [r for r in rows if r.decree is not None]
    if discharged:
        decrees = len({r.decree for r in discharged})
        total = sum((r.value for r in discharged), Decimal("0.00"))
        lines.append(f"Di cui scaricati: {_goods(len(discharged))}, {format_money(total)}, con "
                     f"{decrees} {'decreto' if decrees == 1 else 'decreti'} di discarico "
                     "(restano nel registro con il loro numero, annotati come scaricati).")
    on_loan = sum(1 for r in rows if r.on_loan)
    if on_loan:
        one = on_loan == 1
        if imported:
            what = ("risultava «in comodato» nel file ed è stato importato" if one else
                    "risultavano «in comodato» nel file e sono stati importati")
        else:
            what = ("risulta «in comodato» nel file e sarà importato" if one else
                    "risultano «in comodato» nel file e saranno importati")
        lines.append(f"Nota: {_goods(on_loan)} {what} «in uso»: i contratti di comodato non "
                     "fanno parte del file di scambio e vanno registrati di nuovo "
                     "(Inventario › Comodato).")
    return lines


def _goods(count: int) -> str:
    return f"{count} {'bene' if count == 1 else 'beni'}"
