"""Import of the staff registry from the program the school used before (CSV or XLSX), with
a dry run, and our own export in the same format (domain.staff.import_), which imports back
unchanged into an archive with the same plessi.

The dry run writes nothing: it names every wrong cell by row and column and says what would
be created. The import refuses a file with any error; a clean file is recorded in ONE
transaction through the registry's own checks (services/staff/registry.py: the person's
fields, the codice fiscale nobody else's, the contract rules, no overlapping periods under
the person's lock), audited row by row as every change of the registry. If anything changed
in between (another PC registered the same codice fiscale), nothing is kept.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ...areas.staff import REGISTRY
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import read_session, translated_errors, unit_of_work
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory.import_ import read_head, refusal_summary
from ...domain.staff import import_ as fmt
from ...domain.staff import registry as rules
from ...domain.staff.profiles import AREAS_2007, AREAS_2024, ATA_ROLES, ROLES
from ...domain.text import sort_key
from ...models.school import Site
from ...models.staff import Employee, StaffContract
from .. import tabular
from ..tabular import check_suffix, read_table
from .registry import _check_person, _close_period, _new_period, _person_values
from .rows import locked_person

FIRST_ERRORS = 10     # how many errors a refused import repeats in its message


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    rows_read: int
    errors: list[fmt.RowError]
    persons: list[fmt.PersonRow]
    contracts: list[fmt.ContractRow]
    note: str = ""        # e.g. the file was read as Windows-1252

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new_persons(self) -> int:
        return sum(1 for p in self.persons if p.existing_id is None)

    @property
    def matched_persons(self) -> int:
        return sum(1 for p in self.persons if p.existing_id is not None)

    def summary(self) -> str:
        return "\n".join(filter(None, [self._summary(), self.note]))

    def _summary(self) -> str:
        if any(e.row == 1 for e in self.errors):
            return (f"File «{self.file_name}»: l'intestazione (riga 1) non è corretta, quindi "
                    f"nessuna riga è stata controllata. {fmt.header_summary(self.errors)} "
                    "Non sarà importato nulla finché il file non è corretto.")
        refused = refusal_summary(self.file_name, self.rows_read, self.errors)
        if refused:
            return refused
        one = self.rows_read == 1
        head = read_head(self.file_name, self.rows_read)
        lines = [f"{head} Nessun errore: si {'può' if one else 'possono'} importare.",
                 f"Saranno registrati {fmt.persons_text(self.new_persons)} nuovi e "
                 f"{fmt.contracts_text(len(self.contracts))}."]
        if self.matched_persons:
            lines.append(f"Già in archivio con lo stesso codice fiscale: "
                         f"{fmt.persons_text(self.matched_persons)}, "
                         + ("che non viene duplicato né modificato (si aggiungono solo i suoi "
                            "contratti)." if self.matched_persons == 1 else
                            "che non vengono duplicati né modificati (si aggiungono solo i "
                            "loro contratti)."))
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    persons_created: int
    persons_matched: int
    contracts: int
    note: str = ""

    def summary(self) -> str:
        lines = [f"Importati da «{self.file_name}»: {fmt.persons_text(self.persons_created)} "
                 f"nuovi e {fmt.contracts_text(self.contracts)}."]
        if self.persons_matched:
            lines.append(f"{fmt.persons_text(self.persons_matched)} già in archivio: aggiunti "
                         f"solo i {'suoi' if self.persons_matched == 1 else 'loro'} contratti.")
        return "\n".join(lines + ([self.note] if self.note else []))


# --- dry run and import -----------------------------------------------------------------------
def _context(db: Database, today: date | None) -> fmt.ImportContext:
    """The plessi and the people of the archive with their contracts (not annulled)."""
    with translated_errors(db), read_session(db) as s:
        sites = [fmt.Site(i, code, name) for i, code, name in s.execute(
            select(Site.id, Site.code, Site.name).where(Site.active.is_(True))
            .order_by(Site.name)).all()]
        contracts: dict[int, list[fmt.KnownContract]] = {}
        for c in s.execute(select(StaffContract).where(StaffContract.annulled_on.is_(None))
                           .order_by(StaffContract.starts_on)).scalars():
            contracts.setdefault(c.employee_id, []).append(fmt.KnownContract(
                c.kind, c.starts_on, c.ends_on, rules.effective_end(c.ends_on, c.closed_on),
                c.part_time_bp))
        persons = {cf: fmt.KnownPerson(i, surname, name, role, tuple(contracts.get(i, ())))
                   for i, cf, surname, name, role in s.execute(
                       select(Employee.id, Employee.codice_fiscale, Employee.surname,
                              Employee.name, Employee.role)
                       .where(Employee.codice_fiscale.is_not(None))).all()}
    return fmt.ImportContext(today or date.today(), sites, persons)


def _to_rows(table: tabular.Table) -> list[fmt.RowError]:
    return [fmt.RowError(e.row, e.column, e.detail) for e in table.errors]


@requires(REGISTRY)
def dry_run(db: Database, path, *, today: date | None = None) -> ImportReport:
    """Read and check the whole file against the archive; write nothing."""
    path = Path(path)
    table = read_table(path)
    if table.errors:
        # Bytes of no encoding: the cells are named, nothing else is checked or imported.
        return ImportReport(path.name, len(table.rows), _to_rows(table), [], [])
    checked = fmt.check_rows(table.header, table.rows, _context(db, today))
    return ImportReport(path.name, checked.rows_read, checked.errors, checked.persons,
                        checked.contracts, table.note)


def refusal(report: ImportReport) -> str:
    shown = "\n".join(f"- {e.message}" for e in report.errors[:FIRST_ERRORS])
    more = len(report.errors) - FIRST_ERRORS
    tail = f"\n… e altri {more} errori." if more > 0 else ""
    return (f"Il file «{report.file_name}» contiene {len(report.errors)} "
            f"{'errore' if len(report.errors) == 1 else 'errori'}: non è stato importato "
            f"nulla.\n{shown}{tail}")


@requires(REGISTRY)
def import_staff(db: Database, path, *, today: date | None = None, progress=None,
                 cancel=None) -> ImportResult:
    """Import a clean file in one transaction; a file with errors is refused whole."""
    path = Path(path)
    report = dry_run(db, path, today=today)
    if not report.ok:
        raise DomainError(refusal(report))
    row_of = 0

    def again(exc: DomainError) -> DomainError:
        return DomainError(f"Riga {row_of}: {exc.message} Non è stato importato nulla: forse "
                           "un'altra postazione ha appena registrato; ripetere la prova.")

    with unit_of_work(db, reason=f"Importazione del personale da {path.name}") as s:
        people: dict[str, Employee] = {}
        try:
            for p in report.persons:
                row_of = p.row
                if p.existing_id is not None:
                    people[p.codice_fiscale] = locked_person(s, p.existing_id)
                    continue
                clean = _person_values(p.values)
                _check_person(s, clean, None)
                person = Employee(**clean)
                s.add(person)
                s.flush()
                people[p.codice_fiscale] = person
            # Each person's periods in date order: one closed early is closed before the next
            # is checked against it, as the office would have recorded them.
            for c in sorted(report.contracts, key=lambda c: (c.codice_fiscale, c.starts_on)):
                row_of = c.row
                row = _new_period(s, people[c.codice_fiscale], kind=c.kind,
                                  starts_on=c.starts_on, ends_on=c.ends_on, bp=c.part_time_bp,
                                  assigned_school=c.assigned_school, note=c.note,
                                  follows_id=None)
                if c.closed_on is not None:
                    _close_period(row, c.closed_on, c.close_reason)
                    s.flush()
        except ValidationError as exc:
            raise again(exc) from None
        s.commit()
    return ImportResult(path.name, report.new_persons, report.matched_persons,
                        len(report.contracts), report.note)


# --- export ---------------------------------------------------------------------------------
def _label(options: dict, code: str) -> str:
    return options.get(code, code) if code else ""


@requires(REGISTRY)
def export_rows(db: Database) -> list[list]:
    """The ATA staff of the registry as rows of EXPORT_COLUMNS (dates as date): one row per
    contract not annulled, in date order; a person without contracts, one row."""
    with translated_errors(db), read_session(db) as s:
        sites = dict(s.execute(select(Site.id, Site.code)).all())
        people = s.execute(select(Employee).where(Employee.role.in_(ATA_ROLES))).scalars().all()
        contracts: dict[int, list[StaffContract]] = {}
        for c in s.execute(select(StaffContract).where(StaffContract.annulled_on.is_(None))
                           .order_by(StaffContract.starts_on, StaffContract.id)).scalars():
            contracts.setdefault(c.employee_id, []).append(c)
        out = []
        for e in sorted(people, key=lambda e: (sort_key(e.surname), sort_key(e.name),
                                               e.codice_fiscale or "")):
            person = [e.surname, e.name, e.codice_fiscale or "", ROLES.get(e.role, e.role),
                      _label(AREAS_2007, e.area_2007), _label(AREAS_2024, e.area_2024),
                      sites.get(e.site_id, "") if e.site_id else "", e.email, e.phone,
                      e.hired_on, _label(rules.POSIZIONI_ECONOMICHE, e.posizione_economica),
                      e.service_since]
            for c in contracts.get(e.id, []) or [None]:
                if c is None:
                    out.append(person + ["", None, None, "", "", "", None, ""])
                    continue
                out.append(person + [rules.contract_label(c.kind), c.starts_on, c.ends_on,
                                     fmt.export_percent(c.part_time_bp), c.assigned_school,
                                     c.note, c.closed_on, c.close_reason])
    return out


_WIDTHS = {"Cognome": 18, "Nome": 16, "Codice fiscale": 19, "Profilo": 26, "Plesso": 10,
           "Email": 26, "Tipo contratto": 30, "Dal": 11, "Al": 11, "Part-time %": 11,
           "Istituto comprensivo": 26, "Note al contratto": 26, "Chiuso il": 11,
           "Motivo della chiusura": 26, "Posizione economica": 22, "Area CCNL 2007": 16,
           "Area CCNL 2019-21": 24, "Anzianità di servizio dal": 14,
           "Data di assunzione": 12}
_DATES = {i: tabular.DATE_FORMAT for i, c in enumerate(fmt.EXPORT_COLUMNS)
          if c.key in ("hired_on", "service_since", "starts_on", "ends_on", "closed_on")}


@requires(REGISTRY)
def export_staff(db: Database, path) -> tuple[int, int]:
    """Write the registry in the exchange format: .xlsx, or .csv with ";" and UTF-8 BOM,
    through a temporary file. Returns (people, contracts) written."""
    path = Path(path)
    suffix = check_suffix(path)
    tabular.check_target(path)
    rows = export_rows(db)

    def write(target: Path) -> None:
        if suffix == ".csv":
            tabular.write_csv(fmt.EXPORT_HEADERS, rows, target)
        else:
            tabular.write_xlsx(fmt.EXPORT_HEADERS, rows, target, sheet_name="Personale",
                               widths=_WIDTHS, formats=_DATES)

    tabular.write_atomically(path, write)
    kind_at = fmt.EXPORT_HEADERS.index("Tipo contratto")
    people = len({tuple(r[:3]) for r in rows})
    return people, sum(1 for r in rows if r[kind_at])
