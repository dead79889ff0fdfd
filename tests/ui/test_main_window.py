"""The main window on the demo database: every tab shows real rows; settings and printing work."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from iiss_desktop.queries.school import get_school_values
from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.main_window import MainWindow

TAB_TITLES = ["Home", "Personale e turni", "Fondi", "Acquisti", "Inventario", "Magazzino",
              "Ufficio"]


def test_main_window_has_the_five_areas_and_a_start_page(main_window):
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert titles == TAB_TITLES


@pytest.mark.parametrize("title", TAB_TITLES)
def test_every_tab_shows_demo_rows(main_window, title):
    tab = main_window.tab(title)
    if title == "Ufficio":
        # the register opens on today; on a Sunday or a holiday the office is closed and the
        # demo has no visits that day: its last open day has them
        from datetime import timedelta

        from iiss_desktop.queries.office import visits_of_day

        day = date.today()
        while not visits_of_day(main_window.db, day) and day > date.today() - timedelta(14):
            day -= timedelta(days=1)
        tab.visits.set_day(day)
    assert tab.model.rowCount() > 0
    assert not tab.table_area.is_empty_shown()


def test_staff_tab_lists_the_demo_staff_with_foreign_names(main_window):
    tab = main_window.tab("Personale e turni")
    surnames = {tab.model.row(r)[0] for r in range(tab.model.rowCount())}
    assert {"Ferri", "Dvořák", "Popescu", "Țurcanu"} <= surnames
    assert "Colonna" not in surnames            # the dirigente is not ATA staff
    tab.search.setText("dvorak")  # accents ignored by the search
    tab.search.flush()
    assert tab.model.rowCount() == 1
    # the 23 of demo/staff.py but the dirigente, and the collaboratrice of demo/staff_plan.py
    assert "1 di 23" in tab.count_label.text()


def test_home_lists_deadlines_and_closures(main_window):
    home = main_window.tab("Home")
    kinds = {home.model.row(r)[1] for r in range(home.model.rowCount())}
    assert "Scadenza" in kinds and "Chiusura" in kinds
    assert "Gianni Rodari" in home.heading.text()


def test_tabs_are_built_only_when_first_shown(qtbot, demo_db):
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    built = [getattr(w.tabs.widget(i), "area", None) for i in range(w.tabs.count())]
    assert built == ["home", None, None, None, None, None, None]


def test_italian_standard_buttons(qtbot):
    create_app()
    box = QDialogButtonBox(QDialogButtonBox.Cancel | QDialogButtonBox.Yes)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.Cancel).text().replace("&", "") == "Annulla"
    assert box.button(QDialogButtonBox.Yes).text().replace("&", "") == "Sì"


def test_settings_bad_code_shows_inline_error_and_saves_nothing(qtbot, demo_db):
    from iiss_desktop.ui.settings.dialog import SettingsDialog

    before, _ = get_school_values(demo_db)
    dlg = SettingsDialog(None, demo_db)
    qtbot.addWidget(dlg)
    page = dlg.school_page
    page.form.codice_meccanografico_edit.setText("RM123")
    page.form.codice_fiscale_edit.setText("12345678901")
    assert page.save() is False
    assert "RM123" in page.form.error_text("codice_meccanografico")
    assert "non valido" in page.form.error_text("codice_fiscale")
    after, _ = get_school_values(demo_db)
    assert after == before


def test_settings_saves_school_and_logo(qtbot, demo_db, tmp_path):
    from iiss_desktop.paths import resource_path
    from iiss_desktop.ui.settings.dialog import SettingsDialog

    dlg = SettingsDialog(None, demo_db)
    qtbot.addWidget(dlg)
    page = dlg.school_page
    page.form.denominazione_edit.setText("Istituto Comprensivo «Città di Velletri»")
    page.set_logo_file(str(resource_path("report_assets", "demo_logo.png")))
    assert page.save() is True
    values, logo = get_school_values(demo_db)
    assert values["denominazione"] == "Istituto Comprensivo «Città di Velletri»"
    assert logo.startswith(b"\x89PNG")


def test_settings_add_closure_day_to_calendar(qtbot, demo_db, answer_forms):
    from datetime import date

    from iiss_desktop.queries.school import list_calendar
    from iiss_desktop.ui.settings import dialog as settings

    dlg = settings.SettingsDialog(None, demo_db)
    qtbot.addWidget(dlg)
    page = dlg.calendar_page
    year = page.year_edit.value()
    day = date(year, 3, 19)

    answer_forms({"day": day, "kind": "chiusura", "description": "Chiusura per elezioni"})
    page.new()
    assert any(r.day == day and r.kind == "chiusura" for r in list_calendar(demo_db, year))
    assert page.model.view_row_of_id(day) is not None


def test_print_from_staff_tab_builds_the_pdf(main_window, qtbot, monkeypatch):
    from iiss_desktop.ui.common import printing

    opened: list[Path] = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    tab = main_window.tab("Personale e turni")
    job = printing.print_report(tab, main_window.db, "personale")
    qtbot.waitUntil(job.is_done, timeout=30000)
    assert job.failure is None
    assert opened and opened[0].exists()
    assert opened[0].read_bytes().startswith(b"%PDF")


def test_inventory_tab_lists_the_demo_goods(main_window):
    tab = main_window.tab("Inventario")
    registers = {tab.model.row(r)[0] for r in range(tab.model.rowCount())}
    assert {"beni mobili", "beni di terzi", "libri", "beni durevoli"} <= registers
    tab.search.setText("lavagna interattiva")
    tab.search.flush()
    assert tab.model.rowCount() == 9


def test_table_model_passes_the_model_tester(main_window, qtmodeltester):
    tab = main_window.tab("Inventario")
    qtmodeltester.check(tab.model)


def test_audit_dialog_lists_the_changes_of_the_year(qtbot, demo_db):
    from iiss_desktop.ui.audit_dialog import AuditDialog

    dlg = AuditDialog(None, demo_db)
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() > 50           # the demo build is in the log
    subjects = {dlg.model.row(r)[4].split()[0] for r in range(dlg.model.rowCount())}
    assert {"Istituto", "Plesso", "Locale", "Personale"} <= subjects
    dlg.search.setText("Popescu")
    dlg.search.flush()
    assert dlg.model.rowCount() == 1
    assert "Impronta attuale" in dlg.footer_label.text()


def test_main_window_makes_the_daily_automatic_backup(qtbot, demo_db, tmp_path, monkeypatch):
    from iiss_desktop import paths

    monkeypatch.setattr(paths, "backups_dir", lambda: tmp_path)
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    job = w.automatic_backup()
    qtbot.waitUntil(job.is_done, timeout=30000)
    assert job.failure is None
    copies = list(tmp_path.glob("demo-auto-*.db"))
    assert len(copies) == 1 and copies[0].with_name(copies[0].name + ".json").exists()


def test_window_remembers_its_last_tab(qtbot, demo_db):
    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.tab("Inventario")
    first.close()
    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    assert second.tabs.tabText(second.tabs.currentIndex()) == "Inventario"
    assert second.tabs.currentWidget().model.rowCount() > 0


def test_failed_automatic_backup_is_reported_in_the_status_bar(qtbot, demo_db, tmp_path,
                                                                 monkeypatch):
    from iiss_desktop import paths

    blocked = tmp_path / "non-una-cartella"
    blocked.write_text("un file, non una cartella")   # the backup cannot be written here
    monkeypatch.setattr(paths, "backups_dir", lambda: blocked)
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    job = w.automatic_backup()
    qtbot.waitUntil(job.is_done, timeout=30000)
    assert job.failure is not None
    assert "NON riuscita" in w.statusBar().currentMessage()


def test_actions_needing_a_selection_follow_a_reload(qtbot, demo_db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff.tab import StaffTab

    tab = StaffTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    action = tab.add_action("Apri", lambda: None, needs_selection=True)
    tab.table.selectRow(0)
    assert action.isEnabled()
    tab.refresh()
    assert tab.selected_id() is None and not action.isEnabled()


def test_carico_from_the_inventory_tab_adds_numbered_goods(main_window, monkeypatch,
                                                           answer_forms):
    from decimal import Decimal

    from iiss_desktop.ui.common.choices import room_choices
    from iiss_desktop.ui.inventory import tab as inventory_tab

    tab = main_window.tab("Inventario")
    before = tab.model.row_count_total()
    room = room_choices(main_window.db)[0].value
    shown: list[str] = []

    answer_forms(lambda title, values: {
        **values, "description": "Proiettore multimediale", "quantity": 2,
        "unit_value": Decimal("480.00"), "room_id": room, "universalita": False,
        "category": "Hardware", "supplier": None, "invoice_number": None,
        "invoice_date": None, "brand": None, "model": None, "serial_number": None,
        "owner": None})
    monkeypatch.setattr(inventory_tab.QMessageBox, "information",
                        staticmethod(lambda parent, title, text: shown.append(text)))
    tab.new_carico()
    assert tab.model.row_count_total() == before + 2
    assert "Numeri assegnati: dal n." in shown[0] and "Buono di carico n." in shown[0]


def test_discharge_of_selected_goods_from_the_tab(main_window, answer_forms):
    from datetime import date

    tab = main_window.tab("Inventario")
    from PySide6.QtCore import QItemSelectionModel

    tab.table.selectRow(0)
    tab.table.selectionModel().select(
        tab.model.index(1, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    chosen = tab.selected_ids()
    assert len(chosen) == 2

    asked = answer_forms({"decree_number": "88", "decree_date": date.today(),
                          "cause": "inservibilita", "reintegro": False, "attachments": None,
                          "motivation": "Guasti non riparabili, relazione del DSGA"})
    tab.discharge_selected()
    assert asked[0].title == "Discarico di 2 beni"
    statuses = {tab.model.row(r)[9] for r in range(tab.model.rowCount())
                if tab.model.row_id(r) in chosen}
    assert statuses == {"scaricato"}


def test_settings_change_the_dirigente_from_a_date_and_leave_the_dsga_to_the_handover(
        qtbot, demo_db):
    from iiss_desktop.queries.school import dirigente_on
    from iiss_desktop.ui.settings.dialog import DSGA_BY_HANDOVER, SettingsDialog
    from tests.helpers.ui import save_screenshot

    dlg = SettingsDialog(None, demo_db)
    qtbot.addWidget(dlg)
    page = dlg.school_page
    old = page.form.editors["dirigente"].text()
    # The demo records its consegnatario: the DSGA changes only with a passaggio di consegne.
    assert not page.form.editors["dsga"].isEnabled()
    assert page.form.editors["dsga"].toolTip() == DSGA_BY_HANDOVER
    assert page.dsga_note.text() == DSGA_BY_HANDOVER and not page.dsga_note.isHidden()
    dlg.resize(1366, 768)
    dlg.show()
    save_screenshot(dlg, "settings-school.png")
    page.form.editors["dirigente"].setText("Dott. Paolo Serra")
    page.form.editors["dirigente_from"].line_edit.setText("01/09/2025")
    assert page.save() is True
    assert dirigente_on(demo_db, date(2025, 8, 31)) == old
    assert dirigente_on(demo_db, date(2025, 9, 1)) == "Dott. Paolo Serra"
