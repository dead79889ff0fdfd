"""ListDialog on real widgets: the buttons follow the selection, a double click and Enter run
the default action, Esc closes, the empty state is shown, refresh keeps the selection, every
button has its own mnemonic and Tab reaches them."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from iiss_desktop.ui.common.list_dialog import ListAction, ListDialog, with_mnemonic
from iiss_desktop.ui.common.table_model import Column
from tests.helpers.ui import on_next_modal


@dataclass
class Row:
    id: int
    name: str
    active: bool = True


class PeopleDialog(ListDialog):
    title = "Persone"
    intro = "Le persone dell'ufficio."
    empty_text = "Nessuna persona: «Aggiungi…» per la prima."
    columns = (Column("name", "Nome"), Column("active", "In servizio"))

    def __init__(self, parent, rows):
        self.rows, self.opened, self.added = list(rows), [], 0
        super().__init__(parent, db=None)

    def load(self):
        return self.rows

    def row_of(self, r):
        return (r.name, "sì" if r.active else "no")

    def actions(self):
        return [ListAction("add", "Aggiungi…", self.add),
                ListAction("open", "Apri", lambda: self.opened.append(self.selected().name),
                           needs_selection=True, default=True),
                ListAction("stop", "Cessa…", lambda: None,
                           enabled_if=lambda r: r.active)]

    def add(self):
        self.added += 1
        self.rows.append(Row(len(self.rows) + 10, f"Nuova {self.added}"))
        self.after_change()


@pytest.fixture
def dialog(qtbot):
    dlg = PeopleDialog(None, [Row(1, "Rossi"), Row(2, "Bianchi", active=False), Row(3, "Verdi")])
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _row_rect(dlg, name):
    row = next(r for r in range(dlg.model.rowCount()) if dlg.model.row(r)[0] == name)
    return dlg.table.visualRect(dlg.model.index(row, 0))


def test_buttons_follow_the_selection(dialog):
    add, open_, stop = (dialog.buttons[k] for k in ("add", "open", "stop"))
    assert add.isEnabled() and not open_.isEnabled() and not stop.isEnabled()
    dialog.select(1)
    assert open_.isEnabled() and stop.isEnabled()
    dialog.select(2)                          # not active: «Cessa…» is not for it
    assert open_.isEnabled() and not stop.isEnabled()
    dialog.table.clearSelection()
    assert not open_.isEnabled()


def test_double_click_and_enter_run_the_default_action(qtbot, dialog):
    rect = _row_rect(dialog, "Verdi")
    QTest.mouseClick(dialog.table.viewport(), Qt.LeftButton, pos=rect.center())
    QTest.mouseDClick(dialog.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert dialog.opened == ["Verdi"]
    dialog.select(1)
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, Qt.Key_Return)
    assert dialog.opened == ["Verdi", "Rossi"]
    assert dialog.isVisible() and dialog.added == 0     # Enter neither closed nor added


def test_enter_on_a_focused_button_presses_that_button(dialog):
    dialog.buttons["add"].setFocus()
    QTest.keyClick(dialog.buttons["add"], Qt.Key_Return)
    assert dialog.added == 1 and dialog.opened == []


def test_escape_and_chiudi_close(qtbot, dialog):
    QTest.keyClick(dialog.table, Qt.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.Rejected
    again = PeopleDialog(None, [])
    qtbot.addWidget(again)
    again.show()
    assert again.close_button.text() == "&Chiudi"
    again.close_button.click()
    assert not again.isVisible()


def test_empty_state_and_intro(qtbot):
    dlg = PeopleDialog(None, [])
    qtbot.addWidget(dlg)
    assert dlg.table_area.is_empty_shown()
    assert dlg.table_area.empty_label.text() == "Nessuna persona: «Aggiungi…» per la prima."
    assert dlg.intro_label.text() == "Le persone dell'ufficio."
    assert not dlg.buttons["open"].isEnabled()
    dlg.add()
    assert not dlg.table_area.is_empty_shown() and dlg.model.rowCount() == 1


def test_refresh_keeps_the_selected_record(dialog):
    dialog.table.sortByColumn(0, Qt.AscendingOrder)      # Bianchi, Rossi, Verdi
    dialog.select(3)
    dialog.rows.insert(0, Row(4, "Antonelli"))             # a row before it, after a reload
    dialog.refresh()
    assert dialog.selected().name == "Verdi"
    assert dialog.buttons["open"].isEnabled()
    dialog.rows = [r for r in dialog.rows if r.id != 3]   # gone: nothing selected
    dialog.refresh()
    assert dialog.selected() is None and not dialog.buttons["open"].isEnabled()


def test_after_change_is_what_ask_returns(qtbot):
    def add_then_close(dlg):
        dlg.buttons["add"].click()
        dlg.close_button.click()

    on_next_modal(add_then_close)
    assert PeopleDialog.ask(None, [Row(1, "Rossi")]) is True
    on_next_modal(lambda dlg: dlg.reject())
    assert PeopleDialog.ask(None, [Row(1, "Rossi")]) is False


def test_every_button_has_its_own_mnemonic_and_tab_reaches_them(dialog):
    texts = [b.text() for b in dialog.buttons.values()] + [dialog.close_button.text()]
    assert texts == ["&Aggiungi…", "A&pri", "C&essa…", "&Chiudi"]
    letters = [t[t.index("&") + 1].lower() for t in texts]
    assert len(set(letters)) == len(letters)
    dialog.table.setFocus()
    reached = []
    for _ in range(len(texts)):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        reached.append(QApplication.focusWidget())
    enabled = [b for b in dialog.buttons.values() if b.isEnabled()] + [dialog.close_button]
    assert all(b in reached for b in enabled)


def test_with_mnemonic_keeps_an_explicit_one_and_skips_used_letters():
    used = {"c"}
    assert with_mnemonic("Stampa", used) == "&Stampa"
    assert with_mnemonic("Stampa decreto", used) == "Stampa &decreto"
    assert with_mnemonic("Con&ferma", used) == "Con&ferma" and "f" in used
    assert with_mnemonic("Concludi", used) == "C&oncludi"
