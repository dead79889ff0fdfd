"""Attachments of an invoice received (the verbale di regolare fornitura, the DDT, the
supplier's letter): PDF or image files, never deleted, withdrawn with a reason."""
from __future__ import annotations

from ...areas.procurement import INVOICES
from ...db.access import requires
from ...db.engine import Database
from ...domain.errors import DomainError
from ...models.procurement import Invoice
from .. import attachments

KIND = "procurement_invoice"


def _invoice(s, invoice_id: int) -> Invoice:
    invoice = s.get(Invoice, invoice_id)
    if invoice is None:
        raise DomainError("Fattura inesistente nel registro.")
    return invoice


@requires(INVOICES)
def attach_to_invoice(db: Database, invoice_id: int, path) -> int:
    """Attach a PDF or image file to an invoice received."""
    return attachments._attach_file(db, KIND, invoice_id, path, lambda s: _invoice(s, invoice_id))


@requires(INVOICES)
def withdraw_invoice_attachment(db: Database, invoice_id: int, attachment_id: int,
                                reason: str) -> None:
    """Withdraw a wrong attachment of an invoice, with the reason (never deleted)."""
    attachments._withdraw_file(db, KIND, invoice_id, attachment_id, reason,
                              lambda s: _invoice(s, invoice_id))
