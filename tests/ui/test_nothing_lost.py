"""Nothing lost (issue 13 items 1 and 6): Escape or closing a changed dialog asks «Salvare le
modifiche?»; Ctrl+Enter saves every form from any field; the wheel over a combo that has not
the focus changes nothing; «Dati salvati.» goes at the next edit."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from iiss_desktop.ui.common.form import FieldSpec, FormDialog
from tests.helpers.ui import on_next_modal

pytestmark = pytest.mark.usefixtures("errors_raise")

SPECS = [FieldSpec("name", "Nome", required=True),
         FieldSpec("kind", "Tipo", kind="choice", required=True,
                   choices=[("a", "Primo"), ("b", "Secondo")]),
         FieldSpec("notes", "Note", kind="multiline")]


def _answer(button_text: str, seen: list) -> None:
    """Answer the next «Salvare le modifiche?» by clicking ``button_text``."""
    def click(box):
        assert isinstance(box, QMessageBox), box
        seen.append((box.text(), sorted(b.text() for b in box.buttons()),
                     box.defaultButton().text()))
        next(b for b in box.buttons() if b.text() == button_text).click()

    on_next_modal(click)


def _form(qtbot, saved: list) -> FormDialog:
    dialog = FormDialog(None, "Nuovo fornitore", SPECS, {"kind": "a"},
                        on_submit=lambda v: saved.append(v) or 7)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_escape_on_a_changed_form_asks_and_annulla_goes_back(qtbot, save_question):
    saved, seen = [], []
    dialog = _form(qtbot, saved)
    dialog.form.editors["name"].setText("Cartoleria Rossi")
    _answer("&Annulla", seen)
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert seen == [("Salvare le modifiche?", ["&Annulla", "&Non salvare", "&Salva"], "&Salva")]
    assert dialog.isVisible() and saved == []
    assert dialog.form.editors["name"].text() == "Cartoleria Rossi"   # what was typed stays

    _answer("&Non salvare", seen)
    dialog.close()                                    # the window's close button
    assert not dialog.isVisible() and saved == []


def test_salva_in_the_question_saves(qtbot, save_question):
    saved, seen = [], []
    dialog = _form(qtbot, saved)
    dialog.form.editors["name"].setText("Cartoleria Rossi")
    _answer("&Salva", seen)
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert len(seen) == 1 and saved[0]["name"] == "Cartoleria Rossi"
    assert dialog.submitted == 7 and not dialog.isVisible()


def test_salva_with_a_refused_field_keeps_the_form_open(qtbot, save_question):
    saved, seen = [], []
    dialog = _form(qtbot, saved)
    dialog.form.editors["notes"].setPlainText("senza nome")
    _answer("&Salva", seen)
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert dialog.isVisible() and saved == []
    assert "obbligatorio" in dialog.form.error_text("name")
    dialog.discard()


def test_an_unchanged_form_closes_without_asking(qtbot, monkeypatch):
    from iiss_desktop.ui.common import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent: asked.append(1))
    dialog = _form(qtbot, [])
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible() and asked == []
    # Annulla is an explicit choice: it discards without asking.
    dialog = _form(qtbot, [])
    dialog.form.editors["name"].setText("x")
    dialog.cancel_button.click()
    assert not dialog.isVisible() and asked == []


def test_escape_on_a_filled_carico_asks(qtbot, inventory_tab, save_question):
    from iiss_desktop.ui.inventory.tab import CaricoDialog

    saved, seen = [], []
    dialog = CaricoDialog(None, "Carico inventariale", inventory_tab.carico_specs(),
                          {"category_register": "inv-mobili", "quantity": 1},
                          on_submit=saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.editors["description"].setText("Notebook 15 pollici")
    _answer("&Annulla", seen)
    QTest.keyClick(dialog.form.editors["description"], Qt.Key_Escape)
    assert len(seen) == 1 and dialog.isVisible() and saved == []
    dialog.discard()


def test_ctrl_enter_saves_a_form_from_a_multiline_note(qtbot):
    saved = []
    dialog = _form(qtbot, saved)
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    dialog.form.editors["name"].setText("Cartoleria Rossi")
    notes = dialog.form.editors["notes"]
    notes.setFocus()
    QTest.keyClick(notes, Qt.Key_Return, Qt.ControlModifier)
    assert saved and saved[0]["notes"] == "" and not dialog.isVisible()
    assert dialog.submitted == 7


def test_ctrl_enter_on_the_keypad_saves_too(qtbot):
    saved = []
    dialog = _form(qtbot, saved)
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    name = dialog.form.editors["name"]
    name.setText("Cartoleria Rossi")
    name.setFocus()
    QTest.keyClick(name, Qt.Key_Enter, Qt.ControlModifier | Qt.KeypadModifier)
    assert len(saved) == 1


def _lines_dialog(qtbot, demo_db, saved):
    from iiss_desktop.queries import warehouse as q
    from iiss_desktop.ui.warehouse.lines_dialog import LinesDialog

    articles = [a for a in q.list_article_rows(demo_db) if a.active]
    dialog = LinesDialog(None, "Richiesta di materiale",
                         [FieldSpec("requester", "Richiedente", required=True)], articles,
                         on_submit=lambda v, items: saved.append((v, items)) or "ok")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    return dialog, articles


def test_ctrl_enter_registers_a_lines_dialog_from_a_grid_cell(qtbot, demo_db):
    saved = []
    dialog, articles = _lines_dialog(qtbot, demo_db, saved)
    assert dialog.ok_button.text() == "&Registra" and dialog.cancel_button.text() == "&Annulla"
    dialog.form.editors["requester"].setText("Maria Bianchi")
    row = dialog.grid.rows[0]
    row.code.setText(articles[0].code)
    row.quantity.setText("2")
    row.quantity.setFocus()
    QTest.keyClick(row.quantity, Qt.Key_Return, Qt.ControlModifier)
    assert len(saved) == 1 and dialog.submitted == "ok" and not dialog.isVisible()


def test_escape_after_typing_a_line_asks(qtbot, demo_db, save_question):
    saved, seen = [], []
    dialog, articles = _lines_dialog(qtbot, demo_db, saved)
    assert not dialog.has_changes()
    dialog.grid.rows[0].code.setText(articles[0].code)
    assert dialog.has_changes()
    _answer("&Non salvare", seen)
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert len(seen) == 1 and not dialog.isVisible() and saved == []


def test_ctrl_enter_approves_a_request(qtbot, demo_db):
    from iiss_desktop.queries import warehouse as q
    from iiss_desktop.ui.warehouse.request_dialogs import ApprovalDialog, approval_choices

    choices = approval_choices(demo_db)
    assert choices, "the demo has a request to approve"
    dialog = ApprovalDialog(None, demo_db, choices)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    assert [b.text() for b in (dialog.approve_button, dialog.refuse_button,
                               dialog.cancel_button)] == ["&Approva", "&Respingi…", "A&nnulla"]
    rid = dialog.request_id
    dialog.table.edits[0].setFocus()
    QTest.keyClick(dialog.table.edits[0], Qt.Key_Return, Qt.ControlModifier)
    assert dialog.done_value == "approvata"
    assert rid not in {r for r, _text in approval_choices(demo_db)}
    assert q.request_lines(demo_db, rid)


def test_settings_chiudi_with_changes_asks_and_salva_saves(qtbot, demo_db, save_question):
    from iiss_desktop.queries.school import get_school_values
    from iiss_desktop.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.school_page
    page.form.editors["denominazione"].setText("Istituto Comprensivo «Velletri 2»")
    seen = []
    _answer("&Salva", seen)
    dialog.close_button.click()
    assert len(seen) == 1 and not dialog.isVisible()
    assert get_school_values(demo_db)[0]["denominazione"] == "Istituto Comprensivo «Velletri 2»"


def test_settings_unchanged_closes_and_dati_salvati_goes_at_the_next_edit(qtbot, demo_db,
                                                                          monkeypatch):
    from iiss_desktop.ui.common import dialogs
    from iiss_desktop.ui.settings.dialog import SettingsDialog

    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent: asked.append(1))
    dialog = SettingsDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.school_page
    page.form.editors["comune"].setText("Velletri")
    assert page.save() and page.saved_label.text() == "Dati salvati."
    page.form.editors["comune"].setText("Velletri (RM)")
    assert page.saved_label.text() == ""
    page.form.editors["comune"].setText("Velletri")   # as saved: nothing to ask
    dialog.close_button.click()
    assert not dialog.isVisible() and asked == []


def _wheel(widget, steps: int = -1) -> None:
    """One notch of the mouse wheel over ``widget`` (down for a negative ``steps``)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def _outcomes_dialog(qtbot, demo_db):
    from iiss_desktop.ui.inventory.ricognizione_outcomes import OutcomesDialog, ReviewRow

    rows = [ReviewRow("trovato", None, "beni mobili n. 15", "Personal computer", 80000),
            ReviewRow("mancante", None, "beni mobili n. 16", "Stampante laser", 30000)]
    dialog = OutcomesDialog(None, demo_db, 1, "Laboratorio", rows)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    return dialog


def test_the_wheel_over_an_unfocused_esito_changes_nothing(qtbot, demo_db):
    dialog = _outcomes_dialog(qtbot, demo_db)
    box = dialog.outcome_boxes[0]
    summary = dialog.summary_label.text()
    dialog.commission_edit.setFocus()
    assert box.currentData() == "confermato"
    _wheel(box)
    assert box.currentData() == "confermato" and dialog.summary_label.text() == summary
    _wheel(dialog.state_boxes[1])
    assert dialog.state_boxes[1].currentIndex() == 0
    # With the focus (clicked or reached with Tab) the wheel chooses, as usual.
    box.setFocus()
    _wheel(box)
    assert box.currentData() != "confermato"
    assert box.focusPolicy() == Qt.StrongFocus      # the wheel does not take the focus


def test_the_wheel_over_an_unfocused_combo_of_a_form_changes_nothing(qtbot):
    dialog = _form(qtbot, [])
    combo = dialog.form.editors["kind"]
    assert isinstance(combo, QComboBox)
    dialog.form.editors["name"].setFocus()
    _wheel(combo)
    assert combo.currentIndex() == 0 and not dialog.has_changes()


def test_closing_a_changed_review_asks(qtbot, demo_db, save_question):
    dialog = _outcomes_dialog(qtbot, demo_db)
    dialog.outcome_boxes[1].setCurrentIndex(1)          # mancante → confermato
    seen = []
    _answer("&Annulla", seen)
    dialog.close()
    assert len(seen) == 1 and dialog.isVisible() and dialog.result is None
    dialog.discard()


def _outside(table) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and not table.isAncestorOf(focus) and focus is not table


def test_tab_leaves_the_review_list_after_its_last_cell(qtbot, demo_db):
    dialog = _outcomes_dialog(qtbot, demo_db)
    last = dialog.reason_edits[-1]
    last.setFocus()
    QTest.keyClick(last, Qt.Key_Tab)
    assert _outside(dialog.table)
    first = dialog.outcome_boxes[0]
    first.setFocus()
    QTest.keyClick(first, Qt.Key_Tab)          # inside the list: to the next box of the row
    assert QApplication.focusWidget() is dialog.state_boxes[0]


def test_tab_leaves_the_approval_quantities(qtbot, demo_db):
    from iiss_desktop.ui.warehouse.request_dialogs import ApprovalDialog, approval_choices

    dialog = ApprovalDialog(None, demo_db, approval_choices(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    last = dialog.table.edits[-1]
    last.setFocus()
    QTest.keyClick(last, Qt.Key_Tab)
    assert _outside(dialog.table.table)


def test_closing_a_stocktake_with_counts_asks(qtbot, demo_db, save_question):
    from iiss_desktop.queries import warehouse as q
    from iiss_desktop.ui.warehouse.stocktake import StocktakeDialog

    dialog = StocktakeDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.has_changes()
    dialog.scan(q.list_article_rows(demo_db)[0].code)
    seen = []
    _answer("&Annulla", seen)
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert len(seen) == 1 and dialog.isVisible() and dialog.counts
    dialog.discard()


def test_closing_a_ricognizione_with_readings_asks(qtbot, demo_db, save_question):
    from iiss_desktop.queries.school import list_rooms
    from iiss_desktop.ui.inventory.ricognizione import RicognizioneDialog

    dialog = RicognizioneDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select_room(next(r.id for r in list_rooms(demo_db) if r.active))
    assert not dialog.has_changes()
    qtbot.keyClicks(dialog.scan_edit, "8001234567890")
    qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    seen = []
    _answer("&Annulla", seen)
    dialog.close()
    assert len(seen) == 1 and dialog.isVisible()
    dialog.discard()


def test_a_form_that_only_chooses_a_print_closes_without_asking(qtbot, monkeypatch):
    from iiss_desktop.ui.common import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent: asked.append(1))
    dialog = FormDialog(None, "Riepilogo annuale degli inventari",
                        [FieldSpec("anno", "Esercizio", kind="int")], {"anno": 2025},
                        confirm_close=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.editors["anno"].setText("2024")
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible() and asked == []


@pytest.mark.parametrize("dialog_class", [
    "iiss_desktop.ui.common.form:FormDialog",
    "iiss_desktop.ui.warehouse.lines_dialog:LinesDialog",
    "iiss_desktop.ui.warehouse.request_dialogs:ApprovalDialog",
    "iiss_desktop.ui.warehouse.request_dialogs:WithdrawalDialog",
    "iiss_desktop.ui.warehouse.stocktake:StocktakeDialog",
    "iiss_desktop.ui.settings.dialog:SettingsDialog",
    "iiss_desktop.ui.inventory.ricognizione_outcomes:OutcomesDialog",
    "iiss_desktop.ui.inventory.tab:CaricoDialog",
])
def test_every_recording_dialog_guards_its_changes(dialog_class):
    """The dialogs that record something: all of them ask before losing what was typed (their
    behaviour and their Ctrl+Enter are tested one by one in this file)."""
    from importlib import import_module

    from PySide6.QtWidgets import QDialog

    from iiss_desktop.ui.common.dialogs import ChangesGuard

    module, name = dialog_class.split(":")
    cls = getattr(import_module(module), name)
    assert issubclass(cls, ChangesGuard) and issubclass(cls, QDialog)
    assert cls.reject is ChangesGuard.reject


def test_ctrl_enter_saves_the_impostazioni(qtbot, demo_db):
    from iiss_desktop.queries.school import get_school_values
    from iiss_desktop.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    comune = dialog.school_page.form.editors["comune"]
    comune.setText("Lariano")
    comune.setFocus()
    QTest.keyClick(comune, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.school_page.saved_label.text() == "Dati salvati."
    assert get_school_values(demo_db)[0]["comune"] == "Lariano" and not dialog.has_changes()


def test_ctrl_enter_in_the_inventario_fisico_registers_the_differences(qtbot, demo_db):
    from iiss_desktop.ui.warehouse.stocktake import StocktakeDialog

    dialog = StocktakeDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    QTest.keyClick(dialog.scan_edit, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.message.text() == "Nessuna differenza da registrare."   # nothing counted
