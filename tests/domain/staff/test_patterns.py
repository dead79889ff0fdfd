"""Patterns, bands, contracts and agreements as plain data; bad input refused in Italian,
naming the field."""
from __future__ import annotations

from datetime import date, time

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.staff import ROLES, can_work_agile, role_label
from iiss_desktop.domain.staff.agile import LavoroAgileAgreement
from iiss_desktop.domain.staff.contract import Art55Record, WorkingTime
from iiss_desktop.domain.staff.patterns import (
    FlexBand,
    WeeklyPattern,
    five_days_of_7h12,
    same_bands,
    six_days_of_six,
    with_rientri,
)
from iiss_desktop.domain.staff.times import TimeBand, format_duration, parse_time

from .helpers import YEAR, band


def test_the_old_names_still_import():
    assert ROLES["CS"] == "Collaboratore scolastico" and role_label("AA").startswith("Assist")
    assert [p for p in ROLES if can_work_agile(p)] == ["DSGA", "AA", "AT"]


def test_times_and_durations():
    assert parse_time("7:30") == 450 and parse_time("24:00") == 1440
    assert TimeBand.of(time(7, 30), 882).minutes == 432
    assert [format_duration(m) for m in (432, 540, 30, 541)] == [
        "7 h 12 min", "9 h", "30 min", "9 h 01 min"]
    with pytest.raises(ValidationError, match="non è un orario esistente"):
        parse_time("8:75")


def test_a_shift_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as e:
        TimeBand.of("14:00", "08:00")
    assert e.value.field == "end"
    assert e.value.message.startswith("La fascia 14:00–08:00 termina prima di iniziare")


def test_overlapping_bands_on_a_day_are_refused():
    with pytest.raises(ValidationError, match="08:00–14:00 e 13:00–16:00 si sovrappongono"):
        WeeklyPattern(1, YEAR.start, YEAR.end,
                      {0: (band("08:00", "14:00"), band("13:00", "16:00"))}, plurisettimanale=True)


def test_the_usual_36_hour_shapes():
    # 6 x 6 h and 5 x 7 h 12 are both 2160 min.
    six = WeeklyPattern(1, YEAR.start, YEAR.end, six_days_of_six("07:45"))
    five = WeeklyPattern(1, YEAR.start, YEAR.end, five_days_of_7h12("07:30"))
    assert six.ordinary_minutes == five.ordinary_minutes == 2160
    assert six.days[5][0].label == "07:45–13:45" and five.days[4][0].label == "07:30–14:42"
    # Mon-Fri 08:00-14:00 (30 h) + rientri Tue and Thu 14:30-17:30 (2 x 3 h) = 36 h.
    rientri = with_rientri(same_bands(range(5), "08:00", "14:00"),
                           {1: ("14:30", "17:30"), 3: ("14:30", "17:30")})
    p = WeeklyPattern(1, YEAR.start, YEAR.end, rientri)
    assert p.ordinary_of(1) == 540 and p.days[1][1].kind == "rientro"
    # Shifts: mattina 07:30-13:30 Mon/Wed/Fri, pomeriggio 13:00-19:00 Tue/Thu/Sat.
    shifts = {**same_bands((0, 2, 4), "07:30", "13:30", kind="mattina"),
              **same_bands((1, 3, 5), "13:00", "19:00", kind="pomeriggio")}
    assert WeeklyPattern(1, YEAR.start, YEAR.end, shifts).ordinary_minutes == 2160


def test_a_pattern_not_adding_up_to_the_contract_is_refused():
    # Mon-Fri 7 h = 35 h against 36: one hour missing.
    with pytest.raises(ValidationError) as e:
        WeeklyPattern(1, YEAR.start, YEAR.end, same_bands(range(5), "08:00", "15:00"))
    assert e.value.field == "days"
    assert e.value.message == ("L'orario settimanale somma 35 h, ma il contratto (36 ore) "
                               "prevede 36 h (1 h in meno).")
    # Part-time 50 %: 18 h; 3 x 6 h fits, 4 x 6 h is 6 h too many.
    half = WorkingTime(50)
    WeeklyPattern(1, YEAR.start, YEAR.end, same_bands((0, 2, 4), "08:00", "14:00"), half)
    with pytest.raises(ValidationError, match="6 h in più"):
        WeeklyPattern(1, YEAR.start, YEAR.end, same_bands(range(4), "08:00", "14:00"), half)


def test_a_plurisettimanale_pattern_may_differ_from_the_contract():
    p = WeeklyPattern(1, date(2026, 9, 1), date(2026, 9, 20),
                      same_bands(range(6), "07:30", "14:30"), plurisettimanale=True)
    assert p.ordinary_minutes == 42 * 60


def test_a_period_outside_the_school_year_is_refused():
    with pytest.raises(ValidationError) as e:
        WeeklyPattern(1, date(2026, 9, 1), date(2027, 9, 30), six_days_of_six())
    assert e.value.field == "valid_to"
    assert "Il 30/09/2027 è fuori dall'anno scolastico 2026/27" in e.value.message
    with pytest.raises(ValidationError, match="termina il 01/09/2026, prima di iniziare"):
        WeeklyPattern(1, date(2026, 10, 1), date(2026, 9, 1), six_days_of_six())


def test_flexible_bands():
    flex = FlexBand.of("07:30", "08:30", "13:30", "14:30")
    assert flex.allows(band("08:15", "14:15")) and not flex.allows(band("08:45", "14:45"))
    with pytest.raises(ValidationError) as e:
        FlexBand.of("08:30", "07:30", "13:30", "14:30")
    assert e.value.field == "entry_to"


def test_art_55_needs_its_conditions_recorded():
    with pytest.raises(ValidationError) as e:
        WorkingTime(100, Art55Record(frozenset(), frozenset({"turni"})))
    assert e.value.field == "school_conditions" and "art. 55" in e.value.message
    with pytest.raises(ValidationError) as e:
        Art55Record(frozenset({"azienda_agraria"}), frozenset())
    assert e.value.field == "staff_conditions"


def test_part_time_percentage_must_be_sensible():
    with pytest.raises(ValidationError) as e:
        WorkingTime(0)
    assert e.value.field == "part_time_percent"
    with pytest.raises(ValidationError):
        WorkingTime(120)


def test_lavoro_agile_agreement():
    ok = LavoroAgileAgreement(7, "AA", date(2026, 9, 10), date(2026, 9, 14), date(2026, 12, 23),
                              frozenset({0, 3}), ("Protocollo informatico", "Pratiche SIDI"))
    assert ok.covers(date(2026, 9, 17)) and not ok.covers(date(2026, 9, 15))
    assert ok.days_label == "lunedì, giovedì"
    with pytest.raises(ValidationError) as e:
        LavoroAgileAgreement(8, "CS", date(2026, 9, 10), date(2026, 9, 14), date(2026, 12, 23),
                             frozenset({0}), ("Pulizie",))
    assert e.value.field == "profile"
    assert "non è previsto per il profilo «Collaboratore scolastico»" in e.value.message


def test_pattern_week_on_agile_days_covers_no_plesso():
    p = WeeklyPattern(7, YEAR.start, YEAR.end, five_days_of_7h12(plesso="SEDE"),
                      agile_weekdays=frozenset({4}))
    w = p.week(date(2026, 9, 14))
    assert [d.lavoro_agile for d in w.days] == [False, False, False, False, True]
    assert w.days[0].bands[0].plesso == "SEDE" and w.days[4].bands[0].plesso is None
    with pytest.raises(ValidationError) as e:
        WeeklyPattern(7, YEAR.start, YEAR.end, five_days_of_7h12(), agile_weekdays=frozenset({5}))
    assert e.value.field == "agile_weekdays"


def test_bands_sort_by_time_whatever_their_plesso():
    # Two bands at different plessi on the same day: sorted by time, never by plesso.
    p = WeeklyPattern(1, YEAR.start, YEAR.end,
                      {0: (band("11:00", "14:00", plesso="B"), band("08:00", "10:30"))},
                      plurisettimanale=True)
    assert [b.label for b in p.days[0]] == ["08:00–10:30", "11:00–14:00"]
    with pytest.raises(ValidationError, match="si sovrappongono"):
        WeeklyPattern(1, YEAR.start, YEAR.end,
                      {0: (band("08:00", "10:00", plesso="B"), band("08:00", "10:00"))},
                      plurisettimanale=True)
