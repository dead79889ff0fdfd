"""«Proponi turni…» in the roster window with real widgets on a real archive: the solver runs
off the GUI thread, the proposal is shown against the roster with the changed cells
highlighted and counted, one plesso only is accepted (audited), the grid reloads, then the
other plesso; a cell fixed in the proposal stays so when recomputing; nothing is written
before accepting.

Week of Monday 5/10/2026 (a.s. 2026/27). Two plessi, SEDE (Rossi, Bianchi) and PRIM (Verdi,
Neri); everyone's pattern is 07:30-13:30 Monday to Saturday (36 h); both plessi now open
08:00-14:00 with one collaboratore; Neri is in ferie on Monday and Tuesday. By hand: every
worked cell must move to 08:00-14:00, so the cells that change are Rossi 6, Bianchi 6,
Verdi 6, Neri 4 = 22; accepting the PRIM writes Verdi's 6 and Neri's 4 = 10 cells, then
the SEDE the other 12."""
from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from iiss_desktop.services.staff import leave
from iiss_desktop.services.staff.roster import set_opening_hours
from iiss_desktop.ui.common import dialogs
from iiss_desktop.ui.staff import proposal as proposal_ui
from tests.helpers.ui import fill_next_form
from tests.services.staff.test_proposal import MON, SUN, _person

pytestmark = pytest.mark.usefixtures("errors_raise")

WED = MON + timedelta(days=2)
EIGHT_TO_TWO = {wd: "08:00-14:00" for wd in range(6)}


@pytest.fixture
def sites(db):
    from iiss_desktop.services import school

    return {code: school.save_site(db, {"code": code, "name": name})
            for code, name in (("SEDE", "Sede centrale"), ("PRIM", "Primaria Rodari"))}


@pytest.fixture
def school(db, sites):
    set_opening_hours(db, 2026, "SEDE", EIGHT_TO_TWO)
    set_opening_hours(db, 2026, "PRIM", EIGHT_TO_TWO)
    people = {"Rossi": _person(db, sites["SEDE"], "Rossi"),
              "Bianchi": _person(db, sites["SEDE"], "Bianchi", "Luca"),
              "Verdi": _person(db, sites["PRIM"], "Verdi", "Anna"),
              "Neri": _person(db, sites["PRIM"], "Neri", "Paolo")}
    leave.allocate_year(db, people["Neri"], 2026, on=date(2026, 9, 1))
    leave.record_absence(db, people["Neri"], "ferie", MON, MON + timedelta(days=1))
    return people


def _sql(path, query, *params):
    with sqlite3.connect(path) as con:
        return con.execute(query, params).fetchall()


def _window(qtbot, db):
    from iiss_desktop.ui.staff.roster import RosterWindow

    win = RosterWindow(db, start=MON)
    qtbot.addWidget(win)
    return win


def _propose(qtbot, win, monkeypatch):
    monkeypatch.setattr(proposal_ui, "propose_job", _short_job)
    fill_next_form(qtbot, {"period": "week"})
    win.findChild(QAction, "proposeAction").trigger()
    qtbot.waitUntil(lambda: win.proposal_window is not None, timeout=60_000)
    return win.proposal_window


def _short_job(db, start, end, fixed=(), time_limit=10.0, *, progress, cancel):
    """The real worker, with 5 seconds for the solver (the tests' own limit)."""
    return _real_job(db, start, end, fixed, 5.0, progress=progress, cancel=cancel)


_real_job = proposal_ui.propose_job


def _highlighted(pw) -> list:
    m = pw.model
    out = []
    for r in range(m.rowCount()):
        for c in range(len(m.days)):
            brush = m.index(r, c).data(Qt.BackgroundRole)
            if brush is not None and brush.color() == proposal_ui.CHANGED:
                out.append(m.key(m.index(r, c)))
    return out


def test_propose_see_the_diff_accept_one_plesso(qtbot, db, school, db_path, monkeypatch):
    win = _window(qtbot, db)
    assert win.model.index(0, 0).data() == "07:30-13:30"
    before_audit = _sql(db_path, "SELECT max(id) FROM audit_log")[0][0]
    pw = _propose(qtbot, win, monkeypatch)
    assert _sql(db_path, "SELECT count(*) FROM staff_roster_day") == [(0,)]   # nothing yet
    highlighted = _highlighted(pw)
    assert len(highlighted) == 22 == len(pw.result.changed)
    assert "22 celle cambiano" in pw.summary.text()
    names = {pid: name for pid, name in pw.result.names.items()}
    per_person = {names[pid]: sum(1 for p, _d in highlighted if p == pid) for pid in names}
    assert per_person == {"Rossi Maria": 6, "Bianchi Luca": 6, "Verdi Anna": 6,
                          "Neri Paolo": 4}
    neri_mon = pw.model.index(pw.model.people.index(school["Neri"]), 0)
    assert neri_mon.data() == "In ferie"
    assert neri_mon.data(Qt.BackgroundRole).color() == proposal_ui.ABSENT
    rossi_wed = pw.model.index(pw.model.people.index(school["Rossi"]), 2)
    assert rossi_wed.data() == "08:00-14:00 mattina"
    assert "Ora nei turni: 07:30-13:30" in rossi_wed.data(Qt.ToolTipRole)
    assert "coperti" in pw.explanations.toPlainText()

    # «Accetta il plesso…»: PRIM only
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a, **k: True)
    seen = fill_next_form(qtbot, {"plesso": "PRIM"})
    pw.findChild(QAction, "plessoAction").trigger()
    assert seen["title"] == "Accetta il plesso"
    qtbot.waitUntil(lambda: win.model.index(
        win.view.people.index(next(p for p in win.view.people if p.id == school["Verdi"])),
        0).data() == "08:00-14:00 mattina")

    days = _sql(db_path, "SELECT employee_id, day FROM staff_roster_day")
    assert len(days) == 10
    assert {pid for pid, _d in days} == {school["Verdi"], school["Neri"]}
    assert _sql(db_path, "SELECT DISTINCT start, \"end\", plesso FROM staff_roster_band") == [
        (480, 840, "PRIM")]
    # the SEDE stays on its patterns: Rossi and Bianchi still 07:30-13:30 on the grid
    row = {p.id: i for i, p in enumerate(win.view.people)}
    assert win.model.index(row[school["Rossi"]], 2).data() == "07:30-13:30"
    assert win.model.index(row[school["Bianchi"]], 0).data() == "07:30-13:30"
    # the audit log shows the accepted cells, with the reason of the proposal
    logged = _sql(db_path, "SELECT entity, after, reason FROM audit_log WHERE id > ? AND "
                           "entity = 'staff_roster_day'", before_audit)
    assert len(logged) == 10
    assert {r[2] for r in logged} == {"Proposta dei turni accettata"}
    audited = {(json.loads(a)["employee_id"], json.loads(a)["day"]) for _e, a, _r in logged}
    assert audited == {(pid, str(d)) for pid, d in days}
    bands = _sql(db_path, "SELECT count(*) FROM audit_log WHERE id > ? AND "
                          "entity = 'staff_roster_band'", before_audit)
    assert bands == [(10,)]
    # the window stays open on the SEDE still to accept: Rossi's and Bianchi's 12 cells
    assert pw.isVisible() and "12 celle cambiano" in pw.summary.text()
    assert len(_highlighted(pw)) == 12
    pw.findChild(QAction, "allAction").trigger()
    assert not pw.isVisible()
    assert _sql(db_path, "SELECT count(*) FROM staff_roster_day") == [(22,)]
    assert win.model.index(row[school["Rossi"]], 2).data() == "08:00-14:00 mattina"


def test_a_cell_fixed_in_the_proposal_stays_when_recomputing(qtbot, db, school, db_path,
                                                              monkeypatch):
    win = _window(qtbot, db)
    pw = _propose(qtbot, win, monkeypatch)
    first = pw.result
    row = pw.model.people.index(school["Rossi"])
    pw.table.setCurrentIndex(pw.model.index(row, 2))               # Rossi, Wednesday
    seen = fill_next_form(qtbot, {"bands": "09:00-15:00", "plesso": "SEDE"})
    pw.findChild(QAction, "editAction").trigger()
    assert seen["errors"] == {}
    cell = pw.model.index(row, 2)
    assert cell.data() == "09:00-15:00"
    assert cell.data(Qt.BackgroundRole).color() == proposal_ui.FIXED
    assert "1 cella fissata da ricalcolare" in pw.summary.text()
    assert not pw.buttons["all"].isEnabled()            # recompute first
    pw.findChild(QAction, "againAction").trigger()
    qtbot.waitUntil(lambda: pw.result is not first, timeout=60_000)
    cells = {(c.person_id, c.day): c for c in pw.result.proposal.cells}
    assert [(b.start, b.end) for b in cells[(school["Rossi"], WED)].bands] == [(540, 900)]
    assert (school["Rossi"], WED) in pw.result.changed
    assert pw.buttons["all"].isEnabled() == pw.result.proposal.feasible
    assert "ricalcolare" not in pw.summary.text()
    assert _sql(db_path, "SELECT count(*) FROM staff_roster_day") == [(0,)]


def test_cancel_discards_the_proposal(qtbot, db, school, db_path):
    """«Annulla» while solving: the answer that arrives is dropped, no window opens."""
    win = _window(qtbot, db)
    got = []
    handle = proposal_ui.start_proposal(win, db, MON, SUN, got.append, time_limit=5)
    handle.cancel()
    assert handle.wait_done(60_000)
    assert got == [] and win.proposal_window is None
    assert _sql(db_path, "SELECT count(*) FROM staff_roster_day") == [(0,)]


def test_an_error_reaches_the_error_dialog_not_a_traceback(qtbot, db, sites, monkeypatch):
    """No opening hours: the service refuses in words; the clerk sees that message."""
    shown = []
    monkeypatch.setattr(dialogs, "show_exception",
                        lambda parent, exc, tb=None: shown.append(
                            getattr(exc, "message", str(exc))))
    win = _window(qtbot, db)
    handle = proposal_ui.start_proposal(win, db, MON, SUN, lambda r: None, time_limit=5)
    assert handle.wait_done(60_000)
    assert len(shown) == 1 and "orario di apertura" in shown[0]
