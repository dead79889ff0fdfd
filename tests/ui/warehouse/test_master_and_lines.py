"""Magazzino screens on the demo database: the article form and the storerooms list; the line
grid of carico, richiesta and DPI distribution driven as the clerk (and the barcode reader)
does it, keys and clicks on the real widgets."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from iiss_desktop.domain.warehouse import format_quantity
from iiss_desktop.queries import warehouse as q
from iiss_desktop.ui.common.form import FormDialog
from iiss_desktop.ui.warehouse import master_data
from iiss_desktop.ui.warehouse.line_grid import GridOptions
from iiss_desktop.ui.warehouse.lines_dialog import LinesDialog
from tests.helpers.ui import open_warehouse_tab, table_snapshot

TABLES = ("register_entry", "register_entry_line", "warehouse_movement",
          "warehouse_movement_line", "warehouse_balance", "warehouse_article",
          "warehouse_request", "warehouse_request_line", "warehouse_lot", "audit_log")


pytestmark = pytest.mark.usefixtures("errors_raise")   # a failing slot fails the test


def _grid_row(tab, code):
    for r in range(tab.model.rowCount()):
        if tab.model.index(r, 0).data() == code:
            return [tab.model.index(r, c).data() for c in range(tab.model.columnCount())]
    return None


def _activate(dialog) -> None:
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)


def _scan(editor, text) -> None:
    """What a USB barcode reader does: the characters, then Enter."""
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key_Return)


def _focused():
    return QApplication.focusWidget()


# --- articles and storerooms -------------------------------------------------------------------

def test_new_article_through_the_dialog_appears_in_the_grid(qtbot, demo_db, demo_path,
                                                            monkeypatch):
    tab = open_warehouse_tab(qtbot, demo_db)
    existing = q.list_article_rows(demo_db)[0].code
    seen = {}

    def clerk(dialog: FormDialog):
        _activate(dialog)
        editors = dialog.form.editors
        QTest.keyClicks(editors["code"], existing.lower())       # already taken
        QTest.keyClicks(editors["description"], "Evidenziatori gialli")
        editors["unit"].setCurrentIndex(editors["unit"]._values.index("conf"))
        QTest.keyClicks(editors["category"], "Cancelleria")
        QTest.keyClicks(editors["min_stock"], "-4")
        before = table_snapshot(demo_path, TABLES)
        dialog.ok_button.click()
        seen["errors"] = dialog.form.error_text("min_stock")
        assert dialog.isVisible() and table_snapshot(demo_path, TABLES) == before
        editors["min_stock"].setText("6")
        dialog.ok_button.click()
        seen["code"] = dialog.form.error_text("code")
        assert dialog.isVisible() and table_snapshot(demo_path, TABLES) == before
        editors["code"].setText("EVID-GIALLI")
        editors["tracks_lots"].setChecked(False)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", clerk)
    tab.new_article()
    assert seen["errors"] == "Scorta minima: la quantità non può essere negativa."
    assert seen["code"] == f"Il codice «{existing}» è già di un altro articolo."
    art = q.article_by_code(demo_db, "evid-gialli")
    assert (art.description, art.unit, art.min_stock, art.category) == (
        "Evidenziatori gialli", "conf", 6000, "Cancelleria")
    row = _grid_row(tab, "EVID-GIALLI")
    assert row[:6] == ["EVID-GIALLI", "Evidenziatori gialli", "Cancelleria", "conf", "0", "6"]
    assert row[7] == "sotto scorta"


def test_editing_an_article_changes_the_grid_not_the_journal(qtbot, demo_db, demo_path,
                                                             monkeypatch):
    tab = open_warehouse_tab(qtbot, demo_db)
    tab.table.selectRow(0)
    code = tab.model.index(0, 0).data()
    journal = {t: rows for t, rows in table_snapshot(demo_path, TABLES).items()
               if t not in ("warehouse_article", "audit_log")}

    def clerk(dialog: FormDialog):
        _activate(dialog)
        assert dialog.form.editors["code"].text() == code        # the selected article
        dialog.form.editors["description"].setText("Descrizione corretta")
        dialog.form.editors["min_stock"].setText("1000")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", clerk)
    tab.edit_selected_article()
    assert _grid_row(tab, code)[1] == "Descrizione corretta"
    assert _grid_row(tab, code)[5] == "1.000"
    assert {t: rows for t, rows in table_snapshot(demo_path, TABLES).items()
            if t not in ("warehouse_article", "audit_log")} == journal


def test_storerooms_dialog_adds_a_department_storeroom(qtbot, demo_db, monkeypatch):
    tab = open_warehouse_tab(qtbot, demo_db)
    site = q.list_storerooms(demo_db)[0].site_id

    def form(dialog: FormDialog):
        editors = dialog.form.editors
        editors["code"].setText("mag-lab")
        editors["name"].setText("Magazzino laboratori")
        editors["site_id"].setCurrentIndex(editors["site_id"]._values.index(site))
        editors["department"].setText("Laboratori")
        dialog.ok_button.click()
        return dialog.result()

    def storerooms(dialog):
        assert dialog.model.rowCount() == 3
        monkeypatch.setattr(FormDialog, "exec", form)
        assert dialog.new_storeroom()
        assert dialog.model.rowCount() == 4
        return QDialog.Rejected

    monkeypatch.setattr(master_data.StoreroomsDialog, "exec", storerooms)
    tab.edit_storerooms()
    new = next(s for s in q.list_storerooms(demo_db) if s.code == "MAG-LAB")
    assert (new.name, new.department, new.site_id) == ("Magazzino laboratori", "Laboratori",
                                                       site)
    assert tab.store_filter.findData(new.id) > 0       # the filter offers it at once


# --- the line grid -------------------------------------------------------------------------------

def _two_plain_articles(db):
    arts = [a for a in q.list_article_rows(db) if a.active and not a.tracks_lots]
    piece = next(a for a in arts if a.unit == "pz")
    litre = next(a for a in arts if a.unit == "l")
    return piece, litre


def _carico_header(dialog, store):
    editors = dialog.form.editors
    editors["storeroom_id"].setCurrentIndex(editors["storeroom_id"]._values.index(store))
    editors["supplier"].setText("Cartoleria Rossi Srl")
    editors["document_ref"].setText("DDT 481")
    editors["order_ref"].setText("ODA 37/2026")
    editors["impegno"].setText("IMP 112")


def test_carico_of_two_lines_through_the_grid_updates_the_stock_shown(qtbot, demo_db,
                                                                      monkeypatch):
    store = q.list_storerooms(demo_db)[0].id
    piece, litre = _two_plain_articles(demo_db)
    tab = open_warehouse_tab(qtbot, demo_db, store)
    before = {a.code: q.stock_of(demo_db, a.id, store) for a in (piece, litre)}

    def clerk(dialog: LinesDialog):
        _activate(dialog)
        _carico_header(dialog, store)
        grid = dialog.grid
        _scan(grid.rows[0].code, piece.code)            # the reader: code + Enter
        assert _focused() is grid.rows[0].quantity       # ...lands on the quantity
        assert grid.table.item(0, 1).text().startswith(piece.description)
        QTest.keyClicks(_focused(), "12")
        QTest.keyClick(_focused(), Qt.Key_Return)
        assert _focused() is grid.rows[0].value
        QTest.keyClicks(_focused(), "30,60")
        QTest.keyClick(_focused(), Qt.Key_Return)       # no lots: on to a new row
        assert len(grid.rows) == 2 and _focused() is grid.rows[1].code
        _scan(_focused(), litre.code.lower())
        assert _focused() is grid.rows[1].quantity and grid.rows[1].code.text() == litre.code
        QTest.keyClicks(_focused(), "2,5")
        QTest.keyClick(_focused(), Qt.Key_Return)
        QTest.keyClicks(_focused(), "7,5")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(LinesDialog, "exec", clerk)
    tab.new_carico()
    # by hand: 12 pieces = 12,000 thousandths, 2,5 litres = 2,500 thousandths
    after = {piece.code: before[piece.code] + 12_000, litre.code: before[litre.code] + 2_500}
    for art in (piece, litre):
        assert q.stock_of(demo_db, art.id, store) == after[art.code]
        assert _grid_row(tab, art.code)[4] == format_quantity(after[art.code], with_unit=False)
    assert tab.last_kind == "carico"
    detail = q.movement_detail(demo_db, tab.last_movement.movement_id)
    assert (detail.kind, detail.supplier, detail.document_ref, detail.order_ref,
            detail.impegno) == ("carico", "Cartoleria Rossi Srl", "DDT 481", "ODA 37/2026",
                                "IMP 112")
    assert [(ln.code, ln.quantity, ln.value) for ln in detail.lines] == [
        (piece.code, 12_000, 3060), (litre.code, 2_500, 750)]


def test_bad_quantity_names_the_row_and_saves_nothing(qtbot, demo_db, demo_path, monkeypatch):
    store = q.list_storerooms(demo_db)[0].id
    piece, litre = _two_plain_articles(demo_db)
    tab = open_warehouse_tab(qtbot, demo_db, store)
    before = table_snapshot(demo_path, TABLES)
    seen = []

    def clerk(dialog: LinesDialog):
        _activate(dialog)
        _carico_header(dialog, store)
        grid = dialog.grid
        rows = grid.rows
        _scan(rows[0].code, piece.code)
        QTest.keyClicks(rows[0].quantity, "3")
        QTest.keyClicks(rows[0].value, "9,00")
        grid.add_row()
        _scan(grid.rows[1].code, litre.code)
        QTest.keyClicks(grid.rows[1].quantity, "2,5 kg")     # the article is kept in litres
        QTest.keyClicks(grid.rows[1].value, "4,00")
        dialog.ok_button.click()
        seen.append(dialog.error_text())
        grid.rows[1].quantity.setText("0")
        dialog.ok_button.click()
        seen.append(dialog.error_text())
        grid.rows[1].quantity.setText("2")
        grid.rows[1].code.setText("8001234567890")           # unknown barcode
        dialog.ok_button.click()
        seen.append(dialog.error_text())
        assert dialog.isVisible()
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(LinesDialog, "exec", clerk)
    tab.new_carico()
    assert seen[0].startswith("Riga 2: unità di misura errata") and "litri" in seen[0]
    assert seen[1] == (f"Riga 2: la quantità di «{litre.description}» deve essere maggiore "
                       "di zero.")
    assert seen[2].startswith("Riga 2: codice «8001234567890» sconosciuto")
    assert table_snapshot(demo_path, TABLES) == before
    assert tab.last_movement is None


def test_scanning_an_unknown_code_stays_on_its_row(qtbot, demo_db):
    dialog = LinesDialog(None, "Prova", [], q.list_article_rows(demo_db))
    qtbot.addWidget(dialog)
    _activate(dialog)
    grid = dialog.grid
    grid.rows[0].code.setFocus()
    _scan(grid.rows[0].code, "ZZZ-NON-ESISTE")
    assert grid.error_text().startswith("Riga 1: codice «ZZZ-NON-ESISTE» sconosciuto")
    assert _focused() is grid.rows[0].code and len(grid.rows) == 1
    grid.add_button.click()
    grid.add_button.click()
    second = grid.rows[1]
    second.quantity.setFocus()
    grid.remove_button.click()                 # the row being edited goes, not the last one
    assert len(grid.rows) == 2 and second not in grid.rows
    assert grid.rows[0].code.text() == "ZZZ-NON-ESISTE"


def test_request_through_the_grid_and_dpi_only_takes_dpi(qtbot, demo_db, demo_path,
                                                         monkeypatch):
    piece, _litre = _two_plain_articles(demo_db)
    tab = open_warehouse_tab(qtbot, demo_db)
    requests = len(q.list_requests(demo_db))

    def request(dialog: LinesDialog):
        _activate(dialog)
        dialog.form.editors["requester"].setText("Maria Bianchi")
        dialog.form.editors["destination"].setText("Segreteria didattica")
        _scan(dialog.grid.rows[0].code, piece.code)
        QTest.keyClicks(_focused(), "4")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(LinesDialog, "exec", request)
    tab.new_request()
    assert len(q.list_requests(demo_db)) == requests + 1
    newest = max(q.list_requests(demo_db), key=lambda r: r.id)
    assert [(ln.code, ln.requested) for ln in q.request_lines(demo_db, newest.id)] == [
        (piece.code, 4000)]

    before = table_snapshot(demo_path, TABLES)
    seen = []

    def dpi(dialog: LinesDialog):
        _activate(dialog)
        editors = dialog.form.editors
        editors["storeroom_id"].setCurrentIndex(0)
        editors["recipient"].setPlainText("Plesso Collodi")
        editors["destination"].setText("Primaria Collodi")
        _scan(dialog.grid.rows[0].code, piece.code)         # not a DPI
        seen.append(dialog.grid.error_text())
        QTest.keyClicks(dialog.grid.rows[0].quantity, "1")
        dialog.ok_button.click()
        seen.append(dialog.error_text())
        return QDialog.Rejected

    monkeypatch.setattr(LinesDialog, "exec", dpi)
    tab.distribute()
    assert seen[0] == f"Riga 1: codice «{piece.code}» sconosciuto: nessun DPI ha questo codice."
    assert seen[1] == seen[0]
    assert table_snapshot(demo_path, TABLES) == before


def test_values_of_the_grid_are_decimal(qtbot, demo_db):
    piece, _litre = _two_plain_articles(demo_db)
    dialog = LinesDialog(None, "Prova", [], q.list_article_rows(demo_db),
                         GridOptions(with_value=True))
    qtbot.addWidget(dialog)
    grid = dialog.grid
    grid.set_lines([(piece.code.lower(), "3")])
    grid.rows[0].value.setText("1.234,50")
    [item] = grid.items()
    assert (item.article_id, item.quantity, item.value) == (piece.id, "3", Decimal("1234.50"))


def test_dpi_to_several_recipients_gives_each_one_receipt(qtbot, demo_db, monkeypatch):
    tab = open_warehouse_tab(qtbot, demo_db)
    dpis = q.list_article_rows(demo_db, dpi_only=True)
    store, dpi = next((st, a) for st in q.list_storerooms(demo_db) for a in dpis
                      if q.stock_by_storeroom(demo_db, st.id).get(a.id, 0) >= 4000)
    book = q.stock_by_storeroom(demo_db, store.id)
    told = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda parent, title, text: told.append(text)))

    def clerk(dialog: LinesDialog):
        _activate(dialog)
        editors = dialog.form.editors
        editors["storeroom_id"].setCurrentIndex(editors["storeroom_id"]._values.index(store.id))
        editors["recipient"].setPlainText("Mario Rossi\n\n  Ștefan Popescu  \nAnna Nowak")
        editors["destination"].setText("Collaboratori scolastici")
        _scan(dialog.grid.rows[0].code, dpi.code)
        QTest.keyClicks(_focused(), "1")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(LinesDialog, "exec", clerk)
    tab.distribute()
    # Three recipients (the blank line ignored), one piece each, three numbered receipts.
    assert q.stock_by_storeroom(demo_db, store.id)[dpi.id] == book[dpi.id] - 3000
    newest = q.list_movements(demo_db)[:3]
    assert [m.description for m in newest] == [
        f"Distribuzione DPI – Collaboratori scolastici ({who})"
        for who in ("Anna Nowak", "Ștefan Popescu", "Mario Rossi")]
    last = newest[0]
    assert told == [f"Registrate 3 consegne, con le ricevute dalla n. {last.number - 2} alla n. "
                    f"{last.number}/{last.year} del giornale di magazzino (buoni di prelevamento), "
                    "una per destinatario."]
