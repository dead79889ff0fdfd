"""Abbina all'ordine… (Ctrl+Shift+O): the orders an invoice may bill, the best fitting first
(the one the import proposed marked), with the differences of the chosen one shown before
confirming; «Nessun ordine» undoes the match (services/procurement/matching.py)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
)

from ...domain.errors import DomainError
from ...domain.money import format_money
from ...queries.procurement_matching import order_choices
from ...services.procurement.matching import match_invoice
from ..common.dialogs import exec_and_dispose, report_errors, show_domain_error

NONE = "Nessun ordine (la fattura non è abbinata)"


class MatchDialog(QDialog):
    def __init__(self, parent, db, invoice_id: int, current: int | None = None) -> None:
        super().__init__(parent)
        self.db, self.invoice_id, self.result_ = db, invoice_id, None
        self.setWindowTitle("Abbina la fattura all'ordine")
        self.choices = order_choices(db, invoice_id)
        layout = QVBoxLayout(self)
        intro = QLabel("Scegliere l'ordine che la fattura addebita: in cima quello che "
                       "corrisponde meglio per CIG, riferimento dell'ordine, fornitore e "
                       "importo.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.combo = QComboBox()
        self.combo.addItem(NONE, None)
        for c in self.choices:
            self.combo.addItem(f"{c.label} – residuo {format_money(c.remaining)}"
                               + (" (proposto)" if c.proposed else ""), c.id)
        label = QLabel("&Ordine:")
        label.setBuddy(self.combo)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.differences = QLabel()
        self.differences.setWordWrap(True)
        layout.addWidget(self.differences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Abbina")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annulla")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.combo.currentIndexChanged.connect(self._show)
        start = current if current is not None else next(
            (c.id for c in self.choices if c.proposed), None)
        self.combo.setCurrentIndex(max(0, self.combo.findData(start)))
        self._show()
        self.resize(720, 260)

    def _show(self) -> None:
        oid = self.combo.currentData()
        chosen = next((c for c in self.choices if c.id == oid), None)
        if chosen is None:
            self.differences.setText("")
        elif chosen.differences:
            self.differences.setText("Differenze: " + " ".join(chosen.differences))
        else:
            self.differences.setText("Nessuna differenza dall'ordine.")

    def save(self) -> None:
        try:
            self.result_ = match_invoice(self.db, self.invoice_id, self.combo.currentData())
        except DomainError as exc:
            show_domain_error(self, exc)
            return
        self.accept()


@report_errors
def choose_order(parent, db, invoice_id: int, current: int | None = None) -> bool:
    dialog = MatchDialog(parent, db, invoice_id, current)
    return exec_and_dispose(dialog) == QDialog.DialogCode.Accepted
