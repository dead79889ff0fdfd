from datetime import date

import pytest

from iiss_desktop.domain.calendar import national_holidays, next_working_day
from iiss_desktop.domain.dates import SchoolYear, financial_year, format_date, parse_date
from iiss_desktop.domain.errors import ValidationError


def test_format_and_parse_italian_dates():
    assert format_date(date(2026, 10, 4)) == "04/10/2026"
    assert parse_date("04/10/2026") == date(2026, 10, 4)
    assert parse_date("4/10/2026") == date(2026, 10, 4)
    assert parse_date("4.10.2026") == date(2026, 10, 4)


@pytest.mark.parametrize("text", ["31/02/2026", "2026-10-04", "04/10/26", "ieri", ""])
def test_bad_dates_refused(text):
    with pytest.raises(ValidationError):
        parse_date(text, "data")


def test_school_year_starts_on_1_september():
    assert SchoolYear.of(date(2026, 8, 31)).label == "2025/26"
    assert SchoolYear.of(date(2026, 9, 1)).label == "2026/27"
    sy = SchoolYear(2026)
    assert sy.start == date(2026, 9, 1) and sy.end == date(2027, 8, 31)
    assert date(2027, 3, 1) in sy and date(2026, 8, 31) not in sy


def test_financial_year_is_calendar_year():
    assert financial_year(date(2026, 12, 31)) == 2026
    assert financial_year(date(2027, 1, 1)) == 2027


def test_4_october_is_a_holiday_from_2026():
    # L. 151/2025: San Francesco d'Assisi is a national holiday again from 2026.
    days_2026 = {h.day for h in national_holidays(2026)}
    assert date(2026, 10, 4) in days_2026
    assert date(2025, 10, 4) not in {h.day for h in national_holidays(2025)}


def test_holiday_names_are_italian():
    names = {h.day: h.description for h in national_holidays(2026)}
    assert names[date(2026, 12, 25)] == "Natale"
    assert names[date(2026, 11, 1)] == "Ognissanti"
    assert len(names) == 13  # 12 fixed/moveable national holidays + 4 October from 2026


def test_provincial_patron_added_with_subdivision():
    days = {h.day: h.kind for h in national_holidays(2026, "RM")}
    assert days[date(2026, 6, 29)] == "patrono"  # Santi Pietro e Paolo, Rome


def test_deadline_moves_past_closures_and_weekend():
    closed = {date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)}
    # Thursday 24 closed, Friday 25 Natale, Saturday/Sunday: next working day Monday 28.
    assert next_working_day(date(2026, 12, 24), closed) == date(2026, 12, 28)
    assert next_working_day(date(2026, 12, 23), closed) == date(2026, 12, 23)
