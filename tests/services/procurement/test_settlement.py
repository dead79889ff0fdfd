"""Invoices tied to the liquidazione that pays them, on the demo (Fondi 2021): paid with the
mandato's date, refused when the amounts or the supplier do not match."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.services.procurement.invoices import import_invoice_files
from iiss_desktop.services.procurement.settlement import settle_invoice

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
