"""Magazzino prints on the demo database, checked on the PDF text."""
from __future__ import annotations

import sqlite3
import subprocess
from datetime import date

from iiss_desktop.domain.money import format_cents
from iiss_desktop.domain.warehouse import format_quantity
from iiss_desktop.queries import warehouse as q
from iiss_desktop.reports.catalog import get_report
from tests.conftest import tool


def text_of(path) -> str:
    return subprocess.run([tool("pdftotext"), "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_scheda_running_balance_equals_the_journal(demo_db, demo_path, tmp_path):
    con = sqlite3.connect(demo_path)
    article_id, code, unit, n = con.execute(
        "SELECT a.id, a.code, a.unit, count(*) FROM warehouse_movement_line l JOIN "
        "warehouse_article a ON a.id = l.article_id GROUP BY a.id ORDER BY 4 DESC, 2").fetchone()
    journal = con.execute("SELECT quantity, value_cents FROM warehouse_movement_line WHERE "
                          "article_id = ? ORDER BY movement_date, movement_id, line_no",
                          (article_id,)).fetchall()
    con.close()
    start, end = date(2000, 1, 1), date.today()
    scheda = q.scheda(demo_db, article_id, start, end)
    running, expected = 0, []
    for quantity, _value in journal:
        running += quantity
        expected.append(running)
    assert [r.balance for r in scheda.rows] == expected and len(expected) == n
    assert scheda.closing == (sum(j[0] for j in journal), sum(j[1] for j in journal))
    out = get_report("scheda-magazzino").build(demo_db, tmp_path / "scheda.pdf", articolo=code,
                                               dal=start, al=end)
    text = text_of(out)
    assert "Scheda di magazzino" in text and "Giacenza iniziale" in text
    final = next(line for line in text.splitlines() if "Giacenza finale" in line)
    assert format_quantity(scheda.closing[0], unit) in final
    assert format_cents(scheda.closing[1], symbol=False) + " €" in final


def test_buoni_have_both_signature_lines(demo_db, tmp_path):
    moves = q.list_movements(demo_db)
    for kind, report in (("carico", "buono-versamento"), ("scarico", "buono-prelevamento"),
                         ("dpi", "buono-prelevamento")):
        _id, number, year, _d, _k, _t = next(m for m in moves if m[4] == kind)
        out = get_report(report).build(demo_db, tmp_path / f"{kind}.pdf", anno=year,
                                       numero=number)
        text = text_of(out)
        assert f"n. {number}/{year}" in text
        assert "Chi consegna" in text and "Chi riceve" in text
        detail = q.movement_by_number(demo_db, year, number)
        assert detail.recipient in text and detail.handed_by in text
        assert text.count("_" * 5) == 0   # signature lines are drawn, not typed


def test_other_prints_build_with_their_totals(demo_db, tmp_path):
    year = date.today().year
    for name in ("giornale-magazzino", "giacenze-magazzino", "consumi-magazzino",
                 "riepilogo-dpi"):
        text = text_of(get_report(name).build(demo_db, tmp_path / f"{name}.pdf", anno=year))
        assert "pag. 1 di" in text and "Istituto Comprensivo" in text
    consumed = sum(r[1] for r in q.consumption(demo_db, date(year, 1, 1), date.today()))
    text = text_of(get_report("consumi-magazzino").build(demo_db, tmp_path / "c.pdf", anno=year))
    assert f"Totale consumato: {format_cents(consumed, symbol=False)} €" in text
