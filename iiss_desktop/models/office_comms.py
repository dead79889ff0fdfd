"""The office's contacts with outside bodies (areas/office.py, issue 19 item 2): the referenti
Covid per plesso (a history: a row ends, another starts), the register of communications
(never deleted: an error is annulled with its reason), the surveys (monitoraggi) and the
figures gathered for each, frozen on the survey as they were checked and sent.

The communications hold no health data of named persons (domain/office_comms.py GDPR_NOTE).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, created_at, intpk


class OfficeCovidReferent(Base):
    __tablename__ = "office_covid_referent"

    id: Mapped[intpk]
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="referente")
    person_name: Mapped[str] = mapped_column(String(120))
    staff_role: Mapped[str] = mapped_column(String(80), default="")   # docente, collaboratore…
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None]


class OfficeSurvey(Base):
    __tablename__ = "office_survey"

    id: Mapped[intpk]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), default="generico")
    period_from: Mapped[date]
    period_to: Mapped[date]
    deadline: Mapped[date] = mapped_column(index=True)
    reference: Mapped[str] = mapped_column(String(200), default="")   # the note asking for it
    state: Mapped[str] = mapped_column(String(20), default="da compilare")
    gathered_at: Mapped[datetime | None]
    gathered_by: Mapped[str] = mapped_column(String(120), default="")
    verified_at: Mapped[datetime | None]
    verified_by: Mapped[str] = mapped_column(String(120), default="")
    sent_on: Mapped[date | None]
    sent_channel: Mapped[str] = mapped_column(String(20), default="")
    sent_protocol: Mapped[str] = mapped_column(String(40), default="")
    sent_by: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None]


class OfficeSurveyFigure(Base):
    """One figure of a survey's sheet: an integer of 10**-scale units (counts: 0, euro: 2,
    quantities of the warehouse: 3). ``gathered`` as the areas gave it, ``value`` as sent
    (a correction by the clerk, with its note, differs from it)."""

    __tablename__ = "office_survey_figure"
    __table_args__ = (Index("ix_office_survey_figure_survey", "survey_id", "line_no"),)

    id: Mapped[intpk]
    survey_id: Mapped[int] = mapped_column(ForeignKey("office_survey.id", ondelete="CASCADE"))
    line_no: Mapped[int]
    section: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(20), default="")
    scale: Mapped[int] = mapped_column(default=0)
    gathered: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(String(300), default="")


class OfficeCommunication(Base):
    __tablename__ = "office_communication"
    __table_args__ = (Index("ix_office_communication_day", "day"),)

    id: Mapped[intpk]
    day: Mapped[date]
    direction: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    protocol: Mapped[str] = mapped_column(String(40), default="")
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("office_survey.id"))
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None]
    recorded_by: Mapped[str] = mapped_column(String(120), default="")
    annulled_at: Mapped[datetime | None]
    annulled_by: Mapped[str] = mapped_column(String(120), default="")
    annul_reason: Mapped[str] = mapped_column(String(300), default="")
