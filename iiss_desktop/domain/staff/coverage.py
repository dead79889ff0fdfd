"""What a roster must cover and what a solver may read and must keep (issue 14 item 9).

- :class:`CoverageNeed`: how many people of a profile a plesso needs on a weekday in a span of
  its opening hours (the Piano delle attività's "orario di apertura");
- :class:`Preference`: a person's wish (a shift kind on a weekday, or a day not to work), with
  a weight;
- :class:`Assignment`: one band of one person on one date at one plesso; ``fixed`` ones are
  set by hand and a solver keeps them;
- :class:`RosterProblem`: all of it together, the input of a future solver.

``check_coverage`` says where a plesso is left uncovered. domain.md has no explicit rule for
it [U]: we read art. 53 c.1 ("l'orario di lavoro è funzionale all'orario di servizio e di
apertura all'utenza", seed deck) as a DSGA does: every minute of a plesso's opening hours has
the people the Piano asks for, and a closed day of the calendar needs no one.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..dates import WEEKDAYS_IT, format_date
from ..errors import ValidationError
from .profiles import ROLES
from .rules import Problem, problem
from .times import TimeBand, format_time, minutes_of
from .week import PersonWeek, StaffMember, WorkDay


@dataclass(frozen=True)
class CoverageNeed:
    plesso: str
    weekday: int
    start: int
    end: int
    staff: int = 1
    profile: str | None = "CS"      # None: any profile

    def __post_init__(self) -> None:
        errors = {}
        if self.weekday not in range(7):
            errors["weekday"] = f"Giorno della settimana {self.weekday} non valido."
        if self.end <= self.start:
            errors["end"] = (f"L'apertura {format_time(self.start)}–{format_time(self.end)} "
                             "termina prima di iniziare.")
        if self.staff < 1:
            errors["staff"] = "Indicare almeno una persona necessaria."
        if self.profile is not None and self.profile not in ROLES:
            errors["profile"] = f"Profilo «{self.profile}» non previsto."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def of(cls, plesso: str, weekday: int, start, end, staff: int = 1,
           profile: str | None = "CS") -> CoverageNeed:
        return cls(plesso, weekday, minutes_of(start, "start"), minutes_of(end, "end"), staff,
                   profile)


@dataclass(frozen=True)
class Preference:
    """``kind``: a band kind wished for ("mattina", "pomeriggio"), or "riposo" for a day the
    person would rather not work. ``weight``: how much it matters (1 = a little)."""

    person_id: int | str
    weekday: int
    kind: str
    weight: int = 1


@dataclass(frozen=True)
class Assignment:
    person_id: int | str
    day: date
    band: TimeBand
    plesso: str | None
    fixed: bool = False


@dataclass(frozen=True)
class RosterProblem:
    """A solver's input: the staff, the needs, the preferences and the cells already fixed,
    for the days to roster. The solver answers with assignments; ``checks`` judges them."""

    staff: tuple[StaffMember, ...]
    needs: tuple[CoverageNeed, ...]
    days: tuple[date, ...]
    preferences: tuple[Preference, ...] = ()
    fixed: tuple[Assignment, ...] = ()
    closed_days: frozenset[date] = field(default_factory=frozenset)


def assignments_of(member: StaffMember, weeks: Iterable[PersonWeek]) -> list[Assignment]:
    """The week cells as assignments: a band without a plesso is worked at the home plesso;
    on a day of lavoro agile at no plesso."""
    out = []
    for w in weeks:
        for d in w.days:
            for b in d.bands:
                out.append(Assignment(member.person_id, d.day, b, _where(member, d, b), d.fixed))
    return out


def _where(member: StaffMember, day: WorkDay, band: TimeBand) -> str | None:
    if day.lavoro_agile:
        return None
    return band.plesso or member.home_plesso


def check_coverage(needs: Iterable[CoverageNeed], assignments: Iterable[Assignment],
                   staff: Iterable[StaffMember], days: Iterable[date],
                   closed_days: Iterable[date] = ()) -> list[Problem]:
    """For each day and need, the spans of the opening hours with fewer people than needed."""
    needs_by_wd: dict[int, list[CoverageNeed]] = defaultdict(list)
    for n in needs:
        needs_by_wd[n.weekday].append(n)
    wanted = {n.profile for ns in needs_by_wd.values() for n in ns}
    any_profile = None in wanted
    profile = {m.person_id: m.profile for m in staff}
    by_key: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for a in assignments:
        if a.plesso is None:
            continue
        p = profile.get(a.person_id)
        span = (a.band.start, a.band.end)
        if p in wanted:
            by_key[(a.plesso, a.day, p)].append(span)
        if any_profile:
            by_key[(a.plesso, a.day, None)].append(span)
    closed = set(closed_days)
    out = []
    for day in days:
        if day in closed:
            continue
        for need in needs_by_wd.get(day.weekday(), ()):
            present = by_key.get((need.plesso, day, need.profile), ())
            for start, end, count in _short_spans(need, present):
                who = ROLES[need.profile].lower() if need.profile else "persona"
                out.append(problem(
                    "copertura_plesso", None, day,
                    f"{need.plesso} {format_time(start)}–{format_time(end)}",
                    f"{WEEKDAYS_IT[day.weekday()].capitalize()} {format_date(day)}: il plesso "
                    f"{need.plesso} resta scoperto dalle {format_time(start)} alle "
                    f"{format_time(end)} (servono {need.staff} – {who} –, presenti {count})"))
    return out


def _short_spans(need: CoverageNeed, bands) -> list[tuple[int, int, int]]:
    """Maximal spans of [need.start, need.end) where fewer than ``need.staff`` bands overlap,
    with the fewest present in each."""
    points = {need.start, need.end}
    for s, e in bands:
        if s < need.end and e > need.start:
            points.add(max(s, need.start))
            points.add(min(e, need.end))
    cuts = sorted(points)
    spans: list[list[int]] = []
    for a, b in zip(cuts, cuts[1:]):
        count = sum(1 for s, e in bands if s <= a and e >= b)
        if count >= need.staff:
            continue
        if spans and spans[-1][1] == a:
            spans[-1][1] = b
            spans[-1][2] = min(spans[-1][2], count)
        else:
            spans.append([a, b, count])
    return [tuple(s) for s in spans]
