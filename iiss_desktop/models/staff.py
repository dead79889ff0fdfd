"""Staff registry (the Personale e turni area builds on it): the person (``employee``, the
table the inventory's custody already names), the contract periods over time and the
incarichi specifici. Fields declared in domain/staff/fields.py; contracts and incarichi are
never deleted (triggers of migration 0017): a wrong one is closed or annulled with a reason."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, Money, intpk


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[intpk]
    surname: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(80))
    codice_fiscale: Mapped[str | None] = mapped_column(String(16), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    contract: Mapped[str] = mapped_column(String(30), default="tempo indeterminato")
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"), index=True)
    email: Mapped[str] = mapped_column(String(120), default="")
    hired_on: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    area_2007: Mapped[str] = mapped_column(String(4), default="", server_default="")
    area_2024: Mapped[str] = mapped_column(String(20), default="", server_default="")
    posizione_economica: Mapped[str] = mapped_column(String(10), default="", server_default="")
    service_since: Mapped[date | None]


class StaffContract(Base):
    """One period of service: its kind, dates and working time. A proroga or a change of the
    part-time share is a new period with ``follows_id`` on the previous one."""

    __tablename__ = "staff_contract"
    __table_args__ = (Index("ix_staff_contract_period", "employee_id", "starts_on"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    kind: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    part_time_bp: Mapped[int] = mapped_column(default=10_000)
    assigned_school: Mapped[str] = mapped_column(String(200), default="")
    follows_id: Mapped[int | None] = mapped_column(ForeignKey("staff_contract.id"))
    note: Mapped[str] = mapped_column(String(300), default="")
    closed_on: Mapped[date | None]
    close_reason: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffIncarico(Base):
    """An incarico specifico (art. 47 CCNL 2007) for a school year, with its compensation
    and the fund that pays it."""

    __tablename__ = "staff_incarico"

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    school_year: Mapped[int]
    description: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
