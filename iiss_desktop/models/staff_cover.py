"""Substitutions of absent ATA staff (issue 16 item 5, domain/staff/substitutions.py).

- ``staff_cover_derogation``: the motivated, written derogation (notes DPIT 2116/2015, DGPER
  10073/2016, nota 8446/2024) that lets the school appoint a supplente for an absent
  collaboratore from the first day: its ground and reason. Never deleted nor changed
  (migration 0035): a wrong one is annulled with its reason.
- ``staff_cover``: the internal cover of an absence with ore eccedenti: the day, the minutes
  and who covered (the absent person is the absence's). Never deleted: annulled with its
  reason.
Fields declared in domain/staff/fields.py (COVER_DEROGATION, COVER)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, intpk


class StaffCoverDerogation(Base):
    __tablename__ = "staff_cover_derogation"

    id: Mapped[intpk]
    absence_id: Mapped[int] = mapped_column(ForeignKey("staff_absence.id"), index=True)
    ground: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(1000))
    decided_on: Mapped[date]
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffCover(Base):
    __tablename__ = "staff_cover"
    __table_args__ = (Index("ix_staff_cover_day", "day", "employee_id"),)

    id: Mapped[intpk]
    absence_id: Mapped[int] = mapped_column(ForeignKey("staff_absence.id"), index=True)
    day: Mapped[date]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    minutes: Mapped[int]
    note: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]
