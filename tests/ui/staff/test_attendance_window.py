"""«Presenze e cartellino» with real widgets on a real archive: punches entered by hand
(Ctrl+N), an anomaly highlighted, a punch annulled with its reason (Ctrl+Shift+U), the dry run
of a wrong punch file naming row and column, the Personale tab opening the window with
Ctrl+Shift+T.

Figures by hand: Rossi works 07:30-13:30 Monday to Saturday; Monday 6/10/2025 E 07:50 U 13:30
is 340 minutes, 20 late (beyond the 10 of tolerance): «-0:20»."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.helpers.ui import fill_next_form

pytestmark = pytest.mark.usefixtures("errors_raise")
MON = date(2025, 10, 6)


def _count(path, table):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _rossi(db):
    from iiss_desktop.demo.staff import demo_codice_fiscale
    from iiss_desktop.services import school
    from iiss_desktop.services.staff import registry
    from iiss_desktop.services.staff.roster import PatternInput, save_pattern

    site = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    pid = registry.save_person(db, {
        "surname": "Rossi", "name": "Maria", "role": "AA", "site_id": site,
        "service_since": date(2010, 9, 1),
        "codice_fiscale": demo_codice_fiscale("Rossi", "Maria", "F", date(1970, 3, 12))})
    registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2010, 9, 1))
    save_pattern(db, pid, PatternInput(date(2025, 9, 1), date(2026, 8, 31),
                                       {wd: "07:30-13:30" for wd in range(6)}))
    return pid


def _key(qtbot, win, name: str, form: dict | None = None) -> dict:
    """The window's button ``name`` clicked (its shortcut opens the same slot after the key's
    event: see test_every_button_has_its_shortcut), with ``form`` filled and OK clicked."""
    seen = fill_next_form(qtbot, form) if form is not None else {}
    qtbot.mouseClick(win.buttons[name], Qt.LeftButton)
    return seen


def _row(win, day: date) -> list[str]:
    r = next(i for i, ln in enumerate(win.month.lines) if ln.day == day)
    return [win.table.item(r, c).text() for c in range(win.table.columnCount())]


def _red(win, day: date) -> bool:
    from iiss_desktop.ui.staff.attendance import ANOMALY

    r = next(i for i, ln in enumerate(win.month.lines) if ln.day == day)
    return win.table.item(r, 0).background().color() == ANOMALY


def test_punches_by_hand_anomaly_and_annulment(qtbot, db, db_path):
    from iiss_desktop.ui.staff.attendance import AttendanceWindow

    rossi = _rossi(db)
    win = AttendanceWindow(db, person_id=rossi, month="2025-10", today=date(2025, 10, 31))
    qtbot.addWidget(win)
    win.show()
    assert QTest.qWaitForWindowActive(win)
    assert win.table.rowCount() == 31
    assert _row(win, MON)[:3] == ["lun 6", "07:30-13:30", ""]

    seen = _key(qtbot, win, "new",
                form={"day": MON, "minute": "07:50", "direction": "E"})
    assert seen["errors"] == {}
    _key(qtbot, win, "new",
         form={"day": MON, "minute": "13:30", "direction": "U"})
    row = _row(win, MON)
    assert row[2:6] == ["E 07:50  U 13:30", "5:40", "", "-0:20"]
    assert row[6] == "Ritardo di 20 min (entrata alle 07:50)"
    assert _red(win, MON)

    _key(qtbot, win, "new",
         form={"day": MON, "minute": "13:40", "direction": "U"})
    assert "Uscita delle 13:40 senza entrata" in _row(win, MON)[6]
    seen = _key(qtbot, win, "new",
                form={"day": MON, "minute": "25:00", "direction": "U"})
    assert seen["errors"]
    assert _count(db_path, "staff_punch") == 3

    win.table.selectRow(next(i for i, ln in enumerate(win.month.lines) if ln.day == MON))
    third = [p for p in win.month.lines[5].punches if p.minute == 13 * 60 + 40][0]
    _key(qtbot, win, "annul",
         form={"punch": third.id, "reason": "Doppia timbratura"})
    row = _row(win, MON)
    assert row[2] == "E 07:50  U 13:30  U 13:40 (annullata)"
    assert row[6] == "Ritardo di 20 min (entrata alle 07:50)"
    assert _count(db_path, "staff_punch") == 3
    assert "dall'inizio dell'anno scolastico" in win.summary_label.text()


def test_every_button_has_its_shortcut(qtbot, db):
    from iiss_desktop.ui.staff.attendance import AttendanceWindow

    win = AttendanceWindow(db)
    qtbot.addWidget(win)
    keys = {a.objectName(): a.shortcut().toString() for a in win.actions()}
    assert keys == {"newAction": "Ctrl+N", "annulAction": "Ctrl+Shift+U",
                    "hoursAction": "Ctrl+M", "annul_hoursAction": "Ctrl+Shift+M",
                    "importAction": "Ctrl+I", "settingsAction": "Ctrl+Shift+P",
                    "printAction": "Ctrl+P"}


def test_wrong_punch_file_lists_row_and_column(qtbot, db, tmp_path, monkeypatch):
    from iiss_desktop.ui.staff import attendance as window

    _rossi(db)
    bad = tmp_path / "timbrature.csv"
    bad.write_text("codice fiscale;data;ora;verso\nXX;31/02/2025;07:30;E\n", encoding="utf-8")
    monkeypatch.setattr(window, "choose_open_file", lambda parent: str(bad))
    dialog = window.PunchImportDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    rows = [[dialog.errors_table.item(r, c).text() for c in range(2)]
            for r in range(dialog.errors_table.rowCount())]
    assert rows == [["2", "codice fiscale"], ["2", "data"]]
    assert not dialog.import_button.isEnabled()


def test_the_personale_tab_opens_the_window(qtbot, db, monkeypatch):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff import attendance
    from iiss_desktop.ui.staff.tab import StaffTab

    opened = []
    monkeypatch.setattr(attendance.AttendanceWindow, "exec",
                        lambda self: opened.append(self.windowTitle()))
    tab = StaffTab(db, AppEvents())
    qtbot.addWidget(tab)
    action = next(a for a in tab.all_actions() if a.text() == "Presenze e cartellino…")
    assert action.shortcut().toString() == "Ctrl+Shift+T"
    action.trigger()
    assert opened == ["Presenze e cartellino"]


def test_hour_rows_by_hand_and_the_settings(qtbot, db, db_path):
    """A correction of -0:30 is saved and shown; 5 h of ore eccedenti paid with no credit are
    refused on «Ore», nothing saved; the correction annulled stays, marked. The tolerance
    raised to 30 minutes makes the 20 minutes late of Monday 6/10 no ritardo (the minutes
    still count: -0:20); 90 minutes is refused (from 0 to 60)."""
    from iiss_desktop.ui.staff.attendance import AttendanceWindow

    rossi = _rossi(db)
    win = AttendanceWindow(db, person_id=rossi, month="2025-10", today=date(2025, 10, 31))
    qtbot.addWidget(win)
    win.show()
    _key(qtbot, win, "new", form={"day": MON, "minute": "07:50", "direction": "E"})
    _key(qtbot, win, "new", form={"day": MON, "minute": "13:30", "direction": "U"})
    assert _row(win, MON)[6] == "Ritardo di 20 min (entrata alle 07:50)"

    seen = _key(qtbot, win, "hours", form={"day": MON, "kind": "correzione",
                                           "minutes": "-0:30", "reason": "Uscita non timbrata"})
    assert seen["errors"] == {}
    assert "06/10/2025 Correzione -0:30 (Uscita non timbrata)" in win.summary_label.text()
    seen = _key(qtbot, win, "hours", form={"day": MON, "kind": "pagate", "minutes": "5",
                                           "reason": "Straordinario"})
    assert "oltre le ore eccedenti disponibili" in seen["errors"]["minutes"]
    assert _count(db_path, "staff_hour_entry") == 1

    entry = win.month.manual[0].id
    _key(qtbot, win, "annul_hours", form={"entry": entry, "reason": "Inserita per errore"})
    assert "Correzione -0:30 (Uscita non timbrata) – annullato" in win.summary_label.text()
    assert _count(db_path, "staff_hour_entry") == 1

    seen = _key(qtbot, win, "settings", form={"tolerance": 90})
    assert seen["errors"] == {"tolerance": "La tolleranza va da 0 a 60 minuti."}
    _key(qtbot, win, "settings", form={"tolerance": 30})
    row = _row(win, MON)
    assert row[5] == "-0:20" and "Ritardo" not in row[6]
