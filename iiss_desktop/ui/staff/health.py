"""«Lavoratore fragile…» of the Personale tab: the giudizi of the medico competente on one
person, their measures and prescriptions (services/staff/health.py), for the dirigente and
the DSGA only. Opening it is a read, and the read is written to the change log."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ...domain.dates import format_date
from ...domain.staff.fields import FRAGILE
from ...services.staff.health import (
    annul_fragile_status,
    read_fragile_status,
    record_fragile_status,
)
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.form import FormDialog, spec_of
from ..common.table_model import Column, RowTableModel, date_column
from ..common.table_view import EmptyStateTable, fit_columns
from .emergency_base import ask_reason

FIELDS = ("checked_on", "outcome", "measure", "prescriptions", "legal_basis", "valid_from",
          "valid_to", "protocol")
COLUMNS = (date_column("checked_on", "Giudizio del"), Column("outcome", "Esito"),
           Column("measure", "Misura"), date_column("valid_from", "Dal"),
           date_column("valid_to", "Al"), Column("legal_basis", "Norma"),
           Column("prescriptions", "Prescrizioni"), Column("state", "Stato"))


class FragileDialog(QDialog):
    def __init__(self, parent, db, person_id: int, name: str):
        super().__init__(parent)
        self.db, self.person_id, self.name = db, person_id, name
        self.setWindowTitle(f"Lavoratore fragile – {name}")
        self.resize(1100, 420)
        notice = QLabel("<b>Dati riservati</b> (art. 9 Reg. UE 2016/679): visibili solo al "
                        "dirigente scolastico e al DSGA; ogni consultazione è registrata nel "
                        "registro delle modifiche. Si registra il giudizio del medico "
                        "competente e le misure, mai la diagnosi.", self)
        notice.setWordWrap(True)
        self.model = RowTableModel(COLUMNS, self)
        area = EmptyStateTable(self.model, "Nessun giudizio registrato per il dipendente.",
                               self)
        self.table = area.table
        self.new_button = QPushButton("&Nuovo giudizio…", self)
        self.new_button.clicked.connect(self.new_status)
        self.annul_button = QPushButton("&Annulla il giudizio…", self)
        self.annul_button.clicked.connect(self.annul_selected)
        close = QPushButton("&Chiudi", self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.annul_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addWidget(area, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.rows = read_fragile_status(self.db, self.person_id)
        today = date.today()
        self.model.set_rows(
            [(r.checked_on, r.outcome_label, r.measure_label, r.valid_from,
              r.valid_to, r.legal_basis_label,
              r.prescriptions,
              f"annullato il {format_date(r.annulled_on)}: {r.annul_reason}" if r.annulled_on
              else "in vigore" if r.in_force_on(today) else "non in vigore")
             for r in self.rows], [r.id for r in self.rows])
        if self.rows:        # long prescriptions wrap: every column stays in view
            fit_columns(self.table, 230)
            self.table.setWordWrap(True)
            self.table.resizeRowsToContents()

    def _selected(self):
        picked = self.table.selectionModel().selectedRows()
        return self.rows[picked[0].row()] if picked else None

    @report_errors
    def new_status(self) -> None:
        done = FormDialog.ask(
            self, f"Giudizio del medico competente – {self.name}",
            [spec_of(FRAGILE[f]) for f in FIELDS], {"legal_basis": "dl41_art15"},
            on_submit=lambda v: record_fragile_status(self.db, self.person_id, v))
        if done is not None:
            self.refresh()

    @report_errors
    def annul_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        done = ask_reason(self, "Annulla il giudizio",
                          f"Giudizio del {format_date(row.checked_on)}: resta nella storia, "
                          "annullato con il motivo.",
                          lambda reason: annul_fragile_status(self.db, row.id, reason))
        if done is not None:
            self.refresh()


@report_errors
def open_fragile(parent, db, person_id: int, name: str) -> None:
    exec_and_dispose(FragileDialog(parent, db, person_id, name))
