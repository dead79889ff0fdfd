"""Working time as data (issue 14 items 3, 5 and 9): the weekly patterns of each person and
period, and the roster days set by hand over them. Needs and assignments stay rows, so a
solver can later read and fill them.

A pattern is replaced, never edited: a wrong or superseded one is annulled with its reason and
a new one recorded. A roster day set by hand is replaced by a newer one (``replaced_by_id``),
so the history of a cell stays. ``weekly_minutes`` is derived from the bands; verify rebuilds
it."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import fields as _fields  # noqa: F401 - declares the labels
from .base import Base, intpk


class StaffPattern(Base):
    __tablename__ = "staff_pattern"
    __table_args__ = (Index("ix_staff_pattern_period", "employee_id", "valid_from"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    name: Mapped[str] = mapped_column(String(80), default="")
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    plurisettimanale: Mapped[bool] = mapped_column(default=False)
    # Orario flessibile (art. 53): minutes of the day, all four or none.
    entry_from: Mapped[int | None]
    entry_to: Mapped[int | None]
    exit_from: Mapped[int | None]
    exit_to: Mapped[int | None]
    agile_weekdays: Mapped[str] = mapped_column(String(14), default="")   # "0,3"
    weekly_minutes: Mapped[int] = mapped_column(default=0)
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class StaffPatternBand(Base):
    __tablename__ = "staff_pattern_band"

    id: Mapped[intpk]
    pattern_id: Mapped[int] = mapped_column(ForeignKey("staff_pattern.id"), index=True)
    weekday: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20), default="servizio")
    plesso: Mapped[str | None] = mapped_column(String(20))      # site.code; None: lavoro agile
    reason: Mapped[str] = mapped_column(String(200), default="")


class StaffRosterDay(Base):
    """One cell of the roster set by hand: it replaces what the pattern gives that day. No
    bands and no agile flag: a day off (riposo, turno libero)."""

    __tablename__ = "staff_roster_day"
    __table_args__ = (Index("ix_staff_roster_day_person", "employee_id", "day"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    day: Mapped[date]
    lavoro_agile: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(300), default="")
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_roster_day.id"))
    recorded_by_id: Mapped[int | None]


class StaffRosterBand(Base):
    __tablename__ = "staff_roster_band"

    id: Mapped[intpk]
    roster_day_id: Mapped[int] = mapped_column(ForeignKey("staff_roster_day.id"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20), default="servizio")
    plesso: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(200), default="")


class StaffOpening(Base):
    """The opening hours of a plesso on a weekday of a school year, with how many people of a
    profile it needs at once (the Piano's «orario di apertura»; coverage.CoverageNeed). A
    change supersedes the plesso's rows of that year (``superseded_on``): never deleted."""

    __tablename__ = "staff_opening"
    __table_args__ = (Index("ix_staff_opening_year", "school_year", "plesso"),)

    id: Mapped[intpk]
    school_year: Mapped[int]
    plesso: Mapped[str] = mapped_column(String(20))
    weekday: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]
    staff: Mapped[int] = mapped_column(default=1)
    profile: Mapped[str | None] = mapped_column(String(10), default="CS")
    superseded_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None]


class StaffArt55(Base):
    """The 35-hour week granted to a person for a period (art. 55 CCNL 29/11/2007), with the
    conditions that justify it as recorded by the school (contract.Art55Record): one flag per
    condition, so the change log names each. Annulled with a reason, never deleted."""

    __tablename__ = "staff_art55"
    __table_args__ = (Index("ix_staff_art55_person", "employee_id", "valid_from"),)

    id: Mapped[intpk]
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"))
    valid_from: Mapped[date]
    valid_to: Mapped[date]
    istituzione_educativa: Mapped[bool] = mapped_column(default=False)
    azienda_agraria: Mapped[bool] = mapped_column(default=False)
    apertura_oltre_10_ore: Mapped[bool] = mapped_column(default=False)
    turni: Mapped[bool] = mapped_column(default=False)
    oscillazioni: Mapped[bool] = mapped_column(default=False)
    decided_on: Mapped[date | None]
    reference: Mapped[str] = mapped_column(String(200), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]
