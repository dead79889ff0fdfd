"""The Italian labels of the Fondi tables' text and money columns (what a refusal names)."""
from __future__ import annotations

from ..fields import declare_labels

_CREDITOR = {"creditor_name": "Creditore", "creditor_tax_code": "Codice fiscale del creditore",
             "creditor_vat": "Partita IVA del creditore", "creditor_iban": "IBAN del creditore"}
TABLES: dict[str, dict[str, str]] = {
    "funds_revenue_item": {"code": "Voce di entrata", "name": "Denominazione della voce"},
    "funds_destination": {"code": "Destinazione", "name": "Denominazione della destinazione"},
    "funds_spending_type": {"code": "Tipo di spesa", "name": "Denominazione del tipo di spesa"},
    "funds_programme": {"state": "Stato del Programma Annuale", "notes": "Note",
                        "approval_ref": "Delibera di approvazione"},
    "funds_revenue_forecast": {"amount": "Previsione di entrata"},
    "funds_spending_forecast": {"amount": "Previsione di spesa"},
    "funds_variation": {"kind": "Tipo di variazione", "reason": "Motivo della variazione",
                        "act_ref": "Estremi dell'atto"},
    "funds_variation_line": {"side": "Entrata o spesa", "amount": "Importo della variazione"},
    "funds_earmarked": {"name": "Finanziamento", "legal_basis": "Base normativa",
                        "note": "Nota di assegnazione", "amount": "Importo assegnato"},
    "funds_commitment": {"description": "Oggetto dell'impegno", "creditor_name": "Creditore",
                         "amount": "Importo dell'impegno", "status": "Stato dell'impegno",
                         "cig": "CIG", "cup": "CUP"},
    "funds_liquidation": {"amount": "Importo liquidato", "status": "Stato della liquidazione",
                          "supply_check": "Verifica della regolare fornitura",
                          "document_ref": "Documento giustificativo"},
    "funds_payment_order": {"amount": "Importo del mandato", "amount_words": "Importo in lettere",
                            "causale": "Causale", "withholdings": "Ritenute",
                            "cig": "CIG", "cup": "CUP", **_CREDITOR},
    "funds_receipt_order": {"amount": "Importo della reversale",
                            "amount_words": "Importo in lettere", "causale": "Causale",
                            "debtor": "Debitore"},
}
for _table, _labels in TABLES.items():
    declare_labels(_table, _labels)
