"""Read side of staff master data."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.staff.profiles import ATA_ROLES, area_label, role_label
from ..domain.staff.registry import (
    POSIZIONI_ECONOMICHE,
    contract_label,
    effective_end,
    percent_of,
    years_of_service,
)
from ..domain.text import sort_key
from ..models.school import Site
from ..models.staff import Employee, StaffContract


@dataclass(frozen=True, slots=True)
class EmployeeRow:
    id: int
    surname: str
    name: str
    role: str
    contract: str
    site: str
    codice_fiscale: str
    email: str
    active: bool


@requires(READ)
def list_employees(db: Database, *, include_inactive: bool = False) -> list[EmployeeRow]:
    q = (select(Employee.id, Employee.surname, Employee.name, Employee.role, Employee.contract,
                Site.name.label("site"), Employee.codice_fiscale, Employee.email,
                Employee.active)
         .outerjoin(Site, Site.id == Employee.site_id)
         .order_by(Employee.surname, Employee.name))
    if not include_inactive:
        q = q.where(Employee.active.is_(True))
    with read_session(db) as s:
        rows = [EmployeeRow(**{**r._asdict(), "site": r.site or "",
                               "codice_fiscale": r.codice_fiscale or ""})
                for r in s.execute(q).all()]
    # SQL sorts by character code (Ł, Ș, Ț after Z): sort as an Italian reader expects.
    return sorted(rows, key=lambda r: (sort_key(r.surname), sort_key(r.name)))


# --- the staff registry (issue 14 item 1) --------------------------------------------------
@dataclass(frozen=True, slots=True)
class StaffRow:
    """A person of the registry with the contract in force on the day asked (None: not in
    service that day)."""

    id: int
    surname: str
    name: str
    codice_fiscale: str
    profile: str
    profile_label: str
    area: str                        # the area in force on the day (CCNL 2007 or 2019-21)
    site: str
    posizione_economica: str
    years_of_service: int | None
    contract_id: int | None
    contract_kind: str
    contract_label: str
    starts_on: date | None
    ends_on: date | None             # the end that counts (closed early or the term)
    part_time_percent: Decimal | None


@dataclass(frozen=True, slots=True)
class ContractRow:
    id: int
    kind: str
    label: str
    starts_on: date
    ends_on: date | None             # the term of the contract
    closed_on: date | None
    close_reason: str
    part_time_percent: Decimal
    assigned_school: str
    follows_id: int | None
    note: str
    annulled_on: date | None
    annul_reason: str
    state: str                       # «in corso», «concluso», «chiuso», «annullato», «futuro»


_CONTRACT_COLUMNS = (StaffContract.id, StaffContract.employee_id, StaffContract.kind,
                     StaffContract.starts_on, StaffContract.ends_on, StaffContract.closed_on,
                     StaffContract.part_time_bp)


def _in_force(on: date):
    end = func.coalesce(StaffContract.closed_on, StaffContract.ends_on)
    return and_(StaffContract.annulled_on.is_(None), StaffContract.starts_on <= on,
                or_(end.is_(None), end >= on),
                or_(StaffContract.ends_on.is_(None), StaffContract.ends_on >= on))


def _staff_rows(s, on: date, *, in_service_only: bool, profile: str | None = None,
                site_id: int | None = None, include_inactive: bool = True) -> list[StaffRow]:
    current = select(*_CONTRACT_COLUMNS).where(_in_force(on)).subquery()
    q = (select(Employee.id, Employee.surname, Employee.name, Employee.codice_fiscale,
                Employee.role, Employee.area_2007, Employee.area_2024,
                Site.name.label("site"), Employee.posizione_economica,
                Employee.service_since, current.c.id.label("contract_id"),
                current.c.kind, current.c.starts_on, current.c.ends_on,
                current.c.closed_on, current.c.part_time_bp)
         .outerjoin(Site, Site.id == Employee.site_id)
         .join(current, current.c.employee_id == Employee.id, isouter=not in_service_only))
    if not in_service_only:
        q = q.where(Employee.role.in_(ATA_ROLES))
    if not include_inactive:
        q = q.where(Employee.active.is_(True))
    if profile is not None:
        q = q.where(Employee.role == profile)
    if site_id is not None:
        q = q.where(Employee.site_id == site_id)
    rows = []
    for r in s.execute(q).all():
        rows.append(StaffRow(
            id=r.id, surname=r.surname, name=r.name, codice_fiscale=r.codice_fiscale or "",
            profile=r.role, profile_label=role_label(r.role),
            area=area_label(r.area_2007, r.area_2024, on), site=r.site or "",
            posizione_economica=POSIZIONI_ECONOMICHE.get(r.posizione_economica,
                                                         r.posizione_economica),
            years_of_service=years_of_service(r.service_since, on),
            contract_id=r.contract_id, contract_kind=r.kind or "",
            contract_label=contract_label(r.kind) if r.kind else "",
            starts_on=r.starts_on, ends_on=effective_end(r.ends_on, r.closed_on),
            part_time_percent=percent_of(r.part_time_bp) if r.contract_id else None))
    return sorted(rows, key=lambda r: (sort_key(r.surname), sort_key(r.name)))


@requires(READ)
def staff_list(db: Database, *, on: date | None = None,
               include_inactive: bool = True) -> list[StaffRow]:
    """Every ATA person of the registry with the contract in force on ``on`` (today);
    ``include_inactive=False``: only the people marked in service."""
    with read_session(db) as s:
        return _staff_rows(s, on or date.today(), in_service_only=False,
                           include_inactive=include_inactive)


@requires(READ)
def in_service_on(db: Database, day: date, *, profile: str | None = None,
                  site_id: int | None = None) -> list[StaffRow]:
    """The staff with a contract in force on ``day``, per profile and home plesso."""
    with read_session(db) as s:
        return _staff_rows(s, day, in_service_only=True, profile=profile, site_id=site_id)


@requires(READ)
def contract_history(db: Database, person_id: int, *, on: date | None = None
                     ) -> list[ContractRow]:
    """A person's contract periods in date order, annulled ones included (``state`` as of
    ``on``, default today)."""
    today = on or date.today()
    with read_session(db) as s:
        rows = s.execute(select(StaffContract).where(StaffContract.employee_id == person_id)
                         .order_by(StaffContract.starts_on, StaffContract.id)).scalars().all()
        out = []
        for c in rows:
            end = effective_end(c.ends_on, c.closed_on)
            if c.annulled_on is not None:
                state = "annullato"
            elif c.starts_on > today:
                state = "futuro"
            elif end is not None and end < today:
                state = "chiuso" if c.closed_on is not None else "concluso"
            else:
                state = "in corso"
            out.append(ContractRow(
                id=c.id, kind=c.kind, label=contract_label(c.kind), starts_on=c.starts_on,
                ends_on=c.ends_on, closed_on=c.closed_on, close_reason=c.close_reason,
                part_time_percent=percent_of(c.part_time_bp),
                assigned_school=c.assigned_school, follows_id=c.follows_id, note=c.note,
                annulled_on=c.annulled_on, annul_reason=c.annul_reason, state=state))
        return out


@dataclass(frozen=True, slots=True)
class PersonHeader:
    """Who a personal document is about: name, codice fiscale, profile, home plesso and the
    contract in force on the document's day."""

    id: int
    surname: str
    name: str
    codice_fiscale: str
    profile: str
    profile_label: str
    site_code: str
    site_name: str
    contract_label: str             # «Tempo indeterminato»; "" when none is in force
    working_time: str               # «36 ore», «part-time 50 % di 36 ore: 18 h»
    active: bool

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.name}"

    @property
    def site(self) -> str:
        return f"{self.site_code} – {self.site_name}" if self.site_code else ""


def person_header(s, person_id: int, on: date) -> PersonHeader | None:
    """The header of ``person_id`` on ``on`` (None: no such person). For the queries of
    personal documents, inside their session: it is no query of its own."""
    from fractions import Fraction

    from ..domain.staff.contract import WorkingTime
    from ..domain.staff.registry import FULL_TIME_BP

    p = s.get(Employee, person_id)
    if p is None:
        return None
    site = s.get(Site, p.site_id) if p.site_id else None
    label, bp = "", FULL_TIME_BP
    for c in s.execute(select(StaffContract).where(
            StaffContract.employee_id == person_id, StaffContract.annulled_on.is_(None),
            StaffContract.starts_on <= on).order_by(StaffContract.starts_on)).scalars():
        end = effective_end(c.ends_on, c.closed_on)
        if end is None or end >= on:
            label, bp = contract_label(c.kind), c.part_time_bp
    wt = WorkingTime(Fraction(bp, 100)) if bp < FULL_TIME_BP else WorkingTime()
    return PersonHeader(p.id, p.surname, p.name, p.codice_fiscale or "", p.role,
                        role_label(p.role), site.code if site else "", site.name if site else "",
                        label, wt.label, p.active)
