"""A proposed roster (issue 18): a CP-SAT model over a few shift templates per person and day,
checked afterwards by the schedule rules of ``checks`` and ``coverage`` (not by the model).

The model is kept small: for each person and day, one of a few templates or rest. The
templates are single continuous bands anchored at the boundaries of the plesso's opening spans
(its coverage needs), of the person's daily share of the contract (36 h over the open weekdays)
or of 6 h / 7 h 12 min, so none exceeds 7 h 12 min (no pause needed, art. 51) nor 9 hours.

Hard: the cells fixed by hand stay as they are; no work on closed days, on approved absences or
outside the contract; lavoro agile only on the agreed days of the profiles that may have it;
each whole week at the contract's hours (up to 42 in a week of orario plurisettimanale; a
partial week at most the contract's). Coverage of each need is relaxed with a slack whose cost
dwarfs every soft term: a slack left above zero is an uncovered band, and ``explain`` says in
words which plesso, day and band, who is missing and why, and what would unblock it.

Soft (``Weights``, editable): the spread (most minus fewest) of afternoons, evenings and
Saturdays among people of the same profile and hours, counting the school year so far; days
away from the home plesso; preferences; changes from last week.

OR-Tools is imported inside ``propose`` only: the application starts without it.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..dates import WEEKDAYS_IT, format_date
from ..errors import ValidationError
from .checks import (
    MAX_CONTINUOUS,
    MAX_DAY,
    PLURI_MAX_WEEK,
    check_day,
    check_person_year,
)
from .coverage import Assignment, CoverageNeed, RosterProblem, check_coverage
from .profiles import LAVORO_AGILE_ROLES, ROLES
from .rules import Problem
from .times import TimeBand, format_duration, format_time
from .week import PersonWeek, StaffMember, WorkDay

AFTERNOON_AFTER = 15 * 60     # a band ending after 15:00 is an afternoon (turno pomeridiano)
EVENING_AFTER = 18 * 60       # ... after 18:00 an evening
SATURDAY = 5
SLACK_COST = 1_000            # one person missing for one minute of a need
AGILE_START = 8 * 60
OUTSIDE_SHORT_COST = 50       # each minute a week begun before the period stays short

PLURALS = {"CS": "collaboratori", "OP": "operatori", "AA": "assistenti amministrativi",
           "AT": "assistenti tecnici", "CUO": "cuochi", "GUA": "guardarobieri",
           "INF": "infermieri", "DSGA": "DSGA"}


@dataclass
class Weights:
    """The soft terms' weights (0 switches one off)."""

    afternoons: int = 20
    evenings: int = 20
    saturdays: int = 20
    other_plesso: int = 3       # each day worked away from the home plesso
    preferences: int = 5        # times the preference's own weight
    changes: int = 1            # each day unlike the same weekday of last week
    partial_week: int = 1       # each 10 minutes a partial week stays below its share


@dataclass(frozen=True)
class Counts:
    afternoons: int = 0
    evenings: int = 0
    saturdays: int = 0

    def plus(self, other: Counts) -> Counts:
        return Counts(self.afternoons + other.afternoons, self.evenings + other.evenings,
                      self.saturdays + other.saturdays)


@dataclass(frozen=True)
class ProposalContext:
    """What a roster problem does not say. ``absences``: (person, day) -> the reason in words
    («in ferie»), credited as service; ``off_contract``: days outside every contract;
    ``agile_days``: days an agreement allows lavoro agile; ``pluri_weeks``: (person, Monday)
    of orario plurisettimanale; ``history``: afternoons/evenings/Saturdays so far this year;
    ``previous``: (person, weekday) -> (start, end, plesso) last week, None for rest;
    ``fixed_rest``: days off set by hand; ``plesso_names``: code -> name."""

    absences: Mapping[tuple, str] = field(default_factory=dict)
    off_contract: frozenset = frozenset()
    agile_days: frozenset = frozenset()
    pluri_weeks: frozenset = frozenset()
    history: Mapping = field(default_factory=dict)
    previous: Mapping = field(default_factory=dict)
    fixed_rest: frozenset = frozenset()
    # (person, Monday) -> minutes counted on the days of that week outside the period (the
    # roster already there): the week is then judged whole, those minutes included
    outside: Mapping[tuple, int] = field(default_factory=dict)
    plesso_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProposedCell:
    person_id: int | str
    day: date
    bands: tuple[TimeBand, ...] = ()
    lavoro_agile: bool = False
    fixed: bool = False
    credited: int = 0
    reason: str = ""            # why nothing is worked: «in ferie», «chiusura»

    @property
    def plesso(self) -> str | None:
        return next((b.plesso for b in self.bands if b.plesso), None)


@dataclass(frozen=True)
class Blocker:
    """A band of a need no roster covers, in words, with what would unblock it."""

    plesso: str
    day: date
    start: int
    end: int
    needed: int
    available: int
    reasons: tuple[str, ...]
    suggestions: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Proposal:
    cells: tuple[ProposedCell, ...]
    status: str                 # «ottimale», «ammissibile», «impossibile», «nessuna soluzione»,
                                # «interrotta» (stopped on request)
    objective: float
    best_bound: float
    seconds: float
    blockers: tuple[Blocker, ...] = ()
    problems: tuple[Problem, ...] = ()       # the domain checks on the proposal
    notes: tuple[str, ...] = ()              # people left out, contradictions, in words
    fairness: Mapping = field(default_factory=dict)   # person -> Counts (history included)

    @property
    def feasible(self) -> bool:
        return not self.blockers and self.status in ("ottimale", "ammissibile")

    @property
    def gap(self) -> float:
        """Relative gap between the objective and the solver's bound (0 when optimal)."""
        if not self.objective:
            return 0.0
        return abs(self.objective - self.best_bound) / max(abs(self.objective), 1e-9)

    @property
    def assignments(self) -> list[Assignment]:
        return [Assignment(c.person_id, c.day, b, None if c.lavoro_agile else b.plesso, c.fixed)
                for c in self.cells for b in c.bands]


# --- helpers ---------------------------------------------------------------------------

def _matches(need: CoverageNeed, member: StaffMember) -> bool:
    return need.profile is None or need.profile == member.profile


def _kind(end: int) -> str:
    return "pomeriggio" if end > AFTERNOON_AFTER else "mattina"


def day_counts(day: date, bands) -> Counts:
    """A day worked as the fairness counts it: an afternoon (a band ending after 15:00), an
    evening (after 18:00), a Saturday."""
    if not bands:
        return Counts()
    last = max(b.end for b in bands)
    return Counts(int(last > AFTERNOON_AFTER), int(last > EVENING_AFTER),
                  int(day.weekday() == SATURDAY))


_counts = day_counts


def open_weekdays(needs) -> list[int]:
    days = sorted({n.weekday for n in needs if n.weekday < 6})
    return days or [0, 1, 2, 3, 4]


def daily_share(member: StaffMember, n_open: int) -> int:
    return round(member.working_time.weekly_minutes / n_open)


def _durations(member: StaffMember, share: int) -> list[int]:
    out = {share, 360, MAX_CONTINUOUS}
    return sorted(d for d in out if 60 <= d <= MAX_CONTINUOUS)


def _templates(needs_pd: list[CoverageNeed], durations) -> list[tuple[int, int]]:
    """Bands anchored at the boundaries of one plesso's needs on a weekday."""
    lo = min(n.start for n in needs_pd)
    hi = max(n.end for n in needs_pd)
    cuts = sorted({n.start for n in needs_pd} | {n.end for n in needs_pd})
    out = set()
    for c in cuts:
        for d in durations:
            if c + d <= hi:
                out.add((c, c + d))
            if c - d >= lo:
                out.add((c - d, c))
    if not out:     # the plesso is open less than the shortest band: the whole opening
        out.add((lo, hi))
    return sorted(out)


def _mondays(days) -> list[date]:
    return sorted({d - timedelta(days=d.weekday()) for d in days})


def _names(context: ProposalContext, code: str) -> str:
    return context.plesso_names.get(code, code)


def _hours(minutes: int) -> str:
    return f"{minutes // 60} ore" if minutes % 60 == 0 else format_duration(minutes)


# --- the solver ------------------------------------------------------------------------

def propose(problem: RosterProblem, context: ProposalContext | None = None,
            weights: Weights | None = None, time_limit: float = 10.0, workers: int = 2,
            seed: int = 0, stop: Callable[[], bool] | None = None) -> Proposal:
    """The best roster the solver finds within ``time_limit`` seconds, verified by the
    domain checks; when a need cannot be covered, the blockers in words.

    The weeks are solved one after the other (every hard rule of the model is within a week
    or a day), each with the afternoons, evenings and Saturdays of the weeks before counted
    in its fairness and the week before as "last week"; each week first with everyone at the
    home plesso, then, if a need stays uncovered, with every plesso open to everyone.

    ``stop`` (asked a few times a second): when it answers True the search ends at once and
    the proposal is «interrotta» (not feasible: it cannot be accepted)."""
    context = context or ProposalContext()
    weights = weights or Weights()
    days = sorted(set(problem.days))
    mondays = _mondays(days)
    cells: list[ProposedCell] = []
    blockers: list[Blocker] = []
    notes: list[str] = []
    objective = bound = seconds = 0.0
    states = []
    history = dict(context.history)
    previous = dict(context.previous)
    import time as _time

    started = _time.monotonic()
    for i, monday in enumerate(mondays):
        if stop is not None and stop():
            states.append("interrotta")
            break
        week_days = tuple(d for d in days if monday <= d <= monday + timedelta(days=6))
        sub = replace(problem, days=week_days,
                      fixed=tuple(a for a in problem.fixed if a.day in week_days))
        ctx = replace(context, history=history, previous=previous)
        left = max(0.2, (time_limit - (_time.monotonic() - started)) / (len(mondays) - i))
        part = _propose_week(sub, ctx, weights, left, workers, seed, home_only=True,
                             stop=stop)
        if stop is not None and stop():
            states.append("interrotta")
            break
        if part.blockers or part.status == "nessuna soluzione":
            wider = _propose_week(sub, ctx, weights, left, workers, seed, home_only=False,
                                  stop=stop)
            if len(wider.blockers) <= len(part.blockers) and (
                    wider.status != "nessuna soluzione" or part.status == "nessuna soluzione"):
                wider = replace(wider, seconds=wider.seconds + part.seconds)
                part = wider
        cells += part.cells
        blockers += part.blockers
        notes += [n for n in part.notes if n not in notes]
        objective += part.objective
        bound += part.best_bound
        seconds += part.seconds
        states.append(part.status)
        history = {pid: c for pid, c in part.fairness.items()} | {
            pid: c for pid, c in history.items() if pid not in part.fairness}
        previous = dict(previous)
        for c in part.cells:
            if c.bands and not c.lavoro_agile:
                b = c.bands[0]
                previous[(c.person_id, c.day.weekday())] = (b.start, b.end, b.plesso)
            elif not c.reason:
                previous[(c.person_id, c.day.weekday())] = None
    if "interrotta" in states:
        notes.append("Proposta interrotta prima della fine: nulla da accettare.")
    for worst in ("interrotta", "nessuna soluzione", "impossibile", "ammissibile",
                  "ottimale"):
        if worst in states:
            status = worst
            break
    else:
        status = "ottimale"
    if status in ("nessuna soluzione", "interrotta"):
        cells = []
    fairness = {}
    for c in cells:
        fairness.setdefault(c.person_id, context.history.get(c.person_id, Counts()))
        if not c.lavoro_agile:
            fairness[c.person_id] = fairness[c.person_id].plus(_counts(c.day, c.bands))
    out = Proposal(tuple(cells), status, objective, bound, seconds, tuple(blockers), (),
                   tuple(notes), fairness)
    return _with_problems(out, problem, context) if cells else out


def _propose_week(problem: RosterProblem, context: ProposalContext, weights: Weights,
                  time_limit: float, workers: int, seed: int, home_only: bool,
                  stop: Callable[[], bool] | None = None) -> Proposal:
    from ortools.sat.python import cp_model

    days = sorted(set(problem.days))
    day_set = set(days)
    closed = set(problem.closed_days)
    needs = list(problem.needs)
    wanted = {n.profile for n in needs}
    scheduled = [m for m in problem.staff if None in wanted or m.profile in wanted]
    open_wd = open_weekdays(needs)
    n_open = len(open_wd)
    needs_by_wd: dict[int, list[CoverageNeed]] = defaultdict(list)
    for n in needs:
        needs_by_wd[n.weekday].append(n)
    notes: list[str] = []

    fixed: dict[tuple, list[TimeBand]] = defaultdict(list)
    for a in problem.fixed:
        b = a.band if a.band.plesso == a.plesso else TimeBand(
            a.band.start, a.band.end, a.band.kind, a.plesso, a.band.reason)
        fixed[(a.person_id, a.day)].append(b)
    fixed_cells: dict[tuple, WorkDay] = {}
    members = {m.person_id: m for m in problem.staff}
    for key, bands in fixed.items():
        m = members.get(key[0])
        who = m.name if m else str(key[0])
        try:
            wd = WorkDay(key[1], tuple(bands),
                         lavoro_agile=all(b.plesso is None for b in bands))
        except ValidationError as exc:
            notes.append(f"{who}, {WEEKDAYS_IT[key[1].weekday()]} {format_date(key[1])}: turni "
                         f"fissati contraddittori ({'; '.join(exc.errors.values())})")
            continue
        if m is not None:
            for pr in check_day(m, wd):
                notes.append(f"{who}: turno fissato non valido: {pr.message}")
        fixed_cells[key] = wd

    model = cp_model.CpModel()
    cell_vars: dict[tuple, list[tuple]] = {}      # (pid, day) -> [(var, plesso, start, end)]
    credits: dict[tuple, int] = {}
    reasons: dict[tuple, str] = {}
    objective = []
    tmpl_cache: dict[tuple, list[tuple[int, int]]] = {}
    for m in scheduled:
        pid = m.person_id
        share = daily_share(m, n_open)
        durations = _durations(m, share)
        for day in days:
            key = (pid, day)
            wd = day.weekday()
            if key in fixed_cells or key in context.fixed_rest:
                continue
            if key in context.off_contract:
                reasons[key] = "senza contratto"
                continue
            if day in closed:
                reasons[key] = "chiusura"
                if wd in open_wd:
                    credits[key] = share
                continue
            if key in context.absences:
                reasons[key] = context.absences[key]
                if wd in open_wd:
                    credits[key] = share
                continue
            options = []
            by_plesso: dict[str, list[CoverageNeed]] = defaultdict(list)
            for n in needs_by_wd.get(wd, ()):
                if _matches(n, m):
                    by_plesso[n.plesso].append(n)
            at_home = home_only and m.home_plesso in by_plesso
            for plesso, pn in sorted(by_plesso.items()):
                home = m.home_plesso in (None, plesso)
                if at_home and not home:
                    continue
                durs = tuple(durations) if home else (share if share >= 360 else 360,)
                ck = (plesso, wd, durs, tuple(pn))
                if ck not in tmpl_cache:
                    tmpl_cache[ck] = _templates(pn, durs)
                for s, e in tmpl_cache[ck]:
                    options.append((plesso, s, e))
            if key in context.agile_days and m.profile in LAVORO_AGILE_ROLES:
                for d in durations:
                    options.append((None, AGILE_START, AGILE_START + d))
            if not options:
                continue
            vs = []
            for plesso, s, e in options:
                v = model.NewBoolVar("")
                vs.append((v, plesso, s, e))
            model.AddAtMostOne(v for v, *_ in vs)
            cell_vars[key] = vs

    # weekly hours
    week_terms: dict[tuple, list] = {}
    for m in scheduled:
        pid = m.person_id
        owed = m.working_time.weekly_minutes
        for monday in _mondays(days):
            week = [monday + timedelta(days=i) for i in range(7)]
            const = 0
            terms = []
            for d in week:
                key = (pid, d)
                if key in fixed_cells:
                    const += fixed_cells[key].ordinary
                const += credits.get(key, 0)
                for v, _p, s, e in cell_vars.get(key, ()):
                    terms.append((e - s, v))
            whole = (all(d in day_set for d in week) or (pid, monday) in context.outside) \
                and not any((pid, d) in context.off_contract for d in week)
            const += context.outside.get((pid, monday), 0)
            total = sum(c * v for c, v in terms) + const
            week_terms[(pid, monday)] = (terms, const, whole)
            if not terms:
                continue
            if whole and (pid, monday) in context.pluri_weeks:
                model.Add(total >= owed)
                model.Add(total <= PLURI_MAX_WEEK)
            elif whole and (pid, monday) in context.outside:
                # the days outside the period may leave minutes no band adds up to: as close
                # to the contract as the bands allow, and the checks say what is missing
                model.Add(total <= owed)
                short = model.NewIntVar(0, owed, "")
                model.Add(short >= owed - total)
                objective.append(OUTSIDE_SHORT_COST * short)
            elif whole:
                model.Add(total == owed)
            else:
                inside = sum(1 for d in week if d in day_set and d.weekday() in open_wd
                             and (pid, d) not in context.off_contract)
                target = min(owed, share_target(owed, inside, n_open))
                model.Add(total <= owed)
                if weights.partial_week and target > const:
                    short = model.NewIntVar(0, target, "")
                    model.Add(short >= target - total)
                    objective.append(weights.partial_week * short * 1)
    # coverage, with slack
    slacks = []        # (var, need, day, a, b)
    for day in days:
        if day in closed:
            continue
        wd = day.weekday()
        for need in needs_by_wd.get(wd, ()):
            cover_vars = []
            cover_fixed = []
            for m in scheduled:
                if not _matches(need, m):
                    continue
                key = (m.person_id, day)
                for v, p, s, e in cell_vars.get(key, ()):
                    if p == need.plesso and s < need.end and e > need.start:
                        cover_vars.append((v, s, e))
                if key in fixed_cells and not fixed_cells[key].lavoro_agile:
                    for b in fixed_cells[key].bands:
                        if (b.plesso or m.home_plesso) == need.plesso:
                            cover_fixed.append((b.start, b.end))
            for m in problem.staff:      # fixed cells of people the solver does not move
                if m in scheduled or not _matches(need, m):
                    continue
                wdk = fixed_cells.get((m.person_id, day))
                if wdk and not wdk.lavoro_agile:
                    cover_fixed += [(b.start, b.end) for b in wdk.bands
                                    if (b.plesso or m.home_plesso) == need.plesso]
            points = {need.start, need.end}
            for _v, s, e in cover_vars:
                points.update((max(s, need.start), min(e, need.end)))
            for s, e in cover_fixed:
                if s < need.end and e > need.start:
                    points.update((max(s, need.start), min(e, need.end)))
            cuts = sorted(points)
            for a, b in zip(cuts, cuts[1:]):
                have = sum(1 for s, e in cover_fixed if s <= a and e >= b)
                missing = need.staff - have
                if missing <= 0:
                    continue
                vs = [v for v, s, e in cover_vars if s <= a and e >= b]
                slack = model.NewIntVar(0, missing, "")
                model.Add(sum(vs) + slack >= missing)
                slacks.append((slack, need, day, a, b))
                objective.append(SLACK_COST * (b - a) * slack)

    # fairness: spread of afternoons, evenings, Saturdays per (profile, hours)
    groups: dict[tuple, list[StaffMember]] = defaultdict(list)
    for m in scheduled:
        groups[(m.profile, m.working_time.weekly_minutes)].append(m)
    fixed_counts: dict = {}
    for m in scheduled:
        c = context.history.get(m.person_id, Counts())
        for d in days:
            wdk = fixed_cells.get((m.person_id, d))
            if wdk is not None:
                c = c.plus(_counts(d, wdk.bands))
        fixed_counts[m.person_id] = c
    for attr, weight, test in (
            ("afternoons", weights.afternoons, lambda d, s, e: e > AFTERNOON_AFTER),
            ("evenings", weights.evenings, lambda d, s, e: e > EVENING_AFTER),
            ("saturdays", weights.saturdays, lambda d, s, e: d.weekday() == SATURDAY)):
        if not weight:
            continue
        for group in groups.values():
            if len(group) < 2:
                continue
            totals = []
            for m in group:
                terms = [v for d in days for v, p, s, e in cell_vars.get((m.person_id, d), ())
                         if p is not None and test(d, s, e)]
                base = getattr(fixed_counts[m.person_id], attr)
                if not terms and not base:
                    totals.append(base)
                    continue
                totals.append(sum(terms) + base)
            hi = model.NewIntVar(0, 10_000, "")
            lo = model.NewIntVar(0, 10_000, "")
            for t in totals:
                model.Add(hi >= t)
                model.Add(lo <= t)
            objective.append(weight * (hi - lo))

    # continuity, preferences, changes from last week
    prefs: dict[tuple, list] = defaultdict(list)
    for p in problem.preferences:
        prefs[(p.person_id, p.weekday)].append(p)
    for (pid, day), vs in cell_vars.items():
        m = members[pid]
        prev_known = (pid, day.weekday()) in context.previous
        prev = context.previous.get((pid, day.weekday()))
        for v, p, s, e in vs:
            cost = 0
            if m.home_plesso and p is not None and p != m.home_plesso:
                cost += weights.other_plesso
            for pref in prefs.get((pid, day.weekday()), ()):
                if pref.kind == "riposo" or pref.kind != _kind(e):
                    cost += weights.preferences * pref.weight
            if prev_known and weights.changes and (prev is None or tuple(prev) != (s, e, p)):
                cost += weights.changes
            if cost:
                objective.append(cost * v)
    model.Minimize(sum(objective))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = _solve(solver, model, stop)
    seconds = solver.WallTime()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        notes.extend(_hours_blockers(problem, scheduled, context, cell_vars, fixed_cells,
                                     credits, days, day_set, open_wd, n_open))
        if status == cp_model.UNKNOWN:
            notes.append(f"Nessuna proposta trovata entro {time_limit:g} secondi: riprovare "
                         "con più tempo o con meno celle fissate.")
        return Proposal((), "nessuna soluzione", 0.0, 0.0, seconds, (), (), tuple(notes))

    cells: list[ProposedCell] = []
    chosen: dict[tuple, tuple] = {}
    for m in scheduled:
        pid = m.person_id
        for day in days:
            key = (pid, day)
            if key in fixed_cells:
                wdk = fixed_cells[key]
                cells.append(ProposedCell(pid, day, wdk.bands, wdk.lavoro_agile, True))
                continue
            if key in context.fixed_rest:
                cells.append(ProposedCell(pid, day, (), False, True))
                continue
            pick = next(((p, s, e) for v, p, s, e in cell_vars.get(key, ())
                         if solver.Value(v)), None)
            if pick is None:
                cells.append(ProposedCell(pid, day, (), False, False, credits.get(key, 0),
                                          reasons.get(key, "")))
                continue
            p, s, e = pick
            chosen[key] = pick
            reason = ""
            if e > 20 * 60 and p is not None:
                reason = f"Apertura del plesso {_names(context, p)} fino alle {format_time(e)}"
            band = TimeBand(s, e, "servizio" if p is None else _kind(e), p, reason)
            cells.append(ProposedCell(pid, day, (band,), p is None, False))
    uncovered = [(need, day, a, b, solver.Value(v)) for v, need, day, a, b in slacks
                 if solver.Value(v) > 0]
    blockers = explain(problem, context, cells, uncovered, week_terms, solver, scheduled)
    fairness = {m.person_id: fixed_counts[m.person_id].plus(
        _sum_counts(c for c in cells if c.person_id == m.person_id and not c.fixed))
        for m in scheduled}
    state = ("impossibile" if blockers else
             "ottimale" if status == cp_model.OPTIMAL else "ammissibile")
    return Proposal(tuple(cells), state, solver.ObjectiveValue(), solver.BestObjectiveBound(),
                    seconds, tuple(blockers), (), tuple(notes), fairness)


def _solve(solver, model, stop: Callable[[], bool] | None):
    """``solver.Solve(model)``, stopped from a watching thread as soon as ``stop()``."""
    if stop is None:
        return solver.Solve(model)
    over = threading.Event()

    def watch() -> None:
        while not over.wait(0.05):
            if stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, name="proposta-stop", daemon=True)
    watcher.start()
    try:
        return solver.Solve(model)
    finally:
        over.set()
        watcher.join()


def share_target(owed: int, inside: int, n_open: int) -> int:
    return round(owed * inside / n_open)


def _sum_counts(cells) -> Counts:
    c = Counts()
    for cell in cells:
        if not cell.lavoro_agile:
            c = c.plus(_counts(cell.day, cell.bands))
    return c


# --- verification by the domain rules --------------------------------------------------

def proposal_weeks(proposal: Proposal, problem: RosterProblem,
                   context: ProposalContext | None = None) -> dict:
    """The proposal as the dated weeks the checks read (a week not whole in the period, or
    with days outside the contract, is partial)."""
    context = context or ProposalContext()
    day_set = set(problem.days)
    by_person: dict = defaultdict(lambda: defaultdict(list))
    for c in proposal.cells:
        by_person[c.person_id][c.day - timedelta(days=c.day.weekday())].append(c)
    out = {}
    for pid, weeks in by_person.items():
        rows = []
        for monday, cells in sorted(weeks.items()):
            week = [monday + timedelta(days=i) for i in range(7)]
            whole = (all(d in day_set for d in week) or (pid, monday) in context.outside) \
                and not any((pid, d) in context.off_contract for d in week)
            days = tuple(WorkDay(c.day, c.bands, lavoro_agile=c.lavoro_agile, credited=c.credited)
                         for c in cells if c.bands or c.credited)
            before = context.outside.get((pid, monday), 0)
            if before:      # the days outside the period, as the minutes they count
                free = next(d for d in week if d not in day_set)
                days += (WorkDay(free, (), credited=before),)
            rows.append(PersonWeek(pid, monday, days,
                                   plurisettimanale=(pid, monday) in context.pluri_weeks,
                                   partial=not whole))
        out[pid] = rows
    return out


def verify(proposal: Proposal, problem: RosterProblem,
           context: ProposalContext | None = None) -> list[Problem]:
    """Every schedule rule (day, week, plurisettimanale) and the coverage of the plessi, on the
    proposal, by the domain checks."""
    from ..dates import SchoolYear

    weeks = proposal_weeks(proposal, problem, context)
    out: list[Problem] = []
    if not problem.days:
        return out
    year = SchoolYear.of(min(problem.days))
    members = {m.person_id: m for m in problem.staff}
    for pid, rows in weeks.items():
        out.extend(check_person_year(members[pid], rows, year))
    wanted = {n.profile for n in problem.needs}
    staff = list(problem.staff)
    moved = {c.person_id for c in proposal.cells}
    # people the solver does not move keep their fixed cells
    extra = [a for a in problem.fixed if a.person_id not in moved]
    if None in wanted or wanted:
        out.extend(check_coverage(problem.needs, proposal.assignments + extra, staff,
                                  problem.days, problem.closed_days))
    return out


def _with_problems(p: Proposal, problem: RosterProblem, context) -> Proposal:
    return replace(p, problems=tuple(verify(p, problem, context)))


# --- infeasibility in words ------------------------------------------------------------

def _who(profile: str | None, n: int) -> str:
    if profile is None:
        return "persona" if n == 1 else "persone"
    return ROLES[profile].split()[0].lower() if n == 1 else PLURALS.get(profile, "persone")


def explain(problem: RosterProblem, context: ProposalContext, cells, uncovered, week_terms,
            solver, scheduled) -> list[Blocker]:
    """For each uncovered band (adjacent spans of one need and day merged), who of the
    profile is not there and why, and what would unblock it."""
    if not uncovered:
        return []
    by_cell = {(c.person_id, c.day): c for c in cells}
    merged: list[list] = []
    for need, day, a, b, missing in sorted(uncovered, key=lambda u: (
            u[0].plesso, u[1], u[0].start, u[2])):
        last = merged[-1] if merged else None
        if last and last[0] is need and last[1] == day and last[3] == a:
            last[3] = b
            last[4] = max(last[4], missing)
        else:
            merged.append([need, day, a, b, missing])
    week_total: dict = defaultdict(int, context.outside)
    for c in cells:
        week_total[(c.person_id, c.day - timedelta(days=c.day.weekday()))] += sum(
            x.minutes for x in c.bands if not x.is_overtime) + c.credited
    out = []
    for need, day, a, b, missing in merged:
        monday = day - timedelta(days=day.weekday())
        why, suggest = [], []
        for m in scheduled:
            if not _matches(need, m):
                continue
            c = by_cell.get((m.person_id, day))
            if c is not None and any(x.plesso == need.plesso and x.start <= a and x.end >= b
                                     for x in c.bands):
                continue            # present
            total = week_total[(m.person_id, monday)]
            if c is None:
                why.append(f"{m.name} senza turno")
                continue
            if c.reason:
                why.append(f"{m.name} {c.reason if c.reason != 'chiusura' else 'in chiusura'}")
                continue
            if c.fixed:
                what = "; ".join(x.label for x in c.bands) or "riposo"
                why.append(f"{m.name} con turno fissato ({what})")
                continue
            if c.bands:
                where = c.plesso
                text = f"{m.name} già in servizio {'; '.join(x.label for x in c.bands)}"
                if c.lavoro_agile:
                    text += " in lavoro agile"
                elif where and where != need.plesso:
                    text += f" al plesso «{_names(context, where)}»"
                why.append(text)
            else:
                why.append(f"{m.name} già a {_hours(total)}")
            extra = TimeBand(a, b, "straordinario", need.plesso)
            try:
                trial = WorkDay(day, c.bands + (extra,))
            except ValidationError:
                continue
            if not check_day(m, trial) and trial.worked <= MAX_DAY:
                suggest.append(f"ore eccedenti di {m.name} ({format_time(a)}–{format_time(b)}, "
                               f"{format_duration(b - a)})")
                if (not c.bands and total + (b - a) <= PLURI_MAX_WEEK
                        and (m.person_id, monday) not in context.pluri_weeks):
                    suggest.append(f"una settimana di orario plurisettimanale per {m.name} "
                                   f"(fino a 42 ore, da recuperare)")
        available = need.staff - missing
        shown = why[:8] + ([f"altri {len(why) - 8} non disponibili"] if len(why) > 8 else [])
        serve = "serve" if need.staff == 1 else "servono"
        msg = (f"Plesso «{_names(context, need.plesso)}», {WEEKDAYS_IT[day.weekday()]} "
               f"{format_date(day)} {format_time(a)}–{format_time(b)}: {serve} {need.staff} "
               f"{_who(need.profile, need.staff)}, disponibili {available}"
               + (f": {', '.join(shown)}" if shown else ": nessuno del profilo in servizio"))
        if suggest:
            msg += ". Per coprirlo: " + "; oppure ".join(suggest[:3])
        else:
            msg += (". Nessuno può coprirlo entro le regole: serve una supplenza o un orario "
                    "di apertura diverso")
        out.append(Blocker(need.plesso, day, a, b, need.staff, available, tuple(why),
                           tuple(suggest), msg))
    return out


def _hours_blockers(problem, scheduled, context, cell_vars, fixed_cells, credits, days,
                    day_set, open_wd, n_open) -> list[str]:
    """When no roster exists at all: the people whose week cannot add up to the contract
    with the bands they may work (fixed cells already above the hours, too few free days)."""
    from ortools.sat.python import cp_model

    out = []
    for m in scheduled:
        owed = m.working_time.weekly_minutes
        for monday in _mondays(days):
            week = [monday + timedelta(days=i) for i in range(7)]
            if not all(d in day_set for d in week) and (m.person_id, monday) not in \
                    context.outside:
                continue
            model = cp_model.CpModel()
            const = context.outside.get((m.person_id, monday), 0) + sum(
                fixed_cells[(m.person_id, d)].ordinary for d in week
                if (m.person_id, d) in fixed_cells)
            const += sum(credits.get((m.person_id, d), 0) for d in week)
            terms = []
            for d in week:
                opts = {(s, e) for _v, _p, s, e in cell_vars.get((m.person_id, d), ())}
                if opts:
                    vs = [(model.NewBoolVar(""), e - s) for s, e in opts]
                    model.AddAtMostOne(v for v, _ in vs)
                    terms += vs
            if not terms:
                if const != owed and (m.person_id, monday) not in context.pluri_weeks:
                    out.append(f"{m.name}, settimana dal {format_date(monday)}: "
                               f"{format_duration(const)} tra turni fissati e assenze contro "
                               f"le {format_duration(owed)} del contratto, e nessun giorno "
                               "libero per pareggiarle")
                continue
            total = sum(d * v for v, d in terms) + const
            if (m.person_id, monday) in context.pluri_weeks:
                model.Add(total >= owed)
                model.Add(total <= PLURI_MAX_WEEK)
            else:
                model.Add(total == owed)
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = 1.0
            if solver.Solve(model) == cp_model.INFEASIBLE:
                out.append(f"{m.name}, settimana dal {format_date(monday)}: le "
                           f"{format_duration(owed)} del contratto non si compongono con i "
                           f"turni possibili ({format_duration(const)} già fissate o "
                           "riconosciute): liberare o correggere una cella fissata")
    return out
