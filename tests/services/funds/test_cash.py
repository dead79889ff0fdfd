"""Fondo economale (D.I. 129/2018 art. 21): the cash after a sequence of movements worked out
by hand, each refusal (nothing saved), the register numbered without gaps, and verify catching
a stored cash figure changed by raw SQL. Programma Annuale from helpers.py (A01 8.000,00)."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.queries.funds_cash import cash_fund
from iiss_desktop.services.funds.cash import (
    ExpenseInput,
    FundInput,
    annul_expense,
    close_fund,
    open_fund,
    record_expense,
    reimburse,
)
from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending
from tests.services.funds.helpers import GOOD_CF, YEAR, approved_programme

D = Decimal
DSGA = Creditor("Bianchi Anna (DSGA)", tax_code=GOOD_CF)


def _open(db):
    approved_programme(db)
    return open_fund(db, FundInput(YEAR, "100,00", "50,00", date(YEAR - 1, 12, 20),
                                   "Delibera del Consiglio d'istituto n. 13", "A01",
                                   date(YEAR, 1, 15), DSGA))


def _spend(db, amount, day=date(YEAR, 2, 3), creditor="Ferramenta Verdi", **kw):
    return record_expense(db, ExpenseInput(YEAR, day, amount, "Minuteria", creditor, "A01",
                                           kw.get("kind", "02")))


def _rows(path, table):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _numbers(path):
    with sqlite3.connect(path) as con:
        return [r[0] for r in con.execute(
            "SELECT number FROM register_entry WHERE register = 'fondi-minute-spese' "
            "ORDER BY number")]


def test_the_cash_after_a_sequence_of_movements(db, db_path):
    _open(db)
    assert _spend(db, "12,50")[1] == 1
    assert _spend(db, "40,00", day=date(YEAR, 2, 4))[1] == 2     # another day: no splitting
    expense_id, number = _spend(db, D("7.35"), day=date(YEAR, 2, 4), kind="03")
    assert number == 3
    # 100,00 − 12,50 − 40,00 − 7,35 = 40,15
    assert cash_fund(db, YEAR).cash == D("40.15")
    with pytest.raises(ValidationError) as exc:      # within the maximum, above the cash
        _spend(db, "45,00")
    assert "cassa residua" in exc.value.errors["amount"]
    reimburse(db, YEAR, date(YEAR, 3, 1), DSGA)
    # reintegro 12,50 + 40,00 + 7,35 = 59,85 → 40,15 + 59,85 = 100,00; two mandati (02 and 03)
    view = cash_fund(db, YEAR)
    assert (view.reimbursed, view.cash) == (D("59.85"), D("100.00"))
    twenty, _ = _spend(db, "20,00", day=date(YEAR, 4, 2))         # number 4 → 80,00
    assert annul_expense(db, twenty, "Scontrino registrato due volte", date(YEAR, 4, 3)) == 5
    _spend(db, "30,10", day=date(YEAR, 5, 6))                       # number 6 → 69,90
    assert cash_fund(db, YEAR).cash == D("69.90")
    # closing: the 69,90 left go back by a reversale and the cash is zero
    assert close_fund(db, YEAR, date(YEAR, 12, 2), DSGA.name) == D("69.90")
    view = cash_fund(db, YEAR)
    assert (view.closing, view.cash, view.stored_cash) == (D("69.90"), D("0.00"), D("0.00"))
    assert _numbers(db_path) == [1, 2, 3, 4, 5, 6]      # the refused 45,00 took no number
    with sqlite3.connect(db_path) as con:
        # the advance, then two mandati of the reintegro: 12,50 + 40,00 on 02, 7,35 on 03
        assert [r[0] for r in con.execute(
            "SELECT amount FROM funds_payment_order ORDER BY number")] == [10000, 5250, 735]
        assert con.execute("SELECT amount FROM funds_receipt_order").fetchall() == [(6990,)]
    assert verify(db, anchors=False).ok


@pytest.mark.parametrize("amount, field, words", [
    ("50,01", "amount", "supera il limite di 50,00\xa0€"),
    ("-5,00", "amount", "negativo"),
    (D("1.005"), "amount", "decimali"),
])
def test_bad_amounts_are_refused_and_nothing_saved(db, db_path, amount, field, words):
    _open(db)
    with pytest.raises(ValidationError) as exc:
        _spend(db, amount)
    assert words in exc.value.errors[field]
    assert _rows(db_path, "funds_cash_expense") == 0
    assert _numbers(db_path) == []


def test_a_date_outside_the_year_is_refused(db, db_path):
    _open(db)
    with pytest.raises(ValidationError) as exc:
        _spend(db, "5,00", day=date(YEAR + 1, 1, 2))
    assert "esercizio finanziario 2026" in exc.value.errors["spent_on"]
    assert _rows(db_path, "funds_cash_expense") == 0


def test_an_expense_on_a_running_contract_is_refused(db, db_path):
    _open(db)
    commit_spending(db, CommitmentInput(YEAR, date(YEAR, 2, 1), "A03", "02", "300,00",
                                        "Materiale di pulizia", "Ferramenta Verdi"))
    with pytest.raises(ValidationError) as exc:
        _spend(db, "5,00", creditor="ferramenta verdi")
    assert "impegno n. 2/2026" in exc.value.errors["creditor_name"]   # n. 1 is the advance
    assert _rows(db_path, "funds_cash_expense") == 0


def test_an_expense_after_the_closing_is_refused(db, db_path):
    _open(db)
    close_fund(db, YEAR, date(YEAR, 6, 30), DSGA.name)
    with pytest.raises(ValidationError) as exc:
        _spend(db, "5,00", day=date(YEAR, 7, 1))
    assert "chiuso il 30/06/2026" in exc.value.errors["spent_on"]
    assert _rows(db_path, "funds_cash_expense") == 0


def test_a_maximum_above_the_fund_size_is_refused(db, db_path):
    approved_programme(db)
    with pytest.raises(ValidationError) as exc:
        open_fund(db, FundInput(YEAR, "100,00", "150,00", date(YEAR - 1, 12, 20), "Delibera",
                                "A01", date(YEAR, 1, 15), DSGA))
    assert "max_expense" in exc.value.errors
    assert _rows(db_path, "funds_cash_fund") == 0
    assert _rows(db_path, "funds_payment_order") == 0


def test_verify_catches_a_cash_figure_changed_by_raw_sql(db, db_path):
    _open(db)
    _spend(db, "12,50")
    assert verify(db, anchors=False).ok
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE funds_cash_fund SET cash = cash + 1000")
    problems = [p.message for p in verify(db, anchors=False).problems if p.check == "fondi"]
    # stored 87,50 + 10,00 = 97,50; rebuilt 100,00 − 12,50 = 87,50
    assert problems == ["Fondo economale 2026: cassa registrata 97,50\xa0€, ricostruita dalle "
                        "spese e dai reintegri 87,50\xa0€"]


def test_a_purchase_split_on_the_same_day_with_the_same_supplier_is_refused(db, db_path):
    _open(db)
    _spend(db, "30,00")
    with pytest.raises(ValidationError) as exc:      # 30,00 + 25,00 = 55,00 > 50,00
        _spend(db, "25,00", creditor="FERRAMENTA VERDI")
    assert "non si fraziona" in exc.value.errors["amount"]
    assert _rows(db_path, "funds_cash_expense") == 1
    _spend(db, "20,00")                               # 30,00 + 20,00 = 50,00: allowed
    assert cash_fund(db, YEAR).cash == D("50.00")    # 100,00 − 30,00 − 20,00
