"""Fondi: the destinations of the year's Programma Annuale with previsione iniziale,
variazioni, previsione definitiva, impegnato and disponibile (recomputed by the queries, never
stored); Impegno, Liquidazione and Mandato; the work lists of impegni, mandati and
variations."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel

from ...areas.funds import COMMIT, LIQUIDATE
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.funds.creditor import Creditor
from ...domain.money import format_money
from ...queries.funds import availabilities
from ...queries.funds_lists import (
    commitment_choices,
    list_commitments,
    list_liquidations,
    programme_years,
)
from ...queries.funds_residui import liquidable_residui
from ...services.funds.spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm
from ..common.table_model import Column, money_column
from ..common.table_tab import TableTab

COLUMNS = (Column("code", "Codice", max_width=80), Column("name", "Destinazione", max_width=360),
           money_column("forecast", "Previsione iniziale"),
           money_column("variations", "Variazioni"),
           money_column("definitive", "Previsione definitiva"),
           money_column("committed", "Impegnato"),
           money_column("available", "Disponibile"))


def default_day(year: int, today: date | None = None) -> date:
    """Today in the current year; the last day of a past year (the form's proposal)."""
    today = today or date.today()
    return today if today.year == year else date(year, 12, 31) if today.year > year \
        else date(year, 1, 1)


class FundsTab(TableTab):
    area = "funds"
    title = "Fondi – Programma Annuale"
    intro = ("Le destinazioni di spesa del Programma Annuale: previsione iniziale, variazioni, "
             "previsione definitiva, impegnato e disponibile, ricalcolati dai movimenti.")
    empty_text = ("Nessun Programma Annuale per l'esercizio scelto: predisporlo prima di "
                  "registrare impegni.")
    columns = COLUMNS
    LISTS = "Elenchi"

    def __init__(self, db, events, parent=None):
        self.year_edit: QComboBox | None = None
        self.last_job = None        # the last print of the Stampe menu (ui/funds/prints.py)
        super().__init__(db, events, parent)

    # --- toolbar -----------------------------------------------------------------------
    def setup_actions(self) -> None:
        self.year_edit = QComboBox(self.toolbar)
        self.year_edit.setObjectName("yearFilter")
        self.year_edit.setToolTip("Esercizio finanziario (anno solare)")
        self.toolbar.addWidget(QLabel(" Esercizio: ", self.toolbar))
        self.toolbar.addWidget(self.year_edit)
        self._fill_years()
        self.year_edit.currentIndexChanged.connect(lambda *_: self.refresh())
        self.add_action("Impegno…", self.new_commitment, shortcut="Ctrl+N", permission=COMMIT,
                        on_rows=True,
                        tooltip="Impegno di spesa sulla destinazione (art. 15), con il "
                                "controllo della disponibilità")
        self.add_action("Liquidazione…", self.new_liquidation, shortcut="Ctrl+Shift+L",
                        permission=LIQUIDATE,
                        tooltip="Liquidazione di un impegno dopo la verifica della regolare "
                                "fornitura (art. 16)")
        self.add_action("Mandato…", self.new_payment_order, shortcut="Ctrl+Shift+M",
                        permission=LIQUIDATE,
                        tooltip="Mandato di pagamento di una liquidazione (art. 17)")
        self.add_action("Impegni…", self.open_commitments, menu=self.LISTS,
                        shortcut="Ctrl+Shift+I",
                        tooltip="Gli impegni per stato e periodo; filtra ed esporta")
        self.add_action("Mandati…", self.open_payment_orders, menu=self.LISTS,
                        tooltip="I mandati di pagamento per periodo; stampa, filtra ed esporta")
        self.add_action("Reversali…", self.open_receipt_orders, menu=self.LISTS,
                        tooltip="Le reversali d'incasso per periodo; stampa ed esporta")
        self.add_action("Variazioni…", self.open_variations, menu=self.LISTS,
                        tooltip="Le variazioni al Programma Annuale (decreti, delibere, storni, "
                                "prelievi)")
        from .revenue import add_revenue_actions

        add_revenue_actions(self)
        self._add_cash_actions()
        from .prints import add_budget_prints

        add_budget_prints(self)

    def _add_cash_actions(self) -> None:
        """Fondo economale and the budget chart (ui/funds/cash.py, chart.py)."""
        self.add_action("Fondo economale…", self.open_cash_fund, menu=self.LISTS,
                        shortcut="Ctrl+Shift+E",
                        tooltip="Minute spese (D.I. 129/2018 art. 21): limiti, anticipo, "
                                "spese, reintegro, chiusura")
        self.add_action("Grafico previsione/impegnato/pagato…", self.open_budget_chart,
                        menu=self.LISTS, shortcut="Ctrl+Shift+G",
                        tooltip="Per destinazione: previsione definitiva, impegnato e pagato")
        from .programme_menu import add_programme_menu

        add_programme_menu(self)

    def open_cash_fund(self) -> None:
        from .cash import CashFundDialog

        CashFundDialog(self.db, self.year(), self, on_change=self._changed).exec()

    def open_budget_chart(self) -> None:
        from .chart import BudgetChartDialog

        BudgetChartDialog(self.db, self.year(), self).exec()

    def _fill_years(self) -> None:
        current = self.year_edit.currentData()
        years = programme_years(self.db)
        self.year_edit.blockSignals(True)
        self.year_edit.clear()
        for year, state in years:
            label = str(year) if state == "deliberato" else f"{year} ({state})"
            self.year_edit.addItem(label, year)
        if not years:
            self.year_edit.addItem(str(date.today().year), date.today().year)
        index = self.year_edit.findData(current)
        self.year_edit.setCurrentIndex(index if index >= 0 else 0)
        self.year_edit.blockSignals(False)

    def year(self) -> int:
        return int(self.year_edit.currentData())

    def set_year(self, year: int) -> None:
        self.year_edit.setCurrentIndex(self.year_edit.findData(year))

    def load_rows(self):
        if self.year_edit is None:
            return [], []
        rows, ids = [], []
        for name, a in availabilities(self.db, self.year()):
            rows.append((a.code, name, a.forecast, a.variations, a.definitive, a.committed,
                         a.available))
            ids.append(a.code)
        return rows, ids

    def _changed(self) -> None:
        self.events.data_changed.emit(self.area)   # reloads this tab (ui/common/refresh)

    def _selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    # --- impegno ------------------------------------------------------------------------
    def commitment_specs(self) -> list[FieldSpec]:
        choices = commitment_choices(self.db, self.year())
        funds = [(f.id, f"{f.name} ({f.destination}, tipi {', '.join(f.spending_types)}, "
                        f"entro il {format_date(f.use_by)})") for f in choices.funds]
        specs = [
            FieldSpec("destination", "Destinazione", kind="choice", required=True,
                      choices=choices.destinations,
                      help="Attività, progetto o gestione del Programma Annuale"),
            FieldSpec("spending_type", "Tipo di spesa", kind="choice", required=True,
                      choices=choices.spending_types),
            FieldSpec("amount", "Importo", kind="money", required=True),
            FieldSpec("committed_on", "Data dell'impegno", kind="date", required=True),
            FieldSpec("creditor_name", "Creditore", max_length=200,
                      placeholder="Ditta o persona (se già nota)"),
            FieldSpec("description", "Causale", required=True, max_length=500,
                      placeholder="Oggetto della spesa"),
        ]
        if funds:
            specs.append(FieldSpec("earmarked_id", "Finanziamento vincolato", kind="choice",
                                   choices=funds,
                                   help="Se la spesa è a carico di un finanziamento vincolato: "
                                        "tipi di spesa, termine e importo sono controllati"))
        specs += [FieldSpec("cig", "CIG", max_length=10), FieldSpec("cup", "CUP", max_length=15)]
        return specs

    @report_errors
    def new_commitment(self) -> None:
        year = self.year()
        values = {"committed_on": default_day(year)}
        if self._selected_code():
            values["destination"] = self._selected_code()

        def save(v):
            rec = commit_spending(self.db, CommitmentInput(
                year, v["committed_on"], v["destination"] or "", v["spending_type"] or "",
                v["amount"], v["description"], v["creditor_name"],
                earmarked_id=v.get("earmarked_id"), cig=v["cig"], cup=v["cup"]))
            return rec

        rec = FormDialog.ask(self, f"Impegno di spesa – esercizio {year}",
                             self.commitment_specs(), values, on_submit=save,
                             intro="L'impegno è rifiutato se supera la disponibilità della "
                                   "destinazione (D.I. 129/2018 art. 15).")
        if rec is None:
            return
        self._changed()
        text = f"Impegno n. {rec.number}/{rec.year} registrato."
        confirm(self, f"{text} {rec.warning}" if rec.warning else text)

    # --- liquidazione -----------------------------------------------------------------------
    @report_errors
    def new_liquidation(self) -> None:
        year = self.year()
        open_ = [c for c in list_commitments(self.db, year)
                 if c.amount > c.liquidated]
        # the residui passivi managed in the year, paid «in conto residui»
        residui = liquidable_residui(self.db, year)
        if not open_ and not residui:
            raise DomainError(f"Nessun impegno {year} né residuo passivo da liquidare.")
        choices = [(c.id, f"n. {c.ref} – {c.destination} – {c.creditor or c.description} – "
                          f"da liquidare {format_money(c.amount - c.liquidated)}")
                   for c in reversed(open_)]
        # key of a residuo: its impegno's id, or «residuo-N» when imported without one
        target = {c.id: (c.id, None) for c in open_}
        left = {c.id: c.amount - c.liquidated for c in open_}
        for z in residui:
            key = z.commitment_id or f"residuo-{z.residue_id}"
            target[key] = (z.commitment_id, None if z.commitment_id else z.residue_id)
            left[key] = z.left
            choices.append((key, f"residuo {z.origin_year} n. {z.ref} – {z.account} – "
                                 f"{z.creditor or z.description} – da liquidare "
                                 f"{format_money(z.left)}"))
        specs = [
            FieldSpec("commitment_id", "Impegno o residuo", kind="picker", required=True,
                      choices=choices, picker="funds-commitment"),
            FieldSpec("amount", "Importo liquidato", kind="money",
                      help="Vuoto: tutto il residuo da liquidare dell'impegno"),
            FieldSpec("liquidated_on", "Data della liquidazione", kind="date", required=True),
            FieldSpec("supply_check", "Verifica della regolare fornitura", required=True,
                      max_length=300, placeholder="Verbale di regolare fornitura del …"),
            FieldSpec("document_ref", "Documento giustificativo", max_length=120,
                      placeholder="Fattura n. … del …"),
        ]

        def save(v):
            key = v["commitment_id"]
            commitment_id, residue_id = target[key]
            return liquidate(self.db, LiquidationInput(
                commitment_id, v["liquidated_on"],
                v["amount"] if v["amount"] is not None else left[key], v["supply_check"],
                v["document_ref"], residue_id=residue_id))

        rec = FormDialog.ask(self, f"Liquidazione – esercizio {year}", specs,
                             {"liquidated_on": default_day(year)}, on_submit=save)
        if rec is None:
            return
        self._changed()
        confirm(self, f"Liquidazione n. {rec.number}/{rec.year} registrata.")

    # --- mandato --------------------------------------------------------------------------
    @report_errors
    def new_payment_order(self) -> None:
        year = self.year()
        unpaid = list_liquidations(self.db, year, unpaid_only=True)
        if not unpaid:
            raise DomainError(f"Nessuna liquidazione {year} da pagare.")
        choices = [(r.id, f"n. {r.ref} – impegno {r.commitment} – {r.creditor or r.description}"
                          f" – {format_money(r.amount)}") for r in reversed(unpaid)]
        by_id = {r.id: r for r in unpaid}
        specs = [
            FieldSpec("liquidation_id", "Liquidazione", kind="picker", required=True,
                      choices=choices, picker="funds-liquidation"),
            FieldSpec("issued_on", "Data del mandato", kind="date", required=True),
            FieldSpec("causale", "Causale", required=True, max_length=500),
            FieldSpec("creditor_name", "Creditore", required=True, max_length=200),
            FieldSpec("creditor_tax_code", "Codice fiscale", max_length=16),
            FieldSpec("creditor_vat", "Partita IVA", max_length=13),
            FieldSpec("creditor_iban", "IBAN", max_length=34,
                      help="Obbligatorio per il pagamento con bonifico"),
            FieldSpec("withholdings", "Ritenute", kind="money"),
        ]
        values = {"issued_on": default_day(year)}
        if len(unpaid) == 1:
            only = unpaid[0]
            values.update(liquidation_id=only.id, creditor_name=only.creditor,
                          causale=f"Pagamento: {only.description}")

        def save(v):
            r = by_id.get(v["liquidation_id"])
            if r is None:
                raise ValidationError({"liquidation_id": "Scegliere la liquidazione."})
            return issue_payment_order(self.db, PaymentOrderInput(
                r.id, v["issued_on"], v["causale"],
                Creditor(v["creditor_name"], v["creditor_tax_code"], v["creditor_vat"],
                         v["creditor_iban"]),
                withholdings=v["withholdings"]))

        rec = FormDialog.ask(self, f"Mandato di pagamento – esercizio {year}", specs, values,
                             on_submit=save)
        if rec is None:
            return
        self._changed()
        confirm(self, f"Mandato n. {rec.number}/{rec.year} registrato.")

    # --- elenchi --------------------------------------------------------------------------
    @report_errors
    def open_commitments(self) -> None:
        from .work_lists import CommitmentsList

        CommitmentsList.ask(self, self.db)

    @report_errors
    def open_payment_orders(self) -> None:
        from .work_lists import PaymentOrdersList

        PaymentOrdersList.ask(self, self.db)

    @report_errors
    def open_receipt_orders(self) -> None:
        from .work_lists import ReceiptOrdersList

        ReceiptOrdersList.ask(self, self.db)

    @report_errors
    def open_variations(self) -> None:
        from .work_lists import VariationsList

        VariationsList.ask(self, self.db)
