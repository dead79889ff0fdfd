"""The fragile worker: the dirigente and the DSGA record, annul and read the giudizio of the
medico competente; every read is in the change log; the change log itself keeps the health
columns as «(valore riservato)»; an assistente amministrativo cannot read them; nothing of
them reaches the staff list, the exchange file or the posted roster."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.db.audit import SECRET
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.access import ASSISTENTE_AMMINISTRATIVO, PermissionDenied
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.services import school
from iiss_desktop.services.staff import registry
from iiss_desktop.services.staff.health import (
    annul_fragile_status,
    read_fragile_status,
    record_fragile_status,
)
from tests.helpers.users import act_as_office

PRESCRIPTION = "Evitare il contatto con il pubblico allo sportello"
GIUDIZIO = {"checked_on": date(2021, 3, 10), "outcome": "fragile", "measure": "lavoro_agile",
            "prescriptions": PRESCRIPTION, "legal_basis": "dl41_art15",
            "valid_from": date(2021, 3, 22), "valid_to": date(2021, 6, 30),
            "protocol": "0001234/VII.6"}


@pytest.fixture
def person(db):
    site = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    pid = registry.save_person(db, {
        "surname": "Ferraro", "name": "Anna", "role": "AA", "site_id": site,
        "codice_fiscale": demo_codice_fiscale("Ferraro", "Anna", "F", date(1968, 5, 9))})
    registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2005, 9, 1))
    return pid


def _log(path) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT username, action, entity, entity_id, after FROM audit_log "
                           "WHERE entity = 'staff_fragile_status' ORDER BY id").fetchall()


def test_recorded_read_and_annulled_with_every_read_in_the_log(db, db_path, person):
    sid = record_fragile_status(db, person, GIUDIZIO)
    rows = read_fragile_status(db, person)
    assert [(r.id, r.outcome_label, r.measure_label, r.prescriptions, r.legal_basis_label)
            for r in rows] == [(sid, "Lavoratore fragile: tutela riconosciuta", "Lavoro agile",
                                PRESCRIPTION, "art. 15 DL 41/2021")]
    assert rows[0].in_force_on(date(2021, 4, 1)) and not rows[0].in_force_on(date(2021, 7, 1))
    log = _log(db_path)
    assert [(a, e) for _u, a, _e, e, _after in log] == [("insert", str(sid)),
                                                        ("lettura", f"employee/{person}")]
    assert all(u == "mrossi" for u, *_ in log)
    # The insert is logged with its health columns hidden: the log is read by the revisori.
    assert PRESCRIPTION not in log[0][4] and SECRET in log[0][4]

    annul_fragile_status(db, sid, "Giudizio registrato sulla persona sbagliata")
    assert read_fragile_status(db, person)[0].annulled_on == date.today()
    with pytest.raises(ValidationError, match="già stato annullato"):
        annul_fragile_status(db, sid, "Di nuovo")
    assert [a for _u, a, *_ in _log(db_path)] == ["insert", "lettura", "update", "lettura"]
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM staff_fragile_status")
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("UPDATE staff_fragile_status SET prescriptions = 'x'")


def test_an_assistente_amministrativo_cannot_read_them_and_leaves_no_trace(db, db_path,
                                                                          person):
    record_fragile_status(db, person, GIUDIZIO)
    act_as_office(db, "aa", roles=(ASSISTENTE_AMMINISTRATIVO,))
    with pytest.raises(PermissionDenied, match="Dati sanitari dei lavoratori fragili"):
        read_fragile_status(db, person)
    with pytest.raises(PermissionDenied):
        record_fragile_status(db, person, GIUDIZIO)
    assert [a for _u, a, *_ in _log(db_path)] == ["insert"]


@pytest.mark.parametrize(("change", "field"), [
    ({"valid_from": date(2021, 3, 1)}, "valid_from"),          # before the giudizio
    ({"valid_to": date(2021, 3, 21)}, "valid_to"),             # ends before it starts
    ({"checked_on": date.today() + timedelta(days=1)}, "checked_on"),
    ({"outcome": ""}, "outcome"),
    ({"legal_basis": "altro"}, "legal_basis"),
])
def test_bad_input_names_its_field_and_saves_nothing(db, db_path, person, change, field):
    with pytest.raises(ValidationError) as caught:
        record_fragile_status(db, person, {**GIUDIZIO, **change})
    assert field in caught.value.errors
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM staff_fragile_status").fetchone() == (0,)


def test_nothing_of_them_reaches_the_list_the_export_and_the_roster(db, person, tmp_path):
    from iiss_desktop.queries.staff import list_employees
    from iiss_desktop.reports.staff_roster import build_roster
    from iiss_desktop.services.staff.import_ import export_staff
    from tests.helpers.pdf import pdf_text

    record_fragile_status(db, person, {**GIUDIZIO, "valid_to": None})
    shown = repr(list_employees(db))
    export_staff(db, tmp_path / "personale.csv")
    exported = (tmp_path / "personale.csv").read_text(encoding="utf-8-sig")
    pdf = build_roster(db, tmp_path / "turni.pdf")
    printed = pdf_text(pdf)
    for text in (shown, exported, printed):
        assert "Ferraro" in text or "FERRARO" in text.upper()
        assert PRESCRIPTION not in text and "fragil" not in text.lower()
