"""Substitution of absent ATA staff on real SQLite archives (issue 16 item 5): the verdict on
the supplente with the motivated derogation recorded, the proposal of internal cover with ore
eccedenti among the colleagues of the same profile and plesso, the cover recorded and annulled
(never deleted). Bad input names the field, nothing saved (rows counted with raw sqlite3).

Figures by hand (domain.md §5.6; CCNL 2007 art. 51):
- Verdi, collaboratore scolastico, matrimonio Monday 12/7 - Monday 26/7/2021 (15 calendar
  days). L. 190/2014 art. 1 c.332 c): no supplente for the first 7 days, so from day 8:
  12/7 + 7 = Monday 19/7/2021.
- Rossi, assistente amministrativa, the same 15 days: c.332 a) and L. 205/2017 c.602, from
  the 30th day = 10/8, after the absence ends: no supplente, ore eccedenti.
- Bianchi and Neri, collaboratori at the SEDE, six days of 07:30-13:30 = 6 h: a day is at most
  9 h with the additional work, so each can give 9 - 6 = 3 h; Gialli works at the PRIM and
  Rossi is an assistente: not proposed for Verdi.
"""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_cover import absence_substitution
from iiss_desktop.services.staff import cover, leave
from tests.services.staff.test_leave import SIX, _count, _person

MON, NEXT_MON, END = date(2021, 7, 12), date(2021, 7, 19), date(2021, 7, 26)


@pytest.fixture
def staff(db, sites):
    people = {
        "verdi": _person(db, sites["SEDE"], surname="Verdi", name="Anna", role="CS", days=SIX),
        "bianchi": _person(db, sites["SEDE"], surname="Bianchi", name="Luca", role="CS",
                           days=SIX, born=date(1971, 4, 2)),
        "neri": _person(db, sites["SEDE"], surname="Neri", name="Paolo", role="CS", days=SIX,
                        born=date(1972, 5, 3)),
        "gialli": _person(db, sites["PRIM"], surname="Gialli", name="Rita", role="CS",
                          days=SIX, born=date(1973, 6, 4)),
        "rossi": _person(db, sites["SEDE"]),
    }
    people["absence"] = leave.record_absence(db, people["verdi"], "matrimonio", MON, END)
    return people


def test_verdict_of_a_collaboratore_and_of_an_assistente(db, staff):
    sub = absence_substitution(db, staff["absence"])
    assert (sub.person, sub.profile, sub.period) == (
        "Verdi Anna", "Collaboratore scolastico", "dal 12/07/2021 al 26/07/2021")
    assert sub.allowed_from == "Dal 19/07/2021"
    assert "dall'8° giorno" in sub.reason and "L. 190/2014" in sub.reason
    assert len(sub.days) == 15 and sub.derogation_possible
    other = leave.record_absence(db, staff["rossi"], "matrimonio", MON, END)
    sub = absence_substitution(db, other)
    assert sub.allowed_from == "No: ore eccedenti"
    assert "dal 30° giorno" in sub.reason and not sub.derogation_possible


def test_a_motivated_derogation_is_a_row_annulled_not_deleted(db, staff, db_path):
    with pytest.raises(ValidationError) as exc:
        cover.record_derogation(db, staff["absence"], "sicurezza", "  ")
    assert "obbligatorio" in exc.value.errors["reason"]
    with pytest.raises(ValidationError) as exc:
        cover.record_derogation(db, staff["absence"], "capriccio", "Motivo")
    assert "motivo della deroga" in exc.value.errors["derogation"]
    assert _count(db_path, "staff_cover_derogation") == 0
    der = cover.record_derogation(db, staff["absence"], "disabili",
                                  "Unico collaboratore al piano con due alunni in carrozzina",
                                  on=MON)
    sub = absence_substitution(db, staff["absence"])
    assert sub.allowed_from == "Dal 12/07/2021" and sub.derogation_id == der
    assert sub.derogation.startswith("l'assistenza agli alunni con disabilità: Unico")
    with pytest.raises(ValidationError) as exc:
        cover.record_derogation(db, staff["absence"], "sicurezza", "Ancora")
    assert "già una deroga" in exc.value.errors["derogation"]
    # an assistente has no derogation (the notes name the collaboratori)
    other = leave.record_absence(db, staff["rossi"], "matrimonio", MON, END)
    with pytest.raises(ValidationError) as exc:
        cover.record_derogation(db, other, "sicurezza", "Motivo")
    assert "collaboratori" in exc.value.errors["derogation"]
    cover.annul_derogation(db, der, "Alunni assenti", on=MON)
    sub = absence_substitution(db, staff["absence"])
    assert sub.allowed_from == "Dal 19/07/2021" and sub.derogation == ""
    assert "annullata il 12/07/2021: Alunni assenti" in sub.derogations[0]
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM staff_cover_derogation")
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("UPDATE staff_cover_derogation SET reason = 'altro'")


def test_cover_proposal_hours_and_annulment(db, staff, db_path):
    sub = absence_substitution(db, staff["absence"], MON)
    # Bianchi and Neri, 3 h each (9 - 6); same availability, by name
    assert [(o.name, o.available) for o in sub.proposal] == [("Bianchi Luca", 180),
                                                             ("Neri Paolo", 180)]
    first = cover.record_cover(db, staff["absence"], MON, staff["bianchi"], 120,
                               note="Pulizia del piano terra")
    sub = absence_substitution(db, staff["absence"], MON)
    # Bianchi gave 2 h: 1 h left, after Neri's 3
    assert [(o.name, o.available) for o in sub.proposal] == [("Neri Paolo", 180),
                                                             ("Bianchi Luca", 60)]
    row = sub.covers[0]
    assert (row.day, row.hours, row.absent, row.covering, row.state) == (
        "12/07/2021", "2 h", "Verdi Anna", "Bianchi Luca", "registrata")
    # beyond the 9 h of Bianchi's day; Gialli is at the other plesso; Rossi another profile;
    # a day outside the absence
    for pid, day, minutes, field, words in (
            (staff["bianchi"], MON, 90, "minutes", "al massimo 1 h"),
            (staff["gialli"], MON, 60, "employee_id", "stesso plesso"),
            (staff["rossi"], MON, 60, "employee_id", "stesso plesso"),
            (staff["neri"], date(2021, 7, 27), 60, "day", "fuori dall'assenza"),
            (staff["neri"], MON, 0, "minutes", "Indicare")):
        with pytest.raises(ValidationError) as exc:
            cover.record_cover(db, staff["absence"], day, pid, minutes)
        assert words in exc.value.errors[field]
    assert _count(db_path, "staff_cover") == 1
    # on another day Bianchi has the whole 3 h again, after Neri who covered less this year
    sub = absence_substitution(db, staff["absence"], date(2021, 7, 13))
    assert [(o.name, o.available) for o in sub.proposal] == [("Neri Paolo", 180),
                                                             ("Bianchi Luca", 180)]
    cover.annul_cover(db, first, "Registrata per errore", on=MON)
    sub = absence_substitution(db, staff["absence"], MON)
    assert sub.covers[0].state == "annullata il 12/07/2021: Registrata per errore"
    assert [(o.name, o.available) for o in sub.proposal][0] == ("Bianchi Luca", 180)
    with pytest.raises(ValidationError) as exc:
        cover.annul_cover(db, first, "Di nuovo")
    assert "già stata annullata" in exc.value.errors["cover_id"]
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM staff_cover")
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("UPDATE staff_cover SET minutes = 30")
