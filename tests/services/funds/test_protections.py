"""The Fondi records resist raw SQL (migration 0016 triggers): nothing is deleted, numbers,
dates and amounts of the documents never change; and who may decree a variation."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.access import DSGA, PermissionDenied
from iiss_desktop.services.funds.programme import (
    VariationInput,
    VariationLineInput,
    record_variation,
)
from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending
from tests.helpers.users import act_as_office
from tests.services.funds.helpers import YEAR, approved_programme

D = Decimal


@pytest.mark.parametrize("statement", [
    "DELETE FROM funds_commitment",
    "UPDATE funds_commitment SET number = 7",
    "UPDATE funds_commitment SET amount = 1",
    "DELETE FROM funds_variation_line",
    "UPDATE funds_variation_line SET amount = 1",
    "DELETE FROM funds_spending_forecast",
    "DELETE FROM funds_destination WHERE code = 'A03'",
    "UPDATE funds_destination SET code = 'A99' WHERE code = 'A03'",
])
def test_raw_tampering_is_refused(db, db_path, statement):
    approved_programme(db)
    commit_spending(db, CommitmentInput(YEAR, date(YEAR, 3, 2), "A03", "02", D("10.00"),
                                        "Materiale"))
    record_variation(db, VariationInput(YEAR, "storno", date(YEAR, 3, 2), [
        VariationLineInput(D("-1.00"), destination="A01", spending_type="02"),
        VariationLineInput(D("1.00"), destination="A03", spending_type="02")]))
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute(statement)


def test_the_dsga_records_a_delibera_but_does_not_decree_a_storno(db):
    approved_programme(db)
    act_as_office(db, "dsga", roles=(DSGA,))
    storno = VariationInput(YEAR, "storno", date(YEAR, 3, 2), [
        VariationLineInput(D("-1.00"), destination="A01", spending_type="02"),
        VariationLineInput(D("1.00"), destination="A03", spending_type="02")])
    with pytest.raises(PermissionDenied) as info:
        record_variation(db, storno)
    assert "Decreti di variazione" in info.value.message
    record_variation(db, VariationInput(YEAR, "delibera", date(YEAR, 3, 2), storno.lines,
                                        act_ref="Delibera n. 31"))
