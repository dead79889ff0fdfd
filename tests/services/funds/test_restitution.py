"""Restitution of the unused part of an earmarked fund: unused = assigned − committed −
restituted, worked out by hand; a restitution above it is refused with nothing saved."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.queries.funds_cash import restitutions, unused
from iiss_desktop.services.funds.programme import EarmarkedInput, record_earmarked_fund
from iiss_desktop.services.funds.restitution import (
    PaymentInput,
    RestitutionInput,
    commit_restitution,
    pay_restitution,
)
from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending
from tests.services.funds.helpers import GOOD_IBAN, YEAR, approved_programme, counts

D = Decimal
MINISTRY = Creditor("Ministero dell'Istruzione", tax_code="80185250588", iban=GOOD_IBAN)


def _fund_with_commitment(db) -> int:
    approved_programme(db)
    fund_id, _ = record_earmarked_fund(db, EarmarkedInput(
        YEAR, "Risorse ex art. 31 c.1 DL 41/2021", "DL 41/2021 art. 31 c.1, nota 453/2021",
        D("3000.00"), date(YEAR, 2, 1), "A01", ["02", "03"], use_by=date(YEAR, 9, 30)))
    commit_spending(db, CommitmentInput(YEAR, date(YEAR, 3, 1), "A01", "02", "2.250,40",
                                        "Dispositivi di protezione", "Farmacia Centrale",
                                        earmarked_id=fund_id))
    return fund_id


def _restitute(db, fund_id, amount, day=date(YEAR, 10, 15)):
    """The dirigente's impegno, then the DSGA's mandato."""
    done = commit_restitution(db, RestitutionInput(fund_id, day, amount, "02", MINISTRY.name))
    return pay_restitution(db, PaymentInput(done.restitution_id, day, MINISTRY))


def test_the_unused_part_goes_back_by_a_mandato(db, db_path):
    fund_id = _fund_with_commitment(db)
    # 3.000,00 assigned − 2.250,40 committed = 749,60
    assert unused(db, fund_id) == D("749.60")
    _restitute(db, fund_id, "500,00")
    assert unused(db, fund_id) == D("249.60")                # 749,60 − 500,00
    _restitute(db, fund_id, "249,60")                        # after the deadline for use
    assert unused(db, fund_id) == D("0.00")
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT amount, creditor_name FROM funds_payment_order "
                           "ORDER BY number").fetchall() == [
            (50000, "Ministero dell'Istruzione"), (24960, "Ministero dell'Istruzione")]
        assert con.execute(
            "SELECT x.amount, c.amount, c.earmarked_id, m.commitment_id = c.id FROM "
            "funds_restitution x JOIN funds_commitment c ON c.id = x.commitment_id "
            "JOIN funds_payment_order m ON m.id = x.payment_order_id ORDER BY x.id"
        ).fetchall() == [(50000, 50000, None, 1), (24960, 24960, None, 1)]
    assert [(r.commitment, r.amount, r.order) for r in restitutions(db, YEAR)] == [
        ("3/2026", D("249.60"), "2/2026"), ("2/2026", D("500.00"), "1/2026")]
    assert verify(db, anchors=False).ok


def test_the_impegno_lowers_the_unused_part_before_the_mandato(db, db_path):
    fund_id = _fund_with_commitment(db)
    done = commit_restitution(db, RestitutionInput(fund_id, date(YEAR, 10, 15), "749,60",
                                                   "02", MINISTRY.name))
    assert unused(db, fund_id) == D("0.00")
    assert [(r.order, r.to_pay) for r in restitutions(db, YEAR)] == [("", True)]
    before = counts(db_path)
    with pytest.raises(ValidationError) as exc:     # nothing left for a second impegno
        commit_restitution(db, RestitutionInput(fund_id, date(YEAR, 10, 16), "0,01", "02",
                                                MINISTRY.name))
    assert exc.value.errors["amount"].endswith("(0,00\xa0€).")
    with pytest.raises(ValidationError) as exc:     # the mandato does not precede the impegno
        pay_restitution(db, PaymentInput(done.restitution_id, date(YEAR, 10, 14), MINISTRY))
    assert exc.value.errors["paid_on"] == ("Il mandato non precede l'impegno di restituzione "
                                           "del 15/10/2026.")
    assert counts(db_path) == before
    pay_restitution(db, PaymentInput(done.restitution_id, date(YEAR, 10, 20), MINISTRY))
    with pytest.raises(ValidationError) as exc:
        pay_restitution(db, PaymentInput(done.restitution_id, date(YEAR, 10, 21), MINISTRY))
    assert exc.value.errors["restitution_id"] == (
        "La restituzione dell'impegno n. 2/2026 è già stata pagata.")


def test_more_than_the_unused_part_is_refused(db, db_path):
    fund_id = _fund_with_commitment(db)
    before = counts(db_path)
    with pytest.raises(ValidationError) as exc:
        _restitute(db, fund_id, "749,61")
    assert "parte non utilizzata" in exc.value.errors["amount"]
    assert "749,60" in exc.value.errors["amount"]
    assert counts(db_path) == before


def test_a_negative_restitution_is_refused(db, db_path):
    fund_id = _fund_with_commitment(db)
    before = counts(db_path)
    with pytest.raises(ValidationError) as exc:
        _restitute(db, fund_id, "-1,00")
    assert "negativo" in exc.value.errors["amount"]
    assert counts(db_path) == before
