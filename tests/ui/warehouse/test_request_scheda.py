"""The scheda of a material request, opened from the scheda di magazzino of an article: the
request, the decision and each withdrawal in date order, its lines, the buoni to print."""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from iiss_desktop.ui.warehouse.scheda import article_scheda_dialog
from tests.ui.inventory.test_scheda import when_modal


def test_a_withdrawal_in_the_scheda_di_magazzino_opens_its_request(qtbot, demo_db, demo_path):
    with sqlite3.connect(demo_path) as con:
        article, request, number, year, lines = con.execute(
            "SELECT l.article_id, r.id, r.number, r.year, (SELECT count(*) FROM "
            "warehouse_request_line x WHERE x.request_id = r.id) FROM warehouse_movement m "
            "JOIN warehouse_movement_line l ON l.movement_id = m.id "
            "JOIN warehouse_request r ON r.id = m.request_id "
            "ORDER BY r.year, r.number LIMIT 1").fetchone()
        withdrawals = con.execute("SELECT count(*) FROM warehouse_movement WHERE "
                                  "request_id = ?", (request,)).fetchone()[0]
    dialog = article_scheda_dialog(None, demo_db, article)
    qtbot.addWidget(dialog)
    card = dialog.extra_tables["&Scheda di magazzino"]
    row = next(r for r in range(card.model().rowCount())
               if dialog.content.tables[0].links[card.model().row_id(r)]
               == ("request", request))
    card.setCurrentIndex(card.model().index(row, 0))
    seen = {}

    def look(scheda):
        seen["title"] = scheda.windowTitle()
        seen["kinds"] = [scheda.history_table.model().display_text(r, 1)
                         for r in range(scheda.history_table.model().rowCount())]
        seen["lines"] = scheda.extra_tables["&Righe"].model().rowCount()
        seen["buoni"] = len(scheda.print_buttons)

    when_modal(look)
    qtbot.keyClick(card, Qt.Key_Return)
    assert seen["title"] == f"Scheda – Richiesta di materiale n. {number}/{year}"
    assert seen["kinds"][:2] == ["Richiesta", "Approvata"]
    assert len(seen["kinds"]) == 2 + withdrawals
    assert seen["lines"] == lines
    assert seen["buoni"] == withdrawals
