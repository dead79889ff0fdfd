"""The emergency staffing on real SQLite archives (issue 14 item 7): the organico Covid budget
of a school year with its costs worked out by hand, the simulation before hiring, the
register of cleaning and the training, append-only (annulment needs a reason; the triggers
refuse a DELETE or an UPDATE), and who may do what. Rows counted with raw sqlite3."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.access import PermissionDenied
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_cleaning import cleaning_log
from iiss_desktop.queries.staff_emergency import covid_budget, covid_years, simulate_covid_hire
from iiss_desktop.queries.staff_training import training_list
from iiss_desktop.services import school
from iiss_desktop.services.staff import cleaning, emergency, registry, training
from iiss_desktop.services.users import act_as
from tests.helpers.ui import table_snapshot

CS, AA = Decimal("56.48"), Decimal("62.90")
TABLES = ("staff_covid_budget", "staff_covid_rate", "staff_covid_substitution",
          "staff_cleaning", "staff_training")


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def sites(db):
    return {code: school.save_site(db, {"code": code, "name": name})
            for code, name in (("SEDE", "Sede centrale"), ("PRIM", "Primaria Rodari"))}


def _person(db, site_id, surname, name, role="CS", born=date(1980, 4, 2)):
    return registry.save_person(db, {
        "surname": surname, "name": name, "role": role, "site_id": site_id,
        "codice_fiscale": demo_codice_fiscale(surname, name, "F", born)})


@pytest.fixture
def year_2020(db, sites):
    """Two Covid contracts of 2020/21 and a supplenza on the first one's post."""
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    bianchi = _person(db, sites["SEDE"], "Bianchi", "Luca", role="AA", born=date(1985, 1, 9))
    verdi = _person(db, sites["PRIM"], "Verdi", "Anna", born=date(1990, 6, 1))
    covid = registry.add_contract(db, rossi, kind="covid", starts_on=date(2020, 9, 14),
                                  ends_on=date(2021, 6, 9))
    registry.add_contract(db, bianchi, kind="covid", starts_on=date(2020, 10, 1),
                          ends_on=date(2020, 12, 31), part_time_percent=50)
    sub = registry.add_contract(db, verdi, kind="supplenza_breve", starts_on=date(2021, 1, 11),
                                ends_on=date(2021, 1, 29))
    emergency.set_daily_cost(db, 2020, "CS", CS)
    emergency.set_daily_cost(db, 2020, "AA", AA)
    emergency.add_budget_row(db, 2020, kind="assegnazione", amount=Decimal("20000.00"),
                             note_number="AOODRLA 21456", note_date=date(2020, 9, 2))
    emergency.add_budget_row(db, 2020, kind="integrazione", amount=Decimal("2000.00"),
                             note_number="AOODRLA 31870", note_date=date(2020, 12, 10))
    return {"rossi": rossi, "bianchi": bianchi, "verdi": verdi, "covid": covid, "sub": sub}


def test_the_budget_of_the_year_with_every_cost_worked_out_by_hand(db, year_2020):
    emergency.charge_substitution(db, year_2020["sub"], year_2020["covid"],
                                  note="Assenza per quarantena dal 4/1/2021")
    view = covid_budget(db, 2020)
    assert view.year_label == "2020/21" and view.budget == Decimal("22000.00")
    # Bianchi (AA, 50 %): 92 days × 62,90 × 50 % = 2.893,40; Rossi (CS): 269 × 56,48 = 15.193,12
    assert [(c.person, c.days, c.cost) for c in view.contracts] == [
        ("Bianchi Luca", 92, Decimal("2893.40")), ("Rossi Maria", 269, Decimal("15193.12"))]
    # Verdi for Rossi: 11/1 - 29/1/2021 = 19 days × 56,48 = 1.073,12
    (sub,) = view.substitutions
    assert (sub.person, sub.replaces, sub.days, sub.cost) == (
        "Verdi Anna", "Rossi Maria", 19, Decimal("1073.12"))
    assert sub.formula == "19 gg × 56,48\u00a0€ = 1.073,12\u00a0€"
    # 2.893,40 + 15.193,12 + 1.073,12 = 19.159,64; 22.000 - 19.159,64 = 2.840,36
    assert view.spent == Decimal("19159.64") and view.residual == Decimal("2840.36")
    assert covid_years(db) == [2020]


def test_a_simulation_shows_the_residual_after_it_and_refuses_what_it_cannot_pay(db, year_2020):
    sim = simulate_covid_hire(db, "CS", date(2021, 2, 1), date(2021, 2, 28))
    # 28 × 56,48 = 1.581,44; before: 22.000 - 18.086,52 = 3.913,48; after: 2.332,04
    assert (sim.days, sim.cost, sim.residual_before, sim.residual_after) == (
        28, Decimal("1581.44"), Decimal("3913.48"), Decimal("2332.04"))
    assert sim.covered
    over = simulate_covid_hire(db, "AA", date(2021, 1, 11), date(2021, 6, 9), "50")
    # Jan 21 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 9 = 150 days × 62,90 × 50 % = 4.717,50
    assert (over.days, over.cost) == (150, Decimal("4717.50"))
    assert not over.covered and "di 804,02\u00a0€" in over.warning     # 4.717,50 - 3.913,48
    with pytest.raises(ValidationError) as refused:
        simulate_covid_hire(db, "AT", date(2021, 2, 1), date(2021, 2, 28))
    assert "Manca il costo giornaliero del profilo «Assistente tecnico»" in \
        refused.value.errors["profile"]


def test_notes_and_costs_are_never_changed_in_place(db, db_path, year_2020):
    # A new daily cost supersedes the old one, which stays.
    emergency.set_daily_cost(db, 2020, "CS", Decimal("57.10"), "Nota USR importi rideterminati")
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT daily_cost, superseded_on IS NOT NULL FROM staff_covid_rate "
                           "WHERE profile = 'CS' ORDER BY id").fetchall() == [(5648, 1),
                                                                               (5710, 0)]
    before = table_snapshot(db_path, TABLES)
    view = covid_budget(db, 2020)
    row = view.notes[1]
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            emergency.annul_budget_row(db, row.id, reason=reason)
        assert refused.value.errors == {"annul_reason": "Il campo «Motivo dell'annullamento» "
                                                        "è obbligatorio."}
    with pytest.raises(ValidationError) as refused:        # the integrations go first
        emergency.annul_budget_row(db, view.notes[0].id, reason="Nota errata")
    assert "Annullare prima le integrazioni" in refused.value.errors["row_id"]
    with pytest.raises(ValidationError) as refused:        # one assignment a year
        emergency.add_budget_row(db, 2020, kind="assegnazione", amount=Decimal("1.00"),
                                 note_number="X", note_date=date(2020, 9, 3))
    assert "ha già l'assegnazione" in refused.value.errors["kind"]
    assert table_snapshot(db_path, TABLES) == before
    emergency.annul_budget_row(db, row.id, reason="Importo già compreso nell'assegnazione")
    assert covid_budget(db, 2020).budget == Decimal("20000.00")
    with sqlite3.connect(db_path) as con:
        for sql in ("DELETE FROM staff_covid_budget", "UPDATE staff_covid_budget SET amount = 1",
                    "DELETE FROM staff_covid_rate",
                    "UPDATE staff_covid_rate SET daily_cost = 1"):
            with pytest.raises(sqlite3.IntegrityError, match="non si cancellano"):
                con.execute(sql)
        assert con.execute("SELECT count(*) FROM staff_covid_budget").fetchone() == (2,)
    assert verify(db).ok


def test_a_substitution_must_be_a_supplenza_on_a_covid_post_of_the_same_profile(db, year_2020):
    with pytest.raises(ValidationError) as refused:     # Bianchi's is a Covid contract, not a
        emergency.charge_substitution(db, year_2020["covid"], year_2020["covid"])
    assert "supplenza breve" in refused.value.errors["contract_id"]
    bianchi_covid = covid_budget(db, 2020).contracts[0].contract_id
    with pytest.raises(ValidationError) as refused:     # a CS cannot cover an AA post
        emergency.charge_substitution(db, year_2020["sub"], bianchi_covid)
    assert "non ha il profilo del posto Covid" in refused.value.errors["contract_id"]
    done = emergency.charge_substitution(db, year_2020["sub"], year_2020["covid"])
    with pytest.raises(ValidationError, match="già attribuita"):
        emergency.charge_substitution(db, year_2020["sub"], year_2020["covid"])
    emergency.annul_substitution(db, done, reason="Supplenza pagata con altri fondi")
    assert covid_budget(db, 2020).substitutions == ()


# --- the register of cleaning ----------------------------------------------------------------
def _entry(site, person, **over):
    values = {"employee_id": person, "day": date(2026, 11, 30), "time": "14:15",
              "site_id": site, "room_id": None, "place": "Servizi igienici piano terra",
              "action": "sanificazione", "product": "Perossido di idrogeno 0,5 %", "note": ""}
    values.update(over)
    return values


def test_a_cleaning_entry_is_recorded_and_annulled_never_deleted(db, db_path, sites):
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    entry = cleaning.record_cleaning(db, _entry(sites["SEDE"], rossi))
    (row,) = cleaning_log(db, date(2026, 11, 1), date(2026, 11, 30))
    assert (row.time, row.place, row.action_label, row.person) == (
        "14:15", "Servizi igienici piano terra", "Sanificazione", "Rossi Maria")
    before = table_snapshot(db_path, TABLES)
    with pytest.raises(ValidationError) as refused:
        cleaning.annul_cleaning(db, entry, reason=" ")
    assert "«Motivo dell'annullamento» è obbligatorio" in refused.value.errors["annul_reason"]
    assert table_snapshot(db_path, TABLES) == before
    cleaning.annul_cleaning(db, entry, reason="Registrata sul plesso sbagliato")
    (row,) = cleaning_log(db, date(2026, 11, 1), date(2026, 11, 30))
    assert row.state.endswith("Registrata sul plesso sbagliato")
    assert cleaning_log(db, date(2026, 11, 1), date(2026, 11, 30), include_annulled=False) == []
    with pytest.raises(ValidationError, match="già stata annullata"):
        cleaning.annul_cleaning(db, entry, reason="Ancora")
    with sqlite3.connect(db_path) as con:
        for sql in ("DELETE FROM staff_cleaning", "UPDATE staff_cleaning SET place = 'x'"):
            with pytest.raises(sqlite3.IntegrityError, match="non si cancellano"):
                con.execute(sql)
    assert _count(db_path, "staff_cleaning") == 1


def test_bad_cleaning_entries_name_their_fields_and_save_nothing(db, db_path, sites):
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    aula = school.save_room(db, {"site_id": sites["PRIM"], "name": "Aula 1A"})
    cases = [
        ({"place": "", "room_id": None}, "room_id", "Il campo «Locale» è obbligatorio"),
        ({"product": ""}, "product", "indicare il prodotto utilizzato"),
        ({"time": "25:00"}, "time", "non è un orario esistente"),
        ({"time": ""}, "time", "Il campo «Ora» è obbligatorio"),
        ({"day": date.today() + timedelta(days=1)}, "day", "non può essere una data futura"),
        ({"action": ""}, "action", "Il campo «Intervento» è obbligatorio"),
        ({"employee_id": None}, "employee_id", "Il campo «Eseguito da» è obbligatorio"),
        ({"room_id": aula}, "room_id", "non è del plesso"),
    ]
    for over, field, text in cases:
        with pytest.raises(ValidationError) as refused:
            cleaning.record_cleaning(db, _entry(sites["SEDE"], rossi, **over))
        assert text in refused.value.errors[field], over
    # Pulizia ordinaria needs no product; a room of the plesso is named by the room.
    cleaning.record_cleaning(db, _entry(sites["PRIM"], rossi, room_id=aula, place="",
                                        action="pulizia_ordinaria", product=""))
    (row,) = cleaning_log(db, date(2026, 11, 30), date(2026, 11, 30), locale="aula 1a")
    assert row.place == "Aula 1A" and row.site_code == "PRIM"
    assert _count(db_path, "staff_cleaning") == 1


# --- training ---------------------------------------------------------------------------------
def test_training_per_person_with_hours_and_certificate(db, db_path, sites):
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    first = training.add_training(db, rossi, course="Misure di prevenzione igienico-sanitarie",
                                  kind="emergenza_igiene", hours="1,5", day=date(2020, 9, 10),
                                  provider="RSPP d'istituto", certificate="Att. 112/2020")
    training.add_training(db, rossi, course="Formazione generale dei lavoratori",
                          kind="sicurezza_generale", hours="4", day=date(2020, 10, 5),
                          provider="Rete di scuole per la sicurezza")
    rows = training_list(db, 2020)
    assert [(r.kind_label, r.hours, r.minutes) for r in rows] == [
        ("Formazione emergenza: igiene e prevenzione", "1,5", 90),
        ("Sicurezza sul lavoro: formazione generale (D.Lgs. 81/2008)", "4", 240)]
    assert training_list(db, 2021) == []
    with pytest.raises(ValidationError) as refused:
        training.add_training(db, rossi, course="", kind="altro", hours="tante",
                              day=date(2020, 10, 5), provider="")
    assert set(refused.value.errors) == {"course", "hours", "provider"}
    assert "indicare le ore come 8, 1,5 o 2:30" in refused.value.errors["hours"]
    training.annul_training(db, first, reason="Corso registrato due volte")
    assert [r.state != "" for r in training_list(db, 2020)] == [True, False]
    with sqlite3.connect(db_path) as con:
        for sql in ("DELETE FROM staff_training", "UPDATE staff_training SET minutes = 60"):
            with pytest.raises(sqlite3.IntegrityError, match="non si cancellano"):
                con.execute(sql)
    assert _count(db_path, "staff_training") == 2


# --- who may do what, on the demo ---------------------------------------------------------------
def _demo_person(demo_path, surname):
    with sqlite3.connect(demo_path) as con:
        return con.execute("SELECT e.id, s.id FROM employee e JOIN site s ON s.id = e.site_id "
                           "WHERE e.surname = ?", (surname,)).fetchone()


def _site(demo_path, code):
    with sqlite3.connect(demo_path) as con:
        return con.execute("SELECT id FROM site WHERE code = ?", (code,)).fetchone()[0]


def test_a_collaboratore_records_cleaning_in_its_plesso_but_not_training(demo_db, demo_path):
    bianchi, sede = _demo_person(demo_path, "Bianchi")
    act_as(demo_db, "collaboratore")            # Rosaria Bianchi, limited to the SEDE
    before = _count(demo_path, "staff_cleaning")
    entry = cleaning.record_cleaning(demo_db, _entry(sede, bianchi, day=date.today()))
    assert entry and _count(demo_path, "staff_cleaning") == before + 1
    assert cleaning_log(demo_db, date.today() - timedelta(days=7), date.today())
    with pytest.raises(PermissionDenied) as refused:      # another plesso
        cleaning.record_cleaning(demo_db, _entry(_site(demo_path, "PRIM"), bianchi))
    assert "solo per altri plessi" in refused.value.message
    with pytest.raises(PermissionDenied) as refused:
        training.add_training(demo_db, bianchi, course="x", kind="altro", hours=1,
                              day=date(2025, 1, 8), provider="x")
    assert "«Anagrafica e contratti del personale»" in refused.value.message
    with pytest.raises(PermissionDenied):
        covid_budget(demo_db, 2020)                       # the staff area stays closed
    assert _count(demo_path, "staff_cleaning") == before + 1


def test_the_revisore_reads_the_register_but_does_not_write_it(demo_db, demo_path):
    bianchi, sede = _demo_person(demo_path, "Bianchi")
    act_as(demo_db, "revisore")
    assert cleaning_log(demo_db)                          # the demo's last four weeks
    assert training_list(demo_db)
    with pytest.raises(PermissionDenied) as refused:
        cleaning.record_cleaning(demo_db, _entry(sede, bianchi))
    assert "«Registro delle pulizie e sanificazioni»" in refused.value.message
