"""The mandati and reversali lists of the Fondi tab print the document of the row: Enter on the
newest mandato (and reversale) of the demo builds its PDF, which names its number."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from iiss_desktop.ui.common import printing
from tests.helpers.pdf import pdf_text

pytestmark = pytest.mark.usefixtures("errors_raise")


def _newest(path, table: str) -> tuple[int, int, int]:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT number, year, (SELECT count(*) FROM {table}) FROM {table} "
                           "ORDER BY year DESC, number DESC").fetchone()


@pytest.mark.parametrize("cls, table, title", [
    ("PaymentOrdersList", "funds_payment_order", "Mandato di pagamento"),
    ("ReceiptOrdersList", "funds_receipt_order", "Reversale d'incasso")])
def test_enter_on_a_row_prints_its_document(qtbot, demo_db, demo_path, monkeypatch, cls, table,
                                             title):
    from iiss_desktop.ui.funds import work_lists

    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    dialog = getattr(work_lists, cls)(None, demo_db)
    qtbot.addWidget(dialog)
    number, year, count = _newest(demo_path, table)
    assert dialog.model.rowCount() == count
    assert dialog.model.display_text(0, 0) == f"{number}/{year}"
    dialog.table.selectRow(0)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.last_job.is_done(), timeout=30000)
    assert f"{title} n. {number}/{year}" in pdf_text(opened[0], page=1)


def test_the_tab_offers_the_reversali_list(qtbot, demo_db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.tab import FundsTab

    tab = FundsTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    texts = [a.text() for a in tab.findChildren(QAction)]
    assert "Reversali…" in texts and "Mandati…" in texts
