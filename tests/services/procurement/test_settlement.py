"""Invoices tied to the liquidazione that pays them, on the demo (Fondi 2021): paid with the
mandato's date, refused when the amounts or the supplier do not match; on the acceptance
tests' order, annotated with the inventory numbers of the goods paid for (D.I. 129/2018
art. 17 c.3)."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.services.funds.spending import LiquidationInput, liquidate
from iiss_desktop.services.procurement.invoices import import_invoice_files
from iiss_desktop.services.procurement.settlement import settle_invoice
from tests.services.procurement.test_acceptance import order  # noqa: F401 - fixture
from tests.services.procurement.test_liquidation import accepted
from tests.services.procurement.test_matching import invoice

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fatturapa"


def test_demo_invoices_follow_their_mandati(demo_db, demo_path):
    with sqlite3.connect(demo_path) as con:
        rows = con.execute(
            "SELECT i.status, i.paid_on, m.issued_on, l.amount, i.total FROM "
            "procurement_invoice i JOIN funds_liquidation l ON l.id = i.liquidation_id "
            "LEFT JOIN funds_payment_order m ON m.id = i.payment_order_id ORDER BY i.number"
        ).fetchall()
    # eleven liquidated impegni, ten of them paid (the demo's impegno 10 is liquidated only)
    assert [r[0] for r in rows].count("pagata") == 10
    assert [r[0] for r in rows].count("liquidata") == 1
    assert all(r[1] == r[2] for r in rows if r[0] == "pagata")
    assert all(r[3] == r[4] for r in rows)      # each liquidazione is its invoice's total


def test_a_liquidation_of_another_amount_is_refused_and_nothing_changes(demo_db, demo_path):
    [new] = import_invoice_files(demo_db, [("IT01234567890_FPA01.xml", (
        FIXTURES / "IT01234567890_FPA01.xml").read_bytes())],
        received_on=date(2021, 12, 20)).invoices
    with sqlite3.connect(demo_path) as con:
        used, amount, number = con.execute(
            "SELECT l.id, l.amount, l.number FROM funds_liquidation l JOIN "
            "procurement_invoice i ON i.liquidation_id = l.id ORDER BY l.number").fetchone()
    with pytest.raises(ValidationError) as caught:
        settle_invoice(demo_db, new.id, used)
    message = caught.value.errors["liquidation_id"]
    # the fixture is 6,10 €; the demo's first liquidazione is the impegno's 412,50 €
    assert f"n. {number}/2021" in message and "6,10" in message and "non coincidono" in message
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT status, liquidation_id FROM procurement_invoice WHERE id = ?",
                           (new.id,)).fetchone() == ("ricevuta", None)
    assert amount == 41250


def test_settling_annotates_the_invoice_with_the_inventory_numbers(db, db_path, order):
    accepted(db, order)        # microscopes inventario n. 1, 2, the lamp n. 3 (inv-mobili)
    iid = invoice(db)          # 1.180,87, matched to the order at import
    with sqlite3.connect(db_path) as con:
        (commitment,) = con.execute("SELECT commitment_id FROM procurement_procedure"
                                    ).fetchone()
        assert con.execute("SELECT inventory_note FROM procurement_invoice").fetchone() == ("",)
    liq = liquidate(db, LiquidationInput(commitment, date(2026, 3, 30), Decimal("1180.87"),
                                         "Verbale di verifica n. 1/2026 del 23/03/2026",
                                         "Fattura n. 7/A del 25/03/2026"))
    settled = settle_invoice(db, iid, liq.id)
    assert (settled.status, settled.paid_on) == ("liquidata", None)     # no mandato yet
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT status, liquidation_id, inventory_note FROM "
                           "procurement_invoice").fetchone() == (
            "liquidata", liq.id, "Microscopio ottico: inventario n. 1, 2 (inv-mobili); "
                                 "Lampada da banco: inventario n. 3 (inv-mobili)")
