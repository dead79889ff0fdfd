"""Importa il Programma Annuale… on real widgets and a real archive, opened from the Fondi tab
with Ctrl+I: the wrong file lists each error by row and column and «Importa» stays disabled;
the clean one imports and the tab shows the year with its destinations."""
from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from iiss_desktop.ui.funds import programme_import
from iiss_desktop.ui.funds.programme_import import ProgrammeImportDialog
from tests.helpers.ui import on_next_modal, save_screenshot

pytestmark = pytest.mark.usefixtures("errors_raise")
FILES = Path(__file__).parents[2] / "fixtures" / "funds_import"


def _table(dialog) -> list[list[str]]:
    t = dialog.errors_table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_tab_imports_the_programme_with_ctrl_i(qtbot, db, db_path, monkeypatch):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.tab import FundsTab

    tab = FundsTab(db, AppEvents())
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    action = next(a for a in tab.all_actions() if a.text() == "Importa il Programma Annuale…")
    assert action.shortcut() == QKeySequence("Ctrl+I")
    assert [a.text() for a in tab.all_actions() if a.shortcut() == QKeySequence("Ctrl+I")] == [
        "Importa il Programma Annuale…"]
    assert action.isEnabled()
    chosen = [str(FILES / "programma_errori.csv")]
    monkeypatch.setattr(programme_import, "choose_open_file", lambda parent: chosen[0])
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    seen = {}

    def steps(dialog):
        assert isinstance(dialog, ProgrammeImportDialog)
        dialog.resize(1100, 640)
        dialog.year_edit.setValue(2026)
        qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
        rows = _table(dialog)
        seen["wrong"] = [r[:2] for r in rows]
        seen["row9"] = rows[-1]
        seen["enabled"] = dialog.import_button.isEnabled()
        qtbot.wait(50)
        save_screenshot(dialog, "funds_programme_import_errors.png")
        chosen[0] = str(FILES / "programma_2026.csv")
        qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
        seen["clean"] = dialog.summary_label.text()
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)

    on_next_modal(steps)
    action.trigger()
    assert seen["wrong"] == [["2", "Codice"], ["3", "Codice"], ["4", "Tipo di spesa"],
                             ["5", "Importo"], ["7", "Codice"], ["8", "Descrizione"],
                             ["9", "Parte"]]
    assert seen["row9"] == ["9", "Parte", "«Entrata» o «Spesa»", "Altro"]
    assert seen["enabled"] is False
    assert "si possono importare 10 previsioni nel Programma Annuale 2026" in seen["clean"]
    # The tab shows the year imported: A03/1 is the new project, with its forecast.
    qtbot.waitUntil(lambda: tab.year() == 2026 and tab.model.rowCount() > 0, timeout=10_000)
    rows = {tab.model.row_id(r): tab.model.row(r) for r in range(tab.model.rowCount())}
    assert rows["A03/1"][1] == "Laboratorio teatrale"
    assert rows["A03/1"][2] == Decimal("2000.00")
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT SUM(amount) FROM funds_spending_forecast").fetchone() == (
            2800000,)


def test_without_the_programme_permission_the_action_is_disabled(qtbot, db):
    from iiss_desktop.domain.access import SOLA_LETTURA
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.tab import FundsTab
    from tests.helpers.users import act_as_office

    act_as_office(db, "revisore", roles=(SOLA_LETTURA,))
    tab = FundsTab(db, AppEvents())
    qtbot.addWidget(tab)
    action = next(a for a in tab.all_actions() if a.text() == "Importa il Programma Annuale…")
    assert not action.isEnabled()


def test_a_year_from_the_proposal_to_the_delibera_through_the_menu(qtbot, db, db_path,
                                                                   monkeypatch):
    from datetime import date, timedelta

    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.tab import FundsTab
    from tests.helpers.ui import fill_next_form

    tab = FundsTab(db, AppEvents())
    qtbot.addWidget(tab)
    actions = {a.text(): a for a in tab.all_actions()}
    seen = fill_next_form(qtbot, {"year": 2026, "proposed_on": date(2025, 11, 28),
                                  "reserve_limit": 10})
    actions["Nuovo Programma Annuale…"].trigger()
    assert seen["title"] == "Nuovo Programma Annuale" and not seen["errors"]
    assert tab.year() == 2026

    monkeypatch.setattr(programme_import, "choose_open_file",
                        lambda parent: str(FILES / "programma_2026.csv"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)

    def steps(dialog):
        assert dialog.year_edit.value() == 2026       # the year the tab shows
        qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)

    on_next_modal(steps)
    actions["Importa il Programma Annuale…"].trigger()

    refused = fill_next_form(qtbot, {"on": date.today() + timedelta(days=1)})
    actions["Parere dei revisori…"].trigger()
    assert refused["errors"] == {"on": "Indicare la data (non futura)."}
    fill_next_form(qtbot, {"on": date(2025, 12, 15)})
    actions["Parere dei revisori…"].trigger()
    fill_next_form(qtbot, {"on": date(2025, 12, 20),
                           "reference": "Delibera del Consiglio d'istituto n. 12"})
    actions["Delibera del Consiglio d'istituto…"].trigger()
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT year, state, proposed_on, opinion_on, approved_on, "
                           "approval_ref, reserve_limit_bp FROM funds_programme").fetchall() == [
            (2026, "deliberato", "2025-11-28", "2025-12-15", "2025-12-20",
             "Delibera del Consiglio d'istituto n. 12", 1000)]
    assert tab.year_edit.currentText() == "2026"          # deliberato: no state in the label


def test_the_residui_of_the_year_are_imported_from_the_menu(qtbot, db, db_path, monkeypatch):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.programme_import import ResiduiImportDialog
    from iiss_desktop.ui.funds.tab import FundsTab
    from tests.services.funds.helpers import approved_programme

    approved_programme(db, 2026)
    tab = FundsTab(db, AppEvents())
    qtbot.addWidget(tab)
    tab.set_year(2026)
    monkeypatch.setattr(programme_import, "choose_open_file",
                        lambda parent: str(FILES / "residui_2026.csv"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    seen = {}

    def steps(dialog):
        assert isinstance(dialog, ResiduiImportDialog)
        assert dialog.year_edit.value() == 2026
        qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
        seen["summary"] = dialog.summary_label.text()
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)

    on_next_modal(steps)
    next(a for a in tab.all_actions() if a.text() == "Importa i residui…").trigger()
    assert "2 residui attivi" in seen["summary"]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*), SUM(amount) FROM funds_residue").fetchone() == (
            4, 453250)
