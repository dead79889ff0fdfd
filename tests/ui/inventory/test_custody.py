"""Custody from the Inventario tab: an affidamento of two selected goods through the dialog,
the Custode column, the refusal of a good already entrusted, the roles and maintenance dialogs."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt

from iiss_desktop.queries.inventory.custody import list_roles, open_assignments
from iiss_desktop.services.inventory import custody as custody_services
from iiss_desktop.ui.common.choices import room_choices
from iiss_desktop.ui.inventory import custody as custody_ui
from tests.helpers.ui import fill_next_form, select_ids

CUSTODE = 6


@pytest.fixture
def tab(main_window):
    return main_window.tab("Inventario")   # the window stays alive (and with it the tab)


def _action(tab, text):
    return next(a for a in tab._actions if a.text() == text)


def _rows_of(tab, prefix: str) -> list[int]:
    return [r for r in range(tab.model.rowCount())
            if tab.model.row(r)[3].startswith(prefix) and tab.model.row(r)[9] == "in uso"]


def test_affidamento_of_two_selected_goods_through_the_dialog(qtbot, tab, demo_db,
                                                               monkeypatch):
    asked = []
    monkeypatch.setattr(custody_ui, "ask_print", lambda parent, title, text:
                        asked.append(text) or False)
    boards = _rows_of(tab, "Lavagna interattiva")[:2]
    chosen = [tab.model.row_id(r) for r in boards]
    before = {tab.model.row(r)[CUSTODE] for r in boards}
    assert before == {"Dott. Alessandro Ferri (consegnatario)"}
    select_ids(tab, *chosen)
    action = _action(tab, "Affidamento dei beni selezionati…")
    assert action.isEnabled()
    lab = next(c.value for c in room_choices(demo_db)
               if c.name == "Aula 1A" and "secondaria" in c.detail)
    seen = fill_next_form(qtbot, {"assignee_name": "Prof. Marco Neri",
                                  "assignee_role": "docente", "room_id": lab,
                                  "ds_indication": "nota prot. n. 4100"})
    action.trigger()
    assert seen["title"] == "Affidamento di 2 beni (art. 35)"
    assert seen["banner"] == "" and seen["errors"] == {}
    year = date.today().year
    assert asked and f"verbale n. 1/{year}" in asked[0]     # print offered
    custode = {tab.model.row_id(r): tab.model.row(r)[CUSTODE] for r in range(tab.model.rowCount())}
    assert {custode[i] for i in chosen} == {"Prof. Marco Neri (affidatario)"}
    others = [v for i, v in custode.items() if i not in chosen]
    assert "Prof. Marco Neri (affidatario)" not in others
    assert len(open_assignments(demo_db)) == 2

    # The same good again: the form stays open with the message, nothing saved.
    select_ids(tab, chosen[0])
    seen = fill_next_form(qtbot, {"assignee_name": "Prof.ssa Anna Riva",
                                  "assignee_role": "docente", "room_id": lab,
                                  "ds_indication": "nota prot. n. 4101"})
    action.trigger()
    assert "è già affidato a Prof. Marco Neri" in seen["banner"]
    assert len(open_assignments(demo_db)) == 2 and len(asked) == 1


def test_roles_dialog_lists_current_and_past_and_appoints(qtbot, demo_db):
    dialog = custody_ui.RolesDialog(None, demo_db)
    qtbot.addWidget(dialog)
    people = [dialog.model.row(r)[1] for r in range(dialog.model.rowCount())]
    assert people[0] == "Dott. Alessandro Ferri"
    assert {"Paola De Santis", "Ins. Patrizia Valentini", "Ins. Rita Colasanti"} <= set(people)
    assert not dialog.buttons["end"].isEnabled()
    seen = fill_next_form(qtbot, {"role": "sostituto", "person_name": "Luca Marchetti"})
    dialog.appoint()
    assert "decreto del Dirigente Scolastico" in seen["errors"]["decree_number"]
    assert "Luca Marchetti" not in {r.person_name for r in list_roles(demo_db)}
    dialog.table.selectRow(0)
    assert dialog.buttons["end"].isEnabled()


def _column_shown_whole(dialog, col: int) -> None:
    """At the dialog's default size the column lies inside the visible area, is as wide as its
    title and every cell's text fits in it (wrapped on more lines if need be)."""
    table, model = dialog.table, dialog.model
    header, fm = table.horizontalHeader(), table.fontMetrics()
    width = header.sectionSize(col)
    assert header.sectionViewportPosition(col) + width <= table.viewport().width()
    assert width >= fm.horizontalAdvance(model.headerData(col, Qt.Horizontal))
    for row in range(model.rowCount()):
        text = model.data(model.index(row, col))
        box = fm.boundingRect(QRect(0, 0, width - 6, 10_000), Qt.TextWordWrap, text)
        assert box.height() <= table.rowHeight(row), (row, text)


def test_roles_dialog_shows_the_notes_whole(qtbot, demo_db):
    custody_services.appoint(
        demo_db, role="sostituto", person_name="Luca Marchetti", decree_number="2500",
        decree_date=date(2025, 9, 20), started_on=date(2025, 9, 20),
        notes="Nominato per il periodo di congedo della DSGA titolare; in caso di impedimento "
              "anche del sostituto provvede il Dirigente Scolastico con un nuovo decreto.")
    dialog = custody_ui.RolesDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    notes = [c.key for c in dialog.columns].index("notes")
    texts = [dialog.model.row(r)[notes] for r in range(dialog.model.rowCount())]
    assert "DSGA titolare: consegnatario dei beni (art. 30 c.1)." in texts
    _column_shown_whole(dialog, notes)


def test_maintenance_dialog_shows_the_log_and_adds_a_line(qtbot, demo_db, tab):
    laptops = [tab.model.row_id(r) for r in _rows_of(tab, "Personal computer")]
    dialog = next(d for d in (custody_ui.MaintenanceDialog(None, demo_db, i) for i in laptops)
                  if d.model.rowCount() == 2)
    qtbot.addWidget(dialog)
    assert [dialog.model.row(r)[1] for r in range(2)] == ["Riparazione", "Aggiornamento"]
    seen = fill_next_form(qtbot, {"kind": "manutenzione",
                                  "description": "Pulizia delle ventole",
                                  "done_by": "Tomáš Dvořák"})
    dialog.add()
    assert seen["banner"] == ""
    assert dialog.model.rowCount() == 3


def test_riconsegna_from_the_menu_closes_the_affidamento(qtbot, tab, demo_db, monkeypatch):
    asked = []
    monkeypatch.setattr(custody_ui, "ask_print", lambda parent, title, text:
                        asked.append(text) or False)
    [current] = open_assignments(demo_db)          # the demo's laptops, entrusted last year
    laptop = next(r for r in _rows_of(tab, "Personal computer")
                  if tab.model.row(r)[CUSTODE].endswith("(affidatario)"))
    select_ids(tab, tab.model.row_id(laptop))
    seen = fill_next_form(qtbot, {"condition_back": "discreto", "notes": "Due tasti mancanti"})
    _action(tab, "Riconsegna…").trigger()
    assert seen["title"] == "Riconsegna dei beni affidati" and seen["errors"] == {}
    assert open_assignments(demo_db) == []
    assert asked and f"verbale n. 1/{date.today().year}" in asked[0]
    assert tab.model.row(laptop)[CUSTODE] == "Dott. Alessandro Ferri (consegnatario)"
    assert current.items == 5
