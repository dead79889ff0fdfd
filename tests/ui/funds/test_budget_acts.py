"""The acts on an approved Programma Annuale from Fondi › Programma Annuale, on the demo's
2021 and real widgets: a storno typed one line a row moves 600,00 € from A02/03 to A03/02
(their definitive forecasts −600,00 and +600,00, numbered after the year's last variation);
a storno whose lines do not sum to zero is refused on its field and nothing saved; a
finanziamento vincolato of 5.000,00 € on A03 with tipi 02 and 03 raises A03 by 5.000,00
with its decree; a project of the school A03/7 is added to the chart."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.ui import fill_next_form
from tests.ui.funds.test_funds_tab import grid, open_funds_tab

pytestmark = pytest.mark.usefixtures("errors_raise")


def _action(tab, text):
    return next(a for a in tab.all_actions() if a.text() == text)


def _variations(path) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT number, kind FROM funds_variation WHERE year = 2021 "
                           "ORDER BY number").fetchall()


def test_a_storno_typed_line_by_line(qtbot, demo_db, demo_path):
    tab = open_funds_tab(qtbot, demo_db)
    before = grid(tab)
    numbers = _variations(demo_path)
    seen = fill_next_form(qtbot, {"kind": "storno", "decided_on": date(2021, 6, 15),
                                  "act_ref": "Decreto n. 41/2021",
                                  "lines": "A02 03 -600,00\nA03 02 600,00"})
    _action(tab, "Variazione…").trigger()
    assert not seen["errors"] and not seen["banner"]
    qtbot.waitUntil(lambda: grid(tab)["A02"][4] != before["A02"][4], timeout=10_000)
    after = grid(tab)
    assert after["A02"][4] - before["A02"][4] == Decimal("-600.00")
    assert after["A03"][4] - before["A03"][4] == Decimal("600.00")
    assert _variations(demo_path) == numbers + [(numbers[-1][0] + 1, "storno")]


def test_a_storno_that_does_not_sum_to_zero_is_refused(qtbot, demo_db, demo_path):
    tab = open_funds_tab(qtbot, demo_db)
    numbers = _variations(demo_path)
    seen = fill_next_form(qtbot, {"kind": "storno", "decided_on": date(2021, 6, 15),
                                  "lines": "A02 03 -600,00\nA03 02 700,00"})
    _action(tab, "Variazione…").trigger()
    assert seen["errors"] == {"lines": "Le righe dello storno devono dare somma zero (somma "
                                       "attuale 100,00\u00a0€)."}
    assert _variations(demo_path) == numbers


def test_a_finanziamento_vincolato_and_a_project_of_the_school(qtbot, demo_db, demo_path):
    tab = open_funds_tab(qtbot, demo_db)
    before = grid(tab)
    seen = fill_next_form(qtbot, {
        "name": "Contributo per la didattica digitale", "legal_basis": "DM 48/2021",
        "amount": Decimal("5000.00"), "assigned_on": date(2021, 5, 10), "revenue": "03/06",
        "destination": "A03", "spending_types": "2, 03",
        "use_by": date(2021, 12, 31)})
    _action(tab, "Finanziamento vincolato…").trigger()
    assert not seen["errors"] and not seen["banner"]
    qtbot.waitUntil(lambda: grid(tab)["A03"][4] != before["A03"][4], timeout=10_000)
    assert grid(tab)["A03"][4] - before["A03"][4] == Decimal("5000.00")
    with sqlite3.connect(demo_path) as con:
        fund = con.execute("SELECT f.amount, d.code FROM funds_earmarked f JOIN "
                           "funds_destination d ON d.id = f.destination_id WHERE f.name = "
                           "'Contributo per la didattica digitale'").fetchone()
        types = con.execute("SELECT t.code FROM funds_earmarked_type e JOIN funds_spending_type "
                            "t ON t.id = e.spending_type_id JOIN funds_earmarked f ON f.id = "
                            "e.earmarked_id WHERE f.name LIKE 'Contributo per la%' ORDER BY "
                            "t.code").fetchall()
    assert fund == (500000, "A03") and types == [("02",), ("03",)]
    assert _variations(demo_path)[-1][1] == "decreto"

    fill_next_form(qtbot, {"code": "a03/7", "name": "Laboratorio musicale"})
    _action(tab, "Attività o progetto della scuola…").trigger()
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT d.name, p.code FROM funds_destination d JOIN "
                           "funds_destination p ON p.id = d.parent_id WHERE d.code = 'A03/7'"
                           ).fetchone() == ("Laboratorio musicale", "A03")
