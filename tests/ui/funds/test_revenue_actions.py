"""The Fondi tab's «Accertamento…» and «Riporto dei residui…» on the demo archive, through
their actions (real forms and message boxes): a wrong accertamento is refused on its field
with nothing saved; a good one is numbered after the last of 2021 and shows in the
«Accertamenti» list with nothing collected; the carry of 2021 brings into 2022 the
accertato not collected (the families' 350,00 of December, demo/funds_revenue.py) and the
impegnato not paid, once only."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.ui import fill_next_form, on_next_modal
from tests.services.funds.helpers import counts
from tests.ui.funds.test_funds_tab import YEAR, open_funds_tab

pytestmark = pytest.mark.usefixtures("errors_raise")
D = Decimal
GOOD = {"revenue": "06/01", "amount": D("125.00"), "assessed_on": date(YEAR, 12, 30),
        "debtor": "Famiglie degli alunni", "description": "Contributi per il viaggio",
        "document_ref": "Rendiconto pagoPA n. 12", "document_date": date(YEAR, 12, 30)}


def action(tab, text: str):
    from PySide6.QtGui import QAction

    found = [a for a in tab.findChildren(QAction) if a.text() == text]
    assert len(found) == 1, text
    return found[0]


def _window(qtbot):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def test_a_wrong_accertamento_is_refused_on_its_field_and_nothing_saved(
        qtbot, demo_db, demo_path):
    tab = open_funds_tab(qtbot, demo_db)
    before = counts(demo_path)
    seen = fill_next_form(qtbot, GOOD | {"amount": D("-5.00")})
    action(tab, "Accertamento…").trigger()
    assert seen["title"] == f"Accertamento di entrata – esercizio {YEAR}"
    assert "non può essere negativo" in seen["errors"]["amount"], seen
    assert counts(demo_path) == before


def test_an_accertamento_is_numbered_after_the_last_and_listed_with_nothing_collected(
        qtbot, demo_db, demo_path):
    from iiss_desktop.ui.funds.revenue import AssessmentsList

    window = _window(qtbot)
    tab = open_funds_tab(qtbot, demo_db, window)
    with sqlite3.connect(demo_path) as con:
        last, = con.execute("SELECT max(number) FROM funds_assessment WHERE year = ?",
                            (YEAR,)).fetchone()
    seen = fill_next_form(qtbot, GOOD)
    action(tab, "Accertamento…").trigger()
    assert seen["errors"] == {}
    assert window.statusBar().currentMessage() == (
        f"Accertamento n. {last + 1}/{YEAR} registrato.")
    with sqlite3.connect(demo_path) as con:
        assert con.execute(
            "SELECT a.amount, a.debtor, a.assessed_on, r.code FROM funds_assessment a "
            "JOIN funds_revenue_item r ON r.id = a.revenue_item_id WHERE a.year = ? AND "
            "a.number = ?", (YEAR, last + 1)).fetchone()[:3] == (
            12500, "Famiglie degli alunni", "2021-12-30")
        assert con.execute("SELECT count(*) FROM funds_receipt_order r JOIN funds_assessment "
                           "a ON a.id = r.assessment_id WHERE a.year = ? AND a.number = ?",
                           (YEAR, last + 1)).fetchone() == (0,)
    shown = AssessmentsList(None, demo_db)
    qtbot.addWidget(shown)
    rows = {shown.model.display_text(r, 0): [shown.model.display_text(r, c)
                                             for c in range(shown.model.columnCount())]
            for r in range(shown.model.rowCount())}
    row = rows[f"{last + 1}/{YEAR}"]
    assert [x.replace("\xa0", " ") for x in row[6:]] == ["125,00 €", "0,00 €", "125,00 €"]


def _yes(box):
    from PySide6.QtWidgets import QMessageBox

    assert "Riportare al 2022 i residui dell'esercizio 2021?" in box.text()
    box.button(QMessageBox.Yes).click()


def test_the_carry_brings_the_uncollected_and_the_unpaid_into_2022_once(
        qtbot, demo_db, demo_path):
    from iiss_desktop.domain.errors import DomainError
    from iiss_desktop.ui.funds.revenue import carry

    window = _window(qtbot)
    tab = open_funds_tab(qtbot, demo_db, window)
    with sqlite3.connect(demo_path) as con:     # impegnato − pagato of each impegno of 2021
        unpaid = [left for left, in con.execute(
            "SELECT c.amount - COALESCE((SELECT SUM(m.amount) FROM funds_payment_order m "
            "WHERE m.commitment_id = c.id), 0) FROM funds_commitment c WHERE c.year = ? "
            "ORDER BY c.number", (YEAR,)) if left > 0]
    on_next_modal(_yes)
    action(tab, "Riporto dei residui…").trigger()
    passive = f"{D(sum(unpaid)) / 100:,.2f}".replace(",", " ").replace(".", ",").replace(
        " ", ".")
    assert window.statusBar().currentMessage().replace("\xa0", " ") == (
        f"Residui 2021 riportati al 2022: 1 attivi per 350,00 €, {len(unpaid)} passivi per "
        f"{passive} €.")
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT kind, origin_year, year, amount, remaining, counterpart "
                           "FROM funds_residue WHERE kind = 'A'").fetchall() == [
            ("A", 2021, 2022, 35000, 35000,
             "Famiglie degli alunni (versamenti con pagoPA)")]
        assert [a for a, in con.execute("SELECT amount FROM funds_residue WHERE kind = 'P' "
                                        "ORDER BY id")] == unpaid
        before = counts(demo_path)
    on_next_modal(_yes)
    with pytest.raises(DomainError) as info:        # once only (the action's own slot)
        carry(tab)
    assert "già stati riportati al 2022" in info.value.message
    assert counts(demo_path) == before
