"""Inventory (D.I. 129/2018 artt. 29-35): goods, their place, custody and movements.

Each good is one numbered row of its register in the legal-register core
(``register_entry``): number, date of carico and annulments live there; this table holds
what the inventory adds. Rows are never deleted (triggers); a good leaves the inventory
only by a discarico, recorded against it.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain import inventory as _registers  # noqa: F401 - defines the inventory registers
from .base import Base, intpk
from .types import Cents


class InventoryItem(Base):
    __tablename__ = "inventory_item"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    register: Mapped[str] = mapped_column(String(40))
    number: Mapped[int]
    category: Mapped[str] = mapped_column(String(80), default="")
    subcategory: Mapped[str] = mapped_column(String(80), default="")
    nature: Mapped[str] = mapped_column(String(20), default="bene")
    site_id: Mapped[Optional[int]] = mapped_column(ForeignKey("site.id"), index=True)
    room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("room.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="buono")
    value: Mapped[Decimal] = mapped_column(Cents())
    valuation: Mapped[str] = mapped_column(String(20), default="acquisto")
    universalita_value: Mapped[Optional[Decimal]] = mapped_column(Cents())
    supplier: Mapped[str] = mapped_column(String(200), default="")
    invoice_number: Mapped[str] = mapped_column(String(40), default="")
    invoice_date: Mapped[Optional[date]]
    cig: Mapped[str] = mapped_column(String(10), default="")
    cup: Mapped[str] = mapped_column(String(15), default="")
    funding: Mapped[str] = mapped_column(String(120), default="")
    brand: Mapped[str] = mapped_column(String(80), default="")
    model: Mapped[str] = mapped_column(String(80), default="")
    serial_number: Mapped[Optional[str]] = mapped_column(String(80), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")          # beni di terzi
    grant_title: Mapped[str] = mapped_column(String(200), default="")
    buono_entry_id: Mapped[Optional[int]] = mapped_column(ForeignKey("register_entry.id"))
    status: Mapped[str] = mapped_column(String(20), default="in uso")

    __table_args__ = (UniqueConstraint("register", "number", name="uq_inventory_item_number"),)


class InventoryMovement(Base):
    """A move between rooms: recorded, never an edit of the item's place."""

    __tablename__ = "inventory_movement"

    id: Mapped[intpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    moved_on: Mapped[date]
    from_room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("room.id"))
    to_room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[Optional[int]] = mapped_column(Integer)


class InventoryDischarge(Base):
    """A provvedimento di discarico of the dirigente (art. 33): never deleted or changed."""

    __tablename__ = "inventory_discharge"

    id: Mapped[intpk]
    decree_number: Mapped[str] = mapped_column(String(40))
    decree_date: Mapped[date]
    cause: Mapped[str] = mapped_column(String(20))
    motivation: Mapped[str] = mapped_column(Text)
    reintegro: Mapped[bool] = mapped_column(default=False)
    attachments: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[Optional[int]] = mapped_column(Integer)


class InventoryDischargeItem(Base):
    __tablename__ = "inventory_discharge_item"

    id: Mapped[intpk]
    discharge_id: Mapped[int] = mapped_column(ForeignKey("inventory_discharge.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), unique=True)


class Loan(Base):
    """A comodato d'uso contract: the parent or guardian is the comodatario."""

    __tablename__ = "loan"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    parent_name: Mapped[str] = mapped_column(String(160))
    parent_cf: Mapped[str] = mapped_column(String(16))
    id_document: Mapped[str] = mapped_column(String(120), default="")
    contacts: Mapped[str] = mapped_column(String(200), default="")
    student_name: Mapped[str] = mapped_column(String(160))
    class_name: Mapped[str] = mapped_column(String(20), default="")
    start: Mapped[date]
    due: Mapped[date]
    criteria: Mapped[str] = mapped_column(String(300), default="")
    returned_on: Mapped[Optional[date]]
    return_notes: Mapped[str] = mapped_column(Text, default="")


class LoanItem(Base):
    __tablename__ = "loan_item"

    id: Mapped[intpk]
    loan_id: Mapped[int] = mapped_column(ForeignKey("loan.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    condition_out: Mapped[str] = mapped_column(String(20))
    condition_back: Mapped[Optional[str]] = mapped_column(String(20))
