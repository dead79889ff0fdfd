"""Rows of the front desk (areas/office.py): the day's appointments and visits, the
retention, the purges, and the extract for the ASL.

The register holds personal data of people outside the school: read only with
«office.visitors», never offered to an export or a global search. The extract for the
health authority needs «office.visitors_extract» and is recorded as it is read (who, when,
which days, how many visits), in the same transaction: an extract that was read is logged.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ..areas.office import EXTRACT, VISITORS
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session, unit_of_work
from ..domain import office as rules
from ..domain.dates import format_date, required_date
from ..domain.errors import ValidationError
from ..domain.staff.times import format_time
from ..models.office import (
    OfficeAppointment,
    OfficeExtract,
    OfficePurge,
    OfficeSetting,
    OfficeVisit,
)
from .staff_plan import front_desk_hours


@dataclass(frozen=True, slots=True)
class AppointmentRow:
    id: int
    office: str
    day: date
    slot_start: int
    slot_end: int
    visitor_name: str
    phone: str
    purpose: str
    person_to_meet: str
    state: str

    @property
    def slot(self) -> str:
        return f"{format_time(self.slot_start)}–{format_time(self.slot_end)}"

    @property
    def state_label(self) -> str:
        return rules.STATES.get(self.state, self.state)


@dataclass(frozen=True, slots=True)
class VisitRow:
    id: int
    day: date
    visitor_name: str
    birth_date: date | None
    residence: str
    phone: str
    time_in: int
    time_out: int | None
    purpose: str
    person_visited: str
    office: str
    appointment_id: int | None
    privacy_notice: bool

    @property
    def time_in_text(self) -> str:
        return format_time(self.time_in)

    @property
    def time_out_text(self) -> str:
        return format_time(self.time_out) if self.time_out is not None else ""


@dataclass(frozen=True, slots=True)
class Retention:
    days: int
    is_default: bool

    @property
    def label(self) -> str:
        return rules.retention_label(None if self.is_default else self.days)


@dataclass(frozen=True, slots=True)
class PurgeRow:
    purged_at: datetime
    through_day: date
    visits: int
    appointments: int


def _appointment(a: OfficeAppointment) -> AppointmentRow:
    return AppointmentRow(a.id, a.office, a.day, a.slot_start, a.slot_end, a.visitor_name,
                          a.phone, a.purpose, a.person_to_meet, a.state)


def _visit(v: OfficeVisit) -> VisitRow:
    return VisitRow(v.id, v.day, v.visitor_name, v.birth_date, v.residence, v.phone,
                    v.time_in, v.time_out, v.purpose, v.person_visited, v.office,
                    v.appointment_id, v.privacy_notice)


@requires(VISITORS)
def appointments_of_day(db: Database, day: date, office: str | None = None,
                        ) -> list[AppointmentRow]:
    """The appointments of a day, by office and slot (cancelled ones included, last)."""
    with read_session(db) as s:
        q = select(OfficeAppointment).where(OfficeAppointment.day == required_date(day, "day"))
        if office:
            q = q.where(OfficeAppointment.office == office)
        rows = s.scalars(q.order_by(OfficeAppointment.state == rules.CANCELLED,
                                    OfficeAppointment.office, OfficeAppointment.slot_start))
        return [_appointment(a) for a in rows]


@requires(VISITORS)
def visits_of_day(db: Database, day: date) -> list[VisitRow]:
    """The register of a day, in the order of arrival."""
    with read_session(db) as s:
        rows = s.scalars(select(OfficeVisit).where(OfficeVisit.day == required_date(day, "day"))
                         .order_by(OfficeVisit.time_in, OfficeVisit.id))
        return [_visit(v) for v in rows]


@requires(VISITORS)
def opening_hours(db: Database, day: date) -> rules.OpeningHours:
    """The front desk's public hours on ``day`` (the Piano delle attività in force, or the
    default [U]), as the appointments' page shows them."""
    with read_session(db) as s:
        return front_desk_hours(s, day)


def backup_horizon(db: Database) -> str:
    """How long the encrypted backups of this archive are kept by their rotation (the
    default's when they are not set up on this PC): the visitors' data live in them too."""
    from ..db import backup_settings
    from ..domain.backup_rotation import Retention
    from ..domain.errors import StorageError

    try:
        return backup_settings.load(backup_settings.archive_id_of(db)).retention.horizon
    except StorageError:
        return Retention().horizon


@requires(VISITORS)
def retention(db: Database) -> Retention:
    with read_session(db) as s:
        row = s.get(OfficeSetting, 1)
        if row is None or row.retention_days is None:
            return Retention(rules.DEFAULT_RETENTION_DAYS, True)
        return Retention(row.retention_days, False)


@requires(VISITORS)
def purges(db: Database, limit: int = 30) -> list[PurgeRow]:
    with read_session(db) as s:
        rows = s.scalars(select(OfficePurge).order_by(OfficePurge.id.desc()).limit(limit))
        return [PurgeRow(p.purged_at, p.through_day, p.visits, p.appointments) for p in rows]


@requires(EXTRACT)
def extract_visits(db: Database, date_from, date_to) -> list[VisitRow]:
    """The visits of the days from ``date_from`` to ``date_to`` for the health authority,
    and the record of the extraction (who, when, which days, how many visits): both in one
    transaction, the change log says so."""
    start, end = required_date(date_from, "dal"), required_date(date_to, "al")
    if end < start:
        raise ValidationError({"al": "L'ultimo giorno precede il primo."})
    with unit_of_work(db) as s:
        rows = [_visit(v) for v in s.scalars(
            select(OfficeVisit).where(OfficeVisit.day >= start, OfficeVisit.day <= end)
            .order_by(OfficeVisit.day, OfficeVisit.time_in, OfficeVisit.id))]
        user = s.info["user"]
        s.info["reason"] = (f"Registro visitatori: estratto per l'ASL dal {format_date(start)} "
                            f"al {format_date(end)}, {len(rows)} visite")
        s.add(OfficeExtract(extracted_at=datetime.now(), by_id=user.id,
                            by_name=(getattr(user, "full_name", "") or user.username)[:120],
                            date_from=start, date_to=end, visits=len(rows)))
        s.commit()
        return rows
