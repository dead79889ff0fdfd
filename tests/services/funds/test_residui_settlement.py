"""Residui imported from the program used before (tests/fixtures/funds_import/residui_2026.csv)
have no accertamento or impegno in the archive: a reversale collects the residuo attivo alone,
a liquidazione and a mandato pay the residuo passivo alone «in conto residui», the dirigente
radiates what is no longer due, and the competence of 2026 is untouched.

The file's residui, by hand: attivi 03/01 Ministero 2.450,00 (2025) and 06/01 Famiglie
350,00 (2024); passivi A02/03 Cartoleria Rossi 612,50 and A01/02 Ditta Pulizie 1.120,00
(2025). Competence of 2026 (helpers.py): A02 6.000,00, A01 8.000,00 available.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.queries.funds import availability
from iiss_desktop.queries.funds_lists import list_liquidations, list_payment_orders
from iiss_desktop.queries.funds_movements import payment_order_documents
from iiss_desktop.queries.funds_residui import (
    administrative_situation,
    collectable,
    liquidable_residui,
    residui,
)
from iiss_desktop.reports.funds_orders import build_payment_order
from iiss_desktop.services.funds.residui import RadiationInput, radiate_residue
from iiss_desktop.services.funds.residui_import import import_residui
from iiss_desktop.services.funds.revenue import ReceiptInput, issue_receipt_order
from iiss_desktop.services.funds.spending import (
    LiquidationInput,
    PaymentOrderInput,
    issue_payment_order,
    liquidate,
)
from tests.helpers.pdf import pdf_text
from tests.services.funds.helpers import GOOD_IBAN, GOOD_VAT, approved_programme, counts

D = Decimal
Y = 2026
CSV = Path(__file__).parents[2] / "fixtures" / "funds_import" / "residui_2026.csv"
NBSP = "\u00a0"


@pytest.fixture
def imported(db, db_path):
    """The residui's ids by counterpart, read by raw sqlite3."""
    approved_programme(db, Y)
    assert import_residui(db, CSV, Y).stored
    with sqlite3.connect(db_path) as con:
        return dict(con.execute("SELECT counterpart, id FROM funds_residue"))


def _money(text: str) -> str:
    return text.replace(NBSP, " ")


def test_a_reversale_collects_an_imported_residuo_attivo_alone(db, db_path, imported):
    ministry = imported["Ministero dell'Istruzione"]
    shown = [c for c in collectable(db, Y) if c.residue_id == ministry]
    assert [(c.assessment_id, c.ref, c.left, c.key) for c in shown] == [
        (None, "importato", D("2450.00"), (None, ministry))]
    first = issue_receipt_order(db, ReceiptInput(None, date(Y, 3, 10), D("2000.00"),
                                                 residue_id=ministry))
    rest = issue_receipt_order(db, ReceiptInput(None, date(Y, 4, 2), residue_id=ministry))
    assert (first.number, rest.number) == (1, 2)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT assessment_id, residue_id, amount, debtor, causale FROM "
                           "funds_receipt_order ORDER BY number").fetchall() == [
            (None, ministry, 200000, "Ministero dell'Istruzione",
             "Saldo della dotazione ordinaria 2025"),
            (None, ministry, 45000, "Ministero dell'Istruzione",
             "Saldo della dotazione ordinaria 2025")]
        assert con.execute("SELECT remaining FROM funds_residue WHERE id = ?",
                           (ministry,)).fetchone() == (0,)
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:
        issue_receipt_order(db, ReceiptInput(None, date(Y, 4, 3), D("1.00"), residue_id=ministry))
    assert _money(info.value.errors["amount"]) == (
        "Sul residuo attivo 2025 importato (Ministero dell'Istruzione) di 2.450,00 € restano "
        "da riscuotere 0,00 €.")
    with pytest.raises(ValidationError) as info:     # managed in 2026, not in 2027
        issue_receipt_order(db, ReceiptInput(None, date(Y + 1, 1, 5), D("1.00"),
                                             residue_id=imported["Famiglie degli alunni"]))
    assert "gestito nell'esercizio 2026" in info.value.errors["issued_on"]
    assert counts(db_path) == before
    # Mod. J: 2.450,00 collected in conto residui; 350,00 of the families still to collect.
    s = administrative_situation(db, Y)
    assert (s.receipts_competence, s.receipts_residui, s.active_older) == (
        D("0.00"), D("2450.00"), D("350.00"))
    assert verify(db, anchors=False).ok


def test_a_residuo_passivo_imported_is_liquidated_and_paid_alone(db, db_path, imported,
                                                                tmp_path):
    rossi = imported["Cartoleria Rossi Srl"]
    offered = {z.residue_id: (z.commitment_id, z.ref, z.account, z.left)
               for z in liquidable_residui(db, Y)}
    assert offered[rossi] == (None, "importato", "A02/03", D("612.50"))
    liq = liquidate(db, LiquidationInput(None, date(Y, 2, 15), D("500.00"),
                                         "Fornitura verificata (fattura n. 88)",
                                         "Fattura n. 88 del 20/12/2025", residue_id=rossi))
    with pytest.raises(ValidationError) as info:     # 612,50 − 500,00 = 112,50 left
        liquidate(db, LiquidationInput(None, date(Y, 2, 16), D("200.00"), "Verifica",
                                       residue_id=rossi))
    assert _money(info.value.errors["amount"]) == (
        "Il residuo passivo 2025 di Cartoleria Rossi Srl (612,50 €) ha ancora 112,50 € da "
        "liquidare.")
    order = issue_payment_order(db, PaymentOrderInput(
        liq.id, date(Y, 2, 20), "Saldo fattura n. 88",
        Creditor("Cartoleria Rossi Srl", vat_number=GOOD_VAT, iban=GOOD_IBAN)))
    with sqlite3.connect(db_path) as con:
        assert con.execute(
            "SELECT m.commitment_id, m.residue_id, d.code, t.code, m.amount, m.cig FROM "
            "funds_payment_order m JOIN funds_destination d ON d.id = m.destination_id "
            "JOIN funds_spending_type t ON t.id = m.spending_type_id").fetchall() == [
            (None, rossi, "A02", "03", 50000, "")]
        assert con.execute("SELECT remaining FROM funds_residue WHERE id = ?",
                           (rossi,)).fetchone() == (11250,)
    assert [(r.commitment, r.destination, r.creditor, r.status)
            for r in list_liquidations(db, Y)] == [
        ("residuo 2025", "A02", "Cartoleria Rossi Srl", "pagata")]
    assert [(m.commitment, m.commitment_id) for m in list_payment_orders(db, Y)] == [
        ("residuo 2025", None)]
    doc, = payment_order_documents(db, Y, order.number)
    assert (doc.commitment_number, doc.commitment_year, doc.commitment_amount,
            doc.residue_origin) == (None, 2025, D("612.50"), 2025)
    pdf = build_payment_order(db, tmp_path / "mandato.pdf", Y, order.number)
    assert "conto residui 2025" in pdf_text(pdf)
    # The competence of 2026 is untouched; the residuo is a payment in conto residui.
    assert availability(db, Y, "A02").available == D("6000.00")
    s = administrative_situation(db, Y)
    assert (s.payments_competence, s.payments_residui) == (D("0.00"), D(D("500.00")))
    assert verify(db, anchors=False).ok


def test_the_part_liquidated_of_an_imported_residuo_is_paid_not_radiated(
        db, db_path, imported):
    pulizie = imported["Ditta Pulizie Srl"]
    liquidate(db, LiquidationInput(None, date(Y, 3, 1), D("1000.00"), "Fornitura verificata",
                                   residue_id=pulizie))
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:     # 1.120,00 − 1.000,00 liquidated = 120,00
        radiate_residue(db, RadiationInput(pulizie, date(Y, 3, 2), "Economia di spesa "
                                           "accertata", D("200.00")))
    assert _money(info.value.errors["amount"]).startswith(
        "Del residuo si possono radiare al massimo 120,00 €")
    assert counts(db_path) == before
    radiate_residue(db, RadiationInput(pulizie, date(Y, 3, 2), "Economia di spesa accertata"))
    line, = [x for x in residui(db, Y).passivi if x.residue_id == pulizie]
    assert (line.ref, line.start, line.settled, line.radiated, line.remaining) == (
        "importato", D("1120.00"), D("0.00"), D("120.00"), D(D("1000.00")))
    assert pulizie not in {z.residue_id for z in liquidable_residui(db, Y)}
    assert verify(db, anchors=False).ok
