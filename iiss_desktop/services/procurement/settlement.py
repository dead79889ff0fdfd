"""An invoice received, tied to the liquidazione that pays it (D.I. 129/2018 art. 16: the
DSGA liquidates on the invoice, after the check of regular supply) and, once the mandato is
issued, paid: the register of invoices then prints the payment date and the days it took.

Settling annotates the invoice of an order with the inventory numbers of the goods it paid
for (D.I. 129/2018 art. 17 c.3: from the carico of the order's deliveries), as the
liquidation of a matched invoice does (liquidation.inventory_note_in).

The liquidazione must be for the invoice's amount: the total, or what goes to the supplier
under split payment; a liquidazione pays one invoice; a mandato whose creditor has another
partita IVA than the invoice's supplier is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ...areas.procurement import INVOICES
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.errors import DomainError, ValidationError
from ...domain.money import format_money
from ...domain.procurement import rules
from ...models.funds import Liquidation, PaymentOrder
from ...models.procurement import Invoice, Supplier
from .liquidation import inventory_note_in


@dataclass(frozen=True)
class Settled:
    invoice_id: int
    status: str
    paid_on: date | None


def _digits(vat: str) -> str:
    return "".join(ch for ch in (vat or "") if ch.isdigit())


@requires(INVOICES)
def settle_invoice(db: Database, invoice_id: int, liquidation_id: int) -> Settled:
    with unit_of_work(db, reason="Fattura collegata alla liquidazione") as s:
        found = lock_rows(s, Invoice, [invoice_id])
        if not found:
            raise DomainError("La fattura indicata non esiste più nel registro.")
        invoice = found[0]
        liquidation = s.get(Liquidation, liquidation_id)
        if liquidation is None:
            raise ValidationError({"liquidation_id": "Indicare una liquidazione registrata."})
        ref = f"n. {liquidation.number}/{liquidation.year}"
        if invoice.liquidation_id not in (None, liquidation.id):
            raise ValidationError({"liquidation_id": (
                "La fattura è già collegata a un'altra liquidazione.")})
        if liquidation.amount not in (invoice.total, invoice.payable):
            raise ValidationError({"liquidation_id": (
                f"La liquidazione {ref} è di {format_money(liquidation.amount)}, la fattura "
                f"di {format_money(invoice.total)} (al fornitore "
                f"{format_money(invoice.payable)}): gli importi non coincidono.")})
        taken = s.scalar(select(Invoice.number).where(Invoice.liquidation_id == liquidation.id,
                                                      Invoice.id != invoice.id))
        if taken is not None:
            raise ValidationError({"liquidation_id": (
                f"La liquidazione {ref} paga già la fattura n. {taken} del registro.")})
        status = rules.INVOICE.move(invoice.status, "liquidata", (
            f"La fattura è «{rules.INVOICE.label(invoice.status)}»: non si collega a una "
            "liquidazione.")) if invoice.status != "liquidata" else "liquidata"
        order = s.scalar(select(PaymentOrder).where(
            PaymentOrder.liquidation_id == liquidation.id))
        if order is not None:
            supplier_vat = s.scalar(select(Supplier.vat).where(
                Supplier.id == invoice.supplier_id))
            if order.creditor_vat and _digits(order.creditor_vat) != _digits(supplier_vat):
                raise ValidationError({"liquidation_id": (
                    f"Il mandato n. {order.number}/{order.year} paga la partita IVA "
                    f"{order.creditor_vat}, la fattura è di {supplier_vat}.")})
            status = rules.INVOICE.move(status, "pagata")
        invoice.liquidation_id = liquidation.id
        invoice.status = status
        if invoice.order_id is not None:
            invoice.inventory_note = inventory_note_in(s, invoice.order_id)
        if order is not None:
            invoice.payment_order_id, invoice.paid_on = order.id, order.issued_on
        s.commit()
        return Settled(invoice.id, status, invoice.paid_on)
