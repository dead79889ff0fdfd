"""The «Emergenza» window with real widgets on a real archive: a cleaning entry through its form
(Ctrl+N on the page shown), an entry without a locale refused in the form with the field named
and nothing saved, an annulment that asks its reason; the simulation dialog with the figure
worked out by hand, over budget in red; a new USR note; a collaboratore sees only what the
register needs; the Personale tab opens the window with Ctrl+Shift+E."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.helpers.ui import fill_next_form, on_next_modal, table_snapshot
from tests.services.staff.test_emergency import TABLES, _person, sites, year_2020  # noqa: F401

pytestmark = pytest.mark.usefixtures("errors_raise")


def _count(path, table):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _window(qtbot, db, page="budget"):
    from iiss_desktop.ui.staff.emergency import EmergencyWindow

    win = EmergencyWindow(db, page=page)
    qtbot.addWidget(win)
    return win


def _activate(win, qtbot):
    win.show()
    win.activateWindow()
    assert QTest.qWaitForWindowActive(win)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def test_a_cleaning_entry_through_the_form_with_ctrl_n(qtbot, db, db_path, sites):  # noqa: F811
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    win = _window(qtbot, db, "cleaning")
    page = win.pages["cleaning"]
    assert page.model.rowCount() == 0 and page.area.is_empty_shown()
    _activate(win, qtbot)
    seen = fill_next_form(qtbot, {"employee_id": rossi, "time": "09:40",
                                  "site_id": sites["SEDE"],
                                  "place": "Servizi igienici piano terra",
                                  "action": "igienizzazione", "product": "Cloro attivo 0,1 %"},
                          delay_ms=400)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key_N, Qt.ControlModifier)
    # A button's shortcut clicks it as the mouse would (animateClick): the form opens soon
    # after; only the page shown answers Ctrl+N.
    qtbot.waitUntil(lambda: "errors" in seen, timeout=5000)
    assert seen["title"] == "Nuova registrazione nel registro delle pulizie"
    assert seen["errors"] == {} and seen["banner"] == ""
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "09:40"
    assert page.model.index(0, 3).data() == "Servizi igienici piano terra"
    assert page.model.index(0, 6).data() == "Rossi Maria"
    assert win.status.text() == "Intervento registrato nel registro delle pulizie."
    assert _count(db_path, "staff_cleaning") == 1


def test_an_entry_without_its_locale_is_refused_naming_the_field(qtbot, db, db_path,
                                                                 sites):  # noqa: F811
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    win = _window(qtbot, db, "cleaning")
    page = win.pages["cleaning"]
    before = table_snapshot(db_path, TABLES)
    seen = fill_next_form(qtbot, {"employee_id": rossi, "time": "09:40",
                                  "site_id": sites["SEDE"], "place": "",
                                  "action": "pulizia_ordinaria"})
    page.buttons["new"].click()
    assert seen["errors"] == {"room_id": "Il campo «Locale» è obbligatorio: scegliere il "
                                         "locale dall'elenco o scriverlo in «Altro locale»."}
    # a sanitisation without its product, at a time that does not exist: both named at once
    seen = fill_next_form(qtbot, {"employee_id": rossi, "time": "9.75",
                                  "site_id": sites["SEDE"], "place": "Palestra",
                                  "action": "sanificazione"})
    page.buttons["new"].click()
    assert set(seen["errors"]) == {"time", "product"}
    assert "indicare il prodotto utilizzato" in seen["errors"]["product"]
    assert table_snapshot(db_path, TABLES) == before and page.model.rowCount() == 0


def test_an_annulment_asks_its_reason_and_keeps_the_row_marked(qtbot, db, db_path,
                                                              sites):  # noqa: F811
    from iiss_desktop.services.staff import cleaning

    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    cleaning.record_cleaning(db, {"employee_id": rossi, "day": date.today(), "time": "08:00",
                                  "site_id": sites["SEDE"], "place": "Aula 1A",
                                  "action": "aerazione"})
    win = _window(qtbot, db, "cleaning")
    page = win.pages["cleaning"]
    assert not page.buttons["annul"].isEnabled()         # nothing selected
    page.table.selectRow(0)
    assert page.buttons["annul"].isEnabled()
    seen = fill_next_form(qtbot, {"annul_reason": ""})
    page.buttons["annul"].click()
    assert seen["errors"] == {"annul_reason": "Il campo «Motivo dell'annullamento» è "
                                              "obbligatorio."}
    fill_next_form(qtbot, {"annul_reason": "Registrata due volte"})
    page.buttons["annul"].click()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 8).data().endswith("Registrata due volte")
    assert "0 interventi" in page.summary.text() and "1 annullati" in page.summary.text()
    assert _count(db_path, "staff_cleaning") == 1


def test_the_simulation_shows_the_figure_worked_out_by_hand(qtbot, db, year_2020):  # noqa: F811
    win = _window(qtbot, db)
    page = win.pages["budget"]
    assert page.year.currentData() == 2020
    # 22.000 - (2.893,40 + 15.193,12) = 3.913,48
    assert "residuo <b>3.913,48\u00a0€</b>" in page.summary.text()
    assert page.charges_model.rowCount() == 2
    assert page.charges_model.index(1, 4).data() == "269 gg × 56,48\u00a0€ = 15.193,12\u00a0€"
    results = []

    def steps(dialog):
        form = dialog.form
        # 28 × 56,48 = 1.581,44; 3.913,48 - 1.581,44 = 2.332,04
        form.load({"profile": "CS", "starts_on": date(2021, 2, 1), "ends_on": date(2021, 2, 28),
                   "part_time_percent": 100})
        dialog.compute_button.click()
        results.append(dialog.result.text())
        # 1/2 - 30/4: 89 × 56,48 = 5.026,72, over the 3.913,48 left by 1.113,24
        form.load({"ends_on": date(2021, 4, 30)})
        QTest.keyClick(form.editors["part_time_percent"], Qt.Key_Return)
        results.append(dialog.result.text())
        form.load({"ends_on": date(2021, 7, 15)})        # past the end of lessons
        dialog.compute_button.click()
        results.append(form.error_text("ends_on"))

    on_next_modal(steps)
    page.buttons["simulate"].click()
    assert "28 gg × 56,48\u00a0€ = 1.581,44\u00a0€" in results[0]
    assert "Residuo dopo l'assunzione: <b>2.332,04\u00a0€</b>" in results[0]
    assert "coperta dal budget" in results[0]
    assert "89 gg × 56,48\u00a0€ = 5.026,72\u00a0€" in results[1]
    assert "-1.113,24\u00a0€" in results[1] and "non è coperta" in results[1]
    assert "#a61b1b" in results[1]
    assert "entro il 30/06/2021" in results[2]


def test_a_new_usr_note_and_a_daily_cost_from_the_budget_page(qtbot, db, year_2020):  # noqa: F811
    win = _window(qtbot, db)
    page = win.pages["budget"]
    seen = fill_next_form(qtbot, {"kind": "riduzione", "amount": Decimal("500.00"),
                                  "note_number": "AOODRLA 40001",
                                  "note_date": date(2021, 2, 3)})
    page.buttons["new"].click()
    assert seen["errors"] == {}
    assert page.model.rowCount() == 3
    assert page.model.index(2, 4).data() == "-500,00\u00a0€"
    assert "Budget a.s. 2020/21: <b>21.500,00\u00a0€</b>" in page.summary.text()
    seen = fill_next_form(qtbot, {"profile": "CS", "daily_cost": Decimal("0.00")})
    page.buttons["rate"].click()
    assert "maggiore di zero" in seen["errors"]["daily_cost"]


def test_a_collaboratore_sees_the_register_and_not_the_budget(qtbot, demo_db):
    from iiss_desktop.services.users import act_as
    from iiss_desktop.ui.staff.emergency import MissingPermission

    act_as(demo_db, "collaboratore")
    win = _window(qtbot, demo_db, "cleaning")
    assert isinstance(win.pages["budget"], MissingPermission)
    assert isinstance(win.pages["training"], MissingPermission)
    page = win.pages["cleaning"]
    assert page.model.rowCount() > 0 and page.buttons["new"].isEnabled()
    act_as(demo_db, "revisore")
    win = _window(qtbot, demo_db, "cleaning")
    assert not win.pages["cleaning"].buttons["new"].isEnabled()
    assert "«Registro delle pulizie e sanificazioni»" in \
        win.pages["cleaning"].buttons["new"].toolTip()
    assert not win.pages["training"].buttons["new"].isEnabled()


def test_the_personale_tab_opens_the_window_with_ctrl_shift_e(qtbot, demo_db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff.tab import StaffTab

    tab = StaffTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    action = next(a for a in tab.all_actions() if a.text() == "Emergenza…")
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    titles = []
    on_next_modal(lambda dialog: titles.append((dialog.windowTitle(),
                                                dialog.tabs.count())))
    action.trigger()
    assert titles == [("Emergenza: organico Covid, pulizie, formazione", 3)]


def test_a_collaboratore_fills_the_register_from_the_personale_tab(qtbot, demo_db):
    """The collaboratori cannot read the staff area; their Personale tab is the register of
    cleaning alone, where they record what they did."""
    from iiss_desktop.services.users import act_as
    from iiss_desktop.ui.main_window import MainWindow, MissingPermissionPage
    from iiss_desktop.ui.staff.cleaning_tab import CleaningTab

    act_as(demo_db, "collaboratore")
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("Personale e turni")
    assert isinstance(tab, CleaningTab)
    before = tab.model.rowCount()
    assert before > 0 and tab.page.buttons["new"].isEnabled()
    assert "Registro delle pulizie e sanificazioni" in tab.findChild(QLabel).text()
    # «Nuova registrazione…» opens the form; one entry is recorded.
    from iiss_desktop.queries.school import list_sites
    from iiss_desktop.queries.staff_cleaning import cleaning_staff

    sede = next(site.id for site in list_sites(demo_db) if site.code == "SEDE")  # her grant
    bianchi = next(p.id for p in cleaning_staff(demo_db) if p.name.endswith("Bianchi")
                   or p.name.startswith("Bianchi"))
    seen = fill_next_form(qtbot, {"employee_id": bianchi, "time": "07:45", "site_id": sede,
                                  "place": "Bagni piano terra", "action": "sanificazione",
                                  "product": "Ipoclorito 0,1 %"})
    tab.page.buttons["new"].click()
    assert seen["errors"] == {}
    assert tab.model.rowCount() == before + 1
    new = [r for r in tab.page.rows if r.place == "Bagni piano terra"]
    assert len(new) == 1 and "Bianchi" in new[0].person and new[0].time == "07:45"
    # The Fondi tab, still closed to them, says which permission is missing.
    assert isinstance(window.tab("Fondi"), MissingPermissionPage)
    act_as(demo_db, "revisore")          # sola lettura: the whole Personale tab
    other = MainWindow(demo_db)
    qtbot.addWidget(other)
    assert not isinstance(other.tab("Personale e turni"), (CleaningTab, MissingPermissionPage))
