"""The Fondi tab's actions on imported residui and on restitutions, through their real forms:
«Reversale…» collects a residuo attivo imported without its accertamento, «Liquidazione…»
and «Mandato…» pay a residuo passivo imported without its impegno, «Radiazione di un
residuo…» needs a reason, and a restitution goes from the dirigente's «Impegno di
restituzione…» to the DSGA's «Mandato di restituzione…». A wrong entry is refused on its field
with nothing saved.

Figures by hand: residui of tests/fixtures/funds_import/residui_2026.csv (Ministero 2.450,00;
Cartoleria Rossi 612,50; Ditta Pulizie 1.120,00); the fund of 1.000,00 with nothing committed
has 1.000,00 unused."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from iiss_desktop.services.funds.programme import EarmarkedInput, record_earmarked_fund
from iiss_desktop.services.funds.residui_import import import_residui
from tests.helpers.ui import fill_next_form
from tests.services.funds.helpers import GOOD_IBAN, approved_programme, counts
from tests.ui.funds.test_revenue_actions import action

pytestmark = pytest.mark.usefixtures("errors_raise")
D = Decimal
Y = 2026
CSV = Path(__file__).parents[2] / "fixtures" / "funds_import" / "residui_2026.csv"


@pytest.fixture
def funds_window(qtbot, db, db_path):
    from PySide6.QtWidgets import QMainWindow

    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.tab import FundsTab

    approved_programme(db, Y)
    assert import_residui(db, CSV, Y).stored
    window = QMainWindow()
    qtbot.addWidget(window)
    tab = FundsTab(db, AppEvents())
    window.setCentralWidget(tab)
    tab.set_year(Y)
    with sqlite3.connect(db_path) as con:
        ids = dict(con.execute("SELECT counterpart, id FROM funds_residue"))
    return window, tab, ids


def _message(window) -> str:
    return window.statusBar().currentMessage().replace("\xa0", " ")


def test_a_reversale_collects_an_imported_residuo_attivo(qtbot, funds_window, db_path):
    window, tab, ids = funds_window
    ministry = ids["Ministero dell'Istruzione"]
    key = f"residuo-{ministry}"
    before = counts(db_path)
    seen = fill_next_form(qtbot, {"assessment_id": key, "amount": D("3000.00"),
                                  "issued_on": date(Y, 3, 10)})
    action(tab, "Reversale…").trigger()
    assert seen["errors"]["amount"].replace("\xa0", " ") == (
        "Sul residuo attivo 2025 importato (Ministero dell'Istruzione) di 2.450,00 € restano "
        "da riscuotere 2.450,00 €.")
    assert counts(db_path) == before
    seen = fill_next_form(qtbot, {"assessment_id": key, "amount": D("2000.00"),
                                  "issued_on": date(Y, 3, 10)})
    action(tab, "Reversale…").trigger()
    assert seen["errors"] == {}
    assert _message(window) == f"Reversale n. 1/{Y} registrata."
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT assessment_id, amount FROM funds_receipt_order").fetchall() \
            == [(None, 200000)]
        assert con.execute("SELECT remaining FROM funds_residue WHERE id = ?",
                           (ids["Ministero dell'Istruzione"],)).fetchone() == (45000,)


def test_an_imported_residuo_passivo_is_liquidated_then_paid(qtbot, funds_window, db_path):
    window, tab, ids = funds_window
    seen = fill_next_form(qtbot, {"commitment_id": f"residuo-{ids['Cartoleria Rossi Srl']}",
                                  "liquidated_on": date(Y, 2, 15),
                                  "supply_check": "Fornitura verificata (fattura n. 88)"})
    action(tab, "Liquidazione…").trigger()      # amount empty: all 612,50
    assert seen["errors"] == {}
    assert _message(window) == f"Liquidazione n. 1/{Y} registrata."
    with sqlite3.connect(db_path) as con:
        liq, amount = con.execute("SELECT id, amount FROM funds_liquidation").fetchone()
    assert amount == 61250
    seen = fill_next_form(qtbot, {"liquidation_id": liq, "issued_on": date(Y, 2, 20),
                                  "causale": "Saldo fattura n. 88",
                                  "creditor_name": "Cartoleria Rossi Srl",
                                  "creditor_vat": "01114601006", "creditor_iban": GOOD_IBAN})
    action(tab, "Mandato…").trigger()
    assert seen["errors"] == {}
    assert _message(window) == f"Mandato n. 1/{Y} registrato."
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT commitment_id, amount FROM funds_payment_order"
                           ).fetchall() == [(None, 61250)]
        assert con.execute("SELECT remaining FROM funds_residue WHERE id = ?",
                           (ids["Cartoleria Rossi Srl"],)).fetchone() == (0,)


def test_a_radiation_needs_its_reason(qtbot, funds_window, db_path):
    window, tab, ids = funds_window
    pulizie = ids["Ditta Pulizie Srl"]
    before = counts(db_path)
    seen = fill_next_form(qtbot, {"residue_id": pulizie, "radiated_on": date(Y, 3, 2),
                                  "reason": "Economia"})
    action(tab, "Radiazione di un residuo…").trigger()
    assert "almeno 10 caratteri" in seen["errors"]["reason"]
    assert counts(db_path) == before
    seen = fill_next_form(qtbot, {"residue_id": pulizie, "radiated_on": date(Y, 3, 2),
                                  "amount": D("120.00"), "reason": "Economia di spesa "
                                  "accertata", "act_ref": "Decreto n. 7 del 02/03/2026"})
    action(tab, "Radiazione di un residuo…").trigger()
    assert seen["errors"] == {}
    assert _message(window) == "Radiazione registrata."
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT amount, reason FROM funds_residue_radiation").fetchall() \
            == [(12000, "Economia di spesa accertata")]
        assert con.execute("SELECT remaining FROM funds_residue WHERE id = ?",
                           (pulizie,)).fetchone() == (100000,)


def test_a_restitution_goes_from_the_impegno_to_the_mandato(qtbot, funds_window, db, db_path):
    window, tab, _ids = funds_window
    fund_id, _ = record_earmarked_fund(db, EarmarkedInput(
        Y, "Risorse ex art. 31 c.1 DL 41/2021", "DL 41/2021 art. 31 c.1", D("1000.00"),
        date(Y, 2, 1), "A01", ["02"], use_by=date(Y, 9, 30)))
    tab.set_year(Y)
    seen = fill_next_form(qtbot, {"earmarked_id": fund_id, "amount": D("1000.01"),
                                  "committed_on": date(Y, 10, 15), "spending_type": "02"})
    action(tab, "Impegno di restituzione…").trigger()
    assert "supera la parte non utilizzata" in seen["errors"]["amount"]
    seen = fill_next_form(qtbot, {"earmarked_id": fund_id, "committed_on": date(Y, 10, 15),
                                  "spending_type": "02"})
    action(tab, "Impegno di restituzione…").trigger()
    assert seen["errors"] == {}
    assert _message(window) == f"Impegno di restituzione n. 1/{Y} registrato."
    with sqlite3.connect(db_path) as con:
        rid, = con.execute("SELECT id FROM funds_restitution WHERE payment_order_id IS NULL"
                           ).fetchone()
    seen = fill_next_form(qtbot, {"restitution_id": rid, "paid_on": date(Y, 10, 20),
                                  "creditor_tax_code": "80185250588",
                                  "creditor_iban": GOOD_IBAN})
    action(tab, "Mandato di restituzione…").trigger()
    assert seen["errors"] == {}
    assert _message(window) == f"Mandato di restituzione n. 1/{Y} registrato."
    with sqlite3.connect(db_path) as con:
        assert con.execute(
            "SELECT x.amount, m.amount, m.creditor_name, m.creditor_iban FROM funds_restitution x "
            "JOIN funds_payment_order m ON m.id = x.payment_order_id").fetchall() == [
            (100000, 100000, "Ministero dell'Istruzione e del Merito", GOOD_IBAN)]
