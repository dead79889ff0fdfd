"""The scheda of a comodato d'uso, opened from the history of one of its goods."""
from __future__ import annotations

from ...domain.inventory.registers import item_label
from ...queries.inventory.loan_scheda import loan_scheda
from ...services.inventory.scheda import attach_to_loan, withdraw_loan_attachment
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.scheda import AttachmentHooks, ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column, cents_column


def _content(db, loan_id: int) -> SchedaContent:
    s = loan_scheda(db, loan_id)
    goods = ExtraTable("&Beni", (Column("good", "Bene"), Column("description", "Descrizione"),
                                 cents_column("value", "Valore"),
                                 Column("out", "Stato alla consegna"),
                                 Column("back", "Stato alla restituzione")),
                       [(item_label(g.register, g.number), g.description, g.value,
                         g.condition_out, g.condition_back or "—") for g in s.goods])
    return SchedaContent(title=s.title, state=f"Comodato {s.state}", warning=s.warning,
                         fields=s.fields, history=s.history, documents=s.documents,
                         tables=(goods,))


def loan_scheda_dialog(parent, db, loan_id: int) -> SchedaDialog:
    return SchedaDialog(
        parent, db, lambda: _content(db, loan_id),
        attachments=AttachmentHooks(
            "loan", loan_id, add=lambda path: attach_to_loan(db, loan_id, path),
            withdraw=lambda att, reason: withdraw_loan_attachment(db, loan_id, att, reason)))


@report_errors
def open_loan_scheda(parent, db, loan_id: int) -> bool:
    """Show the comodato's scheda (refused, with the reason, without the permission of the
    comodato documents); whether something was saved in it."""
    dialog = loan_scheda_dialog(parent, db, loan_id)
    exec_and_dispose(dialog)
    return dialog.changed
