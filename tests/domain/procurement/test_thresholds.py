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
        propose_procedure(SUPPLIES, D("10"), date(2023, 12, 31))
