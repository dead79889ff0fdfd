"""The registro degli inventari carries "Totale pagina" on every page of rows and, from page 2,
the "Riporto" of the pages before; the giornale's register of buoni values every movement
(issue 12 item 8). Expected figures are computed here by SQL on the demo."""
from __future__ import annotations

import re

from iiss_desktop.domain.money import format_cents
from iiss_desktop.reports.catalog import get_report
from tests.helpers.pdf import pdf_pages

MONEY = r"([\d.]+,\d\d) €"


def _euro(text: str) -> int:
    return int(text.replace(".", "").replace(",", ""))


def test_inventory_register_pages_total_and_carry_forward(demo_db, tmp_path):
    with demo_db.read_engine.connect() as conn:
        (expected,) = conn.exec_driver_sql(
            "SELECT SUM(amount) FROM register_entry e WHERE register = 'inv-mobili' "
            "AND annuls_id IS NULL AND NOT EXISTS (SELECT 1 FROM register_entry a "
            "WHERE a.annuls_id = e.id)").first()
    out = get_report("registro").build(demo_db, tmp_path / "r.pdf", registro="inv-mobili")
    pages = pdf_pages(out)
    assert len(pages) > 2
    assert "Riporto" not in pages[0]
    running = 0
    seen = 0
    for number, page in enumerate(pages, 1):
        found = re.search("Totale pagina: " + MONEY, page)
        if found is None:
            continue
        seen += 1
        if number > 1:
            carried = re.search("Riporto: " + MONEY, page)
            assert carried and _euro(carried.group(1)) == running, number
            progressive = re.search("Totale progressivo: " + MONEY, page)
            assert _euro(progressive.group(1)) == running + _euro(found.group(1))
        running += _euro(found.group(1))
    # every page listing entries has its total: those before the summary («Riepilogo»)
    listing = next(i for i, page in enumerate(pages) if "Riepilogo" in page)
    assert seen >= listing
    assert running == expected
    assert format_cents(expected).replace("\xa0", " ") in " ".join(pages)


def test_register_of_the_giornale_has_its_own_title_and_values_every_withdrawal(demo_db,
                                                                               tmp_path):
    with demo_db.read_engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT m.kind, count(DISTINCT m.id), ABS(SUM(l.value_cents)) "
            "FROM warehouse_movement m JOIN warehouse_movement_line l ON l.movement_id = m.id "
            "JOIN register_entry e ON e.id = m.entry_id "
            "WHERE m.kind IN ('carico', 'scarico') AND e.year = strftime('%Y', 'now') "
            "AND NOT EXISTS (SELECT 1 FROM register_entry a WHERE a.annuls_id = e.id) "
            "GROUP BY m.kind").fetchall()
    out = get_report("registro").build(demo_db, tmp_path / "g.pdf", registro="mag-giornale")
    text = " ".join(pdf_pages(out))
    assert "Registro dei buoni di magazzino" in text
    assert "Giornale di magazzino" not in text
    labels = {"carico": "Carico", "scarico": "Scarico"}
    for kind, n, cents in rows:
        money = format_cents(cents).replace("\xa0", " ")
        assert f"{labels[kind]}: valore ({n} movimenti) {money}" in text, kind
