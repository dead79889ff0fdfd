"""Absences and leave balances as the scheda, the statement and the prints read them.

A balance is the SUM of its ledger rows (models/staff_leave.py), read here and nowhere stored.
The statement lists every row of a person's accounts in a school year with the arithmetic it
was written with (the allocation's twelfths, the days of a use × 1,20 on a five-day week) and
the running balance, so a clerk re-adds it by hand.

The cause of a confidential absence (health-related: malattia, L. 104, visite, the Covid
causes) is shown only to who holds staff.health (the DSGA and the dirigente); everyone else
reads «Assenza» and the dates.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from sqlalchemy import func, select

from ..areas.staff import HEALTH, READ
from ..db.access import current_principal, requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.access import allowed
from ..domain.dates import SchoolYear, format_date
from ..domain.errors import ValidationError
from ..domain.staff import leave as rules
from ..domain.staff.profiles import role_label
from ..domain.staff.registry import FULL_TIME_BP, effective_end
from ..models.school import CalendarDay
from ..models.staff import Employee, StaffContract
from ..models.staff_leave import (
    AbsenceCause,
    StaffAbsence,
    StaffAbsenceRequest,
    StaffLeaveEntry,
)
from ..models.staff_roster import StaffPattern, StaffPatternBand
from .staff_cover import verdict_in, verdict_text
from .staff_roster import HOLIDAY_KINDS, effective_days

HIDDEN_CAUSE = "Assenza"


# --- causes --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cause:
    code: str
    name: str
    unit: str
    paid_percent: int
    pay_rule: str
    counts_towards: str
    allowance: int | None
    period: str
    counting: str
    half_day_max: bool
    profiles: str
    document: str
    confidential: bool
    source: str
    confidence: str
    edited: bool
    active: bool

    @property
    def is_default_u(self) -> bool:
        """A rule domain.md leaves unconfirmed, still as shipped: shown «predefinita [U]»."""
        return self.confidence == "U" and not self.edited

    @property
    def allowance_text(self) -> str:
        if self.allowance is None:
            return "–"
        return (f"{rules.format_amount(self.allowance, self.unit)} "
                f"{rules.PERIODS.get(self.period, '').lower()}").strip()

    def allows(self, role: str) -> bool:
        profiles = [p.strip() for p in self.profiles.split(",") if p.strip()]
        return role in (profiles or rules.ATA.split(","))


def _cause(row: AbsenceCause | rules.CauseRule, edited=False, active=True) -> Cause:
    return Cause(row.code, row.name, row.unit, row.paid_percent, row.pay_rule,
                 row.counts_towards, row.allowance, row.period, row.counting,
                 row.half_day_max, row.profiles, row.document, row.confidential, row.source,
                 row.confidence, getattr(row, "edited", edited), getattr(row, "active", active))


def causes_in(s) -> dict[str, Cause]:
    """The causes stored, else the shipped defaults (an archive where none was written yet)."""
    rows = list(s.execute(select(AbsenceCause).order_by(AbsenceCause.id)).scalars())
    if not rows:
        return {c.code: _cause(c) for c in rules.DEFAULT_CAUSES}
    return {r.code: _cause(r) for r in rows}


@requires(READ)
def absence_causes(db: Database) -> list[Cause]:
    with read_session(db) as s:
        return list(causes_in(s).values())


# --- what the ledger is computed from ------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    """The week of a person on a day: working weekdays, minutes of each, part-time."""

    weekdays: tuple[int, ...]
    minutes: dict[int, int]
    part_time: bool
    recorded: bool                      # False: no pattern, six days assumed [U]

    @property
    def five_day(self) -> bool:
        return rules.is_five_day(len(self.weekdays), self.part_time)

    @property
    def share(self) -> Fraction:
        return rules.day_share(len(self.weekdays), self.part_time)


def _contracts(s, pid: int, year: SchoolYear) -> list[tuple[date, date, int]]:
    out = []
    for c in s.execute(select(StaffContract).where(
            StaffContract.employee_id == pid, StaffContract.annulled_on.is_(None),
            StaffContract.starts_on <= year.end)).scalars():
        end = effective_end(c.ends_on, c.closed_on) or year.end
        if end >= year.start:
            out.append((max(c.starts_on, year.start), min(end, year.end), c.part_time_bp))
    return sorted(out)


def _patterns(s, pid: int, start: date, end: date) -> list[tuple[date, date, dict[int, int]]]:
    rows = s.execute(select(StaffPattern.id, StaffPattern.valid_from, StaffPattern.valid_to)
                     .where(StaffPattern.employee_id == pid, StaffPattern.annulled_on.is_(None),
                            StaffPattern.valid_from <= end, StaffPattern.valid_to >= start)
                     .order_by(StaffPattern.valid_from)).all()
    minutes: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    if rows:
        for p_id, wd, b_start, b_end, kind in s.execute(
                select(StaffPatternBand.pattern_id, StaffPatternBand.weekday,
                       StaffPatternBand.start, StaffPatternBand.end, StaffPatternBand.kind)
                .where(StaffPatternBand.pattern_id.in_([r.id for r in rows]))):
            if kind != "straordinario":
                minutes[p_id][wd] += b_end - b_start
    return [(r.valid_from, r.valid_to, dict(minutes[r.id])) for r in rows]


def shape_on(s, pid: int, day: date) -> Shape:
    part_time = any(a <= day <= b and bp < FULL_TIME_BP
                    for a, b, bp in _contracts(s, pid, SchoolYear.of(day)))
    for _start, _end, mins in _patterns(s, pid, day, day):
        days = tuple(sorted(wd for wd, m in mins.items() if m > 0))
        return Shape(days, mins, part_time, True)
    per_day = 360 if not part_time else 0
    return Shape(tuple(range(6)), {wd: per_day for wd in range(6)}, part_time, False)


def service_periods(s, pid: int, year: SchoolYear) -> tuple[list[rules.ServicePeriod], bool]:
    """The contract periods of the year with the share of days of the pattern in force over
    each part (no pattern: the whole share, as a horizontal week [U]). Second value: whether
    the person's ferie are counted on a five-day week (the pattern at the start of service)."""
    periods: list[rules.ServicePeriod] = []
    five_day = False
    first = True
    for start, end, bp in _contracts(s, pid, year):
        part_time = bp < FULL_TIME_BP
        for p_start, p_end, mins in _patterns(s, pid, start, end):
            days = sum(1 for m in mins.values() if m > 0)
            periods.append(rules.ServicePeriod(max(start, p_start), min(end, p_end),
                                               rules.day_share(days, part_time)))
            if first:
                five_day = rules.is_five_day(days, part_time)
                first = False
        periods.append(rules.ServicePeriod(start, end))      # days without a pattern
    return periods, five_day


def working_days(s, pid: int, start: date, end: date) -> list[tuple[date, int]]:
    """The working days of a person from ``start`` to ``end`` and the ordinary minutes of
    each: the pattern (or the day set by hand over it) without the holidays (festività, santo
    patrono). A closure of the office (chiusura prefestiva) is a working day: the absence
    covers it. Without any pattern in the period: Monday-Saturday [U]."""
    cells = effective_days(s, [pid], start, end)
    if not _patterns(s, pid, start, end):
        holidays = set(s.execute(select(CalendarDay.day).where(
            CalendarDay.day.between(start, end), CalendarDay.kind.in_(HOLIDAY_KINDS)))
            .scalars())
        shape = shape_on(s, pid, start)
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        return [(d, shape.minutes.get(d.weekday(), 0)) for d in days
                if d.weekday() < 6 and d not in holidays]
    out = []
    for (_pid, day), c in sorted(cells.items(), key=lambda kv: kv[0][1]):
        if c.holiday:
            continue
        ordinary = c.credited or sum(b.minutes for b in c.bands if not b.is_overtime)
        if ordinary > 0:
            out.append((day, ordinary))
    return out


def holidays_between(s, start: date, end: date) -> dict[date, str]:
    return {d: "festività" for d in s.execute(select(CalendarDay.day).where(
        CalendarDay.day.between(start, end), CalendarDay.kind.in_(HOLIDAY_KINDS))).scalars()}


def balance_in(s, pid: int, account: str, school_year: int) -> int:
    return int(s.execute(select(func.coalesce(func.sum(StaffLeaveEntry.amount), 0)).where(
        StaffLeaveEntry.employee_id == pid, StaffLeaveEntry.account == account,
        StaffLeaveEntry.school_year == school_year)).scalar_one())


@requires(READ)
def leave_balances(db: Database, school_year: int) -> dict[int, dict[str, int]]:
    """Every balance of the school year, person id -> account -> amount: the sums of the
    ledger in one read (the statement shows the arithmetic of each)."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    with read_session(db) as s:
        for pid, account, total in s.execute(
                select(StaffLeaveEntry.employee_id, StaffLeaveEntry.account,
                       func.sum(StaffLeaveEntry.amount))
                .where(StaffLeaveEntry.school_year == school_year)
                .group_by(StaffLeaveEntry.employee_id, StaffLeaveEntry.account)):
            out[pid][account] = int(total)
    return dict(out)


# --- the statement -------------------------------------------------------------------------

@dataclass(frozen=True)
class StatementLine:
    day: str
    kind: str
    description: str
    amount: str
    balance: str


@dataclass(frozen=True)
class AccountStatement:
    account: str
    label: str
    unit: str
    lines: tuple[StatementLine, ...]
    balance: int
    balance_text: str
    note: str = ""


@dataclass(frozen=True)
class LeaveStatement:
    person_id: int
    name: str
    profile: str
    school_year: str
    service: str                         # contracts and pattern, in words
    accounts: tuple[AccountStatement, ...]
    absences: tuple[tuple, ...]          # periodo, causa, durata, documento, stato

    def account(self, code: str) -> AccountStatement | None:
        return next((a for a in self.accounts if a.account == code), None)


def _person(s, pid: int) -> Employee:
    person = s.get(Employee, pid)
    if person is None:
        raise ValidationError({"employee_id": "Dipendente inesistente."})
    return person


def _service_text(s, pid: int, year: SchoolYear) -> str:
    parts = []
    for start, end, bp in _contracts(s, pid, year):
        pt = "" if bp >= FULL_TIME_BP else f", part-time {bp / 100:g} %"
        parts.append(f"in servizio dal {format_date(start)} al {format_date(end)}{pt}")
    shape = shape_on(s, pid, max(year.start, min((c[0] for c in _contracts(s, pid, year)),
                                                 default=year.start)))
    if shape.recorded:
        parts.append(f"orario su {len(shape.weekdays)} giorni"
                     + (" (ferie a 1,2 per giorno)" if shape.five_day else ""))
    else:
        parts.append("orario non registrato: settimana di sei giorni (valore predefinito [U])")
    return "; ".join(parts) if parts else "nessun contratto nell'anno scolastico"


def absence_rows(s, pid: int, year: SchoolYear, show_confidential: bool) -> tuple[tuple, ...]:
    causes = {r.id: r for r in s.execute(select(AbsenceCause)).scalars()}
    out = []
    for a in s.execute(select(StaffAbsence).where(
            StaffAbsence.employee_id == pid, StaffAbsence.starts_on <= year.end,
            StaffAbsence.ends_on >= year.start)
            .order_by(StaffAbsence.starts_on, StaffAbsence.id)).scalars():
        cause = causes[a.cause_id]
        name = cause.name if show_confidential or not cause.confidential else HIDDEN_CAUSE
        span = (format_date(a.starts_on) if a.starts_on == a.ends_on
                else f"dal {format_date(a.starts_on)} al {format_date(a.ends_on)}")
        length = (rules.format_amount(a.minutes, rules.HOURS) if a.minutes
                  else f"{(a.ends_on - a.starts_on).days + 1} gg di calendario")
        state = (f"annullata il {format_date(a.annulled_on)}: {a.annul_reason}"
                 if a.annulled_on else "registrata")
        doc = a.document_ref if show_confidential or not cause.confidential else ""
        out.append((span, name, length, doc, state))
    return tuple(out)


def statement_in(s, pid: int, school_year: int, show_confidential: bool) -> LeaveStatement:
    person = _person(s, pid)
    year = SchoolYear(school_year)
    rows = defaultdict(list)
    for e in s.execute(select(StaffLeaveEntry).where(
            StaffLeaveEntry.employee_id == pid, StaffLeaveEntry.school_year == school_year)
            .order_by(StaffLeaveEntry.entry_date, StaffLeaveEntry.id)).scalars():
        rows[e.account].append(e)
    accounts = []
    for code, (label, unit) in rules.ACCOUNTS.items():
        if code not in rows:
            continue
        lines, total = [], 0
        for e in rows[code]:
            total += e.amount
            text = e.reason + (f" (da fruire entro il {format_date(e.deadline)})"
                               if e.deadline else "")
            lines.append(StatementLine(format_date(e.entry_date), rules.ENTRY_KINDS[e.kind],
                                       text, rules.format_amount(e.amount, unit, signed=True),
                                       rules.format_amount(total, unit)))
        note = ""
        if code == "ferie" and shape_on(s, pid, year.start).five_day:
            note = (f"Settimana di cinque giorni: il saldo di {rules.format_amount(total, unit)}"
                    f" vale {rules._fmt_number(Fraction(total, rules.FIVE_DAY_FACTOR))} giorni "
                    "di assenza (÷ 1,2).")
        accounts.append(AccountStatement(code, label, unit, tuple(lines), total,
                                         rules.format_amount(total, unit), note))
    return LeaveStatement(pid, f"{person.surname} {person.name}", role_label(person.role),
                          year.label, _service_text(s, pid, year), tuple(accounts),
                          absence_rows(s, pid, year, show_confidential))


@requires(READ)
def leave_statement(db: Database, person_id: int, school_year: int | None = None
                    ) -> LeaveStatement:
    """The statement of a person's ferie and permessi in a school year (default: the newest
    up to the current one with movements of the person, else the current one), line by line
    with the running balance."""
    show = allowed(current_principal(db), HEALTH)
    with read_session(db) as s:
        if school_year is None:
            current = SchoolYear.of(date.today()).start_year
            school_year = s.execute(select(func.max(StaffLeaveEntry.school_year)).where(
                StaffLeaveEntry.employee_id == person_id,
                StaffLeaveEntry.school_year <= current)).scalar() or current
        return statement_in(s, person_id, school_year, show)


@requires(READ)
def leave_years(db: Database) -> list[int]:
    """School years with ledger rows, newest first."""
    with read_session(db) as s:
        return list(s.execute(select(StaffLeaveEntry.school_year).distinct()
                              .order_by(StaffLeaveEntry.school_year.desc())).scalars())


@requires(READ)
def people_with_leave(db: Database, school_year: int) -> list[tuple[int, str]]:
    """(id, «Cognome Nome») of the people with ledger rows in the school year."""
    with read_session(db) as s:
        rows = s.execute(select(Employee.id, Employee.surname, Employee.name)
                         .where(Employee.id.in_(select(StaffLeaveEntry.employee_id).where(
                             StaffLeaveEntry.school_year == school_year)))
                         .order_by(Employee.surname, Employee.name)).all()
    return [(r.id, f"{r.surname} {r.name}") for r in rows]


@requires(READ)
def leave_statements(db: Database, school_year: int | None = None,
                     persona: int | str | None = None) -> tuple[int, list[LeaveStatement]]:
    """The statements of a school year (default: the newest with ledger rows, else the
    current one): of ``persona`` (id or codice fiscale) or of everyone with ledger rows."""
    from .staff_order import person_id_of

    show = allowed(current_principal(db), HEALTH)
    with read_session(db) as s:
        if school_year is None:
            school_year = s.execute(select(func.max(StaffLeaveEntry.school_year))).scalar()
            if school_year is None:
                school_year = SchoolYear.of(date.today()).start_year
        if persona not in (None, ""):
            ids = [person_id_of(s, persona)]
        else:
            ids = list(s.execute(
                select(Employee.id).where(Employee.id.in_(
                    select(StaffLeaveEntry.employee_id).where(
                        StaffLeaveEntry.school_year == school_year)))
                .order_by(Employee.surname, Employee.name)).scalars())
        return school_year, [statement_in(s, pid, school_year, show) for pid in ids]


# --- requests ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RequestRow:
    """A request of an absence as the list shows it (a confidential cause named «Assenza» to
    who does not hold staff.health)."""

    id: int
    person: str
    cause: str
    period: str
    length: str
    requested_on: str
    state: str                 # code: richiesta, approvata, rifiutata, annullata
    state_label: str
    decision: str
    absence_id: int | None = None   # an approved request: its absence
    supplente: str = ""             # whether a supplente may serve and from which day


def _length(a, unit: str) -> str:
    if a.minutes:
        return rules.format_amount(a.minutes, rules.HOURS)
    n = (a.ends_on - a.starts_on).days + 1
    return f"{n} giorn{'o' if n == 1 else 'i'}"


@requires(READ)
def absence_requests(db: Database, state: str | None = None,
                     school_year: int | None = None, *, person_id: int | None = None,
                     start: date | None = None, end: date | None = None) -> list[RequestRow]:
    """The requests of absences, the waiting ones first then the newest; ``state`` one of
    domain/staff/leave.REQUEST_STATES (None: all), ``school_year`` the year they fall in,
    ``person_id`` one person's, ``start``-``end`` the requests touching those days."""
    if state is not None and state not in rules.REQUEST_STATES:
        raise ValidationError({"state": f"Stato «{state}» non previsto."})
    show = allowed(current_principal(db), HEALTH)
    with read_session(db) as s:
        causes = {r.id: r for r in s.execute(select(AbsenceCause)).scalars()}
        q = (select(StaffAbsenceRequest, Employee.surname, Employee.name)
             .join(Employee, Employee.id == StaffAbsenceRequest.employee_id))
        if state is not None:
            q = q.where(StaffAbsenceRequest.state == state)
        if school_year is not None:
            year = SchoolYear(school_year)
            q = q.where(StaffAbsenceRequest.starts_on <= year.end,
                        StaffAbsenceRequest.ends_on >= year.start)
        if person_id is not None:
            q = q.where(StaffAbsenceRequest.employee_id == person_id)
        if start is not None:
            q = q.where(StaffAbsenceRequest.ends_on >= start)
        if end is not None:
            q = q.where(StaffAbsenceRequest.starts_on <= end)
        rows = s.execute(q).all()
        roles = dict(s.execute(select(Employee.id, Employee.role)).all())
        verdicts = {}
        for req, _sn, _n in rows:
            if req.state == "approvata" and req.absence_id is not None:
                absence = s.get(StaffAbsence, req.absence_id)
                if absence.annulled_on is None:
                    verdicts[req.id] = verdict_text(verdict_in(s, absence,
                                                               roles[req.employee_id]))
    rows.sort(key=lambda r: (r[0].state != "richiesta", -r[0].starts_on.toordinal(), -r[0].id))
    out = []
    for req, surname, name in rows:
        cause = causes[req.cause_id]
        span = (format_date(req.starts_on) if req.starts_on == req.ends_on
                else f"dal {format_date(req.starts_on)} al {format_date(req.ends_on)}")
        decision = ""
        if req.decided_on:
            decision = f"il {format_date(req.decided_on)}"
            if req.decision_reason:
                decision += f": {req.decision_reason}"
        out.append(RequestRow(
            req.id, f"{surname} {name}",
            cause.name if show or not cause.confidential else HIDDEN_CAUSE, span,
            _length(req, cause.unit), format_date(req.requested_on), req.state,
            rules.REQUEST_STATES[req.state], decision, req.absence_id,
            verdicts.get(req.id, "")))
    return out
