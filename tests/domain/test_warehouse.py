"""Magazzino rules with values worked out by hand."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.warehouse import (
    NegativeStock,
    ValuedLine,
    average_cost,
    check_approval,
    check_lot,
    check_withdrawal,
    expiring,
    format_quantity,
    parse_quantity,
    request_state_after,
    shortage_message,
    stocktake_differences,
    value_lines,
)


def test_quantities_are_thousandths_of_the_unit():
    assert parse_quantity("10", "pz") == 10_000
    assert parse_quantity("2,5", "l") == 2_500
    assert parse_quantity(" 2,5 l ", "l") == 2_500
    assert parse_quantity("3 litri", "l") == 3_000
    assert parse_quantity("0,125", "kg") == 125
    assert format_quantity(2_500, "l") == "2,5 l"
    assert format_quantity(12_000, "pz") == "12 pz"
    assert format_quantity(1_250_000, "pz") == "1.250 pz"


@pytest.mark.parametrize("text,unit,words", [
    ("0", "pz", "maggiore di zero"),
    ("-3", "pz", "negativa"),
    ("2,5", "pz", "numero intero di pezzi"),
    ("5 kg", "l", "Unità di misura errata"),
    ("0,0005", "l", "al massimo 3 decimali"),
    ("tre", "pz", "non valida"),
    ("", "risma", "non valida"),
])
def test_bad_quantities_are_refused_with_a_clear_message(text, unit, words):
    with pytest.raises(ValidationError) as info:
        parse_quantity(text, unit, label="Carta A4")
    assert words in info.value.message
    assert "quantity" in info.value.errors


def test_weighted_average_cost_by_hand():
    # Store 1: carico 10 pz for 20,00 € (2,00 each); carico 30 pz for 90,00 € (3,00 each):
    # 40 pz worth 110,00 €, average 2,75. Scarico 7 pz: 110,00 × 7/40 = 19,25 €.
    # Then 33 pz worth 90,75 €. Scarico 33 pz (all): the whole 90,75 €.
    lines = [ValuedLine(1, 10_000, 2_000), ValuedLine(1, 30_000, 9_000),
             ValuedLine(1, -7_000), ValuedLine(1, -33_000)]
    assert value_lines(lines) == [2_000, 9_000, -1_925, -9_075]
    assert average_cost(40_000, 11_000) == Decimal("2.7500")


def test_rounding_half_up_and_transfer_mirrors_the_outgoing_value():
    # 3 pz for 10,00 €: 1 pz out is 3,333.. → 3,33 €; the transfer-in to store 2 gets +3,33 €;
    # a positive stocktake adjustment of 1 pz in store 2 enters at its average (3,33 €).
    lines = [ValuedLine(1, 3_000, 1_000), ValuedLine(1, -1_000),
             ValuedLine(2, 1_000, source=1), ValuedLine(2, 1_000)]
    assert value_lines(lines) == [1_000, -333, 333, 333]
    # 2 pz for 1,00 €; 1 out → 0,50 €; 1 pz of 1,01 € worth → halves round up: 0,505 → 0,51.
    assert value_lines([ValuedLine(1, 2_000, 101), ValuedLine(1, -1_000)]) == [101, -51]


def test_a_backdated_carico_changes_the_later_average():
    # In date order: carico 10 pz at 1,00; (back-dated) carico 10 pz at 3,00; scarico 10 pz.
    # Average 2,00: the scarico is worth 20,00 €, not the 10,00 € it had before.
    without = value_lines([ValuedLine(1, 10_000, 1_000), ValuedLine(1, -10_000)])
    with_back = value_lines([ValuedLine(1, 10_000, 1_000), ValuedLine(1, 10_000, 3_000),
                             ValuedLine(1, -10_000)])
    assert without[-1] == -1_000 and with_back[-1] == -2_000


def test_stock_never_goes_negative():
    with pytest.raises(NegativeStock) as info:
        value_lines([ValuedLine(1, 5_000, 500), ValuedLine(2, 5_000, 500),
                     ValuedLine(1, -6_000)])
    assert (info.value.storeroom, info.value.available, info.value.index) == (1, 5_000, 2)
    text = shortage_message("Carta A4", "Magazzino sede", 5_000, 6_000, "risma")
    assert text == ("Giacenza insufficiente: «Carta A4» nel magazzino «Magazzino sede» ha "
                    "5 risme disponibili, richiesti 6 risme.")


def test_expired_lot_and_expiry_warning():
    check_lot(article="Mascherine FFP2", lot="L1", expiry=date(2026, 3, 31), on=date(2026, 3, 31))
    with pytest.raises(ValidationError) as info:
        check_lot(article="Mascherine FFP2", lot="L1", expiry=date(2026, 3, 31),
                  on=date(2026, 4, 1))
    assert "scaduto il 31/03/2026" in info.value.message
    assert expiring(date(2026, 5, 1), date(2026, 4, 1))        # 30 days
    assert not expiring(date(2026, 5, 2), date(2026, 4, 1))    # 31 days
    assert not expiring(None, date(2026, 4, 1))


def test_requests_cut_and_fulfilled_in_parts():
    check_approval(10_000, 6_000, article="Toner", unit="pz")
    with pytest.raises(ValidationError):
        check_approval(10_000, 11_000, article="Toner", unit="pz")
    check_withdrawal(approved=6_000, delivered=4_000, quantity=2_000, article="Toner",
                     unit="pz", request_no=3)
    with pytest.raises(ValidationError) as info:
        check_withdrawal(approved=6_000, delivered=4_000, quantity=3_000, article="Toner",
                         unit="pz", request_no=3)
    assert "restano da consegnare 2 pz" in info.value.message
    assert request_state_after([(6_000, 0), (2_000, 0)]) == "approvata"
    assert request_state_after([(6_000, 4_000), (2_000, 0)]) == "in evasione"
    assert request_state_after([(6_000, 6_000), (0, 0)]) == "evasa"


def test_stocktake_counts_only_what_was_counted():
    diffs = stocktake_differences({1: 10_000, 2: 5_000, 3: 7_000}, {1: 8_000, 2: 5_000, 4: 1_000})
    assert [(d.article_id, d.difference) for d in diffs] == [(1, -2_000), (4, 1_000)]


def test_units_written_as_words_agree_with_the_number():
    # Abbreviations stay as they are; words take the singular for exactly one unit.
    assert format_quantity(1_000, "risma") == "1 risma"
    assert format_quantity(5_000, "risma") == "5 risme"
    assert format_quantity(0, "risma") == "0 risme"
    assert format_quantity(-1_000, "flacone") == "-1 flacone"
    assert format_quantity(12_000, "flacone") == "12 flaconi"
    assert format_quantity(2_000, "paio") == "2 paia"
    assert format_quantity(1_500, "m") == "1,5 m"
    assert format_quantity(12_000, "pz") == "12 pz"
    assert parse_quantity("3 risme", "risma") == 3_000
    assert parse_quantity("1 paio", "paio") == 1_000
