"""The 35-hour week of art. 55 CCNL 29/11/2007 [C] granted for a school open more than 10 hours
a day on at least 3 days a week: checked against the plessi's opening hours."""
from __future__ import annotations

from datetime import date

from iiss_desktop.domain.staff.checks import check_art55, opening_days_over_10_hours
from iiss_desktop.domain.staff.contract import Art55Record, WorkingTime
from iiss_desktop.domain.staff.coverage import CoverageNeed
from iiss_desktop.domain.staff.week import StaffMember

OPENING = Art55Record(frozenset({"apertura_oltre_10_ore"}), frozenset({"turni"}),
                      date(2026, 9, 10))
AGRARIA = Art55Record(frozenset({"azienda_agraria"}), frozenset({"oscillazioni"}))


def who(record) -> StaffMember:
    return StaffMember(5, "Paolo Gialli", "CS", WorkingTime(100, record), "SEDE")


def opening(end_by_weekday: dict[int, str], plesso: str = "SEDE") -> list[CoverageNeed]:
    # Mornings 07:30-13:30 and afternoons 13:30-<end>: the day's span is 07:30-<end>.
    out = []
    for wd, end in end_by_weekday.items():
        out.append(CoverageNeed.of(plesso, wd, "07:30", "13:30", staff=2))
        out.append(CoverageNeed.of(plesso, wd, "13:30", end))
    return out


def test_exactly_ten_hours_is_not_more_than_ten():
    # 07:30-17:30 = 600 min on five days: 0 days "oltre 10 ore".
    needs = opening(dict.fromkeys(range(5), "17:30"))
    assert opening_days_over_10_hours(needs) == 0
    [p] = check_art55(who(OPENING), needs)
    assert p.rule == "art55_apertura" and p.confidence == "C"
    assert p.message == ("Paolo Gialli: 35 ore settimanali riconosciute per l'apertura della "
                         "scuola oltre 10 ore al giorno, ma dall'orario di apertura dei plessi "
                         "risultano 0 giorni a settimana oltre le 10 ore (ne servono almeno 3) "
                         "(art. 55 CCNL 29/11/2007).")


def test_three_days_of_ten_hours_and_one_minute_are_enough_two_are_not():
    # 07:30-17:31 = 601 min.
    three = opening({0: "17:31", 1: "17:31", 2: "17:31", 3: "14:00", 4: "14:00"})
    assert check_art55(who(OPENING), three) == []
    two = opening({0: "17:31", 1: "17:31", 2: "17:30", 3: "14:00", 4: "14:00"})
    [p] = check_art55(who(OPENING), two)
    assert "risultano 2 giorni a settimana" in p.message
    one = opening({0: "17:31", 1: "17:30"})
    assert "risulta 1 giorno a settimana" in check_art55(who(OPENING), one)[0].message


def test_the_days_are_counted_per_plesso():
    # Two days long at the sede and two at the primaria: no single plesso has 3.
    needs = (opening({0: "18:00", 1: "18:00"}) + opening({2: "18:00", 3: "18:00"}, "PRIMARIA"))
    assert opening_days_over_10_hours(needs) == 2


def test_other_conditions_or_no_opening_hours_say_nothing():
    short = opening(dict.fromkeys(range(5), "14:00"))
    assert check_art55(who(AGRARIA), short) == []
    assert check_art55(who(OPENING), []) == []
    assert check_art55(who(None), short) == []
