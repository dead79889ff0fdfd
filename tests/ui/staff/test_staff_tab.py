"""The Personale tab with real widgets on a real archive: a new person and a contract from the
keyboard forms, refusals next to the field with nothing saved, the scheda with contracts,
patterns and history, a correction saved from the scheda."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt

from iiss_desktop.demo.staff import demo_codice_fiscale
from tests.helpers.ui import fill_next_form, on_next_modal
from tests.services.staff.test_roster import _pattern

pytestmark = pytest.mark.usefixtures("errors_raise")
CF = demo_codice_fiscale("Rossi", "Maria", "F", date(1970, 3, 12))


@pytest.fixture
def site(db):
    from iiss_desktop.services import school

    return school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})


def _tab(qtbot, db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff.tab import StaffTab

    tab = StaffTab(db, AppEvents())
    qtbot.addWidget(tab)
    return tab


def _count(path, table):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _action(tab, text):
    return next(a for a in tab.all_actions() if a.text() == text)


def test_a_new_person_then_a_contract_from_the_forms(qtbot, db, site, db_path):
    tab = _tab(qtbot, db)
    assert tab.model.rowCount() == 0
    seen = fill_next_form(qtbot, {"surname": "Rossi", "name": "Maria",
                                  "codice_fiscale": "RSSMRA70C52L71", "role": "CS",
                                  "site_id": site})
    _action(tab, "Nuovo dipendente…").trigger()
    assert "codice fiscale" in seen["errors"]["codice_fiscale"].lower()
    assert _count(db_path, "employee") == 0
    fill_next_form(qtbot, {"surname": "Rossi", "name": "Maria", "codice_fiscale": CF,
                           "role": "CS", "site_id": site})
    _action(tab, "Nuovo dipendente…").trigger()
    assert tab.model.rowCount() == 1
    assert tab.model.row(0)[3] == "nessun contratto in corso"
    tab.table.selectRow(0)
    # a supplenza to 30/6 that ends on 31/8 is refused naming «Fine del contratto»
    seen = fill_next_form(qtbot, {"kind": "determinato_3006", "starts_on": date(2026, 9, 1),
                                  "ends_on": date(2027, 8, 31), "part_time_percent": 100})
    _action(tab, "Nuovo contratto…").trigger()
    assert "termina il 30/6" in seen["errors"]["ends_on"]
    assert _count(db_path, "staff_contract") == 0
    fill_next_form(qtbot, {"kind": "indeterminato", "starts_on": date(2010, 9, 1),
                           "part_time_percent": 50})
    tab.table.selectRow(0)
    _action(tab, "Nuovo contratto…").trigger()
    assert tab.model.row(0)[3] == "Tempo indeterminato (50 %)"


def test_the_scheda_shows_contracts_patterns_and_history_and_saves_a_correction(
        qtbot, db, site):
    from iiss_desktop.services.staff import registry
    from iiss_desktop.ui.staff.person import person_scheda_dialog

    pid = registry.save_person(db, {"surname": "Rossi", "name": "Maria",
                                    "codice_fiscale": CF, "role": "CS", "site_id": site})
    registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2010, 9, 1))
    _pattern(db, pid, name="Turno antimeridiano")
    dlg = person_scheda_dialog(None, db, pid)
    qtbot.addWidget(dlg)
    assert dlg.title_label.text() == "<h2>Rossi Maria – Collaboratore scolastico</h2>"
    assert "Tempo indeterminato, dal 01/09/2010" in dlg.state_label.text()
    tabs = [dlg.tabs.tabText(i).replace("&", "") for i in range(dlg.tabs.count())]
    assert {"Contratti", "Orari settimanali", "Giornate modificate"} <= set(tabs)
    dlg.edit_form.editors["phone"].setText("06 1234567")
    assert dlg.save_edits()
    assert "Correzioni salvate (1)" in dlg.saved_label.text()
    from iiss_desktop.queries.staff_scheda import person_scheda

    s = person_scheda(db, pid)
    assert s.values["phone"] == "06 1234567"
    assert [h.kind for h in s.history] == ["Contratto", "Orario settimanale"]
    assert s.patterns == (("dal 01/09/2026 al 30/06/2027", "Turno antimeridiano", "36 h", "",
                           "in vigore"),)


def test_the_scheda_shows_the_35_hours_and_the_training_with_their_history(qtbot, db, site):
    from iiss_desktop.queries.staff_scheda import person_scheda
    from iiss_desktop.services.staff import registry, training
    from iiss_desktop.services.staff.art55 import annul_art55, grant_art55
    from iiss_desktop.ui.staff.person import person_scheda_dialog

    pid = registry.save_person(db, {"surname": "Rossi", "name": "Maria",
                                    "codice_fiscale": CF, "role": "CS", "site_id": site})
    registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2010, 9, 1))
    grant = grant_art55(db, pid, valid_from=date(2020, 9, 1), valid_to=date(2021, 6, 30),
                        school_conditions={"apertura_oltre_10_ore"}, staff_conditions={"turni"},
                        decided_on=date(2020, 9, 10), reference="Contratto d'istituto art. 12")
    annul_art55(db, grant, reason="Apertura ridotta a 9 ore")
    course = training.add_training(db, pid, course="Misure di prevenzione igienico-sanitarie",
                                   kind="emergenza_igiene", hours="1,5", day=date(2020, 9, 14),
                                   provider="RSPP d'istituto")
    s = person_scheda(db, pid)
    assert s.art55 == (("dal 01/09/2020 al 30/06/2021",
                        "Apertura oltre 10 ore al giorno per almeno 3 giorni a settimana; "
                        "Personale su più turni", "10/09/2020, Contratto d'istituto art. 12",
                        f"annullata il {date.today():%d/%m/%Y}: Apertura ridotta a 9 ore"),)
    assert s.training == (("14/09/2020", "Misure di prevenzione igienico-sanitarie",
                           "Formazione emergenza: igiene e prevenzione", "1,5",
                           "RSPP d'istituto", "valida"),)
    kinds = [h.kind for h in s.history]
    assert {"Settimana di 35 ore (art. 55)", "Annullamento delle 35 ore",
            "Formazione"} <= set(kinds)
    assert course
    dlg = person_scheda_dialog(None, db, pid)
    qtbot.addWidget(dlg)
    assert dlg.extra_tables["&35 ore (art. 55)"].model().rowCount() == 1
    assert dlg.extra_tables["&Formazione"].model().rowCount() == 1


def test_enter_on_a_row_opens_the_scheda(qtbot, db, site):
    from iiss_desktop.services.staff import registry

    registry.save_person(db, {"surname": "Rossi", "name": "Maria", "codice_fiscale": CF,
                              "role": "CS", "site_id": site})
    tab = _tab(qtbot, db)
    tab.table.selectRow(0)
    seen = {}
    on_next_modal(lambda d: seen.setdefault("title", d.title_label.text()))
    qtbot.keyClick(tab.table, Qt.Key_Return)
    assert "Rossi Maria" in seen["title"]


def test_the_35_hours_from_the_tab_need_a_condition_of_each_kind(qtbot, db, site, db_path):
    from iiss_desktop.queries.staff_roster import roster
    from iiss_desktop.services.staff import registry

    pid = registry.save_person(db, {"surname": "Rossi", "name": "Maria",
                                    "codice_fiscale": CF, "role": "CS", "site_id": site})
    tab = _tab(qtbot, db)
    tab.table.selectRow(0)
    period = {"valid_from": date(2026, 9, 1), "valid_to": date(2027, 6, 30),
              "reference": "Contratto integrativo d'istituto 2026/27"}
    # a school condition but no staff condition: refused in the banner, nothing saved
    seen = fill_next_form(qtbot, {**period, "apertura_oltre_10_ore": True})
    _action(tab, "35 ore (art. 55)…").trigger()
    assert seen["title"] == "Settimana di 35 ore (art. 55)"
    assert "su più turni o ha significative oscillazioni" in seen["banner"]
    assert _count(db_path, "staff_art55") == 0
    fill_next_form(qtbot, {**period, "apertura_oltre_10_ore": True, "turni": True})
    tab.table.selectRow(0)
    _action(tab, "35 ore (art. 55)…").trigger()
    assert _count(db_path, "staff_art55") == 1
    _pattern(db, pid, {wd: "07:30-14:30" for wd in range(5)})     # 5 × 7 h = 35 h
    view = roster(db, date(2026, 10, 5), date(2026, 10, 11))
    assert view.people[0].working_time == "35 ore (art. 55)"
