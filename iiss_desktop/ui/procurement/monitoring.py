"""Monitoraggio degli acquisti… (Ctrl+Shift+K): per procedure its state, what is missing and
the payment terms of its invoices with the days taken (queries/procurement_monitoring.py);
from here the print «Acquisti per fondo» (Ctrl+P) and the export for Amministrazione
trasparente (Ctrl+E, CSV or XLSX)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.dates import format_date
from ...domain.money import format_money
from ...queries.procurement_monitoring import monitoring
from ...reports.procurement_monitoring import export_transparency
from ...reports.table_export import FORMATS
from ..common.dialogs import exec_and_dispose, report_errors, show_domain_error
from ..common.printing import print_report

HEADERS = ("Determina", "Oggetto", "Fondo", "Aggiudicatario", "CIG", "Stato", "Manca",
           "Fatture: scadenza e giorni", "Liquidato")


def choose_export_file(parent, year: int) -> str:
    """The file to write ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "Esporta per Amministrazione trasparente", f"trasparenza-{year}.xlsx",
        ";;".join(f"{label} (*{ext})" for ext, label in FORMATS.items()))
    return path


def _terms(m) -> str:
    return "; ".join(
        f"n. {t.ref}: entro il {format_date(t.due_on)}, "
        + (f"pagata in {t.days} giorni" if t.paid_on else f"da {t.days} giorni")
        + (" (oltre il termine)" if t.late else "") for t in m.invoices) or "—"


class MonitoringDialog(QDialog):
    def __init__(self, parent, db, today: date | None = None) -> None:
        super().__init__(parent)
        self.db, self.today = db, today or date.today()
        self.setWindowTitle("Monitoraggio degli acquisti")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        label = QLabel("&Anno delle determine:")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        label.setBuddy(self.year)
        top.addWidget(label)
        top.addWidget(self.year)
        top.addStretch(1)
        self.print_button = QPushButton("Stampa acquisti per fondo")
        self.export_button = QPushButton("Esporta per la trasparenza…")
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(
            7, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.actions_ = {}
        for name, text, key, slot in (("print", "Stampa acquisti per fondo", "Ctrl+P",
                                       self.print_funds),
                                      ("export", "Esporta per la trasparenza…", "Ctrl+E",
                                       self.export)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_[name] = action
        self.print_button.clicked.connect(self.print_funds)
        self.export_button.clicked.connect(self.export)
        self.rows = monitoring(db, self.today)
        self.year.setValue(max((m.year for m in self.rows), default=self.today.year))
        self.year.valueChanged.connect(self.load)
        self.load()
        self.resize(1300, 600)

    def load(self) -> None:
        shown = [m for m in self.rows if m.year == self.year.value()]
        self.table.setRowCount(len(shown))
        for r, m in enumerate(shown):
            values = (f"n. {m.number}/{m.year} del {format_date(m.decided_on)}", m.object,
                      m.fund, m.supplier or "—", m.cig or "—", m.state_label, m.missing_text,
                      _terms(m), format_money(m.liquidated))
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setToolTip(v)
                if c == len(values) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        for c, width in enumerate((125, 220, 160, 150, 95, 100, 170, 0, 90)):
            if width:
                self.table.setColumnWidth(c, width)
        self.table.resizeRowsToContents()
        lacking = sum(1 for m in shown if m.missing)
        self.count.setText(f"{len(shown)} procedure, {lacking} con qualcosa che manca.")

    def print_funds(self) -> None:
        print_report(self, self.db, "acquisti-per-fondo", anno=self.year.value())

    @report_errors
    def export(self) -> None:
        from ...domain.errors import DomainError

        path = choose_export_file(self, self.year.value())
        if not path:
            return
        try:
            n = export_transparency(self.db, path, self.year.value(), self.today)
        except DomainError as exc:
            show_domain_error(self, exc)
            return
        self.count.setText(f"Esportate {n} procedure in {path}.")


@report_errors
def open_monitoring(parent, db) -> None:
    exec_and_dispose(MonitoringDialog(parent, db))
