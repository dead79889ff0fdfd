"""Inventory (D.I. 129/2018 artt. 29-35): goods, their place, custody and movements.

Each good is one numbered row of its register in the legal-register core
(``register_entry``): number, date of carico and annulments live there; this table holds
what the inventory adds. Rows are never deleted (triggers); a good leaves the inventory
only by a discarico, recorded against it.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain import inventory as _registers  # noqa: F401 - defines the inventory registers
from ..domain.inventory import fields as _fields  # noqa: F401 - the labels of inventory_item
from ..domain.inventory import states
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
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="buono")
    value: Mapped[Decimal] = mapped_column(Cents())
    valuation: Mapped[str] = mapped_column(String(20), default="acquisto")
    universalita_value: Mapped[Decimal | None] = mapped_column(Cents())
    # Art. 31 c.5: the set of goods bought together this good belongs to ('' = none).
    universalita_key: Mapped[str] = mapped_column(String(80), default="", server_default="")
    # Why an imported good sits where today's rule would not put it (carico before 17/11/2018).
    carico_warning: Mapped[str] = mapped_column(String(500), default="", server_default="")
    supplier: Mapped[str] = mapped_column(String(200), default="")
    invoice_number: Mapped[str] = mapped_column(String(40), default="")
    invoice_date: Mapped[date | None]
    cig: Mapped[str] = mapped_column(String(10), default="")
    cup: Mapped[str] = mapped_column(String(15), default="")
    funding: Mapped[str] = mapped_column(String(120), default="")
    brand: Mapped[str] = mapped_column(String(80), default="")
    model: Mapped[str] = mapped_column(String(80), default="")
    serial_number: Mapped[str | None] = mapped_column(String(80), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")          # beni di terzi
    grant_title: Mapped[str] = mapped_column(String(200), default="")
    buono_entry_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"))
    status: Mapped[str] = mapped_column(String(20), default=states.IN_USE)
    impegno: Mapped[str] = mapped_column(String(40), default="")   # references to the accounts
    mandato: Mapped[str] = mapped_column(String(40), default="")
    # Art. 31 c.2 (domain/inventory/fields.py): beni immobili and valori mobiliari.
    annual_income: Mapped[Decimal | None] = mapped_column(Cents())   # rendita annua
    cadastral_sheet: Mapped[str] = mapped_column(String(20), default="", server_default="")
    cadastral_parcel: Mapped[str] = mapped_column(String(20), default="", server_default="")
    cadastral_subunit: Mapped[str] = mapped_column(String(20), default="", server_default="")
    cadastral_category: Mapped[str] = mapped_column(String(5), default="", server_default="")
    third_party_rights: Mapped[str] = mapped_column(String(300), default="", server_default="")
    intended_use: Mapped[str] = mapped_column(String(200), default="", server_default="")
    current_use: Mapped[str] = mapped_column(String(200), default="", server_default="")
    maturity_date: Mapped[date | None]                                 # valori: scadenza

    __table_args__ = (UniqueConstraint("register", "number", name="uq_inventory_item_number"),)


class InventoryMovement(Base):
    """A move between rooms: recorded, never an edit of the item's place."""

    __tablename__ = "inventory_movement"

    id: Mapped[intpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    moved_on: Mapped[date]
    from_room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"))
    to_room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


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
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)
    reintegro_amount: Mapped[Decimal | None] = mapped_column(Cents())
    responsible: Mapped[str] = mapped_column(String(200), default="")
    buono_entry_id: Mapped[int | None] = mapped_column(Integer)   # buono di scarico


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
    # domain.md §7: the comodatario's birth data and residence (domain/inventory/loans.py).
    parent_birth_place: Mapped[str] = mapped_column(String(120), default="")
    parent_birth_date: Mapped[date | None]
    parent_residence: Mapped[str] = mapped_column(String(200), default="")
    id_document: Mapped[str] = mapped_column(String(120), default="")
    contacts: Mapped[str] = mapped_column(String(200), default="")
    student_name: Mapped[str] = mapped_column(String(160))
    class_name: Mapped[str] = mapped_column(String(20), default="")
    start: Mapped[date]
    due: Mapped[date]
    criteria: Mapped[str] = mapped_column(String(300), default="")
    returned_on: Mapped[date | None]
    return_notes: Mapped[str] = mapped_column(Text, default="")


class LoanItem(Base):
    __tablename__ = "loan_item"

    id: Mapped[intpk]
    loan_id: Mapped[int] = mapped_column(ForeignKey("loan.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    condition_out: Mapped[str] = mapped_column(String(20))
    condition_back: Mapped[str | None] = mapped_column(String(20))


# --- Custody (art. 30 and 35) -------------------------------------------------------------
class CustodyRole(Base):
    """Consegnatario (the DSGA), sostituti and sub-consegnatari, appointed by DS decree.

    A role ends (``ended_on``) and a new row starts: the history of who answered for the goods
    is kept, as the passaggio di consegne and the auditors need it.
    """

    __tablename__ = "custody_role"

    id: Mapped[intpk]
    # consegnatario | sostituto | sub_consegnatario
    role: Mapped[str] = mapped_column(String(20))
    person_name: Mapped[str] = mapped_column(String(160))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"), index=True)
    decree_number: Mapped[str] = mapped_column(String(40), default="")
    decree_date: Mapped[date | None]
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class Assignment(Base):
    """Affidamento of laboratory goods (art. 35): a numbered verbale in two copies, signed by
    the DSGA and the affidatario, ended by the riconsegna (another numbered verbale)."""

    __tablename__ = "inventory_assignment"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    assignee_name: Mapped[str] = mapped_column(String(160))
    assignee_role: Mapped[str] = mapped_column(String(40))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), index=True)
    started_on: Mapped[date]
    ds_indication: Mapped[str] = mapped_column(String(200), default="")
    ended_on: Mapped[date | None]
    end_entry_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"))
    end_notes: Mapped[str] = mapped_column(Text, default="")


class AssignmentItem(Base):
    __tablename__ = "inventory_assignment_item"

    id: Mapped[intpk]
    assignment_id: Mapped[int] = mapped_column(ForeignKey("inventory_assignment.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    condition_out: Mapped[str] = mapped_column(String(20))
    condition_back: Mapped[str | None] = mapped_column(String(20))


class MaintenanceRecord(Base):
    """Maintenance and repair log of one good, kept by the assistenti tecnici."""

    __tablename__ = "inventory_maintenance"

    id: Mapped[intpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    done_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20), default="manutenzione")
    description: Mapped[str] = mapped_column(Text)
    done_by: Mapped[str] = mapped_column(String(160), default="")
    cost: Mapped[Decimal | None] = mapped_column(Cents())
    warranty_until: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


# --- Ricognizione (domain.md 1.8) ---------------------------------------------------------
class Ricognizione(Base):
    """The verbale of the ricognizione of one room (numbered yearly)."""

    __tablename__ = "inventory_check"   # the table keeps its first name (no migration)

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), index=True)
    checked_on: Mapped[date]
    general: Mapped[bool] = mapped_column(default=True)   # part of the 5-year ricognizione
    commission: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class RicognizioneLine(Base):
    """One outcome: confermato, spostato, mancante, non_registrato, inservibile, rettifica."""

    __tablename__ = "inventory_check_line"

    id: Mapped[intpk]
    check_id: Mapped[int] = mapped_column(ForeignKey("inventory_check.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    code: Mapped[str] = mapped_column(String(60), default="")
    outcome: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")   # of a good not registered
    estimated_value: Mapped[Decimal | None] = mapped_column(Cents())
    new_item_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_item.id"))


class RicognizioneRead(Base):
    """One label read (or typed) during the check of a room, in order, with its outcome
    (trovato, altrove, ripetuto, sconosciuto, ignorato) and why: the verbale lists them all."""

    __tablename__ = "inventory_check_scan"

    id: Mapped[intpk]
    check_id: Mapped[int] = mapped_column(ForeignKey("inventory_check.id"), index=True)
    seq: Mapped[int]
    code: Mapped[str] = mapped_column(String(60))
    result: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")


# --- Values, rinnovo (domain.md 1.7-1.8) --------------------------------------------------
class DepreciationRate(Base):
    """Annual ammortamento rate per category, editable by the school (defaults are marked)."""

    __tablename__ = "depreciation_rate"

    id: Mapped[intpk]
    category: Mapped[str] = mapped_column(String(80), unique=True)
    rate_hundredths: Mapped[int]            # 25 % -> 2500: a percentage kept exact
    is_default: Mapped[bool] = mapped_column(default=True)


class RegisterSeries(Base):
    """The registers in use: a rinnovo closes a series and opens a new one (numbers from 1)."""

    __tablename__ = "inventory_series"

    id: Mapped[intpk]
    base: Mapped[str] = mapped_column(String(40), index=True)     # e.g. inv-mobili
    code: Mapped[str] = mapped_column(String(40), unique=True)     # e.g. inv-mobili.2026
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    decree_number: Mapped[str] = mapped_column(String(40), default="")
    decree_date: Mapped[date | None]
    commission: Mapped[str] = mapped_column(Text, default="")


class RenewalMapEntry(Base):
    """Old number -> new number at a rinnovo, with the revalued value."""

    __tablename__ = "inventory_renewal_map"

    id: Mapped[intpk]
    series_id: Mapped[int] = mapped_column(ForeignKey("inventory_series.id"), index=True)
    old_item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), unique=True)
    new_item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), unique=True)
    old_value: Mapped[Decimal] = mapped_column(Cents())
    new_value: Mapped[Decimal] = mapped_column(Cents())


# --- Vendita and cessione (art. 34) ---------------------------------------------------------
class Sale(Base):
    """Goods out of use offered for sale (avviso, offers, award) or ceded (art. 34)."""

    __tablename__ = "inventory_sale"

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(String(30), default="vendita")
    decree_number: Mapped[str] = mapped_column(String(40), default="")
    decree_date: Mapped[date | None]
    valuation_basis: Mapped[str] = mapped_column(String(20), default="inventario")
    commission_report: Mapped[str] = mapped_column(Text, default="")
    published_on: Mapped[date | None]
    offers_deadline: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="aperta")
    awarded_offer_id: Mapped[int | None] = mapped_column(Integer)
    counterpart: Mapped[str] = mapped_column(String(200), default="")   # ente or buyer
    discharge_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_discharge.id"))
    notes: Mapped[str] = mapped_column(Text, default="")


class SaleItem(Base):
    __tablename__ = "inventory_sale_item"

    id: Mapped[intpk]
    sale_id: Mapped[int] = mapped_column(ForeignKey("inventory_sale.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_item.id"), index=True)
    base_value: Mapped[Decimal] = mapped_column(Cents())


class SaleOffer(Base):
    __tablename__ = "inventory_sale_offer"

    id: Mapped[intpk]
    sale_id: Mapped[int] = mapped_column(ForeignKey("inventory_sale.id"), index=True)
    bidder: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Cents())
    received_on: Mapped[date]
    notes: Mapped[str] = mapped_column(Text, default="")


# --- Passaggio di consegne (art. 30 c.5) ---------------------------------------------------
class Handover(Base):
    """The verbale of the handover between the outgoing and the incoming DSGA."""

    __tablename__ = "inventory_handover"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    cessation_date: Mapped[date]
    handover_date: Mapped[date]
    place: Mapped[str] = mapped_column(String(120), default="")
    outgoing_dsga: Mapped[str] = mapped_column(String(160))
    incoming_dsga: Mapped[str] = mapped_column(String(160))
    dirigente: Mapped[str] = mapped_column(String(160))
    presidente_ci: Mapped[str] = mapped_column(String(160))
    witnesses: Mapped[str] = mapped_column(String(300), default="")
    outgoing_absent: Mapped[bool] = mapped_column(default=False)
    absence_reason: Mapped[str] = mapped_column(Text, default="")
    check_mode: Mapped[str] = mapped_column(String(20), default="completa")   # or campione
    outcome: Mapped[str] = mapped_column(Text, default="")


class HandoverRegister(Base):
    """Snapshot of one register at the handover date: goods and total value."""

    __tablename__ = "inventory_handover_register"

    id: Mapped[intpk]
    handover_id: Mapped[int] = mapped_column(ForeignKey("inventory_handover.id"), index=True)
    register: Mapped[str] = mapped_column(String(40))
    items: Mapped[int]
    total: Mapped[Decimal] = mapped_column(Cents())
