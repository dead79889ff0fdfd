"""The scheda of a good on real SQLite files and real widgets: its whole history in date order,
opened by Enter and by double-click, its fields corrected and audited, its attachments, its
documents printed; the generic dialog's warning banner."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from iiss_desktop.db.verify import verify
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.scheda import FieldLine
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.custody import add_maintenance, assign, riconsegna
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.movements import move_item
from iiss_desktop.services.school import save_room, save_site
from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.common import printing
from iiss_desktop.ui.common import scheda as scheda_ui
from iiss_desktop.ui.common.scheda import SchedaContent, SchedaDialog
from iiss_desktop.ui.inventory.scheda import item_scheda_dialog
from tests.helpers.ui import select_ids, table_snapshot

PDF = b"%PDF-1.4\n% scansione della fattura\n%%EOF\n"
Y = date.today().year - 1   # a whole past year: every date below is in the past


@pytest.fixture
def place(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    return {"lab": save_room(db, {"site_id": site, "name": "Laboratorio di fisica"}),
            "aula": save_room(db, {"site_id": site, "name": "Aula 2B"})}


def _good(db, room, text="Oscilloscopio digitale", when=date(Y, 1, 10)) -> int:
    carico(db, CaricoInput(description=text, unit_value=Decimal("820.00"), entry_date=when,
                           room_id=room))
    rows, ids = list_items(db)
    return next(i for r, i in zip(rows, ids, strict=True) if r[3] == text)


def _dialog(qtbot, db, item_id) -> SchedaDialog:
    create_app()
    dialog = item_scheda_dialog(None, db, item_id)
    qtbot.addWidget(dialog)
    return dialog


def _history(dialog) -> list[tuple]:
    model = dialog.history_table.model()
    return [tuple(model.display_text(r, c) for c in (0, 1)) for r in range(model.rowCount())]


def test_the_scheda_shows_the_whole_history_of_a_good_in_date_order(qtbot, db, place):
    item = _good(db, place["lab"])
    # Recorded out of the order they happened in: the repair of February after the move of
    # March, as a clerk catches up with the log.
    move_item(db, item_id=item, to_room_id=place["aula"], moved_on=date(Y, 3, 2),
              reason="Allestimento dell'aula")
    add_maintenance(db, item_id=item, done_on=date(Y, 2, 14), kind="riparazione",
                    description="Sostituzione della sonda", done_by="Elettronica Srl",
                    cost=Decimal("45.00"))
    ref = assign(db, item_ids=[item], assignee_name="Prof. Carlo Neri", assignee_role="docente",
                 room_id=place["aula"], started_on=date(Y, 4, 1),
                 ds_indication="nota del DS prot. n. 12")
    riconsegna(db, assignment_id=ref.assignment_id, returned_on=date(Y, 6, 30),
               condition_back="inservibile", notes="Schermo guasto")
    discharge_items(db, item_ids=[item], decree_number="7", decree_date=date(Y, 9, 15),
                    cause="inservibilita", motivation="Guasto non riparabile",
                    executed_on=date(Y, 9, 16))
    expected = [(date(Y, 1, 10), "Carico"), (date(Y, 2, 14), "Riparazione"),
                (date(Y, 3, 2), "Spostamento"), (date(Y, 4, 1), "Affidamento"),
                (date(Y, 6, 30), "Riconsegna"), (date(Y, 9, 15), "Discarico")]
    dialog = _dialog(qtbot, db, item)
    assert _history(dialog) == [(d.strftime("%d/%m/%Y"), kind) for d, kind in expected]
    assert "scaricato" in dialog.state_label.text()
    titles = [b.toolTip() for b in dialog.print_buttons]
    assert any("Buono di carico n. 1/" in t for t in titles)
    assert any(f"Verbale di affidamento n. {ref.number}/{ref.year}" in t for t in titles)
    assert any("Decreto di discarico n. 7" in t for t in titles)
    assert any("Buono di scarico n. 1/" in t for t in titles)
    # A discharged good is consulted, not corrected.
    assert dialog.edit_form is None or dialog.content.edit_values is None


def test_editing_a_field_from_the_scheda_is_saved_and_audited(qtbot, db, db_path, place):
    item = _good(db, place["lab"])
    dialog = _dialog(qtbot, db, item)
    before = table_snapshot(db_path, ["inventory_item", "audit_log"])
    dialog.edit_form.load({"cig": "ABC"})             # a CIG has 10 characters
    assert not dialog.save_edits()
    assert "CIG" in dialog.edit_form.error_text("cig")
    assert table_snapshot(db_path, ["inventory_item", "audit_log"]) == before
    dialog.edit_form.load({"cig": "", "brand": "Rigol", "serial_number": "ds 1054 z",
                           "notes": "Con due sonde"})
    assert dialog.save_edits()
    assert "Correzioni salvate (3)" in dialog.saved_label.text()
    with sqlite3.connect(db_path) as con:
        stored = con.execute("SELECT brand, serial_number, notes FROM inventory_item "
                             "WHERE id = ?", (item,)).fetchone()
        logged = con.execute("SELECT before, after, reason FROM audit_log WHERE entity = "
                             "'inventory_item' AND action = 'update' AND entity_id = ? AND "
                             "id > ?", (str(item), len(before["audit_log"]))).fetchall()
    assert stored == ("Rigol", "DS1054Z", "Con due sonde")
    [(old, new, reason)] = logged
    assert json.loads(new) == {"brand": "Rigol", "serial_number": "DS1054Z",
                               "notes": "Con due sonde"}
    assert json.loads(old)["brand"] == "" and reason == "Correzione dalla scheda del bene"
    assert dialog.findChild(type(dialog.state_label), "field_brand") is None   # in the form
    assert verify(db).ok


def test_a_serial_number_of_another_good_is_refused(qtbot, db, db_path, place):
    first = _good(db, place["lab"], "Multimetro")
    second = _good(db, place["lab"], "Alimentatore")
    dialog = _dialog(qtbot, db, first)
    dialog.edit_form.load({"serial_number": "SN-1"})
    assert dialog.save_edits()
    other = _dialog(qtbot, db, second)
    before = table_snapshot(db_path, ["inventory_item"])
    other.edit_form.load({"serial_number": "sn-1"})
    assert not other.save_edits()
    assert "già di un altro bene" in other.edit_form.error_text("serial_number")
    assert table_snapshot(db_path, ["inventory_item"]) == before


def test_attachments_from_the_scheda_refused_stored_opened(qtbot, db, db_path, place, tmp_path,
                                                          monkeypatch):
    item = _good(db, place["lab"])
    dialog = _dialog(qtbot, db, item)
    text = tmp_path / "note.txt"
    text.write_text("non è un PDF", encoding="utf-8")
    before = table_snapshot(db_path, ["attachment", "attachment_content", "audit_log"])
    assert not dialog.add_file(text)
    assert "«note.txt»" in dialog.attach_message.text()
    assert "non è un PDF" in dialog.attach_message.text()
    assert table_snapshot(db_path, ["attachment", "attachment_content", "audit_log"]) == before
    scan = tmp_path / "fattura.pdf"
    scan.write_bytes(PDF)
    assert dialog.add_file(scan)
    assert dialog.attachments_model.rowCount() == 1
    assert dialog.attachments_model.display_text(0, 0) == "fattura.pdf"
    assert dialog.changed
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT checksum FROM attachment").fetchone()[0] == \
            hashlib.sha256(PDF).hexdigest()
    opened = []
    monkeypatch.setattr(scheda_ui, "open_file", lambda path: opened.append(path) or True)
    select_ids(SimpleTable(dialog), dialog.attachments_model.row_id(0))
    path = dialog.open_selected()
    assert opened == [path] and path.read_bytes() == PDF
    # In the user's data folder (personal data: not the shared temporary folder); a copy
    # opened more than a day ago goes at the next opening.
    from iiss_desktop.paths import data_dir

    assert path.parent.parent == data_dir() / "allegati-aperti"
    import os
    import time

    stale = time.time() - 2 * 24 * 3600
    os.utime(path.parent, (stale, stale))
    again = dialog.open_selected()
    assert not path.exists() and again.read_bytes() == PDF


class SimpleTable:
    """The attachments list seen as a table with a model, for select_ids."""

    def __init__(self, dialog):
        self.table, self.model = dialog.attachments_table, dialog.attachments_model


def test_a_document_of_the_good_is_printed_from_its_scheda(qtbot, db, place, monkeypatch):
    item = _good(db, place["lab"])
    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    dialog = _dialog(qtbot, db, item)
    [button] = dialog.print_buttons
    assert "Buono di carico" in button.toolTip()
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened[0].read_bytes().startswith(b"%PDF")


def test_the_warning_kept_on_a_good_is_shown_prominently(qtbot, db):
    create_app()
    content = SchedaContent("beni mobili n. 3 – Armadio", warning="Caricato nel 2015 tra i "
                            "beni mobili: oggi sarebbe un bene di facile consumo",
                            fields=(FieldLine("description", "Descrizione", "Armadio"),))
    dialog = SchedaDialog(None, db, lambda: content)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning_label.isVisible()
    assert "facile consumo" in dialog.warning_label.text()
    quiet = SchedaDialog(None, db, lambda: SchedaContent("beni mobili n. 4 – Sedia"))
    qtbot.addWidget(quiet)
    quiet.show()
    assert not quiet.warning_label.isVisible()


def when_modal(steps) -> None:
    """``steps(dialog)`` once a modal dialog is open, then close it: a double-click spins the
    event loop before it opens one, so a zero-delay timer (on_next_modal) would come early."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    timer = QTimer()
    timer.setInterval(10)

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        timer.stop()
        try:
            steps(dialog)
        finally:
            dialog.reject()

    timer.timeout.connect(poll)
    timer.start()
    when_modal.timer = timer   # kept alive until it fires


def _good_with_history(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT item_id FROM inventory_maintenance GROUP BY item_id "
                           "ORDER BY count(*) DESC, item_id LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("how", ["enter", "double-click"])
def test_enter_and_double_click_on_a_good_open_its_scheda(qtbot, inventory_tab, demo_path,
                                                         how):
    tab = inventory_tab
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    item = _good_with_history(demo_path)
    select_ids(tab, item)
    row = tab.model.view_row_of_id(item)
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    tab.table.scrollTo(tab.model.index(row, 0))
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["history"] = dialog.history_table.model().rowCount()

    when_modal(look)
    if how == "enter":
        qtbot.keyClick(tab.table, Qt.Key_Return)
    else:
        center = tab.table.visualRect(tab.model.index(row, 1)).center()
        # As the mouse does it: a click, then the second press that is the double-click.
        qtbot.mouseClick(tab.table.viewport(), Qt.LeftButton, pos=center)
        qtbot.mouseDClick(tab.table.viewport(), Qt.LeftButton, pos=center)
    number = tab.model.row(row)[1]
    assert seen["title"].startswith("Scheda – ") and f"n. {number} " in seen["title"]
    assert seen["history"] >= 2            # the carico and its maintenance at least


def test_the_art31_warning_of_an_imported_good_is_a_banner_on_its_scheda(qtbot, db, tmp_path):
    from iiss_desktop.services.inventory import import_ as imp
    from tests.services.inventory.test_import import add_places, row, write_csv

    add_places(db)
    path = write_csv(tmp_path / "vecchio.csv", [row(1, "16/11/2018", Descrizione="Mouse ottico",
                                                     Valore="15,00")])
    assert imp.import_file(db, path).imported == 1
    item = list_items(db)[1][0]
    dialog = _dialog(qtbot, db, item)
    dialog.show()
    assert dialog.warning_label.isVisible()
    text = dialog.warning_label.text()
    assert text.startswith("Avvertenza sul carico (art. 31 c.5-6): caricato il 16/11/2018")
    assert "beni durevoli" in text
