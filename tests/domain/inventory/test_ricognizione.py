"""Ricognizione rules: outcomes of a line of the verbale and the five-year term, by hand."""
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.inventory.ricognizione import (
    OUTCOMES,
    PROPOSE_DISCHARGE,
    add_years,
    check_outcome,
    due_detail,
    due_level,
    next_due,
)
from iiss_desktop.domain.registers import register_spec


def test_the_register_of_verbali_restarts_every_year():
    spec = register_spec("inv-ricognizioni")
    assert spec.title == "Verbali di ricognizione" and spec.yearly
    assert spec.year_of(date(2026, 3, 4)) == 2026


def test_six_outcomes_and_the_ones_proposed_for_discarico():
    assert set(OUTCOMES) == {"confermato", "spostato", "mancante", "non_registrato",
                             "inservibile", "rettifica"}
    assert PROPOSE_DISCHARGE == {"mancante", "inservibile"}


def test_five_years_from_the_last_complete_ricognizione():
    assert next_due(date(2021, 3, 10), None) == date(2026, 3, 10)


def test_a_later_passaggio_di_consegne_restarts_the_term():
    # Ricognizione 04/05/2020, handover 06/10/2022: the term runs from the handover.
    assert next_due(date(2020, 5, 4), date(2022, 10, 6)) == date(2027, 10, 6)
    # An older handover does not shorten it.
    assert next_due(date(2023, 11, 20), date(2022, 10, 6)) == date(2028, 11, 20)


def test_29_february_ends_on_28_february_of_a_common_year():
    # 2029 is not a leap year: art. 2963 c.c., last day of the month.
    assert next_due(date(2024, 2, 29), None) == date(2029, 2, 28)
    assert next_due(None, date(2028, 2, 29)) == date(2033, 2, 28)
    # 4 years from a 29 February land on a leap year: the day exists.
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)
    assert add_years(date(2024, 3, 1), 5) == date(2029, 3, 1)


def test_never_done_means_due_now():
    assert next_due(None, None, today=date(2026, 1, 12)) == date(2026, 1, 12)


def test_warning_within_90_days_or_past():
    today = date(2026, 1, 1)
    # 1 April is 31 + 28 + 31 = 90 days after 1 January 2026.
    assert due_level(date(2026, 4, 1), today) == "warning"
    assert due_level(date(2026, 4, 2), today) == "info"
    assert due_level(date(2025, 12, 1), today) == "warning"


def test_detail_says_what_the_term_is_counted_from():
    text = due_detail(date(2021, 3, 10), None, date(2026, 3, 10), date(2026, 3, 15))
    assert "10/03/2021" in text and "scaduta da 5 giorni" in text
    assert "da eseguire" in due_detail(None, None, date(2026, 1, 1), date(2026, 1, 1))


def test_confermato_may_update_the_state():
    assert check_outcome(outcome="confermato", state="discreto").state == "discreto"
    assert check_outcome(outcome="confermato").state == ""


def test_inservibile_sets_the_state_and_mancante_drops_it():
    assert check_outcome(outcome="inservibile", state="buono").state == "inservibile"
    missing = check_outcome(outcome="mancante", state="buono",
                            reason="Non trovato nell'armadio del laboratorio")
    assert missing.state == ""


@pytest.mark.parametrize("kwargs,field", [
    ({"outcome": "perso"}, "outcome"),
    ({"outcome": "confermato", "state": "rotto"}, "state"),
    ({"outcome": "rettifica", "reason": "errore"}, "reason"),          # 6 characters
    ({"outcome": "mancante", "reason": "   non c'è  "}, "reason"),      # 9 once trimmed
    ({"outcome": "non_registrato", "estimated_value": Decimal("50")}, "description"),
    ({"outcome": "non_registrato", "description": "Sedia da ufficio"}, "estimated_value"),
    ({"outcome": "non_registrato", "description": "Sedia da ufficio",
      "estimated_value": Decimal("0")}, "estimated_value"),
])
def test_bad_lines_name_the_field(kwargs, field):
    with pytest.raises(ValidationError) as info:
        check_outcome(**kwargs)
    assert field in info.value.errors


def test_reason_of_ten_characters_is_enough():
    assert check_outcome(outcome="rettifica", reason="0123456789").reason == "0123456789"


def test_a_good_not_registered_has_description_and_stima():
    line = check_outcome(outcome="non_registrato", description="  Sedia  da ufficio ",
                         estimated_value=Decimal("35.5"))
    assert (line.description, line.estimated_value, line.state) == (
        "Sedia da ufficio", Decimal("35.50"), "buono")
