"""Procedure thresholds of D.Lgs 36/2023 art. 50 and the EU thresholds either side of
1 January 2026 (values from the law's text, domain.md section 4.2)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.procurement.thresholds import (
    ABOVE_EU,
    DIRECT,
    NEGOTIATED_5,
    NEGOTIATED_10,
    SUPPLIES,
    WORKS,
    propose_procedure,
)

DEC_2025, JAN_2026 = date(2025, 12, 31), date(2026, 1, 1)


@pytest.mark.parametrize("amount, expected", [
    (D("139999.99"), DIRECT),        # under 140,000: affidamento diretto
    (D("140000.00"), NEGOTIATED_5),  # 140,000 up to the EU threshold: negoziata 5
    (D("142999.99"), NEGOTIATED_5),  # 2025: central EU threshold 143,000
    (D("143000.00"), ABOVE_EU),
])
def test_supplies_in_2025(amount, expected):
    assert propose_procedure(SUPPLIES, amount, DEC_2025).procedure == expected


@pytest.mark.parametrize("amount, expected", [
    (D("139999.99"), DIRECT),
    (D("140000.00"), ABOVE_EU),      # from 2026 the central threshold is 140,000 itself
])
def test_supplies_from_2026_central(amount, expected):
    assert propose_procedure(SUPPLIES, amount, JAN_2026).procedure == expected


def test_sub_central_thresholds_either_side_of_2026():
    # 2025: 221,000; from 2026: 216,000
    assert propose_procedure(SUPPLIES, D("220000"), DEC_2025, central=False).procedure == \
        NEGOTIATED_5
    assert propose_procedure(SUPPLIES, D("220000"), JAN_2026, central=False).procedure == \
        ABOVE_EU
    assert propose_procedure(SUPPLIES, D("215999.99"), JAN_2026, central=False).eu_threshold \
        == D("216000")


@pytest.mark.parametrize("amount, expected", [
    (D("149999.99"), DIRECT), (D("150000"), NEGOTIATED_5), (D("999999.99"), NEGOTIATED_5),
    (D("1000000"), NEGOTIATED_10), (D("5403999.99"), NEGOTIATED_10), (D("5404000"), ABOVE_EU),
])
def test_works_from_2026(amount, expected):
    assert propose_procedure(WORKS, amount, JAN_2026).procedure == expected


def test_works_threshold_in_2025_is_5538000():
    assert propose_procedure(WORKS, D("5500000"), DEC_2025).procedure == NEGOTIATED_10
    assert propose_procedure(WORKS, D("5500000"), JAN_2026).procedure == ABOVE_EU


def test_notes_on_small_amounts():
    notes = " ".join(propose_procedure(SUPPLIES, D("4999.99"), JAN_2026).notes)
    assert "rotazione (art. 49 c.6)" in notes and "art. 52" in notes
    assert "MePA" not in notes                     # under 5,000: no MePA obligation
    notes = " ".join(propose_procedure(SUPPLIES, D("5000"), JAN_2026).notes)
    assert "MePA" in notes and "c.6" not in notes
    notes = " ".join(propose_procedure(SUPPLIES, D("40000"), JAN_2026).notes)
    assert "art. 52" not in notes                  # 40,000 is no longer «under 40,000»


def test_council_limits_for_the_dirigente():
    # «above 10,000»: 10,000 itself needs no criteria of the Consiglio
    assert not any("art. 45 c.2" in n for n in
                   propose_procedure(SUPPLIES, D("10000"), JAN_2026).notes)
    over = propose_procedure(SUPPLIES, D("10000.01"), JAN_2026).notes
    assert any("indicarli nelle impostazioni" in n for n in over)
    within = propose_procedure(SUPPLIES, D("30000"), JAN_2026, dirigente_limit=D("40000"))
    assert not any("art. 45 c.2" in n for n in within.notes)
    beyond = propose_procedure(SUPPLIES, D("45000"), JAN_2026, dirigente_limit=D("40000"))
    assert any("serve una sua delibera" in n for n in beyond.notes)


def test_ddi_devices_derogation_replaces_the_mepa_note():
    notes = propose_procedure(SUPPLIES, D("20000"), JAN_2026, ddi_devices=True).notes
    assert any("DL 137/2020" in n for n in notes) and not any("obbligo" in n for n in notes)


def test_bad_input_is_named():
    with pytest.raises(ValidationError) as caught:
        propose_procedure(SUPPLIES, D("0"), JAN_2026)
    assert "importo" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        propose_procedure("altro", D("10"), JAN_2026)
    assert "tipo" in caught.value.errors
    with pytest.raises(ValidationError, match="D.Lgs 50/2016"):
        propose_procedure(SUPPLIES, D("10"), date(2020, 7, 16))


# DL 76/2020 art. 1 c.2 (from 17/07/2020), modified by DL 77/2021 art. 51 (from 01/06/2021);
# D.Lgs 36/2023 from 01/07/2023; EU thresholds 2020-21 (139,000) and 2022-23 (140,000).
@pytest.mark.parametrize("day, amount, expected", [
    (date(2020, 7, 17), D("74999.99"), DIRECT),
    (date(2020, 7, 17), D("75000"), NEGOTIATED_5),
    (date(2021, 5, 31), D("138999.99"), NEGOTIATED_5),
    (date(2021, 5, 31), D("139000"), ABOVE_EU),        # EU threshold 2020-21: 139,000
    (date(2021, 6, 1), D("138999.99"), DIRECT),         # DL 77/2021: directly under 139,000
    (date(2022, 1, 1), D("139000"), NEGOTIATED_5),      # 2022-23: EU threshold 140,000
    (date(2022, 1, 1), D("140000"), ABOVE_EU),
    (date(2023, 6, 30), D("139999.99"), NEGOTIATED_5),
    (date(2023, 7, 1), D("139999.99"), DIRECT),         # D.Lgs 36/2023: under 140,000
])
def test_supplies_before_the_code_of_2023(day, amount, expected):
    assert propose_procedure(SUPPLIES, amount, day).procedure == expected


def test_works_under_dl_76_and_77():
    from iiss_desktop.domain.procurement.thresholds import NEGOTIATED_15

    before, after = date(2021, 5, 31), date(2021, 6, 1)
    assert propose_procedure(WORKS, D("349999.99"), before).procedure == NEGOTIATED_5
    assert propose_procedure(WORKS, D("350000"), before).procedure == NEGOTIATED_10
    assert propose_procedure(WORKS, D("1000000"), before).procedure == NEGOTIATED_15
    assert propose_procedure(WORKS, D("350000"), after).procedure == NEGOTIATED_5
    assert propose_procedure(WORKS, D("1000000"), after).procedure == NEGOTIATED_10


def test_the_label_cites_the_rule_of_the_day():
    old = propose_procedure(SUPPLIES, D("4000"), date(2021, 3, 1))
    assert old.label == "Affidamento diretto (DL 76/2020 art. 1 c.2 lett. a)"
    assert not any("art. 52" in n for n in old.notes)     # no art. 52 before D.Lgs 36/2023
    assert propose_procedure(SUPPLIES, D("4000"), JAN_2026).label.startswith(
        "Affidamento diretto (art. 50 c.1")
