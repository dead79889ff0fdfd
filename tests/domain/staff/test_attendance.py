"""Attendance rules, cases computed by hand from CCNL 2007 artt. 16, 51, 53, 54 and the
defaults of domain/staff/attendance.py (tolerance 10 min, flexibility 0)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.staff.attendance import (
    Manual,
    Punch,
    Rules,
    Schedule,
    build_ledger,
    check_destination,
    check_permesso_breve,
    day_result,
    late_deadline,
    month_summary,
    pair_punches,
    permesso_deadline,
    riposo_deadline,
)

D = date(2026, 10, 5)            # a Monday
SIX = Schedule(bands=((480, 840),))                 # 08:00-14:00, 6 h = 360 min
SEVEN12 = Schedule(bands=((450, 882),))             # 07:30-14:42, 7 h 12 = 432 min


def p(hhmm: str, d: str, day: date = D) -> Punch:
    h, m = hhmm.split(":")
    return Punch(datetime(day.year, day.month, day.day, int(h), int(m)), d)


def test_regular_day_is_even():
    # 08:00-14:00 punched, 360 due: worked 360, net 0, no anomalies.
    r = day_result(D, SIX, [p("08:00", "E"), p("14:00", "U")])
    assert (r.due, r.worked, r.net, r.late, r.anomalies) == (360, 360, 0, 0, ())


def test_late_within_tolerance_is_no_ritardo_but_counts():
    # Entry 08:08 (8 min <= 10 tolerance), exit 14:00: worked 352, net -8, no ritardo flag;
    # the 8 minutes are a debt to recover by 30/11 (end of the following month).
    r = day_result(D, SIX, [p("08:08", "E"), p("14:00", "U")])
    assert (r.worked, r.net, r.late, r.late_debt) == (352, -8, 0, 8)
    assert r.anomalies == ()


def test_late_beyond_tolerance_is_flagged():
    # Entry 08:25: 25 min beyond 08:00 > 10 -> ritardo of 25; exit 14:00: net -25.
    r = day_result(D, SIX, [p("08:25", "E"), p("14:00", "U")])
    assert (r.late, r.net, r.late_debt) == (25, -25, 25)
    assert "Ritardo di 25 min" in r.anomalies[0]
    assert late_deadline(D) == date(2026, 11, 30)


def test_late_recovered_same_day_leaves_no_debt():
    # 08:25-14:30: 365 worked, net +5: flagged late but no debt.
    r = day_result(D, SIX, [p("08:25", "E"), p("14:30", "U")])
    assert (r.late, r.net, r.late_debt) == (25, 5, 0)


def test_flexible_entry_window():
    # Pattern window 07:30-08:30: entry 08:20 is not late; 08:20-14:20 = 360, net 0.
    sched = Schedule(bands=((480, 840),), entry_window=(450, 510))
    r = day_result(D, sched, [p("08:20", "E"), p("14:20", "U")])
    assert (r.late, r.net) == (0, 0)
    # Entry 08:45: 15 min beyond 08:30 (> 10) -> ritardo 15.
    r = day_result(D, sched, [p("08:45", "E"), p("14:45", "U")])
    assert r.late == 15


def test_school_flexibility_setting():
    # Flex 15 + tolerance 5: the limit is 08:15, an entry 08:18 is 3 min over: no ritardo;
    # 08:22 is 7 min over (> 5): ritardo of 7.
    rules = Rules(tolerance=5, flex=15)
    assert day_result(D, SIX, [p("08:18", "E"), p("14:18", "U")], rules).late == 0
    assert day_result(D, SIX, [p("08:22", "E"), p("14:22", "U")], rules).late == 7


def test_missing_exit_is_an_anomaly_and_counts_nothing():
    # Only an entry 08:00: no interval, worked 0, net -360, anomaly «Manca l'uscita».
    r = day_result(D, SIX, [p("08:00", "E")])
    assert (r.worked, r.net) == (0, -360)
    assert r.anomalies == ("Manca l'uscita dopo l'entrata delle 08:00",)


def test_odd_punches_pairing():
    # E 08:00, E 08:05, U 11:00, U 11:30, E 12:00, U 14:00: the first entry has no exit, the
    # 11:30 exit has no entry; intervals 08:05-11:00 (175) and 12:00-14:00 (120).
    ivs, anomalies = pair_punches([p("08:00", "E"), p("08:05", "E"), p("11:00", "U"),
                                   p("11:30", "U"), p("12:00", "E"), p("14:00", "U")])
    assert [i.minutes for i in ivs] == [175, 120]
    assert anomalies == ("Entrata delle 08:00 senza uscita", "Uscita delle 11:30 senza entrata")


def test_pause_deducted_over_7h12_without_break():
    # 07:30-15:30 continuous = 480 > 432 with no 30-min gap: 480 - 30 = 450; due 432: +18.
    # 07:30-14:45 = 435: the 3 minutes beyond 7 h 12 are the pause: 432 counted, net 0.
    r = day_result(D, SEVEN12, [p("07:30", "E"), p("15:30", "U")])
    assert (r.worked, r.net) == (450, 18)
    r = day_result(D, SEVEN12, [p("07:30", "E"), p("14:45", "U")])
    assert (r.worked, r.net) == (432, 0)
    # With a 30-min break 13:00-13:30: 330 + 150 = 480 worked, no deduction, net +48.
    r = day_result(D, SEVEN12, [p("07:30", "E"), p("13:00", "U"), p("13:30", "E"),
                                p("16:00", "U")])
    assert (r.worked, r.net) == (480, 48)


def test_nine_hours_cap():
    # 07:00-13:00 and 13:30-17:30: 360 + 240 = 600 > 540: only 540 count; net vs 360 = +180.
    r = day_result(D, SIX, [p("07:00", "E"), p("13:00", "U"), p("13:30", "E"),
                            p("17:30", "U")])
    assert (r.worked, r.net) == (540, 180)
    assert any("oltre le 9 ore" in a for a in r.notes)


def test_permesso_breve_is_a_separate_debt():
    # Permesso breve 2 h at the start (08:00-10:00), entry 10:00, exit 14:00: worked 240,
    # net -120, all of it permesso (deadline end of the second following month, 31/12), no
    # ritardo because the expected entry moves to 10:00.
    r = day_result(D, Schedule(bands=((480, 840),), permesso=120),
                   [p("10:00", "E"), p("14:00", "U")])
    assert (r.net, r.permesso_debt, r.late_debt, r.late) == (-120, 120, 0, 0)
    assert permesso_deadline(D) == date(2026, 12, 31)


def test_permesso_breve_limits():
    # 6 h day: half is 3 h; 3 h 01 min refused. 35 h used + 2 h = 37 > 36 refused.
    check_permesso_breve(180, 360, 0)
    with pytest.raises(ValidationError):
        check_permesso_breve(181, 360, 0)
    with pytest.raises(ValidationError):
        check_permesso_breve(120, 360, 35 * 60)
    check_permesso_breve(60, 360, 35 * 60)


def test_whole_day_absence_justifies():
    # Ferie on a 6 h day, no punches: justified 360, net 0, no anomaly.
    r = day_result(D, Schedule(bands=((480, 840),), absent_all_day="Assenza"), [])
    assert (r.justified, r.net, r.anomalies) == (360, 0, ())


def test_no_punch_on_service_day():
    r = day_result(D, SIX, [])
    assert r.net == -360 and r.anomalies == ("Nessuna timbratura in un giorno di servizio",)


def test_day_off_work_is_all_credit():
    # Saturday with no bands, 09:00-11:00 punched: due 0, net +120.
    sat = date(2026, 10, 10)
    r = day_result(sat, Schedule(), [p("09:00", "E", sat), p("11:00", "U", sat)])
    assert (r.due, r.net) == (0, 120)


def test_recovery_and_deduction():
    # 5/10 late 25 min (debt 25, deadline 30/11); 20/10 +15 (recovers 15, 10 left);
    # nothing else until 1/12: the 10 min left become a deduction, the balance stays -10.
    d1 = day_result(D, SIX, [p("08:25", "E"), p("14:00", "U")])
    d20 = date(2026, 10, 20)
    d2 = day_result(d20, SIX, [p("08:00", "E", d20), p("14:15", "U", d20)])
    led = build_ledger([d1, d2], [], date(2026, 10, 31))
    assert (led.balance, led.credit, led.deducted) == (-10, 0, 0)
    assert [dd.open for dd in led.open_debts] == [10]
    led = build_ledger([d1, d2], [], date(2026, 12, 1))
    assert (led.deducted, led.open_debts) == (10, [])


def test_extra_hours_destination_and_riposi():
    # Saturday 3 h worked (+180 credit); 60 paid, 120 turned into riposo; 60 of riposo used
    # on 12/10 (justifies 60 of that day, on which only 300 were worked): balance
    # 180 - 60 - 120 + (300 + 60 - 360) + 60... computed: day1 +180, pagate -60, riposo -120,
    # day2 net 300+60-360 = 0 (the riposo justified is in the schedule) -> balance 0,
    # riposi 120 - 60 = 60 left, paid 60, credit 0.
    sat = date(2026, 10, 10)
    d1 = day_result(sat, Schedule(), [p("08:00", "E", sat), p("11:00", "U", sat)])
    mon = date(2026, 10, 12)
    d2 = day_result(mon, Schedule(bands=((480, 840),), justified=60),
                    [p("08:00", "E", mon), p("13:00", "U", mon)])
    manual = [Manual(sat, "pagate", 60), Manual(sat, "riposo", 120),
              Manual(mon, "riposo_fruito", 60)]
    # riposo_fruito is already in the day's justified minutes: the service passes it to the
    # schedule, and its row moves the riposi account only.
    led = build_ledger([d1, d2], [m for m in manual if m.kind != "riposo_fruito"]
                       + [Manual(mon, "riposo_fruito", 60)], date(2026, 10, 31))
    assert (led.paid, led.riposi, led.credit, led.balance) == (60, 60, 0, 0)
    assert riposo_deadline(sat) == date(2027, 11, 30)
    with pytest.raises(ValidationError):
        check_destination(61, 60, "pagate")


def test_month_summary():
    # October: 5/10 late 25 (net -25), 6/10 permesso 1 h (net -60), 7/10 +40.
    # Recovery by earliest deadline: ritardo (30/11) before permesso (31/12): 25 then 15.
    # Due 3 x 360 = 1080; worked 335 + 300 + 400 = 1035; justified 0; net -45.
    d5 = day_result(D, SIX, [p("08:25", "E"), p("14:00", "U")])
    d6d = date(2026, 10, 6)
    d6 = day_result(d6d, Schedule(bands=((480, 840),), permesso=60),
                    [p("08:00", "E", d6d), p("13:00", "U", d6d)])
    d7d = date(2026, 10, 7)
    d7 = day_result(d7d, SIX, [p("08:00", "E", d7d), p("14:40", "U", d7d)])
    s = month_summary(2026, 10, [d5, d6, d7], [])
    assert (s.due, s.worked, s.net, s.balance) == (1080, 1035, -45, -45)
    assert (s.late_open, s.permessi_open, s.permessi_recovered) == (0, 45, 15)
    assert (s.permessi_month, s.late_days) == (60, 1)


def test_credit_already_earned_covers_a_later_debt():
    # 5/10 +30 (08:00-14:30); 6/10 08:20-14:00 = -20: covered by the credit, 10 left, no
    # debt open, balance +10.
    d6 = date(2026, 10, 6)
    a = day_result(D, SIX, [p("08:00", "E"), p("14:30", "U")])
    b = day_result(d6, SIX, [p("08:20", "E", d6), p("14:00", "U", d6)])
    led = build_ledger([a, b], [], date(2026, 10, 31))
    assert (led.balance, led.credit, led.open_debts) == (10, 10, [])
