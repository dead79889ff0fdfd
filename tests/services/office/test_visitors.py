"""The front desk: appointments by office and slot, the register of visitors, the daily
purge after the retention (audited without the data) and the extract for the ASL."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.domain.access import PermissionDenied
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries import office as q
from iiss_desktop.services import office as svc
from tests.helpers.users import act_as_office

MONDAY = date(2026, 12, 14)


def _book(db, **over):
    args = dict(office="Segreteria didattica", day=MONDAY, slot_start="09:00",
                slot_end="09:30", visitor_name="Ada Lovelace", phone="333 1",
                purpose="Iscrizione", person_to_meet="Sig.ra Bianchi")
    args.update(over)
    return svc.book_appointment(db, **args)


def test_a_slot_of_an_office_is_booked_once(db):
    _book(db)
    with pytest.raises(ValidationError) as refused:
        _book(db, slot_start="09:15", slot_end="09:45", visitor_name="Altro")
    assert "slot_start" in refused.value.errors
    assert "già un appuntamento" in refused.value.errors["slot_start"]
    _book(db, office="Protocollo")                      # another office: free
    _book(db, slot_start="09:30", slot_end="10:00")     # the next slot: free
    assert [a.slot for a in q.appointments_of_day(db, MONDAY, "Segreteria didattica")] == [
        "09:00–09:30", "09:30–10:00"]


def test_a_cancelled_appointment_frees_its_slot(db):
    first = _book(db)
    svc.cancel_appointment(db, first)
    _book(db, visitor_name="Grace Hopper")
    states = [a.state for a in q.appointments_of_day(db, MONDAY)]
    assert states == ["prenotato", "annullato"]


def test_slots_outside_the_front_desk_hours_are_refused(db):
    with pytest.raises(ValidationError) as refused:
        _book(db, slot_start="12:45", slot_end="13:15")
    assert "slot_start" in refused.value.errors and "[U]" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        _book(db, day=MONDAY - timedelta(days=1))          # a Sunday
    assert "day" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        _book(db, slot_start="10:00", slot_end="09:00")
    assert "slot_end" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        _book(db, visitor_name="  ")
    assert "visitor_name" in refused.value.errors


def test_arrival_from_an_appointment_and_exit(db):
    appointment = _book(db)
    vid = svc.record_arrival(db, svc.VisitInput("", date(1990, 1, 1), "Via Roma 1",
                                                privacy_notice=True),
                             day=MONDAY, time_in="09:02", appointment_id=appointment)
    (visit,) = q.visits_of_day(db, MONDAY)
    assert (visit.visitor_name, visit.phone, visit.person_visited, visit.office) == (
        "Ada Lovelace", "333 1", "Sig.ra Bianchi", "Segreteria didattica")
    assert visit.privacy_notice and visit.time_in_text == "09:02" and visit.time_out is None
    assert q.appointments_of_day(db, MONDAY)[0].state == "arrivato"
    with pytest.raises(ValidationError) as refused:
        svc.record_exit(db, vid, time_out="08:59")
    assert "time_out" in refused.value.errors and "precede" in refused.value.message
    svc.record_exit(db, vid, time_out="09:40")
    assert q.visits_of_day(db, MONDAY)[0].time_out_text == "09:40"
    with pytest.raises(ValidationError) as refused:
        svc.record_exit(db, vid, time_out="09:50")
    assert "time_out" in refused.value.errors


def test_a_walk_in_needs_a_name(db):
    with pytest.raises(ValidationError) as refused:
        svc.record_arrival(db, svc.VisitInput(""), day=MONDAY, time_in="10:00")
    assert "visitor_name" in refused.value.errors


def _audit_text(db_path) -> str:
    with sqlite3.connect(db_path) as con:
        return "\n".join(" ".join(str(c) for c in row) for row in con.execute(
            "SELECT action, entity, entity_id, before, after, reason FROM audit_log"))


def test_the_purge_removes_only_older_rows_and_logs_no_names(db, db_path):
    today = MONDAY
    old, kept = today - timedelta(days=16), today - timedelta(days=14)
    svc.record_arrival(db, svc.VisitInput("Zebedeo Quarzomanni", residence="Via X"),
                       day=old, time_in="09:00")
    _book(db, day=old - timedelta(days=1), visitor_name="Zebedeo Quarzomanni")
    svc.record_arrival(db, svc.VisitInput("Teodolinda Recente"), day=kept, time_in="09:00")
    assert q.retention(db).label == "14 giorni (valore predefinito)"
    result = svc.purge_expired(db, today)
    assert (result.visits, result.appointments, result.through_day) == (
        1, 1, today - timedelta(days=15))
    assert q.visits_of_day(db, old) == [] and len(q.visits_of_day(db, kept)) == 1
    (purge,) = q.purges(db)
    assert (purge.visits, purge.through_day) == (1, today - timedelta(days=15))
    audit = _audit_text(db_path)
    assert "Quarzomanni" not in audit and "Via X" not in audit
    assert "Registro visitatori: cancellate 2 registrazioni fino al 29/11/2026" in audit
    assert "delete office_visit" in audit
    # once a day: the second call of the same day does nothing
    assert svc.purge_expired(db, today).ran is False


def test_the_retention_set_by_the_school_is_used(db):
    svc.set_retention_days(db, 3)
    assert q.retention(db).label == "3 giorni"
    svc.record_arrival(db, svc.VisitInput("Vecchio"), day=MONDAY - timedelta(days=4),
                       time_in="09:00")
    assert svc.purge_expired(db, MONDAY).visits == 1
    with pytest.raises(ValidationError) as refused:
        svc.set_retention_days(db, 0)
    assert "retention_days" in refused.value.errors


def test_the_extract_for_the_asl_is_audited(db, db_path):
    svc.record_arrival(db, svc.VisitInput("Ugo Estratto"), day=MONDAY, time_in="09:00")
    svc.record_arrival(db, svc.VisitInput("Fuori Periodo"), day=MONDAY + timedelta(days=3),
                       time_in="09:00")
    rows = q.extract_visits(db, MONDAY, MONDAY + timedelta(days=1))
    assert [r.visitor_name for r in rows] == ["Ugo Estratto"]
    with sqlite3.connect(db_path) as con:
        (row,) = con.execute("SELECT by_name, date_from, date_to, visits FROM office_extract")
    assert row == ("mrossi", "2026-12-14", "2026-12-15", 1)
    assert ("estratto per l'ASL dal 14/12/2026 al 15/12/2026, 1 visite"
            in _audit_text(db_path))


def test_a_role_without_the_register_is_refused(db):
    act_as_office(db, "bidella", roles=("collaboratore_scolastico",))
    with pytest.raises(PermissionDenied):
        _book(db)
    with pytest.raises(PermissionDenied):
        q.visits_of_day(db, MONDAY)
    act_as_office(db, "segretaria", roles=("assistente_amministrativo",))
    _book(db)
    with pytest.raises(PermissionDenied) as refused:
        q.extract_visits(db, MONDAY, MONDAY)
    assert "Estratto del registro visitatori" in refused.value.message


def test_the_register_is_read_only_by_the_front_desk_modules():
    """Never in an export nor a search: only the area's own modules name its tables (its
    change log words included), the main window (the daily purge) and the print choices
    (the period's dates, no data)."""
    import re
    from pathlib import Path

    import iiss_desktop

    root = Path(iiss_desktop.__file__).parent
    # (office_documents and office_comms, the documents and the communications, read no
    # visit)
    pattern = re.compile(r"office_visit\b|OfficeVisit|office_appointment|OfficeAppointment|"
                         r"queries\.office\b|queries import office\b|services\.office\b|"
                         r"services import office\b")
    naming = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                    if pattern.search(p.read_text(encoding="utf-8")))
    # domain/labels.py: the Italian names of the columns (for refusals), no data
    assert naming == ["db/migrations/versions/0041_office_visitors.py", "demo/office.py",
                      "domain/labels.py", "domain/office_audit_labels.py", "models/office.py",
                      "queries/office.py", "queries/report_choices.py", "reports/office.py",
                      "services/office.py", "ui/main_window.py", "ui/office/tab.py"]


def test_no_appointment_on_a_holiday_or_a_closure_of_the_offices(db):
    with pytest.raises(ValidationError) as refused:
        _book(db, day=date(2026, 12, 8))                    # the Immacolata
    assert "day" in refused.value.errors and "festivo" in refused.value.message
