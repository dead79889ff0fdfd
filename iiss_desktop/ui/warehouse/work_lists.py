"""The Magazzino's work lists: the material requests by state (to approve, approved, partly
fulfilled, closed) and the movements of the giornale by kind (the stocktakes are its
«rettifica inventariale» rows). Enter or a double click on a movement prints its buono."""
from __future__ import annotations

from ...domain.warehouse import KINDS, REQUEST
from ...queries.warehouse import list_movements, list_requests
from ..common.list_dialog import ListAction
from ..common.table_model import Column, date_column
from ..common.work_list import WorkListDialog


class RequestsList(WorkListDialog):
    title = "Richieste di materiale"
    intro = ("Le richieste degli uffici e dei plessi, la più recente per prima. «Da lavorare»: "
             "da approvare, approvate o evase in parte.")
    empty_text = "Nessuna richiesta di materiale registrata."
    export_name = "richieste-materiale"
    states = tuple((code, label.capitalize()) for code, label in REQUEST.labels.items())
    state_groups = (("Da lavorare", REQUEST.open),)
    period_label = "Richieste"
    default_size = (1000, 520)
    columns = (Column("ref", "Richiesta n.", "right"), date_column("day", "Data"),
               Column("requester", "Richiedente"), Column("destination", "Destinazione"),
               Column("lines", "Articoli", "right"), Column("status", "Stato"))
    stretch_column = 3

    def load_all(self):
        return list_requests(self.db)

    def row_of(self, r):
        return (r.ref, r.requested_on, r.requester, r.destination, r.lines,
                REQUEST.label(r.status))

    def state_of(self, r):
        return r.status

    def date_of(self, r):
        return r.requested_on

    def list_actions(self):
        return [ListAction("open", "&Apri la scheda", self.open_selected, default=True,
                           needs_selection=True)]

    def open_selected(self) -> None:
        from .request_scheda import open_request_scheda

        if open_request_scheda(self, self.db, self.selected().id):
            self.changed = True
            self.reload()


class MovementsList(WorkListDialog):
    title = "Movimenti di magazzino"
    intro = ("I movimenti del giornale di magazzino, il più recente per primo; le rettifiche "
             "inventariali sono gli esiti delle conte fisiche.")
    empty_text = "Nessun movimento di magazzino registrato."
    export_name = "movimenti-magazzino"
    states = tuple(KINDS.items())
    period_label = "Movimenti"
    default_size = (1000, 560)
    columns = (Column("ref", "N.", "right"), date_column("day", "Data"),
               Column("kind", "Movimento"), Column("description", "Descrizione"))
    stretch_column = 3

    def load_all(self):
        return list_movements(self.db)

    def row_of(self, m):
        return (f"{m.number}/{m.year}", m.day, KINDS.get(m.kind, m.kind), m.description)

    def state_of(self, m):
        return m.kind

    def date_of(self, m):
        return m.day

    def list_actions(self):
        return [ListAction("print", "&Stampa il buono", self.print_selected, default=True,
                           needs_selection=True)]

    def print_selected(self) -> None:
        m = self.selected()
        report = "buono-versamento" if m.kind == "carico" else "buono-prelevamento"
        self.print_document(report, anno=m.year, numero=m.number)

