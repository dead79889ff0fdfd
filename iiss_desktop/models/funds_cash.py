"""Fondo economale per le minute spese (D.I. 129/2018 art. 21): the fund of one financial
year with the Consiglio's limits, the advance to the DSGA (a mandato), the register of the
minute spese (entries of «fondi-minute-spese», gap-free per year), the reintegri (mandati for
the expenses presented) and the closing (a reversale of the cash left).

``cash`` is a stored figure (the cash the DSGA holds): ``verify`` rebuilds it as advance −
expenses + reintegri − closing and reports any difference. Rows are never deleted; a wrong
expense is annulled by an annulment entry of its register (triggers of migration 0019).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.funds import cash as _register  # noqa: F401 - defines the register
from ..domain.funds import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, Money, intpk


class CashFund(Base):
    __tablename__ = "funds_cash_fund"

    id: Mapped[intpk]
    year: Mapped[int] = mapped_column(unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"))
    size: Mapped[Money]                 # the fund's size set by the Consiglio
    max_expense: Mapped[Money]          # the maximum of one expense
    decided_on: Mapped[date]            # the Consiglio's delibera
    decision_ref: Mapped[str] = mapped_column(String(120))
    destination_id: Mapped[int] = mapped_column(ForeignKey("funds_destination.id"))
    advance_order_id: Mapped[int | None] = mapped_column(ForeignKey("funds_payment_order.id"))
    advance: Mapped[Money]
    cash: Mapped[Money]
    closed_on: Mapped[date | None]
    closing_receipt_id: Mapped[int | None] = mapped_column(ForeignKey("funds_receipt_order.id"))
    closing_amount: Mapped[Money]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class CashExpense(Base):
    """A minuta spesa paid by the DSGA from the fund, entry of «fondi-minute-spese»."""

    __tablename__ = "funds_cash_expense"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds_cash_fund.id"), index=True)
    year: Mapped[int]
    number: Mapped[int]
    spent_on: Mapped[date]
    amount: Mapped[Money]
    description: Mapped[str] = mapped_column(String(300))
    creditor_name: Mapped[str] = mapped_column(String(200))
    document_ref: Mapped[str] = mapped_column(String(120), default="")
    destination_id: Mapped[int] = mapped_column(ForeignKey("funds_destination.id"))
    spending_type_id: Mapped[int] = mapped_column(ForeignKey("funds_spending_type.id"))
    reimbursement_id: Mapped[int | None] = mapped_column(
        ForeignKey("funds_cash_reimbursement.id"))
    annulled: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class CashReimbursement(Base):
    """A reintegro: the expenses presented, repaid to the fund by mandati (one per destination
    and tipo di spesa of the expenses)."""

    __tablename__ = "funds_cash_reimbursement"

    id: Mapped[intpk]
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds_cash_fund.id"), index=True)
    presented_on: Mapped[date]
    amount: Mapped[Money]
    orders: Mapped[str] = mapped_column(String(200))   # «12/2021, 13/2021»
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class Restitution(Base):
    """The restitution to the ministry of the unused part of an earmarked fund (issue 15
    item 8): the dirigente's impegno on the fund's destination, then the DSGA's mandato
    (``payment_order_id`` None until issued); counted with the impegni when the unused amount
    is computed, from the impegno on."""

    __tablename__ = "funds_restitution"

    id: Mapped[intpk]
    earmarked_id: Mapped[int] = mapped_column(ForeignKey("funds_earmarked.id"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("funds_commitment.id"), unique=True,
                                               index=True)
    payment_order_id: Mapped[int | None] = mapped_column(ForeignKey("funds_payment_order.id"))
    restituted_on: Mapped[date]
    amount: Mapped[Money]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)
