"""Importa fornitori…: choose a CSV or XLSX file, see the dry run (summary and every wrong
cell, by row and column), import only a clean file (services/procurement/supplier_import)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.errors import DomainError
from ...domain.procurement.supplier_import import HEADERS
from ...services.procurement.supplier_import import check_supplier_file, import_suppliers
from ..common.dialogs import exec_and_dispose, report_errors

FILE_FILTER = "Fogli di calcolo (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)"


def choose_open_file(parent) -> str:
    """The file to import ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa fornitori", "", FILE_FILTER)
    return path


class SupplierImportDialog(QDialog):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db, self.path, self.report, self.imported = db, "", None, None
        self.setWindowTitle("Importa fornitori")
        self.resize(900, 520)
        intro = QLabel("Importa i fornitori da un file CSV o Excel (.xlsx), uno per riga. Il "
                       "file viene prima controllato (partita IVA e codice fiscale con la "
                       "cifra di controllo, PEC, doppioni nel file e nell'albo): non si "
                       "importa nulla finché contiene errori.\nColonne: " + ", ".join(HEADERS)
                       + " (obbligatorie la denominazione e la partita IVA o il codice "
                         "fiscale).", self)
        intro.setWordWrap(True)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("Nessun file scelto")
        self.choose_button = QPushButton("&Scegli file…", self)
        self.choose_button.clicked.connect(self.choose_file)
        self.recheck_button = QPushButton("&Ricontrolla", self)
        self.recheck_button.setEnabled(False)
        self.recheck_button.clicked.connect(lambda: self.check(self.path))
        row = QHBoxLayout()
        row.addWidget(QLabel("File:", self))
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.recheck_button)
        self.summary_label = QLabel("Scegliere il file da importare.", self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.errors_table = QTableWidget(0, 4, self)
        self.errors_table.setHorizontalHeaderLabels(["Riga", "Colonna", "Atteso", "Trovato"])
        self.errors_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.errors_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.errors_table.setWordWrap(True)
        self.errors_table.verticalHeader().setVisible(False)
        self.errors_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        header = self.errors_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.errors_table.setColumnWidth(3, 200)
        self.import_button = QPushButton("&Importa", self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton("&Chiudi", self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.errors_table, 1)
        layout.addLayout(buttons)

    @report_errors
    def choose_file(self) -> None:
        path = choose_open_file(self)
        if path:
            self.check(path)

    def check(self, path: str) -> None:
        """The dry run: nothing is written; every wrong cell is listed."""
        self.path, self.report = path, None
        self.file_edit.setText(path)
        self.recheck_button.setEnabled(True)
        try:
            self.report = check_supplier_file(self.db, path)
        except DomainError as exc:
            self.summary_label.setText(f"Il file non è stato controllato: {exc.message}")
            self._show(())
            return
        self.summary_label.setText(self.report.summary())
        self._show(self.report.errors)

    def _show(self, errors) -> None:
        self.errors_table.setRowCount(len(errors))
        for i, e in enumerate(errors):
            for j, text in enumerate((str(e.row), e.column, e.expected, e.found or "(vuota)")):
                item = QTableWidgetItem(text)
                item.setToolTip(e.message)
                self.errors_table.setItem(i, j, item)
        self.import_button.setEnabled(self.report is not None and self.report.ok)

    @report_errors
    def start_import(self) -> None:
        if self.report is None or not self.report.ok:
            return
        done = import_suppliers(self.db, self.path)
        self.summary_label.setText(done.summary())
        if not done.stored:             # registered meanwhile by another PC
            self.report = done
            self._show(done.errors)
            return
        self.imported = done
        self.accept()

    @classmethod
    def ask(cls, parent, db):
        """The import's report, or None if nothing was imported."""
        dialog = cls(parent, db)
        exec_and_dispose(dialog)
        return dialog.imported
