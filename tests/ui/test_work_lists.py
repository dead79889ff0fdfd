"""The work lists of Inventario and Magazzino (issue 13 item 4): each filter shows the rows an
independent SQL query selects, «Esporta…» writes exactly what is shown, an impossible period is
refused with the rows kept, Enter prints the row's document."""
from __future__ import annotations

import csv
import sqlite3
from datetime import date

import openpyxl
from PySide6.QtCore import Qt

from iiss_desktop.domain.warehouse import REQUEST
from iiss_desktop.ui.common import printing
from iiss_desktop.ui.inventory.work_lists import AssignmentsList, BuoniList, DecreesList, LoansList
from iiss_desktop.ui.warehouse.work_lists import MovementsList, RequestsList
from tests.helpers.pdf import pdf_text


def _sql(path, query, params=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def _shown_refs(dialog, column=1):
    return [dialog.model.display_text(r, column) for r in range(dialog.model.rowCount())]


def _choose_state(dialog, text):
    dialog.state_edit.setCurrentIndex(dialog.state_edit.findText(text))


def test_buoni_filter_by_state_period_and_words(qtbot, demo_db, demo_path):
    dialog = BuoniList(None, demo_db)
    qtbot.addWidget(dialog)
    every = _sql(demo_path, "SELECT number, year FROM register_entry WHERE register IN "
                            "('inv-buoni-carico', 'inv-buoni-scarico') AND annuls_id IS NULL")
    assert dialog.model.rowCount() == len(every) > 0
    assert dialog.count_label.text() == f"{len(every)} in tutto"
    annulled = _sql(demo_path, "SELECT e.number || '/' || e.year FROM register_entry e WHERE "
                               "e.register IN ('inv-buoni-carico', 'inv-buoni-scarico') AND "
                               "EXISTS (SELECT 1 FROM register_entry a WHERE a.annuls_id = e.id)")
    _choose_state(dialog, "Annullati")
    assert sorted(_shown_refs(dialog)) == sorted(r for (r,) in annulled)
    _choose_state(dialog, "Tutti gli stati")
    dialog.from_edit.set_value(date(2025, 1, 1))
    dialog.to_edit.set_value(date(2025, 12, 31))
    in_2025 = _sql(demo_path, "SELECT count(*) FROM register_entry WHERE register IN "
                              "('inv-buoni-carico', 'inv-buoni-scarico') AND annuls_id IS NULL "
                              "AND entry_date BETWEEN '2025-01-01' AND '2025-12-31'")[0][0]
    assert dialog.model.rowCount() == in_2025
    assert dialog.count_label.text() == f"{in_2025} di {len(every)}"
    dialog.search_edit.setText("buono di scarico")
    rows = dialog.shown_rows()
    assert all("buono di scarico" in " ".join(row).lower() for row in rows)
    scarichi = _sql(demo_path, "SELECT count(*) FROM register_entry WHERE register = "
                               "'inv-buoni-scarico' AND annuls_id IS NULL AND entry_date "
                               "BETWEEN '2025-01-01' AND '2025-12-31'")[0][0]
    assert sum(row[0] == "Buono di scarico" for row in rows) == scarichi


def test_an_impossible_period_is_refused_and_the_rows_stay(qtbot, demo_db, demo_path):
    dialog = DecreesList(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.from_edit.set_value(date(2026, 6, 1))
    before = dialog.model.rowCount()      # the decrees from 1 June on
    dialog.to_edit.set_value(date(2026, 1, 1))
    assert not dialog.message_label.isHidden()
    assert dialog.message_label.text() == ("Periodo impossibile: «dal» (01/06/2026) è dopo "
                                           "«al» (01/01/2026).")
    assert dialog.model.rowCount() == before
    dialog.from_edit.set_value(None)
    assert dialog.message_label.isHidden()
    assert dialog.model.rowCount() == _sql(demo_path, "SELECT count(*) FROM inventory_discharge "
                                                      "WHERE decree_date <= '2026-01-01'")[0][0]


def test_export_writes_exactly_what_is_shown(qtbot, demo_db, tmp_path):
    dialog = RequestsList(None, demo_db)
    qtbot.addWidget(dialog)
    _choose_state(dialog, "Da lavorare")
    shown = dialog.shown_rows()
    assert shown and all(row[5] in {REQUEST.label(s) for s in REQUEST.open} for row in shown)
    headers = [c.title for c in dialog.columns]
    assert dialog.export_to(tmp_path / "richieste.csv") == len(shown)
    with (tmp_path / "richieste.csv").open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f, delimiter=";")) == [headers, *shown]
    assert dialog.export_to(tmp_path / "richieste.xlsx") == len(shown)
    sheet = openpyxl.load_workbook(tmp_path / "richieste.xlsx").active
    assert [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)] == \
        [headers, *shown]


def test_open_requests_are_those_the_database_says(qtbot, demo_db, demo_path):
    dialog = RequestsList(None, demo_db)
    qtbot.addWidget(dialog)
    _choose_state(dialog, "Da lavorare")
    marks = ", ".join("?" * len(REQUEST.open))
    expected = _sql(demo_path, "SELECT number || '/' || year FROM warehouse_request WHERE "
                               f"status IN ({marks})", tuple(REQUEST.open))
    assert sorted(_shown_refs(dialog, 0)) == sorted(r for (r,) in expected)


def test_enter_on_a_movement_prints_its_buono(qtbot, demo_db, demo_path, monkeypatch):
    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    dialog = MovementsList(None, demo_db)
    qtbot.addWidget(dialog)
    _choose_state(dialog, "Carico")
    number, year = _sql(demo_path, "SELECT e.number, e.year FROM warehouse_movement m JOIN "
                                   "register_entry e ON e.id = m.entry_id WHERE m.kind = "
                                   "'carico' ORDER BY e.year DESC, e.number DESC")[0]
    assert dialog.model.display_text(0, 0) == f"{number}/{year}"
    dialog.table.selectRow(0)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.last_job.is_done(), timeout=30000)
    assert f"n. {number}/{year}" in pdf_text(opened[0], page=1)


def test_the_other_lists_open_on_the_demo(qtbot, demo_db, demo_path):
    for cls, table in ((AssignmentsList, "inventory_assignment"), (LoansList, "loan")):
        dialog = cls(None, demo_db)
        qtbot.addWidget(dialog)
        assert dialog.model.rowCount() == _sql(demo_path, f"SELECT count(*) FROM {table}")[0][0]


def test_enter_on_a_request_decree_affidamento_or_loan_opens_its_scheda(qtbot, demo_db):
    from iiss_desktop.ui.common.scheda import SchedaDialog
    from tests.helpers.ui import on_next_modal

    for cls in (RequestsList, DecreesList, AssignmentsList, LoansList):
        dialog = cls(None, demo_db)
        qtbot.addWidget(dialog)
        dialog.table.selectRow(0)
        dialog.table.setFocus()
        seen = []
        on_next_modal(lambda d, seen=seen: seen.append((type(d), d.windowTitle())))
        qtbot.keyClick(dialog.table, Qt.Key_Return)
        assert seen and issubclass(seen[0][0], SchedaDialog), cls.__name__


def test_ricognizioni_and_sales_are_work_lists_too(qtbot, demo_db, demo_path, tmp_path):
    from iiss_desktop.ui.inventory.ricognizione import ChecksDialog
    from iiss_desktop.ui.inventory.sale import SalesDialog

    for cls, table in ((ChecksDialog, "inventory_check"), (SalesDialog, "inventory_sale")):
        dialog = cls(None, demo_db)
        qtbot.addWidget(dialog)
        count = _sql(demo_path, f"SELECT count(*) FROM {table}")[0][0]
        assert dialog.model.rowCount() == count > 0, cls.__name__
        assert dialog.export_to(tmp_path / f"{table}.csv") == count
    sales = SalesDialog(None, demo_db)
    qtbot.addWidget(sales)
    _choose_state(sales, "In corso")
    from iiss_desktop.domain.inventory.sale import OPEN

    marks = ", ".join("?" * len(OPEN))
    assert sales.model.rowCount() == _sql(demo_path, "SELECT count(*) FROM inventory_sale WHERE "
                                                     f"status IN ({marks})", tuple(OPEN))[0][0]
