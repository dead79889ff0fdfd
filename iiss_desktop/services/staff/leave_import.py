"""Import of the absences already taken in the current school year and of the leave balances
carried over, from the program the school used before (CSV or XLSX,
domain/staff/leave_import.py), with a dry run naming every wrong row and column.

Both the dry run and the import write every row in one transaction, with every check of a new
absence (services/staff/leave.check_absence_in: the profile, the contract, the day's hours,
the overlaps, the balance) and every balance after the rows before it: the dry run then rolls
it back, the import commits it only when no row was refused. A balance carried over is an
opening «riporto» row of the ledger (the ferie to be taken by 30 April, CCNL 2007 art. 13
c.10 [U]); an absence writes its «fruizione» like one recorded by the office."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from ...areas.staff import PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import SchoolYear
from ...domain.errors import ValidationError
from ...domain.staff import leave as rules
from ...domain.staff import leave_import as fmt
from ...models.staff import Employee
from ...models.staff_leave import AbsenceCause, StaffAbsence, StaffLeaveEntry
from ...queries.staff_leave import causes_in
from ..tabular import read_table
from .leave import _entry, check_absence_in, seed_causes_in, write_absence_in
from .rows import locked_person

ORIGIN = "Dal programma usato in precedenza"


def _apply(s, db, table, today: date) -> fmt.ImportSummary:
    year = SchoolYear.of(today)
    seed_causes_in(s)
    causes = {c.code: (c.name, c.unit) for c in causes_in(s).values() if c.active}
    if table.errors:
        return fmt.ImportSummary("", year.label, len(table.rows), list(table.errors))
    checked = fmt.check_rows(table.header, table.rows, causes=causes, year=year, today=today)
    # the lines the file's own checks passed go on to the archive's: every error at once
    errors = list(checked.errors)
    people = dict(s.execute(select(Employee.codice_fiscale, Employee.id)).all())

    def person_of(line):
        pid = people.get(line.codice_fiscale)
        if pid is None:
            errors.append(fmt.RowRefusal(line.row, "Codice fiscale", (
                f"nessun dipendente in archivio con il codice fiscale "
                f"«{line.codice_fiscale}»")))
            return None
        return locked_person(s, pid)

    for b in checked.balances:
        person = person_of(b)
        if person is None:
            continue
        done = s.execute(select(StaffLeaveEntry.id).where(
            StaffLeaveEntry.employee_id == person.id, StaffLeaveEntry.account == b.account,
            StaffLeaveEntry.school_year == year.start_year, StaffLeaveEntry.kind == "riporto",
            StaffLeaveEntry.amount > 0)).first()
        label, unit = rules.ACCOUNTS[b.account]
        if done is not None:
            errors.append(fmt.RowRefusal(b.row, "Causa o saldo", (
                f"{label}: {person.surname} {person.name} ha già un saldo riportato all'a.s. "
                f"{year.label}.")))
            continue
        _entry(s, person.id, b.account, year.start_year, "riporto", b.amount, year.start,
               f"{label}: saldo riportato {rules.format_amount(b.amount, unit)} ({ORIGIN})"
               + (f"; {b.note}" if b.note else ""),
               deadline=(rules.carry_deadline(SchoolYear(year.start_year - 1))
                         if b.account == "ferie" else None))
    s.flush()
    for a in sorted(checked.absences, key=lambda a: (a.starts_on, a.row)):
        person = person_of(a)
        if person is None:
            continue
        same = s.execute(select(StaffAbsence.id).join(
            AbsenceCause, AbsenceCause.id == StaffAbsence.cause_id).where(
            StaffAbsence.employee_id == person.id, AbsenceCause.code == a.cause,
            StaffAbsence.starts_on == a.starts_on, StaffAbsence.ends_on == a.ends_on,
            StaffAbsence.annulled_on.is_(None))).first()
        if same is not None and a.minutes is not None:   # hourly ones add up on a day
            errors.append(fmt.RowRefusal(a.row, "Dal", (
                f"{person.surname} {person.name}: la stessa assenza è già registrata (un file "
                "si importa una volta sola).")))
            continue
        try:
            found = check_absence_in(s, db, person, a.cause, a.starts_on, a.ends_on,
                                     a.minutes, year)
            write_absence_in(s, person, found, "", a.note or ORIGIN)
            s.flush()
        except ValidationError as exc:
            errors.append(fmt.refusal(a.row, exc))
    errors.sort(key=lambda e: e.row)
    return fmt.ImportSummary("", year.label, checked.rows_read, errors,
                             len(checked.absences), len(checked.balances))


def _named(summary: fmt.ImportSummary, path: Path, stored: bool = False) -> fmt.ImportSummary:
    return fmt.ImportSummary(path.name, summary.school_year, summary.rows_read, summary.errors,
                             summary.absences, summary.balances,
                             stored=stored and summary.ok)


@requires(PREPARE)
def check_leave_file(db: Database, path, today: date | None = None) -> fmt.ImportSummary:
    """The dry run: every row written and checked in a transaction rolled back."""
    path = Path(path)
    table = read_table(path)
    with unit_of_work(db, reason="Controllo del file di assenze e saldi") as s:
        summary = _apply(s, db, table, today or date.today())
        s.rollback()
    return _named(summary, path)


@requires(PREPARE)
def import_leave_file(db: Database, path, progress=None, cancel=None,
                      today: date | None = None) -> fmt.ImportSummary:
    """Every row of the file, or none."""
    path = Path(path)
    table = read_table(path)
    with unit_of_work(db, reason=f"Assenze e saldi: importazione da «{path.name}»") as s:
        summary = _apply(s, db, table, today or date.today())
        if not summary.ok:
            s.rollback()
            return _named(summary, path)
        s.commit()
    return _named(summary, path, stored=True)
