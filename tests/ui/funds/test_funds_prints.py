"""The Stampe menu of the Fondi tab prints the budget documents of the year shown: the
definitive Mod. A with the totals an independent SQL sum gives, the scheda (Mod. B) of the
selected destination only."""
from __future__ import annotations

import re
import sqlite3

import pytest

from iiss_desktop.ui.common import printing
from tests.helpers.pdf import pdf_flat
from tests.helpers.ui import select_ids
from tests.ui.funds.test_funds_tab import YEAR, open_funds_tab

pytestmark = pytest.mark.usefixtures("errors_raise")


def _action(tab, text: str):
    return next(a for a in tab.all_actions() if a.text() == text)


def _eur(cents: int) -> str:
    units, rest = divmod(cents, 100)
    return f"{units:,}".replace(",", ".") + f",{rest:02d} €"


def _print(qtbot, tab, text: str, opened: list) -> str:
    _action(tab, text).trigger()
    qtbot.waitUntil(lambda: tab.last_job is not None and tab.last_job.is_done(), timeout=30000)
    return pdf_flat(opened[-1])


def test_the_stampe_menu_prints_the_year_shown(qtbot, demo_db, demo_path, monkeypatch):
    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    tab = open_funds_tab(qtbot, demo_db)
    menu = dict(tab.menu_groups())["Stampe"]
    assert [a.text() for a in menu] == [
        "Programma Annuale (Mod. A)…", "Programma Annuale definitivo (Mod. A)…",
        "Schede illustrative finanziarie (Mod. B)…", "Variazioni dell'anno (Mod. F/G)…",
        "Ultimo decreto di variazione…", "Situazione amministrativa (Mod. J)…",
        "Elenco dei residui…", "Rendiconto dei finanziamenti vincolati…"]
    with sqlite3.connect(demo_path) as con:
        total = con.execute(
            "SELECT (SELECT SUM(f.amount) FROM funds_revenue_forecast f JOIN funds_programme p "
            "ON p.id = f.programme_id WHERE p.year = ?) + (SELECT SUM(l.amount) FROM "
            "funds_variation_line l JOIN funds_variation v ON v.id = l.variation_id "
            "WHERE v.year = ? AND l.side = 'E')", (YEAR, YEAR)).fetchone()[0]
    text = _print(qtbot, tab, "Programma Annuale definitivo (Mod. A)…", opened)
    assert f"Programma Annuale {YEAR} – programmazione definitiva" in text
    assert re.search(rf"Totale a pareggio [^A-Za-z]*{re.escape(_eur(total))}", text)

    select_ids(tab, "A03")
    text = _print(qtbot, tab, "Schede illustrative finanziarie (Mod. B)…", opened)
    assert text.count("Scheda illustrativa finanziaria – ") == 1
    assert "Scheda illustrativa finanziaria – A03 Didattica" in text
