"""Attendance (issue 16 item 3): badge punches and the manual rows of the hour balance.

- ``staff_punch``: one punch, imported from the terminal's file or entered by hand. Never
  deleted nor changed (migration 0034): a wrong one is annulled with its reason and, if
  needed, a right one entered.
- ``staff_hour_entry``: a manual row of the hour balance (a correction, extra hours paid or
  turned into riposi compensativi, a riposo used). The balance is the sum of the day results
  computed from the punches (domain/staff/attendance.py) and of these rows: never stored.
  Rows never change: a wrong one is annulled with its reason.
- ``staff_attendance_setting``: the school's tolerance and flexibility and the columns of
  the terminal's file (one row; [U] defaults until edited).
Fields declared in domain/staff/fields.py (PUNCH, HOUR_ENTRY, ATTENDANCE_SETTING)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, intpk


class StaffPunch(Base):
    __tablename__ = "staff_punch"
    __table_args__ = (Index("ix_staff_punch_person", "employee_id", "day"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    day: Mapped[date]
    minute: Mapped[int]                      # minutes from midnight
    direction: Mapped[str] = mapped_column(String(1))
    source: Mapped[str] = mapped_column(String(10), default="manuale")
    batch: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffHourEntry(Base):
    __tablename__ = "staff_hour_entry"
    __table_args__ = (Index("ix_staff_hour_entry_person", "employee_id", "day"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int]
    reason: Mapped[str] = mapped_column(String(300), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffAttendanceSetting(Base):
    __tablename__ = "staff_attendance_setting"

    id: Mapped[intpk]
    tolerance: Mapped[int] = mapped_column(default=10)
    flex: Mapped[int] = mapped_column(default=0)
    person_column: Mapped[str] = mapped_column(String(60), default="codice fiscale")
    person_key: Mapped[str] = mapped_column(String(20), default="codice_fiscale")
    date_column: Mapped[str] = mapped_column(String(60), default="data")
    time_column: Mapped[str] = mapped_column(String(60), default="ora")
    direction_column: Mapped[str] = mapped_column(String(60), default="verso")
    date_format: Mapped[str] = mapped_column(String(20), default="%d/%m/%Y")
    edited: Mapped[bool] = mapped_column(default=False)
