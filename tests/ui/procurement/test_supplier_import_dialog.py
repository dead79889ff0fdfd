"""Importa fornitori… on real widgets and a real archive: the wrong file lists each error by
row and column and «Importa» stays disabled; the clean file imports into the albo."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iiss_desktop.ui.procurement import supplier_import
from iiss_desktop.ui.procurement.supplier_import import SupplierImportDialog

pytestmark = pytest.mark.usefixtures("errors_raise")
GOOD = ("Ragione sociale;P.IVA;PEC\n"
        "Cartoleria Rossi Srl;04123450720;rossi@pec.it\n"
        "Lehrmittel GmbH;DE136695976;\n")
# Row 2: the check digit of the P.IVA wrong (…720 -> …721); row 3: a PEC without «@».
BAD = ("Denominazione;Partita IVA;PEC\n"
       "Rossi;04123450721;\n"
       "Bianchi;05678910729;bianchi.pec.it\n")


def test_wrong_file_lists_each_error_and_the_clean_one_imports(qtbot, db, db_path, tmp_path,
                                                               monkeypatch):
    (tmp_path / "errati.csv").write_text(BAD, encoding="utf-8")
    (tmp_path / "fornitori.csv").write_text(GOOD, encoding="utf-8")
    chosen = [str(tmp_path / "errati.csv")]
    monkeypatch.setattr(supplier_import, "choose_open_file", lambda parent: chosen[0])
    dialog = SupplierImportDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    t = dialog.errors_table
    rows = [[t.item(r, c).text() for c in range(4)] for r in range(t.rowCount())]
    assert [r[:2] for r in rows] == [["2", "Partita IVA"], ["3", "PEC"]]
    assert rows[1][2:] == ["un indirizzo PEC come fornitore@pec.it", "bianchi.pec.it"]
    assert not dialog.import_button.isEnabled()

    chosen[0] = str(tmp_path / "fornitori.csv")
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert shown == ["File «fornitori.csv»: 2 righe lette. Importati 2 fornitori nell'albo."]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT name FROM procurement_supplier ORDER BY id").fetchall() == [
            ("Cartoleria Rossi Srl",), ("Lehrmittel GmbH",)]
