"""Requests of an absence on real SQLite archives (issue 16 item 4): recorded by the office,
approved or refused by the DSGA or the dirigente; the approval writes the absence and its ledger
use in one transaction; refusing or withdrawing an approved one annuls the absence and gives
the use back by a rettifica row, never a delete. Bad input names the field, nothing saved
(rows counted with raw sqlite3).

Figures by hand (CCNL 1995 art. 19, CCNL 2007 artt. 13 and 16): Rossi, assistente
amministrativo since 2010, five days of 07:30-14:42 = 7 h 12 min a day (432 minutes): 32 days
of ferie, a day of ferie costs 1,20; 36 h of permessi brevi, at most half the day = 3 h 36 min.
Monday 12/7 - Friday 16/7/2021: five working days, 5 × 1,20 = 6 days.
"""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_leave import absence_requests, leave_statement
from iiss_desktop.services.staff import absence_requests as requests
from iiss_desktop.services.staff import leave
from tests.services.staff.test_leave import FRI, MON, START, _balance, _count, _person


@pytest.fixture
def rossi(db, sites):
    pid = _person(db, sites["SEDE"])
    leave.allocate_year(db, pid, 2020, on=START)     # 7 ledger rows
    return pid


def _state(db, request_id):
    return next(r for r in absence_requests(db) if r.id == request_id)


def test_a_request_waits_then_its_approval_writes_the_absence_and_the_use(db, rossi, db_path):
    rid = requests.record_request(db, rossi, "ferie", MON, FRI, note="Ferie estive",
                                  requested_on=date(2021, 6, 1))
    # a request takes nothing yet: 32 days, no absence
    assert _balance(db, rossi, "ferie") == 3200
    assert _count(db_path, "staff_absence") == 0
    row = _state(db, rid)
    assert (row.person, row.cause, row.period, row.length, row.state_label) == (
        "Rossi Maria", "Ferie", "dal 12/07/2021 al 16/07/2021", "5 giorni",
        "In attesa di decisione")
    absence = requests.approve_request(db, rid, on=date(2021, 6, 3))
    # 32 - 5 × 1,20 = 26
    assert _balance(db, rossi, "ferie") == 2600
    assert _count(db_path, "staff_absence") == 1 and _count(db_path, "staff_leave_entry") == 8
    row = _state(db, rid)
    assert row.state == "approvata" and row.decision == "il 03/06/2021"
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT absence_id FROM staff_absence_request").fetchone() == (
            absence,)
    with pytest.raises(ValidationError) as exc:
        requests.approve_request(db, rid)
    assert "già stata approvata il 03/06/2021" in exc.value.errors["request_id"]
    assert verify(db).ok


def test_the_approval_and_the_ledger_are_one_transaction(db, rossi, db_path):
    rid = requests.record_request(db, rossi, "ferie", MON, FRI)
    # the ledger refuses the use (a trigger standing for any failure of the write): the
    # approval is rolled back with it, the request still waits, no absence is left
    with sqlite3.connect(db_path) as con:
        con.execute("CREATE TRIGGER t_fail BEFORE INSERT ON staff_leave_entry "
                    "BEGIN SELECT RAISE(ABORT, 'guasto simulato'); END")
    with pytest.raises(Exception, match="guasto simulato"):
        requests.approve_request(db, rid)
    assert _state(db, rid).state == "richiesta"
    assert _count(db_path, "staff_absence") == 0 and _count(db_path, "staff_leave_entry") == 7
    with sqlite3.connect(db_path) as con:
        con.execute("DROP TRIGGER t_fail")
    requests.approve_request(db, rid)
    assert _balance(db, rossi, "ferie") == 2600


def test_the_approval_checks_the_balance_again(db, rossi, db_path):
    rid = requests.record_request(db, rossi, "ferie", MON, FRI)
    # after the request a rettifica of -28 leaves 4 days: the week costs 6
    leave.correct_balance(db, rossi, "ferie", 2020, "-28", "Ferie godute presso altra scuola")
    with pytest.raises(ValidationError) as exc:
        requests.approve_request(db, rid)
    assert exc.value.errors["ends_on"] == ("Ferie: l'assenza richiede 6 gg, il saldo dell'a.s. "
                                           "2020/21 è 4 gg.")
    assert _state(db, rid).state == "richiesta" and _count(db_path, "staff_absence") == 0


def test_refusing_a_waiting_request_writes_no_ledger_row(db, rossi, db_path):
    rid = requests.record_request(db, rossi, "ferie", MON, FRI)
    with pytest.raises(ValidationError) as exc:
        requests.refuse_request(db, rid, "  ")
    assert exc.value.errors == {"decision_reason": "Indicare il motivo."}
    requests.refuse_request(db, rid, "Esigenze di servizio: esami di Stato",
                            on=date(2021, 6, 10))
    row = _state(db, rid)
    assert row.state_label == "Rifiutata"
    assert row.decision == "il 10/06/2021: Esigenze di servizio: esami di Stato"
    assert _count(db_path, "staff_leave_entry") == 7 and _count(db_path, "staff_absence") == 0
    with pytest.raises(ValidationError) as exc:
        requests.cancel_request(db, rid, "Ritirata")
    assert "già stata rifiutata il 10/06/2021" in exc.value.errors["request_id"]
    # the days are free again: a new request on them is accepted
    requests.record_request(db, rossi, "ferie", MON, date(2021, 7, 13))


@pytest.mark.parametrize(("close", "state"), [
    (requests.refuse_request, "rifiutata"),      # approved, then revoked by the dirigente
    (requests.cancel_request, "annullata"),      # approved, then withdrawn by the person
])
def test_an_approved_request_closed_later_gives_the_days_back_by_a_rettifica(
        db, rossi, db_path, close, state):
    rid = requests.record_request(db, rossi, "ferie", MON, FRI)
    requests.approve_request(db, rid)
    close(db, rid, "Rientro anticipato per esigenze di servizio", on=date(2021, 7, 13))
    # 26 + 6 = 32 again; 7 + use + rettifica = 9 rows, the absence annulled not deleted
    assert _balance(db, rossi, "ferie") == 3200
    assert _count(db_path, "staff_leave_entry") == 9 and _count(db_path, "staff_absence") == 1
    st = leave_statement(db, rossi, 2020)
    last = st.account("ferie").lines[-1]
    assert (last.kind, last.amount) == ("Rettifica", "+6 gg")
    assert st.absences[0][4].startswith("annullata il 13/07/2021: richiesta")
    assert _state(db, rid).state == state
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM staff_absence_request")
    assert verify(db).ok


def test_a_holiday_added_after_the_approval_is_given_back_by_a_rettifica(db, rossi):
    from iiss_desktop.services import school

    rid = requests.record_request(db, rossi, "ferie", MON, FRI)
    requests.approve_request(db, rid)
    # a holiday on Wednesday 14/7 added later: the use stays as written, the calendar change
    # gives back its 1,20 by a rettifica (services/staff/leave.recount_calendar_in):
    # 26 + 1,20 = 27,20
    school.save_calendar_day(db, date(2021, 7, 14), "patrono", "Santo patrono")
    assert _balance(db, rossi, "ferie") == 2720
    # the week after, without holidays, costs 5 × 1,20 = 6
    rid = requests.record_request(db, rossi, "ferie", date(2021, 7, 12 + 7),
                                  date(2021, 7, 16 + 7))
    requests.approve_request(db, rid)
    assert _balance(db, rossi, "ferie") == 2720 - 600


def test_a_holiday_in_the_week_before_the_request_costs_one_day_less(db, rossi):
    from iiss_desktop.services import school

    school.save_calendar_day(db, date(2021, 7, 14), "patrono", "Santo patrono")
    rid = requests.record_request(db, rossi, "ferie", MON, FRI)
    requests.approve_request(db, rid)
    # 4 working days × 1,20 = 4,80: 32 - 4,80 = 27,20
    assert _balance(db, rossi, "ferie") == 2720


@pytest.mark.parametrize(("cause", "start", "end", "minutes", "field", "words"), [
    # overlapping the week of ferie recorded first
    ("ferie", date(2021, 7, 15), date(2021, 7, 20), None, "starts_on",
     "risulta già assente dal 12/07/2021 al 16/07/2021"),
    # overlapping a request still waiting (19-20/7)
    ("ferie", date(2021, 7, 20), date(2021, 7, 21), None, "starts_on",
     "ha già una richiesta in attesa dal 19/07/2021 al 20/07/2021"),
    # 8 h of a personal permesso on a day of 7 h 12
    ("permesso_personale_ore", date(2021, 7, 22), None, 480, "minutes",
     "8 h superano l'orario del giorno (7 h 12 min)"),
    # a permesso breve of 4 h: at most half of 7 h 12 = 3 h 36
    ("permesso_breve", date(2021, 7, 22), None, 240, "minutes",
     "al massimo 3 h 36 min su 7 h 12 min"),
    # a cause kept for the collaboratori scolastici only (made so below)
    ("diritto_studio", date(2021, 7, 22), None, 120, "cause_id",
     "non è prevista per il profilo «Assistente amministrativo»"),
    # a day cause given hours
    ("ferie", date(2021, 7, 22), None, 60, "minutes", "si conta a giorni"),
])
def test_bad_requests_are_refused_naming_the_field_and_nothing_is_saved(
        db, rossi, db_path, cause, start, end, minutes, field, words):
    leave.update_cause(db, "diritto_studio", profiles="CS")
    leave.record_absence(db, rossi, "ferie", MON, FRI)
    requests.record_request(db, rossi, "ferie", date(2021, 7, 19), date(2021, 7, 20))
    before = (_count(db_path, "staff_absence_request"), _count(db_path, "staff_leave_entry"))
    with pytest.raises(ValidationError) as exc:
        requests.record_request(db, rossi, cause, start, end, minutes=minutes)
    assert words in exc.value.errors[field]
    assert (_count(db_path, "staff_absence_request"),
            _count(db_path, "staff_leave_entry")) == before


def test_hourly_requests_on_one_day_add_up_to_the_day(db, rossi):
    # 2 h + 3 h of permesso personale on 22/7: 5 h of 7 h 12, accepted; 3 h more would be 8 h
    requests.record_request(db, rossi, "permesso_personale_ore", date(2021, 7, 22),
                            minutes=120)
    rid = requests.record_request(db, rossi, "permesso_personale_ore", date(2021, 7, 22),
                                  minutes=180)
    requests.approve_request(db, rid)
    assert _balance(db, rossi, "permessi_orari") == 1080 - 180     # 18 h - 3 h = 15 h
    assert [r.length for r in absence_requests(db, state="approvata")] == ["3 h"]
    assert [r.length for r in absence_requests(db, state="richiesta")] == ["2 h"]


def test_the_list_filters_by_state_and_hides_confidential_causes(db, rossi):
    from iiss_desktop.domain.access import ASSISTENTE_AMMINISTRATIVO
    from tests.helpers.users import act_as_office

    a = requests.record_request(db, rossi, "ferie", MON, FRI)
    b = requests.record_request(db, rossi, "visite_specialistiche", date(2021, 7, 22),
                                minutes=120)
    requests.refuse_request(db, a, "Esigenze di servizio")
    assert [r.id for r in absence_requests(db)] == [b, a]          # the waiting one first
    assert [r.id for r in absence_requests(db, state="rifiutata")] == [a]
    assert absence_requests(db, state="richiesta")[0].cause.startswith("Visite")
    with pytest.raises(ValidationError):
        absence_requests(db, state="boh")
    act_as_office(db, "segreteria", roles=(ASSISTENTE_AMMINISTRATIVO,))
    assert absence_requests(db, state="richiesta")[0].cause == "Assenza"
    # the clerk records and withdraws; deciding is the DSGA's or the dirigente's
    from iiss_desktop.domain.access import PermissionDenied
    with pytest.raises(PermissionDenied):
        requests.approve_request(db, b)
    requests.cancel_request(db, b, "Visita rinviata")
    assert _state(db, b).state == "annullata"
