"""«Assenze e richieste» with real widgets on a real archive: a request through its form
(Ctrl+N), a permesso breve over half the day refused in the form with the field named and
nothing saved, the approval (Ctrl+Shift+A) writing the ferie use, a refusal (Ctrl+Shift+R)
that asks its reason, the state filter; the Personale tab opens the window.

Figures by hand: Rossi on five days of 7 h 12, 32 days of ferie; Monday 12 - Friday 16/7/2021
costs 5 × 1,20 = 6: 26 left. Half of 7 h 12 is 3 h 36: a permesso breve of 4 h is refused."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from iiss_desktop.services.staff import leave
from tests.helpers.ui import fill_next_form
from tests.services.staff.test_leave import FRI, MON, START, _balance, _person

pytestmark = pytest.mark.usefixtures("errors_raise")


def _count(path, table):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _key(qtbot, win, key, modifiers, form: dict | None = None) -> dict:
    """The shortcut typed on the list, the window active (a closed form may leave it not);
    with ``form``, the form it opens filled with those values and OK clicked."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    seen = fill_next_form(qtbot, form) if form is not None else {}
    QTest.keyClick(win.table, key, modifiers)
    return seen


def _cells(win, column):
    m = win.model
    return [m.index(r, column).data() for r in range(m.rowCount())]


def test_request_approve_refuse_and_filter(qtbot, db, db_path):
    from iiss_desktop.services import school
    from iiss_desktop.ui.staff.absence_requests import AbsenceRequestsWindow

    rossi = _person(db, school.save_site(db, {"code": "SEDE", "name": "Sede centrale"}))
    leave.allocate_year(db, rossi, 2020, on=START)
    win = AbsenceRequestsWindow(db, today=date(2021, 6, 1))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    assert QTest.qWaitForWindowActive(win)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.model.rowCount() == 0

    # a permesso breve of 4 h: refused in the form, the field named, nothing saved
    seen = _key(qtbot, win, Qt.Key_N, Qt.ControlModifier,
                form={"employee_id": rossi, "cause_id": "permesso_breve",
                      "starts_on": MON, "minutes": "4"})
    assert "al massimo 3 h 36 min su 7 h 12 min" in seen["errors"]["minutes"]
    assert _count(db_path, "staff_absence_request") == 0

    seen = _key(qtbot, win, Qt.Key_N, Qt.ControlModifier,
                form={"employee_id": rossi, "cause_id": "ferie", "starts_on": MON,
                      "ends_on": FRI})
    assert seen["errors"] == {} and seen["banner"] == ""
    assert _cells(win, 5) == ["In attesa di decisione"]
    assert _cells(win, 2) == ["dal 12/07/2021 al 16/07/2021"]

    win.table.selectRow(0)
    _key(qtbot, win, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert _cells(win, 5) == ["Approvata"]
    assert _balance(db, rossi, "ferie") == 2600               # 32 - 6

    # a second request, refused with its reason
    _key(qtbot, win, Qt.Key_N, Qt.ControlModifier,
         form={"employee_id": rossi, "cause_id": "ferie", "starts_on": date(2021, 7, 19)})
    assert win.selected().period == "19/07/2021"
    seen = _key(qtbot, win, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier,
                form={"decision_reason": ""})
    assert seen["errors"] == {"decision_reason": "Il campo «Motivo» è obbligatorio."}
    _key(qtbot, win, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier,
         form={"decision_reason": "Esigenze di servizio"})
    assert sorted(_cells(win, 5)) == ["Approvata", "Rifiutata"]
    assert _balance(db, rossi, "ferie") == 2600               # a refusal takes nothing

    win.state_combo.setCurrentIndex(win.state_combo.findData("rifiutata"))
    assert _cells(win, 2) == ["19/07/2021"]
    assert _cells(win, 7) == ["il 01/06/2021: Esigenze di servizio"]
    win.state_combo.setCurrentIndex(win.state_combo.findData("richiesta"))
    assert win.model.rowCount() == 0 and not win.buttons["approve"].isEnabled()


def test_the_personale_tab_opens_the_window(qtbot, db, monkeypatch):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff import absence_requests
    from iiss_desktop.ui.staff.tab import StaffTab

    opened = []
    monkeypatch.setattr(absence_requests.AbsenceRequestsWindow, "exec",
                        lambda self: opened.append(self.windowTitle()))
    tab = StaffTab(db, AppEvents())
    qtbot.addWidget(tab)
    action = next(a for a in tab.all_actions() if a.text() == "Assenze e richieste…")
    assert action.shortcut().toString() == "Ctrl+Shift+F"
    action.trigger()
    assert opened == ["Assenze e richieste del personale"]


def test_the_prints_of_the_window(qtbot, db, monkeypatch):
    """Ctrl+D prints the decree of the approved request selected; Ctrl+Shift+M asks the month
    and prints the absences by cause; Ctrl+Shift+E the summer plan, which names no cause."""
    from iiss_desktop.services import school
    from iiss_desktop.services.staff import absence_requests as requests
    from iiss_desktop.ui.common import printing
    from iiss_desktop.ui.staff.absence_requests import AbsenceRequestsWindow
    from tests.helpers.pdf import pdf_flat
    from tests.helpers.ui import answer_forms

    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    rossi = _person(db, school.save_site(db, {"code": "SEDE", "name": "Sede centrale"}))
    leave.allocate_year(db, rossi, 2020, on=START)
    requests.approve_request(db, requests.record_request(db, rossi, "ferie", MON, FRI),
                             on=date(2021, 6, 3))
    leave.record_absence(db, rossi, "malattia", date(2021, 7, 26), date(2021, 7, 27),
                         document_ref="PUC 1")
    win = AbsenceRequestsWindow(db, today=date(2021, 9, 6))
    qtbot.addWidget(win)
    win.show()

    def printed(key, modifiers) -> str:
        before = len(opened)
        _key(qtbot, win, key, modifiers)
        qtbot.waitUntil(lambda: len(opened) > before, timeout=30000)
        return pdf_flat(opened[-1])

    win.table.selectRow(0)
    text = printed(Qt.Key_D, Qt.ControlModifier)
    # five working days at 1,20 = 6 days of ferie
    assert "DECRETA" in text and "Rossi Maria" in text and "scalati 6 gg" in text

    asked = answer_forms(monkeypatch, lambda title, defaults: defaults)
    text = printed(Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    # the default month is the one before «today» (6/9/2021): August, no absence
    assert asked[-1].values == {"mese": "2021-08"} and "agosto 2021" in text
    answer_forms(monkeypatch, {"mese": "2021-07"})
    text = printed(Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    # July: 5 working days of ferie; malattia 26-27/7 counted in calendar days: 2
    assert "luglio 2021" in text and "Malattia" in text

    asked = answer_forms(monkeypatch, lambda title, defaults: defaults)
    text = printed(Qt.Key_E, Qt.ControlModifier | Qt.ShiftModifier)
    assert asked[-1].values == {"estate": 2021}
    assert "dal 12/07/2021 al 16/07/2021 (assente)" in text
    assert "dal 26/07/2021 al 27/07/2021 (assente)" in text and "Malattia" not in text
