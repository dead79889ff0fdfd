"""Registro delle modifiche: who changed what and when, searchable, printable."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from ..queries.audit import list_audit
from .common.list_dialog import ListAction, ListDialog
from .common.printing import print_report
from .common.search import SearchBox
from .common.table_model import Column
from .common.table_view import fit_columns
from .common.widgets import year_spinbox

COLUMNS = (Column("id", "N.", align="right"), Column("when", "Data e ora"),
           Column("user", "Utente"), Column("action", "Operazione"), Column("subject", "Oggetto"),
           Column("detail", "Dettaglio"), Column("reason", "Motivo"))


class AuditDialog(ListDialog):
    title = "Registro delle modifiche"
    empty_text = "Nessuna modifica registrata nell'anno."
    columns = COLUMNS
    default_size = (1150, 650)

    def build_header(self) -> QHBoxLayout:
        self.year_edit = year_spinbox(self)
        self.search = SearchBox(self)
        self.search.connect_model(self.model)
        top = QHBoxLayout()
        top.addWidget(self.year_edit)
        top.addStretch(1)
        top.addWidget(self.search)
        self.year_edit.valueChanged.connect(lambda _v: self.refresh())
        return top

    def load(self):
        rows, self.head = list_audit(self.db, self.year_edit.value())
        return rows

    def row_of(self, r) -> tuple:
        return (r.id, r.when, r.username, r.action, r.subject, r.detail, r.reason)

    def actions(self) -> list[ListAction]:
        return [ListAction("print", "Stampa…", self._on_print_clicked)]

    def size_columns(self) -> None:
        if self.model.rowCount():
            fit_columns(self.table, 420)

    def footer_text(self) -> str:
        return ("Ogni riga è concatenata alla precedente con un'impronta SHA-256. Impronta "
                f"attuale della catena: <tt>{self.head or '—'}</tt>")

    def _on_print_clicked(self) -> None:
        print_report(self, self.db, "modifiche", anno=self.year_edit.value())
