"""Appointments within the front desk's public hours of the Piano delle attività in force on
their day (issue 19 item 1), on a real SQLite archive. The Piano of the a.s. 2026/27 below
opens to the public on Monday 08:30–10:30 and Tuesday 14:30–16:30, to the staff on
Wednesday 11:00–12:00; expected answers worked out by hand from those rows."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries import office as q
from iiss_desktop.queries.staff_plan import plan_view
from iiss_desktop.services import office as svc
from iiss_desktop.services.staff import plan
from tests.helpers.staff_plan import draft_plan, make_office

MONDAY, TUESDAY, WEDNESDAY, SATURDAY = (date(2026, 12, 14), date(2026, 12, 15),
                                         date(2026, 12, 16), date(2026, 12, 19))
HOURS = [{"weekday": 0, "start": "08:30", "end": "10:30", "audience": "pubblico"},
         {"weekday": 1, "start": "14:30", "end": "16:30", "audience": "pubblico",
          "note": "Rientro"},
         {"weekday": 2, "start": "11:00", "end": "12:00", "audience": "personale"}]


def _book(db, day, start, end, office="Segreteria didattica"):
    return svc.book_appointment(db, office=office, day=day, slot_start=start, slot_end=end,
                                visitor_name="Ada Lovelace")


@pytest.fixture
def adopted(db):
    v1 = draft_plan(db, make_office(db))
    plan.set_front_desk(db, v1, HOURS)
    plan.adopt_plan(db, v1, date(2026, 10, 5), "0004512")
    return v1


def test_appointments_follow_the_public_hours_of_the_piano(db, adopted):
    _book(db, MONDAY, "09:00", "09:30")
    _book(db, MONDAY, "10:00", "10:30")                # ends at closing time: inside
    _book(db, TUESDAY, "15:00", "15:30")               # outside the default 8–13: the Piano
    with pytest.raises(ValidationError) as refused:
        _book(db, MONDAY, "10:15", "10:45")
    message = refused.value.errors["slot_start"]
    assert "08:30–10:30" in message
    assert "Piano delle attività 2026/27, versione 1 adottata il 05/10/2026" in message
    assert "[U]" not in message
    with pytest.raises(ValidationError) as refused:
        _book(db, TUESDAY, "09:00", "09:30")           # Tuesday opens in the afternoon only
    assert "slot_start" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        _book(db, WEDNESDAY, "11:15", "11:30")         # an opening for the staff only
    assert "mercoledì lo sportello non riceve il pubblico" in refused.value.errors["day"]
    with pytest.raises(ValidationError) as refused:
        _book(db, SATURDAY, "09:00", "09:30")
    assert "day" in refused.value.errors
    assert [a.slot for a in q.appointments_of_day(db, MONDAY)] == ["09:00–09:30",
                                                                   "10:00–10:30"]
    note = q.opening_hours(db, MONDAY).note
    assert note.startswith("lunedì 08:30–10:30; martedì 14:30–16:30 (Piano delle attività")


def test_the_version_in_force_on_the_day_decides(db, adopted):
    # Before the year's first adoption: the hours of that first version (the Piano is the
    # year's); 21/09/2026 is a Monday.
    _book(db, date(2026, 9, 21), "09:00", "09:30")
    with pytest.raises(ValidationError):
        _book(db, date(2026, 9, 21), "11:00", "11:30")
    v2 = plan.new_version(db, adopted, drafted_on=date(2027, 1, 10))
    assert plan_view(db, 2026, 2).front_desk == plan_view(db, 2026, 1).front_desk
    plan.set_front_desk(db, v2, [{"weekday": 0, "start": "08:30", "end": "12:30",
                                  "audience": "pubblico"}])
    plan.adopt_plan(db, v2, date(2027, 1, 15), "0000210")
    with pytest.raises(ValidationError):                 # Monday 11/01: v1 still in force
        _book(db, date(2027, 1, 11), "11:00", "11:30")
    _book(db, date(2027, 1, 18), "11:00", "11:30")       # Monday 18/01: v2
    assert "versione 2" in q.opening_hours(db, date(2027, 1, 18)).note
    assert "versione 1" in q.opening_hours(db, date(2027, 1, 11)).note


def test_without_an_adopted_piano_the_default_hours_marked_u(db):
    v1 = draft_plan(db, make_office(db))
    plan.set_front_desk(db, v1, HOURS)                  # a draft is not in force
    _book(db, MONDAY, "12:00", "12:30")                 # 8:00–13:00 Monday to Saturday
    _book(db, SATURDAY, "08:00", "08:30")
    with pytest.raises(ValidationError) as refused:
        _book(db, MONDAY, "12:45", "13:15")
    assert "[U]" in refused.value.errors["slot_start"]
    # the next school year has no Piano at all: the default again (13/09/2027 is a Monday)
    assert "[U]" in q.opening_hours(db, date(2027, 9, 13)).note


def _rows(db_path) -> int:
    with sqlite3.connect(db_path) as con:
        return con.execute("SELECT count(*) FROM staff_plan_front_desk").fetchone()[0]


@pytest.mark.parametrize(("row", "field", "words"), [
    ({"weekday": 6}, "weekday", "dal lunedì al sabato"),
    ({"start": "8.3x"}, "start", "«Dalle» richiede un'ora hh:mm (scritto «8.3x»)"),
    ({"start": ""}, "start", "«Dalle» è obbligatorio"),
    ({"end": "08:00"}, "end", "«Alle» (08:00) deve venire dopo «Dalle» (08:30)"),
    ({"audience": "tutti"}, "audience", "Pubblico, Personale della scuola"),
])
def test_bad_hours_are_refused_naming_row_and_field(db, db_path, row, field, words):
    v1 = draft_plan(db, make_office(db))
    plan.set_front_desk(db, v1, HOURS)
    bad = [HOURS[0], {"weekday": 3, "start": "08:30", "end": "10:30", "audience": "pubblico",
                      **row}]
    with pytest.raises(ValidationError) as refused:
        plan.set_front_desk(db, v1, bad)
    assert refused.value.errors[field].startswith("Orario dello sportello, riga 2:")
    assert words in refused.value.errors[field]
    assert [(r.weekday, r.hours) for r in plan_view(db, 2026).front_desk] == [
        (0, "08:30–10:30"), (1, "14:30–16:30"), (2, "11:00–12:00")]     # nothing saved
    assert _rows(db_path) == 3


def test_overlapping_openings_of_a_day_are_refused_but_not_across_audiences(db):
    v1 = draft_plan(db, make_office(db))
    with pytest.raises(ValidationError) as refused:
        plan.set_front_desk(db, v1, [HOURS[0], {"weekday": 0, "start": "10:00",
                                                "end": "11:00", "audience": "pubblico"}])
    assert "si sovrappone a quella della riga 1 (08:30–10:30)" in \
        refused.value.errors["start"]
    plan.set_front_desk(db, v1, [HOURS[0], {"weekday": 0, "start": "10:00", "end": "11:00",
                                            "audience": "personale"}])
    assert len(plan_view(db, 2026).front_desk) == 2


def test_an_adopted_piano_keeps_its_hours(db, adopted):
    with pytest.raises(ValidationError) as refused:
        plan.set_front_desk(db, adopted, [])
    assert "state" in refused.value.errors
    assert len(plan_view(db, 2026).front_desk) == 3
