"""The fragile worker's status (domain/staff/health.py): apart from the general record of the
person, read only with «staff.health». Never deleted nor changed (triggers of migration 0033):
a wrong row is annulled with its reason. The change log records its health columns as
«(valore riservato)»: the log is kept for ever and read by more people than these rows.
Fields declared in domain/staff/fields.py (FRAGILE)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from ..domain.staff.health import SECRET_COLUMNS
from .base import Base, intpk


class StaffFragileStatus(Base):
    __tablename__ = "staff_fragile_status"
    __audit_secret__ = SECRET_COLUMNS

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    checked_on: Mapped[date]
    outcome: Mapped[str] = mapped_column(String(30))
    measure: Mapped[str] = mapped_column(String(30))
    prescriptions: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    protocol: Mapped[str] = mapped_column(String(60), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]
