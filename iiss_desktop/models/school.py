"""The school, its sites (plessi) and rooms, and its editable calendar."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, intpk


class School(Base):
    """The one school this database belongs to (single row, id 1)."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    denominazione: Mapped[str] = mapped_column(String(200))
    codice_meccanografico: Mapped[str] = mapped_column(String(10))
    codice_fiscale: Mapped[str] = mapped_column(String(16), default="")
    codice_univoco: Mapped[str] = mapped_column(String(6), default="")
    indirizzo: Mapped[str] = mapped_column(String(200), default="")
    cap: Mapped[str] = mapped_column(String(5), default="")
    comune: Mapped[str] = mapped_column(String(80), default="")
    provincia: Mapped[str] = mapped_column(String(2), default="")
    telefono: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    pec: Mapped[str] = mapped_column(String(120), default="")
    dirigente: Mapped[str] = mapped_column(String(120), default="")
    dsga: Mapped[str] = mapped_column(String(120), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Minutes without input after which the window locks (0: never).
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=15)
    # The largest attachment the school accepts, in MB (services/attachments.py).
    attachment_limit_mb: Mapped[int] = mapped_column(Integer, default=10, server_default="10")


class DirigenteTerm(Base):
    """Who was dirigente scolastico from when to when: every document is signed by whoever
    held the office on its date, also when printed again years later. Rows are never deleted
    (a trigger); a new dirigente ends the term in office the day before."""

    __tablename__ = "dirigente_term"

    id: Mapped[intpk]
    person_name: Mapped[str] = mapped_column(String(120))
    # None: since before anything the archive records (the first dirigente, when the school
    # did not say from when).
    started_on: Mapped[date | None]
    ended_on: Mapped[date | None]


class Site(Base):
    """A plesso (branch site) of the school."""

    __tablename__ = "site"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40), default="")
    codice_meccanografico: Mapped[str] = mapped_column(String(10), default="")
    indirizzo: Mapped[str] = mapped_column(String(200), default="")
    comune: Mapped[str] = mapped_column(String(80), default="")
    is_main: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)

    rooms: Mapped[list[Room]] = relationship(back_populates="site", order_by="Room.name")


class Room(Base):
    __tablename__ = "room"

    id: Mapped[intpk]
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    floor: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(default=True)

    site: Mapped[Site] = relationship(back_populates="rooms")

    __table_args__ = (UniqueConstraint("site_id", "name", name="uq_room_site_name"),)


class CalendarDay(Base):
    """A non-working day: national holiday (seeded from ``holidays``), patron saint, closure."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(10), default="scuola")


class DeadlineExtension(Base):
    """A deadline of the office (domain/deadlines.py) moved by the Ministry for one year: the
    new date and the act that moves it. Removing it restores the ordinary date."""

    __tablename__ = "deadline_extension"

    id: Mapped[intpk]
    year: Mapped[int] = mapped_column(Integer)        # the year of the ordinary deadline
    key: Mapped[str] = mapped_column(String(40))
    due: Mapped[date]
    note: Mapped[str] = mapped_column(String(300))

    __table_args__ = (UniqueConstraint("year", "key", name="uq_deadline_extension_year_key"),)
