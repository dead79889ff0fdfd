"""The schede of an affidamento and of a discharge decree, opened from a good's history."""
from __future__ import annotations

from ...queries.inventory.record_schede import assignment_scheda, discharge_scheda
from ...services.inventory.scheda import attach, withdraw_attachment
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.scheda import AttachmentHooks, ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column, cents_column

_QUERIES = {"inventory_assignment": assignment_scheda, "inventory_discharge": discharge_scheda}
_STATE = {"inventory_assignment": "Affidamento", "inventory_discharge": "Discarico"}


def _content(db, kind: str, record_id: int) -> SchedaContent:
    s = _QUERIES[kind](db, record_id)
    columns = [Column("good", "Bene"), Column("description", "Descrizione"),
               cents_column("value", "Valore")]
    rows = [(g.label, g.description, g.value) for g in s.goods]
    if kind == "inventory_assignment":
        columns += [Column("out", "Stato all'affidamento"), Column("back", "Stato al rientro")]
        rows = [r + (g.state_out, g.state_back or "—") for r, g in zip(rows, s.goods,
                                                                      strict=True)]
    return SchedaContent(title=s.title, state=f"{_STATE[kind]} {s.state}", fields=s.fields,
                         history=s.history, documents=s.documents,
                         tables=(ExtraTable("&Beni", columns, rows),))


def record_scheda_dialog(parent, db, kind: str, record_id: int) -> SchedaDialog:
    return SchedaDialog(
        parent, db, lambda: _content(db, kind, record_id),
        attachments=AttachmentHooks(
            kind, record_id, add=lambda path: attach(db, kind, record_id, path),
            withdraw=lambda att, reason: withdraw_attachment(db, kind, record_id, att, reason)))


@report_errors
def open_record_scheda(parent, db, kind: str, record_id: int) -> bool:
    dialog = record_scheda_dialog(parent, db, kind, record_id)
    exec_and_dispose(dialog)
    return dialog.changed
