"""Weekly hours against the contract (artt. 51, 55) and the orario plurisettimanale (art. 53),
on hand-built weeks of the school year 2026/27 (Mondays from 07/09/2026)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.staff.checks import check_person_year, check_week
from iiss_desktop.domain.staff.contract import Art55Record
from iiss_desktop.domain.staff.patterns import WeeklyPattern, five_days_of_7h12, six_days_of_six
from iiss_desktop.domain.staff.week import DayAbsence, PersonWeek, WorkDay

from .helpers import MONDAY, YEAR, band, member, rules_of, week_of

FIRST_MONDAY = date(2026, 9, 7)
H = 60


# --- weekly hours = contract [C] -----------------------------------------------------------------

def test_36_hours_match_a_full_time_contract():
    # 6 days x 6 h = 36 h = 2160 min; 5 days x 7 h 12 = 5 x 432 = 2160 min.
    assert check_week(member(), week_of([360] * 6)) == []
    assert check_week(member(), week_of([432] * 5)) == []


def test_35h59_is_one_minute_short_of_the_contract():
    # 5 x 432 - 1 = 2159 min.
    w = week_of([432] * 4 + [431])
    [p] = check_week(member(), w)
    assert p.rule == "ore_contratto" and p.cell == "settimana dal 14/09/2026"
    assert p.message == ("Settimana dal 14/09/2026: 35 h 59 min contro le 36 h del contratto "
                         "(36 ore): 1 min in meno (artt. 51 e 55 CCNL 29/11/2007).")


def test_part_time_50_percent_is_18_hours():
    # 50 % of 36 h = 18 h = 1080 min: 3 days x 6 h, or 6 days x 3 h.
    half = member(percent=50)
    assert half.working_time.weekly_minutes == 1080
    assert check_week(half, week_of([360, 0, 360, 0, 360])) == []
    assert check_week(half, week_of([180] * 6)) == []
    [p] = check_week(half, week_of([360, 0, 360, 0, 420]))      # 19 h
    assert "19 h contro le 18 h" in p.message and "1 h in più" in p.message
    assert "part-time 50 % di 36 ore" in p.message


def test_part_time_83_33_percent_rounds_to_the_minute():
    # 30/36 = 83.33 %: 2160 x 30/36 = 1800 min = 30 h exactly with the fraction.
    from fractions import Fraction
    assert member(percent=Fraction(250, 3)).working_time.weekly_minutes == 1800


def test_35_hours_under_art_55():
    art55 = Art55Record(frozenset({"apertura_oltre_10_ore"}), frozenset({"turni"}),
                        date(2026, 9, 10), "Contrattazione d'istituto 2026/27")
    m = member(art55=art55)
    assert m.working_time.weekly_minutes == 2100
    assert check_week(m, week_of([420] * 5)) == []              # 5 x 7 h = 35 h
    [p] = check_week(m, week_of([360] * 6))                    # 36 h: one hour too many
    assert "36 h contro le 35 h" in p.message and "35 ore (art. 55)" in p.message


def test_justified_hours_count_straordinario_does_not():
    # Mon-Fri 7 h 12 with a permesso breve of 2 h on Friday (5 h 12 worked): 36 h counted.
    days = [WorkDay(MONDAY + timedelta(days=i), (band("07:30", "14:42"),)) for i in range(4)]
    days.append(WorkDay(MONDAY + timedelta(days=4), (band("07:30", "12:42"),),
                        absences=(DayAbsence("permesso_breve", 120),)))
    assert check_week(member(), PersonWeek(1, MONDAY, tuple(days))) == []
    # Six days of 6 h less one hour on Saturday, made up by an hour of straordinario on
    # Monday: 35 h ordinary, the straordinario is not owed time (art. 54: paid or rested).
    w = week_of([360] * 5 + [300])
    monday = WorkDay(MONDAY, w.days[0].bands + (band("13:30", "14:30", "straordinario"),))
    w = PersonWeek(1, MONDAY, (monday,) + w.days[1:])
    assert w.ordinary == 2100
    assert rules_of(check_week(member(), w)) == ["ore_contratto"]


def test_a_holiday_counts_as_the_days_hours():
    # Week of 07/12/2026: Tuesday 8 December (Immacolata). Five days of 7 h 12: four worked
    # (4 x 432 = 1728) + 432 credited = 2160.
    p = WeeklyPattern(1, YEAR.start, YEAR.end, five_days_of_7h12())
    w = p.week(date(2026, 12, 7), holidays={date(2026, 12, 8)})
    assert [d.credited for d in w.days] == [0, 432, 0, 0, 0]
    assert w.counted == 2160 and check_week(member(), w) == []


def test_a_partial_week_at_the_start_of_a_period_is_not_compared():
    # The pattern starts on Wednesday 16/09/2026: that week has 4 days of 6 h = 24 h.
    p = WeeklyPattern(1, date(2026, 9, 16), YEAR.end, six_days_of_six())
    w = p.week(MONDAY)
    assert w.partial and w.counted == 4 * 360
    assert check_week(member(), w) == []


# --- orario plurisettimanale (art. 53) [C-3p] ----------------------------------------------------

HEAVY = [420] * 6        # 6 x 7 h = 42 h = 2520 min: 6 h over the 36
LIGHT = [300] * 6        # 6 x 5 h = 30 h = 1800 min: 6 h recovered
NORMAL = [360] * 6


def pluri_year(kinds: str) -> list[PersonWeek]:
    """One week per letter from 07/09/2026: H heavy (42 h), L light (30 h), N normal (36 h)."""
    shape = {"H": HEAVY, "L": LIGHT, "N": NORMAL}
    return [week_of(shape[k], FIRST_MONDAY + timedelta(weeks=i), plurisettimanale=k != "N")
            for i, k in enumerate(kinds)]


def test_exactly_42_hours_is_allowed():
    # HL: 42 h then 30 h: 6 h over, 6 h recovered.
    assert check_person_year(member(), pluri_year("HL"), YEAR) == []


def test_42h30_is_refused():
    # 6 x 7 h 05 = 6 x 425 = 2550 min = 42 h 30; then 6 h 30 to recover: 30 h less 30 min.
    weeks = [week_of([425] * 6, FIRST_MONDAY, plurisettimanale=True),
             week_of([300] * 5 + [270], FIRST_MONDAY + timedelta(weeks=1),
                     plurisettimanale=True)]
    [p] = check_person_year(member(), weeks, YEAR)
    assert p.rule == "plurisettimanale_42" and p.day == FIRST_MONDAY
    assert p.message == ("Settimana dal 07/09/2026: 42 h 30 min di orario plurisettimanale, "
                         "oltre il massimo di 42 ore settimanali (art. 53 CCNL 29/11/2007).")


def test_the_third_consecutive_week_is_allowed_the_fourth_is_not():
    assert check_person_year(member(), pluri_year("HHHLLL"), YEAR) == []
    problems = check_person_year(member(), pluri_year("HHHHLLLL"), YEAR)
    [p] = problems
    assert p.rule == "plurisettimanale_consecutive"
    assert p.day == FIRST_MONDAY + timedelta(weeks=3)            # 28/09/2026
    assert p.message.startswith("Settimana dal 28/09/2026: 4ª settimana consecutiva")


def test_a_week_in_between_breaks_the_run():
    assert check_person_year(member(), pluri_year("HHHNHHHLLLLLL"), YEAR) == []


def test_the_thirteenth_week_in_the_year_is_allowed_the_fourteenth_is_not():
    # Runs of 3 heavy weeks with a light one between: HHHL HHHL HHHL HHHL H = 13 heavy,
    # 4 light; then 9 more light weeks: 13 x 6 h over = 13 x 6 h recovered.
    thirteen = "HHHL" * 4 + "H" + "L" * 9
    assert thirteen.count("H") == 13 and thirteen.count("L") == 13
    assert check_person_year(member(), pluri_year(thirteen), YEAR) == []
    fourteen = "HHHL" * 4 + "HLH" + "L" * 9
    problems = check_person_year(member(), pluri_year(fourteen), YEAR)
    [p] = problems
    assert p.rule == "plurisettimanale_anno"
    assert p.day == FIRST_MONDAY + timedelta(weeks=18)           # the 19th week: 11/01/2027
    assert "14ª settimana di orario plurisettimanale nell'anno scolastico 2026/27" in p.message


def test_hours_not_recovered():
    # HHL: 12 h over, 6 h recovered: 6 h left at the end of the year.
    [p] = check_person_year(member(), pluri_year("HHL"), YEAR)
    assert p.rule == "plurisettimanale_recupero" and p.day is None
    assert p.message == ("Anno scolastico 2026/27: 6 h di orario plurisettimanale non "
                         "recuperate (12 h in più, 6 h recuperate entro il 31/08/2027) "
                         "(art. 53 CCNL 29/11/2007).")


def test_recovering_more_than_the_excess_leaves_hours_owed():
    [p] = check_person_year(member(), pluri_year("HLL"), YEAR)
    assert p.rule == "ore_contratto" and "mancano 6 h" in p.message


# --- dates outside the school year ---------------------------------------------------------------

def test_a_week_outside_the_school_year_is_refused():
    # 31/08/2026 is in 2025/26: the week of Monday 31/08 has its Monday outside 2026/27.
    w = PersonWeek(1, date(2026, 8, 31), (WorkDay(date(2026, 8, 31), (band("08:00", "14:00"),)),))
    with pytest.raises(ValidationError) as e:
        check_person_year(member(), [w], YEAR)
    assert e.value.field == "day"
    assert e.value.message == ("Il 31/08/2026 è fuori dall'anno scolastico 2026/27 (dal "
                               "01/09/2026 al 31/08/2027).")
