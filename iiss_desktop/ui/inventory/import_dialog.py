"""Importa inventario…: choose a CSV or XLSX file, see the dry run (summary and every wrong
cell), import only a clean file. Esporta inventario…: the same format, to a file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.inventory.import_ import (
    ART31_HELP,
    OPTIONAL_HEADERS,
    REQUIRED_HEADERS,
)
from ...services.inventory.import_ import ImportReport, dry_run, export_inventory, import_file
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.jobs import run_job

MAX_SHOWN = 1000      # error rows shown; the count says how many there are in all
FILE_FILTER = "Fogli di calcolo (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)"


def choose_open_file(parent) -> str:
    """The file to import ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa inventario", "", FILE_FILTER)
    return path


def choose_save_file(parent) -> str:
    """Where to export ("" if cancelled); without an extension it becomes .xlsx."""
    path, chosen = QFileDialog.getSaveFileName(parent, "Esporta inventario", "inventario.xlsx",
                                               "Excel (*.xlsx);;CSV per Excel (*.csv)")
    if path and Path(path).suffix.lower() not in (".xlsx", ".csv"):
        path += ".csv" if "csv" in chosen.lower() else ".xlsx"
    return path


def _check_job(db, path, progress=None, cancel=None) -> ImportReport:
    progress(-1, "Controllo del file…")
    return dry_run(db, path)


def _import_job(db, path, progress=None, cancel=None):
    return import_file(db, path, progress=progress, cancel=cancel)


def _export_job(db, path, progress=None, cancel=None) -> int:
    progress(-1, "Esportazione dell'inventario…")
    return export_inventory(db, path)


class ImportDialog(QDialog):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.path: str = ""
        self.report: ImportReport | None = None
        self.imported = None
        self.job = None
        self.setWindowTitle("Importa inventario")
        self.resize(960, 600)
        required = ", ".join(REQUIRED_HEADERS)
        intro = QLabel(
            "Importa i beni da un file CSV o Excel (.xlsx) esportato da un altro programma. "
            "Il file viene prima controllato: non si importa nulla finché contiene errori. "
            "I numeri d'inventario restano quelli del file (sono quelli delle etichette) e "
            "devono continuare la numerazione di ogni inventario senza salti.\n"
            f"Colonne obbligatorie: {required}. Colonne facoltative: "
            + ", ".join(OPTIONAL_HEADERS)
            + f".\n{ART31_HELP}\nUn bene «scaricato» nella colonna Situazione si importa "
            "con il suo numero e il decreto di discarico (numero, data e causa: "
            "obbligatori); un bene «in comodato» si importa «in uso», senza il contratto.\n"
            "Un file prodotto da «Esporta inventario…» ha già il formato giusto.", self)
        intro.setWordWrap(True)
        intro.setObjectName("introLabel")
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("Nessun file scelto")
        self.choose_button = QPushButton("Scegli file…", self)
        self.choose_button.clicked.connect(self.choose_file)
        self.recheck_button = QPushButton("Ricontrolla", self)
        self.recheck_button.setToolTip("Controlla di nuovo il file dopo averlo corretto")
        self.recheck_button.setEnabled(False)
        self.recheck_button.clicked.connect(lambda: self.check(self.path))
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("File:", self))
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.recheck_button)
        self.summary_label = QLabel("Scegliere il file da importare.", self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary_label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.errors_table = QTableWidget(0, 4, self)
        self.errors_table.setHorizontalHeaderLabels(["Riga", "Colonna", "Atteso", "Trovato"])
        self.errors_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.errors_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.errors_table.setWordWrap(True)
        self.errors_table.verticalHeader().setVisible(False)
        # Wrapped rows follow the width of the columns (also when the dialog is resized).
        self.errors_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        header = self.errors_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Interactive)
        self.errors_table.setColumnWidth(3, 220)
        self.errors_table.setVisible(False)
        self.import_button = QPushButton("Importa", self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton("Chiudi", self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.errors_table, 1)
        layout.addLayout(buttons)
        layout.setStretchFactor(self.summary_label, 1)

    # -- dry run -------------------------------------------------------------------------
    @report_errors
    def choose_file(self) -> None:
        path = choose_open_file(self)
        if path:
            self.check(path)

    def check(self, path: str) -> None:
        """Run the dry run in the background; the result fills the summary and the table."""
        self.path = path
        self.file_edit.setText(path)
        self.report = None
        self._busy(True)
        self.summary_label.setText("Controllo del file in corso…")
        self.errors_table.setRowCount(0)
        self._show_table(False)
        self.job = run_job(self, _check_job, self.db, path, title="Controllo del file…",
                           on_done=self.show_report, on_error=self._check_failed)

    def _check_failed(self, exc: BaseException, tb_text: str) -> None:
        self._failed("Il file non è stato controllato", exc, tb_text)

    def _import_failed(self, exc: BaseException, tb_text: str) -> None:
        self.report = None   # the file must be checked again before another attempt
        self._failed("Non è stato importato nulla", exc, tb_text)

    def _failed(self, what: str, exc: BaseException, tb_text: str) -> None:
        from ..common import dialogs

        self._busy(False)
        reason = getattr(exc, "message", "errore imprevisto.").split("\n", 1)[0]
        self.summary_label.setText(f"{what}: {reason}")
        dialogs.show_exception(self, exc, tb_text)

    def _busy(self, busy: bool) -> None:
        self.choose_button.setEnabled(not busy)
        self.recheck_button.setEnabled(not busy and bool(self.path))
        self.import_button.setEnabled(not busy and self.report is not None and self.report.ok)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.summary_label.setText(report.summary())
        errors = report.errors[:MAX_SHOWN]
        self.errors_table.setRowCount(len(errors))
        for i, e in enumerate(errors):
            found = e.found if e.found != "" else "(vuota)"
            for j, text in enumerate((str(e.row), e.column, e.expected, found)):
                item = QTableWidgetItem(text)
                item.setToolTip(e.message)
                if j == 0:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.errors_table.setItem(i, j, item)
        if len(report.errors) > MAX_SHOWN:
            self.summary_label.setText(report.summary() + f"\nSono mostrati i primi {MAX_SHOWN} "
                                       "errori: correggerli e ricontrollare il file.")
        self._show_table(bool(errors))
        self._busy(False)

    def _show_table(self, shown: bool) -> None:
        # Without errors the summary takes the free space, so the dialog keeps its shape.
        self.errors_table.setVisible(shown)
        self._layout.setStretchFactor(self.summary_label, 0 if shown else 1)

    # -- import --------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.report is None or not self.report.ok:
            return
        self._busy(True)
        self.import_button.setEnabled(False)
        self.summary_label.setText("Importazione in corso…")
        self.job = run_job(self, _import_job, self.db, self.path,
                           title="Importazione dell'inventario…", on_done=self._imported,
                           on_error=self._import_failed)

    def _imported(self, result) -> None:
        self.imported = result
        self.summary_label.setText(result.summary())
        QMessageBox.information(self, "Importazione completata", result.summary())
        self.accept()

    @classmethod
    def ask(cls, parent, db):
        """The import result, or None if nothing was imported."""
        dialog = cls(parent, db)
        exec_and_dispose(dialog)
        return dialog.imported


@report_errors
def open_import(tab) -> None:
    """From the Inventario tab: import, then refresh the goods shown."""
    if ImportDialog.ask(tab, tab.db) is not None:
        tab.events.data_changed.emit(tab.area)


@report_errors
def open_export(tab) -> None:
    path = choose_save_file(tab)
    if not path:
        return

    def done(count: int) -> None:
        QMessageBox.information(tab, "Esportazione completata",
                                f"Esportati {count} beni in «{Path(path).name}».\nIl file si "
                                "può reimportare così com'è, anche in un altro archivio.")

    return run_job(tab, _export_job, tab.db, path, title="Esportazione dell'inventario…",
                   on_done=done)

