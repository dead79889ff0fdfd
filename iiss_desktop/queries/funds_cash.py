"""Fondo economale: the fund of a year with its cash rebuilt from the rows, and its register
(expenses in number order, annulled ones marked). Plain dataclasses for the UI and the print."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.funds.cash import cash_left
from ..models.funds import Destination, SpendingType
from ..models.funds_cash import CashExpense, CashFund, CashReimbursement


@dataclass(frozen=True)
class ExpenseRow:
    id: int
    number: int
    spent_on: date
    amount: Decimal
    description: str
    creditor_name: str
    document_ref: str
    destination: str
    spending_type: str
    reimbursed: bool
    annulled: bool


@dataclass(frozen=True)
class CashFundView:
    year: int
    size: Decimal
    max_expense: Decimal
    decided_on: date
    decision_ref: str
    advance: Decimal
    expenses: Decimal
    reimbursed: Decimal
    closing: Decimal
    cash: Decimal               # rebuilt from the rows
    stored_cash: Decimal        # the figure kept on the fund
    closed_on: date | None
    rows: tuple[ExpenseRow, ...]



def cash_fund_in(s, year: int) -> CashFundView | None:
    fund = s.scalar(select(CashFund).where(CashFund.year == year))
    if fund is None:
        return None
    rows = tuple(ExpenseRow(e.id, e.number, e.spent_on, e.amount, e.description,
                            e.creditor_name, e.document_ref, d, t, e.reimbursement_id is not None,
                            e.annulled)
                 for e, d, t in s.execute(
                     select(CashExpense, Destination.code, SpendingType.code)
                     .join(Destination, Destination.id == CashExpense.destination_id)
                     .join(SpendingType, SpendingType.id == CashExpense.spending_type_id)
                     .where(CashExpense.fund_id == fund.id).order_by(CashExpense.number)))
    spent = sum((r.amount for r in rows if not r.annulled), Decimal("0.00"))
    reimbursed = sum(s.scalars(select(CashReimbursement.amount)
                               .where(CashReimbursement.fund_id == fund.id)), Decimal("0.00"))
    return CashFundView(fund.year, fund.size, fund.max_expense, fund.decided_on,
                        fund.decision_ref, fund.advance, spent, reimbursed, fund.closing_amount,
                        cash_left(fund.advance, spent, reimbursed, fund.closing_amount),
                        fund.cash, fund.closed_on, rows)


def cash_fund(db: Database, year: int) -> CashFundView | None:
    with read_session(db) as s:
        return cash_fund_in(s, year)


def cash_fund_years(db: Database) -> list[int]:
    with read_session(db) as s:
        return list(s.scalars(select(CashFund.year).order_by(CashFund.year)))




def unused_in(s, earmarked_id: int) -> Decimal:
    """An earmarked fund's unused part: assigned − committed on it − already restituted."""
    from ..models.funds import Commitment, EarmarkedFund
    from ..models.funds_cash import Restitution

    fund = s.get(EarmarkedFund, earmarked_id)
    committed = sum(s.scalars(select(Commitment.amount)
                              .where(Commitment.earmarked_id == earmarked_id)),
                    Decimal("0.00"))
    restituted = sum(s.scalars(select(Restitution.amount)
                               .where(Restitution.earmarked_id == earmarked_id)),
                     Decimal("0.00"))
    return fund.amount - committed - restituted


def unused(db: Database, earmarked_id: int) -> Decimal:
    with read_session(db) as s:
        return unused_in(s, earmarked_id)


@dataclass(frozen=True)
class BudgetBar:
    code: str
    definitive: Decimal
    committed: Decimal
    paid: Decimal


def budget_bars(db: Database, year: int) -> list[BudgetBar]:
    """Per destination: definitive appropriation, committed and paid (mandati), for the chart
    of budget vs committed vs paid (issue 15 item 8)."""
    from ..models.funds import PaymentOrder
    from .funds import availabilities

    with read_session(db) as s:
        totals: dict[str, Decimal] = {}
        for code, amount in s.execute(
                select(Destination.code, PaymentOrder.amount)
                .join(Destination, Destination.id == PaymentOrder.destination_id)
                .where(PaymentOrder.year == year)):
            totals[code] = totals.get(code, Decimal("0.00")) + amount
    return [BudgetBar(a.code, a.definitive, a.committed, totals.get(a.code, Decimal("0.00")))
            for _, a in availabilities(db, year) if a.definitive or a.committed]


@dataclass(frozen=True)
class RestitutionRow:
    id: int
    fund: str
    commitment: str             # «12/2021»
    committed_on: date
    amount: Decimal
    causale: str
    order: str                  # «14/2021», "" while the mandato is to issue

    @property
    def to_pay(self) -> bool:
        return not self.order


def restitutions(db: Database, year: int) -> list[RestitutionRow]:
    """The restitutions of ``year`` (by the date of their impegno), the latest first."""
    from sqlalchemy import text

    from ..domain.money import from_cents

    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT x.id, f.name, c.number || '/' || c.year, c.committed_on, x.amount, "
            "c.description, COALESCE(m.number || '/' || m.year, '') FROM funds_restitution x "
            "JOIN funds_earmarked f ON f.id = x.earmarked_id "
            "JOIN funds_commitment c ON c.id = x.commitment_id "
            "LEFT JOIN funds_payment_order m ON m.id = x.payment_order_id "
            "WHERE c.year = :y ORDER BY c.number DESC"), {"y": year}).all()
    return [RestitutionRow(rid, fund, ref, day if isinstance(day, date)
                           else date.fromisoformat(str(day)[:10]), from_cents(cents), what,
                           order) for rid, fund, ref, day, cents, what, order in rows]
