"""The Piano delle attività of the ATA staff (art. 53 CCNL 2007, issue 14 item 2): one row per
version of a school year, its text sections, the dotazione organica and the assignments of the
persons to offices, laboratories, floors and plessi.

A version is drafted (bozza), adopted by the dirigente with date and protocol, and superseded
by the next adopted version. Nothing is deleted (triggers of migration 0023) and an adopted
version is never changed (the services refuse it): a change is a new version copied from it
(domain/staff/plan.py). The rows of the dotazione and of the
assignments keep their place (``position``) and are rewritten in place while the version is a
draft; a row the draft no longer has is marked ``removed``, not deleted."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.staff import plan_labels as _labels  # noqa: F401 - declares the labels
from .base import Base, intpk


class StaffPlan(Base):
    __tablename__ = "staff_plan"
    __table_args__ = (UniqueConstraint("school_year", "version"),)

    id: Mapped[intpk]
    school_year: Mapped[int]                  # the starting year: 2026 is the a.s. 2026/27
    version: Mapped[int]
    state: Mapped[str] = mapped_column(String(20), default="bozza")
    drafted_on: Mapped[date]
    drafted_by_id: Mapped[int | None]
    adopted_on: Mapped[date | None]
    protocol: Mapped[str] = mapped_column(String(60), default="")
    adopted_by_id: Mapped[int | None]
    superseded_on: Mapped[date | None]


class StaffPlanSection(Base):
    """One text section of a version (key of domain.staff.plan.SECTIONS)."""

    __tablename__ = "staff_plan_section"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[intpk]
    plan_id: Mapped[int] = mapped_column(ForeignKey("staff_plan.id"))
    key: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")       # at most 20,000 (the service)


class StaffPlanStaffing(Base):
    """The dotazione organica: posts of one profile at one plesso, with the need it covers."""

    __tablename__ = "staff_plan_staffing"

    id: Mapped[intpk]
    plan_id: Mapped[int] = mapped_column(ForeignKey("staff_plan.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    profile: Mapped[str] = mapped_column(String(10))          # domain.staff.profiles.ROLES
    site_code: Mapped[str] = mapped_column(String(20))        # site.code
    posts: Mapped[int]
    need_note: Mapped[str] = mapped_column(String(300), default="")
    removed: Mapped[bool] = mapped_column(default=False)


class StaffPlanAssignment(Base):
    """A person assigned to a place (kind of domain.staff.plan.PLACES) with the duties."""

    __tablename__ = "staff_plan_assignment"

    id: Mapped[intpk]
    plan_id: Mapped[int] = mapped_column(ForeignKey("staff_plan.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    place_kind: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(String(120), default="")
    site_code: Mapped[str] = mapped_column(String(20))
    duties: Mapped[str] = mapped_column(String(1000), default="")
    removed: Mapped[bool] = mapped_column(default=False)


class StaffPlanFrontDesk(Base):
    """One opening of the front desk in the week (the Piano's «sportello», issue 19 item 1):
    a weekday (0 Monday … 5 Saturday), from ``start`` to ``end`` in minutes from midnight,
    for the public or for the school's staff. Appointments are booked within the public
    ones of the version in force on their day."""

    __tablename__ = "staff_plan_front_desk"

    id: Mapped[intpk]
    plan_id: Mapped[int] = mapped_column(ForeignKey("staff_plan.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    weekday: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]
    audience: Mapped[str] = mapped_column(String(20), default="pubblico")
    note: Mapped[str] = mapped_column(String(200), default="")
    removed: Mapped[bool] = mapped_column(default=False)
