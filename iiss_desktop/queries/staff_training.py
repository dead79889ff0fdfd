"""Read side of the training of the staff: the courses of a school year (or of one person),
annulled ones marked, in date order, and the total hours per person."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear, format_date
from ..domain.staff.profiles import role_label
from ..domain.staff.training import hours_text, kind_label
from ..domain.text import sort_key
from ..models.staff import Employee
from ..models.staff_emergency import StaffTraining


@dataclass(frozen=True, slots=True)
class TrainingRow:
    id: int
    employee_id: int
    person: str                      # «Surname Name»
    profile: str
    profile_label: str
    course: str
    kind: str
    kind_label: str
    minutes: int
    day: date
    provider: str
    certificate: str
    note: str
    annulled_on: date | None
    annul_reason: str

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)

    @property
    def state(self) -> str:
        if self.annulled_on is None:
            return ""
        return f"Annullata il {format_date(self.annulled_on)}: {self.annul_reason}"


@requires(READ)
def training_list(db: Database, school_year: int | None = None, *,
                  person_id: int | None = None, include_annulled: bool = True
                  ) -> list[TrainingRow]:
    """The training of the school year starting in ``school_year`` (None: every year), of
    one person or of everybody, by person then date."""
    q = (select(StaffTraining, Employee.surname, Employee.name, Employee.role)
         .join(Employee, Employee.id == StaffTraining.employee_id))
    if school_year is not None:
        year = SchoolYear(school_year)
        q = q.where(StaffTraining.day >= year.start, StaffTraining.day <= year.end)
    if person_id is not None:
        q = q.where(StaffTraining.employee_id == person_id)
    if not include_annulled:
        q = q.where(StaffTraining.annulled_on.is_(None))
    with read_session(db) as s:
        rows = s.execute(q).all()
    out = [TrainingRow(t.id, t.employee_id, f"{surname} {name}", role, role_label(role),
                       t.course, t.kind, kind_label(t.kind), t.minutes, t.day, t.provider,
                       t.certificate, t.note, t.annulled_on, t.annul_reason)
           for t, surname, name, role in rows]
    return sorted(out, key=lambda r: (sort_key(r.person), r.day, r.id))
