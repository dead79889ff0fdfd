"""Absences and the leave ledger (issue 16 items 1-2).

- ``staff_absence_cause``: the causes as data, seeded from domain/staff/leave.DEFAULT_CAUSES
  and edited by the school (every change in the change log; ``edited`` says the shipped values
  no longer stand). Never deleted: a cause no longer used is made inactive.
- ``staff_absence``: one absence of a person (days, or minutes on one day). Never deleted: a
  wrong one is annulled with its reason, which writes a rettifica in the ledger.
- ``staff_leave_entry``: the ledger. Every allocation, use, carry-over, expiry and correction is
  a row; a balance is the SUM of the rows of (person, account, school year), never stored.
  Rows never change and are never deleted (migration 0031): a correction is a new row with its
  reason. ``amount`` is in hundredths of a day or in minutes, by the account's unit.
- ``staff_absence_request``: an absence asked for (recorded by the office), then approved or
  refused with its reason by the DSGA or the dirigente, or withdrawn. Approval writes the
  absence and its use in the same transaction (``absence_id``); refusing or withdrawing an
  approved one annuls that absence, whose use a rettifica gives back. Never deleted.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, intpk


class AbsenceCause(Base):
    __tablename__ = "staff_absence_cause"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(10))
    paid_percent: Mapped[int] = mapped_column(default=100)
    pay_rule: Mapped[str] = mapped_column(String(300), default="")
    counts_towards: Mapped[str] = mapped_column(String(30), default="")
    allowance: Mapped[int | None]
    period: Mapped[str] = mapped_column(String(10), default="")
    counting: Mapped[str] = mapped_column(String(12), default="lavorativi")
    half_day_max: Mapped[bool] = mapped_column(default=False)
    profiles: Mapped[str] = mapped_column(String(60), default="")
    document: Mapped[str] = mapped_column(String(200), default="")
    confidential: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(200), default="")
    confidence: Mapped[str] = mapped_column(String(4), default="U")
    edited: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class StaffAbsence(Base):
    __tablename__ = "staff_absence"
    __table_args__ = (Index("ix_staff_absence_person", "employee_id", "starts_on"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    cause_id: Mapped[int] = mapped_column(ForeignKey("staff_absence_cause.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    minutes: Mapped[int | None]
    document_ref: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffLeaveEntry(Base):
    __tablename__ = "staff_leave_entry"
    __table_args__ = (Index("ix_staff_leave_entry_account", "employee_id", "account",
                            "school_year"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    account: Mapped[str] = mapped_column(String(30))
    school_year: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int]
    entry_date: Mapped[date]
    absence_id: Mapped[int | None] = mapped_column(ForeignKey("staff_absence.id"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("staff_leave_entry.id"))
    deadline: Mapped[date | None]
    reason: Mapped[str] = mapped_column(String(1000), default="")
    recorded_by_id: Mapped[int | None]


class StaffAbsenceRequest(Base):
    __tablename__ = "staff_absence_request"
    __table_args__ = (Index("ix_staff_absence_request_person", "employee_id", "starts_on"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    cause_id: Mapped[int] = mapped_column(ForeignKey("staff_absence_cause.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    minutes: Mapped[int | None]
    note: Mapped[str] = mapped_column(String(300), default="")
    requested_on: Mapped[date]
    state: Mapped[str] = mapped_column(String(12), default="richiesta")
    decided_on: Mapped[date | None]
    decided_by_id: Mapped[int | None]
    decision_reason: Mapped[str] = mapped_column(String(300), default="")
    absence_id: Mapped[int | None] = mapped_column(ForeignKey("staff_absence.id"))
    recorded_by_id: Mapped[int | None]
