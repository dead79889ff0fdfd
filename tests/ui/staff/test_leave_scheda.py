"""The «Ferie e permessi» tabs of a person's scheda with real widgets on a real archive: the
balances of the newest school year and the ledger line by line, read-only. Figures by hand:
five days of 7 h 12 from 1/9/2020, long service: 32 days; a week of ferie 12-16/7/2021 costs
5 × 1,2 = 6: 26 left, worth 26 ÷ 1,2 = 21,67 days off."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.services.staff import leave
from tests.services.staff.test_leave import _person

pytestmark = pytest.mark.usefixtures("errors_raise")


def test_the_scheda_shows_the_balances_and_the_ledger(qtbot, db):
    from iiss_desktop.services import school
    from iiss_desktop.ui.staff.person import person_scheda_dialog

    pid = _person(db, school.save_site(db, {"code": "SEDE", "name": "Sede centrale"}))
    leave.allocate_year(db, pid, 2020, on=date(2020, 9, 1))
    leave.record_absence(db, pid, "ferie", date(2021, 7, 12), date(2021, 7, 16))
    dlg = person_scheda_dialog(None, db, pid)
    qtbot.addWidget(dlg)
    tabs = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    assert "Ferie e per&messi" in tabs and "Movimen&ti di ferie e permessi" in tabs
    balances = dlg.extra_tables["Ferie e per&messi"].model()
    assert balances.rowCount() == 7            # the seven accounts allocated every year
    first = [balances.index(0, c).data() for c in range(4)]
    assert first[:3] == ["a.s. 2020/21", "Ferie", "26 gg"]
    assert "vale 21,67 giorni di assenza" in first[3]
    lines = dlg.extra_tables["Movimen&ti di ferie e permessi"].model()
    use = [lines.index(1, c).data() for c in range(6)]
    assert use[0] == "12/07/2021" and use[2] == "Fruizione"
    assert use[4:] == ["-6 gg", "26 gg"]


def test_the_scheda_lists_the_requests_and_prints_the_decree_of_an_approved_one(
        qtbot, db, monkeypatch):
    from iiss_desktop.services import school
    from iiss_desktop.services.staff import absence_requests as requests
    from iiss_desktop.ui.common import printing
    from iiss_desktop.ui.staff.person import person_scheda_dialog
    from tests.helpers.pdf import pdf_flat

    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    pid = _person(db, school.save_site(db, {"code": "SEDE", "name": "Sede centrale"}))
    leave.allocate_year(db, pid, 2020, on=date(2020, 9, 1))
    approved = requests.record_request(db, pid, "ferie", date(2021, 7, 12), date(2021, 7, 16))
    requests.approve_request(db, approved, on=date(2021, 6, 3))
    requests.record_request(db, pid, "ferie", date(2021, 8, 2))
    dlg = person_scheda_dialog(None, db, pid)
    qtbot.addWidget(dlg)
    tabs = [dlg.tabs.tabText(i).replace("&", "") for i in range(dlg.tabs.count())]
    dlg.tabs.setCurrentIndex(tabs.index("Assenze e richieste"))
    table = dlg.extra_tables["Assen&ze e richieste"]
    rows = [[table.model().index(r, c).data() for c in (0, 3)]
            for r in range(table.model().rowCount())]
    # the waiting request first
    assert rows == [["02/08/2021", "In attesa di decisione"],
                    ["dal 12/07/2021 al 16/07/2021", "Approvata"]]
    decree = dlg.table_actions["printDecree"]
    assert decree.shortcut().toString() == "Ctrl+D"
    table.selectRow(0)
    decree.trigger()
    assert "per le richieste approvate" in dlg.action_message.text() and not opened
    table.selectRow(1)
    decree.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    assert "Rossi Maria" in pdf_flat(opened[-1]) and "DECRETA" in pdf_flat(opened[-1])
