"""Impostazioni › Scadenze on real widgets: an extension recorded with its act shows the date
in force (15/05/2027 is a Saturday: the office is closed, so Monday 17/05/2027); «Ripristina»
goes back to the ordinary 15/03/2027. Opened also from Fondi › Programma Annuale."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.ui.settings import dialog as settings_dialog
from iiss_desktop.ui.settings.dialog import SettingsDialog
from tests.helpers.ui import fill_next_form, on_next_modal, save_screenshot

pytestmark = pytest.mark.usefixtures("errors_raise")
NOTE = "Nota MI prot. n. 1234 del 10/03/2027"


def _row(page, key: str) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.row_id(r) == key)


def test_an_extension_and_its_restore(qtbot, db, monkeypatch):
    dialog = SettingsDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    dialog.tabs.setCurrentWidget(dialog.deadlines_page)
    page = dialog.deadlines_page
    page.year_edit.setValue(2027)
    assert page.model.rowCount() == 6
    page.table.selectRow(_row(page, "consuntivo-predisposizione"))
    seen = fill_next_form(qtbot, {"due": date(2027, 5, 15), "note": NOTE})
    page.edit()
    assert not seen["errors"]
    row = page.model.row(_row(page, "consuntivo-predisposizione"))
    assert (row[1], row[2]) == (date(2027, 3, 15), date(2027, 5, 17))
    assert row[4] == (f"Prorogata dal 15/03/2027 ({NOTE}); scadenza del 15/05/2027 in giorno "
                      "di chiusura")
    dialog.show()
    qtbot.wait(50)
    save_screenshot(dialog, "settings_deadlines.png")

    monkeypatch.setattr(settings_dialog, "ask_confirm", lambda *a: True)
    page.table.selectRow(_row(page, "consuntivo-predisposizione"))
    page.restore()
    row = page.model.row(_row(page, "consuntivo-predisposizione"))
    assert (row[2], row[4]) == (date(2027, 3, 15), "")


def test_a_date_before_the_ordinary_one_is_refused_on_its_field(qtbot, db):
    dialog = SettingsDialog(None, db)
    qtbot.addWidget(dialog)
    page = dialog.deadlines_page
    page.year_edit.setValue(2027)
    page.table.selectRow(_row(page, "assestamento"))
    seen = fill_next_form(qtbot, {"due": date(2027, 6, 1), "note": NOTE})
    page.edit()
    assert seen["errors"] == {"due": "Una proroga sposta la scadenza dopo il 30/06/2027."}


def test_the_funds_menu_opens_the_page(qtbot, db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.tab import FundsTab

    tab = FundsTab(db, AppEvents())
    qtbot.addWidget(tab)
    action = next(a for a in tab.all_actions() if a.text() == "Scadenze e proroghe…")
    seen = {}

    def look(dialog):
        seen["page"] = dialog.tabs.tabText(dialog.tabs.currentIndex())
        dialog.reject()

    on_next_modal(look)
    action.trigger()
    assert seen["page"] == "Scadenze"
