"""The fondo economale dialog with real widgets: an expense over the Consiglio's maximum is
refused with the service's Italian message next to «Importo» and nothing saved; a valid one
enters the register and lowers the cash shown; the budget chart has one bar group per
destination."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.ui import fill_next_form
from tests.services.funds.helpers import YEAR
from tests.services.funds.test_cash import _open

pytestmark = pytest.mark.usefixtures("errors_raise")
EXPENSE = {"spent_on": date(YEAR, 2, 3), "description": "Minuteria",
           "creditor_name": "Ferramenta Verdi", "destination": "A01", "spending_type": "02"}


def _dialog(qtbot, db):
    from iiss_desktop.ui.funds.cash import CashFundDialog

    dlg = CashFundDialog(db, YEAR)
    qtbot.addWidget(dlg)
    return dlg


def test_an_expense_over_the_maximum_is_refused_with_the_message(qtbot, db, db_path):
    _open(db)                        # fund 100,00, maximum per expense 50,00
    dlg = _dialog(qtbot, db)
    seen = fill_next_form(qtbot, {**EXPENSE, "amount": Decimal("50.01")})
    dlg.buttons["expense"].click()
    assert "supera il limite di 50,00" in seen["errors"]["amount"]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM funds_cash_expense").fetchone()[0] == 0


def test_a_valid_expense_lowers_the_cash_shown(qtbot, db, db_path):
    _open(db)
    dlg = _dialog(qtbot, db)
    fill_next_form(qtbot, {**EXPENSE, "amount": Decimal("12.50")})
    dlg.buttons["expense"].click()
    assert dlg.table.rowCount() == 1
    assert "cassa residua 87,50" in dlg.summary.text()       # 100,00 − 12,50


def test_the_live_line_shows_the_cash_after_the_expense(qtbot):
    from iiss_desktop.ui.funds.cash import ExpenseDialog

    dlg = ExpenseDialog(None, YEAR, Decimal("40.15"), Decimal("50.00"), lambda v: None)
    qtbot.addWidget(dlg)
    dlg.form.editors["amount"].setText("45,00")
    # 40,15 − 45,00 = −4,85
    assert "dopo la spesa: -4,85" in dlg.cash_label.text()
    assert "insufficiente" in dlg.cash_label.text()


def test_the_chart_has_a_group_per_destination(qtbot, db):
    from iiss_desktop.ui.funds.chart import BudgetChartDialog

    _open(db)
    dlg = BudgetChartDialog(db, YEAR)
    qtbot.addWidget(dlg)
    # helpers.py: A01, A02, A03, P01, R98, Z01 have forecasts; A01 committed 100,00 (advance)
    assert [b.code for b in dlg.chart.bars] == ["A01", "A02", "A03", "P01", "R98", "Z01"]
    a01 = dlg.chart.bars[0]
    assert (str(a01.committed), str(a01.paid)) == ("100.00", "100.00")
