"""Substitution of an absent ATA employee as the absence requests window and its scheda read
it (issue 16 item 5): whether the school may appoint a supplente and from which day
(domain/staff/substitutions.supplente_verdict, with the motivated derogation recorded), the
colleagues of the same profile and plesso who can still give ore eccedenti on a day (the
roster's bands and the cover already recorded), and the cover recorded day by day.

The cause of a confidential absence is not shown here: only the person and the dates."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear, format_date
from ..domain.errors import ValidationError
from ..domain.staff import leave as rules
from ..domain.staff.profiles import role_label
from ..domain.staff.substitutions import (
    DEROGATION_GROUNDS,
    CoverOption,
    Verdict,
    proposal,
    supplente_verdict,
)
from ..models.staff import Employee
from ..models.staff_cover import StaffCover, StaffCoverDerogation
from ..models.staff_leave import StaffAbsence
from ..models.staff_plan import StaffPlan, StaffPlanStaffing
from .staff_roster import effective_days


def office_posts_in(s, school_year: int) -> int | None:
    """The posts of assistente amministrativo in the dotazione of the Piano adopted for the
    year (the organico of c.332 a); None without an adopted Piano."""
    plan = s.execute(select(StaffPlan.id).where(StaffPlan.school_year == school_year,
                                                StaffPlan.state == "adottato")
                     .order_by(StaffPlan.version.desc())).scalars().first()
    if plan is None:
        return None
    return int(s.execute(select(func.coalesce(func.sum(StaffPlanStaffing.posts), 0)).where(
        StaffPlanStaffing.plan_id == plan, StaffPlanStaffing.profile == "AA",
        StaffPlanStaffing.removed.is_(False))).scalar_one())


def active_derogation_in(s, absence_id: int) -> StaffCoverDerogation | None:
    return s.execute(select(StaffCoverDerogation).where(
        StaffCoverDerogation.absence_id == absence_id,
        StaffCoverDerogation.annulled_on.is_(None))).scalars().first()


def verdict_in(s, absence: StaffAbsence, role: str, day: date | None = None) -> Verdict:
    der = active_derogation_in(s, absence.id)
    return supplente_verdict(
        role, absence.starts_on, absence.ends_on, day or absence.starts_on,
        office_posts=office_posts_in(s, SchoolYear.of(absence.starts_on).start_year),
        derogation=der.ground if der and role in ("CS", "OP") else "",
        derogation_reason=der.reason if der else "")


def verdict_text(v: Verdict) -> str:
    """One line for the list: «dal 10/12/2021», «no: ore eccedenti»."""
    if v.from_day is None:
        return "No: ore eccedenti" if "ore eccedenti" in v.reason else "No"
    return f"Dal {format_date(v.from_day)}"


def cover_options_in(s, absence: StaffAbsence, day: date) -> list[CoverOption]:
    """The colleagues in service on ``day`` (a band of work, not lavoro agile, not absent for
    the whole day) of the same profile and plesso as the absent person, with the minutes of
    their day and of the cover already recorded."""
    absent = s.get(Employee, absence.employee_id)
    people = {e.id: f"{e.surname} {e.name}" for e in s.execute(select(Employee).where(
        Employee.role == absent.role, Employee.site_id == absent.site_id,
        Employee.active.is_(True), Employee.id != absent.id)).scalars()}
    if not people:
        return []
    away = set(s.execute(select(StaffAbsence.employee_id).where(
        StaffAbsence.employee_id.in_(people), StaffAbsence.annulled_on.is_(None),
        StaffAbsence.minutes.is_(None), StaffAbsence.starts_on <= day,
        StaffAbsence.ends_on >= day)).scalars())
    year = SchoolYear.of(day)
    covered: dict[int, int] = defaultdict(int)
    in_year: dict[int, int] = defaultdict(int)
    for pid, on, minutes in s.execute(select(StaffCover.employee_id, StaffCover.day,
                                             StaffCover.minutes).where(
            StaffCover.employee_id.in_(people), StaffCover.annulled_on.is_(None),
            StaffCover.day.between(year.start, year.end))):
        in_year[pid] += minutes
        if on == day:
            covered[pid] += minutes
    out = []
    for (pid, _d), cell in effective_days(s, people, day, day).items():
        if pid in away or cell.lavoro_agile or not cell.bands:
            continue
        out.append(CoverOption(pid, people[pid], cell.worked, covered[pid], in_year[pid]))
    return sorted(out, key=lambda o: o.name)


@dataclass(frozen=True)
class CoverRow:
    id: int
    day: str
    hours: str
    absent: str
    covering: str
    state: str
    note: str
    active: bool


@dataclass(frozen=True)
class Substitution:
    """The scheda of an absence for its substitution."""

    absence_id: int
    person: str
    profile: str
    period: str
    days: tuple[date, ...]              # the days of the absence (calendar)
    allowed_from: str                   # «Dal 10/12/2021», «No: ore eccedenti»
    reason: str                         # the rule in words
    derogation: str                     # the active derogation in words, or ""
    derogation_id: int | None
    derogation_possible: bool           # a collaboratore: the derogation may be recorded
    derogations: tuple[str, ...]        # every derogation with its state
    covers: tuple[CoverRow, ...]
    day: date                           # the day of the proposal
    proposal: tuple[CoverOption, ...]   # who can still give hours that day


def _hours(minutes: int) -> str:
    return rules.format_amount(minutes, rules.HOURS)


@requires(READ)
def absence_substitution(db: Database, absence_id: int, day: date | None = None
                         ) -> Substitution:
    with read_session(db) as s:
        absence = s.get(StaffAbsence, absence_id)
        if absence is None or absence.annulled_on is not None:
            raise ValidationError({"absence_id": "Assenza inesistente o annullata."})
        person = s.get(Employee, absence.employee_id)
        day = day if day and absence.starts_on <= day <= absence.ends_on else absence.starts_on
        v = verdict_in(s, absence, person.role)
        der = active_derogation_in(s, absence.id)
        ders = []
        for d in s.execute(select(StaffCoverDerogation).where(
                StaffCoverDerogation.absence_id == absence.id)
                .order_by(StaffCoverDerogation.id)).scalars():
            text = (f"{format_date(d.decided_on)}: {DEROGATION_GROUNDS[d.ground]} — "
                    f"{d.reason}")
            if d.annulled_on:
                text += f" (annullata il {format_date(d.annulled_on)}: {d.annul_reason})"
            ders.append(text)
        names = dict(s.execute(select(Employee.id, Employee.surname + " " + Employee.name)
                               ).all())
        covers = []
        for c in s.execute(select(StaffCover).where(StaffCover.absence_id == absence.id)
                           .order_by(StaffCover.day, StaffCover.id)).scalars():
            state = ("registrata" if c.annulled_on is None else
                     f"annullata il {format_date(c.annulled_on)}: {c.annul_reason}")
            covers.append(CoverRow(c.id, format_date(c.day), _hours(c.minutes),
                                   names[absence.employee_id], names[c.employee_id], state,
                                   c.note, c.annulled_on is None))
        options = proposal(cover_options_in(s, absence, day))
        n = (absence.ends_on - absence.starts_on).days + 1
        period = (format_date(absence.starts_on) if n == 1 else
                  f"dal {format_date(absence.starts_on)} al {format_date(absence.ends_on)}")
        return Substitution(
            absence.id, f"{person.surname} {person.name}", role_label(person.role), period,
            tuple(absence.starts_on + timedelta(days=i) for i in range(n)),
            verdict_text(v), v.reason,
            f"{DEROGATION_GROUNDS[der.ground]}: {der.reason}" if der else "",
            der.id if der else None, person.role in ("CS", "OP"), tuple(ders),
            tuple(covers), day, tuple(options))
