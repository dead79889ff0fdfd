"""Staff master data (the Personale e turni area builds on it)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, intpk


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
