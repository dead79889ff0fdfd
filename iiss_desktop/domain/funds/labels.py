"""The Italian labels of the Fondi tables' text and money columns (what a refusal names); the
impegno and the mandato declare theirs with their fields (domain/funds/fields.py)."""
from __future__ import annotations

from ..fields import declare_labels

TABLES: dict[str, dict[str, str]] = {
    "funds_revenue_item": {"code": "Voce di entrata", "name": "Denominazione della voce"},
    "funds_destination": {"code": "Destinazione", "name": "Denominazione della destinazione"},
    "funds_spending_type": {"code": "Tipo di spesa", "name": "Denominazione del tipo di spesa"},
    "funds_programme": {"state": "Stato del Programma Annuale", "notes": "Note",
                        "approval_ref": "Delibera di approvazione",
                        "cash_opening": "Fondo di cassa al 1° gennaio"},
    "funds_revenue_forecast": {"amount": "Previsione di entrata"},
    "funds_spending_forecast": {"amount": "Previsione di spesa"},
    "funds_variation": {"kind": "Tipo di variazione", "reason": "Motivo della variazione",
                        "act_ref": "Estremi dell'atto"},
    "funds_variation_line": {"side": "Entrata o spesa", "amount": "Importo della variazione"},
    "funds_earmarked": {"name": "Finanziamento", "legal_basis": "Base normativa",
                        "note": "Nota di assegnazione", "amount": "Importo assegnato"},
    "funds_liquidation": {"amount": "Importo liquidato", "status": "Stato della liquidazione",
                          "supply_check": "Verifica della regolare fornitura",
                          "document_ref": "Documento giustificativo",
                          "residue_id": "Residuo passivo liquidato"},
    "funds_receipt_order": {"amount": "Importo della reversale",
                            "amount_words": "Importo in lettere", "causale": "Causale",
                            "debtor": "Debitore", "assessment_id": "Accertamento riscosso",
                            "residue_id": "Residuo attivo riscosso"},
}
for _table, _labels in TABLES.items():
    declare_labels(_table, _labels)
