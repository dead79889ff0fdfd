"""The printed register of inventory shows which goods form a universalità and its total value
(issue 12 item 4), and the warning an imported good keeps; on real SQLite files."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from iiss_desktop.reports.registers import build_register
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.pdf import pdf_flat, pdf_lines, pdf_text


def test_chairs_of_a_universalita_print_with_the_set_and_its_value(db, tmp_path):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    aula = save_room(db, {"site_id": site, "name": "Aula 12"})
    day = date(2025, 9, 15)
    carico(db, CaricoInput(description="Personal computer portatile", unit_value=Decimal("650"),
                           entry_date=day, room_id=aula))
    # 24 chairs of 45,00 € bought together: 24 × 45,00 = 1.080,00 € > 200,00 € (art. 31 c.5),
    # numbers 2 to 25 of beni mobili, buono di carico n. 2/2025.
    carico(db, CaricoInput(description="Sedia per alunni", quantity=24,
                           unit_value=Decimal("45.00"), universalita=True, entry_date=day,
                           room_id=aula))
    out = build_register(db, tmp_path / "registro.pdf", "inv-mobili", 2025)
    flat = pdf_flat(out, layout=False)
    note = ("Universalità «Buono di carico n. 2/2025»: n. 2–25 (24 beni), valore complessivo "
            "1.080,00 € (art. 31 c.5)")
    # Once on each of the 24 chairs' lines, never on the computer's.
    assert flat.count(note) == 24, flat
    assert "€" in pdf_text(out)
    # The summary after the entries: the set, its numbers, its goods and its value.
    lines = pdf_lines(out)
    assert "Universalità di beni (art. 31 c.5)" in lines
    assert any(line.startswith("Buono di carico n. 2/2025 n. 2–25 24 1.080,00 €")
               for line in lines), lines
    # A set of 4 chairs of 45,00 € = 180,00 € ≤ 200,00 € goes to the registro dei beni
    # durevoli, where no universalità is claimed.
    carico(db, CaricoInput(description="Sgabello", quantity=4, unit_value=Decimal("45.00"),
                           universalita=True, entry_date=day, room_id=aula))
    durable = pdf_flat(build_register(db, tmp_path / "durevoli.pdf", "inv-durevoli", 2025),
                       layout=False)
    assert "Sgabello" in durable and "Universalità" not in durable
