"""Passaggio di consegne rules (art. 30 c.5): the 60-day term, the people, the check."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.inventory import handover as rules
from iiss_desktop.domain.registers import register_spec

TODAY = date(2026, 11, 25)
PEOPLE = dict(outgoing_dsga="Dott.ssa Paola Neri", incoming_dsga="Dott. Marco Bruni",
              dirigente="Prof.ssa Maria Colonna", presidente_ci="Sig. Luigi Verdi")


def test_register_is_yearly_in_the_inventory_area():
    spec = register_spec("inv-passaggi")
    assert spec.yearly and spec.area == "inventory"
    assert spec.title == "Verbali di passaggio di consegne"


def test_deadline_is_sixty_days_after_the_cessation():
    # 31 August + 30 days = 30 September, + 30 more = 30 October.
    assert rules.deadline(date(2026, 8, 31)) == date(2026, 10, 30)
    assert rules.days_late(date(2026, 8, 31), date(2026, 10, 30)) == 0
    assert rules.days_late(date(2026, 8, 31), date(2026, 11, 2)) == 3
    assert "entro il termine di 60 giorni" in rules.late_note(date(2026, 8, 31),
                                                              date(2026, 9, 15))
    note = rules.late_note(date(2026, 8, 31), date(2026, 11, 2))
    assert "ritardo di 3 giorni" in note and "ordinatorio" in note


def test_good_parties_are_cleaned():
    parties = rules.check_parties(cessation_date=date(2026, 8, 31),
                                  handover_date=date(2026, 8, 31), today=TODAY,
                                  **{**PEOPLE, "incoming_dsga": "  Dott.  Marco   Bruni "})
    assert parties.incoming_dsga == "Dott. Marco Bruni"


@pytest.mark.parametrize("change,field", [
    ({"incoming_dsga": "dott.ssa paola neri"}, "incoming_dsga"),
    ({"handover_date": date(2026, 8, 30)}, "handover_date"),
    ({"handover_date": date(2026, 11, 26)}, "handover_date"),
    ({"cessation_date": None}, "cessation_date"),
    ({"presidente_ci": " "}, "presidente_ci"),
    ({"dirigente": ""}, "dirigente"),
    ({"outgoing_dsga": ""}, "outgoing_dsga"),
])
def test_bad_parties_name_the_field(change, field):
    values = dict(cessation_date=date(2026, 8, 31), handover_date=date(2026, 9, 20), **PEOPLE)
    values.update(change)
    with pytest.raises(ValidationError) as info:
        rules.check_parties(today=TODAY, **values)
    assert field in info.value.errors


def test_sampling_only_when_the_outgoing_dsga_is_absent_with_a_reason():
    assert rules.check_verification(outgoing_absent=False, absence_reason="x",
                                    check_mode="completa") == ""
    assert rules.check_verification(outgoing_absent=True, absence_reason=" Malattia ",
                                    check_mode="campione") == "Malattia"
    with pytest.raises(ValidationError) as info:
        rules.check_verification(outgoing_absent=False, absence_reason="",
                                 check_mode="campione")
    assert "check_mode" in info.value.errors
    with pytest.raises(ValidationError) as info:
        rules.check_verification(outgoing_absent=True, absence_reason="", check_mode="completa")
    assert "absence_reason" in info.value.errors
    with pytest.raises(ValidationError) as info:
        rules.check_verification(outgoing_absent=False, absence_reason="", check_mode="altro")
    assert "check_mode" in info.value.errors
