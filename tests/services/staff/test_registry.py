"""The staff registry (issue 14 item 1) on real SQLite archives: contracts over time, every
bad input refused with nothing saved (rows counted with raw sqlite3), permissions per role,
protections, and verify still ok. Expected values worked out by hand in the comments."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.access import (
    AMMINISTRATORE_TECNICO,
    ASSISTENTE_AMMINISTRATIVO,
    COLLABORATORE,
    DIRIGENTE,
    PermissionDenied,
)
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.staff import contract_history, in_service_on, staff_list
from iiss_desktop.services.staff import registry
from tests.helpers.users import act_as_office

CF_ROSSI = demo_codice_fiscale("Rossi", "Maria", "F", date(1970, 3, 12))
CF_BIANCHI = demo_codice_fiscale("Bianchi", "Luca", "M", date(1981, 7, 2))
CF_VERDI = demo_codice_fiscale("Verdi", "Anna", "F", date(1990, 1, 20))


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _person(db, site_id, cf=CF_ROSSI, surname="Rossi", name="Maria", role="CS", **extra):
    return registry.save_person(db, {"surname": surname, "name": name, "codice_fiscale": cf,
                                     "role": role, "site_id": site_id, **extra})


def _names(rows) -> list[str]:
    return [r.surname for r in rows]


def test_who_is_in_service_on_given_dates_per_profile_and_plesso(db, sites):
    rossi = _person(db, sites["SEDE"], service_since=date(2005, 9, 1))
    bianchi = _person(db, sites["PRIM"], CF_BIANCHI, "Bianchi", "Luca", role="AA")
    verdi = _person(db, sites["SEDE"], CF_VERDI, "Verdi", "Anna", role="CS", area_2007="AS",
                    area_2024="operatori")
    registry.add_contract(db, rossi, kind="indeterminato", starts_on=date(2005, 9, 1))
    registry.add_contract(db, bianchi, kind="determinato_3108", starts_on=date(2020, 9, 1),
                          ends_on=date(2021, 8, 31))
    registry.add_contract(db, verdi, kind="covid", starts_on=date(2020, 9, 14),
                          ends_on=date(2021, 6, 10))
    # 1/9/2020: Bianchi (from 1/9) and Rossi; Verdi starts on 14/9.
    assert _names(in_service_on(db, date(2020, 9, 1))) == ["Bianchi", "Rossi"]
    # 14/9/2020: all three; the collaboratori of the SEDE are Rossi and Verdi.
    assert _names(in_service_on(db, date(2020, 9, 14))) == ["Bianchi", "Rossi", "Verdi"]
    assert _names(in_service_on(db, date(2020, 9, 14), profile="CS",
                                site_id=sites["SEDE"])) == ["Rossi", "Verdi"]
    assert _names(in_service_on(db, date(2020, 9, 14), site_id=sites["PRIM"])) == ["Bianchi"]
    # 11/6/2021: Verdi's Covid contract ended on 10/6; 1/9/2021: Bianchi's ended on 31/8.
    assert _names(in_service_on(db, date(2021, 6, 11))) == ["Bianchi", "Rossi"]
    assert _names(in_service_on(db, date(2021, 9, 1))) == ["Rossi"]
    # The list shows everybody, with the contract of the day (none for Verdi on 1/9/2021),
    # the area in force that day and the years of service (1/9/2005 -> 1/9/2021: 16).
    rows = {r.surname: r for r in staff_list(db, on=date(2021, 9, 1))}
    assert rows["Verdi"].contract_id is None and rows["Verdi"].contract_label == ""
    assert rows["Rossi"].contract_label == "Tempo indeterminato"
    assert rows["Rossi"].years_of_service == 16
    assert rows["Rossi"].area == "Area A"
    assert rows["Verdi"].area == "Area AS (addetto all'azienda agraria)"
    # From 1 May 2024 the CCNL 2019-21 areas.
    later = {r.surname: r for r in staff_list(db, on=date(2024, 5, 1))}
    assert later["Rossi"].area == "Area dei collaboratori"
    assert later["Bianchi"].area == "Area degli assistenti"
    assert later["Verdi"].area == "Area degli operatori"
    assert verify(db).ok


def test_part_time_to_full_time_is_a_new_period(db, sites):
    rossi = _person(db, sites["SEDE"])
    first = registry.add_contract(db, rossi, kind="indeterminato", starts_on=date(2019, 9, 1),
                                  part_time_percent="83,33")
    second = registry.change_working_time(db, first, from_day=date(2022, 9, 1),
                                          part_time_percent=100)
    history = contract_history(db, rossi, on=date(2023, 1, 10))
    assert [(h.id, h.part_time_percent, h.closed_on, h.state) for h in history] == [
        (first, Decimal("83.33"), date(2022, 8, 31), "chiuso"),
        (second, Decimal("100.00"), None, "in corso")]
    assert history[0].close_reason == "Trasformazione del rapporto: da 83,33 % a 100 %"
    assert history[1].follows_id == first
    # 31/8/2022 still part-time, 1/9/2022 full time.
    assert in_service_on(db, date(2022, 8, 31))[0].part_time_percent == Decimal("83.33")
    assert in_service_on(db, date(2022, 9, 1))[0].part_time_percent == Decimal("100.00")
    assert in_service_on(db, date(2022, 9, 1))[0].contract_id == second
    assert verify(db).ok


def test_ex_lsu_extended_month_by_month(db, db_path, sites):
    rossi = _person(db, sites["SEDE"])
    c1 = registry.add_contract(db, rossi, kind="ex_lsu", starts_on=date(2020, 3, 1),
                               ends_on=date(2020, 3, 31))
    c2 = registry.extend_contract(db, c1, until=date(2020, 4, 30))
    c3 = registry.extend_contract(db, c2, until=date(2020, 5, 31))
    history = contract_history(db, rossi, on=date(2020, 5, 15))
    # Three periods, each from the day after the previous one: 1/3-31/3, 1/4-30/4, 1/5-31/5.
    assert [(h.starts_on, h.ends_on, h.follows_id, h.state) for h in history] == [
        (date(2020, 3, 1), date(2020, 3, 31), None, "concluso"),
        (date(2020, 4, 1), date(2020, 4, 30), c1, "concluso"),
        (date(2020, 5, 1), date(2020, 5, 31), c2, "in corso")]
    assert [r.contract_id for r in in_service_on(db, date(2020, 4, 30))] == [c2]
    assert [r.contract_id for r in in_service_on(db, date(2020, 5, 1))] == [c3]
    assert in_service_on(db, date(2020, 6, 1)) == []
    # A proroga ending mid-month is refused, nothing saved.
    before = _count(db_path, "staff_contract")
    with pytest.raises(ValidationError) as refused:
        registry.extend_contract(db, c3, until=date(2020, 6, 15))
    assert "ultimo giorno di un mese" in refused.value.errors["ends_on"]
    assert _count(db_path, "staff_contract") == before == 3
    assert verify(db).ok


def test_assistente_tecnico_assigned_to_an_istituto_comprensivo(db, sites):
    at = _person(db, sites["SEDE"], role="AT")
    cs = _person(db, sites["SEDE"], CF_BIANCHI, "Bianchi", "Luca", role="CS")
    registry.add_contract(db, at, kind="at_ic", starts_on=date(2020, 11, 2),
                          ends_on=date(2021, 6, 30), assigned_school="IC Rodari RMIC8AB00X")
    with pytest.raises(ValidationError) as refused:
        registry.add_contract(db, cs, kind="at_ic", starts_on=date(2020, 11, 2),
                              ends_on=date(2021, 6, 30), assigned_school="IC Rodari")
    assert "assistente tecnico" in refused.value.errors["kind"]
    assert contract_history(db, at)[0].assigned_school == "IC Rodari RMIC8AB00X"


BAD_CONTRACTS = [
    # (kwargs, field, words in the message)
    ({"kind": "indeterminato", "starts_on": date(2021, 1, 1)}, "starts_on", "si sovrappone"),
    ({"kind": "supplenza_breve", "starts_on": date(2020, 3, 10), "ends_on": date(2020, 3, 1)},
     "ends_on", "precede l'inizio"),
    ({"kind": "supplenza_breve", "starts_on": date(2019, 3, 10)}, "ends_on",
     "indicare la data di fine"),
    ({"kind": "determinato_3006", "starts_on": date(2018, 9, 1), "ends_on": date(2019, 8, 31)},
     "ends_on", "termina il 30/6"),
    ({"kind": "supplenza_breve", "starts_on": date(2018, 3, 1), "ends_on": date(2018, 3, 9),
      "part_time_percent": 120}, "part_time_percent", "Percentuale di part-time 120"),
    ({"kind": "supplenza_breve", "starts_on": date(2018, 3, 1), "ends_on": date(2018, 3, 9),
      "part_time_percent": 0}, "part_time_percent", "maggiore di 0"),
    ({"kind": "covid", "starts_on": date(2020, 9, 14), "ends_on": date(2020, 8, 31)},
     "ends_on", "precede"),
]


@pytest.mark.parametrize(("kwargs", "field", "words"), BAD_CONTRACTS)
def test_a_bad_contract_is_refused_naming_the_field_and_nothing_is_saved(
        db, db_path, sites, kwargs, field, words):
    rossi = _person(db, sites["SEDE"])
    registry.add_contract(db, rossi, kind="determinato_3108", starts_on=date(2020, 9, 1),
                          ends_on=date(2021, 8, 31))
    before = (_count(db_path, "staff_contract"), _count(db_path, "audit_log"))
    with pytest.raises(ValidationError) as refused:
        registry.add_contract(db, rossi, **kwargs)
    assert words in refused.value.errors[field]
    assert (_count(db_path, "staff_contract"), _count(db_path, "audit_log")) == before


def test_the_overlap_message_names_the_other_contract(db, sites):
    rossi = _person(db, sites["SEDE"])
    registry.add_contract(db, rossi, kind="determinato_3108", starts_on=date(2020, 9, 1),
                          ends_on=date(2021, 8, 31))
    with pytest.raises(ValidationError) as refused:
        registry.add_contract(db, rossi, kind="supplenza_breve", starts_on=date(2021, 8, 31),
                              ends_on=date(2021, 9, 30))
    assert refused.value.errors["starts_on"] == (
        "Il periodo si sovrappone a un altro contratto della stessa persona (Tempo "
        "determinato fino al 31/8, dal 01/09/2020 al 31/08/2021): chiudere prima quel "
        "contratto o correggere le date.")
    # The day after is free.
    registry.add_contract(db, rossi, kind="supplenza_breve", starts_on=date(2021, 9, 1),
                          ends_on=date(2021, 9, 30))


def test_a_closed_or_annulled_contract_frees_its_days(db, sites):
    rossi = _person(db, sites["SEDE"])
    wrong = registry.add_contract(db, rossi, kind="indeterminato", starts_on=date(2020, 9, 1))
    registry.close_contract(db, wrong, closed_on=date(2021, 3, 31), reason="Dimissioni")
    registry.add_contract(db, rossi, kind="supplenza_breve", starts_on=date(2021, 4, 1),
                          ends_on=date(2021, 4, 30))
    other = registry.add_contract(db, rossi, kind="supplenza_breve", starts_on=date(2021, 5, 3),
                                  ends_on=date(2021, 5, 31))
    registry.annul_contract(db, other, reason="Registrato per errore sulla persona sbagliata")
    registry.add_contract(db, rossi, kind="supplenza_breve", starts_on=date(2021, 5, 3),
                          ends_on=date(2021, 5, 20))
    states = [h.state for h in contract_history(db, rossi, on=date(2021, 6, 1))]
    assert states == ["chiuso", "concluso", "annullato", "concluso"]
    assert in_service_on(db, date(2021, 5, 25)) == []     # 20/5 was the end
    with pytest.raises(ValidationError) as refused:
        registry.annul_contract(db, wrong, reason="")
    assert "«Motivo dell'annullamento» è obbligatorio" in refused.value.errors["annul_reason"]
    assert verify(db).ok


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"codice_fiscale": "RSSMRA70C52L71"}, "codice_fiscale", "16 caratteri"),
    ({"codice_fiscale": CF_ROSSI[:-1] + ("A" if CF_ROSSI[-1] != "A" else "B")},
     "codice_fiscale", "carattere di controllo"),
    ({"codice_fiscale": CF_BIANCHI}, "codice_fiscale", "è già di Bianchi Luca"),
    ({"codice_fiscale": ""}, "codice_fiscale", "obbligatorio"),
    ({"surname": ""}, "surname", "«Cognome» è obbligatorio"),
    ({"role": "DOC"}, "role", "profilo del personale ATA"),
    ({"role": "AA", "area_2007": "A"}, "area_2007", "non ammessa per il profilo"),
    ({"role": "CS", "area_2024": "assistenti"}, "area_2024", "non ammessa"),
    ({"site_id": 999}, "site_id", "inesistente"),
])
def test_bad_person_data_are_refused_and_nothing_is_saved(db, db_path, sites, values, field,
                                                          words):
    _person(db, sites["SEDE"], CF_BIANCHI, "Bianchi", "Luca")
    before = (_count(db_path, "employee"), _count(db_path, "audit_log"))
    data = {"surname": "Rossi", "name": "Maria", "codice_fiscale": CF_ROSSI, "role": "CS",
            "site_id": sites["SEDE"], **values}
    with pytest.raises(ValidationError) as refused:
        registry.save_person(db, data)
    assert words in refused.value.errors[field]
    assert (_count(db_path, "employee"), _count(db_path, "audit_log")) == before


def test_a_person_is_corrected_and_the_codice_fiscale_stored_upper_case(db, sites):
    rossi = _person(db, sites["SEDE"], cf=CF_ROSSI.lower(), phone="06 1234567",
                    posizione_economica="prima")
    registry.save_person(db, {"surname": "Rossi", "name": "Maria Grazia",
                              "codice_fiscale": CF_ROSSI, "role": "CS",
                              "site_id": sites["PRIM"], "posizione_economica": "seconda"},
                         person_id=rossi)
    row = staff_list(db)[0]
    assert (row.name, row.codice_fiscale, row.site, row.posizione_economica) == (
        "Maria Grazia", CF_ROSSI, "Primaria Rodari", "Seconda posizione economica (art. 50)")


def test_incarichi_specifici_with_their_compensation_source(db, db_path, sites):
    rossi = _person(db, sites["SEDE"])
    registry.add_incarico(db, rossi, school_year=2020, description="Assistenza agli alunni "
                          "con disabilità", source="incarichi_specifici", amount=Decimal("450.00"))
    with pytest.raises(ValidationError) as refused:
        registry.add_incarico(db, rossi, school_year=2020, description="Primo soccorso",
                              source="bilancio")
    assert "«Fonte del compenso»" in refused.value.errors["source"]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT description, source, amount FROM staff_incarico").fetchall() \
            == [("Assistenza agli alunni con disabilità", "incarichi_specifici", 45000)]


def test_contracts_are_history_never_deleted_nor_rewritten(db, db_path, sites):
    rossi = _person(db, sites["SEDE"])
    registry.add_contract(db, rossi, kind="indeterminato", starts_on=date(2020, 9, 1))
    with sqlite3.connect(db_path) as con:
        with pytest.raises(sqlite3.DatabaseError, match="non si cancellano"):
            con.execute("DELETE FROM staff_contract")
        with pytest.raises(sqlite3.DatabaseError, match="non si modificano"):
            con.execute("UPDATE staff_contract SET starts_on = '2019-09-01'")
    assert _count(db_path, "staff_contract") == 1
    assert verify(db).ok


def test_who_may_edit_and_who_may_read_the_registry(db, db_path, sites):
    # The assistente amministrativo of the office edits the registry.
    act_as_office(db, "amministrativa", roles=(ASSISTENTE_AMMINISTRATIVO,))
    rossi = _person(db, sites["SEDE"])
    registry.add_contract(db, rossi, kind="indeterminato", starts_on=date(2020, 9, 1))
    assert _names(staff_list(db)) == ["Rossi"]
    # The dirigente reads it but does not edit it.
    act_as_office(db, "dirigente", roles=(DIRIGENTE,))
    assert _names(in_service_on(db, date(2021, 1, 1))) == ["Rossi"]
    before = _count(db_path, "staff_contract")
    with pytest.raises(PermissionDenied):
        registry.add_contract(db, rossi, kind="supplenza_breve", starts_on=date(2019, 1, 7),
                              ends_on=date(2019, 1, 31))
    # A collaboratore neither edits nor reads; the technical administrator never reads.
    for username, role in (("collaboratore", COLLABORATORE),
                           ("tecnico", AMMINISTRATORE_TECNICO)):
        act_as_office(db, username, roles=(role,))
        with pytest.raises(PermissionDenied):
            staff_list(db)
        with pytest.raises(PermissionDenied):
            contract_history(db, rossi)
        with pytest.raises(PermissionDenied):
            registry.save_person(db, {"surname": "X"}, person_id=rossi)
    assert _count(db_path, "staff_contract") == before


def test_a_missing_contract_or_person_is_a_clear_refusal(db, sites):
    with pytest.raises(ValidationError) as refused:
        registry.add_contract(db, 999, kind="indeterminato", starts_on=date(2020, 9, 1))
    assert refused.value.errors["employee_id"] == "Dipendente inesistente."
    with pytest.raises(DomainError):
        registry.close_contract(db, 999, closed_on=date(2020, 9, 1), reason="x")
