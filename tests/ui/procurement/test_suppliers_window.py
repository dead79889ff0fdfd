"""The Fornitori window on the demo: the list as SQL counts it, the DURC filter, Enter opens
the scheda, the new-supplier form refuses a wrong P.IVA and PEC naming the fields and saves
nothing, a DURC recorded from the form changes the list, the export writes what is shown."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.helpers.ui import fill_next_form, on_next_modal, table_snapshot

pytestmark = pytest.mark.usefixtures("errors_raise")
TABLES = ("procurement_supplier", "procurement_durc", "audit_log")


def open_window(qtbot, db):
    from iiss_desktop.ui.procurement.suppliers import SuppliersWindow

    window = SuppliersWindow(None, db)
    qtbot.addWidget(window)
    return window


def shown(window) -> list[tuple]:
    return [window.model.row(r) for r in range(window.model.rowCount())]


def test_the_window_lists_the_demo_suppliers_and_filters_the_expired_durc(qtbot, demo_db,
                                                                         demo_path):
    window = open_window(qtbot, demo_db)
    with sqlite3.connect(demo_path) as con:
        names = [r[0] for r in con.execute("SELECT name FROM procurement_supplier "
                                           "ORDER BY lower(name)")]
    assert [r[0] for r in shown(window)] == names
    # Tecnoservizi's only DURC is of 23/02/2021: +120 days = 23/06/2021, long past.
    tecno = next(r for r in shown(window) if r[0] == "Tecnoservizi Bari Srl")
    assert tecno[1:4] == ("05678910729", "scaduto", date(2021, 6, 23))
    window.state_edit.setCurrentIndex(window.state_edit.findText("DURC scaduto"))
    # and the psychologist's only DURC, the one her award of 04/05/2021 needed (22/04/2021)
    assert [r[0] for r in shown(window)] == ["Dott.ssa Laura Bianchi", "Tecnoservizi Bari Srl"]
    assert window.count_label.text() == f"2 di {len(names)}"


def test_every_action_has_its_shortcut_in_the_window(qtbot, demo_db):
    from iiss_desktop.services.users import act_as

    act_as(demo_db, "dsga")           # the demo's DSGA
    window = open_window(qtbot, demo_db)
    keys = {name: a.shortcut().toString() for name, a in window.tool_actions.items()}
    assert keys["new"] == "Ctrl+N" and keys["account"] == "Ctrl+Shift+C"
    assert keys["durc"] == "Ctrl+Shift+D" and keys["declaration"] == "Ctrl+Shift+R"
    assert keys["draw"] == "Ctrl+Shift+E"
    # the DSGA of the demo prepares, the award is the dirigente's
    assert window.tool_actions["new"].isEnabled()
    assert not window.tool_actions["award"].isEnabled()
    assert "Serve il permesso «Determine a contrarre e di affidamento»" in \
        window.tool_actions["award"].toolTip()


def test_enter_opens_the_scheda_of_the_supplier(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    window.select(next(r.id for r in window.records.values() if r.name.startswith("Ausili")))
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["warning"] = dialog.warning_label.text()
        seen["tabs"] = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]

    on_next_modal(look)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert seen["title"] == "Scheda – Ausili Inclusione Srl – P. IVA 03111220723"
    assert "diverso dal conto dedicato in vigore" in seen["warning"]
    assert "D&URC" in seen["tabs"] and "A&ffidamenti" in seen["tabs"]


def test_the_new_supplier_form_names_the_wrong_fields_and_saves_nothing(qtbot, demo_db,
                                                                        demo_path):
    window = open_window(qtbot, demo_db)
    before = table_snapshot(demo_path, TABLES)
    # 0412345072 + check digit 1: the Luhn digit is 0.
    seen = fill_next_form(qtbot, {"name": "Cartoleria Nuova", "vat": "04123450721",
                                  "pec": "cartoleria.pec.it"})
    window.tool_actions["new"].trigger()
    assert seen["title"] == "Nuovo fornitore"
    assert seen["errors"] == {
        "vat": "Partita IVA «04123450721» non valida: la cifra di controllo non corrisponde.",
        "pec": "PEC «cartoleria.pec.it» non valida: un indirizzo come fornitore@pec.it."}
    assert table_snapshot(demo_path, TABLES) == before
    # the P.IVA of a supplier already in the albo
    seen = fill_next_form(qtbot, {"name": "Rossi bis", "vat": "04123450720"})
    window.tool_actions["new"].trigger()
    assert "già registrata per «Cartoleria Rossi Srl»" in seen["errors"]["vat"]
    assert table_snapshot(demo_path, TABLES) == before


def test_a_durc_from_the_form_makes_the_supplier_regolare(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    tecno = next(r.id for r in window.records.values() if r.name.startswith("Tecnoservizi"))
    window.select(tecno)
    issued = date.today()
    seen = fill_next_form(qtbot, {"issued_on": issued, "outcome": "regolare",
                                  "protocol": "INAIL_99999"})
    window.tool_actions["durc"].trigger()
    assert seen["errors"] == {} and seen["banner"] == ""
    row = next(r for r in shown(window) if r[0] == "Tecnoservizi Bari Srl")
    assert row[2] == "regolare"
    assert (row[3] - issued).days == 120


def test_the_export_writes_the_rows_shown(qtbot, demo_db, tmp_path):
    import csv

    window = open_window(qtbot, demo_db)
    window.search_edit.setText("Rossi")
    out = tmp_path / "fornitori.csv"
    assert window.export_to(out) == 1
    with open(out, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[-1][:2] == ["Cartoleria Rossi Srl", "04123450720"]
