"""The emergency staffing (issue 14 item 7): the organico Covid budget the USR assigned for a
school year (its notes, integrations and reductions), the daily cost of each profile the
office types from NoiPA's figures, the supplenze charged to a Covid post; the register of
cleaning and sanitisation of the rooms; the training of each person.

Fields declared in domain/staff/fields.py. Nothing is deleted and nothing recorded changes
(triggers of migration 0027): a wrong row is annulled with its reason, a daily cost is
superseded by a new one (``superseded_on``); the arithmetic is domain/staff/covid_budget.py.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from ..domain.staff.covid_budget import RATE_SOURCE_DEFAULT
from .base import Base, Money, intpk


class StaffCovidBudget(Base):
    """One note of the USR on the school's organico Covid money for a school year: the
    assignment, a later integration or a reduction (the amount is positive; the kind gives
    the sign)."""

    __tablename__ = "staff_covid_budget"
    __table_args__ = (Index("ix_staff_covid_budget_year", "school_year"),)

    id: Mapped[intpk]
    school_year: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    note_number: Mapped[str] = mapped_column(String(60))
    note_date: Mapped[date]
    description: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffCovidRate(Base):
    """The daily cost of a profile in a school year, as NoiPA gives it (typed by the
    office); a new figure supersedes the previous one, which stays."""

    __tablename__ = "staff_covid_rate"
    __table_args__ = (Index("ix_staff_covid_rate_year", "school_year", "profile"),)

    id: Mapped[intpk]
    school_year: Mapped[int]
    profile: Mapped[str] = mapped_column(String(10))
    daily_cost: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    source: Mapped[str] = mapped_column(String(200), default=RATE_SOURCE_DEFAULT)
    superseded_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None]


class StaffCovidSubstitution(Base):
    """A supplenza on the post of an absent organico Covid contract: charged to the same
    budget."""

    __tablename__ = "staff_covid_substitution"

    id: Mapped[intpk]
    contract_id: Mapped[int] = mapped_column(ForeignKey("staff_contract.id"), index=True)
    replaces_contract_id: Mapped[int] = mapped_column(ForeignKey("staff_contract.id"),
                                                      index=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffCleaning(Base):
    """One intervention of cleaning or sanitisation: who, the day and the time (minutes from
    midnight), the plesso and the room (one of the school's rooms, or named in ``place``),
    what was done (domain/staff/cleaning.py) and with which product."""

    __tablename__ = "staff_cleaning"
    __table_args__ = (Index("ix_staff_cleaning_day", "day", "site_id"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    day: Mapped[date]
    at_minutes: Mapped[int] = mapped_column(default=0)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"))
    place: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(30))
    product: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffTraining(Base):
    """A course attended by a person: kind, hours (in minutes), date, provider, the
    reference of the certificate."""

    __tablename__ = "staff_training"
    __table_args__ = (Index("ix_staff_training_person", "employee_id", "day"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    course: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    minutes: Mapped[int] = mapped_column(default=0)
    day: Mapped[date]
    provider: Mapped[str] = mapped_column(String(200))
    certificate: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]
