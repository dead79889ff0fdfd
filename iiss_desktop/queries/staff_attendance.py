"""Attendance as the window, the cartellino and verify read it: for a person and a month the
day lines (schedule of the roster, punches, worked, balance of the day, anomalies), the
manual rows and the monthly summary of art. 54 (domain/staff/attendance.py).

Nothing is stored but the punches and the manual rows: the day results and the balance are
computed here every time, from the start of the school year of the month to its end.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import MONTHS_IT, SchoolYear
from ..domain.errors import ValidationError
from ..domain.staff import attendance as rules
from ..domain.staff.band_text import format_bands
from ..domain.text import sort_key
from ..models.staff import Employee
from ..models.staff_attendance import StaffAttendanceSetting, StaffHourEntry, StaffPunch
from ..models.staff_leave import AbsenceCause, StaffAbsence
from ..models.staff_roster import StaffPattern
from .staff_roster import effective_days

WEEKDAYS = ("lun", "mar", "mer", "gio", "ven", "sab", "dom")


@dataclass(frozen=True)
class Settings:
    tolerance: int = rules.DEFAULT_TOLERANCE
    flex: int = rules.DEFAULT_FLEX
    person_column: str = "codice fiscale"
    person_key: str = "codice_fiscale"
    date_column: str = "data"
    time_column: str = "ora"
    direction_column: str = "verso"
    date_format: str = "%d/%m/%Y"
    edited: bool = False

    @property
    def rules(self) -> rules.Rules:
        return rules.Rules(self.tolerance, self.flex)


def settings_in(s) -> Settings:
    row = s.execute(select(StaffAttendanceSetting).order_by(StaffAttendanceSetting.id)
                    .limit(1)).scalar_one_or_none()
    if row is None:
        return Settings()
    return Settings(row.tolerance, row.flex, row.person_column, row.person_key,
                    row.date_column, row.time_column, row.direction_column, row.date_format,
                    row.edited)


@requires(READ)
def attendance_settings(db: Database) -> Settings:
    with read_session(db) as s:
        return settings_in(s)


@dataclass(frozen=True)
class PunchRow:
    id: int
    day: date
    minute: int
    direction: str
    source: str
    note: str
    annulled_on: date | None
    annul_reason: str

    @property
    def text(self) -> str:
        return f"{rules.DIRECTIONS[self.direction][0]} {rules.format_time(self.minute)}"


@dataclass(frozen=True)
class ManualRow:
    id: int
    day: date
    kind: str
    minutes: int
    reason: str
    annulled_on: date | None
    annul_reason: str

    @property
    def label(self) -> str:
        return rules.ENTRY_KINDS[self.kind]


@dataclass(frozen=True)
class DayLine:
    day: date
    schedule: str
    punches: tuple[PunchRow, ...]          # annulled ones included (the window shows them)
    result: rules.DayResult
    absence: str = ""

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.day.weekday()]

    @property
    def punches_text(self) -> str:
        return "  ".join(p.text for p in self.punches if p.annulled_on is None)


@dataclass(frozen=True)
class AttendanceMonth:
    person_id: int
    name: str
    codice_fiscale: str
    year: int
    month: int
    lines: tuple[DayLine, ...]
    manual: tuple[ManualRow, ...]
    summary: rules.MonthSummary
    settings: Settings

    @property
    def title(self) -> str:
        return f"{MONTHS_IT[self.month - 1].capitalize()} {self.year}"


def parse_month(text: str | None, field: str = "mese") -> tuple[int, int]:
    """«2026-10» -> (2026, 10); empty: the month in progress."""
    if not text:
        today = date.today()
        return today.year, today.month
    try:
        y, m = (int(x) for x in str(text).strip().split("-"))
        date(y, m, 1)
    except ValueError:
        raise ValidationError({field: f"Mese «{text}» non valido: scrivere AAAA-MM, per "
                                      "esempio 2026-10."}) from None
    return y, m


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def punches_in(s, pid: int, start: date, end: date) -> list[PunchRow]:
    return [PunchRow(r.id, r.day, r.minute, r.direction, r.source, r.note, r.annulled_on,
                     r.annul_reason)
            for r in s.execute(select(StaffPunch).where(
                StaffPunch.employee_id == pid, StaffPunch.day.between(start, end))
                .order_by(StaffPunch.day, StaffPunch.minute, StaffPunch.id)).scalars()]


def manual_in(s, pid: int, start: date, end: date) -> list[ManualRow]:
    return [ManualRow(r.id, r.day, r.kind, r.minutes, r.reason, r.annulled_on, r.annul_reason)
            for r in s.execute(select(StaffHourEntry).where(
                StaffHourEntry.employee_id == pid, StaffHourEntry.day.between(start, end))
                .order_by(StaffHourEntry.day, StaffHourEntry.id)).scalars()]


def _windows(s, pid: int, start: date, end: date) -> list[tuple[date, date, int, int]]:
    return [(p.valid_from, p.valid_to, p.entry_from, p.entry_to) for p in s.execute(
        select(StaffPattern).where(StaffPattern.employee_id == pid,
                                   StaffPattern.annulled_on.is_(None),
                                   StaffPattern.entry_to.is_not(None),
                                   StaffPattern.valid_from <= end,
                                   StaffPattern.valid_to >= start)).scalars()]


def _absences(s, pid: int, start: date, end: date) -> list[tuple[date, date, int | None, str,
                                                                   str]]:
    rows = s.execute(select(StaffAbsence.starts_on, StaffAbsence.ends_on, StaffAbsence.minutes,
                            AbsenceCause.code, AbsenceCause.name, AbsenceCause.confidential)
                     .join(AbsenceCause, AbsenceCause.id == StaffAbsence.cause_id)
                     .where(StaffAbsence.employee_id == pid,
                            StaffAbsence.annulled_on.is_(None),
                            StaffAbsence.starts_on <= end, StaffAbsence.ends_on >= start))
    return [(a, b, m, code, "Assenza" if conf else name) for a, b, m, code, name, conf in rows]


def counted_from(s, pid: int, start: date) -> date | None:
    """The first day with a punch of the person in the school year of ``start``: the days
    before it are not counted (the terminal was not in use for her yet) [U]."""
    sy = SchoolYear.of(start)
    return s.scalar(select(func.min(StaffPunch.day)).where(
        StaffPunch.employee_id == pid, StaffPunch.day.between(sy.start, sy.end)))


def day_lines_in(s, pid: int, start: date, end: date, settings: Settings,
                 today: date | None = None) -> list[DayLine]:
    """Every day from ``start`` to ``end``; the days before the first punch of the school
    year, today (not over yet) and after it schedule nothing (their line shows the roster,
    their result is 0)."""
    today = today or date.today()
    first = counted_from(s, pid, start)
    cells = effective_days(s, [pid], start, end)
    windows = _windows(s, pid, start, end)
    absences = _absences(s, pid, start, end)
    punches: dict[date, list[PunchRow]] = defaultdict(list)
    for p in punches_in(s, pid, start, end):
        punches[p.day].append(p)
    riposi: dict[date, int] = defaultdict(int)
    for m in manual_in(s, pid, start, end):
        if m.kind == "riposo_fruito" and m.annulled_on is None:
            riposi[m.day] += m.minutes
    out = []
    for day in _days(start, end):
        cell = cells.get((pid, day))
        bands = tuple(b for b in (cell.bands if cell else ()) if not b.is_overtime)
        window = next(((f, t) for a, b, f, t in windows if a <= day <= b), None)
        justified, permesso, all_day = riposi.get(day, 0), 0, ""
        for a, b, minutes, code, label in absences:
            if a <= day <= b:
                if minutes is None:
                    all_day = label
                elif code == "permesso_breve":
                    permesso += minutes
                else:
                    justified += minutes
        # today is not over yet: no «missing punch» while the person is still at work
        counted = first is not None and first <= day < today
        sched = rules.Schedule(tuple((b.start, b.end) for b in bands) if counted else (),
                               window, justified if counted else 0,
                               permesso if counted else 0, all_day if counted else "",
                               cell.holiday if cell else "")
        valid = [rules.Punch(datetime(day.year, day.month, day.day, p.minute // 60,
                                      p.minute % 60), p.direction, p.id, p.source)
                 for p in punches.get(day, ()) if p.annulled_on is None]
        result = rules.day_result(day, sched, valid, settings.rules)
        text = format_bands(bands) if bands else (cell.holiday if cell and cell.holiday
                                                  else "")
        out.append(DayLine(day, text, tuple(punches.get(day, ())), result,
                           all_day or ("Permesso breve" if permesso else "")))
    return out


def month_in(s, pid: int, year: int, month: int) -> AttendanceMonth:
    person = s.get(Employee, pid)
    if person is None:
        raise ValidationError({"persona": "Dipendente inesistente."})
    settings = settings_in(s)
    start, end = date(year, month, 1), rules.month_end(year, month)
    sy_start = SchoolYear.of(start).start
    lines = day_lines_in(s, pid, sy_start, end, settings)
    manual = manual_in(s, pid, sy_start, end)
    summary = rules.month_summary(
        year, month, [ln.result for ln in lines],
        [rules.Manual(m.day, m.kind, m.minutes, m.reason) for m in manual
         if m.annulled_on is None])
    return AttendanceMonth(pid, f"{person.surname} {person.name}", person.codice_fiscale or "",
                           year, month, tuple(ln for ln in lines if ln.day >= start),
                           tuple(m for m in manual if m.day >= start), summary, settings)


def ledger_in(s, pid: int, until: date) -> rules.Ledger:
    """The balance of a person from the start of the school year of ``until``."""
    settings = settings_in(s)
    start = SchoolYear.of(until).start
    lines = day_lines_in(s, pid, start, until, settings)
    manual = [rules.Manual(m.day, m.kind, m.minutes, m.reason)
              for m in manual_in(s, pid, start, until) if m.annulled_on is None]
    return rules.build_ledger([ln.result for ln in lines], manual, until)


@requires(READ)
def attendance_month(db: Database, person_id: int, month: str | None = None
                     ) -> AttendanceMonth:
    year, m = parse_month(month)
    with read_session(db) as s:
        return month_in(s, person_id, year, m)


@requires(READ)
def people_with_attendance(db: Database) -> list[tuple[int, str]]:
    """The ATA staff in service (the people the window and the cartellino offer)."""
    from ..domain.staff.profiles import ATA_ROLES

    with read_session(db) as s:
        rows = s.execute(select(Employee.id, Employee.surname, Employee.name).where(
            Employee.active.is_(True), Employee.role.in_(ATA_ROLES))).all()
    return sorted(((i, f"{a} {b}") for i, a, b in rows), key=lambda r: sort_key(r[1]))


@requires(READ)
def cartellini(db: Database, month: str | None = None, persona: int | str | None = None
               ) -> tuple[tuple[int, int], list[AttendanceMonth]]:
    """The months of ``persona`` (id or codice fiscale) or of everyone with punches in the
    month (default: the newest month with punches, else the month in progress)."""
    from .staff_order import person_id_of

    with read_session(db) as s:
        if month in (None, ""):
            last = s.scalar(select(func.max(StaffPunch.day)))
            year, m = (last.year, last.month) if last else parse_month(None)
        else:
            year, m = parse_month(month)
        start, end = date(year, m, 1), rules.month_end(year, m)
        if persona not in (None, ""):
            ids = [person_id_of(s, persona)]
        else:
            ids = list(s.scalars(select(Employee.id).where(Employee.id.in_(
                select(StaffPunch.employee_id).where(StaffPunch.day.between(start, end))))
                .order_by(Employee.surname, Employee.name)))
        return (year, m), [month_in(s, pid, year, m) for pid in ids]
