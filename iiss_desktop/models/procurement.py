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
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.procurement import acceptance as _acceptance  # noqa: F401 - its register
from ..domain.procurement import fields as _fields  # noqa: F401 - the registry's labels
from ..domain.procurement import labels as _labels  # noqa: F401 - the column labels
from ..domain.procurement import procedure as _procedure  # noqa: F401 - its registers
from ..domain.procurement import rules as _registers  # noqa: F401 - defines the register
from .base import Base, Money, created_at, intpk
from .types import Cents


class Supplier(Base):
    """A supplier (operatore economico) of the albo fornitori: registered by the office
    (services/procurement/suppliers.py, fields in domain/procurement/fields.py), or created
    by the first invoice it sends when the office has not registered it yet. Never deleted:
    a supplier no longer used is deactivated."""

    __tablename__ = "procurement_supplier"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    vat: Mapped[str] = mapped_column(String(30), default="", index=True)   # "IT01234567890"
    tax_code: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    pec: Mapped[str] = mapped_column(String(200), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")   # of its first invoice
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_at]
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")


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
    # The order it bills (domain/procurement/matching.py), proposed at import or chosen by
    # the office (migration 0036), and, once liquidated, the inventory numbers of the goods
    # it paid for (D.I. 129/2018 art. 17 c.3).
    order_id: Mapped[int | None] = mapped_column(ForeignKey("procurement_order.id"),
                                                 index=True)
    match_kind: Mapped[str] = mapped_column(String(10), default="", server_default="")
    inventory_note: Mapped[str] = mapped_column(Text, default="", server_default="")


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


# --- the suppliers registry (albo fornitori), migration 0028 ----------------------------------
class SupplierBankAccount(Base):
    """A declaration of the conto corrente dedicato (L. 136/2010 art. 3 c.7): the IBAN and,
    in ``procurement_bank_delegate``, the persons who may operate on it. The one in force is
    the latest not revoked; a declaration is never changed, only revoked with its reason."""

    __tablename__ = "procurement_bank_account"
    __table_args__ = (Index("ix_procurement_bank_account_supplier", "supplier_id",
                            "declared_on"),)

    id: Mapped[intpk]
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_supplier.id"))
    iban: Mapped[str] = mapped_column(String(34))
    bank: Mapped[str] = mapped_column(String(200), default="")
    declared_on: Mapped[date]
    protocol: Mapped[str] = mapped_column(String(60), default="")
    revoked_on: Mapped[date | None]
    revoke_reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class SupplierBankDelegate(Base):
    """A person delegated to operate on a conto dedicato: generalità and codice fiscale."""

    __tablename__ = "procurement_bank_delegate"

    id: Mapped[intpk]
    account_id: Mapped[int] = mapped_column(ForeignKey("procurement_bank_account.id"),
                                            index=True)
    name: Mapped[str] = mapped_column(String(200))
    tax_code: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(100), default="")


class SupplierDurc(Base):
    """A DURC acquired for the supplier: the latest by issue date tells its state."""

    __tablename__ = "procurement_durc"
    __table_args__ = (Index("ix_procurement_durc_supplier", "supplier_id", "issued_on"),)

    id: Mapped[intpk]
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_supplier.id"))
    issued_on: Mapped[date]
    expires_on: Mapped[date]
    outcome: Mapped[str] = mapped_column(String(20), default="regolare")
    protocol: Mapped[str] = mapped_column(String(60), default="")
    recorded_by_id: Mapped[int | None]


class CheckDraw(Base):
    """A draw of the random checks (art. 52 D.Lgs. 36/2023): the period of the declarations,
    the percentage and the seed, so that anyone can repeat it."""

    __tablename__ = "procurement_check_draw"

    id: Mapped[intpk]
    drawn_on: Mapped[date]
    period_from: Mapped[date]
    period_to: Mapped[date]
    percent: Mapped[int]
    seed: Mapped[int]
    candidates: Mapped[int]
    drawn: Mapped[int]
    recorded_by_id: Mapped[int | None]


class SupplierDeclaration(Base):
    """A self-declaration of the requirements (DGUE or dichiarazione sostitutiva), with the
    draw that considered it and, if checked, the outcome of the check."""

    __tablename__ = "procurement_declaration"
    __table_args__ = (Index("ix_procurement_declaration_received", "received_on"),)

    id: Mapped[intpk]
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_supplier.id"),
                                             index=True)
    kind: Mapped[str] = mapped_column(String(30))
    received_on: Mapped[date]
    protocol: Mapped[str] = mapped_column(String(60), default="")
    draw_id: Mapped[int | None] = mapped_column(ForeignKey("procurement_check_draw.id"))
    drawn: Mapped[bool] = mapped_column(default=False)
    check_outcome: Mapped[str] = mapped_column(String(20), default="")
    checked_on: Mapped[date | None]
    check_note: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None]


class SupplierAward(Base):
    """An award (affidamento) to a supplier, written by the procedure that makes it: what the
    rotation principle (art. 49) reads. Amount net of IVA."""

    __tablename__ = "procurement_award"
    __table_args__ = (Index("ix_procurement_award_sector", "sector", "awarded_on"),)

    id: Mapped[intpk]
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_supplier.id"),
                                             index=True)
    awarded_on: Mapped[date]
    object: Mapped[str] = mapped_column(String(300))
    sector: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Money]
    cig: Mapped[str] = mapped_column(String(10), default="")
    rotation_exception: Mapped[str] = mapped_column(String(20), default="")
    motivation: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int | None]


class ProcurementSetting(Base):
    """The area's settings (one row): the percentage of the random checks, decided by the
    school each year (art. 52 c.1: «modalità predeterminate ogni anno»); the limit the
    Consiglio d'istituto set for the dirigente's affidamenti (D.I. 129/2018 art. 45 c.2 lett.
    a; NULL: none set) and whether the school counts as a central authority for the EU
    thresholds (thresholds.py); the term for paying an invoice that states no due date, in
    days from its receipt (D.Lgs 231/2002 art. 4: 30 days, an editable default [U])."""

    __tablename__ = "procurement_setting"

    id: Mapped[intpk]
    check_percent: Mapped[int] = mapped_column(default=10)
    dirigente_limit: Mapped[Decimal | None] = mapped_column(Cents())
    central_authority: Mapped[bool] = mapped_column(default=True, server_default=true())
    payment_days: Mapped[int] = mapped_column(default=30, server_default="30")


# --- the procedure file, migration 0030 ---------------------------------------------------------
class PurchaseRequest(Base):
    """A purchase request of an office, plesso or laboratory, approved or refused (with its
    reason) by the DSGA or the dirigente (domain/procurement/procedure.REQUEST)."""

    __tablename__ = "procurement_request"
    __table_args__ = (Index("ix_procurement_request_day", "requested_on"),)

    id: Mapped[intpk]
    requested_on: Mapped[date]
    unit_kind: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(String(120))
    requested_by: Mapped[str] = mapped_column(String(120))
    object: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(String(500))
    amount: Mapped[Money]                   # estimated, IVA included
    status: Mapped[str] = mapped_column(String(20), default="presentata")
    decided_on: Mapped[date | None]
    decided_as: Mapped[str] = mapped_column(String(20), default="")
    decision_note: Mapped[str] = mapped_column(String(500), default="")
    decided_by_id: Mapped[int | None]
    recorded_by_id: Mapped[int | None]


class Procedure(Base):
    """The procedure file opened by the determina a contrarre (entry of the register
    «acquisti-determine»): the checks of the determina, the coverage the DSGA attested with
    its impegno, the award and, through ``procurement_quote`` and ``procurement_order``, the
    quotations and the order."""

    __tablename__ = "procurement_procedure"

    id: Mapped[intpk]
    request_id: Mapped[int] = mapped_column(ForeignKey("procurement_request.id"), unique=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    decided_on: Mapped[date]
    object: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    sector: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Money]                   # estimated, net of IVA
    vat_rate: Mapped[str] = mapped_column(String(8), default="22")
    proposed_procedure: Mapped[str] = mapped_column(String(30))
    procedure: Mapped[str] = mapped_column(String(30))
    procedure_motivation: Mapped[str] = mapped_column(String(500), default="")
    council_deliberation: Mapped[str] = mapped_column(String(200), default="")
    via_consip: Mapped[bool] = mapped_column(default=False)
    consip_motivation: Mapped[str] = mapped_column(String(500), default="")
    via_mepa: Mapped[bool] = mapped_column(default=False)
    mepa_motivation: Mapped[str] = mapped_column(String(500), default="")
    ddi_derogation: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")     # the checks, one per line
    cig: Mapped[str] = mapped_column(String(10), default="")
    cup: Mapped[str] = mapped_column(String(15), default="")
    rup: Mapped[str] = mapped_column(String(120))
    destination: Mapped[str] = mapped_column(String(20))
    spending_type: Mapped[str] = mapped_column(String(4))
    earmarked_id: Mapped[int | None] = mapped_column(ForeignKey("funds_earmarked.id"))
    status: Mapped[str] = mapped_column(String(20), default="determina")
    coverage_on: Mapped[date | None]
    coverage_by_id: Mapped[int | None]
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("funds_commitment.id"),
                                                      unique=True)
    criterion: Mapped[str] = mapped_column(String(20), default="")
    criterion_text: Mapped[str] = mapped_column(String(300), default="")
    award_id: Mapped[int | None] = mapped_column(ForeignKey("procurement_award.id"),
                                                 unique=True)
    recorded_by_id: Mapped[int | None]


class Quote(Base):
    """An operator invited to quote, and its offer (net of IVA) once received."""

    __tablename__ = "procurement_quote"

    id: Mapped[intpk]
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procurement_procedure.id"),
                                              index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_supplier.id"))
    invited_on: Mapped[date]
    received_on: Mapped[date | None]
    amount: Mapped[Decimal | None] = mapped_column(Cents())
    notes: Mapped[str] = mapped_column(String(300), default="")
    chosen: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None]


class PurchaseOrder(Base):
    """The order letter (entry of the register «acquisti-ordini») to the awardee."""

    __tablename__ = "procurement_order"

    id: Mapped[intpk]
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procurement_procedure.id"),
                                              unique=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    ordered_on: Mapped[date]
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_supplier.id"),
                                             index=True)
    delivery_place: Mapped[str] = mapped_column(String(200))
    delivery_terms: Mapped[str] = mapped_column(String(300), default="")
    delivery_by: Mapped[date | None]
    taxable: Mapped[Money]
    tax: Mapped[Money]
    total: Mapped[Money]
    recorded_by_id: Mapped[int | None]
    # Derived (verify rebuilds it): the totals of the invoices matched to the order; what
    # remains to invoice is total - invoiced.
    invoiced: Mapped[Decimal] = mapped_column(Cents(), default=Decimal("0.00"),
                                              server_default="0")


class PurchaseOrderLine(Base):
    """A line of the order: what the acceptance (carico) and the matching of the invoice
    compare with what was delivered and invoiced."""

    __tablename__ = "procurement_order_line"

    id: Mapped[intpk]
    order_id: Mapped[int] = mapped_column(ForeignKey("procurement_order.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[str] = mapped_column(String(30))          # "3", "2.5"
    unit: Mapped[str] = mapped_column(String(10), default="")
    unit_price: Mapped[Money]                                   # net of IVA
    vat_rate: Mapped[str] = mapped_column(String(8), default="22")
    total: Mapped[Money]                                        # quantity x unit price


# --- the acceptance: delivery, verbale, carico (migration 0030) ---------------------------------
class Delivery(Base):
    """A delivery of an order with its DDT (domain/procurement/acceptance.py); annulled with
    its reason, never deleted."""

    __tablename__ = "procurement_delivery"

    id: Mapped[intpk]
    order_id: Mapped[int] = mapped_column(ForeignKey("procurement_order.id"), index=True)
    delivered_on: Mapped[date]
    ddt_number: Mapped[str] = mapped_column(String(40))
    ddt_date: Mapped[date]
    received_by: Mapped[str] = mapped_column(String(120))
    notes: Mapped[str] = mapped_column(String(500), default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int | None]


class DeliveryLine(Base):
    """What of an order line a delivery brought, and the carico it made: the inventory
    numbers (register and numbers, buono di carico) or the warehouse movement."""

    __tablename__ = "procurement_delivery_line"

    id: Mapped[intpk]
    delivery_id: Mapped[int] = mapped_column(ForeignKey("procurement_delivery.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("procurement_order_line.id"),
                                               index=True)
    quantity: Mapped[str] = mapped_column(String(30))          # "3", "2.5"
    destination: Mapped[str] = mapped_column(String(20), default="")    # once loaded
    inventory_register: Mapped[str] = mapped_column(String(40), default="")
    inventory_numbers: Mapped[str] = mapped_column(String(500), default="")   # "12, 13"
    buono_entry_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"))
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_movement.id"))
    loaded_on: Mapped[date | None]


class Verification(Base):
    """The verbale of the verifica di conformità (or the certificato di regolare esecuzione)
    of a delivery, numbered in «acquisti-collaudi»; annulled by an annulment row of its
    register, with the reason."""

    __tablename__ = "procurement_verification"

    id: Mapped[intpk]
    delivery_id: Mapped[int] = mapped_column(ForeignKey("procurement_delivery.id"),
                                             index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    verified_on: Mapped[date]
    verified_by: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    annulled_on: Mapped[date | None]
    annul_reason: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int | None]
