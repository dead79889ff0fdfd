"""Hand-built days and weeks for the staff rule tests (school year 2026/27)."""
from __future__ import annotations

from datetime import date, timedelta

from iiss_desktop.domain.dates import SchoolYear
from iiss_desktop.domain.staff.contract import WorkingTime
from iiss_desktop.domain.staff.times import TimeBand
from iiss_desktop.domain.staff.week import PersonWeek, StaffMember, WorkDay

YEAR = SchoolYear(2026)
MONDAY = date(2026, 9, 14)       # a whole week of the school year 2026/27


def band(start: str, end: str, kind: str = "servizio", plesso: str | None = None,
         reason: str = "") -> TimeBand:
    return TimeBand.of(start, end, kind, plesso, reason)


def day(*bands: TimeBand, on: date = MONDAY, **kw) -> WorkDay:
    return WorkDay(on, tuple(bands), **kw)


def member(profile: str = "CS", percent=100, pause_requested: bool = False,
           **kw) -> StaffMember:
    return StaffMember(1, "Maria Rossi", profile, WorkingTime(percent, kw.pop("art55", None)),
                       kw.pop("home_plesso", "SEDE"), pause_requested)


def week_of(minutes_per_day: list[int], monday: date = MONDAY, start: int = 7 * 60 + 30,
            plurisettimanale: bool = False, person_id=1) -> PersonWeek:
    """A week of one continuous band a day from ``start``, of the given minutes (0 = off).
    Bands past 7 h 12 min are split by a 30-minute pause so that only the weekly rules speak."""
    days = []
    for i, minutes in enumerate(minutes_per_day):
        if not minutes:
            continue
        first = min(minutes, 6 * 60)
        bands = [TimeBand(start, start + first)]
        if minutes > first:
            bands.append(TimeBand(start + first + 30, start + minutes + 30))
        days.append(WorkDay(monday + timedelta(days=i), tuple(bands)))
    return PersonWeek(person_id, monday, tuple(days), plurisettimanale)


def rules_of(problems) -> list[str]:
    return [p.rule for p in problems]
