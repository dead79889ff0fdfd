"""Ufficio › «Documenti»: a whole workflow on the page (a template edited into version 2, a
document made from it, its protocol recorded, printed
as PDF/A with the protocol, annulled), and the page hidden to who lacks the permission."""
from __future__ import annotations

import subprocess
from datetime import date

import pytest

from iiss_desktop.queries import office_documents as q
from iiss_desktop.ui.common import printing
from iiss_desktop.ui.events import AppEvents
from tests.helpers.users import act_as_office

pytestmark = pytest.mark.usefixtures("errors_raise")


def _tab(qtbot, db):
    from iiss_desktop.ui.office.tab import OfficeTab

    tab = OfficeTab(db, AppEvents())
    qtbot.addWidget(tab)
    return tab


def _action(page, text):
    return next(a for a in page.all_actions() if a.text() == text)


def test_a_whole_workflow_on_the_documents_page(qtbot, db, monkeypatch):
    act_as_office(db, "dsga-ui", roles=("dsga",))
    opened: list = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    tab = _tab(qtbot, db)
    page = tab.documents
    tab.pages.setCurrentWidget(page)
    assert tab.pages.tabText(2) == "Documenti" and page.model.rowCount() == 0
    shortcuts = {a.text(): a.shortcut().toString() for a in page.all_actions()}
    assert shortcuts == {"Nuovo documento da modello…": "Ctrl+N", "Stampa (PDF/A)": "Ctrl+P",
                         "Protocollo…": "Ctrl+Shift+R", "Annulla…": "Ctrl+Shift+A",
                         "Modelli…": "Ctrl+M", "Cerca": "Ctrl+F"}
    from tests.helpers.ui import answer_forms

    # The template: edited into version 2 from the page.
    templates = page._templates()
    order = next(t for t in templates if t.code == "ordine-di-servizio")
    answer_forms(monkeypatch, lambda title, d: {"template_id": order.id} if title ==
                 "Modelli dei documenti" else {**d, "body": d["body"] + "\n\nSi ringrazia.",
                                               "note": "ringraziamento"})
    page.templates()
    assert [v.number for v in q.template_versions(db, order.id)] == [2, 1]
    # A document made from the new version.
    values = {"subject": "Apertura pomeridiana", "issued_on": date.today(),
              "personale": "Sig. Mario Bianchi", "motivazione": "la riunione dei genitori",
              "servizio": "apertura e chiusura della sede", "dal": date.today(),
              "al": date.today(), "sede": "SEDE"}
    asked = answer_forms(monkeypatch, lambda title, d: {"template_id": order.id}
                         if title == "Nuovo documento da modello" else values)
    page.new_document()
    assert [s.name for s in asked[-1].specs][:3] == ["subject", "issued_on", "personale"]
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    # The protocol recorded back, then printed.
    answer_forms(monkeypatch, {"protocol_number": "0000777/VII.1",
                               "protocol_date": date.today()})
    _action(page, "Protocollo…").trigger()
    assert page.model.index(0, 4).data().startswith("n. 0000777/VII.1")
    page.table.selectRow(0)
    _action(page, "Stampa (PDF/A)").trigger()
    qtbot.waitUntil(lambda: page.last_job is not None and page.last_job.is_done(),
                    timeout=30000)
    text = subprocess.run(["pdftotext", "-layout", str(opened[-1]), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Prot. n. 0000777/VII.1" in text and "Si ringrazia." in text
    assert "Sig. Mario Bianchi" in text
    # Annulled with its reason.
    answer_forms(monkeypatch, {"reason": "Riunione rinviata"})
    page.table.selectRow(0)
    _action(page, "Annulla…").trigger()
    assert page.model.index(0, 5).data() == "annullato"


def test_the_page_is_not_there_without_the_permission(qtbot, demo_db):
    act_as_office(demo_db, "solo-collaboratore", roles=("collaboratore_scolastico",))
    from iiss_desktop.domain.access import PermissionDenied

    with pytest.raises(PermissionDenied):
        q.list_documents(demo_db)


def test_the_page_is_hidden_to_who_lacks_it(qtbot, db):
    act_as_office(db, "dsga-ui2", roles=("dsga",))
    tab = _tab(qtbot, db)
    assert tab.pages.isTabVisible(2)
    act_as_office(db, "solo-tecnico", roles=("assistente_tecnico",))
    tab.refresh()
    assert not tab.pages.isTabVisible(2)
