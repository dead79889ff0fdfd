"""Rules of one day (art. 51 and 53 CCNL 29/11/2007; Circolare Funzione pubblica 2/2020), on
hand-built days. Minutes are written out: 7 h 12 min = 432, 9 h = 540."""
from __future__ import annotations

import pytest

from iiss_desktop.domain.staff.checks import check_day, continuous_stretches
from iiss_desktop.domain.staff.week import DayAbsence

from .helpers import MONDAY, band, day, member, rules_of

# --- at most 9 hours a day, additional work included (art. 51) [C] -----------------------------

def test_exactly_nine_hours_is_allowed():
    # 07:30-13:30 (6 h) + pause 30 min + 14:00-17:00 (3 h) = 9 h 00 = 540 min: the maximum.
    d = day(band("07:30", "13:30"), band("14:00", "17:00"))
    assert d.worked == 540
    assert check_day(member(), d) == []


def test_nine_hours_and_one_minute_is_refused_naming_day_and_source():
    # 07:30-13:30 (360) + 14:00-17:01 (181) = 541 min = 9 h 01.
    d = day(band("07:30", "13:30"), band("14:00", "17:01"))
    [p] = check_day(member(), d)
    assert p.rule == "max_giornaliero" and p.day == MONDAY
    assert p.message == ("Lunedì 14/09/2026: 9 h 01 min di servizio, oltre il massimo di 9 ore "
                         "al giorno comprese le prestazioni aggiuntive (art. 51 CCNL 29/11/2007).")
    assert p.confidence == "C"


def test_the_nine_hours_count_straordinario_too():
    # 6 h ordinary + pause + 3 h 30 straordinario = 9 h 30: art. 51 counts additional work.
    d = day(band("07:30", "13:30"), band("14:00", "17:30", kind="straordinario"))
    assert d.ordinary == 360 and d.worked == 570
    assert rules_of(check_day(member(), d)) == ["max_giornaliero"]


# --- the pause: mandatory past 7 h 12 continuous, on request past 6 h (art. 51) [C] -------------

def test_exactly_7h12_continuous_needs_no_pause():
    # 07:30-14:42 = 432 min = 7 h 12 exactly: "oltre 7 h 12" is not reached.
    assert check_day(member(), day(band("07:30", "14:42"))) == []


def test_7h13_continuous_without_pause_is_refused():
    # 07:30-14:43 = 433 min.
    [p] = check_day(member(), day(band("07:30", "14:43")))
    assert p.rule == "pausa_obbligatoria" and p.cell == "07:30–14:43"
    assert "7 h 13 min di lavoro continuativo" in p.message
    assert p.message.endswith("(art. 51 CCNL 29/11/2007).")


def test_a_pause_of_30_minutes_splits_the_work():
    # 07:30-12:00 (270) + pause 12:00-12:30 (30) + 12:30-15:30 (180): two stretches, none over
    # 7 h 12; the day is 7 h 30 worked.
    d = day(band("07:30", "12:00"), band("12:30", "15:30"))
    assert continuous_stretches(d) == [(450, 720, 270), (750, 930, 180)]
    assert check_day(member(), d) == []


def test_a_pause_shorter_than_30_minutes_is_not_the_pause():
    # 07:30-12:00 (270) + 29 min + 12:29-15:32 (183) = 453 min continuous (the gap is not
    # counted as work, but does not break the stretch): 7 h 33 > 7 h 12.
    d = day(band("07:30", "12:00"), band("12:29", "15:32"))
    [p] = check_day(member(), d)
    assert p.rule == "pausa_obbligatoria" and "7 h 33 min" in p.message
    assert p.cell == "07:30–15:32"


def test_pause_asked_for_applies_past_six_hours():
    # 08:00-14:00 = 360 min: exactly 6 h, allowed even with the pause requested;
    # 08:00-14:01 = 361 min: over 6 h, refused only when the employee asked for the pause.
    assert check_day(member(pause_requested=True), day(band("08:00", "14:00"))) == []
    longer = day(band("08:00", "14:01"))
    assert check_day(member(pause_requested=False), longer) == []
    [p] = check_day(member(pause_requested=True), longer)
    assert p.rule == "pausa_richiesta" and "6 h 01 min" in p.message


# --- evening shifts past 20:00 (art. 53, turnazione) [C-3p] -------------------------------------

def test_a_shift_ending_at_20_00_needs_no_reason():
    assert check_day(member(), day(band("14:00", "20:00", kind="pomeriggio"))) == []


def test_a_shift_ending_at_20_01_without_reason_is_refused():
    # 14:01-20:01 = 6 h: only the evening rule speaks.
    [p] = check_day(member(), day(band("14:01", "20:01", kind="pomeriggio")))
    assert p.rule == "turno_serale" and p.cell == "14:01–20:01"
    assert p.confidence == "C-3p"
    assert "oltre le 20:00" in p.message and "(art. 53 CCNL 29/11/2007 (turnazione))" in p.message


def test_a_shift_past_20_00_with_its_reason_is_allowed():
    d = day(band("15:00", "21:00", kind="pomeriggio", reason="Corsi serali per adulti"))
    assert check_day(member(), d) == []


# --- lavoro agile (CCNL 2019-21 artt. 10-16; Circolare FP 2/2020) -------------------------------

@pytest.mark.parametrize("profile", ["AA", "AT", "DSGA"])
def test_lavoro_agile_is_allowed_to_office_and_technical_staff(profile):
    assert check_day(member(profile), day(band("08:00", "14:00"), lavoro_agile=True)) == []


def test_lavoro_agile_for_a_collaboratore_is_refused():
    [p] = check_day(member("CS"), day(band("08:00", "14:00"), lavoro_agile=True))
    assert p.rule == "agile_profilo"
    assert "«Collaboratore scolastico»" in p.message and "CCNL 2019-21" in p.message


def test_no_overtime_riposo_or_permesso_on_a_lavoro_agile_day():
    # 08:00-14:00 agile + 14:30-15:30 straordinario + a permesso breve of 1 h + a riposo
    # compensativo of 2 h: three problems, each naming the Circolare.
    d = day(band("08:00", "14:00"), band("14:30", "15:30", kind="straordinario"),
            lavoro_agile=True, absences=(DayAbsence("permesso_breve", 60),
                                         DayAbsence("riposo_compensativo", 120)))
    problems = check_day(member("AA"), d)
    assert rules_of(problems) == ["agile_istituti"] * 3
    assert all("Circolare Funzione pubblica n. 2 dell'1/4/2020" in p.message for p in problems)
    assert "permesso breve di 1 h" in problems[1].message
    assert "riposo compensativo di 2 h" in problems[2].message


def test_the_same_overtime_on_a_day_in_office_is_fine():
    d = day(band("08:00", "14:00"), band("14:30", "15:30", kind="straordinario"),
            absences=(DayAbsence("permesso_breve", 60),))
    assert check_day(member("AA"), d) == []


def test_a_lavoro_agile_day_outside_the_agreement():
    # The agreement gives Mondays and Thursdays from 14/09 to 23/12/2026; Monday 14/09 is in
    # it, Tuesday 15/09 is not.
    from datetime import date

    from iiss_desktop.domain.staff.agile import LavoroAgileAgreement
    from iiss_desktop.domain.staff.checks import check_agile_agreements
    from iiss_desktop.domain.staff.week import PersonWeek

    deal = LavoroAgileAgreement(1, "AA", date(2026, 9, 10), date(2026, 9, 14),
                                date(2026, 12, 23), frozenset({0, 3}), ("Protocollo",))
    w = PersonWeek(1, MONDAY, (day(band("08:00", "14:00"), lavoro_agile=True),
                               day(band("08:00", "14:00"), on=date(2026, 9, 15),
                                   lavoro_agile=True)))
    [p] = check_agile_agreements(member("AA"), [w], [deal])
    assert p.rule == "agile_accordo" and p.day == date(2026, 9, 15)
    assert p.message == ("Martedì 15/09/2026: lavoro agile in un giorno non previsto da un "
                         "accordo individuale (CCNL 2019-21 art. 13).")
    assert len(check_agile_agreements(member("AA"), [w], [])) == 2
    assert check_agile_agreements(member("CS"), [w], []) == []    # check_day says it
