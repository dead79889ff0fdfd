"""The school's data on a real SQLite file: the dated history of the dirigenti scolastici, so
that each document is signed by the dirigente in office on its date."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.school import dirigente_on, dirigente_terms, get_heading
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.school import save_room, save_school, save_site
from tests.helpers.pdf import pdf_text

SCHOOL = {"denominazione": "Istituto Comprensivo «Gianni Rodari»",
          "codice_meccanografico": "RMIC86400X", "comune": "Velletri",
          "dirigente": "Prof.ssa Maria Grazia Colonna", "dsga": "Dott. Alessandro Ferri"}


def _terms(db):
    return [(t.person_name, t.started_on, t.ended_on) for t in dirigente_terms(db)]


def test_a_new_dirigente_ends_the_term_of_the_one_in_office_the_day_before(db):
    save_school(db, SCHOOL)
    # The first dirigente the school records covers everything before.
    assert _terms(db) == [("Prof.ssa Maria Grazia Colonna", None, None)]
    assert dirigente_on(db, date(2001, 1, 1)) == "Prof.ssa Maria Grazia Colonna"
    save_school(db, {**SCHOOL, "dirigente": "Dott. Paolo Serra",
                     "dirigente_from": date(2025, 9, 1)})
    assert _terms(db) == [("Prof.ssa Maria Grazia Colonna", None, date(2025, 8, 31)),
                          ("Dott. Paolo Serra", date(2025, 9, 1), None)]
    assert dirigente_on(db, date(2025, 8, 31)) == "Prof.ssa Maria Grazia Colonna"
    assert dirigente_on(db, date(2025, 9, 1)) == "Dott. Paolo Serra"
    assert get_heading(db).dirigente == "Dott. Paolo Serra"
    save_school(db, {**SCHOOL, "dirigente": "Dott. Paolo Serra", "telefono": "06 1234"})
    assert len(_terms(db)) == 2           # the same dirigente again: no new term


@pytest.mark.parametrize("start, message", [
    (date.today() + timedelta(days=1),
     "L'incarico del dirigente non può iniziare in una data futura."),
    (date(2025, 9, 1), "Dott. Paolo Serra è dirigente dal 01/09/2025: il nuovo incarico deve "
                       "iniziare da un giorno successivo."),
])
def test_a_wrong_start_is_refused_and_nothing_changes(db, start, message):
    save_school(db, SCHOOL)
    save_school(db, {**SCHOOL, "dirigente": "Dott. Paolo Serra",
                     "dirigente_from": date(2025, 9, 1)})
    before = _terms(db)
    with pytest.raises(ValidationError) as info:
        save_school(db, {**SCHOOL, "dirigente": "Dott.ssa Anna Riva", "dirigente_from": start})
    assert info.value.errors == {"dirigente_from": message}
    assert _terms(db) == before and get_heading(db).dirigente == "Dott. Paolo Serra"


def test_the_history_is_never_deleted(db):
    save_school(db, SCHOOL)
    with db.engine.begin() as conn, pytest.raises(Exception, match="non si cancella"):
        conn.execute(text("DELETE FROM dirigente_term"))
    assert len(_terms(db)) == 1


def test_each_decree_is_signed_by_the_dirigente_in_office_on_its_date(db, tmp_path):
    save_school(db, SCHOOL)
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Aula 1A"})
    carico(db, CaricoInput(description="Sedia", quantity=2, unit_value=Decimal("45.00"),
                           entry_date=date(2025, 3, 3), room_id=room))
    _rows, ids = list_items(db)
    discharge_items(db, item_ids=[ids[0]], decree_number="3", decree_date=date(2025, 6, 10),
                    cause="inservibilita", motivation="Struttura spezzata, non riparabile.")
    save_school(db, {**SCHOOL, "dirigente": "Dott. Paolo Serra",
                     "dirigente_from": date(2025, 9, 1)})
    discharge_items(db, item_ids=[ids[1]], decree_number="4", decree_date=date(2025, 10, 6),
                    cause="inservibilita", motivation="Struttura spezzata, non riparabile.")
    decree = get_report("decreto-discarico")
    june = pdf_text(decree.build(db, tmp_path / "3.pdf", numero="3", anno=2025))
    october = pdf_text(decree.build(db, tmp_path / "4.pdf", numero="4", anno=2025))
    assert "Maria Grazia Colonna" in june and "Paolo Serra" not in june
    assert "Paolo Serra" in october and "Maria Grazia Colonna" not in october
