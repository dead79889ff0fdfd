"""Proposta dei turni (issue 18): read what the roster must respect, ask the solver of
``domain.staff.proposal``, show the answer; nothing is written until the DSGA accepts it, and
then through the roster's own recording of a day set by hand (audited, one transaction).

Where each input lives: the coverage needs are the plessi's opening hours (``StaffOpening``,
the Piano delle attività); the hours owed are the contracts' part-time share and the art. 55
grants (``queries.staff_roster.working_times``); the cells the DSGA fixed are the roster days
set by hand; the closures and holidays are the school calendar; the approved absences are the
recorded ``StaffAbsence`` rows (days, not hours); lavoro agile days are the individual
agreements; the weeks of orario plurisettimanale are the patterns marked so; the afternoons,
evenings and Saturdays so far and last week come from the roster of the school year before
``start``."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from ...areas.staff import PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import read_session, unit_of_work
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import ValidationError
from ...domain.staff.band_text import format_bands
from ...domain.staff.contract import WorkingTime
from ...domain.staff.coverage import Assignment, RosterProblem
from ...domain.staff.profiles import ATA_ROLES
from ...domain.staff.proposal import (
    Counts,
    Proposal,
    ProposalContext,
    ProposedCell,
    Weights,
    _counts,
    propose,
)
from ...domain.staff.week import StaffMember
from ...models.school import Site
from ...models.staff import Employee
from .roster import DayInput, _record_day

MAX_DAYS = 62


@dataclass(frozen=True)
class RosterProposal:
    """The proposal for ``start``-``end`` with the names to show it (nothing is written)."""

    start: date
    end: date
    proposal: Proposal
    names: dict[int, str] = field(default_factory=dict)
    homes: dict[int, str | None] = field(default_factory=dict)
    plessi: dict[str, str] = field(default_factory=dict)
    # the cells accepting would write (unlike the roster now), and what the roster says there
    changed: frozenset = frozenset()
    before: dict = field(default_factory=dict)
    fixed: tuple[ProposedCell, ...] = ()        # the cells fixed in the request

    def changed_in(self, plesso: str) -> int:
        """How many of the changed cells accepting ``plesso`` alone would write."""
        return sum(1 for c in self.proposal.cells if (c.person_id, c.day) in self.changed
                   and cell_plesso(c, self.homes) == plesso)

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(b.message for b in self.proposal.blockers) + self.proposal.notes


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _period(start: date, end: date) -> tuple[SchoolYear, date]:
    if end < start:
        raise ValidationError({"end": f"Il periodo termina il {format_date(end)}, prima di "
                                      f"iniziare il {format_date(start)}."})
    year = SchoolYear.of(start)
    if end > year.end:
        raise ValidationError({"end": (
            f"Il periodo deve restare nell'anno scolastico {year.label} (fino al "
            f"{format_date(year.end)}).")})
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError({"end": f"Proporre i turni per al massimo {MAX_DAYS} giorni "
                                      "alla volta (un mese o poco più)."})
    return year, end


def cell_plesso(cell: ProposedCell, homes) -> str | None:
    """The plesso a proposed cell belongs to: where it is worked, else the home plesso."""
    if cell.bands and not cell.lavoro_agile:
        return cell.plesso or homes.get(cell.person_id)
    return homes.get(cell.person_id)


def _shape(bands, lavoro_agile: bool, home: str | None) -> tuple:
    """A cell as compared: a band's plesso left empty is the home plesso."""
    return (bool(lavoro_agile) and bool(bands),
            tuple((b.start, b.end, None if lavoro_agile else (b.plesso or home))
                  for b in bands))


def read_problem(s, start: date, end: date, extra_fixed: Sequence[ProposedCell] = ()
                 ) -> tuple[RosterProblem, ProposalContext, dict, dict, list[str]]:
    """The solver's input from the archive, with the names and the notes of people left out.
    ``extra_fixed``: cells the DSGA fixed in the request (not yet written), over the days set
    by hand of the archive."""
    from ...models.staff_leave import AbsenceCause, StaffAbsence
    from ...queries.staff_agile import agreements_in_force
    from ...queries.staff_roster import (
        _calendar,
        _covered,
        contract_periods,
        effective_days,
        opening_needs,
        working_times,
    )

    year, end = _period(start, end)
    sites = {sid: (code, name) for sid, code, name in s.execute(
        select(Site.id, Site.code, Site.name))}
    people = s.execute(select(Employee.id, Employee.surname, Employee.name, Employee.role,
                              Employee.site_id)
                       .where(Employee.active.is_(True), Employee.role.in_(ATA_ROLES))
                       .order_by(Employee.surname, Employee.name, Employee.id)).all()
    ids = [p.id for p in people]
    needs = opening_needs(s, year.start.year)
    if not needs:
        raise ValidationError({"start": (
            f"Nessun orario di apertura dei plessi per l'anno scolastico {year.label}: "
            "registrarlo (Piano delle attività) prima di proporre i turni.")})
    times = working_times(s, ids, start)
    periods = contract_periods(s, ids)
    days = _days(start, end)
    notes = []
    staff = []
    names, homes = {}, {}
    off_contract = set()
    for p in people:
        name = f"{p.surname} {p.name}"
        spans = periods.get(p.id, [])
        inside = [d for d in days if not spans or any(
            a <= d and (b is None or d <= b) for a, b in spans)]
        if not inside:
            notes.append(f"{name}: nessun contratto dal {format_date(start)} al "
                         f"{format_date(end)}, esclusa dalla proposta")
            continue
        off_contract |= {(p.id, d) for d in days if d not in inside}
        home = sites.get(p.site_id, (None, ""))[0]
        staff.append(StaffMember(p.id, name, p.role, times.get(p.id, WorkingTime()), home))
        names[p.id], homes[p.id] = name, home
    ids = [m.person_id for m in staff]
    holidays, closed = _calendar(s, start, end)
    # the roster of the year so far: fairness and last week; the days set by hand: fixed
    first = max(year.start, start - timedelta(days=7 + start.weekday()))
    history_start = year.start
    week_end = min(year.end, end + timedelta(days=6 - end.weekday()))
    cells = effective_days(s, ids, history_start, week_end) if ids else {}
    # the days of the first and last week outside the period count toward their weeks
    outside: dict = {}
    first_monday = start - timedelta(days=start.weekday())
    edges = (_days(first_monday, start - timedelta(days=1))
             + _days(end + timedelta(days=1), end + timedelta(days=6 - end.weekday())))
    if first_monday >= year.start and week_end == end + timedelta(days=6 - end.weekday()):
        for pid in ids:
            spans = periods.get(pid, [])
            if spans and not all(any(a <= d and (b is None or d <= b) for a, b in spans)
                                 for d in edges):
                continue        # hired or leaving in those days: the week stays partial
            for d in edges:
                monday = d - timedelta(days=d.weekday())
                c = cells.get((pid, d))
                minutes = (sum(b.minutes for b in c.bands if not b.is_overtime) + c.credited
                           if c else 0)
                outside[(pid, monday)] = outside.get((pid, monday), 0) + minutes
    history: dict[int, Counts] = {}
    previous: dict = {}
    fixed, fixed_rest = [], set()
    last_monday = start - timedelta(days=start.weekday() + 7)
    for (pid, d), c in cells.items():
        if d < start:
            if not c.lavoro_agile and c.bands:
                history[pid] = history.get(pid, Counts()).plus(_counts(d, c.bands))
            if last_monday <= d < last_monday + timedelta(days=7) and d >= first:
                b = c.bands[0] if c.bands and not c.lavoro_agile else None
                previous[(pid, d.weekday())] = (b.start, b.end, b.plesso or homes[pid]) \
                    if b else None
        elif d > end:
            continue
        elif c.hand_set:
            if not c.bands:
                fixed_rest.add((pid, d))
            for b in c.bands:
                plesso = None if c.lavoro_agile else (b.plesso or homes[pid])
                fixed.append(Assignment(pid, d, b, plesso, True))
    asked = {(c.person_id, c.day): c for c in extra_fixed
             if c.person_id in homes and start <= c.day <= end}
    if asked:
        fixed = [a for a in fixed if (a.person_id, a.day) not in asked]
        fixed_rest -= set(asked)
        for (pid, d), c in asked.items():
            if not c.bands:
                fixed_rest.add((pid, d))
            for b in c.bands:
                plesso = None if c.lavoro_agile else (b.plesso or homes[pid])
                fixed.append(Assignment(pid, d, b, plesso, True))
    causes = {cid: (code, name, conf) for cid, code, name, conf in s.execute(
        select(AbsenceCause.id, AbsenceCause.code, AbsenceCause.name,
               AbsenceCause.confidential))}
    absences = {}
    if ids:
        for a in s.execute(select(StaffAbsence).where(
                StaffAbsence.employee_id.in_(ids), StaffAbsence.annulled_on.is_(None),
                StaffAbsence.minutes.is_(None), StaffAbsence.starts_on <= end,
                StaffAbsence.ends_on >= start)).scalars():
            code, cname, confidential = causes.get(a.cause_id, ("", "", True))
            text = ("in ferie" if code.startswith("ferie") else
                    "assente" if confidential else f"assente ({cname.lower()})")
            for d in days:
                if a.starts_on <= d <= a.ends_on:
                    absences[(a.employee_id, d)] = text
    agile = set()
    for agreement in agreements_in_force(s, ids, start, end):
        for d in days:
            if agreement.covers(d):
                agile.add((agreement.person_id, d))
    pluri = set()
    for pid, spans in _covered(s, ids).items():
        for monday in {d - timedelta(days=d.weekday()) for d in days}:
            if any(pl and a <= monday + timedelta(days=6) and b >= monday
                   for a, b, pl in spans):
                pluri.add((pid, monday))
    plessi = {code: name for code, name in sites.values()}
    problem = RosterProblem(tuple(staff), tuple(needs), tuple(days), (), tuple(fixed),
                            frozenset(holidays) | frozenset(closed))
    context = ProposalContext(
        absences=absences, off_contract=frozenset(off_contract), agile_days=frozenset(agile),
        pluri_weeks=frozenset(pluri), history=history, previous=previous,
        fixed_rest=frozenset(fixed_rest), plesso_names=plessi, outside=outside)
    current = {k: c for k, c in cells.items() if start <= k[1] <= end}
    return problem, context, names, homes, notes, current


def _changes(proposal: Proposal, current, homes) -> tuple[frozenset, dict]:
    """The cells accepting would write, with the roster's text there now."""
    changed, before = set(), {}
    for c in proposal.cells:
        if c.reason or c.credited:
            continue
        now = current.get((c.person_id, c.day))
        home = homes.get(c.person_id)
        was = _shape(now.bands, now.lavoro_agile, home) if now else (False, ())
        if was != _shape(c.bands, c.lavoro_agile, home):
            changed.add((c.person_id, c.day))
            before[(c.person_id, c.day)] = (now.text if now else "") or "libero"
    return frozenset(changed), before


@requires(PREPARE)
def propose_roster(db: Database, start: date, end: date, weights: Weights | None = None,
                   time_limit: float = 10.0, *, fixed: Sequence[ProposedCell] = (),
                   stop: Callable[[], bool] | None = None) -> RosterProposal:
    """A proposed roster from ``start`` to ``end`` (within a school year, at most two months),
    verified by the schedule checks; when a plesso cannot be covered, why, in words.

    ``fixed``: cells the DSGA set in the request («Fissa e ricalcola»), kept as they are like
    the days set by hand; ``stop``: asked while solving, True ends the search (the proposal is
    then «interrotta» and cannot be accepted)."""
    with read_session(db) as s:
        problem, context, names, homes, notes, current = read_problem(s, start, end, fixed)
    proposal = propose(problem, context, weights, time_limit=time_limit, stop=stop)
    if notes:
        from dataclasses import replace

        proposal = replace(proposal, notes=tuple(notes) + proposal.notes)
    changed, before = _changes(proposal, current, homes)
    return RosterProposal(start, end, proposal, names, homes, dict(context.plesso_names),
                          changed, before, tuple(fixed))


def _same(current, cell, home: str | None) -> bool:
    if current is None:
        return not cell.bands
    return (_shape(current.bands, current.lavoro_agile, home)
            == _shape(cell.bands, cell.lavoro_agile, home))


@requires(PREPARE)
def accept_proposal(db: Database, proposal: RosterProposal,
                    plessi: Iterable[str] | None = None) -> int:
    """Write the accepted cells of the proposal (all, or those of ``plessi``: the cells worked
    there and the days off of their home staff) as days set by hand, in one transaction.
    The days set by hand, absences and closures are left as they are (the cells fixed in the
    request are written like the others); a cell already as proposed is not written again.
    Returns the cells written."""
    from ...queries.staff_roster import effective_days

    p = proposal.proposal
    if not p.feasible:
        raise ValidationError({"proposal": (
            "La proposta non copre tutti i plessi: "
            + "; ".join(proposal.messages[:3]) + ". Correggere e proporre di nuovo.")})
    chosen = None if plessi is None else set(plessi)
    todo = []
    for c in p.cells:
        if c.reason or c.credited:
            continue
        if chosen is not None and cell_plesso(c, proposal.homes) not in chosen:
            continue
        todo.append(c)
    if not todo:
        return 0
    written = 0
    with unit_of_work(db, reason="Proposta dei turni accettata") as s:
        people = {e.id: e for e in lock_rows(s, Employee, {c.person_id for c in todo})}
        current = effective_days(s, list(people), proposal.start, proposal.end)
        for c in todo:
            person = people.get(c.person_id)
            if person is None:
                raise ValidationError({"employee_id": "Dipendente inesistente."})
            if _same(current.get((c.person_id, c.day)), c, proposal.homes.get(c.person_id)):
                continue
            kind = c.bands[0].kind if c.bands else "servizio"
            note = next((b.reason for b in c.bands if b.reason), "")
            data = DayInput(bands=format_bands(c.bands), plesso=c.plesso,
                            lavoro_agile=c.lavoro_agile, kind=kind, note=note)
            _record_day(s, person, c.day, data, None if c.lavoro_agile else c.plesso)
            written += 1
        s.commit()
    return written
