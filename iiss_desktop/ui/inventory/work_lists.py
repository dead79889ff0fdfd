"""The Inventario's work lists: buoni, decrees of discarico, affidamenti, comodati (the
ricognizioni and the sales have their lists in ricognizione.py and sale.py). Enter or a double
click prints the document of the row."""
from __future__ import annotations

from ...queries.inventory.custody import list_assignments
from ...queries.inventory.loans import list_loans
from ...queries.inventory.work_lists import list_buoni, list_decrees
from ..common.list_dialog import ListAction
from ..common.table_model import Column, cents_column, date_column
from ..common.work_list import WorkListDialog


class BuoniList(WorkListDialog):
    title = "Buoni di carico e di scarico"
    intro = "Ogni buono d'inventario, il più recente per primo, con l'annullamento e il protocollo."
    empty_text = "Nessun buono registrato."
    export_name = "buoni-inventario"
    states = (("valido", "Validi"), ("annullato", "Annullati"))
    period_label = "Data del buono"
    default_size = (1100, 560)
    columns = (Column("kind", "Buono"), Column("ref", "N.", "right"),
               date_column("day", "Data"), Column("description", "Descrizione", max_width=420),
               cents_column("amount", "Valore"), Column("state", "Stato"),
               Column("protocol", "Protocollo"))
    stretch_column = 3

    def load_all(self):
        return list_buoni(self.db)

    def row_of(self, r):
        return (r.kind, f"{r.number}/{r.year}", r.entry_date, r.description, r.amount_cents,
                r.state if not r.annulled_by else f"annullato (n. {r.annulled_by})",
                r.protocol)

    def state_of(self, r):
        return r.state

    def date_of(self, r):
        return r.entry_date

    def list_actions(self):
        return [ListAction("print", "&Stampa il buono", self.print_selected, default=True,
                           needs_selection=True)]

    def print_selected(self) -> None:
        r = self.selected()
        self.print_document(r.report, anno=r.year, numero=r.number)


class DecreesList(WorkListDialog):
    title = "Decreti di discarico"
    intro = "I decreti del Dirigente che eliminano beni dall'inventario (art. 33), con il buono."
    empty_text = "Nessun decreto di discarico registrato."
    export_name = "decreti-discarico"
    states = (("scaricato", "Con buono di scarico"),
              ("in attesa del buono", "In attesa del buono"))
    period_label = "Data del decreto"
    default_size = (1000, 520)
    columns = (Column("number", "Decreto n.", "right"), date_column("day", "Data"),
               Column("cause", "Causa"), Column("goods", "Beni", "right"),
               cents_column("value", "Valore"), Column("buono", "Buono di scarico"),
               cents_column("reintegro", "Reintegro"))
    stretch_column = 2

    def load_all(self):
        return list_decrees(self.db)

    def row_of(self, r):
        return (r.decree_number, r.decree_date, r.cause, r.goods, r.value_cents,
                r.buono or "in attesa", r.reintegro_cents)

    def state_of(self, r):
        return r.state

    def date_of(self, r):
        return r.decree_date

    def list_actions(self):
        return [ListAction("open", "&Apri la scheda", self.open_selected, default=True,
                           needs_selection=True),
                ListAction("print", "&Stampa il decreto", self.print_selected,
                           needs_selection=True)]

    def open_selected(self) -> None:
        from .record_schede import open_record_scheda

        if open_record_scheda(self, self.db, "inventory_discharge", self.selected().id):
            self.reload()

    def print_selected(self) -> None:
        self.print_document("decreto-discarico", id=self.selected().id)


class AssignmentsList(WorkListDialog):
    title = "Affidamenti dei beni"
    intro = "I verbali di affidamento (art. 35), in corso e riconsegnati."
    empty_text = "Nessun affidamento registrato."
    export_name = "affidamenti"
    states = (("in corso", "In corso"), ("riconsegnato", "Riconsegnati"))
    period_label = "Affidati"
    default_size = (1100, 520)
    columns = (Column("ref", "Verbale n.", "right"), date_column("start", "Dal"),
               Column("assignee", "Affidatario"), Column("role", "Qualifica"),
               Column("room", "Locale", max_width=320), Column("goods", "Beni", "right"),
               Column("state", "Stato"))
    stretch_column = 4

    def load_all(self):
        return sorted(list_assignments(self.db), key=lambda a: (a.year, a.number),
                      reverse=True)

    def row_of(self, a):
        back = (f"riconsegnato il {a.ended_on:%d/%m/%Y} (n. {a.end_number}/{a.end_year})"
                if a.ended_on else "in corso")
        return (f"{a.number}/{a.year}", a.started_on, a.assignee_name, a.assignee_role, a.room,
                a.items, back)

    def state_of(self, a):
        return "riconsegnato" if a.ended_on else "in corso"

    def date_of(self, a):
        return a.started_on

    def open_selected(self) -> None:
        from .record_schede import open_record_scheda

        if open_record_scheda(self, self.db, "inventory_assignment", self.selected().id):
            self.reload()

    def list_actions(self):
        return [ListAction("open", "&Apri la scheda", self.open_selected, default=True,
                           needs_selection=True),
                ListAction("print", "&Stampa l'affidamento", self.print_selected,
                           needs_selection=True),
                ListAction("print_back", "Stampa la &riconsegna", self.print_return,
                           enabled_if=lambda a: a.ended_on is not None)]

    def print_selected(self) -> None:
        a = self.selected()
        self.print_document("verbale-affidamento", anno=a.year,
                                     numero=a.number)

    def print_return(self) -> None:
        a = self.selected()
        self.print_document("verbale-riconsegna", anno=a.end_year,
                                     numero=a.end_number)


class LoansList(WorkListDialog):
    title = "Comodati d'uso agli studenti"
    intro = "I contratti di comodato, in corso e restituiti, il più recente per primo."
    empty_text = "Nessun comodato registrato."
    export_name = "comodati"
    states = (("in corso", "In corso"), ("restituito", "Restituiti"))
    period_label = "Consegnati"
    default_size = (1000, 520)
    columns = (Column("ref", "Contratto n.", "right"), date_column("start", "Dal"),
               Column("student", "Studente"), Column("class", "Classe"),
               Column("parent", "Genitore"), Column("state", "Stato"))
    stretch_column = 2

    def load_all(self):
        return list_loans(self.db)

    def row_of(self, lo):
        return (f"{lo.number}/{lo.year}", lo.start, lo.student, lo.class_name, lo.parent,
                f"restituito il {lo.returned_on:%d/%m/%Y}" if lo.returned_on else "in corso")

    def state_of(self, lo):
        return "restituito" if lo.returned_on else "in corso"

    def date_of(self, lo):
        return lo.start

    def open_selected(self) -> None:
        from .loan_scheda import open_loan_scheda

        if open_loan_scheda(self, self.db, self.selected().id):
            self.reload()

    def list_actions(self):
        return [ListAction("open", "&Apri la scheda", self.open_selected, default=True,
                           needs_selection=True),
                ListAction("print", "&Stampa il contratto", self.print_selected,
                           needs_selection=True),
                ListAction("print_back", "Stampa la &restituzione", self.print_return,
                           enabled_if=lambda lo: lo.returned_on is not None)]

    def print_selected(self) -> None:
        lo = self.selected()
        self.print_document("contratto-comodato", anno=lo.year,
                                     numero=lo.number)

    def print_return(self) -> None:
        lo = self.selected()
        self.print_document("verbale-restituzione-comodato",
                                     anno=lo.year, numero=lo.number)


# --- opened from the tab's menu (menus.py: "module:function(tab)") ---------------------------
def open_buoni(tab) -> None:
    BuoniList.ask(tab, tab.db)


def open_decrees(tab) -> None:
    DecreesList.ask(tab, tab.db)


def open_assignments(tab) -> None:
    AssignmentsList.ask(tab, tab.db)


def open_loans(tab) -> None:
    LoansList.ask(tab, tab.db)
