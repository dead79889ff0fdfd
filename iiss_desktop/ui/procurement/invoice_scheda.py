"""The scheda of an invoice received (double-click or Enter in the register): what the file
says, its lines and IVA summary, its history, its documents and attachments."""
from __future__ import annotations

from ...domain.money import format_money
from ...queries.procurement_scheda import invoice_scheda
from ...services.procurement.attachments import (
    KIND,
    attach_to_invoice,
    withdraw_invoice_attachment,
)
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.scheda import AttachmentHooks, ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column


def _content(db, invoice_id: int) -> SchedaContent:
    s = invoice_scheda(db, invoice_id)
    lines = ExtraTable(
        "&Righe", (Column("number", "N.", "right"), Column("description", "Descrizione"),
                   Column("quantity", "Quantità", "right"),
                   Column("price", "Prezzo unitario", "right"),
                   Column("total", "Totale", "right"), Column("rate", "IVA", "right")),
        [(str(r.number), r.description, f"{r.quantity} {r.unit}".strip(), r.unit_price,
          format_money(r.total), r.vat_rate + (f" ({r.nature})" if r.nature else ""))
         for r in s.lines], empty="Nessuna riga nella fattura.")
    vat = ExtraTable(
        "Riepilogo &IVA", (Column("rate", "Aliquota", "right"), Column("nature", "Natura"),
                          Column("taxable", "Imponibile", "right"),
                          Column("tax", "Imposta", "right"),
                          Column("description", "Esigibilità")),
        [(v.rate, v.nature, format_money(v.taxable), format_money(v.tax), v.esigibilita)
         for v in s.vat])
    return SchedaContent(title=s.title, state=f"Fattura {s.state}", warning=s.warning,
                         fields=s.fields, history=s.history, documents=s.documents,
                         tables=(lines, vat))


def invoice_scheda_dialog(parent, db, invoice_id: int) -> SchedaDialog:
    return SchedaDialog(
        parent, db, lambda: _content(db, invoice_id),
        attachments=AttachmentHooks(
            KIND, invoice_id, add=lambda path: attach_to_invoice(db, invoice_id, path),
            withdraw=lambda att, reason: withdraw_invoice_attachment(db, invoice_id, att,
                                                                     reason)))


@report_errors
def open_invoice_scheda(parent, db, invoice_id: int) -> bool:
    dialog = invoice_scheda_dialog(parent, db, invoice_id)
    exec_and_dispose(dialog)
    return dialog.changed
