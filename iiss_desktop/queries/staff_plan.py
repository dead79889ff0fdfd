"""Read side of the Piano delle attività of the ATA staff: one version with its sections (in
the order of domain.staff.plan.SECTIONS, with their Italian titles), the dotazione organica
and the assignments with the person's name and profile. Plain frozen rows, never ORM objects."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import WEEKDAYS_IT, SchoolYear, format_date
from ..domain.errors import ValidationError
from ..domain.office import DEFAULT_HOURS, Opening, OpeningHours
from ..domain.staff.plan import AUDIENCES, PLACES, PLAN, SECTIONS
from ..domain.staff.profiles import role_label
from ..domain.staff.times import format_time
from ..models.school import Site
from ..models.staff import Employee
from ..models.staff_plan import (
    StaffPlan,
    StaffPlanAssignment,
    StaffPlanFrontDesk,
    StaffPlanSection,
    StaffPlanStaffing,
)


@dataclass(frozen=True, slots=True)
class PlanHeader:
    id: int
    school_year: int
    year_label: str                  # "2026/27"
    version: int
    state: str
    state_label: str
    drafted_on: date
    adopted_on: date | None
    protocol: str
    superseded_on: date | None
    versions: tuple[int, ...]        # every version of the school year

    @property
    def adopted(self) -> bool:
        return self.adopted_on is not None


@dataclass(frozen=True, slots=True)
class PlanSection:
    key: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class StaffingRow:
    profile: str
    profile_label: str
    site_code: str
    site: str
    posts: int
    need_note: str


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    employee_id: int
    person: str                      # "Surname Name"
    profile: str
    profile_label: str
    place_kind: str
    place_kind_label: str
    place: str
    site_code: str
    site: str
    duties: str


@dataclass(frozen=True, slots=True)
class FrontDeskRow:
    weekday: int
    start: int
    end: int
    audience: str
    note: str

    @property
    def day_label(self) -> str:
        return WEEKDAYS_IT[self.weekday]

    @property
    def hours(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"

    @property
    def audience_label(self) -> str:
        return AUDIENCES.get(self.audience, self.audience)


@dataclass(frozen=True, slots=True)
class PlanView:
    header: PlanHeader
    sections: tuple[PlanSection, ...]
    staffing: tuple[StaffingRow, ...]
    assignments: tuple[AssignmentRow, ...]
    front_desk: tuple[FrontDeskRow, ...] = ()

    @property
    def total_posts(self) -> int:
        return sum(r.posts for r in self.staffing)


def _chosen(plans: list[StaffPlan], school_year: int, version: int | None) -> StaffPlan:
    label = SchoolYear(school_year).label
    if not plans:
        raise ValidationError({"anno": f"Nessun Piano delle attività per l'a.s. {label}."})
    if version is not None:
        found = [p for p in plans if p.version == version]
        if not found:
            raise ValidationError({"versione": (
                f"Il Piano delle attività {label} non ha la versione {version} (versioni: "
                + ", ".join(str(p.version) for p in plans) + ").")})
        return found[0]
    # Without a version: the one in force, or the latest draft before any adoption.
    in_force = [p for p in plans if p.state == "adottato"]
    return in_force[-1] if in_force else plans[-1]


def _header(p: StaffPlan, plans: list[StaffPlan]) -> PlanHeader:
    return PlanHeader(p.id, p.school_year, SchoolYear(p.school_year).label, p.version, p.state,
                      PLAN.label(p.state), p.drafted_on, p.adopted_on, p.protocol,
                      p.superseded_on, tuple(q.version for q in plans))


@requires(READ)
def plan_versions(db: Database, school_year: int | None = None) -> tuple[PlanHeader, ...]:
    """Every version of the Piano (of the school year starting in ``school_year``, default
    of every year), by year and version: what a window lists to choose from."""
    q = select(StaffPlan).order_by(StaffPlan.school_year, StaffPlan.version)
    if school_year is not None:
        q = q.where(StaffPlan.school_year == school_year)
    with read_session(db) as s:
        plans = list(s.execute(q).scalars())
        return tuple(_header(p, [o for o in plans if o.school_year == p.school_year])
                     for p in plans)


@requires(READ)
def plan_view(db: Database, school_year: int, version: int | None = None) -> PlanView:
    """Version ``version`` of the Piano of the school year starting in ``school_year``
    (default: the version in force, or the draft if none is adopted yet)."""
    with read_session(db) as s:
        plans = list(s.execute(select(StaffPlan).where(StaffPlan.school_year == school_year)
                               .order_by(StaffPlan.version)).scalars())
        p = _chosen(plans, school_year, version)
        sites = dict(s.execute(select(Site.code, Site.name)).all())
        texts = dict(s.execute(select(StaffPlanSection.key, StaffPlanSection.text).where(
            StaffPlanSection.plan_id == p.id)).all())
        staffing = [StaffingRow(r.profile, role_label(r.profile), r.site_code,
                                sites.get(r.site_code, r.site_code), r.posts, r.need_note)
                    for r in s.execute(select(StaffPlanStaffing).where(
                        StaffPlanStaffing.plan_id == p.id, StaffPlanStaffing.removed.is_(False))
                        .order_by(StaffPlanStaffing.position)).scalars()]
        assignments = [
            AssignmentRow(a.employee_id, f"{e.surname} {e.name}", e.role, role_label(e.role),
                          a.place_kind, PLACES.get(a.place_kind, a.place_kind), a.place,
                          a.site_code, sites.get(a.site_code, a.site_code), a.duties)
            for a, e in s.execute(
                select(StaffPlanAssignment, Employee)
                .join(Employee, Employee.id == StaffPlanAssignment.employee_id)
                .where(StaffPlanAssignment.plan_id == p.id,
                       StaffPlanAssignment.removed.is_(False))
                .order_by(StaffPlanAssignment.position)).all()]
        front_desk = _front_desk_rows(s, p.id)
        header = _header(p, plans)
    sections = tuple(PlanSection(k, title, texts.get(k, "")) for k, title in SECTIONS.items())
    return PlanView(header, sections, tuple(staffing), tuple(assignments), front_desk)


def _front_desk_rows(s, plan_id: int) -> tuple[FrontDeskRow, ...]:
    return tuple(FrontDeskRow(r.weekday, r.start, r.end, r.audience, r.note)
                 for r in s.execute(select(StaffPlanFrontDesk).where(
                     StaffPlanFrontDesk.plan_id == plan_id,
                     StaffPlanFrontDesk.removed.is_(False))
                     .order_by(StaffPlanFrontDesk.position)).scalars())


def front_desk_hours(s, day: date) -> OpeningHours:
    """The public opening hours of the front desk on ``day``: those of the version of the
    Piano of the day's school year in force on that day (for a day before the year's first
    adoption, of that first adopted version: the Piano states the hours of the whole year).
    Without an adopted version stating any hours, the program's default [U]. Unguarded, on
    the caller's session: the front desk books by them without reading the staff area."""
    year = SchoolYear.of(day)
    adopted = list(s.execute(select(StaffPlan).where(
        StaffPlan.school_year == year.start_year, StaffPlan.adopted_on.is_not(None))
        .order_by(StaffPlan.adopted_on, StaffPlan.version)).scalars())
    if not adopted:
        return DEFAULT_HOURS
    in_force = [p for p in adopted if p.adopted_on <= day
                and (p.superseded_on is None or p.superseded_on > day)]
    plan = in_force[-1] if in_force else adopted[0]
    rows = _front_desk_rows(s, plan.id)
    if not rows:
        return DEFAULT_HOURS
    return OpeningHours(
        tuple(Opening(r.weekday, r.start, r.end) for r in rows if r.audience == "pubblico"),
        f"Piano delle attività {year.label}, versione {plan.version} adottata il "
        f"{format_date(plan.adopted_on)}")
