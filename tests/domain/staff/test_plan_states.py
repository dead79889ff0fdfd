"""States of the Piano delle attività: bozza -> adottato -> superato by a later version."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.domain.staff import plan


def test_draft_is_adopted_then_superseded():
    assert plan.PLAN.initial == "bozza"
    assert plan.PLAN.move("bozza", "adottato") == "adottato"
    assert plan.PLAN.move("adottato", "superato") == "superato"
    assert plan.PLAN.final == frozenset({"superato"})


def test_adopted_cannot_return_to_draft():
    with pytest.raises(DomainError, match="adottato dal Dirigente"):
        plan.PLAN.move("adottato", "bozza")
    assert "adottato" not in plan.EDITABLE
    assert plan.COPYABLE == frozenset({"adottato"})


def test_adoption_needs_date_and_protocol():
    drafted = date(2026, 9, 10)
    with pytest.raises(ValidationError, match="Data di adozione"):
        plan.check_adoption(None, "1234", drafted)
    with pytest.raises(ValidationError, match="precedere"):
        plan.check_adoption(date(2026, 9, 9), "1234", drafted)
    with pytest.raises(ValidationError, match="protocollo"):
        plan.check_adoption(date(2026, 9, 15), "  ", drafted)
    plan.check_adoption(date(2026, 9, 10), "1234/VII.1", drafted)


def test_versions_and_sections():
    assert plan.next_version([]) == 1
    assert plan.next_version([1, 2]) == 3
    assert plan.check_section("sportello") == "sportello"
    with pytest.raises(ValidationError, match="sconosciuta"):
        plan.check_section("mensa")
    assert {"pulizia_straordinaria", "presidio"} <= set(plan.SHIFT_TYPES)
