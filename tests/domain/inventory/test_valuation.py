"""Ammortamento, series codes and labels of a rinnovo, reintegro and sale rules, computed by
hand."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import RegisterError, ValidationError
from iiss_desktop.domain.inventory import valuation as v
from iiss_desktop.domain.inventory.discharge import check_reintegro
from iiss_desktop.domain.inventory.labels import label_code, parse_label
from iiss_desktop.domain.inventory.registers import (
    base_of,
    code_of_short_name,
    item_label,
    register_title,
    series_code,
    short_name,
)
from iiss_desktop.domain.inventory.ricognizione import RicognizioneScan
from iiss_desktop.domain.inventory.sale import best_offer, check_offer
from iiss_desktop.domain.registers import register_spec

D = Decimal
CARICO = date(2022, 3, 10)


@pytest.mark.parametrize("at,expected", [
    (date(2022, 3, 10), D("1000.00")),     # the day of the carico
    (date(2023, 3, 9), D("1000.00")),      # 364 days: no full year yet, no quota
    (date(2023, 3, 10), D("750.00")),      # first anniversary: 1000 - 25 % of 1000
    (date(2024, 6, 1), D("500.00")),       # 2 full years: 1000 - 2 x 250
    (date(2025, 3, 10), D("250.00")),
    (date(2026, 3, 10), D("0.00")),        # 4 years at 25 %: fully depreciated
    (date(2027, 3, 10), D("0.00")),        # 5 years: never below zero
])
def test_hardware_at_25_percent_loses_a_quarter_per_full_year(at, expected):
    assert v.current_value(D("1000.00"), D("25"), CARICO, at) == expected


def test_odd_values_round_to_the_cent_and_furniture_at_10_percent():
    # 333,33 € at 10 % after 3 full years: 333,33 - 3 x 33,333 = 233,331 -> 233,33
    assert v.current_value(D("333.33"), D("10"), date(2020, 1, 1), date(2023, 1, 1)) \
        == D("233.33")
    # 12,5 % for 2 years of 80,00 €: 80 - 20 = 60
    assert v.current_value(D("80.00"), D("12.5"), date(2020, 1, 1), date(2022, 5, 5)) == D("60.00")


def test_registers_not_depreciated_and_categories_without_rate_keep_their_value():
    for register in ("inv-terzi", "inv-valori", "inv-immobili", "inv-storico", "inv-terzi.2030"):
        assert v.current_value(D("900.00"), D("25"), CARICO, date(2030, 1, 1), register) \
            == D("900.00")
    assert v.current_value(D("900.00"), None, CARICO, date(2030, 1, 1)) == D("900.00")


def test_full_years_count_anniversaries_and_29_february():
    assert v.full_years(date(2024, 2, 29), date(2025, 2, 27)) == 0
    assert v.full_years(date(2024, 2, 29), date(2025, 2, 28)) == 1
    assert v.full_years(date(2020, 12, 31), date(2021, 12, 30)) == 0
    assert v.full_years(date(2020, 12, 31), date(2030, 12, 31)) == 10


@pytest.mark.parametrize("bad", ["0", "-5", "100.01", "abc", "12.345", 12.5])
def test_rates_must_be_above_zero_and_at_most_100(bad):
    with pytest.raises(ValidationError) as info:
        v.check_rate(bad)
    assert "rate" in info.value.errors


def test_rates_kept_exact_in_hundredths():
    assert v.to_hundredths(v.check_rate("12,5")) == 1250
    assert v.from_hundredths(2500) == D("25.00")
    assert v.format_rate(D("12.50")) == "12,5 %" and v.format_rate(D("25.00")) == "25 %"


def test_series_codes_names_titles_and_specs():
    assert series_code("inv-mobili", 2026) == "inv-mobili.2026"
    assert base_of("inv-mobili.2026") == "inv-mobili"
    assert short_name("inv-mobili.2026") == "beni mobili (rinnovo 2026)"
    assert short_name("inv-mobili") == "beni mobili"
    assert register_title("inv-libri.2031") == \
        "Inventario dei libri e del materiale bibliografico (rinnovo 2031)"
    assert item_label("inv-mobili.2026", 7) == "beni mobili (rinnovo 2026) n. 7"
    assert code_of_short_name("beni mobili (rinnovo 2026)") == "inv-mobili.2026"
    spec = register_spec("inv-mobili.2026")
    assert spec.yearly is False and spec.area == "inventory"
    with pytest.raises(RegisterError):
        register_spec("inv-buoni-carico.2026")      # only inventories have series


def test_labels_of_a_series_and_both_forms_are_read():
    assert label_code("rmic86400x", "inv-mobili.2026", 12) == "RMIC86400X-MOB26-000012"
    assert parse_label("RMIC86400X-MOB26-000012", "RMIC86400X") == ("inv-mobili.2026", 12)
    assert parse_label("rmic86400x-mob-000012", "RMIC86400X") == ("inv-mobili", 12)
    for bad in ("RMIC86400X-MOB2-000012", "RMIC86400X-XYZ26-000012", "RMIC86400X-MOB26-12A"):
        with pytest.raises(ValidationError):
            parse_label(bad, "RMIC86400X")


def test_room_check_tells_old_and_new_labels_apart():
    check = RicognizioneScan.start(1, expected={("inv-mobili.2026", 1): "PC"},
                                elsewhere={("inv-mobili", 1): "PC (registrato in: Aula)"})
    assert check.scan("RMIC86400X-MOB26-000001", "RMIC86400X") == "trovato"
    assert check.scan("RMIC86400X-MOB-000001", "RMIC86400X") == "altrove"


def test_reintegro_needs_amount_and_responsible():
    with pytest.raises(ValidationError) as info:
        check_reintegro(reintegro=True, amount=None, responsible="")
    assert set(info.value.errors) == {"reintegro_amount", "responsible"}
    with pytest.raises(ValidationError):
        check_reintegro(reintegro=True, amount=D("0"), responsible="Mario Rossi")
    with pytest.raises(ValidationError):
        check_reintegro(reintegro=False, amount=D("10"), responsible="")
    assert check_reintegro(reintegro=True, amount=D("120.5"), responsible=" M. Rossi ") \
        == (D("120.50"), "M. Rossi")
    assert check_reintegro(reintegro=False, amount=None, responsible="") == (None, "")


@dataclass
class _Offer:
    id: int
    amount: Decimal
    received_on: date


def test_best_offer_is_the_highest_not_below_base_first_received_on_ties():
    offers = [_Offer(1, D("70"), date(2025, 1, 2)), _Offer(2, D("95"), date(2025, 1, 5)),
              _Offer(3, D("95"), date(2025, 1, 3)), _Offer(4, D("90"), date(2025, 1, 1))]
    assert best_offer(offers, D("80")).id == 3
    assert best_offer(offers[:1], D("80")) is None


def test_offer_after_the_deadline_is_refused():
    with pytest.raises(ValidationError) as info:
        check_offer(bidder="Mario Bianchi", amount=D("50"), received_on=date(2025, 2, 2),
                    published_on=date(2025, 1, 1), deadline=date(2025, 2, 1),
                    today=date(2025, 3, 1))
    assert "dopo il termine" in info.value.errors["received_on"]
