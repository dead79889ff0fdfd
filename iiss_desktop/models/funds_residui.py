"""Residui (D.I. 129/2018 art. 12 c.2 for the attivi; the passivi, domain.md §3.6): at the end
of a financial year what was accertato and not riscosso is a residuo attivo, what was
impegnato and not pagato a residuo passivo. ``carry_residui`` (services/funds/residui.py)
records them once per year into the next one, keeping the year of origin, the voce or the
destination, the debtor or creditor and the amount; in the next year reversali and mandati
in conto residui lower them, a radiation (riaccertamento, by the dirigente) cancels a part
with its reason: a row of its own, never a delete.

``remaining`` is a stored figure (what is still to collect or to pay): ``verify`` rebuilds it
as amount − reversali or mandati on the residuo − radiations and reports any difference.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.funds import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, Money, intpk


class ResidueCarry(Base):
    """The carry of the residui of ``from_year`` into the next year: once per year."""

    __tablename__ = "funds_residue_carry"

    id: Mapped[intpk]
    from_year: Mapped[int] = mapped_column(unique=True)
    carried_on: Mapped[date]
    active_total: Mapped[Money]
    passive_total: Mapped[Money]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class Residue(Base):
    """A residuo managed in ``year``, born in ``origin_year`` (the year of its accertamento or
    impegno); ``kind`` "A" attivo (``assessment_id``), "P" passivo (``commitment_id``)."""

    __tablename__ = "funds_residue"

    id: Mapped[intpk]
    carry_id: Mapped[int] = mapped_column(ForeignKey("funds_residue_carry.id"), index=True)
    year: Mapped[int]
    origin_year: Mapped[int]
    kind: Mapped[str] = mapped_column(String(1))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("funds_assessment.id"))
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("funds_commitment.id"))
    revenue_item_id: Mapped[int | None] = mapped_column(ForeignKey("funds_revenue_item.id"))
    destination_id: Mapped[int | None] = mapped_column(ForeignKey("funds_destination.id"))
    spending_type_id: Mapped[int | None] = mapped_column(ForeignKey("funds_spending_type.id"))
    counterpart: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500))
    amount: Mapped[Money]
    remaining: Mapped[Money]
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("funds_residue.id"))

    __table_args__ = (UniqueConstraint("year", "assessment_id", name="uq_funds_residue_assessment"),
                      UniqueConstraint("year", "commitment_id", name="uq_funds_residue_commitment"),
                      Index("ix_funds_residue_year", "year", "kind"))


class ResidueRadiation(Base):
    """The radiation of (a part of) a residuo at the riaccertamento, by the dirigente."""

    __tablename__ = "funds_residue_radiation"

    id: Mapped[intpk]
    residue_id: Mapped[int] = mapped_column(ForeignKey("funds_residue.id"), index=True)
    radiated_on: Mapped[date]
    amount: Mapped[Money]
    reason: Mapped[str] = mapped_column(Text)
    act_ref: Mapped[str] = mapped_column(String(120), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)
