"""Registro delle modifiche: who changed what and when, searchable, printable."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout

from ..queries.audit import list_audit
from .common.dialogs import exec_and_dispose
from .common.printing import print_report
from .common.search import SearchBox
from .common.table_model import Column, RowTableModel
from .common.table_view import EmptyStateTable, fit_columns
from .common.widgets import year_spinbox

COLUMNS = (Column("id", "N.", align="right"), Column("when", "Data e ora"),
           Column("user", "Utente"), Column("action", "Operazione"), Column("subject", "Oggetto"),
           Column("detail", "Dettaglio"), Column("reason", "Motivo"))


class AuditDialog(QDialog):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Registro delle modifiche")
        self.resize(1150, 650)
        self.year_edit = year_spinbox(self)
        self.search = SearchBox(self)
        self.model = RowTableModel(COLUMNS, self)
        self.search.connect_model(self.model)
        self.table_area = EmptyStateTable(self.model, "Nessuna modifica registrata nell'anno.",
                                          self)
        self.head_label = QLabel(self)
        self.head_label.setWordWrap(True)
        self.head_label.setObjectName("introLabel")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("Chiudi")
        self.print_button = buttons.addButton("Stampa…", QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print_clicked)
        top = QHBoxLayout()
        top.addWidget(self.year_edit)
        top.addStretch(1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table_area, 1)
        layout.addWidget(self.head_label)
        layout.addWidget(buttons)
        self.year_edit.valueChanged.connect(lambda _v: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        rows, head = list_audit(self.db, self.year_edit.value())
        self.model.set_rows([(r.id, r.when, r.username, r.action, r.subject, r.detail, r.reason)
                             for r in rows], [r.id for r in rows])
        if rows:
            fit_columns(self.table_area.table, 420)
        self.head_label.setText(
            "Ogni riga è concatenata alla precedente con un'impronta SHA-256. Impronta attuale "
            f"della catena: <tt>{head or '—'}</tt>")

    def _on_print_clicked(self) -> None:
        print_report(self, self.db, "modifiche", anno=self.year_edit.value())

    @classmethod
    def ask(cls, parent, db) -> None:
        exec_and_dispose(cls(parent, db))
