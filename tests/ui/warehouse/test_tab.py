"""The Magazzino tab on the demo database: approval and withdrawal tables (a cut is what the
withdrawal offers; too much names the row and saves nothing), transfers through the line
grid, the stocktake screen classifying what the barcode reader types."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from iiss_desktop.domain.warehouse import format_quantity
from iiss_desktop.queries import warehouse as q
from iiss_desktop.services.warehouse import requests as svc
from iiss_desktop.ui.warehouse.lines_dialog import LinesDialog
from iiss_desktop.ui.warehouse.request_dialogs import ApprovalDialog, WithdrawalDialog
from iiss_desktop.ui.warehouse.stocktake import StocktakeDialog
from tests.helpers.ui import on_next_modal, open_warehouse_tab, table_snapshot

TABLES = ("register_entry", "register_entry_line", "warehouse_movement",
          "warehouse_movement_line", "warehouse_balance", "warehouse_request",
          "warehouse_request_line", "audit_log")


def _shown_stock(tab, code):
    for r in range(tab.model.rowCount()):
        if tab.model.index(r, 0).data() == code:
            return tab.model.index(r, 4).data()
    raise AssertionError(code)


def test_fulfilling_an_approved_request_updates_the_stock_shown(qtbot, demo_db, monkeypatch):
    tab = open_warehouse_tab(qtbot, demo_db)
    rid = q.list_requests(demo_db, ("approvata", "in evasione"))[0].id   # first in the dialog
    store = q.request_storeroom(demo_db, rid)
    open_lines = [ln for ln in q.request_lines(demo_db, rid)
                  if (ln.approved or 0) > ln.delivered]
    before = {ln.article_id: q.stock_of(demo_db, ln.article_id, store) for ln in open_lines}
    # by hand: each line hands over what is still due, or what the storeroom holds if less
    handed = {ln.article_id: min(ln.approved - ln.delivered, before[ln.article_id])
              for ln in open_lines}
    tab.store_filter.setCurrentIndex(tab.store_filter.findData(store))
    article_id, code = open_lines[0].article_id, open_lines[0].code
    assert _shown_stock(tab, code) == format_quantity(before[article_id], with_unit=False)
    offered = []

    def clerk(dialog: WithdrawalDialog):
        assert dialog.request_id == rid and dialog.storeroom_id == store
        offered.extend((ln.article_id, ln.proposed) for ln in dialog.table.lines)
        assert [e.text() for e in dialog.table.edits] == [
            format_quantity(handed[ln.article_id], with_unit=False).replace(".", "")
            for ln in open_lines]
        dialog.form.editors["received_by"].setText("Maria Bianchi")
        dialog.form.editors["handed_by"].setText("Dott. Alessandro Ferri")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(WithdrawalDialog, "exec", clerk)
    tab.new_withdrawal()
    assert offered == list(handed.items())
    for aid, qty in handed.items():
        assert q.stock_of(demo_db, aid, store) == before[aid] - qty
    after = before[article_id] - handed[article_id]
    assert _shown_stock(tab, code) == format_quantity(after, with_unit=False)
    assert tab.last_movement is not None and tab.last_kind == "scarico"
    detail = q.movement_detail(demo_db, tab.last_movement.movement_id)
    assert detail.recipient == "Maria Bianchi"
    all_due = all(handed[ln.article_id] == ln.approved - ln.delivered for ln in open_lines)
    assert [r.status for r in q.list_requests(demo_db) if r.id == rid] == [
        "evasa" if all_due else "in evasione"]


def _plain_articles_in_stock(db, n):
    """A storeroom and ``n`` articles in pieces (not DPI, no lots) with at least 30 there."""
    for store in (s.id for s in q.list_storerooms(db) if s.active):
        stock = q.stock_by_storeroom(db, store)
        arts = [a for a in q.list_article_rows(db) if a.active and a.unit == "pz"
                and not a.tracks_lots and not a.is_dpi and stock.get(a.id, 0) >= 30_000]
        if len(arts) >= n:
            return store, arts[:n]
    raise AssertionError("demo data without stock")


def test_a_cut_on_approval_is_what_prelievo_offers_and_too_much_is_refused(
        qtbot, demo_db, demo_path, monkeypatch):
    store, (first, second) = _plain_articles_in_stock(demo_db, 2)
    rid = svc.create_request(demo_db, svc.RequestInput(
        requested_on=date.today(), requester="Maria Bianchi", destination_kind="ufficio",
        destination="Segreteria didattica", lines=[(first.id, 10), (second.id, 20)],
        storeroom_id=store))
    tab = open_warehouse_tab(qtbot, demo_db)

    def approve(dialog: ApprovalDialog):
        dialog.show()                 # as exec() would: a refusal keeps it open
        combo = dialog.form.editors["request_id"]
        combo.setCurrentIndex(combo._values.index(rid))
        table = dialog.table
        assert [ln.code for ln in table.lines] == [first.code, second.code]
        assert [table.table.item(r, 3).text() for r in range(2)] == ["10", "20"]
        assert [e.text() for e in table.edits] == ["10", "20"]     # prefilled as requested
        table.edits[1].setText("25")                                 # more than requested
        dialog.approve_button.click()
        seen.append(dialog.error_text())
        assert dialog.isVisible()
        table.edits[1].setText("12")                                 # the DSGA cuts 20 to 12
        dialog.approve_button.click()
        return dialog.result()

    seen = []
    monkeypatch.setattr(ApprovalDialog, "exec", approve)
    tab.decide()
    assert seen == [f"Riga 2: per «{second.description}» si possono approvare al massimo "
                    "20 pz (richiesti), non 25 pz."]
    assert [(ln.requested, ln.approved) for ln in q.request_lines(demo_db, rid)] == [
        (10_000, 10_000), (20_000, 12_000)]

    before = table_snapshot(demo_path, TABLES)

    def withdraw(dialog: WithdrawalDialog):
        dialog.show()                 # as exec() would: a refusal keeps it open
        combo = dialog.form.editors["request_id"]
        combo.setCurrentIndex(combo._values.index(rid))
        assert dialog.storeroom_id == store
        table = dialog.table
        assert [e.text() for e in table.edits] == ["10", "12"]       # the cut, not the 20 asked
        assert table.table.item(1, 5).text() == "12"                  # "Da consegnare"
        table.edits[1].setText("13")
        dialog.ok_button.click()
        seen.append(dialog.error_text())
        table.edits[0].setText("0")
        table.edits[1].setText("0")
        dialog.ok_button.click()
        seen.append(dialog.error_text())
        assert dialog.isVisible()
        dialog.cancel_button.click()
        return dialog.result()

    seen.clear()
    monkeypatch.setattr(WithdrawalDialog, "exec", withdraw)
    tab.new_withdrawal()
    assert seen == [f"Riga 2: per «{second.description}» restano da consegnare 12 pz, "
                    "non 13 pz.", "Indicare almeno una quantità da consegnare."]
    assert table_snapshot(demo_path, TABLES) == before
    assert tab.last_movement is None


def test_refusing_a_request_needs_a_reason(qtbot, demo_db, demo_path, monkeypatch):
    _store, [art] = _plain_articles_in_stock(demo_db, 1)
    rid = svc.create_request(demo_db, svc.RequestInput(
        requested_on=date.today(), requester="Maria Bianchi", destination_kind="ufficio",
        destination="Segreteria didattica", lines=[(art.id, 5)]))
    tab = open_warehouse_tab(qtbot, demo_db)
    before = table_snapshot(demo_path, TABLES)
    seen = []

    def refuse(dialog: ApprovalDialog):
        combo = dialog.form.editors["request_id"]
        combo.setCurrentIndex(combo._values.index(rid))
        dialog.refuse_button.click()
        seen.append(dialog.error_text())
        seen.append(table_snapshot(demo_path, TABLES) == before)
        dialog.form.editors["note"].setPlainText("Materiale già fornito a settembre")
        dialog.refuse_button.click()
        return dialog.result()

    monkeypatch.setattr(ApprovalDialog, "exec", refuse)
    tab.decide()
    assert seen == ["Per respingere la richiesta indicare il motivo.", True]
    assert [r.status for r in q.list_requests(demo_db) if r.id == rid] == ["respinta"]


def test_transfer_through_the_grid_keeps_the_total(qtbot, demo_db, monkeypatch):
    src, [art] = _plain_articles_in_stock(demo_db, 1)
    dst = next(s.id for s in q.list_storerooms(demo_db) if s.active and s.id != src)
    before = (q.stock_of(demo_db, art.id, src), q.stock_of(demo_db, art.id, dst))
    tab = open_warehouse_tab(qtbot, demo_db)

    def clerk(dialog: LinesDialog):
        assert dialog.grid.col_value == -1                  # no value column
        editors = dialog.form.editors
        editors["from_storeroom_id"].setCurrentIndex(editors["from_storeroom_id"]._values
                                                     .index(src))
        editors["to_storeroom_id"].setCurrentIndex(editors["to_storeroom_id"]._values
                                                   .index(dst))
        dialog.grid.set_lines([(art.code, "7")])
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(LinesDialog, "exec", clerk)
    tab.new_transfer()
    assert (q.stock_of(demo_db, art.id, src), q.stock_of(demo_db, art.id, dst)) == (
        before[0] - 7_000, before[1] + 7_000)
    assert tab.last_kind == "trasferimento"


def test_stocktake_scans_unknown_and_known_codes(qtbot, demo_db):
    dialog = StocktakeDialog(None, demo_db)
    qtbot.addWidget(dialog)
    # The central storeroom: the plessi's small ones may hold under 3 pieces of everything.
    dialog.store_edit.setCurrentIndex(dialog.store_edit.findText("(MAG-SEDE)", Qt.MatchContains))
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


def test_the_reader_s_enter_counts_and_never_asks_to_post(qtbot, demo_db, monkeypatch):
    """Each reading ends with Enter: it counts one piece and must not press "Registra le
    differenze…" (which asks to post). Posting is a click, after the differences are seen."""
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *args: asked.append(args[2]) or QMessageBox.No))
    dialog = StocktakeDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert QTest.qWaitForWindowActive(dialog)
    # The central storeroom: the plessi's small ones may hold under 3 pieces of everything.
    dialog.store_edit.setCurrentIndex(dialog.store_edit.findText("(MAG-SEDE)", Qt.MatchContains))
    store = dialog.store_edit.currentData()
    book = q.stock_by_storeroom(demo_db, store)
    art = next(a for a in q.list_article_rows(demo_db) if a.unit == "pz"
               and book.get(a.id, 0) >= 5000)
    dialog.scan_edit.setFocus()
    for _ in range(3):
        qtbot.keyClicks(dialog.scan_edit, art.code)
        qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    assert asked == [] and dialog.isVisible()
    # by hand: 3 pieces counted against the book stock
    diff = 3000 - book[art.id]
    assert dialog.table.item(0, 3).text() == "3 pz"
    assert dialog.table.item(0, 4).text() == format_quantity(diff, "pz")
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert len(asked) == 1
    assert (f"{art.code}: da {format_quantity(book[art.id], 'pz')} a 3 pz") in asked[0]
    assert q.stock_of(demo_db, art.id, store) == book[art.id]      # answered No: nothing posted


def test_a_count_dated_earlier_is_compared_with_the_book_stock_of_that_day(qtbot, demo_db):
    dialog = StocktakeDialog(None, demo_db)
    qtbot.addWidget(dialog)
    # The central storeroom: the plessi's small ones may hold under 3 pieces of everything.
    dialog.store_edit.setCurrentIndex(dialog.store_edit.findText("(MAG-SEDE)", Qt.MatchContains))
    store = dialog.store_edit.currentData()
    book = q.stock_by_storeroom(demo_db, store)
    art = next(a for a in q.list_article_rows(demo_db) if book.get(a.id, 0) >= 3000)
    assert dialog.scan(f"{art.code} 1")
    # Today: the book stock is the balance; on 1 January 2000, before any movement, nothing.
    assert dialog.table.item(0, 2).text() == format_quantity(book[art.id], art.unit)
    dialog.date_edit.set_value(date(2000, 1, 1))
    assert dialog.table.item(0, 2).text() == format_quantity(0, art.unit)
    assert dialog.table.item(0, 4).text() == "+" + format_quantity(1000, art.unit)
    assert dialog.counts == {art.code: 1000}          # the count itself is kept


def test_a_storno_takes_its_date_and_is_refused_before_the_movement(qtbot, demo_db, demo_path):
    tab = open_warehouse_tab(qtbot, demo_db)
    newest = q.list_movements(demo_db)[0]
    move_id, number, day = newest.id, newest.number, newest.day
    before = table_snapshot(demo_path, TABLES)
    seen = {}

    def clerk(dialog):
        dialog.form.load({"movement_id": move_id, "entry_date": date(day.year, 1, 1)
                          if day > date(day.year, 1, 1) else date(day.year - 1, 12, 31),
                          "reason": "Movimento registrato due volte"})
        dialog.ok_button.click()           # dated before the movement: refused on the field
        seen["error"] = dialog.form.error_text("entry_date")

    on_next_modal(clerk)
    tab.annul()
    assert f"prima della registrazione n. {number}" in seen["error"]
    assert table_snapshot(demo_path, TABLES) == before
