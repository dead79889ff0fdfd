"""The exchange file of the staff registry: import from the program the school used before,
and our own export, which imports back unchanged.

ONE sheet (a .csv, or the first sheet of an .xlsx), ONE row per contract: the columns of the
person (Cognome … Anzianità di servizio dal) are repeated on each of that person's contracts;
a person without contracts is one row with the contract columns left empty. It is what an
office gets from an old program's "elenco del personale con i contratti" (one line per
contract) without joining two files, and it reads the same in Excel and in a CSV.

- The person is identified by the codice fiscale: the rows with the same codice fiscale are
  one person, and their person columns must be equal (an error names the first row). A person
  already in the archive with that codice fiscale is matched, never duplicated nor changed:
  only the contracts of the file are added, and cognome, nome and profilo in the file must
  be those of the archive (a mistyped codice fiscale would give the contract to someone else).
- The values are those of the registry (domain/staff/registry.py, profiles.py), with the same
  checks as the forms: codice fiscale with its check character, an ATA profile, the areas the
  profile admits (empty: the profile's), the contract rules (a tempo determinato ends on 30/6
  or 31/8 of its school year, an ex-LSU…), the periods of one person never overlapping.
  Codes and Italian labels are both accepted, ignoring case and extra spaces («CS» or
  «Collaboratore scolastico», «determinato_3006» or «Tempo determinato fino al 30/6»); dates
  gg/mm/aaaa or aaaa-mm-gg (or date cells of Excel); the part-time «50», «50%», «83,33 %»
  (empty: full time, 100).
- «Data di nascita» is optional and only checked: it must be the date written in the codice
  fiscale (the registry does not store it, the export leaves it out).
- «Anni di servizio» is refused with a word: the registry records the day from which service
  counts («Anzianità di servizio dal»), the years are computed from it.
- A contract closed early carries «Chiuso il» and «Motivo della chiusura». Annulled contracts,
  the link of a proroga to the period before it, the incarichi specifici and the weekly
  patterns are not part of the file.

Nothing is imported until the whole file is clean; every wrong cell is one ``RowError``
(«Riga 7, colonna «Codice fiscale»: codice fiscale «…» non valido: il carattere di controllo
non corrisponde.»).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..dates import format_date
from ..errors import ValidationError
from ..fields import cell_text, parse_cell_date
from ..tabular import Formula, is_blank
from ..text import normalize_text, visible
from . import registry as rules
from .fields import CONTRACT, EMPLOYEE
from .profiles import AREAS_2007, AREAS_2024, ATA_ROLES, ROLES

PERSON, CONTRACT_PART, CHECK = "person", "contract", "check"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    part: str                        # PERSON, CONTRACT_PART or CHECK (read, not stored)
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("surname", "Cognome", PERSON, True),
    Column("name", "Nome", PERSON, True),
    Column("codice_fiscale", "Codice fiscale", PERSON, True, ("CF", "Cod. fiscale")),
    Column("birth_date", "Data di nascita", CHECK),
    Column("role", "Profilo", PERSON, True, ("Profilo professionale", "Qualifica")),
    Column("area_2007", "Area CCNL 2007", PERSON, aliases=("Area (CCNL 2007)",)),
    Column("area_2024", "Area CCNL 2019-21", PERSON, aliases=("Area (CCNL 2019-21)",)),
    Column("site", "Plesso", PERSON, aliases=("Plesso di servizio",)),
    Column("email", "Email", PERSON, aliases=("E-mail", "Posta elettronica")),
    Column("phone", "Telefono", PERSON, aliases=("Cellulare",)),
    Column("hired_on", "Data di assunzione", PERSON),
    Column("posizione_economica", "Posizione economica", PERSON),
    Column("service_since", "Anzianità di servizio dal", PERSON,
           aliases=("Anzianità dal", "In servizio dal")),
    Column("kind", "Tipo contratto", CONTRACT_PART, aliases=("Tipo di contratto", "Contratto")),
    Column("starts_on", "Dal", CONTRACT_PART,
           aliases=("Inizio", "Inizio del contratto", "Data inizio")),
    Column("ends_on", "Al", CONTRACT_PART, aliases=("Fine", "Fine del contratto", "Data fine")),
    Column("part_time", "Part-time %", CONTRACT_PART,
           aliases=("Part-time", "Percentuale di part-time", "Percentuale part-time")),
    Column("assigned_school", "Istituto comprensivo", CONTRACT_PART,
           aliases=("Istituto comprensivo di assegnazione",)),
    Column("note", "Note al contratto", CONTRACT_PART, aliases=("Note",)),
    Column("closed_on", "Chiuso il", CONTRACT_PART, aliases=("Data di cessazione",)),
    Column("close_reason", "Motivo della chiusura", CONTRACT_PART,
           aliases=("Motivo della cessazione",)),
)
BY_KEY = {c.key: c for c in COLUMNS}
HEADERS = tuple(c.header for c in COLUMNS)
EXPORT_COLUMNS = tuple(c for c in COLUMNS if c.part != CHECK)
EXPORT_HEADERS = tuple(c.header for c in EXPORT_COLUMNS)
REQUIRED_HEADERS = tuple(c.header for c in COLUMNS if c.required)
OPTIONAL_HEADERS = tuple(c.header for c in COLUMNS if not c.required)
PERSON_KEYS = tuple(c.key for c in COLUMNS if c.part == PERSON)
CONTRACT_KEYS = tuple(c.key for c in COLUMNS if c.part == CONTRACT_PART)
# With any contract column, these two are needed: a contract without kind or start is not one.
CONTRACT_REQUIRED = ("kind", "starts_on")
# Headers of old programs that cannot be imported as they are, with the reason.
REFUSED_HEADERS = {
    "anni di servizio": ("colonna non importabile: l'archivio registra il giorno da cui si "
                         "conta l'anzianità, non gli anni (che cambiano ogni anno); indicarlo "
                         "nella colonna «Anzianità di servizio dal» (gg/mm/aaaa)"),
}
FORMAT_HELP = (
    "Una riga per contratto: le colonne della persona si ripetono su ogni suo contratto; "
    "una persona senza contratti è una riga con le colonne del contratto vuote. La persona "
    "è riconosciuta dal codice fiscale: se è già in archivio non viene duplicata né "
    "modificata, si aggiungono solo i contratti. Profilo, tipo di contratto, aree e "
    "posizione economica: il codice o il nome (es. «CS» o «Collaboratore scolastico»); date "
    "gg/mm/aaaa; part-time «50» o «50%» (vuoto: tempo pieno).")
MAX_LISTED = 12


@dataclass(frozen=True)
class RowError:
    """One wrong cell: the row of the file (1: the header), the column, what is wrong."""

    row: int
    column: str
    text: str

    @property
    def where(self) -> str:
        row = f"Riga {self.row}" + (" (intestazione)" if self.row == 1 else "")
        return f"{row}, colonna «{self.column}»" if self.column else row

    @property
    def message(self) -> str:
        return f"{self.where}: {self.text}"


# --- the archive as the check sees it ----------------------------------------------------------
@dataclass(frozen=True)
class Site:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class KnownContract:
    """A contract of the archive (not annulled)."""

    kind: str
    starts_on: date
    ends_on: date | None              # the term
    end: date | None                  # the end that counts (closed early or the term)
    part_time_bp: int


@dataclass(frozen=True)
class KnownPerson:
    id: int
    surname: str
    name: str
    role: str
    contracts: tuple[KnownContract, ...] = ()


@dataclass(frozen=True)
class ImportContext:
    today: date
    sites: Sequence[Site] = ()
    persons: Mapping[str, KnownPerson] = field(default_factory=dict)   # by codice fiscale


# --- what a clean file records ---------------------------------------------------------------
@dataclass(frozen=True)
class PersonRow:
    """A person of the file (its first row): the values save_person takes, or the person of the
    archive with the same codice fiscale."""

    row: int
    codice_fiscale: str
    values: dict
    existing_id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.values['surname']} {self.values['name']}"


@dataclass(frozen=True)
class ContractRow:
    row: int
    codice_fiscale: str
    kind: str
    starts_on: date
    ends_on: date | None
    part_time_bp: int
    assigned_school: str = ""
    note: str = ""
    closed_on: date | None = None
    close_reason: str = ""

    @property
    def end(self) -> date | None:
        return rules.effective_end(self.ends_on, self.closed_on)


@dataclass(frozen=True)
class CheckResult:
    persons: list[PersonRow]
    contracts: list[ContractRow]
    errors: list[RowError]
    rows_read: int

    @property
    def new_persons(self) -> list[PersonRow]:
        return [p for p in self.persons if p.existing_id is None]

    @property
    def matched_persons(self) -> list[PersonRow]:
        return [p for p in self.persons if p.existing_id is not None]


# --- codes and labels ------------------------------------------------------------------------
def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names_of(code: str, label: str) -> set[str]:
    """How a file may write a value: its code (also with spaces for "_"), its label, the label
    without the explanation in brackets («Organico Covid»)."""
    names = {_key(code), _key(code.replace("_", " ")), _key(label)}
    if " (" in label:
        names.add(_key(label.split(" (", 1)[0]))
    return {n for n in names if n}


def _from_text(text: str, options: Mapping[str, str]) -> str | None:
    key = _key(text)
    if not key:
        return "" if "" in options else None
    for code, label in options.items():
        if key in _names_of(code, label):
            return code
    return None


ATA_PROFILES = {code: ROLES[code] for code in ATA_ROLES}
_NONE = {"": "Nessuna"}


def profile_from_text(text: str) -> str | None:
    return _from_text(text, ATA_PROFILES)


def kind_from_text(text: str) -> str | None:
    return _from_text(text, rules.CONTRACT_KINDS)


def area_2007_from_text(text: str) -> str | None:
    return _from_text(text, {**AREAS_2007, **_NONE})


def area_2024_from_text(text: str) -> str | None:
    return _from_text(text, {**AREAS_2024, **_NONE})


def posizione_from_text(text: str) -> str | None:
    return _from_text(text, rules.POSIZIONI_ECONOMICHE)


def _listed(names) -> str:
    names = list(names)
    shown = ", ".join(names[:MAX_LISTED])
    return (shown + (", …" if len(names) > MAX_LISTED else "")) if names else "nessuno"


def _sentence(message: str) -> str:
    """A message of the registry ("Il campo….") after «colonna …:», lower-cased (not «AT»),
    without the final full stop, as the other messages of the file."""
    message = message.removesuffix(".")
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message


def _shown(text: str) -> str:
    return f"«{text}»" if text else "una cella vuota"


def _period_text(kind: str, starts_on: date, end: date | None) -> str:
    until = f"al {format_date(end)}" if end else "senza data di fine"
    return f"{rules.contract_label(kind)}, dal {format_date(starts_on)} {until}"


# --- header -----------------------------------------------------------------------------------
def check_header(header: Sequence) -> tuple[dict[str, int], list[RowError]]:
    """Column key -> position in the file, and the errors of the header (row 1). Columns may
    come in any order; names are matched ignoring case and extra spaces."""
    known = {_key(name): c for c in COLUMNS for name in (c.header, *c.aliases)}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for i, raw in enumerate(header):
        text = cell_text(raw)
        name = _key(text)
        if not name:
            continue
        column = known.get(name)
        if name in REFUSED_HEADERS:
            errors.append(RowError(1, text, REFUSED_HEADERS[name]))
        elif column is None:
            errors.append(RowError(1, text, "colonna sconosciuta: toglierla o darle il nome "
                                            "di una delle colonne ammesse ("
                                            + ", ".join(HEADERS) + ")"))
        elif column.key in positions:
            errors.append(RowError(1, column.header, f"colonna ripetuta (è già la colonna n. "
                                                     f"{positions[column.key] + 1})"))
        else:
            positions[column.key] = i
    for column in COLUMNS:
        if column.required and column.key not in positions:
            errors.append(RowError(1, column.header, "colonna obbligatoria mancante (colonne "
                                   "obbligatorie: " + ", ".join(REQUIRED_HEADERS) + ")"))
    if any(k in positions for k in CONTRACT_KEYS):
        for key in CONTRACT_REQUIRED:
            if key not in positions:
                errors.append(RowError(1, BY_KEY[key].header, "colonna mancante: con le "
                                       "colonne del contratto servono «Tipo contratto» e «Dal»"))
    return positions, errors


def header_summary(errors: Sequence[RowError]) -> str:
    """The errors of the header, in words, for the summary of a file whose rows were not
    checked."""
    return " ".join(f"«{e.column}»: {e.text}." for e in errors if e.row == 1)


# --- rows -------------------------------------------------------------------------------------
_UNNAMED = ("un valore in una colonna senza nome nell'intestazione (riga 1): non si saprebbe "
            "dove registrarlo; togliere il valore o dare un nome alla colonna")
_FORMULA = ("la cella contiene la formula «{}» ma non il suo risultato (aprire il file con "
            "Excel o LibreOffice, salvarlo e riprovare)")
_NOT_A_DATE = "«{}» non è una data (gg/mm/aaaa)"


@dataclass
class _Person:
    """What the first row of a codice fiscale said, to compare the next rows with it."""

    row: int
    compare: dict[str, object]    # person columns as compared (_person)
    shown: dict[str, str]         # and as written
    values: dict | None           # None: the row had errors in the person columns
    role: str | None
    existing: KnownPerson | None
    contracts: list[ContractRow] = field(default_factory=list)


class _Checker:
    def __init__(self, positions: dict[str, int], ctx: ImportContext):
        self.positions = positions
        self.ctx = ctx
        self.columns_at = frozenset(positions.values())
        self.sites: dict[str, Site] = {}
        for site in ctx.sites:
            self.sites.setdefault(_key(site.code), site)
        for site in ctx.sites:
            self.sites.setdefault(_key(site.name), site)
        self.people: dict[str, _Person] = {}
        self.order: list[str] = []
        self.errors: list[RowError] = []

    # -- one row --------------------------------------------------------------------------
    def check(self, row_no: int, cells: Sequence) -> None:
        errors: list[RowError] = []

        def error(key: str, text: str) -> None:
            errors.append(RowError(row_no, BY_KEY[key].header, text))

        for i, cell in enumerate(cells):
            if i not in self.columns_at and cell_text(cell) != "":
                errors.append(RowError(row_no, f"n. {i + 1}", _UNNAMED))
        raw: dict[str, object] = {}
        for key, pos in self.positions.items():
            value = cells[pos] if pos < len(cells) else None
            if isinstance(value, Formula):
                error(key, _FORMULA.format(visible(str(value), 40)))
                value = None
            raw[key] = value
        text = {key: normalize_text(cell_text(value)) for key, value in raw.items()}
        for key in BY_KEY:
            text.setdefault(key, "")
            raw.setdefault(key, None)

        values, compare, role, cf = self._person(text, raw, error)
        person = self._match(row_no, cf, text, values, compare, role, error)
        self._contract(row_no, text, raw, cf, person.role if person else role, person, error)
        self.errors.extend(errors)

    def _person(self, text, raw, error) -> tuple[dict | None, dict, str | None, str | None]:
        """The values save_person takes (None when a cell is wrong), the cells as compared
        with the other rows of the person (the right ones: codes, dates, texts ignoring case
        and spaces), the profile, the codice fiscale (None when wrong)."""
        wrong: list[str] = []

        def bad(key: str, message: str) -> None:
            wrong.append(key)
            error(key, message)

        values: dict = {}
        for key, what in (("surname", "il cognome"), ("name", "il nome")):
            if not text[key]:
                bad(key, f"cella vuota: {what} è obbligatorio")
            else:
                values[key] = self._checked(EMPLOYEE, key, text[key], bad)
        cf = None
        if not text["codice_fiscale"]:
            bad("codice_fiscale", "cella vuota: il codice fiscale è obbligatorio")
        else:
            try:
                cf = rules.check_codice_fiscale(text["codice_fiscale"])
            except ValidationError as exc:
                bad("codice_fiscale", _sentence(exc.message))
        values["codice_fiscale"] = cf
        if text["birth_date"]:
            born = parse_cell_date(raw["birth_date"])
            if born is None:
                bad("birth_date", _NOT_A_DATE.format(text["birth_date"]))
            elif cf is not None:
                self._check_birth(cf, born, bad)

        role = None
        if not text["role"]:
            bad("role", "cella vuota: il profilo è obbligatorio")
        else:
            role = profile_from_text(text["role"])
            if role is None:
                bad("role", f"«{text['role']}» non è un profilo del personale ATA: indicare il "
                            "codice o il nome ("
                            + ", ".join(f"{c} – {n}" for c, n in ATA_PROFILES.items()) + ")")
        values["role"] = role
        areas = {}
        for key, parse, options, ccnl in (
                ("area_2007", area_2007_from_text, AREAS_2007, "CCNL 2007"),
                ("area_2024", area_2024_from_text, AREAS_2024, "CCNL 2019-21")):
            areas[key] = None
            if text[key]:
                areas[key] = parse(text[key])
                if areas[key] is None:
                    bad(key, f"«{text[key]}» non è un'area del {ccnl}: "
                             + ", ".join(options.values()) + " (o una cella vuota: l'area del "
                             "profilo)")
        if role is not None and not {"area_2007", "area_2024"} & set(wrong):
            try:
                values["area_2007"], values["area_2024"] = rules.check_areas(
                    role, areas["area_2007"], areas["area_2024"])
            except ValidationError as exc:
                for key, message in exc.errors.items():
                    bad(key, _sentence(message))

        values["site_id"] = None
        if text["site"]:
            site = self.sites.get(_key(text["site"]))
            if site is None:
                bad("site", f"«{text['site']}» non è un plesso dell'archivio: indicare il "
                            "codice o il nome (" + _listed(f"{s.code} – {s.name}"
                                                           for s in self.ctx.sites) + ")")
            else:
                values["site_id"] = site.id
        for key in ("email", "phone"):
            values[key] = self._checked(EMPLOYEE, key, text[key], bad)
        values["hired_on"] = self._date(raw, text, "hired_on", bad)
        values["service_since"] = self._date(raw, text, "service_since", bad)
        if values["service_since"] and values["service_since"] > self.ctx.today:
            bad("service_since", f"la data da cui si conta l'anzianità "
                                 f"({format_date(values['service_since'])}) è futura")
        posizione = posizione_from_text(text["posizione_economica"])
        if posizione is None:
            bad("posizione_economica", f"«{text['posizione_economica']}» non è una posizione "
                                       "economica: " + ", ".join(
                                           rules.POSIZIONI_ECONOMICHE.values())
                + " (o una cella vuota: nessuna)")
        values["posizione_economica"] = posizione or ""
        compare = {"surname": _key(values.get("surname") or ""),
                   "name": _key(values.get("name") or ""), "role": role, **areas,
                   "site": values["site_id"], "email": _key(values["email"] or ""),
                   "phone": _key(values["phone"] or ""), "hired_on": values["hired_on"],
                   "posizione_economica": posizione,
                   "service_since": values["service_since"]}
        compare = {k: v for k, v in compare.items() if k not in wrong}
        return (None if wrong else values), compare, role, cf

    @staticmethod
    def _checked(record, key: str, text: str, bad):
        try:
            return record[key].check(text)
        except ValidationError as exc:
            bad(key, _sentence(exc.message))
            return None

    @staticmethod
    def _date(raw, text, key: str, bad) -> date | None:
        if not text[key]:
            return None
        day = parse_cell_date(raw[key])
        if day is None:
            bad(key, _NOT_A_DATE.format(text[key]))
        return day

    @staticmethod
    def _check_birth(cf: str, born: date, bad) -> None:
        from stdnum.it import codicefiscale

        coded = codicefiscale.get_birth_date(cf)
        if (coded.day, coded.month, coded.year % 100) != (born.day, born.month,
                                                             born.year % 100):
            bad("birth_date", f"la data di nascita {format_date(born)} non è quella del codice "
                              f"fiscale ({coded.day:02d}/{coded.month:02d}/"
                              f"{coded.year % 100:02d})")

    # -- the same person on several rows, or already in the archive ----------------------
    def _match(self, row_no: int, cf: str | None, text, values, compare, role, error
               ) -> _Person | None:
        if cf is None:
            return None
        first = self.people.get(cf)
        if first is not None:
            for key in PERSON_KEYS:
                if key in compare and key in first.compare and \
                        compare[key] != first.compare[key]:
                    error(key, f"valore diverso da quello della riga {first.row}, che ha lo "
                               f"stesso codice fiscale ({_shown(text[key])} invece di "
                               f"{_shown(first.shown[key])}): "
                               "i dati della persona devono essere uguali su tutti i suoi "
                               "contratti")
            return first
        existing = self.ctx.persons.get(cf)
        if existing is not None and values is not None:
            who = f"{existing.surname} {existing.name}"
            for key, stored in (("surname", existing.surname), ("name", existing.name)):
                if _key(values[key]) != _key(stored):
                    error(key, f"il codice fiscale {cf} è già in archivio per {who}, con "
                               f"{'cognome' if key == 'surname' else 'nome'} «{stored}»: "
                               "controllare il codice fiscale o correggere la riga")
            if role is not None and role != existing.role:
                error("role", f"il codice fiscale {cf} è già in archivio per {who}, con il "
                              f"profilo «{ROLES.get(existing.role, existing.role)}»")
        person = _Person(row_no, compare, {k: text[k] for k in PERSON_KEYS}, values,
                         existing.role if existing is not None else role, existing)
        self.people[cf] = person
        self.order.append(cf)
        return person

    # -- the contract of the row -----------------------------------------------------------
    def _contract(self, row_no: int, text, raw, cf, profile: str | None,
                  person: _Person | None, error) -> None:
        if not any(text[k] for k in CONTRACT_KEYS):
            return
        wrong: list[str] = []

        def bad(key: str, message: str) -> None:
            wrong.append(key)
            error(key, message)

        kind = None
        if not text["kind"]:
            bad("kind", "cella vuota: il tipo di contratto è obbligatorio (la riga ha altre "
                        "colonne del contratto)")
        else:
            kind = kind_from_text(text["kind"])
            if kind is None:
                bad("kind", f"«{text['kind']}» non è un tipo di contratto: "
                            + ", ".join(rules.CONTRACT_KINDS.values())
                            + " (o il codice, es. «indeterminato»)")
        starts_on = None
        if not text["starts_on"]:
            bad("starts_on", "cella vuota: la data di inizio del contratto è obbligatoria")
        else:
            starts_on = self._date(raw, text, "starts_on", bad)
        ends_on = self._date(raw, text, "ends_on", bad)
        closed_on = self._date(raw, text, "closed_on", bad)
        bp = self._part_time(raw["part_time"], text["part_time"], bad)
        school = self._checked(CONTRACT, "assigned_school", text["assigned_school"], bad)
        note = self._checked(CONTRACT, "note", text["note"], bad)
        reason = self._checked(CONTRACT, "close_reason", text["close_reason"], bad)
        if wrong:
            return
        if profile is None:
            return        # the profile is wrong: its error is enough
        try:
            rules.check_contract(kind, starts_on, ends_on, profile=profile,
                                 assigned_school=school)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                bad({"part_time_percent": "part_time"}.get(key, key), _sentence(message))
            return
        if closed_on is not None:
            if closed_on < starts_on or (ends_on is not None and closed_on > ends_on):
                until = f"la fine ({format_date(ends_on)})" if ends_on else "la fine"
                bad("closed_on", f"la chiusura ({format_date(closed_on)}) cade tra l'inizio "
                                 f"({format_date(starts_on)}) e {until} del contratto")
                return
            if not reason:
                bad("close_reason", "cella vuota: il motivo della chiusura è obbligatorio per "
                                    "un contratto chiuso (colonna «Chiuso il»)")
                return
        elif reason:
            bad("close_reason", "un motivo della chiusura senza la data di chiusura (colonna "
                                "«Chiuso il»)")
            return
        if person is None or cf is None:
            return
        row = ContractRow(row_no, cf, kind, starts_on, ends_on, bp, school, note, closed_on,
                          reason)
        if self._overlaps(row, person, bad):
            return
        person.contracts.append(row)

    @staticmethod
    def _part_time(raw, text: str, bad) -> int:
        if not text:
            return rules.FULL_TIME_BP
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 < raw < 1:
            # An Excel cell shown as «50%» holds 0,5.
            bad("part_time", f"una percentuale di part-time sotto l'1 % ({text}): se nel "
                             "foglio è scritto 50 %, scrivere 50")
            return rules.FULL_TIME_BP
        try:
            return rules.part_time_bp(text)
        except ValidationError as exc:
            bad("part_time", _sentence(exc.message))
            return rules.FULL_TIME_BP

    @staticmethod
    def _overlaps(row: ContractRow, person: _Person, bad) -> bool:
        new = rules.Period(None, row.starts_on, row.end)
        if person.existing is not None:
            who = f"{person.existing.surname} {person.existing.name}"
            for c in person.existing.contracts:
                if (c.kind, c.starts_on, c.ends_on, c.part_time_bp) == (
                        row.kind, row.starts_on, row.ends_on, row.part_time_bp):
                    bad("starts_on", f"contratto già in archivio per {who} ("
                                     f"{_period_text(c.kind, c.starts_on, c.end)}): il file è "
                                     "già stato importato? Togliere la riga")
                    return True
                if new.overlaps(rules.Period(None, c.starts_on, c.end)):
                    bad("starts_on", f"il periodo si sovrappone a un contratto già in archivio "
                                     f"per {who} ({_period_text(c.kind, c.starts_on, c.end)})")
                    return True
        for other in person.contracts:
            if new.overlaps(rules.Period(None, other.starts_on, other.end)):
                bad("starts_on", f"il periodo si sovrappone al contratto della riga {other.row} "
                                 f"({_period_text(other.kind, other.starts_on, other.end)})")
                return True
        return False

    # -- the result --------------------------------------------------------------------------
    def result(self, rows_read: int) -> CheckResult:
        persons, contracts = [], []
        for cf in self.order:
            p = self.people[cf]
            if p.values is not None:
                persons.append(PersonRow(p.row, cf, p.values,
                                         p.existing.id if p.existing else None))
            contracts.extend(p.contracts)
        contracts.sort(key=lambda c: c.row)
        errors = sorted(self.errors, key=lambda e: e.row)
        return CheckResult(persons, contracts, errors, rows_read)


def check_rows(header: Sequence, rows, ctx: ImportContext) -> CheckResult:
    """Check the header, then every non-empty row (``rows``: (row number, cells))."""
    positions, errors = check_header(header)
    if errors:
        return CheckResult([], [], errors, 0)
    checker = _Checker(positions, ctx)
    read = 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        read += 1
        checker.check(row_no, cells)
    if read == 0:
        checker.errors.append(RowError(2, "", "nessuna riga sotto l'intestazione: il file non "
                                              "ha persone da importare"))
    return checker.result(read)


# --- the export ---------------------------------------------------------------------------------
def export_percent(bp: int) -> int | Decimal:
    """The part-time share as the file writes it: 100, 50, 83.33."""
    pct = rules.percent_of(bp)
    return int(pct) if pct == pct.to_integral_value() else pct


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def persons_text(n: int) -> str:
    return _plural(n, "dipendente", "dipendenti")


def contracts_text(n: int) -> str:
    return _plural(n, "contratto", "contratti")
