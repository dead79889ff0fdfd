"""«Sostituzione…» with real widgets on a real archive: the requests window shows from which day
a supplente may serve for an approved absence and opens its scheda (Ctrl+Shift+S); there a
cover with ore eccedenti through its form (Ctrl+N), one beyond the hours refused in the form
with nothing saved, the annulment with its reason (Ctrl+Shift+U), the motivated derogation
(Ctrl+D) moving the supplente to the first day.

Figures by hand (L. 190/2014 art. 1 c.332; CCNL 2007 art. 51): Verdi, collaboratrice, absent
for matrimonio Monday 12/7 - Monday 26/7/2021: supplente from day 8, Monday 19/7. Bianchi, on
six days of 6 h, can give 9 - 6 = 3 h on Monday 12/7; after a cover of 2 h, 1 h."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from iiss_desktop.services.staff import absence_requests as requests
from tests.services.staff.test_leave import SIX, _person
from tests.ui.staff.test_absence_requests_window import _cells, _count, _key

pytestmark = pytest.mark.usefixtures("errors_raise")
MON, END = date(2021, 7, 12), date(2021, 7, 26)


def _staff(db):
    from iiss_desktop.services import school

    site = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    verdi = _person(db, site, surname="Verdi", name="Anna", role="CS", days=SIX)
    bianchi = _person(db, site, surname="Bianchi", name="Luca", role="CS", days=SIX,
                      born=date(1971, 4, 2))
    rid = requests.record_request(db, verdi, "matrimonio", MON, END)
    return verdi, bianchi, requests.approve_request(db, rid, on=date(2021, 7, 1))


def _show(qtbot, win):
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    assert QTest.qWaitForWindowActive(win)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def test_the_requests_window_says_when_a_supplente_may_serve(qtbot, db, monkeypatch):
    from iiss_desktop.ui.staff import substitution
    from iiss_desktop.ui.staff.absence_requests import AbsenceRequestsWindow

    _staff(db)
    win = AbsenceRequestsWindow(db, today=date(2021, 7, 1))
    _show(qtbot, win)
    assert _cells(win, 6) == ["Dal 19/07/2021"]
    opened = []
    monkeypatch.setattr(substitution.SubstitutionWindow, "exec",
                        lambda self: opened.append(self.windowTitle()))
    win.table.selectRow(0)
    _key(qtbot, win, Qt.Key_S, Qt.ControlModifier | Qt.ShiftModifier)
    assert opened == ["Sostituzione – Verdi Anna"]


def test_cover_and_derogation_from_the_keyboard(qtbot, db, db_path):
    from iiss_desktop.ui.staff.substitution import SubstitutionWindow

    _verdi, bianchi, absence = _staff(db)
    win = SubstitutionWindow(db, absence)
    _show(qtbot, win)
    assert "Supplente: Dal 19/07/2021." in win.intro_label.text()
    assert win.proposal_label.text() == ("Ore eccedenti disponibili il 12/07/2021: "
                                         "Bianchi Luca (3 h)")
    assert win.model.rowCount() == 0

    seen = _key(qtbot, win, Qt.Key_N, Qt.ControlModifier,
                form={"employee_id": bianchi, "minutes": "4"})
    assert "al massimo 3 h" in seen["errors"]["minutes"]
    assert _count(db_path, "staff_cover") == 0
    seen = _key(qtbot, win, Qt.Key_N, Qt.ControlModifier,
                form={"employee_id": bianchi, "minutes": "2", "note": "Piano terra"})
    assert seen["errors"] == {}
    assert _cells(win, 1) == ["2 h"] and _cells(win, 3) == ["Bianchi Luca"]
    assert win.proposal_label.text().endswith("Bianchi Luca (1 h)")

    win.table.selectRow(0)
    _key(qtbot, win, Qt.Key_U, Qt.ControlModifier | Qt.ShiftModifier,
         form={"annul_reason": "Registrata per errore"})
    assert _cells(win, 4) == ["annullata il " + date.today().strftime("%d/%m/%Y")
                              + ": Registrata per errore"]
    assert not win.buttons["annul"].isEnabled()

    _key(qtbot, win, Qt.Key_D, Qt.ControlModifier,
         form={"derogation": "sicurezza", "reason": "Unico collaboratore all'ingresso"})
    assert "Supplente: Dal 12/07/2021." in win.intro_label.text()
    assert not win.buttons["derogation"].isEnabled()
    assert win.buttons["annul_derogation"].isEnabled()

    win.day_combo.setCurrentIndex(1)
    assert win.proposal_label.text().startswith("Ore eccedenti disponibili il 13/07/2021")
