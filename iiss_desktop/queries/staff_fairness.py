"""«Equità dei turni» (issue 18 item 4): per person the afternoons, evenings and Saturdays
worked so far in the school year, and the days worked in a plesso other than their own, with
the spread (most minus fewest) among people of the same profile. Counted on the roster as the
grid shows it (patterns, days set by hand, lavoro agile left out) with the same rule the
proposal uses for its fairness history (``domain.staff.proposal.day_counts``)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear
from ..domain.errors import ValidationError
from ..domain.staff.profiles import ATA_ROLES, role_label
from ..domain.staff.proposal import Counts, day_counts
from ..domain.text import sort_key
from ..models.school import Site
from ..models.staff import Employee
from .staff_roster import effective_days


@dataclass(frozen=True, slots=True)
class FairnessRow:
    person_id: int
    name: str
    profile: str
    profile_label: str
    home_plesso: str
    days: int                   # days worked (not in lavoro agile)
    afternoons: int
    evenings: int
    saturdays: int
    plesso_changes: int         # days worked in a plesso other than their own


@dataclass(frozen=True, slots=True)
class FairnessSpread:
    """Most minus fewest among the people of one profile."""

    profile: str
    profile_label: str
    people: int
    afternoons: int
    evenings: int
    saturdays: int
    plesso_changes: int


@dataclass(frozen=True)
class Fairness:
    start: date
    end: date
    school_year: str
    plesso: str | None
    rows: tuple[FairnessRow, ...]
    spreads: tuple[FairnessSpread, ...]


def _spread(values) -> int:
    values = list(values)
    return max(values) - min(values) if values else 0


@requires(READ)
def staff_fairness(db: Database, end: date | None = None,
                   plesso: str | None = None) -> Fairness:
    """From the start of the school year of ``end`` (default today) to ``end``: the ATA staff
    in service (of ``plesso``, their home plesso, or all)."""
    end = end or date.today()
    year = SchoolYear.of(end)
    end = min(end, year.end)
    with read_session(db) as s:
        sites = dict(s.execute(select(Site.id, Site.code)).all())
        if plesso and plesso not in sites.values():
            raise ValidationError({"plesso": f"Plesso «{plesso}» inesistente: "
                                             + ", ".join(sorted(sites.values())) + "."})
        people = s.execute(select(Employee.id, Employee.surname, Employee.name, Employee.role,
                                  Employee.site_id)
                           .where(Employee.active.is_(True),
                                  Employee.role.in_(ATA_ROLES))).all()
        if plesso:
            people = [p for p in people if sites.get(p.site_id) == plesso]
        cells = effective_days(s, [p.id for p in people], year.start, end)
    totals: dict[int, Counts] = {}
    days: dict[int, int] = {}
    away: dict[int, int] = {}
    homes = {p.id: sites.get(p.site_id) for p in people}
    for (pid, day), c in cells.items():
        if not c.bands or c.lavoro_agile:
            continue
        totals[pid] = totals.get(pid, Counts()).plus(day_counts(day, c.bands))
        days[pid] = days.get(pid, 0) + 1
        home = homes.get(pid)
        if home and any(b.plesso and b.plesso != home for b in c.bands):
            away[pid] = away.get(pid, 0) + 1
    people = sorted(people, key=lambda p: (ATA_ROLES.index(p.role), sort_key(p.surname),
                                           sort_key(p.name)))
    rows = []
    for p in people:
        t = totals.get(p.id, Counts())
        rows.append(FairnessRow(p.id, f"{p.surname} {p.name}", p.role, role_label(p.role),
                                homes.get(p.id) or "", days.get(p.id, 0), t.afternoons,
                                t.evenings, t.saturdays, away.get(p.id, 0)))
    spreads = []
    for role in ATA_ROLES:
        group = [r for r in rows if r.profile == role]
        if not group:
            continue
        spreads.append(FairnessSpread(
            role, role_label(role), len(group), _spread(r.afternoons for r in group),
            _spread(r.evenings for r in group), _spread(r.saturdays for r in group),
            _spread(r.plesso_changes for r in group)))
    return Fairness(year.start, end, year.label, plesso, tuple(rows), tuple(spreads))
