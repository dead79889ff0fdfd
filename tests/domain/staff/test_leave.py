"""Leave arithmetic by hand (issue 16 item 2), from the contract text and domain.md §5.5, not
from the code's output: CCNL 04/08/1995 art. 19 — 32 days (30 in the first three years of
service), pro rata by twelfths in the year of hiring or leaving, «la frazione di mese superiore
a quindici giorni è considerata a tutti gli effetti come mese intero» (so 16 days count, 15 do
not); five-day week: the sixth day counts, 1,2 per day taken; vertical part-time in proportion
to the days worked (days a week ÷ 6). Rounding to the whole day, half up, is our default [U].

School year 2020/21: 1/9/2020 - 31/8/2021. October and March have 31 days, November 30.
Amounts in hundredths of a day (2900 = 29 days).
"""
from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from iiss_desktop.domain.dates import SchoolYear
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.staff import leave
from iiss_desktop.domain.staff.leave import ServicePeriod as P

Y = SchoolYear(2020)
START, END = date(2020, 9, 1), date(2021, 8, 31)
OLD = date(2010, 9, 1)               # long service: 32 days
HALF, FIVE_SIXTHS, FOUR_SIXTHS = Fraction(3, 6), Fraction(5, 6), Fraction(4, 6)

FERIE = [
    # 1. whole year, full time, long service: 32
    ("anno intero", [P(START, END)], OLD, 3200),
    # 2. service since 1/9/2019: three years complete on 1/9/2022, all 2020/21 at 30
    ("secondo anno di servizio", [P(START, END)], date(2019, 9, 1), 3000),
    # 3. since 1/9/2018: third year of service (three years complete 1/9/2021): 30
    ("terzo anno di servizio", [P(START, END)], date(2018, 9, 1), 3000),
    # 4. since 1/9/2017: three years complete 1/9/2020, the fourth year: 32
    ("quarto anno di servizio", [P(START, END)], date(2017, 9, 1), 3200),
    # 5. since 1/1/2018: 32 from 1/1/2021. Sep-Dec 30×4/12 = 10; Jan-Aug 32×8/12 = 21,33;
    #    31,33 -> 31
    ("tre anni compiuti il 1/1", [P(START, END)], date(2018, 1, 1), 3100),
    # 6. since 10/1/2018: three years on 10/1/2021, 32 from the next month (1/2/2021).
    #    Sep-Jan 30×5/12 = 12,50; Feb-Aug 32×7/12 = 18,67; 31,17 -> 31
    ("tre anni compiuti il 10/1", [P(START, END)], date(2018, 1, 10), 3100),
    # 7. hired 1/10/2020, new (30): Oct-Aug 11 months, 30×11/12 = 27,5 -> 28 (half up)
    ("neoassunto dal 1/10", [P(date(2020, 10, 1), END)], date(2020, 10, 1), 2800),
    # 8. in ruolo from 1/10/2020 after years of supplenze (32): 32×11/12 = 29,33 -> 29
    ("dal 1/10, servizio pregresso", [P(date(2020, 10, 1), END)], OLD, 2900),
    # 9. from 16/10: October 16 days (16-31) > 15: a whole month; 11 months -> 29,33 -> 29
    ("dal 16/10", [P(date(2020, 10, 16), END)], OLD, 2900),
    # 10. from 17/10: October 15 days, not more than 15: 10 months, 32×10/12 = 26,67 -> 27
    ("dal 17/10", [P(date(2020, 10, 17), END)], OLD, 2700),
    # 11. from 14/10: October 18 days: counts; 11 months -> 29
    ("dal 14/10", [P(date(2020, 10, 14), END)], OLD, 2900),
    # 12. leaving 31/3/2021: Sep-Mar 7 months, 32×7/12 = 18,67 -> 19
    ("cessazione 31/3", [P(START, date(2021, 3, 31))], OLD, 1900),
    # 13. leaving 15/3/2021: March 15 days do not count; Sep-Feb 6, 32×6/12 = 16
    ("cessazione 15/3", [P(START, date(2021, 3, 15))], OLD, 1600),
    # 14. leaving 16/3/2021: March 16 days count; 7 months -> 19
    ("cessazione 16/3", [P(START, date(2021, 3, 16))], OLD, 1900),
    # 15. organico Covid 14/9/2020-9/6/2021, new (30): September 17 days (14-30) counts,
    #     Oct-May 8, June 9 days no: 9 months, 30×9/12 = 22,5 -> 23
    ("organico Covid 14/9-9/6", [P(date(2020, 9, 14), date(2021, 6, 9))],
     date(2020, 9, 14), 2300),
    # 16. supplenza 1/10/2020-30/6/2021 with long service: 9 months, 32×9/12 = 24
    ("supplenza 1/10-30/6", [P(date(2020, 10, 1), date(2021, 6, 30))], OLD, 2400),
    # 17. vertical part-time 50 % (3 days of 6): 32 × 3/6 = 16
    ("part-time verticale 50 %", [P(START, END, HALF)], OLD, 1600),
    # 18. vertical part-time 83,33 % (5 days of 6 h): 32 × 5/6 = 26,67 -> 27
    ("part-time verticale 83,33 %", [P(START, END, FIVE_SIXTHS)], OLD, 2700),
    # 19. vertical part-time on 4 days: 32 × 4/6 = 21,33 -> 21
    ("part-time verticale 4 giorni", [P(START, END, FOUR_SIXTHS)], OLD, 2100),
    # 20. horizontal part-time 50 % (six days of 3 h): the days of full time, 32
    ("part-time orizzontale 50 %", [P(START, END, Fraction(1))], OLD, 3200),
    # 21. vertical 50 % in the first three years: 30 × 3/6 = 15
    ("part-time 50 %, primi tre anni", [P(START, END, HALF)], date(2019, 9, 1), 1500),
    # 22. vertical 50 % hired 1/1/2021 (long service): Jan-Aug 8 months,
    #     32 × 8/12 × 1/2 = 10,67 -> 11
    ("part-time 50 % dal 1/1", [P(date(2021, 1, 1), END, HALF)], OLD, 1100),
    # 23. full time to 31/1, vertical 50 % from 1/2: 32×5/12 = 13,33 + 32×7/12×1/2 = 9,33;
    #     22,67 -> 23
    ("da tempo pieno a 50 % il 1/2", [P(START, date(2021, 1, 31)),
                                      P(date(2021, 2, 1), END, HALF)], OLD, 2300),
    # 24. two contracts 1/9-15/11 and 20/11-31/8: November 15 + 11 = 26 days: 12 months, 32
    ("due contratti, novembre 26 giorni", [P(START, date(2020, 11, 15)),
                                          P(date(2020, 11, 20), END)], OLD, 3200),
    # 25. two contracts 1/9-5/11 and 22/11-31/8: November 5 + 9 = 14 days: 11 months -> 29
    ("due contratti, novembre 14 giorni", [P(START, date(2020, 11, 5)),
                                          P(date(2020, 11, 22), END)], OLD, 2900),
    # 26. one month only, 1/9-30/9: 32 × 1/12 = 2,67 -> 3
    ("solo settembre", [P(START, date(2020, 9, 30))], OLD, 300),
    # 27. 15 days only (1/9-15/9): no month counts: 0
    ("quindici giorni", [P(START, date(2020, 9, 15))], OLD, 0),
]


@pytest.mark.parametrize(("case", "periods", "since", "expected"), FERIE,
                         ids=[c[0] for c in FERIE])
def test_ferie_entitlement(case, periods, since, expected):
    assert leave.ferie_entitlement(periods, Y, since).amount == expected


FESTIVITA = [
    # 28. whole year: 4
    ("anno intero", [P(START, END)], 400),
    # 29. from 16/10: 4 × 11/12 = 3,67 -> 4
    ("dal 16/10", [P(date(2020, 10, 16), END)], 400),
    # 30. leaving 31/1/2021: Sep-Jan 5, 4 × 5/12 = 1,67 -> 2
    ("cessazione 31/1", [P(START, date(2021, 1, 31))], 200),
    # 31. vertical 50 %: 4 × 3/6 = 2
    ("part-time verticale 50 %", [P(START, END, HALF)], 200),
    # 32. from 17/10, vertical 83,33 %: 4 × 10/12 × 5/6 = 2,78 -> 3
    ("dal 17/10 all'83,33 %", [P(date(2020, 10, 17), END, FIVE_SIXTHS)], 300),
    # 33. organico Covid 14/9-9/6: 9 months, 4 × 9/12 = 3
    ("organico Covid 14/9-9/6", [P(date(2020, 9, 14), date(2021, 6, 9))], 300),
    # 34. 1/9-31/10: 2 months, 4 × 2/12 = 0,67 -> 1
    ("due mesi", [P(START, date(2020, 10, 31))], 100),
]


@pytest.mark.parametrize(("case", "periods", "expected"), FESTIVITA,
                         ids=[c[0] for c in FESTIVITA])
def test_festivita_soppresse_entitlement(case, periods, expected):
    assert leave.festivita_entitlement(periods, Y).amount == expected


USES = [
    # 35. five-day week, 3 working days of ferie: 3 × 1,2 = 3,60
    ("cinque giorni, 3 giorni di ferie", 3, True, "ferie", 360),
    # 36. five-day week, Monday-Friday: 5 × 1,2 = 6,00, like a six-day week
    ("cinque giorni, una settimana", 5, True, "ferie", 600),
    # 37. six-day week, 3 days: 3
    ("sei giorni, 3 giorni", 3, False, "ferie", 300),
    # 38. five-day week, festività soppresse are not converted [U]: 2 days = 2
    ("cinque giorni, festività soppresse", 2, True, "festivita_soppresse", 200),
]


@pytest.mark.parametrize(("case", "days", "five", "account", "expected"), USES,
                         ids=[c[0] for c in USES])
def test_the_cost_of_a_use(case, days, five, account, expected):
    assert leave.use_cost(leave.DAYS, days, five_day=five, account=account) == expected


def test_thirty_two_days_on_five_days_are_26_67_days_off():
    # 32 / 1,2 = 26,666… -> 26,67
    ent = leave.ferie_entitlement([P(START, END)], Y, OLD, five_day=True)
    assert ent.amount == 3200
    assert "32 gg = 26,67 giorni di assenza" in ent.explanation


def test_a_balance_is_the_sum_of_its_rows():
    # 39. five-day week: 32 allocated, 5 days (6,00) and 3 days (3,60) taken, 1 day given back
    #     by a rettifica (+1,20): 32 - 6 - 3,6 + 1,2 = 23,60
    rows = [leave.LedgerRow(1, START, "assegnazione", 3200, ""),
            leave.LedgerRow(2, date(2021, 7, 5), "fruizione", -600, ""),
            leave.LedgerRow(3, date(2021, 7, 12), "fruizione", -360, ""),
            leave.LedgerRow(4, date(2021, 7, 20), "rettifica", 120, "")]
    assert [b for _r, b in leave.running_balance(rows)] == [3200, 2600, 2240, 2360]


def test_a_holiday_added_after_an_approved_week_is_given_back_by_a_rettifica():
    # 43. five-day week, Monday 12 - Friday 16/7 approved: 5 × 1,20 = 6,00. The school then
    #     declares Wednesday 14/7 a holiday (patrono): the week would cost 4 × 1,20 = 4,80, so
    #     a rettifica gives back 6,00 - 4,80 = 1,20 and the approved row stays as written:
    #     32 - 6 + 1,20 = 27,20
    before = leave.use_cost(leave.DAYS, 5, five_day=True, account="ferie")
    after = leave.use_cost(leave.DAYS, 4, five_day=True, account="ferie")
    assert (before, after, before - after) == (600, 480, 120)
    rows = [leave.LedgerRow(1, START, "assegnazione", 3200, ""),
            leave.LedgerRow(2, date(2021, 7, 12), "fruizione", -before, ""),
            leave.LedgerRow(3, date(2021, 7, 14), "rettifica", before - after, "")]
    assert leave.running_balance(rows)[-1][1] == 2720


def test_a_holiday_in_a_six_day_week_gives_back_one_day():
    # 44. six-day week 12-17/7 (6 days), a holiday on 14/7 declared afterwards: 6 - 5 = 1 day
    assert leave.use_cost(leave.DAYS, 6) - leave.use_cost(leave.DAYS, 5) == 100


@pytest.mark.parametrize(("carried", "used", "expired"), [
    (800, 500, 300),      # 40. 8 carried, 5 taken by 30/4: 8 - 5 = 3 expire
    (800, 1000, 0),       # 41. 10 taken by the deadline: the 8 carried went first, none expire
    (800, 0, 800),        # 42. none taken: all 8 expire
])
def test_carried_days_are_used_first_and_the_rest_expires(carried, used, expired):
    assert leave.expired_amount(carried, used) == expired


def test_residual_ferie_are_taken_by_30_april_of_the_following_year():
    # a.s. 2020/21 ends 31/8/2021; «entro il mese di aprile dell'anno successivo»: 30/4/2022
    assert leave.carry_deadline(Y) == date(2022, 4, 30)


def test_the_explanation_names_the_partial_month_and_the_twelfths():
    ent = leave.ferie_entitlement([P(date(2020, 10, 17), END)], Y, OLD)
    assert ent.lines[0] == ("ottobre 2020: 15 giorni di servizio (non più di 15: non "
                            "conta)")
    assert ent.lines[1] == "da novembre 2020 ad agosto 2021: 32 × 10/12 = 26,67"
    assert ent.lines[-1].startswith("totale ferie 26,67 → 27")


@pytest.mark.parametrize(("days", "part_time", "share", "five"), [
    (6, False, Fraction(1), False),     # six days full time
    (5, False, Fraction(1), True),      # five days of 7 h 12: the 1,2 rule
    (3, True, Fraction(1, 2), False),   # vertical 50 %: 3/6
    (5, True, Fraction(5, 6), False),   # vertical 83,33 %: 5/6
    (6, True, Fraction(1), False),      # horizontal: the whole days
])
def test_the_share_of_a_pattern(days, part_time, share, five):
    assert leave.day_share(days, part_time) == share
    assert leave.is_five_day(days, part_time) is five


def test_dates_outside_one_school_year_are_refused():
    with pytest.raises(ValidationError) as exc:
        leave.check_dates(date(2021, 8, 30), date(2021, 9, 2))
    assert "fuori dall'anno scolastico 2020/21" in exc.value.errors["ends_on"]
    with pytest.raises(ValidationError) as exc:
        leave.check_dates(date(2021, 3, 2), date(2021, 3, 1))
    assert "prima di iniziare" in exc.value.errors["ends_on"]


def test_amounts_are_shown_as_a_clerk_writes_them():
    assert leave.format_amount(2933, leave.DAYS) == "29,33 gg"
    assert leave.format_amount(-360, leave.DAYS, signed=True) == "-3,60 gg"
    assert leave.format_amount(1080, leave.HOURS) == "18 h"
    assert leave.format_amount(90, leave.HOURS, signed=True) == "+1 h 30 min"
    assert leave.parse_hours("1:30") == 90 and leave.parse_hours("2") == 120
