"""Use cases of the front desk (areas/office.py): book and cancel an appointment, record a
visitor's arrival and exit, set the retention, purge what is older than it (every day at the
first start of the program). One transaction each; refusals are ValidationErrors naming
the field. The extract for the ASL is read and recorded by queries/office.extract_visits.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from ..areas.office import VISITORS
from ..db.access import requires
from ..db.engine import Database
from ..db.locking import lock_rows
from ..db.uow import unit_of_work
from ..domain import office as rules
from ..domain.calendar import OFFICE_CLOSED
from ..domain.dates import format_date, required_date
from ..domain.errors import ValidationError
from ..domain.staff.times import format_time, minutes_of
from ..models.office import OfficeAppointment, OfficePurge, OfficeSetting, OfficeVisit
from ..models.school import CalendarDay
from ..queries.staff_plan import front_desk_hours


@dataclass(frozen=True)
class VisitInput:
    visitor_name: str
    birth_date: date | None = None
    residence: str = ""
    phone: str = ""
    purpose: str = ""
    person_visited: str = ""
    office: str = ""
    privacy_notice: bool = False


def _now_minutes() -> int:
    now = datetime.now()
    return now.hour * 60 + now.minute


@requires(VISITORS)
def book_appointment(db: Database, *, office: str, day, slot_start, slot_end,
                     visitor_name: str, phone: str = "", purpose: str = "",
                     person_to_meet: str = "") -> int:
    """A visitor's appointment with an office in a slot of the front desk's hours; a slot of
    the same office that overlaps another booked one is refused."""
    office = rules.required_text(office, "office", "l'ufficio", 80)
    when = required_date(day, "day")
    name = rules.required_text(visitor_name, "visitor_name", "il nome del visitatore", 120)
    with unit_of_work(db, reason="Ufficio: appuntamento") as s:
        start, end = rules.check_slot(when, slot_start, slot_end, front_desk_hours(s, when))
        closed = s.get(CalendarDay, when)
        if closed is not None and closed.kind in OFFICE_CLOSED:
            raise ValidationError({"day": f"Il {format_date(when)} gli uffici sono chiusi "
                                          f"({closed.description}): scegliere un altro "
                                          "giorno."})
        clash = s.scalars(select(OfficeAppointment).where(
            OfficeAppointment.office == office, OfficeAppointment.day == when,
            OfficeAppointment.state != rules.CANCELLED,
            OfficeAppointment.slot_start < end, OfficeAppointment.slot_end > start)).first()
        if clash is not None:
            raise ValidationError({"slot_start": (
                f"«{office}» ha già un appuntamento il {format_date(when)} dalle "
                f"{format_time(clash.slot_start)} alle {format_time(clash.slot_end)}: "
                "scegliere un'altra fascia.")})
        row = OfficeAppointment(office=office, day=when, slot_start=start, slot_end=end,
                                visitor_name=name, phone=(phone or "").strip()[:40],
                                purpose=(purpose or "").strip()[:200],
                                person_to_meet=(person_to_meet or "").strip()[:120],
                                state=rules.BOOKED, state_key="",
                                recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return row.id


def _booked_appointment_in(s, appointment_id: int, refusal: str) -> OfficeAppointment:
    """The appointment, locked, still «prenotato»; else the refusal on its field
    (``refusal`` formatted with its state)."""
    found = lock_rows(s, OfficeAppointment, [appointment_id])
    if not found:
        raise ValidationError({"appointment": "Appuntamento non trovato."})
    if found[0].state != rules.BOOKED:
        raise ValidationError({"appointment": refusal.format(state=found[0].state)})
    return found[0]


@requires(VISITORS)
def cancel_appointment(db: Database, appointment_id: int) -> None:
    with unit_of_work(db, reason="Ufficio: appuntamento annullato") as s:
        row = _booked_appointment_in(s, appointment_id,
                                     "L'appuntamento è già {state}: non si annulla.")
        row.state, row.state_key = rules.CANCELLED, str(row.id)
        s.commit()


@requires(VISITORS)
def record_arrival(db: Database, visit: VisitInput, *, day=None, time_in=None,
                   appointment_id: int | None = None) -> int:
    """A visitor enters: from an appointment (whose name, phone, purpose and person are
    the defaults) or without one. The time in is now unless given."""
    when = required_date(day, "day") if day is not None else date.today()
    minute = minutes_of(time_in, "time_in") if time_in not in (None, "") else _now_minutes()
    with unit_of_work(db, reason="Ufficio: ingresso di un visitatore") as s:
        appointment = None
        if appointment_id is not None:
            appointment = _booked_appointment_in(s, appointment_id,
                                                 "L'appuntamento è {state}.")
        a = appointment
        name = rules.required_text(visit.visitor_name or (a.visitor_name if a else ""),
                                   "visitor_name", "il nome del visitatore", 120)
        if visit.birth_date is not None and visit.birth_date > when:
            raise ValidationError({"birth_date": "La data di nascita è nel futuro."})
        row = OfficeVisit(
            day=when, visitor_name=name, birth_date=visit.birth_date,
            residence=(visit.residence or "").strip()[:200],
            phone=(visit.phone or (a.phone if a else "")).strip()[:40],
            purpose=(visit.purpose or (a.purpose if a else "")).strip()[:200],
            person_visited=(visit.person_visited or (a.person_to_meet if a else "")
                            ).strip()[:120],
            office=(visit.office or (a.office if a else "")).strip()[:80],
            time_in=minute, time_out=None, appointment_id=appointment_id,
            privacy_notice=bool(visit.privacy_notice), recorded_by_id=s.info["user"].id)
        s.add(row)
        if a is not None:
            a.state = rules.ARRIVED
        s.flush()
        s.commit()
        return row.id


@requires(VISITORS)
def record_exit(db: Database, visit_id: int, *, time_out=None) -> None:
    minute = minutes_of(time_out, "time_out") if time_out not in (None, "") else _now_minutes()
    with unit_of_work(db, reason="Ufficio: uscita di un visitatore") as s:
        found = lock_rows(s, OfficeVisit, [visit_id])
        if not found:
            raise ValidationError({"visit": "Visita non trovata nel registro."})
        row = found[0]
        if row.time_out is not None:
            raise ValidationError({"time_out": f"L'uscita è già registrata alle "
                                               f"{format_time(row.time_out)}."})
        if minute < row.time_in:
            raise ValidationError({"time_out": f"L'ora di uscita ({format_time(minute)}) "
                                               f"precede quella di entrata "
                                               f"({format_time(row.time_in)})."})
        row.time_out = minute
        s.commit()


def _retention(s) -> int | None:
    row = s.get(OfficeSetting, 1)
    return row.retention_days if row is not None else None


@requires(VISITORS)
def set_retention_days(db: Database, days) -> None:
    """The days the register is kept, set by the school (14 by default)."""
    value = rules.check_retention(days)
    with unit_of_work(db, reason="Ufficio: conservazione del registro visitatori") as s:
        found = lock_rows(s, OfficeSetting, [1])
        row = found[0] if found else OfficeSetting(id=1)
        if not found:
            s.add(row)
        row.retention_days = value
        s.commit()


@dataclass(frozen=True)
class PurgeResult:
    through_day: date
    visits: int
    appointments: int
    ran: bool          # False: already run today, nothing done


@requires(VISITORS)
def purge_expired(db: Database, today: date | None = None, *, once_a_day: bool = True,
                  ) -> PurgeResult:
    """Delete the visits and appointments older than the retention, and log the purge (how
    many, up to which day: not the data). ``once_a_day``: nothing if a purge already reached
    today's limit (the program calls it at every start)."""
    today = today or date.today()
    with unit_of_work(db) as s:
        days = _retention(s) or rules.DEFAULT_RETENTION_DAYS
        limit = rules.purge_limit(today, days)
        if once_a_day:
            last = s.scalar(select(func.max(OfficePurge.through_day)))
            if last is not None and last >= limit:
                return PurgeResult(limit, 0, 0, False)
        visits = list(s.scalars(select(OfficeVisit).where(OfficeVisit.day <= limit)))
        appointments = list(s.scalars(select(OfficeAppointment).where(
            OfficeAppointment.day <= limit)))
        s.info["reason"] = (f"Registro visitatori: cancellate {len(visits) + len(appointments)} "
                            f"registrazioni fino al {format_date(limit)}")
        for row in visits:
            s.delete(row)
        s.flush()
        for row in appointments:
            s.delete(row)
        s.add(OfficePurge(purged_at=datetime.now(), through_day=limit, visits=len(visits),
                          appointments=len(appointments), retention_days=days,
                          by_id=s.info["user"].id))
        s.commit()
        return PurgeResult(limit, len(visits), len(appointments), True)
