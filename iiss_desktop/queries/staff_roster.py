"""The roster as the grid and the prints read it: for each person and day what is worked
(the pattern's bands, or the day set by hand over it), the holidays and closures of the
school calendar, and the problems of the schedule checks next to the cell that breaks them.

The checks run over the whole school year of the period shown (the plurisettimanale rules
count weeks across it); 60 people over a year take well under a second (bench staff_rules).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.calendar import KINDS as CALENDAR_KINDS
from ..domain.dates import SchoolYear
from ..domain.staff.band_text import format_bands
from ..domain.staff.checks import (
    check_agile_agreements,
    check_art55,
    check_contract_days,
    check_person_year,
)
from ..domain.staff.contract import (
    ART55_SCHOOL_CONDITIONS,
    ART55_STAFF_CONDITIONS,
    Art55Record,
    WorkingTime,
)
from ..domain.staff.coverage import CoverageNeed, assignments_of, check_coverage
from ..domain.staff.profiles import ATA_ROLES, role_label
from ..domain.staff.registry import FULL_TIME_BP, effective_end
from ..domain.staff.times import TimeBand, format_duration
from ..domain.staff.week import PersonWeek, StaffMember, WorkDay
from ..domain.text import sort_key
from ..models.school import CalendarDay, Site
from ..models.staff import Employee, StaffContract
from ..models.staff_roster import (
    StaffArt55,
    StaffOpening,
    StaffPattern,
    StaffPatternBand,
    StaffRosterBand,
    StaffRosterDay,
)
from .staff_agile import agreements_in_force

HOLIDAY_KINDS = frozenset({"festivita", "patrono"})      # credited on a working day
CLOSED_KINDS = frozenset({"chiusura"})                   # office closed: ferie or recuperi


def _hm(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}:{m:02d}" if m else str(h)


@dataclass(frozen=True, slots=True)
class RosterCell:
    person_id: int
    day: date
    bands: tuple[TimeBand, ...] = ()
    lavoro_agile: bool = False
    credited: int = 0               # a holiday on a working day of the pattern
    holiday: str = ""               # the calendar's description, festività or patrono
    closed: str = ""                # chiusura degli uffici
    hand_set: bool = False          # set by hand over the pattern
    note: str = ""
    problems: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """What the cell says on the grid and the notice board (no absence causes)."""
        if self.bands:
            return ("Lavoro agile " if self.lavoro_agile else "") + format_bands(self.bands)
        if self.holiday:
            return "Festivo"
        if self.closed:
            return "Chiuso"
        return ""

    @property
    def short(self) -> str:
        """Two lines for a narrow month column: first start, last end («7:30», «14»); «LA»
        for lavoro agile, «F» holiday, «C» closure."""
        if self.bands:
            if self.lavoro_agile:
                return "LA"
            return f"{_hm(self.bands[0].start)}\n{_hm(self.bands[-1].end)}"
        if self.holiday:
            return "F"
        if self.closed:
            return "C"
        return ""

    @property
    def worked(self) -> int:
        return sum(b.minutes for b in self.bands)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(b.kind for b in self.bands)


@dataclass(frozen=True, slots=True)
class RosterPerson:
    id: int
    name: str
    profile: str
    profile_label: str
    home_plesso: str
    working_time: str
    minutes: int                  # worked in the period shown (ordinary and additional)
    problems: tuple[str, ...]     # week and year problems (hours, plurisettimanale)


@dataclass(frozen=True)
class Roster:
    start: date
    end: date
    plesso: str | None
    days: tuple[date, ...]
    people: tuple[RosterPerson, ...]
    cells: dict[tuple[int, date], RosterCell]
    calendar: dict[date, str] = field(default_factory=dict)
    coverage: dict[date, tuple[str, ...]] = field(default_factory=dict)   # plessi scoperti

    def cell(self, person_id: int, day: date) -> RosterCell:
        return self.cells.get((person_id, day)) or RosterCell(person_id, day)

    @property
    def problem_count(self) -> int:
        return (sum(len(c.problems) for c in self.cells.values())
                + sum(len(p.problems) for p in self.people)
                + sum(len(v) for v in self.coverage.values()))


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _calendar(s, start: date, end: date) -> tuple[dict[date, str], dict[date, str]]:
    holidays, closed = {}, {}
    for day, kind, text in s.execute(select(CalendarDay.day, CalendarDay.kind,
                                            CalendarDay.description)
                                     .where(CalendarDay.day.between(start, end))):
        if kind in HOLIDAY_KINDS:
            holidays[day] = text or CALENDAR_KINDS[kind]
        elif kind in CLOSED_KINDS:
            closed[day] = text or CALENDAR_KINDS[kind]
    return holidays, closed


def effective_days(s, person_ids, start: date, end: date) -> dict[tuple[int, date], RosterCell]:
    """Every non-empty cell of these people from ``start`` to ``end``: the pattern in force
    that day, a holiday credited on its working days, replaced by the day set by hand."""
    ids = sorted(set(person_ids))
    holidays, closed = _calendar(s, start, end)
    out: dict[tuple[int, date], RosterCell] = {}
    if not ids:
        return out
    patterns = s.execute(select(StaffPattern.id, StaffPattern.employee_id,
                                StaffPattern.valid_from, StaffPattern.valid_to,
                                StaffPattern.agile_weekdays)
                         .where(StaffPattern.employee_id.in_(ids),
                                StaffPattern.annulled_on.is_(None),
                                StaffPattern.valid_from <= end,
                                StaffPattern.valid_to >= start)).all()
    bands: dict[int, dict[int, list[TimeBand]]] = defaultdict(lambda: defaultdict(list))
    if patterns:
        for pid, wd, b_start, b_end, kind, plesso, reason in s.execute(
                select(StaffPatternBand.pattern_id, StaffPatternBand.weekday,
                       StaffPatternBand.start, StaffPatternBand.end, StaffPatternBand.kind,
                       StaffPatternBand.plesso, StaffPatternBand.reason)
                .where(StaffPatternBand.pattern_id.in_([p.id for p in patterns]))):
            bands[pid][wd].append(TimeBand(b_start, b_end, kind, plesso, reason))
    for p in patterns:
        agile = {int(x) for x in p.agile_weekdays.split(",") if x}
        for day in _days(max(start, p.valid_from), min(end, p.valid_to)):
            day_bands = tuple(sorted(bands[p.id].get(day.weekday(), ()),
                                     key=lambda b: b.start))
            if day in holidays or day in closed:
                ordinary = sum(b.minutes for b in day_bands if not b.is_overtime)
                # A closure is covered by ferie or recuperi (the absences of the second
                # staff issue), not by working more in the week: its hours count here too.
                out[(p.employee_id, day)] = RosterCell(
                    p.employee_id, day, credited=ordinary,
                    holiday=holidays.get(day, ""), closed=closed.get(day, ""))
                continue
            if not day_bands:
                continue
            is_agile = day.weekday() in agile
            if is_agile:
                day_bands = tuple(TimeBand(b.start, b.end, b.kind, None, b.reason)
                                  for b in day_bands)
            out[(p.employee_id, day)] = RosterCell(p.employee_id, day, day_bands,
                                                   lavoro_agile=is_agile)
    hand = s.execute(select(StaffRosterDay.id, StaffRosterDay.employee_id, StaffRosterDay.day,
                            StaffRosterDay.lavoro_agile, StaffRosterDay.note)
                     .where(StaffRosterDay.employee_id.in_(ids),
                            StaffRosterDay.replaced_by_id.is_(None),
                            StaffRosterDay.day.between(start, end))).all()
    hand_bands: dict[int, list[TimeBand]] = defaultdict(list)
    if hand:
        for rid, b_start, b_end, kind, plesso, reason in s.execute(
                select(StaffRosterBand.roster_day_id, StaffRosterBand.start,
                       StaffRosterBand.end, StaffRosterBand.kind, StaffRosterBand.plesso,
                       StaffRosterBand.reason)
                .where(StaffRosterBand.roster_day_id.in_([h.id for h in hand]))):
            hand_bands[rid].append(TimeBand(b_start, b_end, kind, plesso, reason))
    for h in hand:
        out[(h.employee_id, h.day)] = RosterCell(
            h.employee_id, h.day, tuple(sorted(hand_bands[h.id], key=lambda b: b.start)),
            lavoro_agile=h.lavoro_agile, holiday=holidays.get(h.day, ""),
            closed=closed.get(h.day, ""), hand_set=True, note=h.note)
    return out


def art55_record(row: StaffArt55) -> Art55Record:
    return Art55Record(
        frozenset(c for c in ART55_SCHOOL_CONDITIONS if getattr(row, c)),
        frozenset(c for c in ART55_STAFF_CONDITIONS if getattr(row, c)),
        row.decided_on, row.reference)


def art55_on(s, ids, on: date) -> dict[int, Art55Record]:
    """The 35-hour grants in force on ``on`` of these people (not annulled)."""
    return {r.employee_id: art55_record(r) for r in s.execute(select(StaffArt55).where(
        StaffArt55.employee_id.in_(list(ids)), StaffArt55.annulled_on.is_(None),
        StaffArt55.valid_from <= on, StaffArt55.valid_to >= on)).scalars()}


def working_times(s, ids, on: date) -> dict[int, WorkingTime]:
    from fractions import Fraction

    art55 = art55_on(s, ids, on)
    shares: dict[int, Fraction] = {}
    for c in s.execute(select(StaffContract).where(
            StaffContract.employee_id.in_(ids), StaffContract.annulled_on.is_(None),
            StaffContract.starts_on <= on)).scalars():
        end = effective_end(c.ends_on, c.closed_on)
        if (end is None or end >= on) and c.part_time_bp < FULL_TIME_BP:
            shares[c.employee_id] = Fraction(c.part_time_bp, 100)
    return {pid: WorkingTime(shares.get(pid, 100), art55.get(pid))
            for pid in set(shares) | set(art55)}


def contract_periods(s, ids) -> dict[int, list[tuple[date, date | None]]]:
    """First and last day of each contract of these people (not annulled; a contract closed
    early ends on its closing day; None: no end)."""
    out: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for pid, start, end, closed in s.execute(
            select(StaffContract.employee_id, StaffContract.starts_on, StaffContract.ends_on,
                   StaffContract.closed_on)
            .where(StaffContract.employee_id.in_(list(ids)),
                   StaffContract.annulled_on.is_(None))):
        out[pid].append((start, effective_end(end, closed)))
    return out


def _covered(s, ids) -> dict[int, list[tuple[date, date, bool]]]:
    out: dict[int, list[tuple[date, date, bool]]] = defaultdict(list)
    for pid, start, end, pluri in s.execute(
            select(StaffPattern.employee_id, StaffPattern.valid_from, StaffPattern.valid_to,
                   StaffPattern.plurisettimanale)
            .where(StaffPattern.employee_id.in_(ids), StaffPattern.annulled_on.is_(None))):
        out[pid].append((start, end, pluri))
    return out


def person_weeks(cells, person_id: int, periods, school_year: SchoolYear) -> list[PersonWeek]:
    """The dated weeks of one person over a school year, for the checks. A week is partial
    when the person's patterns do not cover all of it (the year starts on a Tuesday, a pattern
    ends on a Wednesday): its hours are not compared with a whole week's."""
    monday = school_year.start - timedelta(days=school_year.start.weekday())
    weeks = []
    while monday <= school_year.end:
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            c = cells.get((person_id, day))
            if c is None or day not in school_year:
                continue
            if c.bands or c.credited:
                days.append(WorkDay(day, c.bands, lavoro_agile=c.lavoro_agile,
                                    credited=c.credited))
        sunday = monday + timedelta(days=6)
        inside = [(a, b, pl) for a, b, pl in periods if a <= sunday and b >= monday]
        whole = any(a <= monday and b >= sunday for a, b, _pl in inside)
        if days or inside:
            weeks.append(PersonWeek(person_id, monday, tuple(days),
                                    plurisettimanale=any(pl for _a, _b, pl in inside),
                                    partial=not whole or monday < school_year.start
                                    or sunday > school_year.end))
        monday += timedelta(days=7)
    return weeks


@requires(READ)
def roster(db: Database, start: date, end: date, plesso: str | None = None) -> Roster:
    """The roster from ``start`` to ``end`` (within one school year) of the ATA staff in
    service, of one plesso (its home staff and whoever works there in the period) or all."""
    school_year = SchoolYear.of(start)
    end = min(end, school_year.end)
    with read_session(db) as s:
        sites = dict(s.execute(select(Site.id, Site.code)).all())
        people = s.execute(select(Employee.id, Employee.surname, Employee.name, Employee.role,
                                  Employee.site_id)
                           .where(Employee.active.is_(True),
                                  Employee.role.in_(ATA_ROLES))).all()
        ids = [p.id for p in people]
        year_cells = effective_days(s, ids, school_year.start, school_year.end)
        times = working_times(s, ids, start)
        covered = _covered(s, ids)
        holidays, closed = _calendar(s, start, end)
        needs = opening_needs(s, school_year.start.year, plesso)
        year_needs = needs if plesso is None else opening_needs(s, school_year.start.year)
        periods = contract_periods(s, ids)
        agreements = agreements_in_force(s, ids, school_year.start, school_year.end)
    days = _days(start, end)
    shown = []
    for p in people:
        home = sites.get(p.site_id, "")
        works_there = plesso is None or home == plesso or any(
            b.plesso == plesso for d in days for b in year_cells.get((p.id, d), RosterCell(
                p.id, d)).bands)
        if works_there:
            shown.append(p)
    shown.sort(key=lambda p: (ATA_ROLES.index(p.role), sort_key(p.surname), sort_key(p.name)))
    cell_problems: dict[tuple[int, date], list[str]] = defaultdict(list)
    person_rows = []
    assignments = []
    members = []
    for p in shown:
        wt = times.get(p.id, WorkingTime())
        member = StaffMember(p.id, f"{p.surname} {p.name}", p.role, wt, sites.get(p.site_id))
        weeks = person_weeks(year_cells, p.id, covered.get(p.id, ()), school_year)
        members.append(member)
        if needs:
            assignments += assignments_of(member, [w for w in weeks if w.monday <= end and
                                                   w.monday + timedelta(days=6) >= start])
        general = []
        for pr in (check_person_year(member, weeks, school_year)
                   + check_contract_days(member, weeks, periods.get(p.id, ()))
                   + check_art55(member, year_needs)
                   + check_agile_agreements(member, weeks, agreements)):
            if pr.day is not None and not pr.cell.startswith("settimana"):
                if start <= pr.day <= end:     # a day's problem: on its cell, if shown
                    cell_problems[(p.id, pr.day)].append(pr.message)
            elif pr.day is None or start - timedelta(days=6) <= pr.day <= end:
                general.append(pr.message)
        minutes = sum(year_cells[(p.id, d)].worked for d in days if (p.id, d) in year_cells)
        person_rows.append(RosterPerson(p.id, f"{p.surname} {p.name}", p.role,
                                        role_label(p.role), sites.get(p.site_id, ""),
                                        wt.label, minutes, tuple(general)))
    cells = {}
    for p in shown:
        for d in days:
            c = year_cells.get((p.id, d))
            if c is None and (d in holidays or d in closed):
                c = RosterCell(p.id, d, holiday=holidays.get(d, ""), closed=closed.get(d, ""))
            if c is None:
                continue
            probs = cell_problems.get((p.id, d))
            if probs:
                c = RosterCell(c.person_id, c.day, c.bands, c.lavoro_agile, c.credited,
                               c.holiday, c.closed, c.hand_set, c.note, tuple(probs))
            cells[(p.id, d)] = c
    calendar = {**{d: t for d, t in closed.items()}, **holidays}
    coverage: dict[date, list[str]] = defaultdict(list)
    if needs:
        for pr in check_coverage(needs, assignments, members, days,
                                 set(holidays) | set(closed)):
            coverage[pr.day].append(pr.message)
    return Roster(start, end, plesso, tuple(days), tuple(person_rows), cells, calendar,
                  {d: tuple(v) for d, v in coverage.items()})


def opening_needs(s, school_year: int, plesso: str | None = None) -> list[CoverageNeed]:
    """The coverage needs in force of a school year (starting year), of one plesso or all."""
    q = select(StaffOpening).where(StaffOpening.school_year == school_year,
                                   StaffOpening.superseded_on.is_(None))
    if plesso:
        q = q.where(StaffOpening.plesso == plesso)
    return [CoverageNeed(o.plesso, o.weekday, o.start, o.end, o.staff, o.profile)
            for o in s.execute(q.order_by(StaffOpening.plesso, StaffOpening.weekday,
                                          StaffOpening.start)).scalars()]


@dataclass(frozen=True, slots=True)
class OpeningRow:
    plesso: str
    days: dict[int, str]            # weekday -> «07:30-14:00; 14:00-18:00»
    staff: int


@requires(READ)
def opening_hours(db: Database, school_year: int) -> dict[str, OpeningRow]:
    """Per plesso, the opening hours in force as the form shows them."""
    with read_session(db) as s:
        needs = opening_needs(s, school_year)
    out: dict[str, OpeningRow] = {}
    grouped: dict[str, dict[int, list[TimeBand]]] = defaultdict(lambda: defaultdict(list))
    staff: dict[str, int] = {}
    for n in needs:
        grouped[n.plesso][n.weekday].append(TimeBand(n.start, n.end))
        staff[n.plesso] = n.staff
    for code, days in grouped.items():
        out[code] = OpeningRow(code, {wd: format_bands(bs) for wd, bs in days.items()},
                               staff[code])
    return out


def hours_text(minutes: int) -> str:
    return format_duration(minutes) if minutes else ""


@dataclass(frozen=True, slots=True)
class PatternRow:
    id: int
    person_id: int
    name: str
    valid_from: date
    valid_to: date
    days: dict[int, str]            # weekday -> «07:30-13:30; 14:00-17:00 rientro»
    plesso: str
    agile_weekdays: frozenset[int]
    plurisettimanale: bool
    weekly_minutes: int
    annulled_on: date | None
    annul_reason: str

    @property
    def period(self) -> str:
        from ..domain.dates import format_date

        return f"dal {format_date(self.valid_from)} al {format_date(self.valid_to)}"


@requires(READ)
def patterns_of(db: Database, person_id: int) -> list[PatternRow]:
    """A person's weekly patterns in date order, annulled ones included."""
    with read_session(db) as s:
        rows = s.execute(select(StaffPattern).where(StaffPattern.employee_id == person_id)
                         .order_by(StaffPattern.valid_from, StaffPattern.id)).scalars().all()
        bands: dict[int, dict[int, list[TimeBand]]] = defaultdict(lambda: defaultdict(list))
        for b in s.execute(select(StaffPatternBand).where(
                StaffPatternBand.pattern_id.in_([r.id for r in rows]))).scalars():
            bands[b.pattern_id][b.weekday].append(TimeBand(b.start, b.end, b.kind, b.plesso,
                                                           b.reason))
        out = []
        for r in rows:
            days = {wd: sorted(bs, key=lambda b: b.start) for wd, bs in bands[r.id].items()}
            plesso = next((b.plesso for bs in days.values() for b in bs if b.plesso), "")
            out.append(PatternRow(
                r.id, r.employee_id, r.name, r.valid_from, r.valid_to,
                {wd: format_bands(bs) for wd, bs in sorted(days.items())}, plesso or "",
                frozenset(int(x) for x in r.agile_weekdays.split(",") if x),
                r.plurisettimanale, r.weekly_minutes, r.annulled_on, r.annul_reason))
    return out


def pattern_on(patterns: list[PatternRow], day: date) -> PatternRow | None:
    return next((p for p in patterns if p.annulled_on is None
                 and p.valid_from <= day <= p.valid_to), None)
