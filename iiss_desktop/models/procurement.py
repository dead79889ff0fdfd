"""Acquisti: suppliers and the invoices received (FatturaPA), each an entry of the «Registro
unico delle fatture» (register «acquisti-fatture» of the legal-register core).

The file an invoice came in is kept as received (XML or signed p7m), with its SHA-256: what
the office shows and prints is read from it, and verify checks it was not changed. Amounts
of the document are integer cents; the lines' quantities and unit prices keep the text the
file wrote (up to 8 decimals in the FatturaPA), their totals are cents. Rows are never
deleted (triggers of the migration); what the register counted never changes.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.procurement import labels as _labels  # noqa: F401 - the column labels
from ..domain.procurement import rules as _registers  # noqa: F401 - defines the register
from .base import Base, Money, created_at, intpk


class Supplier(Base):
    """A supplier (operatore economico). Created by the first invoice it sends when the office
    has not registered it yet."""

    __tablename__ = "procurement_supplier"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    vat: Mapped[str] = mapped_column(String(30), default="", index=True)   # "IT01234567890"
    tax_code: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    pec: Mapped[str] = mapped_column(String(200), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_at]


class InvoiceFile(Base):
    """A file as received: a FatturaPA XML or its signed p7m (a ZIP is opened into these)."""

    __tablename__ = "procurement_invoice_file"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # The official schema's findings, in Italian, one per line; "" when the file is valid.
    schema_problems: Mapped[str] = mapped_column(Text, default="")
    # Who confirmed the import of a file with findings (the warning stays on its invoices).
    schema_accepted_by_id: Mapped[int | None] = mapped_column(Integer)
    received_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[created_at]


class Invoice(Base):
    """An invoice received, entry of the register «acquisti-fatture»."""

    __tablename__ = "procurement_invoice"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    received_on: Mapped[date]
    file_id: Mapped[int] = mapped_column(ForeignKey("procurement_invoice_file.id"), index=True)
    body: Mapped[int] = mapped_column(Integer)        # 1 for the file's first invoice
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_supplier.id"), index=True)
    transmission_format: Mapped[str] = mapped_column(String(5))
    office_code: Mapped[str] = mapped_column(String(7), default="")
    document_type: Mapped[str] = mapped_column(String(4))
    invoice_number: Mapped[str] = mapped_column(String(20))
    invoice_date: Mapped[date]
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    causale: Mapped[str] = mapped_column(Text, default="")
    taxable: Mapped[Money]
    tax: Mapped[Money]
    total: Mapped[Money]
    payable: Mapped[Money]       # to the supplier: the total less the split-payment IVA
    split_payment: Mapped[bool] = mapped_column(default=False)
    due_on: Mapped[date | None]
    iban: Mapped[str] = mapped_column(String(34), default="")
    cig: Mapped[str] = mapped_column(String(15), default="")    # as the file writes them
    cup: Mapped[str] = mapped_column(String(15), default="")
    order_reference: Mapped[str] = mapped_column(String(20), default="")
    # What does not add up or is not in its format (fatturapa.arithmetic/code_problems).
    warnings: Mapped[str] = mapped_column(Text, default="")
    duplicate_key: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="ricevuta")
    # The liquidazione that pays it (one invoice per liquidazione) and, once issued, its
    # mandato and date: what the register prints as paid and the days it took.
    liquidation_id: Mapped[int | None] = mapped_column(ForeignKey("funds_liquidation.id"),
                                                       unique=True)
    payment_order_id: Mapped[int | None] = mapped_column(ForeignKey("funds_payment_order.id"))
    paid_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class InvoiceLine(Base):
    __tablename__ = "procurement_invoice_line"

    id: Mapped[intpk]
    invoice_id: Mapped[int] = mapped_column(ForeignKey("procurement_invoice.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[str] = mapped_column(String(30), default="")    # as written: "5.00"
    unit: Mapped[str] = mapped_column(String(10), default="")
    unit_price: Mapped[str] = mapped_column(String(30))              # as written
    total: Mapped[Money]
    vat_rate: Mapped[str] = mapped_column(String(8))                 # "22.00"
    nature: Mapped[str] = mapped_column(String(4), default="")


class InvoiceVat(Base):
    """A line of the invoice's IVA summary (DatiRiepilogo)."""

    __tablename__ = "procurement_invoice_vat"

    id: Mapped[intpk]
    invoice_id: Mapped[int] = mapped_column(ForeignKey("procurement_invoice.id"), index=True)
    rate: Mapped[str] = mapped_column(String(8))
    taxable: Mapped[Money]
    tax: Mapped[Money]
    esigibilita: Mapped[str] = mapped_column(String(1), default="")
    nature: Mapped[str] = mapped_column(String(4), default="")
