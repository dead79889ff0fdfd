"""Read side of the organico Covid budget of a school year: the USR's notes, the daily cost of
each profile, every Covid contract and every supplenza on a Covid post with its days × daily
cost = cost, the total and the residual; and the simulation of a contract before hiring
(domain/staff/covid_budget.py has the rules and says which are ours [U]).

A Covid contract belongs to the school year it starts in; a proroga is a period of its own,
charged as such; a contract closed early counts to its closing day. Plain frozen rows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear, format_date
from ..domain.errors import ValidationError
from ..domain.money import ZERO, quantize
from ..domain.staff import covid_budget as rules
from ..domain.staff.profiles import ATA_ROLES, role_label
from ..domain.staff.registry import COVID, SUPPLENZA_BREVE, effective_end, part_time_bp
from ..models.staff import Employee, StaffContract
from ..models.staff_emergency import StaffCovidBudget, StaffCovidRate, StaffCovidSubstitution


@dataclass(frozen=True, slots=True)
class BudgetNote:
    id: int
    kind: str
    kind_label: str
    amount: Decimal                  # as the note gives it (positive)
    signed: Decimal                  # what it adds to the budget (a reduction subtracts)
    note_number: str
    note_date: date
    description: str
    annulled_on: date | None
    annul_reason: str

    @property
    def in_force(self) -> bool:
        return self.annulled_on is None

    @property
    def state(self) -> str:
        if self.annulled_on is None:
            return "in vigore"
        return f"annullata il {format_date(self.annulled_on)}: {self.annul_reason}"


@dataclass(frozen=True, slots=True)
class RateRow:
    id: int
    profile: str
    profile_label: str
    daily_cost: Decimal
    source: str
    superseded_on: date | None


@dataclass(frozen=True, slots=True)
class ChargeRow:
    """A contract paid by the budget: an organico Covid contract, or a supplenza on a Covid
    post (``replaces``: who it substitutes)."""

    contract_id: int
    substitution_id: int | None
    employee_id: int
    person: str
    profile: str
    profile_label: str
    starts_on: date
    ends_on: date
    days: int
    daily_cost: Decimal | None
    part_time_bp: int
    cost: Decimal | None
    replaces: str = ""
    note: str = ""

    @property
    def formula(self) -> str:
        return rules.cost_formula(self.days, self.daily_cost, self.part_time_bp, self.cost)

    @property
    def period(self) -> str:
        return f"dal {format_date(self.starts_on)} al {format_date(self.ends_on)}"


@dataclass(frozen=True, slots=True)
class CovidBudgetView:
    school_year: int
    year_label: str
    notes: tuple[BudgetNote, ...]          # every note, annulled ones too
    rates: tuple[RateRow, ...]             # the daily costs in force, by profile
    rate_history: tuple[RateRow, ...]      # the superseded ones
    contracts: tuple[ChargeRow, ...]
    substitutions: tuple[ChargeRow, ...]
    budget: Decimal
    spent_contracts: Decimal
    spent_substitutions: Decimal
    missing_profiles: tuple[str, ...]      # labels of profiles charged with no daily cost

    @property
    def spent(self) -> Decimal:
        return quantize(self.spent_contracts + self.spent_substitutions)

    @property
    def residual(self) -> Decimal:
        return quantize(self.budget - self.spent)

    @property
    def summary(self) -> rules.BudgetSummary:
        missing = sum(c.cost is None for c in self.contracts + self.substitutions)
        return rules.BudgetSummary(self.budget, self.spent, missing)

    @property
    def has_budget(self) -> bool:
        return any(n.in_force for n in self.notes)


def _name(e: Employee) -> str:
    return f"{e.surname} {e.name}"


def _rates(s, year: int) -> tuple[dict[str, RateRow], list[RateRow]]:
    current, old = {}, []
    for r in s.execute(select(StaffCovidRate).where(StaffCovidRate.school_year == year)
                       .order_by(StaffCovidRate.profile, StaffCovidRate.id)).scalars():
        row = RateRow(r.id, r.profile, role_label(r.profile), r.daily_cost, r.source,
                      r.superseded_on)
        if r.superseded_on is None:
            current[r.profile] = row
        else:
            old.append(row)
    return current, old


def _charge(c: StaffContract, e: Employee, rates: dict[str, RateRow], *,
            substitution: StaffCovidSubstitution | None = None, replaces: str = ""
            ) -> ChargeRow:
    end = effective_end(c.ends_on, c.closed_on) or c.starts_on
    rate = rates.get(e.role)
    charge = rules.Charge(c.starts_on, end, rate.daily_cost if rate else None, c.part_time_bp)
    return ChargeRow(c.id, substitution.id if substitution else None, e.id, _name(e), e.role,
                     role_label(e.role), c.starts_on, end, charge.days, charge.daily_cost,
                     c.part_time_bp, charge.cost, replaces,
                     substitution.note if substitution else c.note)


def _budget_view(s, school_year: int) -> CovidBudgetView:
    year = SchoolYear(school_year)
    notes = tuple(
        BudgetNote(r.id, r.kind, rules.BUDGET_KINDS.get(r.kind, r.kind), r.amount,
                   rules.signed_amount(r.kind, r.amount), r.note_number, r.note_date,
                   r.description, r.annulled_on, r.annul_reason)
        for r in s.execute(select(StaffCovidBudget).where(
            StaffCovidBudget.school_year == school_year)
            .order_by(StaffCovidBudget.note_date, StaffCovidBudget.id)).scalars())
    rates, history = _rates(s, school_year)
    in_year = (StaffContract.annulled_on.is_(None), StaffContract.starts_on >= year.start,
               StaffContract.starts_on <= year.end)
    contracts = [_charge(c, e, rates) for c, e in s.execute(
        select(StaffContract, Employee).join(Employee, Employee.id == StaffContract.employee_id)
        .where(StaffContract.kind == COVID, *in_year)
        .order_by(Employee.surname, Employee.name, StaffContract.starts_on)).all()]
    absent = {}
    subs = []
    for sub, c, e in s.execute(
            select(StaffCovidSubstitution, StaffContract, Employee)
            .join(StaffContract, StaffContract.id == StaffCovidSubstitution.contract_id)
            .join(Employee, Employee.id == StaffContract.employee_id)
            .where(StaffCovidSubstitution.annulled_on.is_(None), *in_year)
            .order_by(StaffContract.starts_on, Employee.surname)).all():
        if sub.replaces_contract_id not in absent:
            absent[sub.replaces_contract_id] = s.execute(
                select(Employee).join(StaffContract, StaffContract.employee_id == Employee.id)
                .where(StaffContract.id == sub.replaces_contract_id)).scalar_one()
        subs.append(_charge(c, e, rates, substitution=sub,
                            replaces=_name(absent[sub.replaces_contract_id])))
    missing = sorted({c.profile_label for c in contracts + subs if c.cost is None})
    return CovidBudgetView(
        school_year, year.label, notes, tuple(rates[p] for p in sorted(rates)), tuple(history),
        tuple(contracts), tuple(subs),
        rules.budget_total([(n.kind, n.amount) for n in notes if n.in_force]),
        quantize(sum((c.cost for c in contracts if c.cost is not None), ZERO)),
        quantize(sum((c.cost for c in subs if c.cost is not None), ZERO)),
        tuple(missing))


@requires(READ)
def covid_budget(db: Database, school_year: int) -> CovidBudgetView:
    """The organico Covid budget of the school year starting in ``school_year``."""
    if isinstance(school_year, bool) or not isinstance(school_year, int):
        raise ValidationError({"school_year": "Indicare l'anno scolastico."})
    with read_session(db) as s:
        return _budget_view(s, school_year)


@requires(READ)
def covid_years(db: Database) -> list[int]:
    """The school years (starting years) with a budget note or a Covid contract, newest
    first."""
    with read_session(db) as s:
        years = set(s.execute(select(StaffCovidBudget.school_year).distinct()).scalars())
        for (start,) in s.execute(select(StaffContract.starts_on).where(
                StaffContract.kind == COVID, StaffContract.annulled_on.is_(None))):
            years.add(SchoolYear.of(start).start_year)
    return sorted(years, reverse=True)


@requires(READ)
def simulate_covid_hire(db: Database, profile: str, starts_on: date, ends_on: date,
                        part_time_percent=100) -> rules.Simulation:
    """What an organico Covid contract of ``profile`` from ``starts_on`` to ``ends_on`` would
    cost and what the budget of its school year would have left after it (nothing is
    recorded). ``covered`` False: the hiring is not covered by the budget."""
    errors = {}
    if profile not in ATA_ROLES:
        errors["profile"] = "Scegliere il profilo del personale ATA da assumere."
    for name, value, label in (("starts_on", starts_on, "Inizio del contratto"),
                               ("ends_on", ends_on, "Fine del contratto")):
        if not isinstance(value, date):
            errors[name] = f"Il campo «{label}» è obbligatorio."
    if errors:
        raise ValidationError(errors)
    bp = part_time_bp(part_time_percent)
    year = SchoolYear.of(starts_on).start_year
    with read_session(db) as s:
        view = _budget_view(s, year)
    rate = next((r for r in view.rates if r.profile == profile), None)
    if rate is None:
        raise ValidationError({"profile": (
            f"Manca il costo giornaliero del profilo «{role_label(profile)}» per l'a.s. "
            f"{view.year_label}: inserirlo prima (dato NoiPA comunicato dall'USR).")})
    return rules.simulate(school_year=year, starts_on=starts_on, ends_on=ends_on,
                          daily_cost=rate.daily_cost, part_time_bp=bp, summary=view.summary)


@dataclass(frozen=True, slots=True)
class ContractChoice:
    id: int
    text: str                       # «Țurcanu Elena – Collaboratore scolastico – dal … al …»


@requires(READ)
def covid_substitution_choices(db: Database, school_year: int
                               ) -> tuple[list[ContractChoice], list[ContractChoice]]:
    """For charging a supplenza to the budget: the Covid contracts of the school year and
    the supplenze brevi of the year not yet charged."""
    year = SchoolYear(school_year)
    with read_session(db) as s:
        charged = set(s.execute(select(StaffCovidSubstitution.contract_id).where(
            StaffCovidSubstitution.annulled_on.is_(None))).scalars())
        rows = s.execute(
            select(StaffContract, Employee).join(Employee,
                                                 Employee.id == StaffContract.employee_id)
            .where(StaffContract.annulled_on.is_(None),
                   or_(StaffContract.kind == COVID, StaffContract.kind == SUPPLENZA_BREVE),
                   StaffContract.starts_on >= year.start, StaffContract.starts_on <= year.end)
            .order_by(Employee.surname, Employee.name, StaffContract.starts_on)).all()
    covid, subs = [], []
    for c, e in rows:
        end = effective_end(c.ends_on, c.closed_on)
        text = (f"{_name(e)} – {role_label(e.role)} – dal {format_date(c.starts_on)}"
                + (f" al {format_date(end)}" if end else ""))
        if c.kind == COVID:
            covid.append(ContractChoice(c.id, text))
        elif c.id not in charged:
            subs.append(ContractChoice(c.id, text))
    return covid, subs
