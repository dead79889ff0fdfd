"""Inventario: the goods of every register, with carico and movements between rooms."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from PySide6.QtWidgets import QLabel, QMessageBox

from ...areas.inventory import CARICO, DISCHARGE, LOANS, PREPARE
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import states
from ...domain.inventory.carico import (
    NATURES,
    NOT_INVENTORIED,
    VAT_RATES,
    carico_value,
    destination,
    threshold_value,
)
from ...domain.inventory.discharge import DISCHARGE_CAUSES
from ...domain.inventory.fields import GRID, GRID_INDEX, ITEM
from ...domain.inventory.loans import CONDITIONS
from ...domain.inventory.loans import PARENT as LOAN_PARENT
from ...domain.inventory.registers import REGISTERS as INVENTORY_REGISTERS
from ...domain.inventory.registers import code_of_short_name, good_ref, register_title
from ...domain.money import format_money
from ...queries.inventory.items import list_items, search_texts
from ...queries.school import list_rooms
from ...services.inventory.carico import CaricoInput, annul_carico, carico
from ...services.inventory.discharge import discharge_items
from ...services.inventory.loans import LoanInput, lend
from ...services.inventory.movements import move_items
from ..common.choices import room_choices
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.printing import print_report
from ..common.table_model import Column, cents_column, date_column
from ..common.table_tab import TableTab
from . import menus
from .filters import GOODS_FILTERS


def end_of_school_year(day: date) -> date:
    """30 June of the school year of ``day`` (September to June): the usual end of a loan."""
    return date(day.year + (1 if day.month >= 7 else 0), 6, 30)


# How the value is typed: IVA included, or the imponibile with the aliquota (art. 31 c.5 is
# applied to the value recorded: IVA included, or net of IVA for a commercial activity).
GROSS, NET = "lordo", "imponibile"
VALUE_MODES = ((GROSS, "IVA compresa"), (NET, "imponibile + aliquota IVA"))
NET_FIELDS = ("imponibile", "vat_rate", "commercial")
PURCHASE_FIELDS = ("invoice_number", "invoice_date", "cig", "cup", "impegno", "mandato")
THIRD_PARTY_FIELDS = ("owner", "grant_title")
# Fields of some registers only (art. 31 c.2: dati catastali of the immobili, scadenza of the
# valori mobiliari…), as declared.
REGISTER_FIELDS = {f.name: f for f in ITEM.only_for_some_registers() if f.entered}


class CaricoDialog(FormDialog):
    """The carico form, which says while it is filled whether the good will be inventoried
    (art. 31 c.5-6) and shows the purchase fields only for a purchase and the grant only for
    the beni di terzi."""

    def __init__(self, parent, title, specs, values=None, on_submit=None, **kw):
        super().__init__(parent, title, specs, values, on_submit, **kw)
        self.outcome_label = QLabel(self)
        self.outcome_label.setObjectName("caricoOutcome")
        self.outcome_label.setWordWrap(True)
        self.layout().insertWidget(1, self.outcome_label)
        e = self.form.editors
        for name in ("category_register", "nature", "valuation", "value_mode", "vat_rate"):
            e[name].currentIndexChanged.connect(self.update_outcome)
        for name in ("quantity", "unit_value", "imponibile"):
            e[name].textChanged.connect(self.update_outcome)
        for name in ("universalita", "commercial"):
            e[name].toggled.connect(self.update_outcome)
        self.update_outcome()

    def _field(self, name):
        spec, editor = self.form.specs[name], self.form.editors[name]
        try:
            return self.form._read(spec, editor)
        except ValidationError:
            return None

    def update_outcome(self, *_args) -> None:
        register, nature = self._field("category_register"), self._field("nature")
        purchase, third = self._field("valuation") == "acquisto", register == "inv-terzi"
        rows = list(self.form.specs)
        for name in PURCHASE_FIELDS:
            self.form.layout_.setRowVisible(rows.index(name), purchase)
        for name in THIRD_PARTY_FIELDS:
            self.form.layout_.setRowVisible(rows.index(name), third)
        for name, f in REGISTER_FIELDS.items():
            self.form.layout_.setRowVisible(rows.index(name),
                                            register is not None and f.applies_to(register))
        net = self._field("value_mode") == NET
        self.form.layout_.setRowVisible(rows.index("unit_value"), not net)
        for name in NET_FIELDS:
            self.form.layout_.setRowVisible(rows.index(name), net)
        value, quantity = self.recorded_value(), self._field("quantity")
        if register is None or nature is None:
            self.outcome_label.setText("")
            return
        if nature in NOT_INVENTORIED:
            text = (f"Non si inventaria: {NATURES[nature].lower()} (art. 31 c.5-6, "
                    "Linee guida §2.2). " + ("Si registra nel Magazzino." if nature == "consumo"
                                             else "Resta documentato dalla fattura."))
        elif value is None or value <= 0:
            text = ("Indicare il valore unitario IVA compresa, o l'imponibile e l'aliquota: "
                    "decide se il bene si inventaria.")
        else:
            rate = self._field("vat_rate")
            gross = threshold_value(value, imponibile=self._field("imponibile") if net else None,
                                    vat_rate=Decimal(rate) if net and rate is not None else None,
                                    commercial=net and bool(self._field("commercial")))
            together = gross * (quantity or 1) if self._field("universalita") else None
            dest = destination(category_register=register, nature=nature,
                               unit_value=gross, universalita_value=together)
            where = (f"Si inventaria: {register_title(dest.register)}"
                     if dest.inventoried else
                     "Non si inventaria: va nel registro dei beni durevoli (descrittivo, "
                     "fuori dai totali del patrimonio)")
            text = f"{where}. {dest.reason}"
            if net:
                rate = self._field("vat_rate")
                text += (f" Valore da registrare: {format_money(value)} ("
                         + ("imponibile, al netto dell'IVA: attività commerciale"
                            if self._field("commercial") else
                            f"{format_money(self._field('imponibile'))} + IVA {rate} %")
                         + ").")
        self.outcome_label.setText(f"<b>Esito:</b> {escape(text, quote=False)}")

    def recorded_value(self):
        """The value the good will be recorded at, by the service's rule (carico_value), or
        None while what is typed does not give one."""
        net = self._field("value_mode") == NET
        rate = self._field("vat_rate")
        try:
            return carico_value(
                unit_value=None if net else self._field("unit_value"),
                imponibile=self._field("imponibile") if net else None,
                vat_rate=Decimal(rate) if net and rate is not None else None,
                commercial=net and bool(self._field("commercial")))
        except ValidationError:
            return None

    def accept(self) -> None:
        # Fields hidden for this provenance or register are not part of the carico.
        hidden = [n for n in (*PURCHASE_FIELDS, *THIRD_PARTY_FIELDS, *REGISTER_FIELDS,
                              "unit_value", *NET_FIELDS)
                  if not self.form.layout_.isRowVisible(list(self.form.specs).index(n))]
        self.form.load({n: None for n in hidden})
        super().accept()


_MAX_WIDTHS = {"description": 300, "site": 180, "room": 180, "custodian": 200}


def _grid_column(name: str, title: str) -> Column:
    kind = ITEM[name].kind
    if kind == "money":
        return cents_column(name, title)     # the grid's rows carry cents
    if kind == "date":
        return date_column(name, title)
    return Column(name, title, align="right" if kind == "int" else "left",
                  max_width=_MAX_WIDTHS.get(name))


class InventoryTab(TableTab):
    area = "inventory"
    title = "Inventario"
    intro = ("Beni dell'istituto per inventario (D.I. 129/2018, art. 31), con il locale in cui "
             "si trovano. Ogni bene ha il suo numero progressivo, quello dell'etichetta.")
    empty_text = "Nessun bene inventariato: usare «Carico…» per il primo."
    extended_selection = True
    # The grid as declared (domain/inventory/fields.py GRID): plesso and custode are long
    # names, capped so that «Situazione» fits at 1366x768 (the full text is in the tooltip).
    columns = tuple(_grid_column(name, title) for name, title in GRID)
    filters = GOODS_FILTERS

    # Toolbar: the everyday actions; the rest in one drop-down per part of the office's work.
    CUSTODY, DISCHARGE = menus.CUSTODY, menus.DISCHARGE
    LOANS, REGISTERS = menus.LOANS, menus.REGISTERS

    def setup_actions(self) -> None:
        self.add_action("Carico…", self.new_carico, shortcut="Ctrl+N", permission=CARICO,
                        tooltip="Prendere in carico uno o più beni")
        self.add_action("Sposta…", self.move_selected, needs_selection=True, permission=PREPARE,
                        shortcut="Ctrl+M",
                        tooltip="Spostare i beni selezionati in un altro locale")
        self.add_action("Ricognizione…", self.open_ricognizione, permission=PREPARE,
                        shortcut="Ctrl+R", on_rows=True,
                        tooltip="Controllo fisico dei beni di un locale con il lettore di "
                                "etichette")
        self.add_action("Etichette…", self.print_labels, shortcut="Ctrl+E", on_rows=True,
                        tooltip="Etichette dei beni selezionati, di quelli mostrati o di un "
                                "locale, con la calibrazione della stampante")
        self.add_action("Stampa registro", self.print_register, shortcut="Ctrl+P",
                        on_rows=True)
        self.add_action("Discarico…", self.discharge_selected, needs_selection=True,
                        menu=self.DISCHARGE, permission=DISCHARGE, shortcut="Ctrl+D",
                        tooltip="Scaricare i beni selezionati con il decreto del Dirigente")
        self.add_action("Annulla carico errato…", self.annul_selected, needs_selection=True,
                        menu=self.REGISTERS, permission=CARICO,
                        tooltip="Annullare, con il motivo, il carico registrato per errore del "
                                "bene selezionato: il numero resta usato e non si riassegna")
        self.add_action("Comodato…", self.lend_selected, needs_selection=True, menu=self.LOANS,
                        permission=LOANS, shortcut="Ctrl+Shift+C",
                        tooltip="Consegnare i beni selezionati in comodato d'uso a un alunno")
        self.add_action("Restituzione…", self.return_selected, needs_selection=True,
                        menu=self.LOANS, permission=PREPARE, shortcut="Ctrl+Shift+R",
                        tooltip="Registrare la restituzione del comodato del bene selezionato")
        self.setup_more_actions()

    def setup_more_actions(self) -> None:
        """Custody, values, sale, handover and import: the drop-down menus (ui/inventory/menus)."""
        menus.add_menu_entries(self)

    def load_rows(self):
        self.model.set_search_extra(search_texts(self.db))   # serial and invoice numbers
        return list_items(self.db)

    @report_errors
    def on_activated(self, row_id) -> None:
        """Double-click or Enter: the scheda of the good; the grid follows what it changed."""
        from .scheda import open_item_scheda

        if open_item_scheda(self, self.db, row_id):
            self.events.data_changed.emit(self.area)

    def carico_specs(self) -> list[FieldSpec]:
        """What the carico asks; after the good, its place and value, the fields declared
        ``entered`` (domain/inventory/fields.py) in their declared order."""
        registers = [(code, title) for code, title in INVENTORY_REGISTERS.items()]
        return [
            FieldSpec("description", "Descrizione", required=True, max_length=500),
            FieldSpec("category_register", "Inventario", kind="choice", required=True,
                      choices=registers),
            spec_of(ITEM["nature"]),
            FieldSpec("quantity", "Quantità", kind="int", required=True),
            FieldSpec("value_mode", "Valore indicato", kind="choice", required=True,
                      choices=list(VALUE_MODES),
                      help="IVA compresa (acquisti dell'attività istituzionale) oppure "
                           "imponibile e aliquota: il programma calcola il valore IVA compresa"),
            FieldSpec("unit_value", "Valore unitario (IVA compresa)", kind="money"),
            FieldSpec("imponibile", "Imponibile unitario", kind="money",
                      help="Il valore della fattura al netto dell'IVA, per un bene"),
            FieldSpec("vat_rate", "Aliquota IVA", kind="choice",
                      choices=[(str(r), f"{r} %") for r in VAT_RATES]),
            FieldSpec("commercial", "Acquisto per l'attività commerciale (si registra al netto "
                      "dell'IVA, Linee guida nota 4083/2021)", kind="bool"),
            FieldSpec("universalita", "Acquistati insieme (universalità)", kind="bool"),
            FieldSpec("entry_date", "Data di carico", kind="date", required=True),
            FieldSpec("room_id", "Locale", kind="picker", required=True, picker="room",
                      choices=room_choices(self.db)),
            *(spec_of(f) for f in ITEM.entered),
        ]

    @report_errors
    def new_carico(self) -> None:
        def submit(values: dict):
            clean = {k: v for k, v in values.items() if v is not None}
            clean.setdefault("universalita", False)
            clean.pop("value_mode", None)
            if "vat_rate" in clean:
                clean["vat_rate"] = Decimal(clean["vat_rate"])
            return carico(self.db, CaricoInput(**clean))

        defaults = {"category_register": "inv-mobili", "nature": "bene", "quantity": 1,
                    "value_mode": GROSS, "vat_rate": "22",
                    "entry_date": date.today(), "state": "buono", "valuation": "acquisto"}
        result = CaricoDialog.ask(self, "Carico inventariale", self.carico_specs(), defaults,
                                  on_submit=submit)
        if result is None:
            return
        numbers = result.numbers
        shown = (f"n. {numbers[0]}" if len(numbers) == 1 else
                 f"dal n. {numbers[0]} al n. {numbers[-1]}")
        QMessageBox.information(
            self, "Carico registrato",
            f"{result.reason}\nNumeri assegnati: {shown} "
            f"({register_title(result.register)}).\n"
            f"Buono di carico n. {result.buono_number}/{result.buono_year}.")
        self.events.data_changed.emit(self.area)

    def refuse_selected(self, action: str) -> None:
        """Refuse, before a form is typed for nothing, an action that the rule of the goods'
        situation (domain.inventory.states, from the Situazione column) does not allow. The
        service checks again with the open records (affidamenti, sales) the grid does not
        show."""
        reasons = []
        for g in self.selected_goods():
            register = code_of_short_name(g["register"], g["register"])
            why = states.refusal(action, states.situation_of_status(g["status"]),
                                 good=good_ref(register, g["number"]))
            if why is not None:
                reasons.append(why)
        if reasons:
            more = len(reasons) - self.SHOWN_GOODS
            raise DomainError("\n".join(reasons[:self.SHOWN_GOODS]
                                        + ([f"E altri {more} beni."] if more > 0 else [])))

    @report_errors
    def move_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.refuse_selected(states.MOVE)
        goods = self.selected_goods()
        places = {(g["site"], g["room"]) for g in goods}
        here = self.selected_room_id() if len(places) == 1 else None
        specs = [FieldSpec("to_room_id", "Nuovo locale", kind="picker", required=True,
                           picker="room", choices=room_choices(self.db, exclude=here)),
                 FieldSpec("moved_on", "Data", kind="date", required=True),
                 FieldSpec("reason", "Motivo", max_length=300)]
        if len(ids) == 1:
            good = goods[0]
            title = f"Spostamento di {good['register']} n. {good['number']}"
            text = f"{good['description']} – ora in: {good['site']} – {good['room']}"
        else:
            title = f"Spostamento di {len(ids)} beni"
            text = (f"I {len(ids)} beni selezionati vanno nello stesso locale, ciascuno con il "
                    "suo movimento registrato" + (f"; ora in: {goods[0]['site']} – "
                                                   f"{goods[0]['room']}." if here else "."))
        if FormDialog.ask(self, title, specs, {"moved_on": date.today()},
                          on_submit=lambda v: move_items(self.db, item_ids=ids, **v),
                          intro=escape(text, quote=False)) is not None:
            self.events.data_changed.emit(self.area)

    @report_errors
    def annul_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if len(ids) > 1:
            raise DomainError(f"Selezionati {len(ids)} beni: un carico errato si annulla un "
                              "bene alla volta, ciascuno con il suo motivo.")
        self.refuse_selected(states.ANNUL)
        good = self.selected_goods()[0]
        specs = [FieldSpec("annulled_on", "Data dell'annullamento", kind="date", required=True),
                 FieldSpec("reason", "Motivo", kind="multiline", required=True,
                           placeholder="es. carico doppio della fattura n. 12/2025")]
        number = FormDialog.ask(
            self, f"Annullamento del carico di {good['register']} n. {good['number']}", specs,
            {"annulled_on": date.today()},
            on_submit=lambda v: annul_carico(self.db, item_id=ids[0], **v),
            intro=escape(f"{good['description']}. Solo per un carico registrato per errore: un "
                         "bene che esiste esce dall'inventario con il decreto di discarico del "
                         "Dirigente (art. 33).", quote=False))
        if number is not None:
            self.events.data_changed.emit(self.area)
            QMessageBox.information(self, "Carico annullato",
                                    f"Annullamento registrato con il n. {number} "
                                    f"dell'inventario; il n. {good['number']} non sarà "
                                    "assegnato ad altri beni.")

    @report_errors
    def discharge_selected(self) -> None:
        from .sale import buono_date_spec, offer_discharge_prints

        ids = self.selected_ids()
        if not ids:
            return
        self.refuse_selected(states.DISCHARGE)
        specs = [FieldSpec("decree_number", "Decreto del Dirigente n.", required=True,
                           max_length=40),
                 FieldSpec("decree_date", "Decreto del", kind="date", required=True),
                 buono_date_spec(),
                 FieldSpec("cause", "Causa", kind="choice", required=True,
                           choices=list(DISCHARGE_CAUSES.items())),
                 FieldSpec("motivation", "Motivazione", kind="multiline", required=True),
                 FieldSpec("reintegro", "Con reintegro", kind="bool"),
                 FieldSpec("reintegro_amount", "Importo del reintegro", kind="money"),
                 FieldSpec("responsible", "Responsabile tenuto al reintegro", max_length=200),
                 FieldSpec("attachments", "Allegati (denuncia, relazione del DSGA, verbale)",
                           kind="multiline")]
        def submit(values: dict) -> int:
            values = {k: v for k, v in values.items() if v is not None}
            return discharge_items(self.db, item_ids=ids, **values)

        title = f"Discarico di {len(ids)} {'bene' if len(ids) == 1 else 'beni'}"
        discharge_id = FormDialog.ask(self, title, specs, {"decree_date": date.today(),
                                                           "executed_on": date.today()},
                                      on_submit=submit,
                                      intro=self.goods_intro("Beni da scaricare"))
        if discharge_id is not None:
            self.events.data_changed.emit(self.area)
            offer_discharge_prints(self, self.db, discharge_id)   # decree and buono di scarico

    SHOWN_GOODS = 8

    def goods_intro(self, heading: str) -> str:
        """The selected goods, for the top of a form about them: "<b>Beni…:</b>" and a line
        each (the first eight, then how many more)."""
        goods = self.selected_goods()
        listed = "".join("<br>" + escape(f"{g['register']} n. {g['number']} – "
                                         f"{g['description']} (stato: {g['state']})")
                         for g in goods[:self.SHOWN_GOODS])
        more = (f"<br>e altri {len(goods) - self.SHOWN_GOODS}"
                if len(goods) > self.SHOWN_GOODS else "")
        return f"<b>{escape(heading)}:</b>{listed}{more}"

    def selected_goods(self) -> list[dict]:
        """The selected goods as shown in the grid, keyed by column ("number", "status"…)."""
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, self.model.row(i.row())))
                for i in self.table.selectionModel().selectedRows()]

    def selected_room_id(self) -> int | None:
        """The room of the (first) selected good."""
        goods = self.selected_goods()
        if not goods:
            return None
        place = (goods[0]["site"], goods[0]["room"])
        return next((r.id for r in list_rooms(self.db)
                     if r.active and (r.site_name, r.name) == place), None)

    @report_errors
    def lend_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        # Refused before the contract is typed: the clerk would fill it in for nothing.
        self.refuse_selected(states.LEND)
        specs = [FieldSpec("parent_name", "Genitore o tutore (comodatario)", required=True),
                 FieldSpec("parent_cf", "Codice fiscale del comodatario", required=True,
                           max_length=16),
                 *(spec_of(f) for f in LOAN_PARENT.fields),
                 FieldSpec("id_document", "Documento d'identità"),
                 FieldSpec("contacts", "Recapiti"),
                 FieldSpec("student_name", "Alunno", required=True),
                 FieldSpec("class_name", "Classe", max_length=20),
                 FieldSpec("start", "Consegna il", kind="date", required=True),
                 FieldSpec("due", "Restituzione entro", kind="date", required=True),
                 FieldSpec("criteria", "Criterio di assegnazione",
                           placeholder="es. graduatoria ISEE"),
                 FieldSpec("condition", "Stato dei beni alla consegna", kind="choice",
                           required=True, choices=[(c, c) for c in CONDITIONS])]

        def submit(values: dict) -> tuple[int, int]:
            values = {k: v for k, v in values.items() if v is not None}
            number = lend(self.db, LoanInput(item_ids=ids, **values))[1]
            return number, values["start"].year   # the contracts are numbered per year

        today = date.today()
        contract = FormDialog.ask(self, f"Comodato d'uso di {len(ids)} "
                                        f"{'bene' if len(ids) == 1 else 'beni'}", specs,
                                  {"start": today, "due": end_of_school_year(today),
                                   "condition": "buono"}, on_submit=submit,
                                  intro=self.goods_intro("Beni consegnati"))
        if contract is not None:
            self.events.data_changed.emit(self.area)
            from .comodato_prints import offer_contract
            offer_contract(self, *contract)

    def return_selected(self) -> None:
        from .comodato_prints import register_return

        register_return(self)

    @report_errors
    def open_ricognizione(self) -> None:
        from .ricognizione import RicognizioneDialog

        # The room of the selected good, if any: the clerk is usually standing in it.
        RicognizioneDialog.ask(self, self.db, self.selected_room_id())
        self.events.data_changed.emit(self.area)

    @report_errors
    def print_labels(self) -> None:
        from .labels import print_labels

        print_labels(self)

    def print_register(self) -> None:
        row = self.selected_id()
        code = "inv-mobili"
        if row is not None:
            shown = self.model.row(self.table.selectionModel().selectedRows()[0].row())[
                GRID_INDEX["register"]]
            code = code_of_short_name(shown, code)
        print_report(self, self.db, "registro", registro=code, anno=date.today().year)
