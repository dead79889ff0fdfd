"""Lavoro agile of the ATA staff: the individual agreement of each person (CCNL 2019-21 art.
13; L. 81/2017 art. 19), with its period, days of the week, activities, fascia di
contattabilità and tools. Never deleted (triggers of migration 0026): a wrong or ended
agreement is annulled with its reason and stays in the person's history. Fields declared in
domain/staff/fields.py (AGILE)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, intpk


class StaffAgileAgreement(Base):
    __tablename__ = "staff_agile_agreement"
    __table_args__ = (Index("ix_staff_agile_agreement_period", "employee_id", "valid_from"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    signed_on: Mapped[date]
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    weekdays: Mapped[str] = mapped_column(String(14))                # "2" or "0,3"
    activities: Mapped[str] = mapped_column(Text)                    # one a line
    contact_band: Mapped[str] = mapped_column(String(40))            # «09:00-12:00»
    tools: Mapped[str] = mapped_column(String(20))                   # agile.TOOLS
    protocol: Mapped[str] = mapped_column(String(60), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]
