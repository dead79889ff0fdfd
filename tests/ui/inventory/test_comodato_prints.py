"""Comodato prints from the Inventario tab: the loan of the selected good is preselected, the
return verbale of an open loan is refused, a new comodato offers its contract."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from iiss_desktop.queries.inventory.loans import list_loans
from iiss_desktop.ui.common import dialogs, printing
from iiss_desktop.ui.inventory import comodato_prints
from tests.helpers.ui import on_next_modal, select_ids


@pytest.fixture
def tab(inventory_tab):
    return inventory_tab


def test_actions_are_in_the_menus(tab):
    loans = [a.text() for a in tab._menus[tab.LOANS].actions()]
    assert {"Stampa contratto…", "Verbale di consegna…",
            "Verbale di restituzione…"} <= set(loans)
    registers = [a.text() for a in tab._menus[tab.REGISTERS].actions()]
    assert {"Passaggio di consegne…",
            "Riepilogo annuale per il conto del patrimonio…"} <= set(registers)


def test_contract_of_the_selected_good_is_printed(tab, qtbot, demo_db, monkeypatch,
                                                  answer_forms):
    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    open_loan = next(lo for lo in list_loans(demo_db) if lo.returned_on is None)
    with demo_db.read_engine.connect() as conn:
        item_id = conn.execute(text("SELECT item_id FROM loan_item WHERE loan_id = :l"),
                               {"l": open_loan.id}).scalar_one()
    select_ids(tab, item_id)
    asked = answer_forms(lambda title, values: values)   # OK on what the form proposes
    comodato_prints.print_loan_document(tab, "contratto-comodato")
    assert asked[0].values["loan_id"] == open_loan.id
    qtbot.waitUntil(lambda: tab.last_print_job.is_done(), timeout=30000)
    assert tab.last_print_job.failure is None and opened[0].read_bytes().startswith(b"%PDF")


def test_return_verbale_of_an_open_loan_is_refused(tab, demo_db, monkeypatch, answer_forms):
    shown = []
    open_loan = next(lo for lo in list_loans(demo_db) if lo.returned_on is None)
    answer_forms({"loan_id": open_loan.id})
    monkeypatch.setattr(dialogs, "show_domain_error", lambda parent, exc: shown.append(exc))
    comodato_prints.print_loan_document(tab, "verbale-restituzione-comodato")
    assert "non è ancora stato restituito" in shown[0].message
    assert getattr(tab, "last_print_job", None) is None


def test_new_comodato_offers_to_print_the_contract(tab, demo_db, monkeypatch):
    printed = []
    rows = [tab.model.row(r) for r in range(tab.model.rowCount())]
    free = next(tab.model.row_id(r) for r, row in enumerate(rows)
                if row[3].startswith("Tablet") and row[-1] == "in uso")
    select_ids(tab, free)

    def fill_and_confirm(dialog):   # the clerk fills the real form and clicks OK
        dialog.form.load({"parent_name": "Anna Verdi", "parent_cf": "RSSMRA80A01H501U",
                          "student_name": "Luca Verdi", "class_name": "2B",
                          "parent_birth_place": "Velletri (RM)",
                          "parent_birth_date": date(1982, 5, 4),
                          "parent_residence": "Via Roma 12, 00049 Velletri (RM)",
                          "due": date(date.today().year + 1, 6, 30)})
        dialog.ok_button.click()

    on_next_modal(fill_and_confirm)
    monkeypatch.setattr(comodato_prints, "ask_print", lambda *a: True)
    monkeypatch.setattr(comodato_prints, "print_report",
                        lambda parent, db, name, **kw: printed.append((name, kw)))
    tab.lend_selected()
    newest = list_loans(demo_db)[0]
    assert newest.student == "Luca Verdi"
    assert printed == [("contratto-comodato", {"anno": newest.year, "numero": newest.number})]


def test_the_return_form_names_the_contract_and_lists_only_running_loans(tab, demo_db):
    open_loan = next(lo for lo in list_loans(demo_db) if lo.returned_on is None)
    with demo_db.read_engine.connect() as conn:
        item_id = conn.execute(text("SELECT item_id FROM loan_item WHERE loan_id = :l"),
                               {"l": open_loan.id}).scalar_one()
    select_ids(tab, item_id)
    seen = {}

    def look_and_confirm(dialog):
        seen["intro"] = dialog.intro_label.text()
        combo = dialog.form.editors["loan_id"]
        seen["choices"] = [combo.itemText(i) for i in range(combo.count())]
        seen["chosen"] = dialog.form.value()["loan_id"]
        dialog.ok_button.click()

    on_next_modal(look_and_confirm)
    tab.return_selected()
    assert f"Comodato n. {open_loan.number}/{open_loan.year}" in seen["intro"]
    assert open_loan.student in seen["intro"]
    assert seen["chosen"] == open_loan.id
    assert seen["choices"] and all(c.endswith("in corso") for c in seen["choices"])
    assert next(lo for lo in list_loans(demo_db) if lo.id == open_loan.id).returned_on
