"""The verbale of ricognizione on a real SQLite file: each outcome's effect, numbering,
nothing saved on bad input, carico of a good found but not recorded."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.ricognizione import OutcomeInput, carico_found, record_check
from iiss_desktop.services.school import save_room, save_site

LOADED = date(2024, 9, 16)
CHECK = date(2024, 10, 1)


@pytest.fixture
def school(db):
    """Lab with four PCs (beni mobili n. 1-4), Aula 1A with a LIM (n. 5)."""
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    lab = save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})
    aula = save_room(db, {"site_id": site, "name": "Aula 1A"})
    carico(db, CaricoInput(description="Personal computer portatile", quantity=4,
                           unit_value=Decimal("650.00"), entry_date=LOADED, room_id=lab))
    carico(db, CaricoInput(description="Lavagna interattiva multimediale", quantity=1,
                           unit_value=Decimal("1450.00"), entry_date=LOADED, room_id=aula))
    ids = list_items(db)[1]
    return {"lab": lab, "aula": aula, "pcs": ids[:4], "lim": ids[4]}


def _all_present(school, changes: dict | None = None) -> list[OutcomeInput]:
    changes = changes or {}
    return [changes.get(i, OutcomeInput("confermato", item_id=i)) for i in school["pcs"]]


def _snapshot(db_path) -> dict:
    con = sqlite3.connect(db_path)
    try:
        return {
            "checks": con.execute("SELECT count(*) FROM inventory_check").fetchone()[0],
            "lines": con.execute("SELECT count(*) FROM inventory_check_line").fetchone()[0],
            "entries": con.execute("SELECT count(*) FROM register_entry WHERE register = "
                                   "'inv-ricognizioni'").fetchone()[0],
            "moves": con.execute("SELECT count(*) FROM inventory_movement").fetchone()[0],
            "items": con.execute("SELECT id, room_id, state FROM inventory_item ORDER BY id")
                        .fetchall(),
        }
    finally:
        con.close()


def test_each_outcome_and_its_effect(db, db_path, school):
    pc1, pc2, pc3, pc4 = school["pcs"]
    outcomes = [
        OutcomeInput("confermato", item_id=pc1, state="discreto"),
        OutcomeInput("inservibile", item_id=pc2, reason="Scheda madre guasta"),
        OutcomeInput("mancante", item_id=pc3, reason="Non trovato nel laboratorio né altrove"),
        OutcomeInput("rettifica", item_id=pc4, reason="Il modello registrato è errato"),
        OutcomeInput("spostato", item_id=school["lim"]),
        OutcomeInput("non_registrato", code="RMIC86400X-MOB-000099",
                     description="Armadio metallico", estimated_value=Decimal("250.00")),
    ]
    result = record_check(db, school["lab"], CHECK, outcomes, commission="DSGA, AT Rossi")
    assert (result.number, result.year) == (1, 2024)
    assert result.discharge_item_ids == (pc2, pc3)
    assert len(result.carico_line_ids) == 1

    con = sqlite3.connect(db_path)
    states = dict(con.execute("SELECT id, state FROM inventory_item"))
    rooms = dict(con.execute("SELECT id, room_id FROM inventory_item"))
    # confermato: new state; inservibile: state inservibile; mancante, rettifica: unchanged.
    assert (states[pc1], states[pc2], states[pc3], states[pc4]) == (
        "discreto", "inservibile", "buono", "buono")
    # spostato: documented transfer into the checked room, dated the day of the check.
    assert rooms[school["lim"]] == school["lab"]
    assert con.execute("SELECT item_id, from_room_id, to_room_id, moved_on FROM "
                       "inventory_movement").fetchall() == [
        (school["lim"], school["aula"], school["lab"], "2024-10-01")]
    lines = con.execute("SELECT outcome, item_id, code, state, description, estimated_value "
                        "FROM inventory_check_line ORDER BY id").fetchall()
    assert [line[0] for line in lines] == ["confermato", "inservibile", "mancante", "rettifica",
                                           "spostato", "non_registrato"]
    assert lines[5][1:] == (None, "RMIC86400X-MOB-000099", "buono", "Armadio metallico", 25000)
    # The register entry summarises the outcomes: goods and value per outcome.
    entry = con.execute("SELECT id, description FROM register_entry WHERE register = "
                        "'inv-ricognizioni'").fetchone()
    assert entry[1] == ("Ricognizione dei beni – Sede centrale – Laboratorio di informatica "
                        "(ricognizione generale)")
    summary = con.execute("SELECT description, quantity, amount FROM register_entry_line "
                          "WHERE entry_id = ? ORDER BY line_no", (entry[0],)).fetchall()
    assert summary == [("Confermati", 1, 65000), ("Spostati", 1, 145000),
                       ("Mancanti", 1, 65000), ("Non registrati", 1, 25000),
                       ("Inservibili", 1, 65000), ("Da rettificare", 1, 65000)]
    assert verify(db).ok


def test_numbering_per_year_and_an_empty_room(db, school):
    first = record_check(db, school["lab"], CHECK, _all_present(school))
    second = record_check(db, school["aula"], CHECK,
                          [OutcomeInput("confermato", item_id=school["lim"])])
    third = record_check(db, school["lab"], date(2025, 2, 3), _all_present(school))
    assert [(r.number, r.year) for r in (first, second, third)] == [(1, 2024), (2, 2024),
                                                                   (1, 2025)]
    # The LIM moved away at a later check: Aula 1A holds nothing, its verbale has no lines.
    record_check(db, school["lab"], date(2025, 2, 4),
                 _all_present(school) + [OutcomeInput("spostato", item_id=school["lim"])])
    empty = record_check(db, school["aula"], date(2025, 2, 4), [])
    assert (empty.number, empty.year, empty.discharge_item_ids) == (3, 2025, ())


def test_the_verbale_speaks_of_the_goods_held_on_its_day(db, school):
    # A good loaded after the day of the check is not expected; one discharged after it is.
    chair = carico(db, CaricoInput(description="Cattedra", unit_value=Decimal("300.00"),
                                   entry_date=date(2024, 11, 5), room_id=school["lab"]))
    assert chair.numbers == [6]
    discharge_items(db, item_ids=[school["pcs"][0]], decree_number="7",
                    decree_date=date(2024, 12, 1), cause="furto",
                    motivation="Furto denunciato ai Carabinieri")
    result = record_check(db, school["lab"], CHECK, _all_present(school))
    assert result.number == 1


def _bad_cases(school):
    pc1, pc2, pc3, pc4 = school["pcs"]
    tomorrow = date.today() + timedelta(days=1)
    return {
        "missing good": (CHECK, _all_present(school)[:3], "beni mobili n. 4"),
        "future date": (tomorrow, _all_present(school), "futura"),
        "twice": (CHECK, _all_present(school) + [OutcomeInput("confermato", item_id=pc1)],
                  "due volte"),
        "rettifica without reason": (
            CHECK, _all_present(school, {pc2: OutcomeInput("rettifica", item_id=pc2)}),
            "Motivare la rettifica"),
        "mancante without reason": (
            CHECK, _all_present(school, {pc3: OutcomeInput("mancante", item_id=pc3,
                                                          reason="boh")}),
            "circostanze della mancanza"),
        "spostato of a good of the room": (
            CHECK, _all_present(school, {pc4: OutcomeInput("spostato", item_id=pc4)}),
            "registrato in questo locale"),
        "confermato of a good of another room": (
            CHECK, _all_present(school) + [OutcomeInput("confermato", item_id=school["lim"])],
            "registrato in un altro locale"),
        "not registered without stima": (
            CHECK, _all_present(school) + [OutcomeInput("non_registrato",
                                                        description="Armadio")],
            "valore di stima"),
        # the goods of the lab did not exist yet on 1/9
        "before the carico": (date(2024, 9, 1), [OutcomeInput("confermato", item_id=pc1)],
                              "non risulta in carico"),
    }


@pytest.mark.parametrize("case", ["missing good", "future date", "twice",
                                  "rettifica without reason", "mancante without reason",
                                  "spostato of a good of the room",
                                  "confermato of a good of another room",
                                  "not registered without stima", "before the carico"])
def test_bad_input_is_refused_and_nothing_saved(db, db_path, school, case):
    day, outcomes, words = _bad_cases(school)[case]
    # every change of state and room would show in the snapshot
    outcomes = [o if o.outcome != "confermato" else OutcomeInput("confermato", o.item_id,
                                                                 state="mediocre")
                for o in outcomes]
    before = _snapshot(db_path)
    with pytest.raises(ValidationError) as info:
        record_check(db, school["lab"], day, outcomes)
    field = "checked_on" if case == "future date" else "outcomes"
    assert words in info.value.errors[field]
    assert _snapshot(db_path) == before


def test_a_verbale_cannot_be_dated_before_the_previous_one(db, db_path, school):
    record_check(db, school["lab"], CHECK, _all_present(school))
    before = _snapshot(db_path)
    with pytest.raises(ValidationError) as info:
        record_check(db, school["aula"], date(2024, 9, 30),
                     [OutcomeInput("confermato", item_id=school["lim"])])
    assert "anteriore all'ultima registrazione" in info.value.errors["checked_on"]
    assert _snapshot(db_path) == before


def test_verbali_cannot_be_deleted_nor_their_outcome_changed(db, db_path, school):
    record_check(db, school["lab"], CHECK, _all_present(school))
    con = sqlite3.connect(db_path)
    for statement in ("DELETE FROM inventory_check", "DELETE FROM inventory_check_line",
                      "UPDATE inventory_check_line SET outcome = 'mancante'",
                      "UPDATE inventory_check SET checked_on = '2024-10-02'"):
        with pytest.raises(sqlite3.DatabaseError):
            con.execute(statement)


def test_carico_of_a_good_found_but_not_recorded(db, db_path, school):
    result = record_check(db, school["lab"], CHECK, _all_present(school) + [
        OutcomeInput("non_registrato", description="Armadio metallico a due ante",
                     estimated_value=Decimal("250.00"))])
    line_id = result.carico_line_ids[0]
    with pytest.raises(ValidationError) as early:
        carico_found(db, line_id, CaricoInput(description="", valuation="rinvenimento",
                                              entry_date=date(2024, 9, 30)))
    assert "non può precedere la ricognizione" in early.value.errors["entry_date"]
    done = carico_found(db, line_id, CaricoInput(description="", valuation="rinvenimento",
                                                 entry_date=date(2024, 10, 2)))
    # Next number of beni mobili after the five goods; value and room from the verbale.
    assert (done.register, done.number) == ("inv-mobili", 6)
    con = sqlite3.connect(db_path)
    row = con.execute("SELECT i.room_id, i.value, i.valuation, i.notes, e.description "
                      "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
                      "WHERE i.id = ?", (done.item_id,)).fetchone()
    assert row[:3] == (school["lab"], 25000, "rinvenimento")
    assert row[3].startswith("Rinvenuto alla ricognizione (verbale di ricognizione n. 1/2024 "
                             "del 01/10/2024)")
    assert row[4] == "Armadio metallico a due ante"
    assert con.execute("SELECT new_item_id FROM inventory_check_line WHERE id = ?",
                       (line_id,)).fetchone()[0] == done.item_id
    con.close()
    with pytest.raises(DomainError) as again:
        carico_found(db, line_id, CaricoInput(description="", valuation="rinvenimento"))
    assert "già stato preso in carico (beni mobili n. 6)" in again.value.message
    confirmed = sqlite3.connect(db_path).execute(
        "SELECT id FROM inventory_check_line WHERE outcome = 'confermato'").fetchone()[0]
    with pytest.raises(DomainError):
        carico_found(db, confirmed, CaricoInput(description="", valuation="rinvenimento"))
    assert len(list_items(db)[0]) == 6
