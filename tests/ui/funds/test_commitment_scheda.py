"""The scheda of an impegno: an impegno of 1.000,00 with two liquidazioni (400,00 paid by
mandato, 250,00 not yet paid); what remains and what is missing are worked out by hand:
liquidato 650,00, pagato 400,00, da liquidare 1.000,00 − 650,00 = 350,00, liquidato e non
pagato 650,00 − 400,00 = 250,00."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.queries.funds_scheda import commitment_scheda
from iiss_desktop.services.funds.spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)
from tests.helpers.ui import on_next_modal
from tests.services.funds.helpers import GOOD_IBAN, GOOD_VAT, YEAR, approved_programme

D = Decimal


def _commitment(db) -> int:
    approved_programme(db)
    c = commit_spending(db, CommitmentInput(YEAR, date(YEAR, 3, 10), "A03", "02", D("1000.00"),
                                            "Materiale didattico", "Cartoleria Rossi Srl",
                                            cig="ZA1B2C3D4E"))
    first = liquidate(db, LiquidationInput(c.id, date(YEAR, 4, 2), D("400.00"),
                                           "Verbale di regolare fornitura", "Fattura n. 7"))
    issue_payment_order(db, PaymentOrderInput(
        first.id, date(YEAR, 4, 9), "Acquisto di materiale didattico",
        Creditor("Cartoleria Rossi Srl", vat_number=GOOD_VAT, iban=GOOD_IBAN)))
    liquidate(db, LiquidationInput(c.id, date(YEAR, 5, 3), D("250.00"),
                                   "Verbale di regolare fornitura", "Fattura n. 12"))
    return c.id


def test_the_scheda_adds_up_liquidazioni_and_mandati(db):
    cid = _commitment(db)
    s = commitment_scheda(db, cid)
    assert s.title == "Impegno n. 1/2026 – A03/02"
    assert (s.amount, s.liquidated, s.paid) == (D("1000.00"), D("650.00"), D("400.00"))
    fields = {f.name: f.text for f in s.fields}
    assert fields["to_pay"] == "350,00\u00a0€" and fields["cig"] == "ZA1B2C3D4E"
    assert s.warning == "Liquidati 250,00\u00a0€ non ancora pagati: emettere il mandato."
    assert [r[0] for r in s.liquidations] == ["1/2026", "2/2026"]
    assert [r[5] for r in s.liquidations] == ["pagata con mandato", "da pagare"]
    assert [(r[0], r[2]) for r in s.payment_orders] == [("1/2026", "400,00\u00a0€")]
    assert [h.kind for h in s.history] == ["Impegno", "Liquidazione", "Pagamento",
                                           "Liquidazione"]
    assert [(d.report, d.kwargs) for d in s.documents] == [
        ("mandato", {"anno": 2026, "numero": 1})]


def test_enter_on_an_impegno_opens_its_scheda(qtbot, db):
    from iiss_desktop.ui.funds.work_lists import CommitmentsList

    _commitment(db)
    dialog = CommitmentsList(None, db)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    seen = {}

    def look(scheda):
        seen["title"] = scheda.title_label.text()
        seen["tables"] = {t: m.model().rowCount() for t, m in scheda.extra_tables.items()}
        scheda.reject()

    on_next_modal(look)
    qtbot.keyClick(dialog.table, Qt.Key_Return)
    assert seen["title"] == "<h2>Impegno n. 1/2026 – A03/02</h2>"
    assert seen["tables"] == {"&Liquidazioni": 2, "&Mandati": 1}


def test_the_mandati_list_opens_the_scheda_of_the_impegno_paid(qtbot, db):
    from iiss_desktop.ui.funds.work_lists import PaymentOrdersList

    _commitment(db)
    dialog = PaymentOrdersList(None, db)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    seen = {}

    def look(scheda):
        seen["title"] = scheda.title_label.text()
        scheda.reject()

    button = dialog.buttons["scheda"]
    assert button.text() == "S&cheda dell'impegno" and button.isEnabled()
    on_next_modal(look)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert seen["title"] == "<h2>Impegno n. 1/2026 – A03/02</h2>"
