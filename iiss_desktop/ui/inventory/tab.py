"""Inventario: the goods of every register, with carico and movements between rooms."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from ...domain import inventory as rules
from ...queries.inventory import list_items
from ...queries.school import list_rooms
from ...services.inventory import (CaricoInput, LoanInput, carico, discharge_items, lend,
                                  move_item, return_loan)
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report
from ..common.table_model import Column, cents_column, date_column
from ..common.table_tab import TableTab


def _room_choices(db) -> list[tuple[int, str]]:
    return [(r.id, f"{r.site_name} – {r.name}") for r in list_rooms(db) if r.active]


class InventoryTab(TableTab):
    area = "inventory"
    title = "Inventario"
    intro = ("Beni dell'istituto per inventario (D.I. 129/2018, art. 31), con il locale in cui "
             "si trovano. Ogni bene ha il suo numero progressivo, quello dell'etichetta.")
    empty_text = "Nessun bene inventariato: usare «Carico…» per il primo."
    extended_selection = True
    columns = (
        Column("register", "Inventario"), Column("number", "N.", align="right"),
        date_column("date", "Carico"), Column("description", "Descrizione"),
        Column("site", "Plesso"), Column("room", "Locale"),
        Column("custodian", "Custode"), Column("state", "Stato"),
        cents_column("value", "Valore"), Column("status", "Situazione"),
    )

    # Toolbar: the everyday actions; the rest in one drop-down per part of the office's work.
    CUSTODY, DISCHARGE, LOANS, REGISTERS = "Custodia", "Discarico e vendita", "Comodato", "Registri"

    def setup_actions(self) -> None:
        self.add_action("Carico…", self.new_carico, shortcut="Ctrl+N",
                        tooltip="Prendere in carico uno o più beni")
        self.add_action("Sposta…", self.move_selected, needs_selection=True,
                        tooltip="Spostare il bene in un altro locale")
        self.add_action("Ricognizione…", self.open_ricognizione,
                        tooltip="Controllo fisico dei beni di un locale con il lettore di etichette")
        self.add_action("Etichette", self.print_labels,
                        tooltip="Etichette dei beni selezionati, o di tutti quelli mostrati")
        self.add_action("Stampa registro", self.print_register, shortcut="Ctrl+P")
        self.add_action("Discarico…", self.discharge_selected, needs_selection=True,
                        menu=self.DISCHARGE,
                        tooltip="Scaricare i beni selezionati con il decreto del Dirigente")
        self.add_action("Comodato…", self.lend_selected, needs_selection=True, menu=self.LOANS,
                        tooltip="Consegnare i beni selezionati in comodato d'uso a un alunno")
        self.add_action("Restituzione…", self.return_selected, needs_selection=True,
                        menu=self.LOANS,
                        tooltip="Registrare la restituzione del comodato del bene selezionato")
        self.setup_more_actions()

    def setup_more_actions(self) -> None:
        """Custody, values, sale, handover and import: each part adds its entries here."""
        # --- actions: custody ---
        from .custody import add_custody_actions
        add_custody_actions(self)
        # --- actions: ricognizione ---
        from .ricognizione import add_ricognizione_actions
        add_ricognizione_actions(self)
        # --- actions: values-sale ---
        from .sale import add_sale_actions
        from .values import add_values_actions
        add_sale_actions(self)
        add_values_actions(self)
        # --- actions: comodato-handover ---
        from .comodato_prints import add_comodato_handover_actions
        add_comodato_handover_actions(self)
        # --- actions: import ---
        from .import_dialog import open_export, open_import
        self.add_action("Importa inventario…", lambda *_: open_import(self), menu=self.REGISTERS,
                        tooltip="Importare i beni da un file CSV o Excel di un altro programma, "
                                "dopo un controllo che non modifica nulla")
        self.add_action("Esporta inventario…", lambda *_: open_export(self), menu=self.REGISTERS,
                        tooltip="Salvare i beni in un file Excel o CSV, reimportabile")

    def load_rows(self):
        return list_items(self.db)

    def carico_specs(self) -> list[FieldSpec]:
        registers = [(code, title) for code, title in rules.REGISTERS.items()]
        return [
            FieldSpec("description", "Descrizione", required=True, max_length=500),
            FieldSpec("category_register", "Inventario", kind="choice", required=True,
                      choices=registers),
            FieldSpec("nature", "Natura", kind="choice", required=True,
                      choices=list(rules.NATURES.items())),
            FieldSpec("category", "Categoria", max_length=80,
                      placeholder="es. Hardware, Mobili e arredi"),
            FieldSpec("quantity", "Quantità", kind="int", required=True),
            FieldSpec("unit_value", "Valore unitario (IVA compresa)", kind="money", required=True),
            FieldSpec("universalita", "Acquistati insieme (universalità)", kind="bool"),
            FieldSpec("entry_date", "Data di carico", kind="date", required=True),
            FieldSpec("room_id", "Locale", kind="choice", required=True,
                      choices=_room_choices(self.db)),
            FieldSpec("state", "Stato di conservazione", kind="choice", required=True,
                      choices=[(s, s) for s in rules.STATES]),
            FieldSpec("valuation", "Provenienza", kind="choice", required=True,
                      choices=[(k, f"{k} ({v})") for k, v in rules.VALUATIONS.items()]),
            FieldSpec("supplier", "Fornitore", max_length=200),
            FieldSpec("invoice_number", "Fattura n.", max_length=40),
            FieldSpec("invoice_date", "Fattura del", kind="date"),
            FieldSpec("cig", "CIG", max_length=10),
            FieldSpec("cup", "CUP", max_length=15),
            FieldSpec("funding", "Fonte di finanziamento", max_length=120,
                      placeholder="es. A03 Didattica, PON FESR"),
            FieldSpec("impegno", "Impegno n.", max_length=40),
            FieldSpec("mandato", "Mandato n.", max_length=40),
            FieldSpec("brand", "Marca", max_length=80),
            FieldSpec("model", "Modello", max_length=80),
            FieldSpec("serial_number", "Numero di serie", max_length=80),
            FieldSpec("owner", "Proprietario (beni di terzi)", max_length=200),
        ]

    @report_errors
    def new_carico(self) -> None:
        done = {}

        def submit(values: dict) -> None:
            clean = {k: v for k, v in values.items() if v is not None}
            clean.setdefault("universalita", False)
            done["result"] = carico(self.db, CaricoInput(**clean))

        defaults = {"category_register": "inv-mobili", "nature": "bene", "quantity": 1,
                    "entry_date": date.today(), "state": "buono", "valuation": "acquisto"}
        if FormDialog.ask(self, "Carico inventariale", self.carico_specs(), defaults,
                          on_submit=submit) is None:
            return
        result = done["result"]
        numbers = result.numbers
        shown = (f"n. {numbers[0]}" if len(numbers) == 1 else
                 f"dal n. {numbers[0]} al n. {numbers[-1]}")
        QMessageBox.information(
            self, "Carico registrato",
            f"{result.reason}\nNumeri assegnati: {shown}.\n"
            f"Buono di carico n. {result.buono_number}/{result.buono_year}.")
        self.events.data_changed.emit(self.area)

    @report_errors
    def move_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        specs = [FieldSpec("to_room_id", "Nuovo locale", kind="choice", required=True,
                           choices=_room_choices(self.db)),
                 FieldSpec("moved_on", "Data", kind="date", required=True),
                 FieldSpec("reason", "Motivo", max_length=300)]
        if FormDialog.ask(self, "Spostamento del bene", specs, {"moved_on": date.today()},
                          on_submit=lambda v: move_item(self.db, item_id=item_id, **v)):
            self.events.data_changed.emit(self.area)

    @report_errors
    def discharge_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        specs = [FieldSpec("decree_number", "Decreto del Dirigente n.", required=True,
                           max_length=40),
                 FieldSpec("decree_date", "Decreto del", kind="date", required=True),
                 FieldSpec("cause", "Causa", kind="choice", required=True,
                           choices=list(rules.DISCHARGE_CAUSES.items())),
                 FieldSpec("motivation", "Motivazione", kind="multiline", required=True),
                 FieldSpec("reintegro", "Con reintegro", kind="bool"),
                 FieldSpec("reintegro_amount", "Importo del reintegro", kind="money"),
                 FieldSpec("responsible", "Responsabile tenuto al reintegro", max_length=200),
                 FieldSpec("attachments", "Allegati (denuncia, relazione del DSGA, verbale)",
                           kind="multiline")]
        done = {}

        def submit(values: dict) -> None:
            values = {k: v for k, v in values.items() if v is not None}
            done["id"] = discharge_items(self.db, item_ids=ids, **values)

        title = f"Discarico di {len(ids)} {'bene' if len(ids) == 1 else 'beni'}"
        if FormDialog.ask(self, title, specs, {"decree_date": date.today()},
                          on_submit=submit) is not None:
            self.events.data_changed.emit(self.area)
            from .sale import offer_discharge_prints   # decree and buono di scarico
            offer_discharge_prints(self, self.db, done["id"])

    @report_errors
    def lend_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        specs = [FieldSpec("parent_name", "Genitore o tutore (comodatario)", required=True),
                 FieldSpec("parent_cf", "Codice fiscale del comodatario", required=True,
                           max_length=16),
                 FieldSpec("id_document", "Documento d'identità"),
                 FieldSpec("contacts", "Recapiti"),
                 FieldSpec("student_name", "Alunno", required=True),
                 FieldSpec("class_name", "Classe", max_length=20),
                 FieldSpec("start", "Consegna il", kind="date", required=True),
                 FieldSpec("due", "Restituzione entro", kind="date", required=True),
                 FieldSpec("criteria", "Criterio di assegnazione",
                           placeholder="es. graduatoria ISEE"),
                 FieldSpec("condition", "Stato dei beni alla consegna", kind="choice",
                           required=True, choices=[(c, c) for c in rules.CONDITIONS])]

        done = {}

        def submit(values: dict) -> None:
            values = {k: v for k, v in values.items() if v is not None}
            done["number"] = lend(self.db, LoanInput(item_ids=ids, **values))[1]
            done["year"] = values["start"].year   # the contracts are numbered per year

        if FormDialog.ask(self, "Comodato d'uso", specs,
                          {"start": date.today(), "condition": "buono"},
                          on_submit=submit) is not None:
            self.events.data_changed.emit(self.area)
            from .comodato_prints import offer_contract
            offer_contract(self, done["number"], done["year"])

    @report_errors
    def return_selected(self) -> None:
        from ...domain.errors import DomainError
        from ...queries.inventory import open_loan_of_item

        item_id = self.selected_id()
        loan_id = open_loan_of_item(self.db, item_id) if item_id is not None else None
        if loan_id is None:
            raise DomainError("Il bene selezionato non è in comodato.")
        specs = [FieldSpec("returned_on", "Restituito il", kind="date", required=True),
                 FieldSpec("condition", "Stato alla restituzione", kind="choice",
                           required=True, choices=[(c, c) for c in rules.CONDITIONS]),
                 FieldSpec("notes", "Esito del controllo (danni, mancanze)", kind="multiline")]

        def submit(values: dict) -> None:
            return_loan(self.db, loan_id=loan_id, returned_on=values["returned_on"],
                        condition=values["condition"], notes=values.get("notes") or "")

        if FormDialog.ask(self, "Restituzione del comodato", specs,
                          {"returned_on": date.today(), "condition": "buono"},
                          on_submit=submit) is not None:
            self.events.data_changed.emit(self.area)

    @report_errors
    def open_ricognizione(self) -> None:
        from .ricognizione import RicognizioneDialog

        RicognizioneDialog.ask(self, self.db)
        self.events.data_changed.emit(self.area)

    def print_labels(self) -> None:
        ids = self.selected_ids() or [self.model.row_id(r) for r in range(self.model.rowCount())]
        print_report(self, self.db, "etichette", item_ids=ids)

    def print_register(self) -> None:
        row = self.selected_id()
        code = "inv-mobili"
        if row is not None:
            shown = self.model.row(self.table.selectionModel().selectedRows()[0].row())[0]
            code = rules.code_of_short_name(shown, code)
        print_report(self, self.db, "registro", registro=code, anno=date.today().year)
