"""The days a school office works, for the demo's dates: nothing dated on a Sunday or a
national holiday (a DSGA would not believe a carico on Christmas Day).

``office_day`` is monotone (a later day never maps to an earlier one), so the registers'
dates keep their order however the generators move them.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from ..domain.calendar import national_holidays


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(h.day for h in national_holidays(year))


def is_office_day(day: date) -> bool:
    return day.weekday() != 6 and day not in _holidays(day.year)


def office_day(day: date, *, not_after: date | None = None) -> date:
    """``day`` if the office works then, else the next day it does; never after
    ``not_after`` (then the last working day up to it)."""
    while not is_office_day(day):
        day += timedelta(days=1)
    if not_after is not None and day > not_after:
        day = not_after
        while not is_office_day(day):
            day -= timedelta(days=1)
    return day


def office_day_before(day: date) -> date:
    """The last working day up to ``day`` (a document dated before the movement)."""
    while not is_office_day(day):
        day -= timedelta(days=1)
    return day
