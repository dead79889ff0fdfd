"""A Programma Annuale the Fondi tests start from, with its figures worked out by hand.

Entrate 30.000,00: 01/01 avanzo non vincolato 5.000,00, 03/01 dotazione ordinaria
15.000,00, 06/01 contributi volontari 10.000,00. Spese 30.000,00: A01 8.000,00, A02 6.000,00,
A03 10.000,00, P01 4.000,00, R98 1.500,00 (10 % of 15.000,00: the limit exactly), Z01 500,00.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

from iiss_desktop.services.funds.programme import (
    advance_programme,
    create_programme,
    set_forecasts,
)

D = Decimal
YEAR = 2026
REVENUE = {"01/01": D("5000.00"), "03/01": D("15000.00"), "06/01": D("10000.00")}
SPENDING = {("A01", "02"): D("8000.00"), ("A02", "02"): D("6000.00"),
            ("A03", "02"): D("10000.00"), ("P01", "03"): D("4000.00"),
            ("R98", "04"): D("1500.00"), ("Z01", "04"): D("500.00")}
GOOD_CF = "RSSMRA80A01H501U"
GOOD_VAT = "01114601006"
GOOD_IBAN = "IT60X0542811101000000123456"
FUNDS_TABLES = ("funds_commitment", "funds_liquidation", "funds_payment_order",
                "funds_variation", "funds_variation_line", "funds_earmarked",
                "funds_receipt_order", "funds_assessment", "funds_residue",
                "funds_residue_radiation", "funds_residue_carry", "register_entry")


def approved_programme(db, year: int = YEAR, *, revenue=None, spending=None) -> int:
    pid = create_programme(db, year, proposed_on=date(year - 1, 11, 28))
    set_forecasts(db, year, revenue=revenue or REVENUE, spending=spending or SPENDING)
    advance_programme(db, year, "parere", date(year - 1, 12, 15))
    advance_programme(db, year, "deliberato", date(year - 1, 12, 20),
                      reference="Delibera del Consiglio d'istituto n. 12")
    return pid


def counts(path) -> dict[str, int]:
    """Rows of the Fondi tables, read by raw sqlite3 (not through the program)."""
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in FUNDS_TABLES}


def collect(db, year: int, day: date, voce: str, amount, debtor: str, causale: str):
    """An accertamento of ``amount`` on ``voce`` and the reversale that collects it all
    (art. 13-14: every reversale collects an accertamento). Returns the reversale."""
    from iiss_desktop.services.funds.revenue import AssessmentInput, assess_and_collect

    _, r = assess_and_collect(db, AssessmentInput(year, day, voce, amount, debtor, causale,
                                                  "Documento di prova", day), day)
    return r
