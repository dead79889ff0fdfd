"""Matching each invoice received to the order it bills (domain/procurement/matching.py):
proposed at import, inside the import's transaction, when one order of the same supplier fits
by CIG or order reference; chosen (or undone) by the office with ``match_invoice``.

Each order keeps its invoiced amount (``procurement_order.invoiced``), the sum of the invoices
matched to it, rewritten from those rows on every match; verify rebuilds it
(db/verify_procurement.py). A refused invoice counts for nothing; a liquidated or paid
invoice stays on its order (one settled before its order was recorded may still be matched,
once).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ...areas.procurement import INVOICES
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.errors import DomainError, ValidationError
from ...domain.procurement import matching as m
from ...domain.procurement import rules
from ...models.procurement import Invoice, PurchaseOrder
from ...queries.procurement_matching import facts_of, invoiced_on, orders_in


def rebuild_invoiced(s, order_id: int) -> None:
    order = s.get(PurchaseOrder, order_id)
    value = invoiced_on(s, order_id)
    if order.invoiced != value:
        order.invoiced = value


def propose_at_import(s, invoice: Invoice) -> None:
    """Inside the import: match the new invoice to the order that fits, if exactly one."""
    if s.scalar(select(func.count(PurchaseOrder.id))) == 0:
        return
    found = m.propose(facts_of(s, invoice), orders_in(s, excluding=invoice.id))
    if found is None:
        return
    invoice.order_id, invoice.match_kind = found.id, m.AUTOMATIC
    invoice.status = rules.INVOICE.move(invoice.status, "abbinata")
    s.flush()
    lock_rows(s, PurchaseOrder, [found.id])
    rebuild_invoiced(s, found.id)


@dataclass(frozen=True)
class Matched:
    invoice_id: int
    order_id: int | None
    differences: tuple[str, ...]


@requires(INVOICES)
def match_invoice(db: Database, invoice_id: int, order_id: int | None) -> Matched:
    """The office's choice: the invoice bills ``order_id`` (None: it bills no order)."""
    with unit_of_work(db, reason="Fattura abbinata all'ordine") as s:
        found = lock_rows(s, Invoice, [invoice_id])
        if not found:
            raise DomainError("La fattura indicata non esiste più nel registro.")
        invoice = found[0]
        settled = invoice.status in ("liquidata", "pagata")
        if invoice.status == "rifiutata" or (settled and (invoice.order_id is not None
                                                           or order_id is None)):
            raise ValidationError({"order_id": (
                f"La fattura è «{rules.INVOICE.label(invoice.status)}»: l'abbinamento "
                "all'ordine non si cambia più.")})
        before = invoice.order_id
        if order_id is not None and not lock_rows(s, PurchaseOrder, [order_id]):
            raise ValidationError({"order_id": "Indicare un ordine emesso."})
        if before is not None and before != order_id:
            lock_rows(s, PurchaseOrder, [before])
        invoice.order_id = order_id
        invoice.match_kind = m.MANUAL if order_id is not None else ""
        if not settled:     # one paid before its order was recorded keeps its state
            invoice.status = "abbinata" if order_id is not None else "ricevuta"
        s.flush()
        for oid in {before, order_id} - {None}:
            rebuild_invoiced(s, oid)
        diffs = ()
        if order_id is not None:
            order = orders_in(s, excluding=invoice.id, only=order_id)[0]
            diffs = m.differences(facts_of(s, invoice), order)
        s.commit()
        return Matched(invoice_id, order_id, diffs)
