"""A form's checks all run: one ValidationError names every bad field, not just the first."""
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError, collect
from iiss_desktop.domain.fields import Field, Record

SAMPLE = Record("sample_checks", (
    Field("name", "Nome", required=True, max_length=5),
    Field("amount", "Importo", kind="money", nullable=True),
    Field("day", "Data", kind="date", nullable=True),
))


def test_check_all_cleans_the_good_values_and_names_every_bad_one():
    errors = {}
    clean = SAMPLE.check_all({"name": "  Anna ", "amount": Decimal("-3.50"), "day": "ieri"}, errors)
    assert clean["name"] == "Anna"
    assert set(errors) == {"amount", "day"}
    assert errors["amount"] == "Il campo «Importo» non può essere negativo."
    assert errors["day"] == "Il campo «Data» deve essere una data."


def test_check_all_with_nothing_wrong_leaves_the_errors_empty():
    errors = {}
    clean = SAMPLE.check_all({"name": "Bea", "amount": Decimal("1234.50"), "day": date(2021, 3, 1)},
                             errors)
    assert errors == {}
    assert clean == {"name": "Bea", "amount": Decimal("1234.50"), "day": date(2021, 3, 1)}


def test_collect_returns_the_value_or_none_with_the_message_kept():
    errors = {}
    assert collect(errors, SAMPLE["name"].check, "Carla") == "Carla"
    assert collect(errors, SAMPLE["name"].check, "") is None
    assert errors == {"name": "Il campo «Nome» è obbligatorio."}


def test_the_supplier_form_names_every_wrong_field_at_once(tmp_path):
    from iiss_desktop.services.procurement.suppliers import clean_supplier

    with pytest.raises(ValidationError) as caught:
        clean_supplier({"name": "", "vat": "12345", "pec": "non-una-pec"})
    assert {"name", "vat", "pec"} <= set(caught.value.errors)
