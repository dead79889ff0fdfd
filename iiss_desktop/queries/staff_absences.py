"""What the absence prints read (issue 16 item 7): the summer ferie plan to post, the monthly
absences by cause for the ministry's monitoraggi, the decree granting an approved request.

- ``summer_plan``: July and August of a summer, per plesso and profile, who is absent on which
  working day and how many are on duty; it never names a cause (any absence is «A», a request
  still waiting «R»), so it can be posted;
- ``monthly_absences``: the days (working days of the person's schedule, or calendar days for
  the causes counted so) and hours of each cause in a month, with the persons, by profile. A
  confidential cause (``AbsenceCause.confidential``: health-related) is shown cause by cause
  only to who holds staff.health; everyone else reads the confidential causes added up in one
  row and «Assenza» in the detail per person;
- ``absence_decree``: an approved request with the person, the cause and its source (the
  CCNL article the cause declares), the days counted as the ledger counted them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from ..areas.staff import HEALTH, READ
from ..db.access import current_principal, requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.access import allowed
from ..domain.dates import MONTHS_IT, SchoolYear, format_date
from ..domain.errors import ValidationError
from ..domain.staff import leave as rules
from ..domain.staff.profiles import ATA_ROLES, role_label
from ..models.school import Site
from ..models.staff import Employee
from ..models.staff_leave import (
    AbsenceCause,
    StaffAbsence,
    StaffAbsenceRequest,
    StaffLeaveEntry,
)
from .staff_leave import HIDDEN_CAUSE, _contracts, balance_in, working_days

ABSENT, REQUESTED, ON_DUTY = "A", "R", "·"
CONFIDENTIAL_ROW = "Cause riservate (salute, L. 104/1992, Covid), sommate"


def _span(a: date, b: date) -> str:
    return format_date(a) if a == b else f"dal {format_date(a)} al {format_date(b)}"


# --- the summer plan -----------------------------------------------------------------------

@dataclass(frozen=True)
class PlanPerson:
    name: str
    marks: dict[date, str]          # working day -> A, R or ·; not a working day: absent key
    periods: str                    # «dal 02/08/2021 al 21/08/2021 (A)»


@dataclass(frozen=True)
class PlanGroup:
    profile: str
    people: tuple[PlanPerson, ...]

    def on_duty(self, day: date) -> int:
        return sum(1 for p in self.people if p.marks.get(day) == ON_DUTY)


@dataclass(frozen=True)
class PlanSite:
    label: str
    groups: tuple[PlanGroup, ...]


@dataclass(frozen=True)
class SummerPlan:
    summer: int
    start: date
    end: date
    sites: tuple[PlanSite, ...]

    @property
    def months(self) -> list[list[date]]:
        days = [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]
        return [[d for d in days if d.month == m] for m in (7, 8)]


def _runs(days: list[date]) -> list[tuple[date, date]]:
    out: list[list[date]] = []
    for d in sorted(days):
        if out and (d - out[-1][1]).days <= 1:
            out[-1][1] = d
        else:
            out.append([d, d])
    return [(a, b) for a, b in out]


def _merge_gaps(days: list[date], working: set[date]) -> list[tuple[date, date]]:
    """Runs of days joined across the days that are not working days (a Sunday inside two
    weeks of ferie does not cut them in two)."""
    runs: list[list[date]] = []
    for d in sorted(days):
        if runs:
            gap = [runs[-1][1] + timedelta(days=i) for i in range(1, (d - runs[-1][1]).days)]
            if not any(g in working for g in gap):
                runs[-1][1] = d
                continue
        runs.append([d, d])
    return [(a, b) for a, b in runs]


@requires(READ)
def summer_plan(db: Database, summer: int | None = None) -> SummerPlan:
    """The ferie plan of 1 July - 31 August of ``summer`` (default: the newest summer up to
    the current one with absences or requests, else the current one)."""
    with read_session(db) as s:
        if summer is None:
            years = []
            for model in (StaffAbsence, StaffAbsenceRequest):
                years += [d.year for d in s.execute(select(model.starts_on).where(
                    func.extract("month", model.starts_on).in_((7, 8)))).scalars()]
            current = date.today().year
            summer = max((y for y in years if y <= current), default=current)
        start, end = date(summer, 7, 1), date(summer, 8, 31)
        year = SchoolYear.of(start)
        absences = defaultdict(set)
        for a in s.execute(select(StaffAbsence).where(
                StaffAbsence.annulled_on.is_(None), StaffAbsence.minutes.is_(None),
                StaffAbsence.starts_on <= end, StaffAbsence.ends_on >= start)).scalars():
            absences[a.employee_id].update(a.starts_on + timedelta(days=i)
                                           for i in range((a.ends_on - a.starts_on).days + 1))
        requested = defaultdict(set)
        for r in s.execute(select(StaffAbsenceRequest).where(
                StaffAbsenceRequest.state == "richiesta", StaffAbsenceRequest.minutes.is_(None),
                StaffAbsenceRequest.starts_on <= end,
                StaffAbsenceRequest.ends_on >= start)).scalars():
            requested[r.employee_id].update(r.starts_on + timedelta(days=i)
                                            for i in range((r.ends_on - r.starts_on).days + 1))
        sites = {r.id: f"{r.code} – {r.name}" for r in s.execute(select(Site)).scalars()}
        grouped: dict[str, dict[str, list[PlanPerson]]] = defaultdict(lambda: defaultdict(list))
        people = s.execute(select(Employee).where(Employee.role.in_(ATA_ROLES))
                           .order_by(Employee.surname, Employee.name)).scalars().all()
        for p in people:
            served = [(a, b) for a, b, _bp in _contracts(s, p.id, year) if a <= end and b >= start]
            if not served:
                continue
            working = {d for d, _m in working_days(s, p.id, start, end)
                       if any(a <= d <= b for a, b in served)}
            marks = {}
            for d in working:
                marks[d] = (ABSENT if d in absences[p.id]
                            else REQUESTED if d in requested[p.id] else ON_DUTY)
            periods = []
            for mark, label in ((ABSENT, "assente"), (REQUESTED, "richiesta in attesa")):
                days = [d for d, m in marks.items() if m == mark]
                periods += [(a, f"{_span(a, b)} ({label})") for a, b in _merge_gaps(days,
                                                                                    working)]
            grouped[sites.get(p.site_id, "Senza plesso")][p.role].append(PlanPerson(
                f"{p.surname} {p.name}", marks,
                "; ".join(t for _a, t in sorted(periods)) or "in servizio"))
        out = []
        for label in sorted(grouped):
            roles = grouped[label]
            out.append(PlanSite(label, tuple(
                PlanGroup(role_label(r), tuple(roles[r])) for r in ATA_ROLES if r in roles)))
        return SummerPlan(summer, start, end, tuple(out))


# --- the monthly absences by cause ---------------------------------------------------------

def parse_month(value) -> date:
    """«2021-07» (or a date) -> 1 July 2021."""
    if isinstance(value, date):
        return value.replace(day=1)
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(value or ""))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError({"mese": f"«{value}» non è un mese nella forma AAAA-MM "
                                       "(es. 2021-07)."})
    return date(int(m.group(1)), int(m.group(2)), 1)


def month_end(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class CauseCount:
    cause: str
    profile: str                      # «Tutti i profili» on a cause's total row
    persons: int
    days: int
    minutes: int
    total: bool = False

    @property
    def days_text(self) -> str:
        return str(self.days) if self.days else "–"

    @property
    def hours_text(self) -> str:
        return rules.format_amount(self.minutes, rules.HOURS) if self.minutes else "–"


@dataclass(frozen=True)
class MonthlyAbsences:
    month: date
    label: str                        # «luglio 2021»
    rows: tuple[CauseCount, ...]      # every cause (zeros included), by profile, then totals
    profiles: tuple[CauseCount, ...]  # every cause together, by profile
    detail: tuple[tuple[str, ...], ...]   # dipendente, profilo, causa, periodo, giorni, ore
    confidential_shown: bool


@requires(READ)
def monthly_absences(db: Database, month=None) -> MonthlyAbsences:
    """The absences of ``month`` (a date or «AAAA-MM»; default: the previous month) by cause
    and profile. Annulled absences do not count."""
    first = parse_month(month) if month not in (None, "") else \
        (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    last = month_end(first)
    show = allowed(current_principal(db), HEALTH)
    with read_session(db) as s:
        causes = s.execute(select(AbsenceCause).order_by(AbsenceCause.id)).scalars().all()
        by_id = {c.id: c for c in causes}
        rows = s.execute(
            select(StaffAbsence, Employee.surname, Employee.name, Employee.role)
            .join(Employee, Employee.id == StaffAbsence.employee_id)
            .where(StaffAbsence.annulled_on.is_(None), StaffAbsence.starts_on <= last,
                   StaffAbsence.ends_on >= first)
            .order_by(Employee.surname, Employee.name, StaffAbsence.starts_on)).all()
        counted = []
        for a, surname, name, role in rows:
            cause = by_id[a.cause_id]
            lo, hi = max(a.starts_on, first), min(a.ends_on, last)
            if a.minutes:
                days, minutes = 0, a.minutes
            elif cause.counting == "consecutivi":
                days, minutes = (hi - lo).days + 1, 0
            else:
                days, minutes = len(working_days(s, a.employee_id, lo, hi)), 0
            counted.append((a.employee_id, f"{surname} {name}", role, cause, lo, hi, days,
                            minutes))

    def key(cause) -> str:
        return CONFIDENTIAL_ROW if cause.confidential and not show else cause.name

    order = list(dict.fromkeys(key(c) for c in causes if c.active or any(
        x[3].id == c.id for x in counted)))
    agg: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [set(), 0, 0]))
    by_profile: dict[str, list] = defaultdict(lambda: [set(), 0, 0])
    for pid, _n, role, cause, _lo, _hi, days, minutes in counted:
        for cell in (agg[key(cause)][role], by_profile[role]):
            cell[0].add(pid)
            cell[1] += days
            cell[2] += minutes
    out = []
    for label in order:
        roles = agg.get(label, {})
        if not roles:
            out.append(CauseCount(label, "–", 0, 0, 0))
            continue
        for role in (r for r in ATA_ROLES if r in roles):
            persons, days, minutes = roles[role]
            out.append(CauseCount(label, role_label(role), len(persons), days, minutes))
        if len(roles) > 1:
            out.append(CauseCount(label, "Tutti i profili",
                                  len(set().union(*(v[0] for v in roles.values()))),
                                  sum(v[1] for v in roles.values()),
                                  sum(v[2] for v in roles.values()), total=True))
    profiles = [CauseCount("Tutte le cause", role_label(r), len(v[0]), v[1], v[2])
                for r in ATA_ROLES if (v := by_profile.get(r))]
    if profiles:
        profiles.append(CauseCount("Tutte le cause", "Tutti i profili",
                                   len({x[0] for x in counted}),
                                   sum(x[6] for x in counted), sum(x[7] for x in counted),
                                   total=True))
    detail = tuple(
        (name, role_label(role),
         cause.name if show or not cause.confidential else HIDDEN_CAUSE, _span(lo, hi),
         str(days) if days else "–",
         rules.format_amount(minutes, rules.HOURS) if minutes else "–")
        for _pid, name, role, cause, lo, hi, days, minutes in counted)
    return MonthlyAbsences(first, f"{MONTHS_IT[first.month - 1]} {first.year}", tuple(out),
                           tuple(profiles), detail, show)


# --- the decree ----------------------------------------------------------------------------

@dataclass(frozen=True)
class AbsenceDecree:
    request_id: int
    person: str
    profile: str
    site: str
    cause: str
    source: str
    paid: str
    document: str
    period: str
    length: str
    counted: str              # how the days were counted (the ledger's arithmetic)
    account: str              # «Ferie: saldo dell'a.s. 2020/21 alla data di stampa 26 gg»
    requested_on: str
    decided_on: str
    note: str


@requires(READ)
def absence_decree(db: Database, request_id: int | None = None) -> AbsenceDecree:
    """The decree of the approved request ``request_id`` (default: the newest approved)."""
    show = allowed(current_principal(db), HEALTH)
    with read_session(db) as s:
        if request_id is None:
            req = s.execute(select(StaffAbsenceRequest)
                            .where(StaffAbsenceRequest.state == "approvata")
                            .order_by(StaffAbsenceRequest.decided_on.desc(),
                                      StaffAbsenceRequest.id.desc()).limit(1)).scalar()
            if req is None:
                raise ValidationError({"richiesta": "Nessuna richiesta di assenza approvata."})
        else:
            req = s.get(StaffAbsenceRequest, int(request_id))
            if req is None:
                raise ValidationError({"richiesta": f"Richiesta n. {request_id} inesistente."})
        if req.state != "approvata":
            raise ValidationError({"richiesta": (
                f"La richiesta n. {req.id} è «{rules.REQUEST_STATES[req.state]}»: il decreto "
                "si stampa per le richieste approvate.")})
        cause = s.get(AbsenceCause, req.cause_id)
        if cause.confidential and not show:
            raise ValidationError({"richiesta": (
                "La richiesta riguarda una causa riservata (dati sanitari): il decreto lo "
                "stampano il DSGA o il dirigente.")})
        person = s.get(Employee, req.employee_id)
        site = s.get(Site, person.site_id) if person.site_id else None
        entry = s.execute(select(StaffLeaveEntry).where(
            StaffLeaveEntry.absence_id == req.absence_id,
            StaffLeaveEntry.kind == "fruizione")).scalar() if req.absence_id else None
        n = (req.ends_on - req.starts_on).days + 1
        if req.minutes:
            length = rules.format_amount(req.minutes, rules.HOURS)
        else:
            length = f"{n} giorn{'o' if n == 1 else 'i'} di calendario"
        account = ""
        if entry is not None:
            counted = entry.reason.split(": ", 1)[-1]
            label, unit = rules.ACCOUNTS[entry.account]
            counted += f" (scalati {rules.format_amount(-entry.amount, unit)})"
            account = (f"{label}: saldo dell'a.s. {SchoolYear(entry.school_year).label} alla "
                       "data di stampa "
                       + rules.format_amount(balance_in(s, person.id, entry.account,
                                                        entry.school_year), unit))
        elif req.minutes:
            counted = f"{length} il {format_date(req.starts_on)}"
        elif cause.counting == "consecutivi":
            counted = f"{n} giorni di calendario"
        else:
            days = working_days(s, person.id, req.starts_on, req.ends_on)
            counted = f"{len(days)} giorni lavorativi dell'orario"
        paid = f"retribuita al {cause.paid_percent} %"
        if cause.pay_rule:
            paid += f" ({cause.pay_rule})"
        return AbsenceDecree(
            req.id, f"{person.surname} {person.name}", role_label(person.role),
            f"{site.code} – {site.name}" if site else "", cause.name, cause.source, paid,
            cause.document, _span(req.starts_on, req.ends_on), length, counted, account,
            format_date(req.requested_on), format_date(req.decided_on) if req.decided_on
            else "", req.note)
