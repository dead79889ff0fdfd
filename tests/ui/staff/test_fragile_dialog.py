"""«Lavoratore fragile…» on real widgets: the DSGA opens it from the Personale tab on the
selected person (Ctrl+Shift+R), records a giudizio through the form and annuls it with its
reason; each opening and each refresh is a read in the change log; an assistente
amministrativo finds the action disabled."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtGui import QKeySequence

from tests.helpers.ui import fill_next_form, on_next_modal, save_screenshot
from tests.services.staff.test_health import GIUDIZIO, PRESCRIPTION
from tests.services.staff.test_health import person as person  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("errors_raise")


def _tab(qtbot, db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff.tab import StaffTab

    tab = StaffTab(db, AppEvents())
    qtbot.addWidget(tab)
    return tab


def _reads(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM audit_log WHERE action = 'lettura'"
                           ).fetchone()[0]


def test_the_dsga_records_and_annuls_a_giudizio(qtbot, db, db_path, person):
    tab = _tab(qtbot, db)
    action = next(a for a in tab.all_actions() if a.text() == "Lavoratore fragile…")
    assert action.shortcut() == QKeySequence("Ctrl+Shift+R")
    tab.table.selectRow(0)
    assert action.isEnabled()
    seen = {}

    def steps(dialog):
        dialog.resize(1100, 420)
        assert dialog.windowTitle() == "Lavoratore fragile – Ferraro Anna"
        assert dialog.model.rowCount() == 0
        form = fill_next_form(qtbot, {k: v for k, v in GIUDIZIO.items()})
        dialog.new_button.click()
        seen["form"] = form
        seen["rows"] = [dialog.model.row(r) for r in range(dialog.model.rowCount())]
        dialog.show()
        qtbot.wait(50)
        save_screenshot(dialog, "staff_fragile.png")
        dialog.table.selectRow(0)
        fill_next_form(qtbot, {"annul_reason": "Registrato sulla persona sbagliata"})
        dialog.annul_button.click()
        seen["state"] = dialog.model.row(0)[7]
        dialog.reject()

    on_next_modal(steps)
    action.trigger()
    assert not seen["form"]["errors"]
    assert seen["rows"][0][1:3] == ("Lavoratore fragile: tutela riconosciuta", "Lavoro agile")
    assert seen["rows"][0][6] == PRESCRIPTION
    assert seen["state"] == (f"annullato il {date.today():%d/%m/%Y}: Registrato sulla "
                             "persona sbagliata")
    assert _reads(db_path) == 3        # the opening and the refresh after each change


def test_an_assistente_amministrativo_finds_it_disabled(qtbot, db, person):
    from iiss_desktop.domain.access import ASSISTENTE_AMMINISTRATIVO
    from tests.helpers.users import act_as_office

    act_as_office(db, "aa", roles=(ASSISTENTE_AMMINISTRATIVO,))
    tab = _tab(qtbot, db)
    tab.table.selectRow(0)
    action = next(a for a in tab.all_actions() if a.text() == "Lavoratore fragile…")
    assert not action.isEnabled()
    assert "Dati sanitari dei lavoratori fragili" in action.toolTip()
