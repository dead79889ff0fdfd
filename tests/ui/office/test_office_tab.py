"""The Ufficio tab: the day's visits with arrival and exit, the appointments with
«Arrivato…», and the tab closed to a user without the register."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from iiss_desktop.queries.office import visits_of_day
from iiss_desktop.services.users import act_as
from iiss_desktop.ui.events import AppEvents


def _tab(qtbot, db):
    from iiss_desktop.ui.office.tab import OfficeTab

    tab = OfficeTab(db, AppEvents())
    qtbot.addWidget(tab)
    return tab


def _select(page, column: int, text: str) -> None:
    model = page.table.model()
    for r in range(model.rowCount()):
        if model.index(r, column).data() == text:
            page.table.selectRow(r)
            return
    raise AssertionError(text)


def test_arrival_and_exit_from_the_register(qtbot, demo_db, answer_forms):
    tab = _tab(qtbot, demo_db)
    page = tab.visits
    before = page.model.rowCount()
    answer_forms({"visitor_name": "Ottavio Provadiurno", "birth_date": date(1970, 5, 1),
                  "residence": "Via Prova 1", "phone": "3", "purpose": "Ritiro documenti",
                  "person_visited": "Sig.ra Neri", "office": "Protocollo", "time_in": "00:00",
                  "privacy_notice": True})
    page.arrival()      # at midnight: «Uscita» records now, never before it, whatever the hour
    assert page.model.rowCount() == before + 1
    _select(page, 2, "Ottavio Provadiurno")
    assert page.table.model().index(page.table.currentIndex().row(), 1).data() == ""
    exit_action = next(a for a in page.all_actions() if a.text() == "Uscita")
    assert exit_action.isEnabled() and exit_action.shortcut().toString() == "Ctrl+U"
    exit_action.trigger()
    (visit,) = [v for v in visits_of_day(demo_db, date.today())
                if v.visitor_name == "Ottavio Provadiurno"]
    assert visit.time_out is not None and visit.office == "Protocollo"
    assert "conservazione: 14 giorni (valore predefinito)" in page.intro_text


def test_an_appointment_arrives(qtbot, demo_db, answer_forms):
    tab = _tab(qtbot, demo_db)
    tab.pages.setCurrentWidget(tab.appointments)
    page = tab.appointments
    answer_forms({"office": "DSGA", "day": date(2026, 12, 14), "slot_start": "12:00",
                  "slot_end": "12:30", "visitor_name": "Ersilia Appuntata", "phone": "1",
                  "purpose": "Colloquio", "person_to_meet": "DSGA"})
    page.book()
    page.set_day(date(2026, 12, 14))
    _select(page, 2, "Ersilia Appuntata")
    answer_forms({"visitor_name": "", "birth_date": None, "residence": "Via A", "phone": "",
                  "purpose": "", "person_visited": "", "office": "", "time_in": "12:02",
                  "privacy_notice": True})
    page.arrived()
    _select(page, 2, "Ersilia Appuntata")
    assert page.table.model().index(page.table.currentIndex().row(), 6).data() == "Arrivato"
    (visit,) = visits_of_day(demo_db, date(2026, 12, 14))
    assert (visit.visitor_name, visit.office, visit.person_visited) == (
        "Ersilia Appuntata", "DSGA", "DSGA")


def test_the_tab_is_closed_to_a_collaboratore(qtbot, main_window):
    act_as(main_window.db, "collaboratore")
    main_window._on_user_changed(None)
    page = main_window.tab("Ufficio")
    assert page.objectName() == "missingPermission"
    assert "Appuntamenti e registro dei visitatori" in page.text()
    QApplication.processEvents()


def test_the_window_purges_the_register_once_it_is_up(qtbot, demo_db, demo_path):
    import sqlite3
    from datetime import timedelta

    from iiss_desktop.services.office import set_retention_days
    from iiss_desktop.ui.main_window import MainWindow

    set_retention_days(demo_db, 3)          # the demo's purge of today kept 14 days

    def purges():
        with sqlite3.connect(demo_path) as con:
            return con.execute("SELECT count(*), max(through_day) FROM office_purge").fetchone()

    assert purges()[0] == 1
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: purges()[0] == 2)
    assert purges()[1] == (date.today() - timedelta(days=4)).isoformat()
    with sqlite3.connect(demo_path) as con:
        (older,) = con.execute("SELECT count(*) FROM office_visit WHERE day <= ?",
                               ((date.today() - timedelta(days=4)).isoformat(),)).fetchone()
    assert older == 0
