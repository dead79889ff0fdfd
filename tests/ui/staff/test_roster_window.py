"""The roster window with real widgets on a real archive: a cell edited from the keyboard
(Enter, the form, OK) becomes red with the rule it breaks next to it; a band ending before it
starts is refused in the form with nothing saved; the weekly pattern form records a pattern;
a week is copied onto the next. Dates: the week of Monday 5/10/2026 (a.s. 2026/27)."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.helpers.ui import fill_next_form
from tests.services.staff.test_roster import MON, WED, _pattern, _person

pytestmark = pytest.mark.usefixtures("errors_raise")


@pytest.fixture
def sites(db):
    from iiss_desktop.services import school

    return {code: school.save_site(db, {"code": code, "name": name})
            for code, name in (("SEDE", "Sede centrale"), ("PRIM", "Primaria Rodari"))}


def _window(qtbot, db, start=MON):
    from iiss_desktop.ui.staff.roster import RosterWindow

    win = RosterWindow(db, start=start)
    qtbot.addWidget(win)
    return win


def _rows(path, table):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_cell_edited_from_the_keyboard_shows_the_rule_it_breaks(qtbot, db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    win = _window(qtbot, db)
    assert win.model.rowCount() == 1 and win.model.columnCount() == 8     # 7 days + Ore
    assert win.model.index(0, 0).data() == "07:30-13:30"
    assert "nessun problema" in win.period.text()
    win.table.setCurrentIndex(win.model.index(0, 2))                          # Wednesday
    seen = fill_next_form(qtbot, {"bands": "07:30-13:30; 14:00-17:30 straordinario"})
    qtbot.keyClick(win.table, Qt.Key_Return)
    assert seen["title"] == "Giornata di servizio" and seen["errors"] == {}
    cell = win.model.index(0, 2)
    assert cell.data() == "07:30-13:30\n14:00-17:30 straordinario"
    assert cell.data(Qt.BackgroundRole).color().name() == "#f8d7da"
    assert "9 h 30 min di servizio, oltre il massimo di 9 ore" in cell.data(Qt.ToolTipRole)
    assert "1 da controllare" in win.period.text()
    assert "9 h 30 min di servizio" in win.problems.text()
    assert win.model.index(0, 7).data() == "39 h 30 min"          # 36 h + 3 h 30
    assert _rows(db_path, "staff_roster_day") == 1


def test_a_band_that_ends_before_it_starts_is_refused_in_the_form(qtbot, db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    win = _window(qtbot, db)
    win.table.setCurrentIndex(win.model.index(0, 0))
    seen = fill_next_form(qtbot, {"bands": "14:00-08:00"})
    win.buttons["edit"].click()
    assert "termina prima di iniziare" in seen["errors"]["bands"]
    assert _rows(db_path, "staff_roster_day") == 0
    assert win.model.index(0, 0).data() == "07:30-13:30"


def test_the_weekly_pattern_form_records_a_pattern_and_the_grid_shows_it(qtbot, db, sites):
    _person(db, sites["SEDE"], "Gallo", "Teresa", role="AA", born=date(1975, 5, 5))
    win = _window(qtbot, db)
    assert win.model.index(0, 0).data() == ""                 # no pattern yet
    win.table.setCurrentIndex(win.model.index(0, 0))
    # the defaults of an assistente: five days of 7 h 12; lavoro agile on Wednesday
    seen = fill_next_form(qtbot, {"agile_weekdays": "mercoledì"})
    win.buttons["pattern"].click()
    assert seen["title"] == "Orario settimanale" and seen["errors"] == {}
    assert win.model.index(0, 0).data() == "07:30-14:42"
    assert win.model.index(0, 2).data() == "Lavoro agile 07:30-14:42"
    assert win.model.index(0, 5).data() == ""                 # Saturday free
    assert win.model.index(0, 7).data() == "36 h"             # 5 × 7 h 12


def test_copy_the_week_onto_the_next_and_move_to_it(qtbot, db, sites):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    win = _window(qtbot, db)
    win.table.setCurrentIndex(win.model.index(0, 2))
    fill_next_form(qtbot, {"bands": "07:30-13:30", "kind": "pulizia"})
    win.edit_cells()
    win.buttons["copy"].click()
    assert "settimana dal 12/10/2026" in win.period.text()
    assert win.model.index(0, 2).data() == "07:30-13:30 pulizia"
    win.mode.setCurrentIndex(1)                                # the month of October
    assert win.model.columnCount() == 32
    assert win.model.index(0, WED.day - 1).data() == "7:30\n13:30"     # 1/10 is column 0
    assert win.model.index(0, 3).data() == ""                            # Sunday 4/10


def test_the_opening_hours_form_and_the_uncovered_day_in_the_header(qtbot, db, sites):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)                                  # Mon-Sat 07:30-13:30
    win = _window(qtbot, db)
    win.plesso.setCurrentIndex(win.plesso.findData("SEDE"))
    # open on Monday until 14:00 with one collaboratore: 13:30-14:00 left uncovered
    seen = fill_next_form(qtbot, {"day_0": "07:30-14:00", "staff": 1})
    win.buttons["opening"].click()
    assert seen["errors"] == {}
    header = win.model.headerData(0, Qt.Horizontal)
    assert header == "⚠ lun 05/10/2026"
    assert "resta scoperto dalle 13:30 alle 14:00" in win.model.headerData(
        0, Qt.Horizontal, Qt.ToolTipRole)
    assert "1 da controllare" in win.period.text()
    win.table.setCurrentIndex(win.model.index(0, 0))
    assert "il plesso SEDE resta scoperto" in win.problems.text()
