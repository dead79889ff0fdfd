"""What the matching of invoices to orders reads (services/procurement/matching.py): each
order with its CIG, supplier and what it was invoiced, from the matched invoices' rows; the
orders an invoice may bill, the best fitting first, with their differences."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ..areas.procurement import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.errors import DomainError
from ..domain.procurement import matching as m
from ..models.procurement import Invoice, Procedure, PurchaseOrder, Supplier

COUNTING = ("ricevuta", "abbinata", "liquidata", "pagata")


def invoiced_on(s, order_id: int, *, excluding: int | None = None) -> Decimal:
    """The sum of the invoices matched to the order (credit notes negative), from the rows."""
    rows = s.execute(select(Invoice.total, Invoice.document_type).where(
        Invoice.order_id == order_id, Invoice.status.in_(COUNTING),
        *([Invoice.id != excluding] if excluding is not None else []))).all()
    return sum((m.invoiced_amount(t, k) for t, k in rows), Decimal("0.00"))


def orders_in(s, *, excluding: int | None, only: int | None = None) -> list[m.OrderFacts]:
    q = (select(PurchaseOrder.id, PurchaseOrder.year, PurchaseOrder.number,
                PurchaseOrder.supplier_id, Supplier.vat, Procedure.cig, PurchaseOrder.total)
         .join(Procedure, Procedure.id == PurchaseOrder.procedure_id)
         .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
         .order_by(PurchaseOrder.year, PurchaseOrder.number))
    if only is not None:
        q = q.where(PurchaseOrder.id == only)
    return [m.OrderFacts(r.id, r.year, r.number, r.supplier_id, r.vat or "", r.cig or "",
                         r.total, invoiced_on(s, r.id, excluding=excluding))
            for r in s.execute(q)]


def facts_of(s, invoice: Invoice) -> m.InvoiceFacts:
    vat = s.scalar(select(Supplier.vat).where(Supplier.id == invoice.supplier_id)) or ""
    return m.InvoiceFacts(invoice.supplier_id, vat, invoice.cig, invoice.order_reference,
                          invoice.total, invoice.document_type)


@dataclass(frozen=True)
class OrderChoice:
    id: int
    label: str                  # «Ordine n. 3/2021 – Rossi S.r.l. – CIG Z0123…»
    remaining: Decimal
    score: int
    proposed: bool
    differences: tuple[str, ...]


@requires(READ)
def order_choices(db: Database, invoice_id: int) -> list[OrderChoice]:
    """The orders the invoice may bill, the best fitting first, with their differences."""
    with read_session(db) as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None:
            raise DomainError("La fattura indicata non esiste più nel registro.")
        facts = facts_of(s, invoice)
        orders = orders_in(s, excluding=invoice.id)
        names = dict(s.execute(select(Supplier.id, Supplier.name)).all())
        best = m.propose(facts, orders)
        out = [OrderChoice(o.id, f"Ordine n. {o.number}/{o.year} – {names.get(o.supplier_id)}"
                           + (f" – CIG {o.cig}" if o.cig else ""), o.remaining,
                           m.score(facts, o), best is not None and best.id == o.id,
                           m.differences(facts, o)) for o in orders]
    return sorted(out, key=lambda c: (-c.score, c.id))
