"""«Importa assenze e saldi…» on real widgets and a real archive: a wrong file shows each error
by row and column in Italian and «Importa» stays disabled, nothing saved; a clean file imports
the balance carried over (figures by hand: 4,50 days of ferie carried, 2 festività soppresse
-> two «riporto» rows). Opened from the Personale tab with Ctrl+Shift+I."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.services import school
from iiss_desktop.services.staff import registry
from iiss_desktop.ui.staff import leave_import_dialog
from iiss_desktop.ui.staff.leave_import_dialog import LeaveImportDialog
from tests.helpers.ui import on_next_modal, save_screenshot

pytestmark = pytest.mark.usefixtures("errors_raise")
HEADER = "Tipo;Codice fiscale;Causa o saldo;Dal;Al;Ore;Quantità;Note"
CF = demo_codice_fiscale("Rossi", "Maria", "F", date(1970, 3, 12))


def _count(db, table: str) -> int:
    with sqlite3.connect(db.engine.url.database) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def files(db, tmp_path):
    site = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    registry.save_person(db, {"surname": "Rossi", "name": "Maria", "role": "AA",
                              "site_id": site, "codice_fiscale": CF})
    wrong, clean = tmp_path / "errori.csv", tmp_path / "saldi.csv"
    wrong.write_text(f"{HEADER}\nSaldo;{CF};ferie;;;;tre;\n"
                     "Saldo;RSSMRA70C52H501X;ferie;;;;2;\nSaldo;{CF};sciopero;;;;1;\n"
                     .replace("{CF}", CF), encoding="utf-8")
    clean.write_text(f"{HEADER}\nSaldo;{CF};ferie;;;;4,5;Residuo\n"
                     f"Saldo;{CF};festività soppresse;;;;2;\n", encoding="utf-8")
    return wrong, clean


def _table(dialog) -> list[list[str]]:
    t = dialog.errors_table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_wrong_file_lists_each_error_and_the_clean_one_imports(qtbot, db, files,
                                                               monkeypatch):
    wrong, clean = files
    chosen = [str(wrong)]
    monkeypatch.setattr(leave_import_dialog, "choose_open_file", lambda parent: chosen[0])
    dialog = LeaveImportDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    rows = _table(dialog)
    assert [r[:2] for r in rows] == [["2", "Quantità"], ["3", "Codice fiscale"],
                                     ["4", "Causa o saldo"]]
    assert rows[0][2] == "atteso un numero di giorni riportati (es. 3 o 3,5), trovato «tre»"
    assert rows[1][2] == ("nessun dipendente in archivio con il codice fiscale "
                          "«RSSMRA70C52H501X»")
    assert dialog.summary_label.text() == (
        "File «errori.csv»: 3 righe lette. Errori: 3 in 3 righe. Non sarà importato nulla "
        "finché il file non è corretto.")
    assert not dialog.import_button.isEnabled()
    qtbot.wait(50)
    save_screenshot(dialog, "staff_leave_import_errors.png")
    assert _count(db, "staff_leave_entry") == 0

    chosen[0] = str(clean)
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.import_button.isEnabled(),
                    timeout=10_000)
    assert dialog.errors_table.isHidden()
    assert "Nessun errore: si possono importare" in dialog.summary_label.text()
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    with sqlite3.connect(db.engine.url.database) as con:
        assert con.execute("SELECT account, kind, amount FROM staff_leave_entry ORDER BY id"
                           ).fetchall() == [("ferie", "riporto", 450),
                                            ("festivita_soppresse", "riporto", 200)]


def test_the_tab_opens_it_with_ctrl_shift_i(qtbot, db, files):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff.tab import StaffTab

    tab = StaffTab(db, AppEvents())
    qtbot.addWidget(tab)
    action = next(a for a in tab.all_actions() if a.text() == "Importa assenze e saldi…")
    assert [a.text() for a in tab.all_actions()
            if a.shortcut() == QKeySequence("Ctrl+Shift+I")] == ["Importa assenze e saldi…"]
    seen = []
    on_next_modal(lambda d: seen.append(type(d)))
    action.trigger()
    assert seen == [LeaveImportDialog]
