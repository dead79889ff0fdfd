"""Read side of the register of cleaning and sanitisation: the entries of a period, of a
plesso and a locale, annulled ones marked (the register shows what was written and what was
annulled, with why), in the order the work was done. Read by whoever reads the staff area and
by the collaboratori who fill it (permission «Consultazione del registro delle pulizie»)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select

from ..areas.staff import CLEANING_READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.errors import ValidationError
from ..domain.staff.cleaning import action_label
from ..domain.staff.profiles import ATA_ROLES, role_label
from ..domain.staff.times import format_time
from ..domain.text import fold, sort_key
from ..models.core import AppUser
from ..models.school import Room, Site
from ..models.staff import Employee
from ..models.staff_emergency import StaffCleaning

DEFAULT_DAYS = 28        # the register's default period: the last four weeks


@dataclass(frozen=True, slots=True)
class CleaningRow:
    id: int
    day: date
    at_minutes: int
    site_id: int
    site_code: str
    site_name: str
    room_id: int | None
    place: str                       # the room's name, or the locale written in words
    action: str
    action_label: str
    product: str
    note: str
    employee_id: int
    person: str                      # «Surname Name»
    recorded_by: str
    annulled_on: date | None
    annul_reason: str

    @property
    def time(self) -> str:
        return format_time(self.at_minutes)

    @property
    def state(self) -> str:
        if self.annulled_on is None:
            return ""
        return f"Annullata il {format_date(self.annulled_on)}: {self.annul_reason}"


def default_period(today: date | None = None) -> tuple[date, date]:
    today = today or date.today()
    return today - timedelta(days=DEFAULT_DAYS - 1), today


@requires(CLEANING_READ)
def cleaning_log(db: Database, dal: date | None = None, al: date | None = None, *,
                 site_id: int | None = None, plesso: str | None = None,
                 locale: str | None = None, include_annulled: bool = True
                 ) -> list[CleaningRow]:
    """The entries from ``dal`` to ``al`` (default: the last four weeks), of a plesso (by id
    or code) and of a locale whose name contains ``locale`` (any case), oldest first."""
    start, end = default_period()
    dal, al = dal or start, al or end
    if al < dal:
        raise ValidationError({"al": "La data finale precede quella iniziale."})
    place = func.coalesce(Room.name, StaffCleaning.place)
    q = (select(StaffCleaning, Site.code, Site.name, place.label("place_name"),
                Employee.surname, Employee.name, AppUser.full_name)
         .join(Site, Site.id == StaffCleaning.site_id)
         .join(Employee, Employee.id == StaffCleaning.employee_id)
         .outerjoin(Room, Room.id == StaffCleaning.room_id)
         .outerjoin(AppUser, AppUser.id == StaffCleaning.recorded_by_id)
         .where(StaffCleaning.day >= dal, StaffCleaning.day <= al)
         .order_by(StaffCleaning.day, StaffCleaning.at_minutes, StaffCleaning.id))
    if site_id is not None:
        q = q.where(StaffCleaning.site_id == site_id)
    if plesso:
        q = q.where(func.upper(Site.code) == plesso.strip().upper())
    if not include_annulled:
        q = q.where(StaffCleaning.annulled_on.is_(None))
    with read_session(db) as s:
        rows = s.execute(q).all()
    out = [CleaningRow(c.id, c.day, c.at_minutes, c.site_id, code, site_name, c.room_id,
                       place_name or "", c.action, action_label(c.action), c.product, c.note,
                       c.employee_id, f"{surname} {name}", user or "", c.annulled_on,
                       c.annul_reason)
           for c, code, site_name, place_name, surname, name, user in rows]
    if locale and locale.strip():
        # Compared in Python: accents and case as the clerk types them («aula 1a»).
        wanted = fold(locale.strip())
        out = [r for r in out if wanted in fold(r.place)]
    return out


@dataclass(frozen=True, slots=True)
class CleaningPerson:
    id: int
    name: str                        # «Surname Name»
    profile_label: str
    site_id: int | None


@requires(CLEANING_READ)
def cleaning_staff(db: Database) -> list[CleaningPerson]:
    """Who may be named as having done the work: the ATA staff in service (collaboratori
    first), with their home plesso."""
    with read_session(db) as s:
        rows = s.execute(select(Employee.id, Employee.surname, Employee.name, Employee.role,
                                Employee.site_id)
                         .where(Employee.active.is_(True),
                                or_(*(Employee.role == r for r in ATA_ROLES)))).all()
    rows = sorted(rows, key=lambda r: (r.role != "CS", sort_key(r.surname), sort_key(r.name)))
    return [CleaningPerson(r.id, f"{r.surname} {r.name}", role_label(r.role), r.site_id)
            for r in rows]
