"""Liquida e paga… (Ctrl+Shift+J on the register): the liquidazione on the procedure's impegno
and its mandato to the conto dedicato, in one step (services/procurement/liquidation.py);
refused, with the reason, when the invoice is not matched, the delivery not accepted or the
DURC not valid at the payment date."""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.money import format_money
from ...queries.procurement import list_invoices
from ...services.procurement.liquidation import liquidate_invoice
from ..common.dialogs import exec_and_dispose, report_errors, show_domain_error
from ..common.widgets import DateEdit


class LiquidationDialog(QDialog):
    def __init__(self, parent, db, invoice_id: int, today: date | None = None) -> None:
        super().__init__(parent)
        self.db, self.invoice_id, self.result_ = db, invoice_id, None
        self.setWindowTitle("Liquida e paga la fattura")
        layout = QVBoxLayout(self)
        intro = QLabel("La liquidazione sull'impegno della procedura e il mandato di "
                       "pagamento al conto dedicato del fornitore, in un'unica operazione. "
                       "Servono l'abbinamento all'ordine, il verbale di verifica positivo e "
                       "un DURC regolare alla data del pagamento.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        summary = QLabel(invoice_summary(db, invoice_id))
        summary.setObjectName("invoice_summary")
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        self.liquidated_on = DateEdit(self, field="liquidated_on")
        self.paid_on = DateEdit(self, field="paid_on")
        for edit in (self.liquidated_on, self.paid_on):
            edit.set_value(today or date.today())
        form.addRow("Data della &liquidazione:", self.liquidated_on)
        form.addRow("Data del &mandato:", self.paid_on)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Liquida e paga")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annulla")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.result_ = liquidate_invoice(self.db, self.invoice_id,
                                             liquidated_on=self.liquidated_on.value(),
                                             paid_on=self.paid_on.value())
        except DomainError as exc:
            show_domain_error(self, exc)
            return
        self.accept()


def invoice_summary(db, invoice_id: int) -> str:
    """Which invoice is paid, and how much to whom: the clerk checks it before confirming."""
    found = list_invoices(db, invoice_id=invoice_id)
    if not found:
        return ""
    i = found[0]
    split = " (IVA versata all'Erario: scissione dei pagamenti)" if i.split_payment else ""
    return (f"<b>{escape(i.document_label)} n. {escape(i.invoice_number)} del "
            f"{format_date(i.invoice_date)}</b> di {escape(i.supplier)} (registro n. {i.ref}, "
            f"{escape(i.state_label)}): totale {format_money(i.total)}, al fornitore "
            f"<b>{format_money(i.payable)}</b>{split}; scadenza "
            f"{format_date(i.payment_due)}.")


@report_errors
def liquidate(parent, db, invoice_id: int) -> bool:
    dialog = LiquidationDialog(parent, db, invoice_id)
    return exec_and_dispose(dialog) == QDialog.DialogCode.Accepted
