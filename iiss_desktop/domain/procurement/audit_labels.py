"""How the change log names the Acquisti tables and their stored codes."""
from __future__ import annotations

from ..audit_labels import AuditLabels
from . import acceptance as acc
from . import labels as _labels  # noqa: F401 - the column labels
from . import procedure as proc
from . import rules
from .fatturapa import DOCUMENT_TYPES, ESIGIBILITA
from .matching import MATCH_KINDS
from .rotation import EXCEPTIONS
from .suppliers import CHECK_OUTCOMES, DECLARATION_KINDS, DURC_OUTCOMES
from .thresholds import KINDS, PROCEDURES

LABELS = AuditLabels(
    entities={"procurement_supplier": "Fornitore",
              "procurement_invoice_file": "File di fattura elettronica",
              "procurement_invoice": "Fattura ricevuta",
              "procurement_invoice_line": "Riga della fattura",
              "procurement_invoice_vat": "Riepilogo IVA della fattura",
              "procurement_bank_account": "Conto corrente dedicato del fornitore "
                                          "(L. 136/2010)",
              "procurement_bank_delegate": "Persona delegata a operare sul conto dedicato",
              "procurement_durc": "DURC del fornitore",
              "procurement_declaration": "Dichiarazione dei requisiti del fornitore",
              "procurement_check_draw": "Sorteggio dei controlli a campione",
              "procurement_award": "Affidamento a un fornitore",
              "procurement_setting": "Impostazioni degli acquisti",
              "procurement_request": "Richiesta d'acquisto",
              "procurement_procedure": "Procedura d'acquisto (determina a contrarre)",
              "procurement_quote": "Preventivo",
              "procurement_order": "Lettera d'ordine",
              "procurement_order_line": "Riga dell'ordine",
              "procurement_delivery": "Consegna (DDT)",
              "procurement_delivery_line": "Riga consegnata e suo carico",
              "procurement_verification": "Verbale di verifica di conformità"},
    values={"procurement_invoice.status": dict(rules.INVOICE.labels),
            "procurement_invoice.document_type": dict(DOCUMENT_TYPES),
            "procurement_invoice.match_kind": {"": "non abbinata", **MATCH_KINDS},
            "esigibilita": dict(ESIGIBILITA),
            "procurement_durc.outcome": DURC_OUTCOMES,
            "procurement_declaration.kind": DECLARATION_KINDS,
            "procurement_declaration.check_outcome": {"": "da controllare", **CHECK_OUTCOMES},
            "procurement_award.rotation_exception": {"": "nessuna", **EXCEPTIONS},
            "procurement_request.status": dict(proc.REQUEST.labels),
            "procurement_request.unit_kind": proc.UNIT_KINDS,
            "procurement_request.decided_as": {"": "", **proc.DECIDERS},
            "procurement_procedure.status": dict(proc.PROCEDURE.labels),
            "procurement_procedure.kind": KINDS,
            "procurement_procedure.proposed_procedure": PROCEDURES,
            "procurement_procedure.procedure": PROCEDURES,
            "procurement_procedure.criterion": {"": "", **proc.CRITERIA},
            "procurement_delivery_line.destination": {"": "da caricare", **acc.DESTINATIONS},
            "procurement_verification.kind": acc.VERIFICATION_KINDS,
            "procurement_verification.outcome": acc.OUTCOMES},
)
