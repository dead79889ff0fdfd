"""The organico Covid budget as arithmetic (domain/staff/covid_budget.py): calendar days of the
contract period × daily cost × part-time share, the budget of the notes, the residual, the
simulation before hiring. Every figure worked out by hand in the comments."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.staff import covid_budget as rules

CS, AA = Decimal("56.48"), Decimal("62.90")       # daily costs typed by the office


def test_days_are_the_calendar_days_of_the_period_both_ends_included():
    # 14/9/2020 - 9/6/2021: Sep 17 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31
    # + Apr 30 + May 31 + Jun 9 = 269 (no mese commerciale: October counts 31).
    assert rules.calendar_days(date(2020, 9, 14), date(2021, 6, 9)) == 269
    assert rules.calendar_days(date(2020, 10, 1), date(2020, 10, 31)) == 31
    assert rules.calendar_days(date(2021, 2, 1), date(2021, 2, 28)) == 28
    assert rules.calendar_days(date(2021, 1, 11), date(2021, 1, 11)) == 1
    with pytest.raises(ValidationError) as refused:
        rules.calendar_days(date(2021, 1, 11), date(2021, 1, 10))
    assert "precede l'inizio" in refused.value.errors["ends_on"]


def test_two_contracts_one_part_time_and_the_residual():
    full = rules.Charge(date(2020, 9, 14), date(2021, 6, 9), CS)
    # 269 × 56,48 = 15.064 + 129,12 = 15.193,12
    assert full.days == 269 and full.cost == Decimal("15193.12")
    half = rules.Charge(date(2020, 10, 1), date(2020, 12, 31), AA, 5_000)
    # Oct 31 + Nov 30 + Dec 31 = 92 days; 92 × 62,90 = 5.786,80; at 50 % = 2.893,40
    assert half.days == 92 and half.cost == Decimal("2893.40")
    # 20.000 + 2.000 - 500 = 21.500,00
    budget = rules.budget_total([(rules.ASSEGNAZIONE, Decimal("20000.00")),
                                 (rules.INTEGRAZIONE, Decimal("2000.00")),
                                 (rules.RIDUZIONE, Decimal("500.00"))])
    assert budget == Decimal("21500.00")
    summary = rules.summarize(budget, [full, half])
    # 15.193,12 + 2.893,40 = 18.086,52; 21.500,00 - 18.086,52 = 3.413,48
    assert summary.spent == Decimal("18086.52")
    assert summary.residual == Decimal("3413.48") and not summary.exceeded
    assert rules.cost_formula(half.days, AA, 5_000, half.cost) == \
        "92 gg × 62,90\u00a0€ × 50 % = 2.893,40\u00a0€"


def test_a_missing_daily_cost_is_counted_apart_never_as_zero():
    unknown = rules.Charge(date(2020, 9, 14), date(2020, 9, 30), None)
    assert unknown.cost is None
    summary = rules.summarize(Decimal("1000.00"), [unknown])
    assert summary.missing_costs == 1 and summary.spent == 0
    assert rules.cost_formula(unknown.days, None, 10_000, None) == \
        "17 gg × costo giornaliero mancante"


def test_the_cost_is_rounded_half_up_once_per_contract():
    # 1 × 0,05 × 50 % = 0,025 -> 0,03 (half up); 83,33 %: 56,48 × 0,8333 = 47,064784 -> 47,06
    assert rules.contract_cost(1, Decimal("0.05"), 5_000) == Decimal("0.03")
    assert rules.contract_cost(1, CS, 8_333) == Decimal("47.06")
    # three days at 83,33 %: 3 × 56,48 × 0,8333 = 141,194352 -> 141,19 (not 3 × 47,06 = 141,18)
    assert rules.contract_cost(3, CS, 8_333) == Decimal("141.19")


def _summary():
    return rules.BudgetSummary(Decimal("21500.00"), Decimal("18086.52"))


def test_a_simulation_within_the_budget_shows_cost_and_what_remains():
    sim = rules.simulate(school_year=2020, starts_on=date(2021, 1, 11),
                         ends_on=date(2021, 2, 28), daily_cost=CS, part_time_bp=10_000,
                         summary=_summary())
    # Jan 11-31 = 21 + Feb 28 = 49 days; 49 × 56,48 = 2.767,52; 3.413,48 - 2.767,52 = 645,96
    assert (sim.days, sim.cost) == (49, Decimal("2767.52"))
    assert sim.residual_before == Decimal("3413.48")
    assert sim.residual_after == Decimal("645.96")
    assert sim.covered and sim.warning == ""


def test_a_simulation_over_the_budget_is_refused_with_the_amount_missing():
    sim = rules.simulate(school_year=2020, starts_on=date(2021, 2, 1),
                         ends_on=date(2021, 4, 30), daily_cost=CS, part_time_bp=10_000,
                         summary=_summary())
    # Feb 28 + Mar 31 + Apr 30 = 89 days; 89 × 56,48 = 5.026,72; 3.413,48 - 5.026,72 = -1.613,24
    assert (sim.days, sim.cost) == (89, Decimal("5026.72"))
    assert sim.residual_after == Decimal("-1613.24") and not sim.covered
    assert sim.warning == ("Il costo (5.026,72\u00a0€) supera il residuo del budget "
                           "(3.413,48\u00a0€) di 1.613,24\u00a0€: l'assunzione non è coperta "
                           "e non va fatta.")
    # half time: 5.026,72 / 2 = 2.513,36, covered (900,12 left)
    half = rules.simulate(school_year=2020, starts_on=date(2021, 2, 1),
                          ends_on=date(2021, 4, 30), daily_cost=CS, part_time_bp=5_000,
                          summary=_summary())
    assert half.cost == Decimal("2513.36") and half.residual_after == Decimal("900.12")


def test_a_simulation_without_budget_or_past_the_end_of_lessons_is_refused():
    none = rules.simulate(school_year=2021, starts_on=date(2021, 9, 13),
                          ends_on=date(2021, 9, 30), daily_cost=CS, part_time_bp=10_000,
                          summary=rules.BudgetSummary(Decimal("0.00"), Decimal("0.00")))
    assert not none.covered and "Nessun budget assegnato per l'a.s. 2021/22" in none.warning
    with pytest.raises(ValidationError) as refused:
        rules.simulate(school_year=2020, starts_on=date(2021, 5, 3), ends_on=date(2021, 7, 15),
                       daily_cost=CS, part_time_bp=10_000, summary=_summary())
    assert "entro il 30/06/2021" in refused.value.errors["ends_on"]
    with pytest.raises(ValidationError) as refused:
        rules.simulate(school_year=2020, starts_on=date(2021, 9, 13),
                       ends_on=date(2021, 9, 30), daily_cost=CS, part_time_bp=10_000,
                       summary=_summary())
    assert "non cade nell'a.s. 2020/21" in refused.value.errors["starts_on"]


def test_an_unknown_kind_of_note_is_refused():
    with pytest.raises(ValidationError) as refused:
        rules.budget_total([("regalo", Decimal("1.00"))])
    assert "Assegnazione dell'USR" in refused.value.errors["kind"]


def test_training_hours_are_read_as_a_clerk_types_them():
    from iiss_desktop.domain.staff.training import hours_text, parse_hours

    assert [parse_hours(v) for v in ("8", "1,5", "2:30", "4 ore", 3, Decimal("0.5"))] == [
        480, 90, 150, 240, 180, 30]
    assert [hours_text(m) for m in (480, 90, 150, 100, 45)] == ["8", "1,5", "2,5", "1:40",
                                                                 "0,75"]
    for bad in ("", "tante", "0", "250", "1:75", "1,333"):
        with pytest.raises(ValidationError):
            parse_hours(bad)
