"""Matching an invoice received to the order it bills (issue 17 item 5): by CIG, by the order
reference the invoice writes (DatiOrdineAcquisto), by supplier and by amount.

What an order still has to be invoiced is derived from its rows: the order's total (its lines
with IVA) less the totals of the invoices matched to it (a credit note, TD04, counts with its
sign reversed). The differences between an invoice and its order are shown in the invoice's
scheda; they do not forbid the match (the clerk decides), but liquidation reads them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..money import format_money

AUTOMATIC = "automatica"
MANUAL = "manuale"
MATCH_KINDS = {AUTOMATIC: "proposta all'importazione", MANUAL: "scelta dall'ufficio"}
CREDIT_NOTES = frozenset({"TD04"})


@dataclass(frozen=True)
class OrderFacts:
    id: int
    year: int
    number: int
    supplier_id: int
    supplier_vat: str
    cig: str
    total: Decimal
    invoiced: Decimal          # by the invoices matched to it, this one excluded

    @property
    def remaining(self) -> Decimal:
        return self.total - self.invoiced

    @property
    def label(self) -> str:
        return f"ordine n. {self.number}/{self.year}"


@dataclass(frozen=True)
class InvoiceFacts:
    supplier_id: int
    supplier_vat: str
    cig: str
    order_reference: str
    total: Decimal
    document_type: str = "TD01"

    @property
    def signed_total(self) -> Decimal:
        return -self.total if self.document_type in CREDIT_NOTES else self.total


def digits(vat: str) -> str:
    return "".join(ch for ch in (vat or "") if ch.isdigit())


def invoiced_amount(total: Decimal, document_type: str) -> Decimal:
    """What an invoice adds to its order's invoiced amount."""
    return -total if document_type in CREDIT_NOTES else total


_REF = re.compile(r"(\d+)\s*(?:[/\-]\s*(\d{2,4}))?")


def reference_matches(reference: str, number: int, year: int) -> bool:
    """«Ordine 3/2021», «3-21», «n. 3 del 2021» or just «3» name order 3 of 2021."""
    for m in _REF.finditer(reference or ""):
        n, y = int(m.group(1)), m.group(2)
        if n != number:
            continue
        if y is None or int(y) in (year, year % 100):
            return True
    return False


def _same_supplier(invoice: InvoiceFacts, order: OrderFacts) -> bool:
    if invoice.supplier_id == order.supplier_id:
        return True
    a, b = digits(invoice.supplier_vat), digits(order.supplier_vat)
    return bool(a) and a == b


def score(invoice: InvoiceFacts, order: OrderFacts) -> int:
    """How well an order fits: CIG 4, reference 3, supplier 2, amount within what remains 1."""
    points = 0
    if invoice.cig and invoice.cig.strip().upper() == order.cig.strip().upper():
        points += 4
    if reference_matches(invoice.order_reference, order.number, order.year):
        points += 3
    if _same_supplier(invoice, order):
        points += 2
    if 0 < invoice.signed_total <= order.remaining:
        points += 1
    return points


def propose(invoice: InvoiceFacts, orders: Sequence[OrderFacts]) -> OrderFacts | None:
    """The order the import proposes: the single best one of the same supplier whose CIG or
    reference the invoice writes; None when none fits or two fit equally."""
    fitting = [(score(invoice, o), o) for o in orders if _same_supplier(invoice, o)]
    fitting = [(p, o) for p, o in fitting if p >= 5]      # supplier + CIG or reference
    if not fitting:
        return None
    fitting.sort(key=lambda x: -x[0])
    if len(fitting) > 1 and fitting[0][0] == fitting[1][0]:
        return None
    return fitting[0][1]


def differences(invoice: InvoiceFacts, order: OrderFacts) -> tuple[str, ...]:
    """What does not agree between the invoice and its order, in Italian."""
    out = []
    if not invoice.cig:
        out.append(f"CIG mancante in fattura (l'{order.label} ha CIG {order.cig or '—'}).")
    elif order.cig and invoice.cig.strip().upper() != order.cig.strip().upper():
        out.append(f"CIG diverso: in fattura {invoice.cig}, sull'{order.label} {order.cig}.")
    if not _same_supplier(invoice, order):
        out.append(f"Fornitore diverso da quello dell'{order.label} "
                   f"(partita IVA {order.supplier_vat or '—'}).")
    if invoice.signed_total > order.remaining:
        out.append(f"Importo oltre il residuo da fatturare: la fattura è di "
                   f"{format_money(invoice.signed_total)}, sull'{order.label} restano "
                   f"{format_money(order.remaining)} da fatturare.")
    return tuple(out)
