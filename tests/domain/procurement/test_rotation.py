"""The rotation principle (D.Lgs. 36/2023 art. 49) on hand-built histories: the outgoing
supplier of the previous award in the same sector, either side of 5,000 EUR."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.procurement.rotation import (
    PastAward,
    ProposedAward,
    check_rotation,
    sector_key,
)

ROSSI, BIANCHI = 1, 2
HISTORY = [
    PastAward(ROSSI, "Cartoleria Rossi", "30192000-1", date(2026, 1, 12), Decimal("800.00"),
              "Carta per gli uffici", 1),
    PastAward(BIANCHI, "Bianchi Impianti", "50720000-8", date(2026, 2, 2), Decimal("9000.00"),
              "Manutenzione caldaie", 2),
]


def propose(supplier, amount, sector="30192000-1", on=date(2026, 3, 2), motivation=""):
    return check_rotation(HISTORY, ProposedAward(supplier, sector, Decimal(amount), on,
                                                 motivation))


@pytest.mark.parametrize(("amount", "forbidden", "exception"), [
    ("4999.99", False, "sotto_5000"),     # below 5,000: art. 49 c.6
    ("5000.00", True, ""),                # not below: forbidden
    ("12000.00", True, ""),
])
def test_the_outgoing_supplier_of_the_same_sector_either_side_of_5000(amount, forbidden,
                                                                      exception):
    verdict = propose(ROSSI, amount)
    assert (verdict.forbidden, verdict.exception) == (forbidden, exception)
    assert verdict.previous.id == 1
    assert "contraente uscente" in verdict.reason


def test_the_forbidding_reason_names_the_previous_award_and_the_way_out():
    reason = propose(ROSSI, "5000.00").reason
    assert reason.startswith("Principio di rotazione: il fornitore è il contraente uscente: "
                             "l'affidamento precedente nel settore «CPV 301» (Carta per gli "
                             "uffici, 800,00\xa0€, del 12/01/2026)")
    assert "art. 49 c.4" in reason


def test_a_motivation_allows_the_outgoing_supplier():
    verdict = propose(ROSSI, "8000.00", motivation="Unico fornitore della zona")
    assert (verdict.forbidden, verdict.exception) == (False, "motivata")
    assert "Unico fornitore della zona" in verdict.reason


def test_another_supplier_or_another_sector_is_not_touched():
    assert propose(BIANCHI, "8000.00").forbidden is False            # Rossi had the paper
    verdict = propose(ROSSI, "8000.00", sector="50720000-8")        # Bianchi had the boilers
    assert (verdict.forbidden, verdict.exception) == (False, "")
    assert "andato a Bianchi Impianti" in verdict.reason
    first = propose(ROSSI, "8000.00", sector="39162000-5")           # nobody before
    assert (first.forbidden, first.previous) == (False, None)


def test_only_the_immediately_previous_award_of_the_sector_counts():
    history = HISTORY + [PastAward(BIANCHI, "Bianchi", "30197000-6", date(2026, 2, 20),
                                   Decimal("300.00"), "Buste", 3)]
    # Rossi (January) is no longer the outgoing supplier of group 301: Bianchi is.
    verdict = check_rotation(history, ProposedAward(ROSSI, "30192000-1", Decimal("9000"),
                                                    date(2026, 3, 2)))
    assert verdict.forbidden is False and verdict.previous.id == 3
    # an award dated after the proposal is not «previous»
    assert check_rotation(history, ProposedAward(
        ROSSI, "30192000-1", Decimal("9000"), date(2026, 1, 20))).previous.id == 1


def test_sectors_compare_cpv_groups_and_codes_as_written():
    assert sector_key("30192000-1") == sector_key("30125100") == "CPV 301"
    assert sector_key("30213100-6") == "CPV 302"
    assert sector_key(" cancelleria ") == "CANCELLERIA"
