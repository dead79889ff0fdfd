"""The scheda of a material request, opened from the scheda di magazzino of an article
(double-click or Enter on a withdrawal that delivered it)."""
from __future__ import annotations

from ...domain.warehouse import format_quantity
from ...queries.warehouse_request_scheda import request_scheda
from ...services.warehouse.attachments import attach_to_request, withdraw_request_attachment
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.scheda import AttachmentHooks, ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column


def _content(db, request_id: int) -> SchedaContent:
    s = request_scheda(db, request_id)
    lines = ExtraTable(
        "&Righe", (Column("code", "Codice"), Column("description", "Articolo"),
                   Column("requested", "Richiesta", "right"),
                   Column("approved", "Approvata", "right"),
                   Column("delivered", "Consegnata", "right")),
        [(r.code, r.description, format_quantity(r.requested, r.unit),
          "da decidere" if r.approved is None else format_quantity(r.approved, r.unit),
          format_quantity(r.delivered, r.unit)) for r in s.lines])
    return SchedaContent(title=s.title, state=f"Richiesta {s.state}", fields=s.fields,
                         history=s.history, documents=s.documents, tables=(lines,))


def request_scheda_dialog(parent, db, request_id: int) -> SchedaDialog:
    return SchedaDialog(
        parent, db, lambda: _content(db, request_id),
        attachments=AttachmentHooks(
            "warehouse_request", request_id,
            add=lambda path: attach_to_request(db, request_id, path),
            withdraw=lambda att, reason: withdraw_request_attachment(db, request_id, att,
                                                                     reason)))


@report_errors
def open_request_scheda(parent, db, request_id: int) -> bool:
    dialog = request_scheda_dialog(parent, db, request_id)
    exec_and_dispose(dialog)
    return dialog.changed
