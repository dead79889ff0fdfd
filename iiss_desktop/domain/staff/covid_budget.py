"""The budget of the organico Covid, as plain arithmetic (issue 14 item 7).

The additional ATA staff of the emergency («organico Covid», DL 34/2020 art. 231-bis c.1
lett. b, to the end of lessons; DL 104/2020 and DL 41/2021 for 2020/21, DL 73/2021 art. 58
for 2021/22) was hired by the school within the money the regional office (USR) assigned it
for the school year (Decreti MI 95 and 109 of 2020; the USR's note with the amount, later
notes with the amounts «rideterminati e forniti da NoiPA»; seed deck). The rules applied:

- **Budget of a school year** = the assignment + the integrations − the reductions of the
  USR's notes, each a row with note number and date; a wrong row is annulled with its reason,
  never changed, and no longer counts.
- **Cost of a contract** = the **calendar days** of its period (first day to the end that
  counts, both included: the closing day of a contract closed early) × the daily cost of its
  profile for that school year × the part-time share, rounded to the cent (half up) once per
  contract. Calendar days, not working days nor «contract days» of service: payroll (NoiPA)
  pays a supplenza by the calendar days of the contract period, a thirtieth of the monthly
  pay per day, and the daily cost the USR note gives is that thirtieth. domain.md (section 5)
  says nothing on the computation: the reading is ours [U].
- [U] NoiPA's «mese commerciale» (a whole calendar month paid 30/30 whatever its length) is
  NOT applied: a contract from 1/10 to 31/10 counts 31 days, February 28 (29). Over a
  September-June contract the difference is a few days; the simulation of SIDI (nota MI
  27865 of 20/11/2020) is what the USR checks, and its rule is not confirmed.
- [U] The daily cost is the figure the office types from the USR's note (NoiPA's cost,
  presumably «lordo Stato»); nothing is computed from pay tables.
- [U] Part-time pro rata on the daily cost: a 50 % contract costs half a day per day.
- **Substitutions**: a supplenza on the post of an absent Covid contract is charged to the
  same budget (the USR's note on the «utilizzo risorse per sostituzioni personale
  contrattualizzato Covid», seed deck), at the substitute's days × the daily cost of the
  profile. [U] The absent Covid worker's own contract stays charged in full (no deduction
  for unpaid absence).
- **Residual** = budget − the costs. A **simulation** before hiring gives the cost of a
  contract (profile, dates, part-time) and the residual after it; a cost above the residual
  is not covered: the simulation says so and the hiring is not to be made.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..dates import SchoolYear, format_date
from ..errors import ValidationError
from ..money import ZERO, format_money, quantize

ASSEGNAZIONE = "assegnazione"
INTEGRAZIONE = "integrazione"
RIDUZIONE = "riduzione"
BUDGET_KINDS = {
    ASSEGNAZIONE: "Assegnazione dell'USR",
    INTEGRAZIONE: "Integrazione",
    RIDUZIONE: "Riduzione (rideterminazione)",
}
FULL_TIME_BP = 10_000          # hundredths of a percent, as staff_contract.part_time_bp

# Sources of the figures: the daily costs are typed by the office from the USR's note.
RATE_SOURCE_DEFAULT = "Importo digitato dall'ufficio (costo NoiPA comunicato dall'USR)"


def signed_amount(kind: str, amount: Decimal) -> Decimal:
    """What a budget row adds to the budget: a reduction subtracts."""
    if kind not in BUDGET_KINDS:
        raise ValidationError({"kind": f"«{kind}» non è un tipo di assegnazione ammesso: "
                                       + ", ".join(BUDGET_KINDS.values()) + "."})
    return -amount if kind == RIDUZIONE else amount


def budget_total(rows: Iterable[tuple[str, Decimal]]) -> Decimal:
    """The budget of the rows in force, given as (kind, amount)."""
    return quantize(sum((signed_amount(k, a) for k, a in rows), ZERO))


def calendar_days(starts_on: date, ends_on: date) -> int:
    """The calendar days from ``starts_on`` to ``ends_on``, both included."""
    if not isinstance(starts_on, date) or not isinstance(ends_on, date):
        raise ValidationError({"starts_on": "Indicare le date di inizio e di fine del "
                                            "contratto."})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": (
            f"La fine ({format_date(ends_on)}) precede l'inizio ({format_date(starts_on)}).")})
    return (ends_on - starts_on).days + 1


def contract_cost(days: int, daily_cost: Decimal, part_time_bp: int = FULL_TIME_BP) -> Decimal:
    """days × daily cost × part-time share, rounded to the cent (half up) once."""
    if not 0 < part_time_bp <= FULL_TIME_BP:
        raise ValidationError({"part_time_percent": "Percentuale di part-time non valida."})
    if daily_cost < 0:
        raise ValidationError({"daily_cost": "Il costo giornaliero non può essere negativo."})
    return quantize(Decimal(days) * daily_cost * Decimal(part_time_bp) / FULL_TIME_BP)


def share_text(part_time_bp: int) -> str:
    """«100 %», «50 %», «83,33 %»."""
    pct = (Decimal(part_time_bp) / 100).normalize()
    text = f"{pct:f}"
    return text.replace(".", ",") + " %"


def cost_formula(days: int, daily_cost: Decimal | None, part_time_bp: int,
                 cost: Decimal | None) -> str:
    """«269 gg × 56,48 € = 15.193,12 €», with «× 50 %» for a part-time contract."""
    if daily_cost is None or cost is None:
        return f"{days} gg × costo giornaliero mancante"
    share = "" if part_time_bp == FULL_TIME_BP else f" × {share_text(part_time_bp)}"
    return f"{days} gg × {format_money(daily_cost)}{share} = {format_money(cost)}"


@dataclass(frozen=True)
class Charge:
    """One contract charged to the budget: its days, the daily cost of its profile (None
    when the office has not typed it yet) and its part-time share."""

    starts_on: date
    ends_on: date
    daily_cost: Decimal | None
    part_time_bp: int = FULL_TIME_BP

    @property
    def days(self) -> int:
        return calendar_days(self.starts_on, self.ends_on)

    @property
    def cost(self) -> Decimal | None:
        if self.daily_cost is None:
            return None
        return contract_cost(self.days, self.daily_cost, self.part_time_bp)


@dataclass(frozen=True)
class BudgetSummary:
    budget: Decimal
    spent: Decimal                 # the costs that could be computed
    missing_costs: int = 0         # contracts whose profile has no daily cost yet

    @property
    def residual(self) -> Decimal:
        return quantize(self.budget - self.spent)

    @property
    def exceeded(self) -> bool:
        return self.residual < 0


def summarize(budget: Decimal, charges: Iterable[Charge]) -> BudgetSummary:
    spent, missing = ZERO, 0
    for c in charges:
        cost = c.cost
        if cost is None:
            missing += 1
        else:
            spent += cost
    return BudgetSummary(quantize(budget), quantize(spent), missing)


def covid_end_limit(starts_on: date) -> date:
    """The last day an organico Covid contract may reach: 30/6 of its school year (the end
    of lessons falls before; domain/staff/registry.py)."""
    return date(SchoolYear.of(starts_on).start_year + 1, 6, 30)


@dataclass(frozen=True)
class Simulation:
    """The cost of a contract not yet made and what the budget has left after it."""

    school_year: int
    starts_on: date
    ends_on: date
    days: int
    daily_cost: Decimal
    part_time_bp: int
    cost: Decimal
    budget: Decimal
    residual_before: Decimal
    missing_costs: int = 0         # existing contracts without a daily cost: not counted

    @property
    def residual_after(self) -> Decimal:
        return quantize(self.residual_before - self.cost)

    @property
    def covered(self) -> bool:
        return self.residual_after >= 0

    @property
    def formula(self) -> str:
        return cost_formula(self.days, self.daily_cost, self.part_time_bp, self.cost)

    @property
    def warning(self) -> str:
        """Empty when covered; else why the hiring is not to be made."""
        if self.covered:
            return ""
        if self.budget <= 0:
            return (f"Nessun budget assegnato per l'a.s. {SchoolYear(self.school_year).label}: "
                    "l'assunzione non è coperta.")
        return (f"Il costo ({format_money(self.cost)}) supera il residuo del budget "
                f"({format_money(self.residual_before)}) di "
                f"{format_money(-self.residual_after)}: l'assunzione non è coperta e non va "
                "fatta.")


def simulate(*, school_year: int, starts_on: date, ends_on: date, daily_cost: Decimal,
             part_time_bp: int, summary: BudgetSummary) -> Simulation:
    """The cost of a Covid contract from ``starts_on`` to ``ends_on`` against ``summary`` (the
    budget and what it already pays). The dates must fall in the school year and end by 30/6."""
    days = calendar_days(starts_on, ends_on)
    year = SchoolYear(school_year)
    if starts_on not in year:
        raise ValidationError({"starts_on": (
            f"L'inizio ({format_date(starts_on)}) non cade nell'a.s. {year.label}.")})
    limit = covid_end_limit(starts_on)
    if ends_on > limit:
        raise ValidationError({"ends_on": (
            f"Un contratto dell'organico Covid dura al più fino al termine delle lezioni: "
            f"entro il {format_date(limit)}.")})
    cost = contract_cost(days, daily_cost, part_time_bp)
    return Simulation(school_year, starts_on, ends_on, days, daily_cost, part_time_bp, cost,
                      summary.budget, summary.residual, summary.missing_costs)
