"""Attendance (issue 16 item 3): punches entered by hand or imported from the terminal's file,
annulled with their reason (never deleted), and the manual rows of the hour balance. Every
write locks the person's row first (the same lock as the roster and the leave ledger), then
reads what it decides on (the credit of extra hours, the riposi available).

- ``add_punch`` / ``annul_punch``: one punch by hand; a wrong one annulled with its reason;
- ``check_punch_file`` / ``import_punches``: the dry run naming every wrong row and column,
  then the import of the whole file or nothing;
- ``add_hour_entry`` / ``annul_hour_entry``: a correction, extra hours paid or turned into
  riposi compensativi (at most the credit), a riposo used (at most the riposi available);
- ``update_attendance_settings``: tolerance, flexibility and the columns of the file.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from ...areas.staff import PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import read_session, unit_of_work
from ...domain.errors import ValidationError
from ...domain.staff import attendance as rules
from ...domain.staff import punch_import as fmt
from ...domain.staff.fields import ATTENDANCE_SETTING, HOUR_ENTRY, PUNCH
from ...domain.staff.times import parse_time
from ...models.staff import Employee
from ...models.staff_attendance import StaffAttendanceSetting, StaffHourEntry, StaffPunch
from ...queries.staff_attendance import ledger_in, settings_in
from ..tabular import read_table
from .rows import annul_reason, annul_row, locked_person


def _reason(text: str, key: str = "annul_reason") -> str:
    return annul_reason(" ".join((text or "").split()), PUNCH["annul_reason"].check, key,
                        "Indicare il motivo.")


def _minute(value) -> int:
    if isinstance(value, int):
        if not 0 <= value < 24 * 60:
            raise ValidationError({"minute": "Ora non valida."})
        return value
    return parse_time(str(value), "minute")


@requires(PREPARE)
def add_punch(db: Database, person_id: int, day: date, time, direction: str,
              note: str = "") -> int:
    """A punch entered by hand (a forgotten badge, a terminal out of order)."""
    if direction not in rules.DIRECTIONS:
        raise ValidationError({"direction": "Indicare il verso: entrata o uscita."})
    if not isinstance(day, date):
        raise ValidationError({"day": "Indicare il giorno della timbratura."})
    if day > date.today():
        raise ValidationError({"day": "Una timbratura non può essere nel futuro."})
    minute = _minute(time)
    text = PUNCH["note"].check(" ".join((note or "").split()))
    with unit_of_work(db, reason="Timbratura inserita a mano") as s:
        locked_person(s, person_id)
        same = s.scalar(select(StaffPunch.id).where(
            StaffPunch.employee_id == person_id, StaffPunch.day == day,
            StaffPunch.minute == minute, StaffPunch.direction == direction,
            StaffPunch.annulled_on.is_(None)))
        if same is not None:
            raise ValidationError({"minute": "La stessa timbratura è già registrata."})
        row = StaffPunch(employee_id=person_id, day=day, minute=minute, direction=direction,
                         source="manuale", note=text, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return row.id


@requires(PREPARE)
def annul_punch(db: Database, punch_id: int, reason: str, on: date | None = None) -> None:
    """The punch annulled with its reason: it stays, shown struck out, and counts no more."""
    with unit_of_work(db, reason="Annullamento di una timbratura") as s:
        annul_row(s, StaffPunch, punch_id, _reason(reason),
                  key="annul_reason", missing="Timbratura inesistente.",
                  already="La timbratura è già stata annullata", on=on)
        s.commit()


# --- the punch file ---------------------------------------------------------------------------

def _people(s, key: str) -> dict[str, int]:
    if key == "id":
        return {str(i): i for i in s.scalars(select(Employee.id))}
    return {cf.upper(): i for i, cf in s.execute(select(Employee.id, Employee.codice_fiscale))
            if cf}


def _check(s, table, people=None) -> fmt.PunchCheck:
    if table.errors:
        return fmt.PunchCheck([], list(table.errors), len(table.rows))
    st = settings_in(s)
    known = s.execute(select(StaffPunch.employee_id, StaffPunch.day, StaffPunch.minute,
                             StaffPunch.direction).where(StaffPunch.annulled_on.is_(None)))
    return fmt.check_rows(table.header, table.rows, person=st.person_column,
                          day=st.date_column, time=st.time_column,
                          direction=st.direction_column, date_format=st.date_format,
                          people=people if people is not None else _people(s, st.person_key),
                          known=[tuple(r) for r in known])


def _summary(path: Path, checked: fmt.PunchCheck, stored: bool = False) -> fmt.ImportSummary:
    return fmt.ImportSummary(path.name, checked.rows_read, checked.errors, len(checked.lines),
                             checked.duplicates, len({ln.person_id for ln in checked.lines}),
                             stored=stored)


@requires(PREPARE)
def check_punch_file(db: Database, path) -> fmt.ImportSummary:
    """The dry run: read and check the whole file; write nothing."""
    path = Path(path)
    table = read_table(path)
    with read_session(db) as s:
        return _summary(path, _check(s, table))


@requires(PREPARE)
def import_punches(db: Database, path, progress=None, cancel=None) -> fmt.ImportSummary:
    """Every punch of the file, or none."""
    path = Path(path)
    table = read_table(path)
    with unit_of_work(db, reason=f"Timbrature: importazione da «{path.name}»") as s:
        st = settings_in(s)
        people = _people(s, st.person_key)
        ids = sorted(set(people.values()))
        if ids:
            from ...db.locking import lock_rows

            lock_rows(s, Employee, ids)
        checked = _check(s, table, people)
        if checked.errors:
            return _summary(path, checked)
        user = s.info["user"].id
        for ln in checked.lines:
            s.add(StaffPunch(employee_id=ln.person_id, day=ln.day, minute=ln.minute,
                             direction=ln.direction, source="import", batch=path.name[:200],
                             recorded_by_id=user))
        s.flush()
        s.commit()
    return _summary(path, checked, stored=True)


# --- manual rows of the balance --------------------------------------------------------------

@requires(PREPARE)
def add_hour_entry(db: Database, person_id: int, day: date, kind: str, minutes: int,
                   reason: str) -> int:
    """A manual row. ``minutes`` positive, except a correction (signed). Extra hours paid or
    turned into riposi: at most the credit at that day; a riposo used: at most the riposi
    available, within the school year and the three months after it."""
    if kind not in rules.ENTRY_KINDS:
        raise ValidationError({"kind": f"Movimento «{kind}» non previsto."})
    if not isinstance(minutes, int) or minutes == 0:
        raise ValidationError({"minutes": "Indicare i minuti (diversi da zero)."})
    if kind != "correzione" and minutes < 0:
        raise ValidationError({"minutes": "Indicare i minuti (maggiori di zero)."})
    text = HOUR_ENTRY["reason"].check(" ".join((reason or "").split()))
    if not text:
        raise ValidationError({"reason": "Indicare il motivo."})
    with unit_of_work(db, reason=rules.ENTRY_KINDS[kind]) as s:
        locked_person(s, person_id)
        if kind in ("pagate", "riposo"):
            rules.check_destination(minutes, ledger_in(s, person_id, day).credit, kind)
        elif kind == "riposo_fruito":
            led = ledger_in(s, person_id, day)
            rules.check_riposo_use(minutes, led.riposi, day, None)
        row = StaffHourEntry(employee_id=person_id, day=day, kind=kind, minutes=minutes,
                             reason=text, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return row.id


@requires(PREPARE)
def annul_hour_entry(db: Database, entry_id: int, reason: str, on: date | None = None) -> None:
    with unit_of_work(db, reason="Annullamento di un movimento del saldo orario") as s:
        annul_row(s, StaffHourEntry, entry_id, _reason(reason), key="annul_reason",
                  missing="Movimento inesistente.", already="Il movimento è già stato annullato",
                  on=on)
        s.commit()


@requires(PREPARE)
def update_attendance_settings(db: Database, **changes) -> None:
    """The school's tolerance, flexibility and the columns of the terminal's file."""
    allowed = {f.name for f in ATTENDANCE_SETTING.fields if f.entered}
    wrong = set(changes) - allowed
    if wrong:
        raise ValidationError({sorted(wrong)[0]: "Impostazione non prevista."})
    with unit_of_work(db, reason="Impostazioni delle presenze") as s:
        row = s.execute(select(StaffAttendanceSetting).order_by(StaffAttendanceSetting.id)
                        .limit(1)).scalar_one_or_none()
        if row is None:
            row = StaffAttendanceSetting()
            s.add(row)
        for name, value in changes.items():
            if isinstance(value, str):
                value = ATTENDANCE_SETTING[name].check(value)
            setattr(row, name, value)
        rules.Rules(row.tolerance if row.tolerance is not None else rules.DEFAULT_TOLERANCE,
                    row.flex if row.flex is not None else rules.DEFAULT_FLEX)
        row.edited = True
        s.flush()
        s.commit()
