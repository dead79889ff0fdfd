"""The schede of an affidamento and of a discharge decree, opened from the history of their
good by Enter: what they say, in date order, their documents and attachments."""
from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtCore import Qt

from iiss_desktop.services.inventory.custody import assign, riconsegna
from iiss_desktop.services.inventory.discharge import discharge_items
from tests.ui.inventory.test_scheda import (  # noqa: F401 - place: a fixture
    Y,
    _dialog,
    _good,
    _history,
    place,
    when_modal,
)

PDF = b"%PDF-1.4\n% decreto firmato\n%%EOF\n"


def _open_row(qtbot, dialog, kind: str) -> dict:
    """Enter on the first history row of ``kind``; what the scheda it opens shows."""
    rows = [k for _d, k in _history(dialog)]
    dialog.history_table.setCurrentIndex(dialog.history_table.model().index(
        rows.index(kind), 0))
    seen = {}

    def look(scheda):
        seen["title"] = scheda.windowTitle()
        seen["state"] = scheda.state_label.text()
        seen["history"] = _history(scheda)
        seen["documents"] = [b.toolTip() for b in scheda.print_buttons]
        goods = scheda.extra_tables["&Beni"].model()
        seen["goods"] = [[goods.display_text(r, c) for c in range(goods.columnCount())]
                         for r in range(goods.rowCount())]

    when_modal(look)
    qtbot.keyClick(dialog.history_table, Qt.Key_Return)
    return seen


def test_the_affidamento_and_the_decree_of_a_good_have_their_schede(qtbot, db, db_path, place,
                                                                     tmp_path):
    item = _good(db, place["lab"])
    ref = assign(db, item_ids=[item], assignee_name="Prof. Carlo Neri", assignee_role="docente",
                 room_id=place["aula"], started_on=date(Y, 4, 1),
                 ds_indication="nota del DS prot. n. 12")
    back = riconsegna(db, assignment_id=ref.assignment_id, returned_on=date(Y, 6, 30),
                      condition_back="inservibile", notes="Schermo guasto")
    discharge_items(db, item_ids=[item], decree_number="7", decree_date=date(Y, 9, 15),
                    cause="inservibilita", motivation="Guasto non riparabile",
                    executed_on=date(Y, 9, 16))
    good = _dialog(qtbot, db, item)
    seen = _open_row(qtbot, good, "Riconsegna")
    assert seen["title"] == (f"Scheda – Verbale di affidamento n. {ref.number}/{ref.year} – "
                             "Prof. Carlo Neri")
    assert seen["state"] == "Affidamento riconsegnato"
    assert seen["history"] == [(f"01/04/{Y}", "Affidamento"), (f"30/06/{Y}", "Riconsegna")]
    assert [d.split("«")[1].rstrip("»") for d in seen["documents"]] == [
        f"Verbale di affidamento n. {ref.number}/{ref.year}",
        f"Verbale di riconsegna n. {back.number}/{back.year}"]
    assert seen["goods"] == [["beni mobili n. 1", "Oscilloscopio digitale", "820,00\u00a0€",
                              "buono", "inservibile"]]
    seen = _open_row(qtbot, good, "Discarico")
    assert seen["title"] == f"Scheda – Decreto di discarico n. 7 del 15/09/{Y}"
    assert seen["history"] == [(f"15/09/{Y}", "Decreto di discarico"),
                               (f"16/09/{Y}", "Buono di scarico")]
    assert [d.split("«")[1].split(" n.")[0] for d in seen["documents"]] == [
        "Decreto di discarico", "Buono di scarico"]
    scan = tmp_path / "decreto firmato.pdf"
    scan.write_bytes(PDF)
    decree = _dialog_of_discharge(qtbot, db, db_path)
    assert decree.add_file(scan)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT record_kind, file_name FROM attachment").fetchall() == [
            ("inventory_discharge", "decreto firmato.pdf")]


def _dialog_of_discharge(qtbot, db, db_path):
    from iiss_desktop.ui.inventory.record_schede import record_scheda_dialog

    with sqlite3.connect(db_path) as con:
        discharge = con.execute("SELECT id FROM inventory_discharge").fetchone()[0]
    dialog = record_scheda_dialog(None, db, "inventory_discharge", discharge)
    qtbot.addWidget(dialog)
    return dialog


def test_an_attachment_for_an_unknown_kind_of_record_is_refused(db, tmp_path):
    import pytest

    from iiss_desktop.domain.errors import DomainError
    from iiss_desktop.services.inventory.scheda import attach

    scan = tmp_path / "x.pdf"
    scan.write_bytes(PDF)
    with pytest.raises(DomainError):
        attach(db, "app_user", 1, scan)
