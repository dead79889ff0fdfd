"""The scheda of a comodato, opened from the history of its good: parties, goods, consegna and
restituzione in date order, its three documents, its attachments (the signed contract)."""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import date

from PySide6.QtCore import Qt

from iiss_desktop.services.inventory.loans import LoanInput, lend, return_loan
from tests.ui.inventory.test_scheda import Y, _dialog, _good, _history, place, when_modal  # noqa: F401

PDF = b"%PDF-1.4\n% contratto firmato\n%%EOF\n"
PARENT = dict(parent_name="Mario Rossi", parent_cf="RSSMRA80A01H501U",
              parent_birth_place="Velletri (RM)", parent_birth_date=date(1980, 1, 1),
              parent_residence="Via Roma 12, 00049 Velletri (RM)")


def test_the_loan_of_a_good_has_its_own_scheda(qtbot, db, db_path, place, tmp_path):
    item = _good(db, place["lab"], "Tablet 10 pollici")
    _loan_id, number = lend(db, LoanInput(student_name="Giulia Rossi", class_name="2B",
                                          item_ids=[item], start=date(Y, 2, 3),
                                          due=date(Y, 6, 30), **PARENT))
    return_loan(db, loan_id=_loan_id, returned_on=date(Y, 6, 20), condition="usurato",
                notes="Custodia rovinata")
    good = _dialog(qtbot, db, item)
    assert _history(good) == [(f"10/01/{Y}", "Carico"), (f"03/02/{Y}", "Comodato d'uso"),
                              (f"20/06/{Y}", "Restituzione del comodato")]
    model = good.history_table.model()
    good.history_table.setCurrentIndex(model.index(1, 0))
    seen = {}

    def look(loan):
        seen["title"] = loan.windowTitle()
        seen["state"] = loan.state_label.text()
        seen["history"] = _history(loan)
        seen["cf"] = [w.text() for w in loan.findChildren(type(loan.state_label),
                                                          "field_parent_cf")]
        goods = loan.extra_tables["&Beni"].model()
        seen["goods"] = [goods.display_text(0, c) for c in (1, 3, 4)]
        seen["documents"] = [b.toolTip() for b in loan.print_buttons]
        scan = tmp_path / "contratto firmato.pdf"
        scan.write_bytes(PDF)
        seen["attached"] = loan.add_file(scan)

    when_modal(look)
    qtbot.keyClick(good.history_table, Qt.Key_Return)
    assert seen["title"] == f"Scheda – Contratto di comodato n. {number}/{Y} – Giulia Rossi"
    assert seen["state"] == "Comodato restituito"
    assert seen["history"] == [(f"03/02/{Y}", "Consegna in comodato"),
                               (f"20/06/{Y}", "Restituzione")]
    assert seen["cf"] == ["RSSMRA80A01H501U"]
    assert seen["goods"] == ["Tablet 10 pollici", "buono", "usurato"]
    assert [t.split("«")[1].split(" n.")[0] for t in seen["documents"]] == [
        "Contratto di comodato", "Verbale di consegna del comodato",
        "Verbale di restituzione del comodato"]
    assert seen["attached"]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT record_kind, record_id, checksum FROM attachment"
                           ).fetchall() == [("loan", _loan_id, hashlib.sha256(PDF).hexdigest())]
