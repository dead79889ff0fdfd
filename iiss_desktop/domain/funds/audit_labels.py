"""How the change log names the Fondi tables and the columns their labels do not cover."""
from __future__ import annotations

from ..audit_labels import AuditLabels
from . import rules
from .fields import RESIDUE_KINDS

LABELS = AuditLabels(
    entities={"funds_revenue_item": "Voce di entrata", "funds_destination": "Destinazione",
              "funds_spending_type": "Tipo di spesa", "funds_programme": "Programma Annuale",
              "funds_revenue_forecast": "Previsione di entrata",
              "funds_spending_forecast": "Previsione di spesa",
              "funds_variation": "Variazione al Programma Annuale",
              "funds_variation_line": "Riga della variazione",
              "funds_earmarked": "Finanziamento vincolato",
              "funds_earmarked_type": "Tipo di spesa ammesso dal finanziamento",
              "funds_commitment": "Impegno di spesa", "funds_liquidation": "Liquidazione",
              "funds_payment_order": "Mandato di pagamento",
              "funds_receipt_order": "Reversale d'incasso",
              "funds_assessment": "Accertamento di entrata",
              "funds_residue_carry": "Riporto dei residui",
              "funds_residue": "Residuo attivo o passivo",
              "funds_residue_radiation": "Radiazione di un residuo",
              "funds_cash_fund": "Fondo economale",
              "funds_cash_expense": "Minuta spesa del fondo economale",
              "funds_cash_reimbursement": "Reintegro del fondo economale",
              "funds_restitution": "Restituzione di un finanziamento vincolato"},
    fields={"confirmed": "denominazione confermata", "proposed_on": "proposto il",
            "opinion_on": "parere dei revisori del", "approved_on": "deliberato il",
            "reserve_limit_bp": "limite del fondo di riserva", "revenue_item_id": "voce (id)",
            "spending_type_id": "tipo di spesa (id)", "variation_id": "variazione (id)",
            "line_no": "riga", "decided_on": "deciso il",
            "earmarked_id": "finanziamento (id)", "assigned_on": "assegnato il",
            "use_by": "da utilizzare entro il", "report_by": "da rendicontare entro il",
            "liquidated_on": "liquidato il", "commitment_id": "impegno (id)",
            "issued_on": "emesso il", "programme_id": "Programma Annuale (id)",
            "parent_id": "destinazione superiore (id)", "size": "consistenza del fondo",
            "closed_on": "chiuso il"},
    values={"funds_variation.kind": dict(rules.VARIATION_KINDS),
            "funds_variation_line.side": {"E": "entrata", "U": "spesa"},
            "funds_programme.state": dict(rules.PROGRAMME.labels),
            "funds_residue.kind": dict(RESIDUE_KINDS)},
    formats={"reserve_limit_bp": "hundredths_percent"},
)
