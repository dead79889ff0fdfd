"""How the change log names the Acquisti tables and their stored codes."""
from __future__ import annotations

from ..audit_labels import AuditLabels
from . import labels as _labels  # noqa: F401 - the column labels
from . import rules
from .fatturapa import DOCUMENT_TYPES, ESIGIBILITA

LABELS = AuditLabels(
    entities={"procurement_supplier": "Fornitore",
              "procurement_invoice_file": "File di fattura elettronica",
              "procurement_invoice": "Fattura ricevuta",
              "procurement_invoice_line": "Riga della fattura",
              "procurement_invoice_vat": "Riepilogo IVA della fattura"},
    values={"procurement_invoice.status": dict(rules.INVOICE.labels),
            "procurement_invoice.document_type": dict(DOCUMENT_TYPES),
            "esigibilita": dict(ESIGIBILITA)},
)
