"""Acquisti: the Registro unico delle fatture (the invoices received, FatturaPA) and their
import, the window of the albo fornitori (Fornitori…, Ctrl+Shift+F) and, in the «Procedure»
menu, the procedure files (Procedure d'acquisto…, Ctrl+Shift+Y; Nuova richiesta d'acquisto…,
Ctrl+Shift+N); acceptance comes with the rest of the area."""
from __future__ import annotations

from ...areas.funds import LIQUIDATE
from ...areas.procurement import INVOICES, PREPARE, READ
from ...areas.school import SETTINGS
from ...domain.text import sentences
from ...queries.procurement import list_invoices
from ..common.dialogs import report_errors
from ..common.filters import FilterSpec
from ..common.printing import print_report
from ..common.table_model import Column, date_column, money_column
from ..common.table_tab import TableTab

COLUMNS = (
    Column("ref", "Reg. n.", "right", max_width=80),
    date_column("received_on", "Ricevuta"),
    Column("supplier", "Fornitore", max_width=260),
    Column("vat", "P. IVA / C.F.", max_width=130),
    Column("number", "Documento", max_width=200),
    date_column("invoice_date", "Del"),
    money_column("total", "Totale"),
    money_column("payable", "Al fornitore"),
    date_column("due", "Scadenza"),
    Column("cig", "CIG", max_width=110),
    Column("state", "Stato", max_width=140),
    Column("warnings", "Avvertenze", max_width=320),
)
FILTERS = (
    FilterSpec("state", "Stato", ("state",)),
    FilterSpec("supplier", "Fornitore", ("supplier",), searchable=True),
    FilterSpec("received", "Ricevute", ("received_on",), period=True),
)


class ProcurementTab(TableTab):
    area = "procurement"
    title = "Acquisti – Registro unico delle fatture"
    intro = ("Le fatture elettroniche ricevute, nell'ordine del registro (DL 66/2014 art. 42): "
             "importarle dai file .xml, .xml.p7m o .zip ricevuti dallo SdI.")
    empty_text = "Nessuna fattura ricevuta: importare i file con «Importa fatture…»."
    columns = COLUMNS
    filters = FILTERS
    PROCEDURES = "Procedure"
    SETTINGS_MENU = "Impostazioni"

    def setup_actions(self) -> None:
        self.add_action("Importa fatture…", self.import_invoices, shortcut="Ctrl+I",
                        permission=INVOICES,
                        tooltip="Importa fatture elettroniche (.xml, .xml.p7m, .zip): "
                                "controllo con lo schema ufficiale, registro unico")
        self.add_action("Scheda della fattura", self.open_selected, needs_selection=True,
                        shortcut="Ctrl+O",
                        tooltip="Righe, riepilogo IVA, pagamento, storia, documenti e allegati")
        self.add_action("Abbina all'ordine…", self.match_selected, needs_selection=True,
                        shortcut="Ctrl+Shift+O", permission=INVOICES,
                        tooltip="L'ordine che la fattura addebita (CIG, riferimento, "
                                "fornitore, importo) e le differenze")
        self.add_action("Liquida e paga…", self.liquidate_selected, needs_selection=True,
                        shortcut="Ctrl+Shift+J", permission=LIQUIDATE,
                        tooltip="Liquidazione sull'impegno e mandato al conto dedicato, con "
                                "le verifiche di DURC e collaudo")
        self.add_action("Stampa registro", self.print_register, shortcut="Ctrl+P",
                        tooltip="Registro unico delle fatture, con scadenze e giorni")
        self.add_action("Fornitori…", self.open_suppliers, shortcut="Ctrl+Shift+F",
                        permission=READ,
                        tooltip="Albo dei fornitori: DURC, conto dedicato, dichiarazioni e "
                                "controlli a campione, affidamenti")
        self.add_action("Procedure d'acquisto…", self.open_procedures, shortcut="Ctrl+Shift+Y",
                        menu=self.PROCEDURES, permission=READ,
                        tooltip="Richieste, determine a contrarre, preventivi, affidamenti e "
                                "ordini")
        self.add_action("Monitoraggio degli acquisti…", self.open_monitoring,
                        shortcut="Ctrl+Shift+K", menu=self.PROCEDURES, permission=READ,
                        tooltip="Per procedura: stato, che cosa manca, scadenze e giorni di "
                                "pagamento; acquisti per fondo; dati per la trasparenza")
        self.add_action("Nuova richiesta d'acquisto…", self.new_request,
                        shortcut="Ctrl+Shift+N", menu=self.PROCEDURES, permission=PREPARE,
                        tooltip="Richiesta di un ufficio, plesso o laboratorio, da approvare "
                                "o respingere")
        self.add_action("Termine di pagamento delle fatture…", self.set_payment_days,
                        menu=self.SETTINGS_MENU, permission=SETTINGS,
                        tooltip="Giorni dalla ricezione per pagare una fattura che non indica "
                                "la scadenza (predefinito «[U]»: 30, D.Lgs 231/2002)")

    def load_rows(self):
        invoices = list_invoices(self.db)
        rows = []
        for i in invoices:
            warnings = sentences([*i.schema_problems.splitlines(), *i.warnings.splitlines()])
            # «Fattura» is the rule: another kind (a nota di credito) is named with its number
            document = i.invoice_number if i.document_type == "TD01" else \
                f"{i.document_label} {i.invoice_number}"
            rows.append((i.ref, i.received_on, i.supplier, i.supplier_vat, document,
                         i.invoice_date, i.total, i.payable,
                         i.payment_due, i.cig, i.state_label, warnings))
        return rows, [i.id for i in invoices]

    def on_activated(self, row_id) -> None:
        from .invoice_scheda import open_invoice_scheda

        if open_invoice_scheda(self, self.db, row_id):
            self.events.data_changed.emit(self.area)

    def open_selected(self) -> None:
        if self.selected_id() is not None:
            self.on_activated(self.selected_id())

    def match_selected(self) -> None:
        from .invoice_match import choose_order

        if self.selected_id() is not None and choose_order(self, self.db, self.selected_id()):
            self.events.data_changed.emit(self.area)

    def liquidate_selected(self) -> None:
        from .invoice_liquidation import liquidate

        if self.selected_id() is not None and liquidate(self, self.db, self.selected_id()):
            self.events.data_changed.emit(self.area)

    def import_invoices(self) -> None:
        from .invoice_import import ImportInvoicesDialog, choose_files

        paths = choose_files(self)
        if paths and ImportInvoicesDialog.run(self, self.db, paths):
            self.events.data_changed.emit(self.area)

    def open_suppliers(self) -> None:
        from .suppliers import open_suppliers

        if open_suppliers(self, self.db):
            self.events.data_changed.emit(self.area)

    def open_procedures(self) -> None:
        from .procedures import open_procedures

        if open_procedures(self, self.db):
            self.events.data_changed.emit(self.area)

    def open_monitoring(self) -> None:
        from .monitoring import open_monitoring

        open_monitoring(self, self.db)

    def new_request(self) -> None:
        from .procedures import ProceduresList

        dialog = ProceduresList(self, self.db)
        try:
            dialog.new_request()
            if dialog.changed:
                dialog.exec()
                self.events.data_changed.emit(self.area)
        finally:
            dialog.deleteLater()

    @report_errors
    def set_payment_days(self) -> None:
        from ...domain.procurement.fields import SETTING
        from ...queries.procurement import payment_days
        from ...services.procurement.procedures import set_payment_days
        from ..common.form import FieldSpec, FormDialog

        field = SETTING["payment_days"]
        specs = [FieldSpec("days", "Termine di pagamento (giorni dalla ricezione) «[U]»",
                           kind="int", help=field.help)]
        done = FormDialog.ask(self, "Termine di pagamento delle fatture", specs,
                              {"days": payment_days(self.db)},
                              on_submit=lambda v: set_payment_days(self.db, v["days"]) or True)
        if done is not None:
            self.events.data_changed.emit(self.area)

    def print_register(self) -> None:
        print_report(self, self.db, "registro-fatture")
