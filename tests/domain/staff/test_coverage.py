"""Coverage of a plesso's opening hours, and the roster as data a solver can read."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.staff.checks import check_roster
from iiss_desktop.domain.staff.coverage import (
    Assignment,
    CoverageNeed,
    Preference,
    RosterProblem,
    assignments_of,
    check_coverage,
)
from iiss_desktop.domain.staff.patterns import WeeklyPattern, same_bands
from iiss_desktop.domain.staff.week import PersonWeek, StaffMember, WorkDay

from .helpers import MONDAY, YEAR, band

ANNA = StaffMember(1, "Anna Bianchi", "CS", home_plesso="PRIMARIA")
LUCA = StaffMember(2, "Luca Verdi", "CS", home_plesso="PRIMARIA")
CARLA = StaffMember(3, "Carla Neri", "AA", home_plesso="PRIMARIA")
# The primaria opens 07:30-16:30 on Monday: two collaboratori all day.
OPEN = CoverageNeed.of("PRIMARIA", 0, "07:30", "16:30", staff=2)


def cells(member, *bands, on=MONDAY, agile=False):
    w = PersonWeek(member.person_id, MONDAY, (WorkDay(on, tuple(bands), lavoro_agile=agile),))
    return assignments_of(member, [w])


def test_covered_all_day():
    # Anna 07:30-13:30 and 13:30-16:30, Luca 07:30-14:42 and straordinario 14:42-16:30: two
    # people in every minute from 07:30 to 16:30 (straordinario covers a plesso too).
    a = cells(ANNA, band("07:30", "13:30"), band("13:30", "16:30"))
    b = cells(LUCA, band("07:30", "14:42"), band("14:42", "16:30", "straordinario"))
    assert check_coverage([OPEN], a + b, [ANNA, LUCA], [MONDAY]) == []


def test_an_uncovered_span_names_plesso_hours_and_counts():
    # Anna 07:30-13:30, Luca 10:30-16:30: 07:30-10:30 one present, 13:30-16:30 one present.
    a = cells(ANNA, band("07:30", "13:30"))
    b = cells(LUCA, band("10:30", "16:30"))
    problems = check_coverage([OPEN], a + b, [ANNA, LUCA], [MONDAY])
    assert [p.cell for p in problems] == ["PRIMARIA 07:30–10:30", "PRIMARIA 13:30–16:30"]
    assert problems[0].message == (
        "Lunedì 14/09/2026: il plesso PRIMARIA resta scoperto dalle 07:30 alle 10:30 "
        "(servono 2 – collaboratore scolastico –, presenti 1) (Piano delle attività, art. 53 c.1 "
        "CCNL 29/11/2007 (orario funzionale all'apertura)).")
    assert problems[0].confidence == "U"


def test_other_profiles_lavoro_agile_and_other_plessi_do_not_cover():
    a = cells(ANNA, band("07:30", "16:30", plesso="SECONDARIA"))     # elsewhere
    b = cells(LUCA, band("07:30", "16:30"), agile=True)               # at home (and a CS!)
    c = cells(CARLA, band("07:30", "16:30"))                          # not a collaboratore
    [p] = check_coverage([OPEN], a + b + c, [ANNA, LUCA, CARLA], [MONDAY])
    assert p.cell == "PRIMARIA 07:30–16:30" and "presenti 0" in p.message


def test_a_closed_day_needs_no_one():
    assert check_coverage([OPEN], [], [ANNA], [MONDAY], closed_days={MONDAY}) == []


def test_bad_needs_are_refused():
    with pytest.raises(ValidationError) as e:
        CoverageNeed.of("PRIMARIA", 0, "16:30", "07:30")
    assert e.value.field == "end"


def test_the_roster_as_solver_input_is_plain_data():
    fixed = Assignment(1, MONDAY, band("07:30", "13:30"), "PRIMARIA", fixed=True)
    problem = RosterProblem((ANNA, LUCA), (OPEN,), (MONDAY,),
                            (Preference(2, 0, "pomeriggio", 2),), (fixed,))
    assert problem.fixed[0].fixed and problem.preferences[0].kind == "pomeriggio"
    w = PersonWeek(1, MONDAY, (WorkDay(MONDAY, (band("07:30", "13:30"),), fixed=True),))
    assert assignments_of(ANNA, [w]) == [fixed]


def test_check_roster_over_a_year_brings_every_rule_together():
    # Two collaboratori on six days of 6 h at the primaria, 07:30-13:30 and 10:30-16:30, for
    # the whole year (the first and last weeks are partial: not compared with 36 h); the plesso
    # needs one from 07:30 to 16:30 Mon-Fri. Luca's Wednesday 16/09 is 14:30-20:30 instead
    # (still 6 h, 36 h in the week) with no reason given: one evening problem, and the plesso
    # is uncovered 13:30-14:30 that day.
    pa = WeeklyPattern(1, YEAR.start, YEAR.end, same_bands(range(6), "07:30", "13:30"))
    pl = WeeklyPattern(2, YEAR.start, YEAR.end, same_bands(range(6), "10:30", "16:30"))
    mondays = [date(2026, 8, 31) + timedelta(weeks=i) for i in range(53)]
    weeks = {1: [pa.week(m) for m in mondays], 2: [pl.week(m) for m in mondays]}
    odd = weeks[2][2]
    wed = WorkDay(date(2026, 9, 16), (band("14:30", "20:30"),))
    weeks[2][2] = PersonWeek(2, odd.monday, tuple(wed if d.day == wed.day else d
                                                  for d in odd.days))
    needs = [CoverageNeed.of("PRIMARIA", wd, "07:30", "16:30") for wd in range(5)]
    problems = check_roster([ANNA, LUCA], weeks, YEAR, needs)
    assert [(p.rule, p.day, p.cell) for p in problems] == [
        ("turno_serale", wed.day, "14:30–20:30"),
        ("copertura_plesso", wed.day, "PRIMARIA 13:30–14:30")]
    # Without the needs, and with Anna's Saturday 19/09 dropped: her week is 30 h.
    anna = weeks[1][2]
    weeks[1][2] = PersonWeek(1, anna.monday, anna.days[:-1])
    problems = check_roster([ANNA, LUCA], weeks, YEAR)
    assert [(p.person_id, p.rule) for p in problems] == [(1, "ore_contratto"),
                                                           (2, "turno_serale")]
    assert "30 h contro le 36 h" in problems[0].message


def test_a_need_of_any_profile_is_covered_by_anyone_there():
    # The front desk of the sede needs one person 08:00-10:00, any profile: Carla (AA) is there.
    desk = CoverageNeed.of("PRIMARIA", 0, "08:00", "10:00", profile=None)
    c = cells(CARLA, band("07:30", "13:30"))
    assert check_coverage([desk, OPEN], c, [CARLA], [MONDAY])[0].rule == "copertura_plesso"
    assert check_coverage([desk], c, [CARLA], [MONDAY]) == []
    [p] = check_coverage([desk], [], [CARLA], [MONDAY])
    assert "– persona –, presenti 0" in p.message
