"""Vendita and cessione of goods out of use (art. 34) and the discarico documents (art. 33),
from the «Discarico e vendita» menu of the Inventario tab."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ...domain.errors import DomainError
from ...domain.inventory import sale as rules
from ...domain.inventory import states
from ...domain.money import format_cents
from ...queries.inventory.sale import list_discharges, list_sales, sale_detail
from ...services.inventory.sale import (
    add_offer,
    award,
    conclude_cession,
    conclude_deserted,
    declare_deserted,
    open_sale,
    publish,
)
from ..common.dialogs import ask_print, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.list_dialog import ListAction
from ..common.printing import print_report
from ..common.table_model import Column, cents_column, date_column
from ..common.work_list import WorkListDialog


def buono_date_spec() -> FieldSpec:
    """The day the decree is executed: the buono di scarico's date (today by default)."""
    return FieldSpec("executed_on", "Buono di scarico del", kind="date", required=True,
                     help="Il giorno in cui il decreto è eseguito e i beni escono "
                          "dall'inventario: non prima del decreto")


def _clean(values: dict) -> dict:
    return {k: v for k, v in values.items() if v is not None}


def offer_discharge_prints(parent, db, discharge_id: int) -> QMessageBox:
    """Right after a discharge: the decree and the buono di scarico go to be signed. The
    question does not block (window-modal, answered when the clerk is ready)."""
    from ...queries.inventory.sale import discharge_doc

    doc = discharge_doc(db, discharge_id)
    box = QMessageBox(QMessageBox.Question, "Discarico registrato",
                      f"Discarico registrato con buono di scarico n. {doc.buono_number}/"
                      f"{doc.buono_year}.\nStampare ora il decreto di discarico e il buono di "
                      "scarico da far firmare?", QMessageBox.Yes | QMessageBox.No, parent)
    box.button(QMessageBox.Yes).setText("&Sì")
    box.button(QMessageBox.No).setText("&No")
    box.setDefaultButton(QMessageBox.Yes)     # the decree is to be signed: Enter prints it
    box.setAttribute(Qt.WA_DeleteOnClose)

    def answered(_result) -> None:
        if box.clickedButton() is box.button(QMessageBox.Yes):
            parent.last_print_job = print_report(parent, db, "decreto-discarico",
                                                 id=discharge_id)
            parent.last_buono_job = print_report(parent, db, "buono-scarico",
                                                 anno=doc.buono_year, numero=doc.buono_number)

    box.finished.connect(answered)
    box.open()
    parent.discharge_offer = box
    return box


@report_errors
def print_discharge_documents(tab) -> None:
    choices = list_discharges(tab.db)
    if not choices:
        raise DomainError("Nessun discarico registrato.")
    specs = [FieldSpec("id", "Discarico", kind="choice", required=True, choices=choices),
             FieldSpec("buono", "Stampare anche il buono di scarico", kind="bool")]
    values = FormDialog.ask(tab, "Stampa del decreto di discarico", specs,
                            {"id": choices[0][0], "buono": True},
                            confirm_close=False)   # a print: nothing to lose
    if values is None:
        return
    tab.last_print_job = print_report(tab, tab.db, "decreto-discarico", id=values["id"])
    if values["buono"]:
        from ...queries.inventory.sale import discharge_doc

        doc = discharge_doc(tab.db, values["id"])
        if doc.buono_number:
            tab.last_buono_job = print_report(tab, tab.db, "buono-scarico", anno=doc.buono_year,
                                              numero=doc.buono_number)


# --- A new sale or cession -----------------------------------------------------------------------
def sale_specs() -> list[FieldSpec]:
    return [FieldSpec("kind", "Procedura", kind="choice", required=True,
                      choices=list(rules.KINDS.items())),
            FieldSpec("valuation_basis", "Valore stabilito dalla commissione", kind="choice",
                      required=True, choices=list(rules.BASES.items())),
            FieldSpec("market_value", "Valore di mercato di ciascun bene", kind="money",
                      help="Solo per il valore dell'usato: lo stesso per ogni bene selezionato"),
            FieldSpec("commission_report", "Verbale della commissione", kind="multiline",
                      required=True, placeholder="es. verbale n. 2 del 10/11/2026: beni "
                                                 "obsoleti e non riparabili"),
            FieldSpec("decree_number", "Decreto del Dirigente n.", required=True, max_length=40),
            FieldSpec("decree_date", "Decreto del", kind="date", required=True)]


@report_errors
def sell_selected(tab) -> None:
    ids = tab.selected_ids()
    if not ids:
        return
    tab.refuse_selected(states.OPEN_SALE)

    def submit(values: dict) -> int:
        market = values.pop("market_value", None)
        base = ({i: market for i in ids}
                if values.get("valuation_basis") == "mercato" and market is not None else None)
        return open_sale(tab.db, ids, base_values=base, **_clean(values))

    title = f"Vendita o cessione di {len(ids)} {'bene' if len(ids) == 1 else 'beni'} (art. 34)"
    sale_id = FormDialog.ask(tab, title, sale_specs(),
                             {"kind": "vendita", "valuation_basis": "inventario",
                              "decree_date": date.today()}, on_submit=submit,
                             intro=tab.goods_intro("Beni fuori uso"))
    if sale_id is None:
        return
    tab.events.data_changed.emit(tab.area)
    SalesDialog.ask(tab, tab.db, select=sale_id)


# --- Procedures in progress -------------------------------------------------------------------
class SalesDialog(WorkListDialog):
    title = "Vendite e cessioni di beni fuori uso (art. 34)"
    intro = ("Vendita: decreto e valutazione della commissione → avviso sul sito → "
             "offerte entro il termine → aggiudicazione alla migliore offerta non "
             "inferiore al prezzo base (con il decreto di discarico), oppure vendita "
             "deserta → trattativa privata, cessione gratuita o smaltimento. "
             "Cessione diretta a scuole o enti pubblici: «Concludi…».")
    empty_text = ("Nessuna vendita o cessione: selezionare i beni fuori uso e usare «Vendita o "
                  "cessione dei beni selezionati…».")
    columns = (Column("n", "N.", align="right"), Column("kind", "Procedura"),
               Column("status", "Stato"), Column("decree", "Decreto"),
               Column("items", "Beni", align="right"), cents_column("base", "Prezzo base"),
               date_column("deadline", "Termine offerte"), Column("offers", "Offerte",
                                                                  align="right"),
               cents_column("best", "Migliore offerta"), Column("counterpart", "Acquirente / ente"))
    default_size = (1100, 420)

    def __init__(self, parent, db, select: int | None = None):
        self.tab = parent
        super().__init__(parent, db, select=select)

    export_name = "vendite-cessioni"
    states = tuple((code, label.capitalize()) for code, label in rules.STATUSES.items())
    state_groups = (("In corso", frozenset(rules.OPEN)),)
    period_label = "Decreti"

    def load_all(self):
        return list_sales(self.db)

    def state_of(self, r) -> str:
        return r.status

    def date_of(self, r):
        return r.decree_date

    def row_of(self, r) -> tuple:
        return (r.id, r.kind_title, r.status_title,
                f"n. {r.decree_number} del {r.decree_date:%d/%m/%Y}" if r.decree_date else "",
                r.items, r.base_total, r.offers_deadline, r.offers, r.best_offer, r.counterpart)

    def list_actions(self) -> list[ListAction]:
        DISCHARGE = "inventory.discharge"   # noqa: N806 - the permission's code

        def sale_in(*states):
            return lambda s: s.kind == "vendita" and s.status in states

        return [
            ListAction("publish", "Pubblica avviso…", self.publish,
                       enabled_if=sale_in("aperta"), permission=DISCHARGE),
            ListAction("offer", "Offerta…", self.offer, enabled_if=sale_in("pubblicata"),
                       permission="inventory.prepare"),
            ListAction("award", "Aggiudica…", self.award, enabled_if=sale_in("pubblicata"),
                       permission=DISCHARGE),
            ListAction("deserted", "Deserta…", self.deserted, enabled_if=sale_in("pubblicata"),
                       permission=DISCHARGE),
            ListAction("conclude", "Concludi…", self.conclude, enabled_if=lambda s: (
                s.status == "deserta" or (s.kind == "cessione_ente" and s.status == "aperta")),
                permission=DISCHARGE),
            ListAction("avviso", "Stampa avviso", self.print_avviso,
                       enabled_if=lambda s: s.kind == "vendita"),
            ListAction("decree", "Stampa decreto", self.print_decree,
                       enabled_if=lambda s: s.discharge_id is not None),
        ]

    def _done(self, discharge_id: int | None = None) -> None:
        self.after_change()
        self.tab.events.data_changed.emit(self.tab.area)
        if discharge_id is not None:
            offer_discharge_prints(self, self.db, discharge_id)

    @report_errors
    def publish(self) -> None:
        s = self.selected()
        specs = [FieldSpec("published_on", "Pubblicato sul sito il", kind="date", required=True),
                 FieldSpec("offers_deadline", "Offerte entro il", kind="date", required=True)]
        if FormDialog.ask(self, f"Avviso della vendita n. {s.id}", specs,
                          {"published_on": date.today()},
                          on_submit=lambda v: publish(self.db, s.id, **v)) is not None:
            self._done()
            if ask_print(self, "Avviso pubblicato", "Stampare ora l'avviso di vendita?"):
                self.print_avviso()

    @report_errors
    def offer(self) -> None:
        s = self.selected()
        specs = [FieldSpec("bidder", "Offerente", required=True, max_length=200),
                 FieldSpec("amount", "Importo offerto", kind="money", required=True),
                 FieldSpec("received_on", "Ricevuta il", kind="date", required=True)]
        if FormDialog.ask(self, f"Offerta per la vendita n. {s.id} (prezzo base "
                                f"{format_cents(s.base_total)})", specs,
                          {"received_on": date.today()},
                          on_submit=lambda v: add_offer(self.db, s.id, **v)) is not None:
            self._done()

    @report_errors
    def award(self) -> None:
        s = self.selected()
        detail = sale_detail(self.db, s.id)
        offers = "; ".join(f"{o.bidder} {format_cents(o.amount)}" for o in detail.offers)
        specs = [FieldSpec("decree_number", "Decreto di discarico n.", required=True,
                           max_length=40),
                 FieldSpec("decree_date", "Decreto del", kind="date", required=True),
                 buono_date_spec(),
                 FieldSpec("payment", "Pagamento (reversale, data)", max_length=200,
                           help=f"Offerte: {offers or 'nessuna'}")]
        discharge_id = FormDialog.ask(
            self, f"Aggiudicazione della vendita n. {s.id}", specs,
            {"decree_date": date.today(), "executed_on": date.today()},
            on_submit=lambda v: award(self.db, s.id, **v))
        if discharge_id is not None:
            self._done(discharge_id)

    @report_errors
    def deserted(self) -> None:
        s = self.selected()
        specs = [FieldSpec("declared_on", "Dichiarata deserta il", kind="date", required=True)]
        if FormDialog.ask(self, f"Vendita n. {s.id} deserta", specs, {"declared_on": date.today()},
                          on_submit=lambda v: declare_deserted(self.db, s.id, **v)) is not None:
            self._done()

    @report_errors
    def conclude(self) -> None:
        s = self.selected()
        base = [FieldSpec("decree_number", "Decreto di discarico n.", required=True,
                          max_length=40),
                FieldSpec("decree_date", "Decreto del", kind="date", required=True),
                buono_date_spec()]
        if s.kind == "cessione_ente":
            specs = [FieldSpec("counterpart", "Scuola o ente pubblico cessionario",
                               required=True, max_length=200)] + base

            def submit(v: dict) -> int:
                return conclude_cession(self.db, s.id, **v)
        else:
            specs = [FieldSpec("way", "Dopo la vendita deserta", kind="choice", required=True,
                               choices=[(k, t) for k, (t, _c) in rules.DESERTED_WAYS.items()]),
                     FieldSpec("counterpart", "Acquirente, cessionario o ditta", required=True,
                               max_length=200),
                     FieldSpec("amount", "Prezzo (solo trattativa privata)", kind="money")] + base

            def submit(v: dict) -> int:
                return conclude_deserted(self.db, s.id, **v)

        discharge_id = FormDialog.ask(self, f"Conclusione della procedura n. {s.id}", specs,
                                      {"decree_date": date.today(), "executed_on": date.today()},
                                      on_submit=submit)
        if discharge_id is not None:
            self._done(discharge_id)

    def print_avviso(self) -> None:
        s = self.selected()
        if s is not None:
            self.last_print_job = print_report(self, self.db, "avviso-vendita", numero=s.id)

    def print_decree(self) -> None:
        s = self.selected()
        if s is not None and s.discharge_id is not None:
            self.last_print_job = print_report(self, self.db, "decreto-discarico",
                                               id=s.discharge_id)


@report_errors
def open_sales(tab) -> None:
    if not list_sales(tab.db):
        raise DomainError("Nessuna vendita o cessione: selezionare i beni fuori uso e usare "
                          "«Vendita o cessione dei beni selezionati…».")
    SalesDialog.ask(tab, tab.db)
