"""The scheda of a good of the Inventario (double-click or Enter on its row)."""
from __future__ import annotations

from ...areas.inventory import PREPARE
from ...domain.access import allowed
from ...domain.inventory.fields import ITEM
from ...queries.inventory.history import item_scheda
from ...services.inventory.scheda import attach, edit_item, withdraw_attachment
from ..common.dialogs import exec_and_dispose
from ..common.form import spec_of
from ..common.scheda import AttachmentHooks, SchedaContent, SchedaDialog

KIND = "inventory_item"


def _content(db, item_id: int, first=None) -> SchedaContent:
    s = first or item_scheda(db, item_id)
    may_edit = s.editable and allowed(db.current_user, PREPARE)
    return SchedaContent(
        title=s.title, state=f"Situazione: {s.situation} · Stato di conservazione: {s.state}",
        warning=(f"Avvertenza sul carico (art. 31 c.5-6): {s.warning}" if s.warning else ""),
        fields=s.fields, edit_values=s.values if may_edit else None, history=s.history,
        documents=s.documents)


def _open_link(parent, db, kind: str, record_id: int) -> None:
    """The scheda a row of the good's history names: its comodato, affidamento, decree."""
    if kind == "loan":
        from .loan_scheda import open_loan_scheda

        open_loan_scheda(parent, db, record_id)
    elif kind in ("assignment", "discharge"):
        from .record_schede import open_record_scheda

        open_record_scheda(parent, db, f"inventory_{kind}", record_id)


def item_scheda_dialog(parent, db, item_id: int) -> SchedaDialog:
    first = [item_scheda(db, item_id)]   # read once for the form's fields and the first show
    specs = [spec_of(ITEM[name]) for name in first[0].values]
    return SchedaDialog(
        parent, db, lambda: _content(db, item_id, first.pop() if first else None),
        edit_specs=specs,
        on_save=lambda values: edit_item(db, item_id, values),
        attachments=AttachmentHooks(
            KIND, item_id, add=lambda path: attach(db, KIND, item_id, path),
            withdraw=lambda att, reason: withdraw_attachment(db, KIND, item_id, att, reason)),
        open_link=lambda parent, kind, record_id: _open_link(parent, db, kind, record_id))


def open_item_scheda(parent, db, item_id: int) -> bool:
    """Show the scheda; whether something was saved in it."""
    dialog = item_scheda_dialog(parent, db, item_id)
    exec_and_dispose(dialog)
    return dialog.changed
