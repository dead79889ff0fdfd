"""The office's deadlines (D.I. 129/2018 artt. 5, 10, 23) and their extensions by the Ministry.

Worked out by hand: the conto consuntivo 2026 goes to the revisori by 15/03/2027, a Monday;
extended by note to 15/05/2027, a Saturday (the office is closed on Saturdays unless the
school opens them), it moves to Monday 17/05/2027. The Programma Annuale 2027 is approved by
31/12/2026, a Thursday; extended to Monday 15/02/2027 it is still shown in January 2027, the
year after its ordinary one. 30/04/2027 is a Friday: closed for a «ponte», the deadline moves
past Saturday 1 and Sunday 2 May to Monday 3 May."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.domain.deadlines import Extension, check_extension, deadlines_of_year
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.home import home_items
from iiss_desktop.queries.school import deadline_extensions, office_deadlines
from iiss_desktop.services import school
from iiss_desktop.services.school import extend_deadline, remove_extension

NOTE = "Nota MI prot. n. 1234 del 10/03/2027"


def test_an_extension_moves_the_deadline_and_a_closure_moves_it_again():
    closed = {date(2027, 5, 16)}
    ext = {(2027, "consuntivo-predisposizione"): Extension(date(2027, 5, 15), NOTE)}
    rows = {d.key: d for d in deadlines_of_year(2027, closed, ext)}
    d = rows["consuntivo-predisposizione"]
    assert (d.ordinary, d.due) == (date(2027, 3, 15), date(2027, 5, 17))
    assert d.note == ("Prorogata dal 15/03/2027 (Nota MI prot. n. 1234 del 10/03/2027); "
                      "scadenza del 15/05/2027 in giorno di chiusura")
    # The others keep the rule's dates: 15/04, 30/04, 30/06, 30/11, 31/12.
    assert [rows[k].due for k in ("consuntivo-parere", "consuntivo-delibera", "assestamento",
                                  "programma-predisposizione", "programma-delibera")] == [
        date(2027, 4, 15), date(2027, 4, 30), date(2027, 6, 30), date(2027, 11, 30),
        date(2027, 12, 31)]
    assert all(rows[k].note == "" for k in ("consuntivo-parere", "assestamento"))


@pytest.mark.parametrize(("due", "note", "field"), [
    (date(2027, 3, 15), NOTE, "due"),           # not after the ordinary date
    (date(2027, 3, 1), NOTE, "due"),
    (date(2028, 3, 20), NOTE, "due"),           # more than a year later: the year is wrong
    (date(2027, 5, 15), "  ", "note"),          # the act is required
])
def test_a_wrong_extension_names_its_field(due, note, field):
    with pytest.raises(ValidationError) as caught:
        check_extension("consuntivo-predisposizione", 2027, due, note)
    assert set(caught.value.errors) == {field}


def test_the_start_page_shows_the_date_in_force_with_its_act(db, db_path):
    extend_deadline(db, 2026, "programma-delibera", date(2027, 2, 15), NOTE)
    assert deadline_extensions(db) == {(2026, "programma-delibera"):
                                       Extension(date(2027, 2, 15), NOTE)}
    shown = [i for i in home_items(db, today=date(2027, 1, 10))
             if i.title == "Programma Annuale: approvazione del Consiglio d'istituto"]
    assert [(i.when, i.detail) for i in shown] == [
        (date(2027, 2, 15), "D.I. 129/2018 art. 5 – Prorogata dal 31/12/2026 (" + NOTE + ")")]
    # A second extension replaces the first; removing it restores the ordinary date.
    extend_deadline(db, 2026, "programma-delibera", date(2027, 3, 1), "Nota MI n. 99")
    assert office_deadlines(db, 2026)[-1].due == date(2027, 3, 1)
    remove_extension(db, 2026, "programma-delibera")
    assert office_deadlines(db, 2026)[-1].due == date(2026, 12, 31)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM deadline_extension").fetchone() == (0,)
        assert con.execute("SELECT action FROM audit_log WHERE entity = 'deadline_extension' "
                           "ORDER BY id").fetchall() == [("insert",), ("update",),
                                                          ("delete",)]


def test_a_closed_day_of_the_calendar_moves_an_ordinary_deadline(db):
    school.save_calendar_day(db, date(2027, 4, 30), "chiusura", "Ponte")
    d = next(d for d in office_deadlines(db, 2027) if d.key == "consuntivo-delibera")
    assert (d.due, d.note) == (date(2027, 5, 3), "Scadenza del 30/04/2027 in giorno di "
                                                  "chiusura")


def test_removing_an_extension_that_does_not_exist_says_so(db):
    from iiss_desktop.domain.errors import DomainError

    with pytest.raises(DomainError, match="non ha proroghe"):
        remove_extension(db, 2027, "assestamento")
