"""Magazzino: the articles with stock, minimum and value; carico, requests, approval,
withdrawal, transfer, stocktake, DPI distribution, storno and the prints."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox

from ...areas.warehouse import APPROVE, MASTER_DATA, MOVEMENTS, REQUEST
from ...domain import warehouse as rules
from ...domain.errors import DomainError, ValidationError
from ...queries import warehouse as q
from ...queries.school import list_sites
from ...services.warehouse.movements import (
    CaricoInput,
    DpiDelivery,
    annul_movement,
    carico,
    distribute_dpi,
    transfer,
)
from ...services.warehouse.posting import MovementRef
from ...services.warehouse.requests import RequestInput, create_request
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report
from ..common.table_model import Column, cents_column
from ..common.table_tab import TableTab
from .filters import ARTICLE_FILTERS
from .line_grid import GridOptions
from .lines_dialog import LinesDialog
from .master_data import StoreroomsDialog, edit_article
from .request_dialogs import ApprovalDialog, WithdrawalDialog, approval_choices, withdrawal_choices


def _qty(v) -> str:
    return rules.format_quantity(v, with_unit=False)


def _grid_column(name: str, title: str) -> Column:
    if name in ("stock", "minimum"):
        return Column(name, title, "right", _qty)
    if name == "value":
        return cents_column(name, title)
    return Column(name, title, align="center" if name == "unit" else "left")


class WarehouseTab(TableTab):
    area = "warehouse"
    title = "Magazzino"
    intro = ("Materiale di facile consumo e DPI: giacenze per magazzino, carichi, richieste, "
             "buoni di prelevamento e giornale di magazzino (costo medio ponderato, IVA "
             "inclusa).")
    empty_text = "Nessun articolo di magazzino: caricare l'anagrafica degli articoli."
    # The grid as declared (domain.warehouse.ARTICLE_GRID); here only how each cell shows.
    columns = tuple(_grid_column(name, title) for name, title in rules.ARTICLE_GRID)
    filters = ARTICLE_FILTERS
    MOVES, MASTER, PRINTS, LISTS = "Movimenti", "Anagrafica", "Stampe", "Elenchi"

    def __init__(self, db, events, parent=None):
        self.last_movement: MovementRef | None = None
        self.last_kind = ""
        self.store_filter = None
        super().__init__(db, events, parent)

    # --- toolbar -----------------------------------------------------------------------
    def setup_actions(self) -> None:
        self.store_filter = QComboBox(self.toolbar)
        self.store_filter.setObjectName("storeFilter")
        self._fill_store_filter()
        self.toolbar.addWidget(QLabel(" Magazzino: ", self.toolbar))
        self.toolbar.addWidget(self.store_filter)
        self.store_filter.currentIndexChanged.connect(lambda *_: self.refresh())
        self.add_action("Carico…", self.new_carico, shortcut="Ctrl+N", permission=MOVEMENTS,
                        on_rows=True,
                        tooltip="Buono di versamento: merce in arrivo (DDT, fattura, fornitura "
                                "gratuita)")
        self.add_action("Richiesta…", self.new_request, permission=REQUEST, shortcut="Ctrl+R",
                        on_rows=True,
                        tooltip="Richiesta di materiale di un ufficio, plesso o laboratorio")
        self.add_action("Approva…", self.decide, permission=APPROVE, shortcut="Ctrl+Shift+A",
                        tooltip="Approvare, ridurre o respingere le richieste in attesa")
        self.add_action("Prelievo…", self.new_withdrawal, permission=MOVEMENTS, shortcut="Ctrl+B",
                        tooltip="Buono di prelevamento su una richiesta approvata")
        self.add_action("Trasferimento…", self.new_transfer, menu=self.MOVES,
                        permission=MOVEMENTS, shortcut="Ctrl+T", on_rows=True,
                        tooltip="Movimento interno tra magazzini")
        self.add_action("Inventario fisico…", self.open_stocktake, menu=self.MOVES,
                        permission=MOVEMENTS, shortcut="Ctrl+I",
                        tooltip="Conteggio con il lettore di codici a barre e rettifiche")
        self.add_action("Distribuzione DPI…", self.distribute, menu=self.MOVES,
                        permission=MOVEMENTS, shortcut="Ctrl+Shift+D",
                        tooltip="Consegna di DPI a un plesso o a una persona, con ricevuta")
        self.add_action("Storno di un movimento…", self.annul, menu=self.MOVES,
                        permission=MOVEMENTS,
                        tooltip="Annullare un movimento del giornale con il motivo")
        self.add_action("Nuovo articolo…", self.new_article, menu=self.MASTER,
                        permission=MASTER_DATA, shortcut="Ctrl+Shift+N",
                        tooltip="Anagrafica: codice, descrizione, unità di misura, scorta "
                                "minima, lotti")
        self.add_action("Modifica articolo…", self.edit_selected_article,
                        needs_selection=True, menu=self.MASTER, permission=MASTER_DATA,
                        shortcut="F2",
                        tooltip="Modificare l'anagrafica dell'articolo selezionato (il "
                                "giornale non cambia)")
        self.add_action("Magazzini…", self.edit_storerooms, menu=self.MASTER,
                        permission=MASTER_DATA,
                        tooltip="Magazzini: uno per plesso o per reparto")
        self.add_action("Scheda dell'articolo", self.print_scheda, needs_selection=True,
                        menu=self.PRINTS)
        self.add_action("Buono dell'ultimo movimento", self.print_last, menu=self.PRINTS,
                        shortcut="Ctrl+Shift+B")
        self.add_action("Giornale di magazzino", lambda: self._print("giornale-magazzino"),
                        menu=self.PRINTS)
        self.add_action("Giacenze e valore a oggi", self.print_stock, menu=self.PRINTS,
                        shortcut="Ctrl+P")
        self.add_action("Consumi per ufficio", lambda: self._print("consumi-magazzino",
                                                                   per="ufficio"),
                        menu=self.PRINTS)
        self.add_action("Consumi per plesso", lambda: self._print("consumi-magazzino",
                                                                  per="plesso"),
                        menu=self.PRINTS)
        self.add_action("Riepilogo DPI", lambda: self._print("riepilogo-dpi"), menu=self.PRINTS)
        self.add_action("Altro periodo o altra data…", self.print_with_options,
                        menu=self.PRINTS,
                        tooltip="Le stampe del magazzino per un periodo (es. l'anno scolastico) "
                                "o a una data a scelta")
        self.add_action("Richieste di materiale…", self.open_requests, menu=self.LISTS,
                        tooltip="Le richieste per stato (da approvare, approvate, evase in "
                                "parte, chiuse); filtra ed esporta")
        self.add_action("Movimenti…", self.open_movements, menu=self.LISTS,
                        tooltip="I movimenti del giornale per tipo e periodo, con le rettifiche "
                                "delle conte fisiche; stampa il buono di ciascuno")

    def open_requests(self) -> None:
        from .work_lists import RequestsList

        if RequestsList.ask(self, self.db):
            self.refresh()

    def open_movements(self) -> None:
        from .work_lists import MovementsList

        MovementsList.ask(self, self.db)

    def _fill_store_filter(self) -> None:
        current = self.store_filter.currentData()
        self.store_filter.blockSignals(True)
        self.store_filter.clear()
        self.store_filter.addItem("Tutti i magazzini", None)
        for s in q.list_storerooms(self.db):
            self.store_filter.addItem(s.name if s.active else f"{s.name} (fuori uso)", s.id)
        self.store_filter.setCurrentIndex(max(0, self.store_filter.findData(current)))
        self.store_filter.blockSignals(False)

    def load_rows(self):
        store = self.store_filter.currentData() if self.store_filter is not None else None
        return q.list_articles(self.db, store)

    def _changed(self, ref: MovementRef | None = None, kind: str = "") -> None:
        if ref is not None:
            self.last_movement, self.last_kind = ref, kind
        self.events.data_changed.emit(self.area)   # reloads this tab, once (ui/common/refresh)

    # --- choices ------------------------------------------------------------------------
    def _stores(self):
        return [(s.id, f"{s.name} ({s.code})") for s in q.list_storerooms(self.db) if s.active]

    def _sites(self):
        return [(s.id, s.name) for s in list_sites(self.db)]

    def _selected_code(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        code = rules.ARTICLE_GRID_INDEX["code"]
        return self.model.row(rows[0].row())[code] + " " if rows else ""

    # --- anagrafica ---------------------------------------------------------------------
    @report_errors
    def new_article(self) -> None:
        if edit_article(self, self.db) is not None:
            self._changed()

    @report_errors
    def edit_selected_article(self) -> None:
        article_id = self.selected_id()
        if article_id is None:
            raise DomainError("Selezionare l'articolo da modificare.")
        if edit_article(self, self.db, article_id) is not None:
            self._changed()

    @report_errors
    def on_activated(self, row_id) -> None:
        """Double-click or Enter: the scheda of the article (Modifica… edits its anagrafica)."""
        from .scheda import open_article_scheda

        if open_article_scheda(self, self.db, row_id):
            self._changed()

    @report_errors
    def edit_storerooms(self) -> None:
        if StoreroomsDialog.ask(self, self.db):
            self._fill_store_filter()
            self._changed()

    # --- lines ----------------------------------------------------------------------------
    def _articles(self, *, dpi_only: bool = False):
        return [a for a in q.list_article_rows(self.db, dpi_only=dpi_only) if a.active]

    def _selected_line(self) -> list[tuple[str, str]]:
        code = self._selected_code().strip()
        return [(code, "")] if code else []

    # --- carico -------------------------------------------------------------------------
    @report_errors
    def new_carico(self) -> None:
        specs = [
            FieldSpec("storeroom_id", "Magazzino", kind="choice", required=True,
                      choices=self._stores()),
            FieldSpec("entry_date", "Data del carico", kind="date", required=True),
            FieldSpec("document_kind", "Documento", kind="choice", required=True,
                      choices=list(rules.DOCUMENT_KINDS.items())),
            FieldSpec("document_ref", "Numero del documento", max_length=80),
            FieldSpec("document_date", "Data del documento", kind="date"),
            FieldSpec("supplier", "Fornitore", max_length=200),
            FieldSpec("funding", "Fonte di finanziamento", max_length=120,
                      placeholder="es. A02 Funzionamento amministrativo"),
            FieldSpec("order_ref", "Ordine", max_length=40,
                      placeholder="numero e data dell'ordine o del contratto"),
            FieldSpec("impegno", "Impegno di spesa", max_length=40),
            FieldSpec("handed_by", "Chi consegna", max_length=160),
            FieldSpec("received_by", "Chi riceve", max_length=160),
            FieldSpec("notes", "Note", max_length=300),
        ]
        defaults = {"entry_date": date.today(), "document_kind": "ddt"}
        options = GridOptions(with_value=True, with_lot=True, with_expiry=True)
        ref = LinesDialog.ask(self, "Carico di magazzino (buono di versamento)", specs,
                              self._articles(), options, defaults, self._selected_line(),
                              on_submit=lambda v, items: carico(
                                  self.db, CaricoInput(lines=items, **v)),
                              lines_title="Articoli caricati (valore complessivo della riga, "
                                          "IVA inclusa)")
        if ref is not None:
            self._changed(ref, "carico")

    # --- requests -----------------------------------------------------------------------
    @report_errors
    def new_request(self) -> None:
        specs = [
            FieldSpec("requested_on", "Data della richiesta", kind="date", required=True),
            FieldSpec("requester", "Richiedente", required=True, max_length=120),
            FieldSpec("destination_kind", "Per", kind="choice", required=True,
                      choices=list(rules.RECIPIENT_KINDS.items())),
            FieldSpec("destination", "Ufficio, laboratorio o plesso", required=True,
                      max_length=120),
            FieldSpec("destination_site_id", "Plesso", kind="choice", choices=self._sites()),
            FieldSpec("storeroom_id", "Magazzino", kind="choice", choices=self._stores()),
        ]

        def submit(v, items):
            create_request(self.db, RequestInput(
                lines=[(i.article_id, i.quantity) for i in items], **v))

        if LinesDialog.ask(self, "Richiesta di materiale", specs, self._articles(),
                           GridOptions(), {"requested_on": date.today(),
                                           "destination_kind": "ufficio"},
                           self._selected_line(), on_submit=submit,
                           lines_title="Articoli richiesti") is not None:
            self._changed()

    @report_errors
    def decide(self) -> None:
        choices = approval_choices(self.db)
        if not choices:
            raise DomainError("Nessuna richiesta in attesa di approvazione.")
        if ApprovalDialog.ask(self, self.db, choices) is not None:
            self._changed()

    # --- withdrawal ---------------------------------------------------------------------
    @report_errors
    def new_withdrawal(self) -> None:
        choices = withdrawal_choices(self.db)
        if not choices:
            raise DomainError("Nessuna richiesta approvata da evadere: il prelievo si fa su "
                              "una richiesta approvata dal DSGA.")
        ref = WithdrawalDialog.ask(self, self.db, choices, self._stores())
        if ref is not None:
            self._changed(ref, "scarico")

    # --- transfer, stocktake, DPI, storno ------------------------------------------------
    @report_errors
    def new_transfer(self) -> None:
        specs = [
            FieldSpec("from_storeroom_id", "Da magazzino", kind="choice", required=True,
                      choices=self._stores()),
            FieldSpec("to_storeroom_id", "A magazzino", kind="choice", required=True,
                      choices=self._stores()),
            FieldSpec("entry_date", "Data", kind="date", required=True),
            FieldSpec("reason", "Motivo", max_length=300),
        ]
        ref = LinesDialog.ask(self, "Trasferimento tra magazzini", specs, self._articles(),
                              GridOptions(), {"entry_date": date.today()},
                              self._selected_line(),
                              on_submit=lambda v, items: transfer(self.db, lines=items, **v),
                              lines_title="Articoli trasferiti (al costo medio del magazzino "
                                          "di partenza)")
        if ref is not None:
            self._changed(ref, "trasferimento")

    @report_errors
    def open_stocktake(self) -> None:
        from .stocktake import StocktakeDialog

        ref = StocktakeDialog.ask(self, self.db)
        if ref is not None:
            self._changed(ref, "rettifica")

    @report_errors
    def distribute(self) -> None:
        specs = [
            FieldSpec("storeroom_id", "Magazzino", kind="choice", required=True,
                      choices=self._stores()),
            FieldSpec("entry_date", "Data di consegna", kind="date", required=True),
            FieldSpec("recipient", "Destinatari (uno per riga)", kind="multiline",
                      required=True,
                      help="Ognuno riceve i DPI elencati sotto, con la sua ricevuta numerata"),
            FieldSpec("destination_kind", "Destinatario è", kind="choice", required=True,
                      choices=list(rules.RECIPIENT_KINDS.items())),
            FieldSpec("destination", "Plesso, ufficio o reparto", required=True,
                      max_length=120),
            FieldSpec("destination_site_id", "Plesso", kind="choice", choices=self._sites()),
            FieldSpec("handed_by", "Chi consegna", max_length=160),
        ]
        def submit(v, items) -> list[MovementRef]:
            names = [n.strip() for n in (v.pop("recipient") or "").splitlines() if n.strip()]
            for name in names:
                if len(name) > 160:
                    raise ValidationError({"recipient": f"«{name[:40]}…»: al massimo 160 "
                                                        "caratteri per destinatario."})
            kind, where, site = (v.pop("destination_kind"), v.pop("destination"),
                                 v.pop("destination_site_id"))
            deliveries = [DpiDelivery(name, kind, where, items, site) for name in names]
            return distribute_dpi(self.db, deliveries=deliveries, **v)

        options = GridOptions(with_lot=True, lot_optional=True,
                              unknown="nessun DPI ha questo codice")
        refs = LinesDialog.ask(self, "Distribuzione DPI (ricevuta per destinatario)", specs,
                               self._articles(dpi_only=True), options,
                               {"entry_date": date.today(), "destination_kind": "plesso"},
                               on_submit=submit,
                               lines_title="DPI consegnati (senza lotto si usano per primi i "
                                           "lotti in scadenza)")
        if refs is None:
            return
        last = refs[-1]
        self._changed(last, "dpi")
        if len(refs) > 1:
            QMessageBox.information(
                self, "DPI consegnati",
                f"Registrate {len(refs)} consegne, con le ricevute dalla n. "
                f"{last.number - len(refs) + 1} alla n. {last.number}/{last.year} del "
                "giornale di magazzino (buoni di prelevamento), una per destinatario.")

    @report_errors
    def annul(self) -> None:
        moves = q.list_movements(self.db)[:300]
        if not moves:
            raise DomainError("Nessun movimento nel giornale di magazzino.")
        specs = [
            FieldSpec("movement_id", "Movimento", kind="choice", required=True,
                      choices=[(m.id, f"n. {m.number}/{m.year} del {m.day:%d/%m/%Y} – "
                                      f"{m.description}") for m in moves]),
            FieldSpec("entry_date", "Data dello storno", kind="date", required=True,
                      help="Non prima del movimento stornato, mai futura"),
            FieldSpec("reason", "Motivo dello storno", kind="multiline", required=True),
        ]
        ref = FormDialog.ask(self, "Storno di un movimento di magazzino", specs,
                             {"entry_date": date.today()},
                             on_submit=lambda v: annul_movement(self.db, **v))
        if ref is not None:
            self._changed(ref, "storno")

    # --- prints ---------------------------------------------------------------------------
    def _print(self, name: str, **options) -> None:
        options.setdefault("anno", date.today().year)
        print_report(self, self.db, name, **options)

    def print_scheda(self) -> None:
        code = self._selected_code().strip()
        if code:
            self._print("scheda-magazzino", articolo=code,
                        magazzino=self.store_filter.currentData())

    def print_stock(self) -> None:
        print_report(self, self.db, "giacenze-magazzino", data=date.today(),
                     magazzino=self.store_filter.currentData())

    @report_errors
    def print_with_options(self) -> None:
        """The Stampe dialog, on the first print of the magazzino: period, date, storeroom."""
        from ..print_dialog import PrintDialog

        dialog = PrintDialog(self, self.db)
        first = next(i for i, spec in enumerate(dialog.specs) if spec.area == "Magazzino")
        dialog.list.setCurrentRow(first)
        exec_and_dispose(dialog)

    @report_errors
    def print_last(self) -> None:
        ref = self.last_movement
        if ref is None:
            raise DomainError("Nessun movimento registrato in questa sessione: stampare i buoni "
                              "dal menu Stampe del programma con il numero del giornale.")
        name = "buono-versamento" if self.last_kind == "carico" else "buono-prelevamento"
        print_report(self, self.db, name, anno=ref.year, numero=ref.number)

