"""Acquisti: what the tab and the prints read (plain rows, no ORM objects): the invoices
received, as the Registro unico delle fatture lists them. Amounts come back as Decimal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.money import from_cents
from ..domain.procurement import rules
from ..domain.procurement.fatturapa import DOCUMENT_TYPES
from ..models.procurement import ProcurementSetting


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class InvoiceListRow:
    id: int
    year: int
    number: int
    received_on: date
    supplier: str
    supplier_vat: str
    document_type: str
    invoice_number: str
    invoice_date: date
    taxable: Decimal
    tax: Decimal
    total: Decimal
    payable: Decimal
    split_payment: bool
    due_on: date | None
    cig: str
    cup: str
    status: str
    warnings: str
    schema_problems: str
    paid_on: date | None = None
    supplier_id: int | None = None
    term_days: int = rules.PAYMENT_WITHIN_DAYS   # the school's term (payment_days)

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def document_label(self) -> str:
        return DOCUMENT_TYPES.get(self.document_type, self.document_type)

    @property
    def state_label(self) -> str:
        return rules.INVOICE.label(self.status)

    @property
    def payment_due(self) -> date:
        """The due date the invoice states, else the school's term from its receipt [U]."""
        return rules.payment_due(self.received_on, self.due_on, self.term_days)

    @property
    def has_warnings(self) -> bool:
        return bool(self.warnings or self.schema_problems)

    def days_waited(self, today: date) -> int:
        """From receipt to payment, or to ``today`` while unpaid."""
        return ((self.paid_on or today) - self.received_on).days


_LIST = (
    "SELECT i.id, i.year, i.number, i.received_on, s.name, s.vat, i.document_type, "
    "i.invoice_number, i.invoice_date, i.taxable, i.tax, i.total, i.payable, "
    "i.split_payment, i.due_on, i.cig, i.cup, i.status, i.warnings, f.schema_problems, "
    "i.paid_on, i.supplier_id "
    "FROM procurement_invoice i JOIN procurement_supplier s ON s.id = i.supplier_id "
    "JOIN procurement_invoice_file f ON f.id = i.file_id "
    "WHERE (CAST(:y AS INTEGER) IS NULL OR i.year = :y) AND (:unpaid = 0 OR i.paid_on IS NULL) "
    "AND (CAST(:i AS INTEGER) IS NULL OR i.id = :i) "
    "ORDER BY i.year DESC, i.number DESC")


def list_invoices(db: Database, year: int | None = None, *, unpaid_only: bool = False,
                  invoice_id: int | None = None) -> list[InvoiceListRow]:
    """The invoices received (of register year ``year``, or all; only those not yet paid
    with ``unpaid_only``; only ``invoice_id``, if given), the latest first."""
    with read_session(db) as s:
        rows = s.execute(text(_LIST), {"y": year, "unpaid": int(unpaid_only),
                                       "i": invoice_id}).all()
        days = payment_days_of(s)
    return [InvoiceListRow(r[0], r[1], r[2], _day(r[3]), r[4], r[5], r[6], r[7], _day(r[8]),
                           from_cents(r[9]), from_cents(r[10]), from_cents(r[11]),
                           from_cents(r[12]), bool(r[13]), _day(r[14]), r[15], r[16], r[17],
                           r[18] or "", r[19] or "", _day(r[20]), r[21], days)
            for r in rows]


def payment_days_of(s) -> int:
    """The school's term for paying an invoice that states no due date, in days from its
    receipt (procurement_setting.payment_days; the default «[U]» when not set)."""
    row = s.get(ProcurementSetting, 1)
    return row.payment_days if row is not None else rules.PAYMENT_WITHIN_DAYS


def payment_days(db: Database) -> int:
    with read_session(db) as s:
        return payment_days_of(s)


def invoice_years(db: Database) -> list[int]:
    with read_session(db) as s:
        return [r[0] for r in s.execute(text(
            "SELECT DISTINCT year FROM procurement_invoice ORDER BY year DESC"))]
