"""The Ufficio tab's «Comunicazioni», «Monitoraggi» and «Referenti Covid» pages driven as the
clerk would: a communication registered and annulled, a survey created, gathered, a figure
corrected on its sheet, verified, exported and sent (which lands in the register)."""
from __future__ import annotations

from datetime import date

from iiss_desktop.queries.office_comms import communications, site_choices, surveys
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


def _action(page, text: str):
    return next(a for a in page.all_actions() if a.text() == text)


def test_the_pages_are_there_with_the_demo(qtbot, demo_db):
    tab = _tab(qtbot, demo_db)
    titles = [tab.pages.tabText(i) for i in range(tab.pages.count())]
    assert titles == ["Registro visitatori", "Appuntamenti", "Documenti", "Comunicazioni",
                      "Monitoraggi", "Referenti Covid"]
    assert tab.communications.model.rowCount() >= 12
    assert tab.referents.model.rowCount() >= 3
    assert "non dati sanitari" in tab.communications.intro


def test_a_communication_is_registered_and_annulled_from_the_page(qtbot, demo_db,
                                                                  answer_forms):
    tab = _tab(qtbot, demo_db)
    page = tab.communications
    tab.pages.setCurrentWidget(page)         # a page in the background reloads when shown
    before = page.model.rowCount()
    asked = answer_forms({"day": date(2021, 6, 1), "direction": "ricevuta", "body": "ASL",
                          "channel": "PEC", "subject": "Ottavio Prova: richiesta di contatti",
                          "summary": "", "protocol": "99/2021"})
    page.new()
    assert "Nessuna diagnosi" in asked[0].specs[5].help
    assert page.model.rowCount() == before + 1
    _select(page, 4, "Ottavio Prova: richiesta di contatti")
    answer_forms({"reason": "Ente sbagliato"})
    _action(page, "Annulla comunicazione…").trigger()
    (row,) = [c for c in communications(demo_db) if c.protocol == "99/2021"]
    assert row.annulled and row.annul_reason == "Ente sbagliato"


def test_a_survey_goes_from_creation_to_sending(qtbot, demo_db, answer_forms, tmp_path):
    tab = _tab(qtbot, demo_db)
    page = tab.surveys
    tab.pages.setCurrentWidget(page)
    answer_forms({"title": "Prova fondi 2021", "body": "USR", "kind": "fondi",
                  "period_from": date(2021, 1, 1), "period_to": date(2021, 12, 31),
                  "deadline": date(2022, 1, 31), "reference": ""})
    page.new()
    _select(page, 1, "Prova fondi 2021")
    _action(page, "Raccogli i dati").trigger()
    _select(page, 1, "Prova fondi 2021")
    dlg = page.sheet_dialog()
    qtbot.addWidget(dlg)
    sheet = dlg.page
    assert sheet.model.rowCount() > 2
    sheet.table.selectRow(0)
    answer_forms({"value": "10,00", "note": "Verificato sul registro degli impegni"})
    _action(sheet, "Correggi dato…").trigger()
    assert "corretto (raccolto" in sheet.model.index(0, 4).data()
    from iiss_desktop.reports.office_comms import survey_table

    out = tmp_path / "scheda.csv"
    survey_table(demo_db, sheet.survey_id, out)
    text = out.read_text("utf-8-sig")
    assert "10,00" in text and "Verificato sul registro" in text
    _select(page, 1, "Prova fondi 2021")
    _action(page, "Verificata").trigger()
    _select(page, 1, "Prova fondi 2021")
    answer_forms({"sent_on": date.today(), "channel": "PEC", "protocol": "777/2026"})
    _action(page, "Invia…").trigger()
    (s,) = [s for s in surveys(demo_db) if s.title == "Prova fondi 2021"]
    assert s.state == "inviata" and s.sent_protocol == "777/2026"
    assert any(c.survey_id == s.id and c.protocol == "777/2026"
               for c in communications(demo_db))


def test_a_referent_is_added_and_ended(qtbot, demo_db, answer_forms):
    tab = _tab(qtbot, demo_db)
    page = tab.referents
    tab.pages.setCurrentWidget(page)
    before = page.model.rowCount()
    site = site_choices(demo_db)[0][0]
    answer_forms({"site_id": site, "role": "sostituto", "person_name": "Ida Provetta",
                  "staff_role": "docente", "phone": "", "email": "",
                  "valid_from": date(2021, 9, 1)})
    page.new()
    assert page.model.rowCount() == before + 1
    _select(page, 2, "Ida Provetta")
    answer_forms({"valid_to": date(2022, 8, 31)})
    _action(page, "Fine incarico…").trigger()
    _select(page, 2, "Ida Provetta")
    assert page.table.model().index(page.table.currentIndex().row(), 7).data() == "31/08/2022"


def test_each_page_of_the_ufficio_keeps_its_own_column_widths(qtbot, demo_db):
    """The pages share the area, not their columns: one settings key each."""
    tab = _tab(qtbot, demo_db)
    keys = [page._columns_key() for page in tab.all_pages()]
    assert len(set(keys)) == len(keys) == 6
    assert "columns/office-VisitsPage" in keys and "columns/office-DocumentsPage" in keys
