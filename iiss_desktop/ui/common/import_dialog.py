"""The dialog of an import from a CSV or XLSX file, the same in every area: choose the file,
see the dry run (a summary and every wrong cell in a table), import only a clean file.

A subclass says what it imports: the title and the introduction, the columns of the error
table and how an error fills them, the dry run and the import (service functions run in the
background), the file chooser (a module function, which the tests replace)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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

from .dialogs import exec_and_dispose, report_errors
from .jobs import run_job

MAX_SHOWN = 1000      # error rows shown; the count says how many there are in all
FILE_FILTER = "Fogli di calcolo (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)"


def _check_job(check, db, path, progress=None, cancel=None):
    progress(-1, "Controllo del file…")
    return check(db, path)


def _import_job(run_import, db, path, progress=None, cancel=None):
    return run_import(db, path, progress=progress, cancel=cancel)


class FileImportDialog(QDialog):
    window_title = "Importa"
    intro_text = ""
    import_title = "Importazione…"       # the title of the import's progress
    error_headers: tuple[str, ...] = ("Riga", "Colonna", "Errore")

    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.path: str = ""
        self.report = None
        self.imported = None
        self.job = None
        self.setWindowTitle(self.window_title)
        self.resize(960, 600)
        intro = QLabel(self.intro_text, self)
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
        self.errors_table = QTableWidget(0, len(self.error_headers), self)
        self.errors_table.setHorizontalHeaderLabels(list(self.error_headers))
        self.errors_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.errors_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.errors_table.setWordWrap(True)
        self.errors_table.verticalHeader().setVisible(False)
        # Wrapped rows follow the width of the columns (also when the dialog is resized).
        self.errors_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.size_columns(self.errors_table)
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

    # -- for subclasses ------------------------------------------------------------------
    def size_columns(self, table: QTableWidget) -> None:
        """Row and column fit their text, the last column takes the rest."""
        header = table.horizontalHeader()
        for i in range(table.columnCount() - 1):
            header.setSectionResizeMode(i, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(table.columnCount() - 1, QHeaderView.Stretch)

    def error_cells(self, error) -> tuple[str, ...]:
        return (str(error.row), error.column, error.text)

    def choose_open_file(self) -> str:
        raise NotImplementedError

    def dry_run(self):
        """The service function ``(db, path) -> report`` (run in the background)."""
        raise NotImplementedError

    def run_import(self):
        """The service function ``(db, path, progress=, cancel=) -> result``."""
        raise NotImplementedError

    # -- dry run -------------------------------------------------------------------------
    @report_errors
    def choose_file(self) -> None:
        path = self.choose_open_file()
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
        self.job = run_job(self, _check_job, self.dry_run(), self.db, path,
                           title="Controllo del file…", on_done=self.show_report,
                           on_error=self._check_failed)

    def _check_failed(self, exc: BaseException, tb_text: str) -> None:
        self._failed("Il file non è stato controllato", exc, tb_text)

    def _import_failed(self, exc: BaseException, tb_text: str) -> None:
        self.report = None   # the file must be checked again before another attempt
        self._failed("Non è stato importato nulla", exc, tb_text)

    def _failed(self, what: str, exc: BaseException, tb_text: str) -> None:
        from . import dialogs

        self._busy(False)
        reason = getattr(exc, "message", "errore imprevisto.").split("\n", 1)[0]
        self.summary_label.setText(f"{what}: {reason}")
        dialogs.show_exception(self, exc, tb_text)

    def _busy(self, busy: bool) -> None:
        self.choose_button.setEnabled(not busy)
        self.recheck_button.setEnabled(not busy and bool(self.path))
        self.import_button.setEnabled(not busy and self.report is not None and self.report.ok)

    def show_report(self, report) -> None:
        self.report = report
        self.summary_label.setText(report.summary())
        errors = report.errors[:MAX_SHOWN]
        self.errors_table.setRowCount(len(errors))
        for i, e in enumerate(errors):
            for j, text in enumerate(self.error_cells(e)):
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
        self.job = run_job(self, _import_job, self.run_import(), self.db, self.path,
                           title=self.import_title, on_done=self._imported,
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
