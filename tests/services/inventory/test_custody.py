"""Custody on a real SQLite file: appointments (art. 30), affidamento and riconsegna (art. 35),
maintenance log, the sub-consegnatario's prospetto and the Custode column of the grid."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.inventory.custody import (
    current_custodians,
    custodian_of,
    list_roles,
    maintenance_of,
    open_assignments,
    prospetto_data,
)
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.custody import (
    add_maintenance,
    appoint,
    assign,
    end_role,
    riconsegna,
)
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.movements import move_item
from iiss_desktop.services.school import save_room, save_site

DAY = date(2025, 9, 15)
CUSTODE = 6   # the Custode column of the Inventario grid, right after Locale
TABLES = ("custody_role", "inventory_assignment", "inventory_assignment_item",
          "register_entry", "inventory_maintenance")


@pytest.fixture
def place(db):
    sede = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    prim = save_site(db, {"code": "PRIM", "name": "Primaria Collodi"})
    lab = save_room(db, {"site_id": sede, "name": "Laboratorio di informatica"})
    aula = save_room(db, {"site_id": prim, "name": "Aula 1A"})
    return {"sede": sede, "prim": prim, "lab": lab, "aula": aula}


def _goods(db, room, n=3, when=DAY, value="650.00", text="Personal computer portatile"):
    carico(db, CaricoInput(description=text, quantity=n, unit_value=Decimal(value),
                           entry_date=when, room_id=room))
    rows, ids = list_items(db)
    return [i for r, i in zip(rows, ids) if r[3] == text][-n:]


def _counts(db_path) -> dict:
    con = sqlite3.connect(db_path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _assign(db, ids, room, **kw):
    values = dict(item_ids=ids, assignee_name="Prof.ssa Giulia Serra",
                  assignee_role="direttore_laboratorio", room_id=room, started_on=DAY,
                  ds_indication="nota del DS prot. n. 3120 del 12/09/2025")
    values.update(kw)
    return assign(db, **values)


# --- Appointments ------------------------------------------------------------------------------
def test_a_new_consegnatario_ends_the_previous_one_the_day_before(db, db_path):
    first = appoint(db, role="consegnatario", person_name="Dott. Mario Bianchi",
                    started_on=date(2020, 9, 1))
    second = appoint(db, role="consegnatario", person_name="Dott.ssa Anna Verdi",
                     started_on=date(2025, 3, 1))
    roles = {r.id: r for r in list_roles(db)}
    assert roles[first].ended_on == date(2025, 2, 28)
    assert roles[second].ended_on is None
    assert [r.person_name for r in current_custodians(db)] == ["Dott.ssa Anna Verdi"]
    assert [r.id for r in list_roles(db)] == [second, first]     # current first, history kept
    con = sqlite3.connect(db_path)
    for statement in ("DELETE FROM custody_role", "UPDATE custody_role SET person_name = 'X'"):
        with pytest.raises(sqlite3.DatabaseError):
            con.execute(statement)


def test_new_consegnatario_must_start_after_the_current_one(db, db_path):
    appoint(db, role="consegnatario", person_name="Dott. Mario Bianchi", started_on=DAY)
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        appoint(db, role="consegnatario", person_name="Dott.ssa Anna Verdi", started_on=DAY)
    assert "giorno successivo" in info.value.errors["started_on"]
    assert _counts(db_path) == before
    assert list_roles(db)[0].ended_on is None


def test_sub_consegnatario_without_decree_or_plesso_is_refused_and_nothing_saved(db, db_path,
                                                                                 place):
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        appoint(db, role="sub_consegnatario", person_name="Ins. Rita Colasanti",
                site_id=place["prim"], started_on=DAY)
    assert "decreto del Dirigente Scolastico" in info.value.errors["decree_number"]
    assert "decree_date" in info.value.errors
    with pytest.raises(ValidationError) as info:
        appoint(db, role="sub_consegnatario", person_name="Ins. Rita Colasanti",
                decree_number="45", decree_date=DAY, started_on=DAY)
    assert info.value.errors == {"site_id": "Indicare il plesso affidato al sub-consegnatario."}
    with pytest.raises(ValidationError) as info:
        appoint(db, role="sostituto", person_name="Paola De Santis", started_on=DAY)
    assert "decree_number" in info.value.errors
    with pytest.raises(ValidationError) as info:
        appoint(db, role="consegnatario", person_name="Dott. Mario Bianchi",
                started_on=date.today() + timedelta(days=1))
    assert "futura" in info.value.errors["started_on"]
    assert _counts(db_path) == before


def test_one_sub_consegnatario_per_plesso_and_several_sostituti(db, place):
    a = appoint(db, role="sub_consegnatario", person_name="Ins. Rita Colasanti",
                site_id=place["prim"], decree_number="45", decree_date=DAY, started_on=DAY)
    b = appoint(db, role="sub_consegnatario", person_name="Ins. Luca Neri",
                site_id=place["sede"], decree_number="46", decree_date=DAY, started_on=DAY)
    c = appoint(db, role="sub_consegnatario", person_name="Ins. Paola Riva",
                site_id=place["prim"], decree_number="51", decree_date=date(2025, 10, 1),
                started_on=date(2025, 10, 1))
    for name in ("Paola De Santis", "Luca Marchetti"):
        appoint(db, role="sostituto", person_name=name, decree_number="47", decree_date=DAY,
                started_on=DAY)
    roles = {r.id: r for r in list_roles(db)}
    assert roles[a].ended_on == date(2025, 9, 30)
    assert roles[b].ended_on is None and roles[c].ended_on is None
    assert sum(r.role == "sostituto" for r in current_custodians(db)) == 2


def test_ending_a_role(db):
    role = appoint(db, role="consegnatario", person_name="Dott. Mario Bianchi", started_on=DAY)
    with pytest.raises(ValidationError) as info:
        end_role(db, role_id=role, ended_on=date(2025, 9, 1))
    assert "anteriore" in info.value.errors["ended_on"]
    end_role(db, role_id=role, ended_on=date(2025, 12, 31))
    with pytest.raises(DomainError) as info:
        end_role(db, role_id=role, ended_on=date(2026, 1, 5))
    assert "già cessato il 31/12/2025" in info.value.message
    assert current_custodians(db) == []


# --- Affidamento and riconsegna -------------------------------------------------------------
def test_affidamento_numbers_a_verbale_and_the_goods_answer_to_the_affidatario(db, place):
    appoint(db, role="consegnatario", person_name="Dott. Alessandro Ferri",
            started_on=date(2020, 9, 1))
    appoint(db, role="sub_consegnatario", person_name="Ins. Rita Colasanti",
            site_id=place["prim"], decree_number="45", decree_date=DAY, started_on=DAY)
    pcs = _goods(db, place["lab"])
    desks = _goods(db, place["aula"], n=1, text="Cattedra", value="300.00")
    ref = _assign(db, pcs[:2], place["lab"])
    assert (ref.number, ref.year) == (1, 2025)
    assert custodian_of(db, pcs[0]).title == "Affidatario (verbale n. 1/2025)"
    assert custodian_of(db, pcs[2]).kind == "consegnatario"
    assert custodian_of(db, desks[0]).person_name == "Ins. Rita Colasanti"
    rows, ids = list_items(db)
    custode = dict(zip(ids, (r[CUSTODE] for r in rows)))
    assert custode[pcs[0]] == custode[pcs[1]] == "Prof.ssa Giulia Serra (affidatario)"
    assert custode[pcs[2]] == "Dott. Alessandro Ferri (consegnatario)"
    assert custode[desks[0]] == "Ins. Rita Colasanti (sub-consegnatario)"
    [open_] = open_assignments(db)
    assert open_.items == 2 and open_.assignee_role == "Docente direttore di laboratorio"
    assert verify(db).ok


def test_good_already_entrusted_is_refused_with_its_name_and_nothing_saved(db, db_path, place):
    pcs = _goods(db, place["lab"])
    _assign(db, pcs[:2], place["lab"])
    before = _counts(db_path)
    with pytest.raises(DomainError) as info:
        _assign(db, [pcs[2], pcs[1]], place["lab"], assignee_name="Tomáš Dvořák",
                assignee_role="assistente_tecnico")
    assert info.value.message == ("Il bene n. 2 (beni mobili) è già affidato a Prof.ssa Giulia "
                                  "Serra (verbale n. 1/2025): serve prima la riconsegna.")
    assert _counts(db_path) == before


def test_discharged_good_cannot_be_entrusted_and_nothing_saved(db, db_path, place):
    pcs = _goods(db, place["lab"])
    discharge_items(db, item_ids=[pcs[0]], decree_number="12", decree_date=DAY, cause="furto",
                    motivation="Furto denunciato ai Carabinieri")
    before = _counts(db_path)
    with pytest.raises(DomainError) as info:
        _assign(db, pcs, place["lab"])
    assert info.value.message == "Il bene n. 1 (beni mobili) è stato scaricato: non si affida."
    assert _counts(db_path) == before
    rows, ids = list_items(db)
    assert dict(zip(ids, (r[CUSTODE] for r in rows)))[pcs[0]] == ""   # no longer in custody


def test_an_entrusted_good_is_not_discharged_or_sold_before_the_riconsegna(db, db_path, place):
    from iiss_desktop.services.inventory import sale

    pcs = _goods(db, place["lab"])
    _assign(db, pcs[:1], place["lab"])
    before = _counts(db_path)
    with pytest.raises(DomainError) as info:
        discharge_items(db, item_ids=pcs[:2], decree_number="12", decree_date=DAY,
                        cause="furto", motivation="Furto denunciato ai Carabinieri")
    assert info.value.message == (
        "Il bene n. 1 (beni mobili) è affidato a Prof.ssa Giulia Serra (verbale n. 1/2025): "
        "registrarne prima la riconsegna, annotando nel verbale il bene mancante o guasto.")
    with pytest.raises(DomainError) as info:
        sale.open_sale(db, pcs[:1], "vendita", "inventario", None,
                       "Verbale n. 1 della commissione: PC obsoleti", "30", DAY)
    assert "registrarne prima la riconsegna, poi destinarlo alla vendita" in info.value.message
    assert _counts(db_path) == before
    assert {r[9] for r in list_items(db)[0]} == {"in uso"}


@pytest.mark.parametrize("change,field", [
    ({"ds_indication": " "}, "ds_indication"),
    ({"assignee_role": "collaboratore"}, "assignee_role"),
    ({"assignee_name": ""}, "assignee_name"),
    ({"room_id": None}, "room_id"),
    ({"started_on": date(2025, 9, 1)}, "started_on"),        # before the carico
    ({"item_ids": []}, "item_ids"),
])
def test_affidamento_bad_input_names_the_field(db, db_path, place, change, field):
    pcs = _goods(db, place["lab"])
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        _assign(db, pcs[:1], place["lab"], **change)
    assert field in info.value.errors
    assert _counts(db_path) == before


def test_riconsegna_is_a_second_verbale_and_ends_the_affidamento(db, db_path, place):
    pcs = _goods(db, place["lab"])
    ref = _assign(db, pcs[:2], place["lab"])
    with pytest.raises(ValidationError) as info:    # worse state: describe the damage
        riconsegna(db, assignment_id=ref.assignment_id, returned_on=date(2025, 12, 20),
                   condition_back={pcs[0]: "buono", pcs[1]: "mediocre"})
    assert "notes" in info.value.errors
    with pytest.raises(ValidationError) as info:
        riconsegna(db, assignment_id=ref.assignment_id, returned_on=date(2025, 9, 1))
    assert "returned_on" in info.value.errors
    back = riconsegna(db, assignment_id=ref.assignment_id, returned_on=date(2025, 12, 20),
                      condition_back={pcs[0]: "buono", pcs[1]: "mediocre"},
                      notes="Cerniera dello schermo allentata")
    assert (back.number, back.year) == (2, 2025)
    assert open_assignments(db) == []
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT end_entry_id IS NOT NULL, ended_on FROM inventory_assignment"
                       ).fetchall() == [(1, "2025-12-20")]
    assert con.execute("SELECT condition_back FROM inventory_assignment_item ORDER BY id"
                       ).fetchall() == [("buono",), ("mediocre",)]
    rows, ids = list_items(db)
    assert dict(zip(ids, (r[CUSTODE + 1] for r in rows)))[pcs[1]] == "mediocre"
    with pytest.raises(DomainError) as info:
        riconsegna(db, assignment_id=ref.assignment_id, returned_on=date(2025, 12, 21))
    assert "già stato chiuso" in info.value.message
    again = _assign(db, pcs[:1], place["lab"], started_on=date(2025, 12, 22),
                    assignee_name="Tomáš Dvořák", assignee_role="assistente_tecnico")
    assert again.number == 3
    for statement in ("DELETE FROM inventory_assignment",
                      "UPDATE inventory_assignment SET assignee_name = 'X'",
                      "DELETE FROM inventory_assignment_item"):
        with pytest.raises(sqlite3.DatabaseError):
            con.execute(statement)
    assert verify(db).ok


# --- Maintenance log -----------------------------------------------------------------------------
def test_maintenance_log_rows_are_added_never_changed(db, db_path, place):
    pc = _goods(db, place["lab"], n=1)[0]
    first = add_maintenance(db, item_id=pc, done_on=date(2025, 10, 2), kind="riparazione",
                            description="Sostituzione del disco", done_by="Informatica Srl",
                            cost=Decimal("89.00"), warranty_until=date(2026, 10, 2))
    add_maintenance(db, item_id=pc, done_on=date(2025, 10, 3), kind="riparazione",
                    description="Costo corretto secondo la fattura", cost=Decimal("98.00"),
                    correction_of=first)
    log = maintenance_of(db, pc)
    assert [(r.kind_title, r.cost) for r in log] == [("Riparazione", Decimal("89.00")),
                                                      ("Riparazione", Decimal("98.00"))]
    assert log[1].description.startswith("Rettifica della registrazione del 02/10/2025")
    con = sqlite3.connect(db_path)
    for statement in ("UPDATE inventory_maintenance SET cost = 0",
                      "DELETE FROM inventory_maintenance"):
        with pytest.raises(sqlite3.DatabaseError):
            con.execute(statement)


@pytest.mark.parametrize("change,field", [
    ({"cost": Decimal("-10.00")}, "cost"),
    ({"warranty_until": date(2025, 9, 30)}, "warranty_until"),
    ({"done_on": date.today() + timedelta(days=1)}, "done_on"),
    ({"done_on": date(2025, 9, 1)}, "done_on"),           # before the carico
    ({"kind": "pulizia"}, "kind"),
    ({"description": " "}, "description"),
])
def test_maintenance_bad_input_saves_nothing(db, db_path, place, change, field):
    pc = _goods(db, place["lab"], n=1)[0]
    values = dict(item_id=pc, done_on=date(2025, 10, 2), kind="manutenzione",
                  description="Pulizia interna", cost=Decimal("10.00"))
    values.update(change)
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        add_maintenance(db, **values)
    assert field in info.value.errors
    assert _counts(db_path) == before


def test_maintenance_before_the_carico_names_the_good_and_its_carico_date(db, place):
    pc = _goods(db, place["lab"], n=1)[0]
    with pytest.raises(ValidationError) as info:
        add_maintenance(db, item_id=pc, done_on=date(2025, 9, 1), kind="manutenzione",
                        description="Pulizia interna")
    assert info.value.errors == {"done_on": "L'intervento è anteriore al carico del bene "
                                            "n. 1 (beni mobili), del 15/09/2025."}


# --- Prospetto of the sub-consegnatario -----------------------------------------------------------
def test_prospetto_replays_carichi_moves_and_discharges_of_the_plesso(db, place):
    """By hand, plesso PRIM in 2024: on 1/1 one PC (500,00); in the year a carico (250,00) and a
    good moved in from the sede (400,00); out: the PC moved to the sede (500,00) and the
    discharged good (250,00). On 31/12: the good moved in, 400,00 = 500 + 650 - 750."""
    pc = _goods(db, place["aula"], n=1, when=date(2023, 3, 1), value="500.00", text="PC")[0]
    board = _goods(db, place["lab"], n=1, when=date(2023, 3, 1), value="400.00",
                   text="Lavagna")[0]
    printer = _goods(db, place["aula"], n=1, when=date(2024, 2, 1), value="250.00",
                     text="Stampante")[0]
    move_item(db, item_id=pc, to_room_id=place["lab"], moved_on=date(2024, 4, 10))
    move_item(db, item_id=board, to_room_id=place["aula"], moved_on=date(2024, 5, 10))
    discharge_items(db, item_ids=[printer], decree_number="7", decree_date=date(2024, 6, 1),
                    cause="inservibilita", motivation="Guasto non riparabile, verbale")
    _goods(db, place["aula"], n=1, when=date(2025, 1, 10), value="900.00", text="Proiettore")
    appoint(db, role="sub_consegnatario", person_name="Ins. Rita Colasanti",
            site_id=place["prim"], decree_number="45", decree_date=date(2024, 1, 8),
            started_on=date(2024, 1, 8))

    p = prospetto_data(db, "PRIM", 2024)
    t = p.total()
    assert (t.start_n, t.start_cents) == (1, 50000)
    assert (t.plus_n, t.plus_cents) == (2, 65000)
    assert (t.minus_n, t.minus_cents) == (2, 75000)
    assert (t.end_n, t.end_cents) == (1, 40000)
    assert [(v.day, v.operation, v.sign * v.cents) for v in p.variations] == [
        (date(2024, 2, 1), "Carico", 25000),
        (date(2024, 4, 10), "Trasferimento in uscita", -50000),
        (date(2024, 5, 10), "Trasferimento in entrata", 40000),
        (date(2024, 6, 1), "Discarico", -25000)]
    assert p.sub_consegnatario == "Ins. Rita Colasanti"
    sede = prospetto_data(db, place["sede"], 2024).total()
    assert (sede.start_n, sede.plus_cents, sede.minus_cents, sede.end_n, sede.end_cents) == \
        (1, 50000, 40000, 1, 50000)
    before = prospetto_data(db, "PRIM", 2023).total()
    assert (before.start_n, before.plus_n, before.end_n, before.end_cents) == (0, 1, 1, 50000)
    with pytest.raises(DomainError):
        prospetto_data(db, "NOPE", 2024)
