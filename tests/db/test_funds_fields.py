"""The declared fields of an impegno and of a mandato (domain/funds/fields.py) agree with the
ORM models: a field declared once cannot drift."""
from __future__ import annotations

import pytest
from sqlalchemy import BigInteger, Date, Integer, String, Text

from iiss_desktop.domain.fields import column_label
from iiss_desktop.domain.funds.fields import (
    ASSESSMENT,
    COMMITMENT,
    PAYMENT_ORDER,
    RESIDUE,
    RESIDUE_CARRY,
    RESIDUE_RADIATION,
)
from iiss_desktop.models.funds import Assessment, Commitment, PaymentOrder
from iiss_desktop.models.funds_residui import Residue, ResidueCarry, ResidueRadiation
from iiss_desktop.models.types import Cents

_TYPES = {"text": String, "choice": String, "multiline": Text, "money": Cents, "date": Date,
          "int": Integer, "ref": Integer}
PAIRS = [(COMMITMENT, Commitment.__table__), (PAYMENT_ORDER, PaymentOrder.__table__),
         (ASSESSMENT, Assessment.__table__), (RESIDUE, Residue.__table__),
         (RESIDUE_CARRY, ResidueCarry.__table__),
         (RESIDUE_RADIATION, ResidueRadiation.__table__)]


@pytest.mark.parametrize(("record", "table"), PAIRS, ids=lambda x: getattr(x, "name", ""))
def test_every_column_is_declared_with_its_type_length_nullability_and_default(record, table):
    assert {f.name for f in record.columns} == {c.name for c in table.columns}
    for field in record.columns:
        column = table.columns[field.name]
        assert isinstance(column.type, _TYPES[field.kind]), field.name
        if field.kind == "money":
            assert isinstance(column.type.impl_instance, BigInteger)
        if field.kind in ("text", "choice"):
            assert column.type.length == field.max_length, field.name
        if field.name != "id":
            assert column.nullable == field.nullable, field.name
        if not column.nullable and column.default is not None:
            assert column.default.arg == field.default, field.name


def test_the_mandato_names_its_fields_as_art_17_does():
    assert column_label("funds_payment_order", "amount_words") == "Importo in lettere"
    assert column_label("funds_payment_order", "creditor_tax_code") == (
        "Codice fiscale del creditore")
    assert column_label("funds_commitment", "description") == "Oggetto dell'impegno"
