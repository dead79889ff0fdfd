"""The Fondi tab on the demo archive: its figures equal an independent SQL sum per
destination; an impegno above the availability is refused with the Italian message and
nothing saved; a valid one lowers the availability by exactly its amount; the work lists
filter as SQL says; a user without the permissions sees the actions disabled."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.ui import fill_next_form, select_ids
from tests.services.funds.helpers import counts

pytestmark = pytest.mark.usefixtures("errors_raise")
YEAR = 2021


def open_funds_tab(qtbot, db, window=None):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.funds.tab import FundsTab

    tab = FundsTab(db, AppEvents())
    if window is None:
        qtbot.addWidget(tab)
    else:
        window.setCentralWidget(tab)
    tab.set_year(YEAR)
    return tab


def sql_figures(path, year=YEAR) -> dict[str, tuple[int, int, int]]:
    """(forecast, variations, committed) in cents per destination, by raw sqlite3."""
    with sqlite3.connect(path) as con:
        pid = con.execute("SELECT id FROM funds_programme WHERE year = ?", (year,)).fetchone()[0]
        out: dict[str, list[int]] = {}
        for code, cents in con.execute(
                "SELECT d.code, SUM(f.amount) FROM funds_spending_forecast f JOIN "
                "funds_destination d ON d.id = f.destination_id WHERE f.programme_id = ? "
                "GROUP BY d.code", (pid,)):
            out.setdefault(code, [0, 0, 0])[0] = cents
        for code, cents in con.execute(
                "SELECT d.code, SUM(l.amount) FROM funds_variation_line l JOIN funds_variation v "
                "ON v.id = l.variation_id JOIN funds_destination d ON d.id = l.destination_id "
                "WHERE v.programme_id = ? AND l.side = 'U' GROUP BY d.code", (pid,)):
            out.setdefault(code, [0, 0, 0])[1] = cents
        for code, cents in con.execute(
                "SELECT d.code, SUM(c.amount) FROM funds_commitment c JOIN funds_destination d "
                "ON d.id = c.destination_id WHERE c.programme_id = ? GROUP BY d.code", (pid,)):
            out.setdefault(code, [0, 0, 0])[2] = cents
    return {k: tuple(v) for k, v in out.items()}


def cents(value: Decimal) -> int:
    return int(value * 100)


def grid(tab) -> dict[str, tuple]:
    return {tab.model.row_id(r): tab.model.row(r) for r in range(tab.model.rowCount())}


def test_the_rows_are_the_sql_sums_per_destination(qtbot, demo_db, demo_path):
    tab = open_funds_tab(qtbot, demo_db)
    expected = sql_figures(demo_path)
    rows = grid(tab)
    assert set(rows) == set(expected) == {"A01", "A02", "A03", "P01", "P02", "R98"}
    for code, (forecast, varied, committed) in expected.items():
        _code, _name, f, v, d, c, a = rows[code]
        assert (cents(f), cents(v), cents(c)) == (forecast, varied, committed), code
        assert cents(d) == forecast + varied and cents(a) == forecast + varied - committed
    # money shown the Italian way
    row = tab.model.view_row_of_id("A01")
    assert tab.model.display_text(row, 2) == "7.000,00\u00a0€"


def test_an_impegno_above_the_availability_is_refused_and_nothing_saved(
        qtbot, demo_db, demo_path):
    tab = open_funds_tab(qtbot, demo_db)
    available = grid(tab)["P01"][6]
    before = counts(demo_path)
    seen = fill_next_form(qtbot, {"destination": "P01", "spending_type": "03",
                                  "amount": available + Decimal("0.01"),
                                  "committed_on": date(YEAR, 12, 14),
                                  "description": "Corso di coding per le classi quinte"})
    tab.new_commitment()
    assert seen["errors"]["amount"].startswith("Impegno di 1.300,01\u00a0€ superiore alla "
                                               "disponibilità di P01")
    assert counts(demo_path) == before
    assert grid(tab)["P01"][6] == available


def test_a_valid_impegno_lowers_the_availability_by_its_amount(qtbot, demo_db, demo_path):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    tab = open_funds_tab(qtbot, demo_db, window)
    select_ids(tab, "A03")
    before = grid(tab)["A03"]
    amount = Decimal("1234.56")
    seen = fill_next_form(qtbot, {"spending_type": "02", "amount": amount,
                                  "committed_on": date(YEAR, 12, 14),
                                  "creditor_name": "Cartoleria Rossi Srl",
                                  "description": "Materiale per il laboratorio di pittura"})
    tab.new_commitment()
    assert seen["errors"] == {}
    after = grid(tab)["A03"]
    assert after[5] - before[5] == amount and before[6] - after[6] == amount
    with sqlite3.connect(demo_path) as con:
        number = con.execute("SELECT max(number) FROM funds_commitment WHERE year = ?",
                             (YEAR,)).fetchone()[0]
        assert con.execute("SELECT amount FROM funds_commitment WHERE number = ? AND year = ?",
                           (number, YEAR)).fetchone()[0] == 123456
    assert window.statusBar().currentMessage() == f"Impegno n. {number}/{YEAR} registrato."
    assert sql_figures(demo_path)["A03"][2] == cents(after[5])


def test_an_impegno_outside_the_funds_categories_is_refused(qtbot, demo_db, demo_path):
    tab = open_funds_tab(qtbot, demo_db)
    before = counts(demo_path)
    fund_id = sqlite3.connect(demo_path).execute("SELECT id FROM funds_earmarked").fetchone()[0]
    seen = fill_next_form(qtbot, {"destination": "A01", "spending_type": "04",
                                  "amount": Decimal("100.00"), "earmarked_id": fund_id,
                                  "committed_on": date(YEAR, 12, 14),
                                  "description": "Spese varie"})
    tab.new_commitment()
    assert "non ammette spese di tipo 04" in seen["errors"]["spending_type"]
    assert counts(demo_path) == before


def test_without_the_permissions_the_actions_are_disabled(qtbot, demo_db):
    from iiss_desktop.domain.access import SOLA_LETTURA
    from tests.helpers.users import act_as_office

    act_as_office(demo_db, "sola-lettura", roles=(SOLA_LETTURA,))
    tab = open_funds_tab(qtbot, demo_db)
    tab.refresh()
    by_text = {a.text(): a for a in tab.all_actions()}
    for text in ("Impegno…", "Liquidazione…", "Mandato…"):
        assert not by_text[text].isEnabled(), text
        assert "Serve il permesso" in by_text[text].toolTip()
    assert by_text["Impegni…"].isEnabled()
    assert grid(tab)                      # reading is allowed


def test_the_work_lists_filter_as_sql_says(qtbot, demo_db, demo_path):
    from iiss_desktop.ui.funds.work_lists import (
        CommitmentsList,
        PaymentOrdersList,
        VariationsList,
    )

    with sqlite3.connect(demo_path) as con:
        open_ = {f"{n}/{y}" for n, y in con.execute(
            "SELECT number, year FROM funds_commitment "
            "WHERE status IN ('impegnato', 'liquidato in parte')")}
        spring = {f"{n}/{y}" for n, y in con.execute(
            "SELECT number, year FROM funds_payment_order "
            "WHERE issued_on BETWEEN '2021-03-01' AND '2021-06-30'")}
        storni = {f"{n}/{y}" for n, y in con.execute(
            "SELECT number, year FROM funds_variation WHERE kind = 'storno'")}
        all_orders = con.execute("SELECT count(*) FROM funds_payment_order").fetchone()[0]

    def shown(dialog):
        return {dialog.model.display_text(r, 0) for r in range(dialog.model.rowCount())}

    impegni = CommitmentsList(None, demo_db)
    qtbot.addWidget(impegni)
    impegni.state_edit.setCurrentIndex(impegni.state_edit.findText("Da liquidare"))
    assert shown(impegni) == open_ and open_
    mandati = PaymentOrdersList(None, demo_db)
    qtbot.addWidget(mandati)
    assert mandati.model.rowCount() == all_orders
    mandati.from_edit.set_value(date(2021, 3, 1))
    mandati.to_edit.set_value(date(2021, 6, 30))
    mandati._apply_filters()
    assert shown(mandati) == spring and spring
    variazioni = VariationsList(None, demo_db)
    qtbot.addWidget(variazioni)
    variazioni.state_edit.setCurrentIndex(variazioni.state_edit.findText("Storno"))
    assert shown(variazioni) == storni and storni
