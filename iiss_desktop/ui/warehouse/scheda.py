"""The scheda of an article of the Magazzino (double-click or Enter on its row): fields,
stock per storeroom, lots, the scheda di magazzino with the progressive stock, the buoni."""
from __future__ import annotations

from ...domain.money import format_cents
from ...domain.warehouse import format_quantity
from ...queries.warehouse_request_scheda import request_of_movements
from ...queries.warehouse_scheda import article_scheda
from ...services.warehouse.attachments import attach_to_article, withdraw_article_attachment
from ..common.dialogs import exec_and_dispose
from ..common.scheda import AttachmentHooks, ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column, date_column


def _right(key: str, title: str, fmt) -> Column:
    return Column(key, title, "right", fmt)


def _content(db, article_id: int) -> SchedaContent:
    s = article_scheda(db, article_id)
    qty = lambda v: format_quantity(v, s.unit) if v else ""   # noqa: E731 - a cell format
    stock = ExtraTable("&Giacenze", (Column("store", "Magazzino"), Column("site", "Plesso"),
                                     _right("q", "Giacenza", qty),
                                     _right("v", "Valore", format_cents)),
                       [(r.storeroom, r.site, r.quantity, r.value) for r in s.stock],
                       "Nessuna giacenza in alcun magazzino.")
    lots = ExtraTable("Lo&tti", (Column("lot", "Lotto"), date_column("expiry", "Scadenza"),
                                 Column("store", "Magazzino"), _right("q", "Quantità", qty)),
                      [(r.lot, r.expiry, r.storeroom, r.quantity) for r in s.lots],
                      "Nessun lotto in giacenza (articolo non gestito a lotti o esaurito).")
    requests = request_of_movements(db, article_id)
    card = ExtraTable(
        "&Scheda di magazzino",
        (date_column("day", "Data"), Column("number", "N.", "right"),
         Column("description", "Movimento", max_width=380), Column("store", "Magazzino"),
         _right("in", "Carico", qty), _right("out", "Scarico", qty),
         _right("balance", "Giacenza", lambda v: format_quantity(v, s.unit)),
         _right("value", "Valore", format_cents)),
        [(r.day, f"{r.number}/{r.year}", r.description + (" (annullato)" if r.annulled else ""),
          r.storeroom, r.quantity_in, r.quantity_out, r.balance, r.balance_value)
         for r in s.movements], "Nessun movimento registrato.",
        [("request", requests[(r.year, r.number)]) if (r.year, r.number) in requests else ()
         for r in s.movements])
    state = (f"Articolo {s.state} · Giacenza totale: {format_quantity(s.closing[0], s.unit)} "
             f"per {format_cents(s.closing[1])}")
    return SchedaContent(title=s.title, state=state, warning=s.warning, fields=s.fields,
                         history=None, documents=s.documents, tables=(card, stock, lots))


def _open_link(parent, db, kind: str, record_id: int) -> None:
    if kind == "request":
        from .request_scheda import open_request_scheda

        open_request_scheda(parent, db, record_id)


def article_scheda_dialog(parent, db, article_id: int) -> SchedaDialog:
    return SchedaDialog(
        parent, db, lambda: _content(db, article_id),
        attachments=AttachmentHooks(
            "warehouse_article", article_id,
            add=lambda path: attach_to_article(db, article_id, path),
            withdraw=lambda att, reason: withdraw_article_attachment(db, article_id, att,
                                                                     reason)),
        open_link=lambda parent, kind, record_id: _open_link(parent, db, kind, record_id))


def open_article_scheda(parent, db, article_id: int) -> bool:
    """Show the scheda; whether something was saved in it."""
    dialog = article_scheda_dialog(parent, db, article_id)
    exec_and_dispose(dialog)
    return dialog.changed
