"""The front desk (areas/office.py): appointments by office and slot, the register of
visitors, the log of the daily purges and of the extracts for the ASL, the area's setting.

Appointments and visits are deleted after the retention the school set (services/office.py
purge_expired); the change log records their personal columns as «(valore riservato)»
(domain/office.py), so that nothing of them outlives the retention. The purge and extract
logs keep no personal data: dates, counts and who.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.office import APPOINTMENT_SECRET, VISIT_SECRET
from .base import Base, created_at, intpk


class OfficeAppointment(Base):
    __tablename__ = "office_appointment"
    __audit_secret__ = APPOINTMENT_SECRET
    __table_args__ = (UniqueConstraint("office", "day", "slot_start", "state_key"),)

    id: Mapped[intpk]
    office: Mapped[str] = mapped_column(String(80))
    day: Mapped[date] = mapped_column(index=True)
    slot_start: Mapped[int]                 # minutes from midnight
    slot_end: Mapped[int]
    visitor_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40), default="")
    purpose: Mapped[str] = mapped_column(String(200), default="")
    person_to_meet: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(20), default="prenotato")
    # "" while the slot is held (booked or arrived); the id once cancelled, so that a
    # cancelled appointment frees its slot for another (the unique constraint).
    state_key: Mapped[str] = mapped_column(String(20), default="")
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None]


class OfficeVisit(Base):
    __tablename__ = "office_visit"
    __audit_secret__ = VISIT_SECRET
    __table_args__ = (Index("ix_office_visit_day", "day"),)

    id: Mapped[intpk]
    day: Mapped[date]
    visitor_name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date | None]
    residence: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    time_in: Mapped[int]                    # minutes from midnight
    time_out: Mapped[int | None]
    purpose: Mapped[str] = mapped_column(String(200), default="")
    person_visited: Mapped[str] = mapped_column(String(120), default="")
    office: Mapped[str] = mapped_column(String(80), default="")
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("office_appointment.id", ondelete="SET NULL"))
    privacy_notice: Mapped[bool] = mapped_column(default=False)
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None]


class OfficePurge(Base):
    """One daily purge: when, up to which day, how many rows. No personal data."""

    __tablename__ = "office_purge"

    id: Mapped[intpk]
    purged_at: Mapped[datetime]
    through_day: Mapped[date]
    visits: Mapped[int]
    appointments: Mapped[int]
    retention_days: Mapped[int]
    by_id: Mapped[int | None]


class OfficeExtract(Base):
    """One extract of the register given to the health authority: who, when, which days,
    how many visits."""

    __tablename__ = "office_extract"

    id: Mapped[intpk]
    extracted_at: Mapped[datetime]
    by_id: Mapped[int | None]
    by_name: Mapped[str] = mapped_column(String(120))
    date_from: Mapped[date]
    date_to: Mapped[date]
    visits: Mapped[int]


class OfficeSetting(Base):
    """The area's settings (one row): the days the register is kept (NULL: the default)."""

    __tablename__ = "office_setting"

    id: Mapped[intpk]
    retention_days: Mapped[int | None]


class OfficeTemplate(Base):
    """A template of the office's documents (domain/office_documents.py); its text is in its
    versions, the newest is the current one."""

    __tablename__ = "office_template"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    current_version: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)


class OfficeTemplateVersion(Base):
    """One version of a template: never changed nor deleted (a new version on each edit)."""

    __tablename__ = "office_template_version"
    __table_args__ = (UniqueConstraint("template_id", "number"),)

    id: Mapped[intpk]
    template_id: Mapped[int] = mapped_column(ForeignKey("office_template.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    fields_json: Mapped[str] = mapped_column(Text)   # the declared fields (FieldDecl)
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None]


class OfficeDocument(Base):
    """A document made from a template version: an entry of the register «documenti» (its
    number and date; annulled by an annulment entry), the values filled in, as made."""

    __tablename__ = "office_document"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("office_template_version.id"),
                                            index=True)
    year: Mapped[int]
    number: Mapped[int]
    issued_on: Mapped[date]
    subject: Mapped[str] = mapped_column(String(300))
    values_json: Mapped[str] = mapped_column(Text)   # every field, automatic ones included
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None]
