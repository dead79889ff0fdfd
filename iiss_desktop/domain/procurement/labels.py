"""The Italian labels of the Acquisti tables' columns (what a refusal and the change log
name). The suppliers registry's tables declare theirs in fields.py."""
from __future__ import annotations

from ..fields import declare_labels
from . import fields as _fields  # noqa: F401 - the suppliers registry's labels

TABLES: dict[str, dict[str, str]] = {
    "procurement_invoice_file": {
        "name": "Nome del file", "sha256": "Impronta SHA-256", "size": "Dimensione (byte)",
        "data": "Contenuto del file", "schema_problems": "Difformità dallo schema ufficiale",
        "schema_accepted_by_id": "Importazione confermata da", "received_on": "Ricevuto il"},
    "procurement_invoice": {
        "entry_id": "Registrazione", "year": "Anno del registro",
        "number": "Numero di registro", "received_on": "Data di ricezione",
        "file_id": "File ricevuto", "body": "Fattura del file n.",
        "supplier_id": "Fornitore", "transmission_format": "Formato di trasmissione",
        "office_code": "Codice univoco ufficio", "document_type": "Tipo di documento",
        "invoice_number": "Numero della fattura", "invoice_date": "Data della fattura",
        "currency": "Divisa", "causale": "Causale", "taxable": "Imponibile",
        "tax": "Imposta", "total": "Totale del documento",
        "payable": "Da pagare al fornitore", "split_payment": "Scissione dei pagamenti",
        "due_on": "Scadenza del pagamento", "iban": "IBAN", "cig": "CIG", "cup": "CUP",
        "order_reference": "Riferimento dell'ordine", "warnings": "Avvertenze",
        "duplicate_key": "Chiave di unicità", "status": "Stato della fattura",
        "liquidation_id": "Liquidazione", "payment_order_id": "Mandato di pagamento",
        "paid_on": "Pagata il", "order_id": "Ordine abbinato",
        "match_kind": "Abbinamento all'ordine",
        "inventory_note": "Numeri d'inventario dei beni pagati"},
    "procurement_invoice_line": {
        "invoice_id": "Fattura", "line_no": "Riga", "description": "Descrizione",
        "quantity": "Quantità", "unit": "Unità di misura", "unit_price": "Prezzo unitario",
        "total": "Prezzo totale", "vat_rate": "Aliquota IVA", "nature": "Natura"},
    "procurement_invoice_vat": {
        "invoice_id": "Fattura", "rate": "Aliquota IVA", "taxable": "Imponibile",
        "tax": "Imposta", "esigibilita": "Esigibilità dell'IVA", "nature": "Natura"},
}
for _table, _labels in TABLES.items():
    declare_labels(_table, _labels)
