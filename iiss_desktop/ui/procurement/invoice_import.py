"""Importa fatture…: choose .xml, .xml.p7m or .zip files, see what each carries and why one
would be refused, confirm the files that break the official schema, import. Each file is
stored whole or not at all (services/procurement/invoices.py)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.dates import format_date
from ...domain.money import format_money
from ...domain.text import sentences
from ...services.procurement.invoices import (
    ImportReport,
    import_invoice_files,
    preview_invoice_files,
)
from ..common.dialogs import add_save_keys, exec_and_dispose, report_errors
from ..common.jobs import run_job
from ..common.status import confirm

FILE_FILTER = ("Fatture elettroniche (*.xml *.p7m *.zip *.XML *.P7M *.ZIP);;"
               "Tutti i file (*)")
HEADERS = ["File", "Esito", "Fornitore", "Fattura", "Totale", "Avvertenze"]


def invoices_text(count: int) -> str:
    return "1 fattura" if count == 1 else f"{count} fatture"


def choose_files(parent) -> list[str]:
    """The files to import (empty if cancelled); tests replace this function."""
    paths, _ = QFileDialog.getOpenFileNames(parent, "Importa fatture elettroniche", "",
                                            FILE_FILTER)
    return paths


def _read(paths) -> list[tuple[str, bytes]]:
    return [(Path(p).name, Path(p).read_bytes()) for p in paths]


def _preview_job(paths, accept, progress=None, cancel=None) -> ImportReport:
    progress(-1, "Lettura e controllo dei file…")
    return preview_invoice_files(_read(paths), accept_schema_errors=accept)


def _import_job(db, paths, accept, progress=None, cancel=None) -> ImportReport:
    progress(-1, "Importazione delle fatture…")
    return import_invoice_files(db, _read(paths), accept_schema_errors=accept)


class ImportInvoicesDialog(QDialog):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.paths: list[str] = []
        self.report: ImportReport | None = None
        self.result: ImportReport | None = None
        self.job = None
        self.setWindowTitle("Importa fatture elettroniche")
        self.resize(1000, 560)
        intro = QLabel(
            "Importa le fatture ricevute dallo SdI: file .xml, file firmati .xml.p7m e "
            "archivi .zip che li contengono. Ogni file è controllato con lo schema ufficiale "
            "FatturaPA e registrato per intero nel registro unico delle fatture, oppure "
            "rifiutato per intero: un file illeggibile, una fattura già registrata. Un file "
            "non conforme allo schema si importa solo confermandolo qui sotto; l'avvertenza "
            "resta sulla fattura.", self)
        intro.setWordWrap(True)
        intro.setObjectName("introLabel")
        self.choose_button = QPushButton("&Scegli file…", self)
        self.choose_button.clicked.connect(self.choose)
        self.files_label = QLabel("Nessun file scelto.", self)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.files_label, 1)
        self.summary_label = QLabel("", self)
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        header = self.table.horizontalHeader()
        for col in (0, 2):
            header.setSectionResizeMode(col, QHeaderView.Interactive)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 90)
        self.table.setColumnWidth(2, 170)
        self.table.setColumnWidth(3, 150)
        self.table.setColumnWidth(4, 90)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        self.accept_box = QCheckBox("Importa &anche i file non conformi allo schema ufficiale "
                                    "(l'avvertenza resta sulla fattura)", self)
        self.accept_box.setVisible(False)
        self.accept_box.toggled.connect(lambda *_: self.preview())
        self.import_button = QPushButton("&Importa", self)
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton("&Chiudi", self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_box, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        add_save_keys(self, self.start_import)     # Ctrl+Enter imports, as a form saves

    @report_errors
    def choose(self) -> None:
        paths = choose_files(self)
        if paths:
            self.set_files(paths)

    def set_files(self, paths: list[str]) -> None:
        self.paths = list(paths)
        names = ", ".join(Path(p).name for p in self.paths)
        self.files_label.setText(names if len(names) < 120 else
                                 f"{len(self.paths)} file scelti")
        self.files_label.setToolTip("\n".join(self.paths))
        self.accept_box.blockSignals(True)
        self.accept_box.setChecked(False)
        self.accept_box.blockSignals(False)
        self.preview()

    def preview(self) -> None:
        if not self.paths:
            return
        self.import_button.setEnabled(False)
        self.summary_label.setText("Lettura e controllo dei file…")
        self.job = run_job(self, _preview_job, self.paths, self.accept_box.isChecked(),
                           title="Controllo delle fatture…", on_done=self.show_report)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self._fill(report)
        read = sum(len(f.invoices) for f in report.files if f.ok)
        refused = report.refused_count
        schema = any(f.schema_problems for f in report.files)
        self.accept_box.setVisible(schema or self.accept_box.isChecked())
        text = f"{invoices_text(read)} da importare da {len(report.files) - refused} file"
        if refused:
            text += f"; {refused} file non importabili (vedere «Esito»)"
        if report.skipped:
            text += f"; ignorati {len(report.skipped)} file che non sono fatture"
        self.summary_label.setText(text + ".")
        self.import_button.setEnabled(read > 0)

    def _fill(self, report: ImportReport) -> None:
        rows = []
        for f in report.files:
            outcome = ("Rifiutato" if f.refused else
                       ("Registrata" if report.stored else "Da importare"))
            notes = f.refused or sentences(f.schema_problems)
            if not f.invoices:
                rows.append((f.file, outcome, "", "", "", sentences([notes]),
                             bool(f.refused)))
            for inv in f.invoices:
                number = f"n. {inv.number} del {format_date(inv.on)}"
                if inv.register_number:
                    number += f" (reg. {inv.register_number}/{inv.register_year})"
                warn = sentences([notes, *inv.warnings])
                rows.append((f.file, outcome, inv.supplier_name, number,
                             format_money(inv.total), warn, bool(f.refused)))
        self.table.setRowCount(len(rows))
        for i, (*cells, refused) in enumerate(rows):
            for j, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if j == 4:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if refused and j == 1:
                    item.setForeground(Qt.darkRed)
                self.table.setItem(i, j, item)

    def start_import(self) -> None:
        if self.report is None or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.summary_label.setText("Importazione in corso…")
        self.job = run_job(self, _import_job, self.db, self.paths, self.accept_box.isChecked(),
                           title="Importazione delle fatture…", on_done=self._imported,
                           on_error=self._failed)

    def _failed(self, exc: BaseException, tb_text: str) -> None:
        from ..common import dialogs

        self.choose_button.setEnabled(True)
        self.summary_label.setText("Non è stato importato nulla.")
        dialogs.show_exception(self, exc, tb_text)

    def _imported(self, report: ImportReport) -> None:
        self.result = report
        self.report = report
        self._fill(report)
        self.choose_button.setEnabled(True)
        invoices = report.invoices
        numbers = [i.register_number for i in invoices]
        text = f"Registrate {len(invoices)} fatture" if len(invoices) != 1 else \
            "Registrata 1 fattura"
        if numbers:
            text += f" (registro n. {min(numbers)}–{max(numbers)}/{invoices[0].register_year})"
        if report.refused_count:
            text += f"; {report.refused_count} file rifiutati: nulla registrato da quei file"
        self.summary_label.setText(text + ".")
        confirm(self.parent() or self, text + ".")

    @classmethod
    def run(cls, parent, db, paths: list[str] | None = None) -> ImportReport | None:
        """The import's result, or None if nothing was imported."""
        dialog = cls(parent, db)
        if paths:
            dialog.set_files(paths)
        exec_and_dispose(dialog)
        return dialog.result
