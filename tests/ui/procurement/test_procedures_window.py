"""The «Procedure d'acquisto» window on the demo: the list as SQL counts it, the state
filter, the shortcuts; the request form refuses a missing field and saves; the determina
form shows the procedure proposed, refuses a purchase outside Consip without motivation
naming the field and saving nothing, then adopts the determina with its impegno; Enter opens
the scheda with its steps and documents."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from tests.helpers.ui import fill_next_form, on_next_modal, table_snapshot

pytestmark = pytest.mark.usefixtures("errors_raise")
TABLES = ("procurement_request", "procurement_procedure", "funds_commitment",
          "register_entry")


def open_window(qtbot, db):
    from iiss_desktop.ui.procurement.procedures import ProceduresList

    window = ProceduresList(None, db)
    qtbot.addWidget(window)
    return window


def shown(window) -> list[tuple]:
    return [window.model.row(r) for r in range(window.model.rowCount())]


def test_the_list_shows_the_demo_requests_and_filters_by_state(qtbot, demo_db, demo_path):
    window = open_window(qtbot, demo_db)
    with sqlite3.connect(demo_path) as con:
        objects = [r[0] for r in con.execute("SELECT object FROM procurement_request "
                                             "ORDER BY requested_on DESC, id DESC")]
        refused = con.execute("SELECT object FROM procurement_request WHERE status = "
                              "'respinta'").fetchall()
    assert [r[2] for r in shown(window)] == objects
    window.state_edit.setCurrentIndex(window.state_edit.findText("richiesta respinta"))
    assert [(r[2],) for r in shown(window)] == refused
    assert window.count_label.text() == f"1 di {len(objects)}"


def test_every_action_has_its_shortcut(qtbot, demo_db):
    from iiss_desktop.services.users import act_as

    act_as(demo_db, "dsga")
    window = open_window(qtbot, demo_db)
    keys = {name: a.shortcut().toString() for name, a in window.tool_actions.items()}
    assert (keys["request"], keys["approve"], keys["refuse"], keys["determina"],
            keys["quotes"], keys["order"]) == ("Ctrl+N", "Ctrl+Shift+A", "Ctrl+Shift+R",
                                               "Ctrl+Shift+D", "Ctrl+Shift+V", "Ctrl+Shift+O")
    assert window.tool_actions["request"].isEnabled()
    # the DSGA decides on requests; the determina is the dirigente's; on a procedure already
    # verified nothing is left to approve or order, its prints still are
    done = next(k for k, r in window.records.items() if r.state == "collaudata")
    window.select(done)
    assert not window.tool_actions["approve"].isEnabled()
    assert not window.tool_actions["order"].isEnabled()
    assert not window.tool_actions["determina"].isEnabled()
    assert window.tool_actions["print_order"].isEnabled()


def test_the_request_form_refuses_a_missing_field_then_saves(qtbot, demo_db, demo_path):
    window = open_window(qtbot, demo_db)
    before = table_snapshot(demo_path, TABLES)
    values = {"requested_on": date(2021, 12, 6), "unit_kind": "laboratorio",
              "unit": "Laboratorio di scienze", "requested_by": "Prof.ssa Neri",
              "object": "Microscopi", "reason": "", "amount": Decimal("610.00")}
    seen = fill_next_form(qtbot, values)
    window.tool_actions["request"].trigger()
    assert seen["title"] == "Nuova richiesta d'acquisto"
    assert seen["errors"] == {"reason": "Il campo «Perché serve» è obbligatorio."}
    assert table_snapshot(demo_path, TABLES) == before
    fill_next_form(qtbot, {**values, "reason": "Tre microscopi guasti"})
    window.tool_actions["request"].trigger()
    assert shown(window)[0][2] == "Microscopi"
    assert shown(window)[0][4] == "richiesta presentata"


def test_the_determina_form_proposes_the_procedure_and_names_the_missing_motivation(
        qtbot, demo_db, demo_path):
    from iiss_desktop.services.procurement import procedures as svc

    rid = svc.submit_request(demo_db, svc.RequestInput(
        date(2021, 12, 6), "laboratorio", "Laboratorio di scienze", "Prof.ssa Neri",
        "Microscopi", "Tre microscopi guasti", Decimal("610.00")))
    svc.decide_request(demo_db, rid, approve=True, decided_on=date(2021, 12, 7))
    window = open_window(qtbot, demo_db)
    window.select(rid)
    before = table_snapshot(demo_path, TABLES)
    values = {"decided_on": date(2021, 12, 30), "sector": "38510000-3",
              "amount": Decimal("500.00"), "rup": "Prof.ssa Colonna", "destination": "A02",
              "spending_type": "02", "coverage_attested": True, "consip_motivation": ""}
    seen = {}

    def fill(dialog):
        dialog.form.load(values)
        seen["proposal"] = dialog.proposal_label.text()
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        seen["errors"] = {n: dialog.form.error_text(n) for n in dialog.form.editors
                          if dialog.form.error_text(n)}

    on_next_modal(fill)
    window.new_determina()
    assert "Procedura proposta: Affidamento diretto (DL 76/2020" in seen["proposal"]
    assert list(seen["errors"]) == ["consip_motivation"]
    assert table_snapshot(demo_path, TABLES) == before
    values["consip_motivation"] = "Nessuna convenzione Consip attiva per i microscopi"
    on_next_modal(fill)
    window.new_determina()
    assert seen["errors"] == {}
    row = next(r for r in window.records.values() if r.request_id == rid)
    with sqlite3.connect(demo_path) as con:
        number = con.execute("SELECT max(number) FROM procurement_procedure WHERE year = 2021"
                             ).fetchone()[0]
        amount = con.execute("SELECT amount FROM funds_commitment ORDER BY id DESC").fetchone()
    assert row.determina == f"n. {number}/2021 del 30/12/2021" and row.state == "determina"
    assert amount == (61000,)          # 500,00 + 22 % IVA


def test_enter_opens_the_scheda_with_steps_and_documents(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    notebook = next(r for r in window.records.values() if r.object.startswith("Notebook"))
    window.select(notebook.request_id)
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["warning"] = dialog.warning_label.text()
        seen["tabs"] = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]

    on_next_modal(look)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert "Determina a contrarre n. 4/2021 – Notebook" in seen["title"]
    assert "Ordine ✓" in seen["warning"] and "Collaudo ✓" in seen["warning"]
    assert "&Preventivi" in seen["tabs"] and "&Ordine" in seen["tabs"]


def test_the_tab_has_the_procedure_menu(qtbot, demo_db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.procurement.tab import ProcurementTab

    tab = ProcurementTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    groups = {title: [(a.text(), a.shortcut().toString()) for a in actions]
              for title, actions in tab.menu_groups() if title}
    assert groups["Procedure"] == [("Procedure d'acquisto…", "Ctrl+Shift+Y"),
                                   ("Monitoraggio degli acquisti…", "Ctrl+Shift+K"),
                                   ("Nuova richiesta d'acquisto…", "Ctrl+Shift+N")]
