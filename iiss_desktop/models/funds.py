"""Fondi (D.I. 129/2018 Titolo I): the chart of accounts, the Programma Annuale of each financial
year with its forecasts, the variations, the earmarked funds, and the numbered documents of the
spending and revenue cycle (impegni, liquidazioni, mandati, reversali), each an entry of its
yearly register in the legal-register core (gap-free numbers, frozen by triggers).

No availability figure is stored: the availability of a destination is always recomputed from
the forecasts, the variations and the impegni (``services/funds/spending.availability``), and
``verify`` checks that no destination's impegni exceed its definitive appropriation.
Rows are never deleted (triggers of migration 0016).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain import funds as _registers  # noqa: F401 - defines the registers and labels
from .base import Base, Money, intpk
from .types import Cents


class RevenueItem(Base):
    """A voce di entrata «03/06» (aggregato 03, voce 06)."""

    __tablename__ = "funds_revenue_item"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    confirmed: Mapped[bool] = mapped_column(default=False)   # False: default [U], editable
    active: Mapped[bool] = mapped_column(default=True)


class Destination(Base):
    """A destination of spending: A01…, P01…, G01…, R98, D100, Z01, or the school's own
    activity or project under one of them (``A03/1``, ``parent_id`` set)."""

    __tablename__ = "funds_destination"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("funds_destination.id"))
    confirmed: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class SpendingType(Base):
    __tablename__ = "funds_spending_type"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(4), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    confirmed: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class Programme(Base):
    """The Programma Annuale of one financial year (calendar year)."""

    __tablename__ = "funds_programme"

    id: Mapped[intpk]
    year: Mapped[int] = mapped_column(unique=True)
    state: Mapped[str] = mapped_column(String(20), default="proposta")
    proposed_on: Mapped[date | None]
    opinion_on: Mapped[date | None]
    approved_on: Mapped[date | None]
    approval_ref: Mapped[str] = mapped_column(String(120), default="")
    # Basis points of the dotazione ordinaria the fondo di riserva may reach (1000 = 10 %) [U].
    reserve_limit_bp: Mapped[int] = mapped_column(Integer, default=1000)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The fondo di cassa at 1 January, recorded for the first year the archive holds; later
    # years start from the previous year's 31 December (queries/funds_residui.py).
    cash_opening: Mapped[Decimal | None] = mapped_column(Cents())


class RevenueForecast(Base):
    __tablename__ = "funds_revenue_forecast"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"))
    revenue_item_id: Mapped[int] = mapped_column(ForeignKey("funds_revenue_item.id"))
    amount: Mapped[Money]

    __table_args__ = (UniqueConstraint("programme_id", "revenue_item_id",
                                       name="uq_funds_revenue_forecast_item"),)


class SpendingForecast(Base):
    """The initial forecast of a destination for one tipo di spesa (scheda illustrativa)."""

    __tablename__ = "funds_spending_forecast"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"))
    destination_id: Mapped[int] = mapped_column(ForeignKey("funds_destination.id"), index=True)
    spending_type_id: Mapped[int] = mapped_column(ForeignKey("funds_spending_type.id"))
    amount: Mapped[Money]

    __table_args__ = (UniqueConstraint("programme_id", "destination_id", "spending_type_id",
                                       name="uq_funds_spending_forecast_line"),)


class Variation(Base):
    """A variation of the Programma Annuale (Mod. F / G), numbered per year."""

    __tablename__ = "funds_variation"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"), index=True)
    year: Mapped[int]
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    decided_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    act_ref: Mapped[str] = mapped_column(String(120), default="")
    earmarked_id: Mapped[int | None] = mapped_column(ForeignKey("funds_earmarked.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "number", name="uq_funds_variation_number"),)


class VariationLine(Base):
    """``side`` "E" (a voce di entrata) or "U" (a destination with its tipo di spesa);
    ``amount`` signed: + raises the forecast, − lowers it."""

    __tablename__ = "funds_variation_line"

    id: Mapped[intpk]
    variation_id: Mapped[int] = mapped_column(ForeignKey("funds_variation.id"), index=True)
    line_no: Mapped[int]
    side: Mapped[str] = mapped_column(String(1))
    revenue_item_id: Mapped[int | None] = mapped_column(ForeignKey("funds_revenue_item.id"))
    destination_id: Mapped[int | None] = mapped_column(ForeignKey("funds_destination.id"),
                                                       index=True)
    spending_type_id: Mapped[int | None] = mapped_column(ForeignKey("funds_spending_type.id"))
    amount: Mapped[Money]


class EarmarkedFund(Base):
    """A finanziamento vincolato: its law, amount, what it may buy, its deadlines and where it
    is imputed in the Programma Annuale (entrata and destination)."""

    __tablename__ = "funds_earmarked"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_basis: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(String(300), default="")
    amount: Mapped[Money]
    assigned_on: Mapped[date]
    revenue_item_id: Mapped[int] = mapped_column(ForeignKey("funds_revenue_item.id"))
    destination_id: Mapped[int] = mapped_column(ForeignKey("funds_destination.id"))
    use_by: Mapped[date]
    report_by: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class EarmarkedType(Base):
    """A tipo di spesa an earmarked fund allows."""

    __tablename__ = "funds_earmarked_type"

    id: Mapped[intpk]
    earmarked_id: Mapped[int] = mapped_column(ForeignKey("funds_earmarked.id"))
    spending_type_id: Mapped[int] = mapped_column(ForeignKey("funds_spending_type.id"))

    __table_args__ = (UniqueConstraint("earmarked_id", "spending_type_id",
                                       name="uq_funds_earmarked_type_pair"),)


class Commitment(Base):
    """An impegno di spesa (art. 15), entry of the register «fondi-impegni»."""

    __tablename__ = "funds_commitment"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    committed_on: Mapped[date]
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"))
    destination_id: Mapped[int] = mapped_column(ForeignKey("funds_destination.id"))
    spending_type_id: Mapped[int] = mapped_column(ForeignKey("funds_spending_type.id"))
    earmarked_id: Mapped[int | None] = mapped_column(ForeignKey("funds_earmarked.id"),
                                                     index=True)
    amount: Mapped[Money]
    description: Mapped[str] = mapped_column(String(500))
    creditor_name: Mapped[str] = mapped_column(String(200), default="")
    cig: Mapped[str] = mapped_column(String(10), default="")
    cup: Mapped[str] = mapped_column(String(15), default="")
    status: Mapped[str] = mapped_column(String(20), default="impegnato")
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "number", name="uq_funds_commitment_number"),
                      # the availability check: an index-only SUM per destination
                      Index("ix_funds_commitment_availability", "programme_id",
                            "destination_id", "amount"))


class Liquidation(Base):
    """A liquidazione (art. 16 c.1), entry of the register «fondi-liquidazioni»."""

    __tablename__ = "funds_liquidation"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    liquidated_on: Mapped[date]
    # None: a residuo imported without its impegno (``residue_id`` names it)
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("funds_commitment.id"),
                                                      index=True)
    amount: Mapped[Money]
    supply_check: Mapped[str] = mapped_column(String(300))
    document_ref: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(20), default="da pagare")
    # Set when the liquidazione is of a later year than its impegno: in conto residui.
    residue_id: Mapped[int | None] = mapped_column(ForeignKey("funds_residue.id"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "number", name="uq_funds_liquidation_number"),)


class PaymentOrder(Base):
    """A mandato di pagamento (art. 17), entry of the register «fondi-mandati»."""

    __tablename__ = "funds_payment_order"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    issued_on: Mapped[date]
    liquidation_id: Mapped[int] = mapped_column(ForeignKey("funds_liquidation.id"), unique=True)
    # None: a residuo imported without its impegno (``residue_id`` names it)
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("funds_commitment.id"),
                                                      index=True)
    destination_id: Mapped[int] = mapped_column(ForeignKey("funds_destination.id"))
    spending_type_id: Mapped[int] = mapped_column(ForeignKey("funds_spending_type.id"))
    amount: Mapped[Money]
    withholdings: Mapped[Decimal] = mapped_column(Cents(), default=Decimal("0.00"))
    amount_words: Mapped[str] = mapped_column(String(300))
    causale: Mapped[str] = mapped_column(String(500))
    creditor_name: Mapped[str] = mapped_column(String(200))
    creditor_tax_code: Mapped[str] = mapped_column(String(16), default="")
    creditor_vat: Mapped[str] = mapped_column(String(11), default="")
    creditor_iban: Mapped[str] = mapped_column(String(34), default="")
    cig: Mapped[str] = mapped_column(String(10), default="")
    cup: Mapped[str] = mapped_column(String(15), default="")
    # A mandato in conto residui (a residuo passivo of an earlier year), else None.
    residue_id: Mapped[int | None] = mapped_column(ForeignKey("funds_residue.id"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "number", name="uq_funds_payment_order_number"),)


class Assessment(Base):
    """An accertamento di entrata (art. 13-14), entry of the register «fondi-accertamenti»:
    on a document, the DSGA establishes the debtor, the reason and the amount of a credit on a
    voce di entrata of the Programma Annuale. The reversali collect it; what is left at year
    end is a residuo attivo (models/funds_residui.py)."""

    __tablename__ = "funds_assessment"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    assessed_on: Mapped[date]
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"))
    revenue_item_id: Mapped[int] = mapped_column(ForeignKey("funds_revenue_item.id"),
                                                 index=True)
    earmarked_id: Mapped[int | None] = mapped_column(ForeignKey("funds_earmarked.id"))
    amount: Mapped[Money]
    debtor: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500))
    document_ref: Mapped[str] = mapped_column(String(120))
    document_date: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "number", name="uq_funds_assessment_number"),)


class ReceiptOrder(Base):
    """A reversale d'incasso, entry of the register «fondi-reversali»: the riscossione of an
    accertamento (of its year: in conto competenza; of an earlier year: in conto residui,
    ``residue_id`` set)."""

    __tablename__ = "funds_receipt_order"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    issued_on: Mapped[date]
    programme_id: Mapped[int] = mapped_column(ForeignKey("funds_programme.id"))
    revenue_item_id: Mapped[int] = mapped_column(ForeignKey("funds_revenue_item.id"),
                                                 index=True)
    amount: Mapped[Money]
    amount_words: Mapped[str] = mapped_column(String(300))
    debtor: Mapped[str] = mapped_column(String(200))
    causale: Mapped[str] = mapped_column(String(500))
    # Every reversale collects an accertamento (migration 0029 gave the older ones theirs).
    # None: a residuo imported without its accertamento (``residue_id`` names it)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("funds_assessment.id"),
                                                      index=True)
    residue_id: Mapped[int | None] = mapped_column(ForeignKey("funds_residue.id"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "number", name="uq_funds_receipt_order_number"),)
