"""The scheda of an impegno (Enter or a double click in «Impegni di spesa»): its data, the
liquidazioni and mandati on it, its history and the mandati to print."""
from __future__ import annotations

from ...queries.funds_scheda import commitment_scheda
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.scheda import ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column


def _content(db, commitment_id: int) -> SchedaContent:
    s = commitment_scheda(db, commitment_id)
    liquidations = ExtraTable(
        "&Liquidazioni", (Column("ref", "N.", "right"), Column("day", "Data"),
                          Column("amount", "Importo", "right"),
                          Column("check", "Verifica della regolare fornitura"),
                          Column("document", "Documento"), Column("state", "Stato")),
        s.liquidations, empty="Nessuna liquidazione sull'impegno.")
    orders = ExtraTable(
        "&Mandati", (Column("ref", "N.", "right"), Column("day", "Data"),
                     Column("amount", "Importo", "right"),
                     Column("withholdings", "Ritenute", "right"),
                     Column("creditor", "Creditore"), Column("causale", "Causale")),
        s.payment_orders, empty="Nessun mandato emesso sull'impegno.")
    return SchedaContent(title=s.title, state=s.state, warning=s.warning, fields=s.fields,
                         history=s.history, documents=s.documents,
                         tables=(liquidations, orders))


def commitment_scheda_dialog(parent, db, commitment_id: int) -> SchedaDialog:
    return SchedaDialog(parent, db, lambda: _content(db, commitment_id))


@report_errors
def open_commitment_scheda(parent, db, commitment_id: int) -> bool:
    dialog = commitment_scheda_dialog(parent, db, commitment_id)
    exec_and_dispose(dialog)
    return dialog.changed
