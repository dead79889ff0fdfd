"""Importa personale… on real widgets and a real archive: the old program's wrong file shows
each error by row and column and «Importa» stays disabled; the clean file imports and the
Personale tab shows the people. Opened from the tab with Ctrl+I."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from iiss_desktop.services import school
from iiss_desktop.services.users import act_as
from iiss_desktop.ui.staff import import_dialog
from iiss_desktop.ui.staff.import_dialog import StaffImportDialog
from tests.helpers.ui import on_next_modal, save_screenshot

pytestmark = pytest.mark.usefixtures("errors_raise")
FIXTURES = Path(__file__).parents[2] / "fixtures" / "staff_import"


@pytest.fixture
def sites(db):
    school.save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    school.save_site(db, {"code": "PRIM", "name": "Primaria Rodari"})
    return db


def _table(dialog) -> list[list[str]]:
    t = dialog.errors_table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def _count(db, table: str) -> int:
    with sqlite3.connect(db.engine.url.database) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _tab(qtbot, db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff.tab import StaffTab

    tab = StaffTab(db, AppEvents())
    qtbot.addWidget(tab)
    return tab


def test_wrong_file_lists_each_error_and_the_clean_one_imports(qtbot, sites, monkeypatch):
    db = sites
    chosen = [str(FIXTURES / "errori.csv")]
    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: chosen[0])
    dialog = StaffImportDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    assert dialog.windowTitle() == "Importa personale"

    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert [dialog.errors_table.horizontalHeaderItem(i).text() for i in range(3)] == [
        "Riga", "Colonna", "Errore"]
    rows = _table(dialog)
    assert [r[:2] for r in rows] == [["3", "Codice fiscale"], ["4", "Profilo"], ["5", "Al"],
                                     ["7", "Dal"], ["8", "Cognome"], ["9", "Dal"]]
    assert rows[4][2] == "cella vuota: il cognome è obbligatorio"
    assert rows[3][2] == ("il periodo si sovrappone al contratto della riga 6 (Tempo "
                          "determinato fino al 31/8, dal 01/09/2022 al 31/08/2023)")
    assert dialog.summary_label.text() == (
        "File «errori.csv»: 8 righe lette. Errori: 6 in 6 righe. Non sarà importato nulla "
        "finché il file non è corretto.")
    assert not dialog.import_button.isEnabled()
    qtbot.wait(50)    # the layout follows the table shown
    save_screenshot(dialog, "staff_import_errors.png")
    assert _count(db, "employee") == 0

    chosen[0] = str(FIXTURES / "personale.csv")
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.import_button.isEnabled(),
                    timeout=10_000)
    assert dialog.errors_table.isHidden()
    assert dialog.summary_label.text() == (
        "File «personale.csv»: 8 righe lette. Nessun errore: si possono importare.\n"
        "Saranno registrati 5 dipendenti nuovi e 7 contratti.")
    qtbot.wait(50)
    save_screenshot(dialog, "staff_import_clean.png")
    shown = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: shown.append(text))
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert shown == ["Importati da «personale.csv»: 5 dipendenti nuovi e 7 contratti."]
    assert (_count(db, "employee"), _count(db, "staff_contract")) == (5, 7)


def test_the_tab_opens_it_with_ctrl_i_and_shows_the_people_imported(qtbot, sites,
                                                                    monkeypatch):
    db = sites
    tab = _tab(qtbot, db)
    action = next(a for a in tab.all_actions() if a.text() == "Importa personale…")
    assert action.shortcut() == QKeySequence("Ctrl+I")
    assert [a.text() for a in tab.all_actions()
            if a.shortcut() == QKeySequence("Ctrl+I")] == ["Importa personale…"]
    assert action.isEnabled()
    monkeypatch.setattr(import_dialog, "choose_open_file",
                        lambda parent: str(FIXTURES / "personale.csv"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)

    def steps(dialog):
        assert isinstance(dialog, StaffImportDialog)
        qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)

    on_next_modal(steps)
    action.trigger()
    # People in service (the list of the tab), with the contract in force today if any.
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5, timeout=10_000)
    assert [tab.model.row(i)[0] for i in range(5)] == ["Bianchi", "Gallo", "Neri", "Rossi",
                                                      "Verdi"]


def test_without_the_registry_permission_the_action_is_disabled(qtbot, sites):
    from iiss_desktop.domain.access import SOLA_LETTURA
    from tests.helpers.users import act_as_office

    act_as_office(sites, "revisore", roles=(SOLA_LETTURA,))
    tab = _tab(qtbot, sites)
    action = next(a for a in tab.all_actions() if a.text() == "Importa personale…")
    assert not action.isEnabled()
    act_as(sites, "mrossi")
