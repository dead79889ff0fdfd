"""The payment term from the tab (Impostazioni › Termine di pagamento delle fatture…) and the
invoice the Liquida e paga dialog names, on the demo.

Demo invoice 8/2021 (Informatica Didattica Srl, the notebooks): n. 8/PA of 21/06/2021, total
2.379,00 € under split payment: 2.379,00 / 1,22 = 1.950,00 € to the supplier (4 × 487,50);
it states its due date, 21/07/2021 (30 days from its date), which the school's term does not move.
Demo invoice 10/2021 (received on 23/10/2021) states 20/11/2021 likewise."""
from __future__ import annotations

from datetime import date

import pytest

from tests.ui.procurement.test_invoices_tab import open_tab

pytestmark = pytest.mark.usefixtures("errors_raise")


def _invoice_id(tab, ref: str) -> int:
    return next(tab.model.row_id(r) for r in range(tab.model.rowCount())
                if tab.model.row(r)[0] == ref)


def test_the_term_is_set_from_the_tab(qtbot, demo_db, answer_forms):
    from iiss_desktop.queries.procurement import payment_days

    tab = open_tab(qtbot, demo_db)
    asked = answer_forms({"days": 45})
    action = next(a for a in tab.all_actions()
                  if a.text() == "Termine di pagamento delle fatture…")
    assert action.isEnabled()
    action.trigger()
    assert payment_days(demo_db) == 45
    [form] = asked
    assert form.values == {"days": 30}               # the default, «[U]»
    assert "«[U]»" in form.specs[0].label and "D.Lgs 231/2002" in form.specs[0].help


def test_the_liquidation_dialog_names_the_invoice(qtbot, demo_db):
    from PySide6.QtWidgets import QLabel

    from iiss_desktop.ui.procurement.invoice_liquidation import LiquidationDialog

    tab = open_tab(qtbot, demo_db)
    dialog = LiquidationDialog(None, demo_db, _invoice_id(tab, "8/2021"),
                               today=date(2021, 7, 5))
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "invoice_summary").text()
    assert "Fattura n. 8/PA del 21/06/2021</b> di Informatica Didattica Srl" in text
    assert "al fornitore <b>1.950,00\u00a0€</b>" in text
    assert "scadenza 21/07/2021" in text
