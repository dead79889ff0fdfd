"""The Magazzino tab on the demo database: withdrawals update the stock shown; the stocktake
screen classifies what the barcode reader types."""
from __future__ import annotations

from PySide6.QtCore import Qt

from iiss_desktop.domain.warehouse import format_quantity
from iiss_desktop.queries import warehouse as q
from iiss_desktop.ui.events import AppEvents
from iiss_desktop.ui.warehouse import tab as tab_module
from iiss_desktop.ui.warehouse.stocktake import StocktakeDialog
from iiss_desktop.ui.warehouse.tab import WarehouseTab


def _shown_stock(tab, code):
    for r in range(tab.model.rowCount()):
        if tab.model.index(r, 0).data() == code:
            return tab.model.index(r, 4).data()
    raise AssertionError(code)


def test_fulfilling_an_approved_request_updates_the_stock_shown(qtbot, demo_db, monkeypatch):
    tab = WarehouseTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    rid = q.list_requests(demo_db, ("approvata", "in evasione"))[0][0]   # first in the dialog
    lines = [ln for ln in q.request_lines(demo_db, rid) if (ln[5] or 0) > ln[6]]
    article_id, code, _text, _unit, _req, approved, delivered = lines[0]
    store = q.request_storeroom(demo_db, rid)
    tab.store_filter.setCurrentIndex(tab.store_filter.findData(store))
    before = q.stock_of(demo_db, article_id, store)
    assert _shown_stock(tab, code) == format_quantity(before, with_unit=False)

    def fake_ask(parent, title, specs, values=None, on_submit=None):
        values = dict(values, handed_by="Dott. Alessandro Ferri", received_by="Maria Bianchi")
        on_submit(dict(values))   # what the OK button does with the proposed lines
        return values

    monkeypatch.setattr(tab_module.FormDialog, "ask", staticmethod(fake_ask))
    tab.new_withdrawal()
    # the remaining approved quantity has left the storeroom, and the grid shows it
    after = before - (approved - delivered)
    assert q.stock_of(demo_db, article_id, store) == after
    assert _shown_stock(tab, code) == format_quantity(after, with_unit=False)
    assert tab.last_movement is not None and tab.last_kind == "scarico"
    assert [r[5] for r in q.list_requests(demo_db) if r[0] == rid] == ["evasa"]


def test_stocktake_scans_unknown_and_known_codes(qtbot, demo_db):
    dialog = StocktakeDialog(None, demo_db)
    qtbot.addWidget(dialog)
    store = dialog.store_edit.currentData()
    book = q.stock_by_storeroom(demo_db, store)
    art = next(a for a in q.list_article_rows(demo_db) if book.get(a.id, 0) >= 3000)
    for text in (art.code, art.code.lower(), "8001234567890"):
        qtbot.keyClicks(dialog.scan_edit, text)
        qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    assert "Codice «8001234567890» sconosciuto" in dialog.message.text()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == format_quantity(2000, art.unit)
    assert dialog.scan(f"{art.code} 2,5") is (art.unit in ("l", "kg", "m"))
    ref = dialog.post()
    assert ref is not None
    assert q.stock_of(demo_db, art.id, store) == 2000
