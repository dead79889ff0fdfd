"""Liquidation of an invoice matched to its order (D.I. 129/2018 arts. 16-17): one action
writes, in one transaction, the liquidazione on the procedure's impegno and its mandato in
Fondi (services/funds/spending.py), to the supplier's conto dedicato in force (L. 136/2010
art. 3), and annotates the invoice with the inventory numbers of the goods it paid for (art.
17 c.3: from the carico of the order's deliveries).

Refused, with nothing written: an invoice not matched to an order, or already liquidated or
refused; an order whose delivery has no verbale with a positive outcome (conforme, or
conforme con riserva); a supplier without a regular DURC valid at the payment date, or
without a declaration of the conto dedicato; a procedure without its impegno.

The liquidazione and the mandato are for the invoice's total, as the impegno committed the
gross amount (the split payment of IVA is not handled by Fondi yet).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ...areas.funds import LIQUIDATE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.funds.creditor import Creditor
from ...domain.procurement import acceptance as acc
from ...domain.procurement import rules
from ...domain.procurement import suppliers as sup
from ...domain.procurement.fatturapa import DOCUMENT_TYPES
from ...models.procurement import (
    Delivery,
    DeliveryLine,
    Invoice,
    Procedure,
    PurchaseOrder,
    PurchaseOrderLine,
    Supplier,
    SupplierBankAccount,
    SupplierDurc,
    Verification,
)
from ..funds.spending import (
    LiquidationInput,
    PaymentOrderInput,
    liquidate_in,
    pay_in,
)

POSITIVE = (acc.CONFORME, acc.WITH_RESERVE)


@dataclass(frozen=True)
class Liquidated:
    invoice_id: int
    liquidation: tuple[int, int]        # (number, year)
    payment_order: tuple[int, int]
    iban: str
    inventory_note: str


def durc_refusal_in(s, supplier: Supplier, day: date, purpose: str) -> str:
    durcs = [sup.DurcFact(d.id, d.issued_on, d.expires_on, d.outcome)
             for d in s.scalars(select(SupplierDurc).where(
                 SupplierDurc.supplier_id == supplier.id))]
    return sup.durc_refusal(durcs, day, supplier.name, purpose)


def _verbale(s, order_id: int) -> Verification | None:
    return s.scalar(select(Verification).join(Delivery, Delivery.id == Verification.delivery_id)
                    .where(Delivery.order_id == order_id, Delivery.annulled_on.is_(None),
                           Verification.annulled_on.is_(None),
                           Verification.outcome.in_(POSITIVE))
                    .order_by(Verification.verified_on.desc(), Verification.id.desc()))


def inventory_note_in(s, order_id: int) -> str:
    """«Microscopio ottico: inventario n. 1, 2 (inv-mobili); …» from the order's carichi."""
    rows = s.execute(select(PurchaseOrderLine.description, DeliveryLine.inventory_register,
                            DeliveryLine.inventory_numbers)
                     .join(PurchaseOrderLine, PurchaseOrderLine.id == DeliveryLine.order_line_id)
                     .join(Delivery, Delivery.id == DeliveryLine.delivery_id)
                     .where(Delivery.order_id == order_id, Delivery.annulled_on.is_(None),
                            DeliveryLine.destination == acc.INVENTORY,
                            DeliveryLine.inventory_numbers != "")
                     .order_by(PurchaseOrderLine.line_no, DeliveryLine.id)).all()
    return "; ".join(f"{d}: inventario n. {n} ({r})" for d, r, n in rows)


@requires(LIQUIDATE)
def liquidate_invoice(db: Database, invoice_id: int, *, liquidated_on: date,
                      paid_on: date | None = None) -> Liquidated:
    paid_on = paid_on or liquidated_on
    for name, day in (("liquidated_on", liquidated_on), ("paid_on", paid_on)):
        if not isinstance(day, date):
            raise ValidationError({name: "Indicare la data."})
        if day > date.today():
            raise ValidationError({name: "La data non può essere futura."})
    if paid_on < liquidated_on:
        raise ValidationError({"paid_on": "Il mandato non precede la liquidazione."})
    with unit_of_work(db, reason="Liquidazione e pagamento di una fattura") as s:
        found = lock_rows(s, Invoice, [invoice_id])
        if not found:
            raise DomainError("La fattura indicata non esiste più nel registro.")
        inv = found[0]
        if inv.status != "abbinata" or inv.order_id is None:
            raise ValidationError({"invoice_id": (
                "La fattura non è abbinata a un ordine: abbinarla prima di liquidarla."
                if inv.status == "ricevuta" else
                f"La fattura è «{rules.INVOICE.label(inv.status)}»: non si liquida.")})
        if liquidated_on < inv.received_on:
            raise ValidationError({"liquidated_on": (
                f"La liquidazione non precede la ricezione della fattura, il "
                f"{format_date(inv.received_on)}.")})
        order = s.get(PurchaseOrder, inv.order_id)
        proc = s.get(Procedure, order.procedure_id)
        supplier = lock_rows(s, Supplier, [inv.supplier_id])[0]
        if supplier.id != order.supplier_id:
            raise ValidationError({"invoice_id": (
                f"La fattura è di {supplier.name}, l'ordine n. {order.number}/{order.year} "
                "di un altro fornitore: non si liquida.")})
        verbale = _verbale(s, order.id)
        if verbale is None:
            raise ValidationError({"invoice_id": (
                f"La fornitura dell'ordine n. {order.number}/{order.year} non è stata "
                "accettata: manca il verbale di verifica con esito positivo (art. 16 D.I. "
                "129/2018).")})
        if proc.commitment_id is None:
            raise ValidationError({"invoice_id": (
                f"La procedura n. {proc.number}/{proc.year} non ha l'impegno di spesa: "
                "attestare la copertura prima di liquidare.")})
        refusal = durc_refusal_in(s, supplier, paid_on, "il pagamento")
        if refusal:
            raise ValidationError({"paid_on": refusal})
        accounts = [sup.AccountFact(a.id, a.iban, a.declared_on, a.revoked_on)
                    for a in s.scalars(select(SupplierBankAccount).where(
                        SupplierBankAccount.supplier_id == supplier.id,
                        SupplierBankAccount.declared_on <= paid_on))]
        account = sup.account_in_force(accounts)
        if account is None:
            raise ValidationError({"paid_on": (
                f"{supplier.name}: nessun conto corrente dedicato dichiarato alla data del "
                f"{format_date(paid_on)} (L. 136/2010 art. 3): il pagamento non si "
                "dispone.")})
        label = (f"{DOCUMENT_TYPES.get(inv.document_type, 'Fattura')} n. {inv.invoice_number} "
                 f"del {format_date(inv.invoice_date)}")
        check = (f"Verbale di verifica n. {verbale.number}/{verbale.year} del "
                 f"{format_date(verbale.verified_on)} ({acc.OUTCOMES[verbale.outcome]})")
        liq = liquidate_in(s, LiquidationInput(proc.commitment_id, liquidated_on, inv.total,
                                               check, label[:120]))
        vat = (supplier.vat or "").removeprefix("IT")
        tax_code = supplier.tax_code if supplier.tax_code and supplier.tax_code != vat else ""
        mandato = pay_in(s, PaymentOrderInput(
            liq.id, paid_on, f"Pagamento {label} – {proc.object}"[:300],
            Creditor(supplier.name, tax_code, vat, account.iban)))
        note = inventory_note_in(s, order.id)
        inv.liquidation_id, inv.payment_order_id, inv.paid_on = liq.id, mandato.id, paid_on
        inv.status = rules.INVOICE.move(rules.INVOICE.move(inv.status, "liquidata"), "pagata")
        inv.inventory_note = note
        s.flush()
        s.commit()
        return Liquidated(inv.id, (liq.number, liq.year), (mandato.number, mandato.year),
                          account.iban, note)
