"""Requests of an absence and their decision (issue 16 item 4).

The office records what a person asks for (days or hours, the cause); the DSGA or the dirigente
approves it or refuses it with the reason. Every write locks the person's row first (the same
lock as the leave ledger), so a request is checked and decided against the balance and the
absences as they are when the transaction writes.

- ``record_request``: every check of an absence (services/staff/leave.check_absence_in: the
  cause usable by the profile, hours within the day's hours, a permesso breve at most half the
  day, no overlap with another absence or open request, the balance) runs now, nothing saved
  when one fails; the request waits for a decision;
- ``approve_request``: the same checks again, then the absence and its ledger use are written
  in the same transaction as the approval;
- ``refuse_request``: a waiting request refused with its reason; an approved one refused later
  (revoked) has its absence annulled and the use given back by a rettifica row;
- ``cancel_request``: withdrawn by the person (recorded by the office), waiting or approved,
  the same way. Nothing is ever deleted.
"""
from __future__ import annotations

from datetime import date

from ...areas.staff import DECIDE, PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.staff import leave as rules
from ...domain.staff.fields import ABSENCE_REQUEST
from ...models.staff_leave import AbsenceCause, StaffAbsence, StaffAbsenceRequest
from .leave import _reason, annul_absence_in, check_absence_in, write_absence_in
from .rows import locked_person


def _note(value: str) -> str:
    return ABSENCE_REQUEST["note"].check(value or "")


@requires(PREPARE)
def record_request(db: Database, person_id: int, cause: str, starts_on: date,
                   ends_on: date | None = None, *, minutes: int | None = None,
                   note: str = "", requested_on: date | None = None) -> int:
    """A request as the person made it; checked as the absence it asks for (nothing saved
    when a check fails). Returns its id."""
    ends_on = ends_on or starts_on
    year = rules.check_dates(starts_on, ends_on)
    text = _note(note)
    with unit_of_work(db, reason="Richiesta di assenza") as s:
        person = locked_person(s, person_id)
        row, c, *_rest = check_absence_in(s, db, person, cause, starts_on, ends_on, minutes,
                                          year)
        req = StaffAbsenceRequest(
            employee_id=person.id, cause_id=row.id, starts_on=starts_on, ends_on=ends_on,
            minutes=minutes if c.unit == rules.HOURS else None, note=text,
            requested_on=requested_on or date.today(), state="richiesta",
            recorded_by_id=s.info["user"].id)
        s.add(req)
        s.flush()
        new_id = req.id
        s.commit()
    return new_id


def _locked_request(s, request_id: int):
    req = s.get(StaffAbsenceRequest, request_id)
    if req is None:
        raise ValidationError({"request_id": "Richiesta di assenza inesistente."})
    person = locked_person(s, req.employee_id)
    s.refresh(req)
    return req, person


def _decided(req: StaffAbsenceRequest) -> str:
    return (f"La richiesta è già stata {rules.REQUEST_STATES[req.state].lower()}"
            + (f" il {format_date(req.decided_on)}" if req.decided_on else "") + ".")


@requires(DECIDE)
def approve_request(db: Database, request_id: int, on: date | None = None) -> int:
    """The request approved: its absence and the ledger use written in the same transaction,
    after checking it again against the balance and the absences of now. Returns the
    absence's id."""
    with unit_of_work(db, reason="Approvazione di una richiesta di assenza") as s:
        req, person = _locked_request(s, request_id)
        if req.state != "richiesta":
            raise ValidationError({"request_id": _decided(req)})
        year = rules.check_dates(req.starts_on, req.ends_on)
        cause = s.get(AbsenceCause, req.cause_id).code
        checked = check_absence_in(s, db, person, cause, req.starts_on, req.ends_on,
                                   req.minutes, year, skip_request=req.id)
        absence_id = write_absence_in(
            s, person, checked, "", req.note or f"Richiesta del {format_date(req.requested_on)}")
        req.state, req.absence_id = "approvata", absence_id
        req.decided_on, req.decided_by_id = on or date.today(), s.info["user"].id
        s.commit()
    return absence_id


def _close(db: Database, request_id: int, reason: str, on: date | None, state: str,
           verb: str) -> None:
    text = _reason(reason, "decision_reason")
    day = on or date.today()
    with unit_of_work(db, reason=f"Richiesta di assenza {verb}") as s:
        req, _person = _locked_request(s, request_id)
        if req.state not in rules.OPEN_STATES:
            raise ValidationError({"request_id": _decided(req)})
        if req.state == "approvata" and req.absence_id is not None:
            absence = s.get(StaffAbsence, req.absence_id)
            if absence.annulled_on is None:
                annul_absence_in(s, absence, f"richiesta {verb}: {text}", day)
        req.state, req.decision_reason = state, text
        req.decided_on, req.decided_by_id = day, s.info["user"].id
        s.commit()


@requires(DECIDE)
def refuse_request(db: Database, request_id: int, reason: str, on: date | None = None) -> None:
    """Refused with its reason; an approved one (revoked) has its absence annulled and the use
    given back by a rettifica."""
    _close(db, request_id, reason, on, "rifiutata", "rifiutata")


@requires(PREPARE)
def cancel_request(db: Database, request_id: int, reason: str, on: date | None = None) -> None:
    """Withdrawn by the person, waiting or approved (the absence annulled, the use given back
    by a rettifica), with the reason."""
    _close(db, request_id, reason, on, "annullata", "annullata")
