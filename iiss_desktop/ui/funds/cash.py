"""Fondo economale (D.I. 129/2018 art. 21): one dialog with the Consiglio's limits, the cash
figures, the register of minute spese and the actions (costituzione with the advance, new
expense with a live «cassa residua» line, reintegro, closing). The services do the checks;
the forms show their Italian messages next to the field."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.funds.creditor import Creditor
from ...domain.money import format_money, parse_money
from ...queries.funds_cash import cash_fund
from ...services.funds.cash import (
    ExpenseInput,
    FundInput,
    close_fund,
    open_fund,
    record_expense,
    reimburse,
)
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm

EXPENSE_SPECS = [
    FieldSpec("spent_on", "Data della spesa", kind="date", required=True),
    FieldSpec("amount", "Importo", kind="money", required=True),
    FieldSpec("description", "Oggetto", required=True, max_length=300),
    FieldSpec("creditor_name", "Fornitore", required=True, max_length=200),
    FieldSpec("document_ref", "Documento", max_length=120, placeholder="Scontrino, ricevuta"),
    FieldSpec("destination", "Destinazione", required=True, max_length=10,
              placeholder="A01"),
    FieldSpec("spending_type", "Tipo di spesa", required=True, max_length=4,
              placeholder="02"),
]
DSGA_SPECS = [FieldSpec("dsga_name", "DSGA (nome e cognome)", required=True, max_length=200),
              FieldSpec("dsga_tax_code", "Codice fiscale del DSGA", required=True,
                        max_length=16)]


class ExpenseDialog(FormDialog):
    """The form of a minuta spesa with the cash left after it, updated as the amount is typed."""

    def __init__(self, parent, year: int, cash: Decimal, max_expense: Decimal, on_submit):
        super().__init__(parent, f"Minuta spesa – fondo economale {year}", EXPENSE_SPECS,
                         {"spent_on": min(date.today(), date(year, 12, 31))}, on_submit,
                         intro=f"Limite per singola spesa {format_money(max_expense)} "
                               "(delibera del Consiglio d'istituto).")
        self.cash = cash
        self.cash_label = QLabel(self)
        self.cash_label.setObjectName("cashLeft")
        self.layout().insertWidget(self.layout().count() - 1, self.cash_label)
        self.form.editors["amount"].textChanged.connect(self._update_cash)
        self._update_cash()

    def _update_cash(self, *_):
        text = self.form.editors["amount"].text().strip()
        try:
            amount = parse_money(text) if text else Decimal("0.00")
        except ValidationError:
            amount = Decimal("0.00")
        left = self.cash - amount
        self.cash_label.setText(f"Cassa residua: {format_money(self.cash)}; dopo la spesa: "
                                f"{format_money(left)}" + ("  — insufficiente" if left < 0
                                                           else ""))


class CashFundDialog(QDialog):
    COLUMNS = ("N.", "Data", "Oggetto", "Fornitore", "Imputazione", "Stato", "Importo")

    def __init__(self, db, year: int, parent=None, on_change=None):
        super().__init__(parent)
        self.db, self.year, self.on_change = db, year, on_change
        self.setWindowTitle(f"Fondo economale {year} – minute spese")
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("cashSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)   # the register number is column 1
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, slot, keys in (
                ("open", "&Costituzione e anticipo…", self.open_fund, "Ctrl+Shift+N"),
                ("expense", "&Nuova spesa…", self.new_expense, "Ctrl+N"),
                ("reimburse", "&Reintegro…", self.reimburse, "Ctrl+R"),
                ("close", "C&hiusura…", self.close_fund, "Ctrl+Shift+C")):
            b = QPushButton(text, self)
            b.setShortcut(QKeySequence(keys))
            b.setToolTip(keys)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)
        close = QPushButton("Chiudi", self)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.view = view = cash_fund(self.db, self.year)
        self.buttons["open"].setEnabled(view is None)
        for key in ("expense", "reimburse", "close"):
            self.buttons[key].setEnabled(view is not None and view.closed_on is None)
        if view is None:
            self.summary.setText(f"Il fondo economale {self.year} non è costituito: "
                                 "«Costituzione e anticipo» registra i limiti deliberati dal "
                                 "Consiglio d'istituto e il mandato di anticipo al DSGA.")
            self.table.setRowCount(0)
            return
        closed = (f" · chiuso il {format_date(view.closed_on)}, restituiti "
                  f"{format_money(view.closing)}" if view.closed_on else "")
        self.summary.setText(
            f"Consistenza {format_money(view.size)} · limite per spesa "
            f"{format_money(view.max_expense)} ({view.decision_ref}) · anticipo "
            f"{format_money(view.advance)} · spese {format_money(view.expenses)} · reintegri "
            f"{format_money(view.reimbursed)} · <b>cassa residua {format_money(view.cash)}</b>"
            + closed)
        self.table.setRowCount(len(view.rows))
        for i, r in enumerate(view.rows):
            state = "annullata" if r.annulled else ("reintegrata" if r.reimbursed
                                                    else "da reintegrare")
            for j, text in enumerate((str(r.number), format_date(r.spent_on), r.description,
                                      r.creditor_name, f"{r.destination}/{r.spending_type}",
                                      state, format_money(r.amount))):
                item = QTableWidgetItem(text)
                if j == len(self.COLUMNS) - 1:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def _changed(self) -> None:
        self.reload()
        if self.on_change:
            self.on_change()

    @report_errors
    def open_fund(self) -> None:
        specs = [FieldSpec("size", "Consistenza del fondo", kind="money", required=True),
                 FieldSpec("max_expense", "Limite per singola spesa", kind="money",
                           required=True),
                 FieldSpec("decided_on", "Data della delibera del Consiglio", kind="date",
                           required=True),
                 FieldSpec("decision_ref", "Delibera", required=True, max_length=120),
                 FieldSpec("destination", "Destinazione dell'anticipo", required=True,
                           max_length=10, placeholder="A01"),
                 FieldSpec("advance_on", "Data dell'anticipo", kind="date", required=True),
                 *DSGA_SPECS]

        def save(v):
            return open_fund(self.db, FundInput(
                self.year, v["size"], v["max_expense"], v["decided_on"], v["decision_ref"],
                v["destination"], v["advance_on"],
                Creditor(v["dsga_name"], tax_code=v["dsga_tax_code"])))

        if FormDialog.ask(self, f"Costituzione del fondo economale {self.year}", specs,
                          {"destination": "A01"}, on_submit=save) is not None:
            self._changed()

    @report_errors
    def new_expense(self) -> None:
        view = self.view

        def save(v):
            return record_expense(self.db, ExpenseInput(
                self.year, v["spent_on"], v["amount"], v["description"], v["creditor_name"],
                v["destination"], v["spending_type"], v["document_ref"]))

        dlg = ExpenseDialog(self, self.year, view.cash, view.max_expense, save)
        if dlg.exec() == QDialog.Accepted:
            self._changed()
            confirm(self, f"Spesa n. {dlg.submitted[1]}/{self.year} registrata.")

    @report_errors
    def reimburse(self) -> None:
        specs = [FieldSpec("presented_on", "Data del reintegro", kind="date", required=True),
                 *DSGA_SPECS]

        def save(v):
            return reimburse(self.db, self.year, v["presented_on"],
                             Creditor(v["dsga_name"], tax_code=v["dsga_tax_code"]))

        if FormDialog.ask(self, f"Reintegro del fondo economale {self.year}", specs,
                          on_submit=save, intro="Un mandato per destinazione e tipo di spesa "
                                                "delle spese non ancora reintegrate.") is not None:
            self._changed()

    @report_errors
    def close_fund(self) -> None:
        specs = [FieldSpec("closed_on", "Data di chiusura", kind="date", required=True),
                 FieldSpec("dsga_name", "DSGA (versante)", required=True, max_length=200)]

        def save(v):
            return close_fund(self.db, self.year, v["closed_on"], v["dsga_name"])

        if FormDialog.ask(self, f"Chiusura del fondo economale {self.year}", specs,
                          on_submit=save, intro=f"La cassa residua "
                                                f"{format_money(self.view.cash)} è versata con "
                                                "una reversale (entrata 99/01).") is not None:
            self._changed()
