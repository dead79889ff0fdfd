"""Consistenza of the inventories: the yearly summary for the conto del patrimonio and the
closing totals of the printed inventory register. Expected figures computed by hand."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.inventory.summary import year_summary
from iiss_desktop.reports.inventory.summary import build_inventory_summary
from iiss_desktop.reports.registers import build_register
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.registers import annul_entry
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.pdf import pdf_flat


def _ids(db, prefix):
    rows, ids = list_items(db)
    return [i for r, i in zip(rows, ids) if r[3].startswith(prefix)]


def _entry_of(db, item_id):
    with db.read_engine.connect() as conn:
        return conn.execute(text("SELECT entry_id FROM inventory_item WHERE id = :i"),
                            {"i": item_id}).scalar_one()


@pytest.fixture
def history(db):
    """2024: two PCs (650 €), books A (300 €) and B (500 €, annulled), two banchi of the
    Comune (100 €), a mouse (20 €, beni durevoli). 2025: a LIM (1.450 €); PC 1 discharged
    (decree 15/03/2025), the LIM too (01/04/2025). 2026: a chair (250 €), a wrong chair
    annulled, PC 2 discharged (01/02/2026)."""
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Aula 1A"})

    def load(day, what, value, qty=1, **kw):
        carico(db, CaricoInput(description=what, quantity=qty, unit_value=Decimal(value),
                               entry_date=day, room_id=room, **kw))

    load(date(2024, 3, 1), "PC portatile", "650.00", 2)
    load(date(2024, 5, 1), "Libro A", "300.00", category_register="inv-libri")
    load(date(2024, 5, 2), "Libro B", "500.00", category_register="inv-libri")
    load(date(2024, 6, 1), "Banco", "100.00", 2, category_register="inv-terzi",
         owner="Comune di Velletri")
    load(date(2024, 7, 1), "Mouse", "20.00")
    annul_entry(db, entry_id=_entry_of(db, _ids(db, "Libro B")[0]), reason="Carico errato",
                entry_date=date(2025, 2, 10))
    load(date(2025, 2, 1), "LIM", "1450.00")
    pc1, pc2 = _ids(db, "PC portatile")
    lim = _ids(db, "LIM")[0]
    discharge_items(db, item_ids=[pc1], decree_number="3", decree_date=date(2025, 3, 15),
                    cause="furto", motivation="Furto con denuncia ai Carabinieri.")
    discharge_items(db, item_ids=[lim], decree_number="9", decree_date=date(2025, 4, 1),
                    cause="inservibilita", motivation="Guasto non riparabile, verbale tecnico.")
    load(date(2026, 1, 10), "Sedia ergonomica", "250.00")
    load(date(2026, 1, 11), "Sedia errata", "250.00")
    annul_entry(db, entry_id=_entry_of(db, _ids(db, "Sedia errata")[0]), reason="Doppio carico",
                entry_date=date(2026, 1, 12))
    discharge_items(db, item_ids=[pc2], decree_number="2", decree_date=date(2026, 2, 1),
                    cause="inservibilita", motivation="Scheda madre guasta, non riparabile.")


def _row(rows, code):
    r = next(r for r in rows if r.code == code)
    return (r.opening_count, r.opening_value, r.increase_count, r.increase_value,
            r.decrease_count, r.decrease_value, r.closing_count, r.closing_value)


def test_year_summary_by_hand(db, history):
    s = year_summary(db, 2025)
    # beni mobili 2025: at 1/1 two PCs (1.300,00); + LIM 1.450,00; - PC 1 and LIM (650 +
    # 1.450 = 2.100,00); at 31/12 PC 2 only: 1.300 + 1.450 - 2.100 = 650,00.
    assert _row(s.patrimonio, "inv-mobili") == (2, 130000, 1, 145000, 2, 210000, 1, 65000)
    # libri: book A only (book B annulled: never in the consistenza).
    assert _row(s.patrimonio, "inv-libri") == (1, 30000, 0, 0, 0, 0, 1, 30000)
    assert _row(s.terzi, "inv-terzi") == (2, 20000, 0, 0, 0, 0, 2, 20000)
    t = s.total
    assert (t.opening_count, t.opening_value, t.increase_value, t.decrease_value,
            t.closing_count, t.closing_value) == (3, 160000, 145000, 210000, 2, 95000)
    assert t.opening_value + t.increase_value - t.decrease_value == t.closing_value
    assert "inv-durevoli" not in {r.code for r in s.patrimonio + s.terzi}
    assert s.durable_count == 1
    # 2026: PC 2 leaves, the chair comes (the annulled one does not).
    s26 = year_summary(db, 2026)
    assert _row(s26.patrimonio, "inv-mobili") == (1, 65000, 1, 25000, 1, 65000, 1, 25000)


def test_summary_pdf_keeps_terzi_out_of_the_total(db, history, tmp_path):
    out = build_inventory_summary(db, tmp_path / "riepilogo.pdf", anno=2025)
    text_ = pdf_flat(out)      # a wide table: read it row by row
    assert "Riepilogo annuale degli inventari – esercizio 2025" in text_
    assert ("Inventario dei beni mobili 2 1.300,00 € 1 1.450,00 € 2 2.100,00 € 1 650,00 €"
            in text_)
    assert ("Totale del patrimonio 3 1.600,00 € 1 1.450,00 € 2 2.100,00 € 2 950,00 €"
            in text_)
    assert "Inventario dei beni di terzi 2 200,00 € 0 0,00 € 0 0,00 € 2 200,00 €" in text_
    assert "registro dei beni durevoli" in text_ and "pag. 1 di 1" in text_


def test_inventory_register_closes_with_its_consistenza(db, history, tmp_path):
    out = build_register(db, tmp_path / "registro.pdf", "inv-mobili")
    text_ = pdf_flat(out, layout=False)
    # Entries: 1-2 PCs, 3 LIM, 4 chair, 5 wrong chair annulled by 6 (the mouse is in the
    # registro dei beni durevoli).
    assert "Annulla n. 5: Doppio carico" in text_
    assert re.search(r"Annullata con n\. 6 del 12/01/2026", text_)
    # Valid carichi: 2 PCs + LIM + chair = 650 + 650 + 1.450 + 250 = 3.000,00 (4 beni);
    # discharged: both PCs and the LIM = 2.750,00 (3 beni); consistenza: the chair, 250,00.
    assert "Beni caricati (registrazioni valide) 4 beni – 3.000,00 €" in text_
    assert "di cui scaricati (decreto del Dirigente, art. 33) 3 beni – 2.750,00 €" in text_
    assert f"Consistenza al {date.today():%d/%m/%Y} 1 bene – 250,00 €" in text_
    assert "Totale degli importi delle registrazioni valide" not in text_
    # Other registers keep the generic closing.
    buoni = pdf_flat(build_register(db, tmp_path / "buoni.pdf", "inv-buoni-carico", 2024),
                     layout=False)
    assert "Totale degli importi delle registrazioni valide" in buoni
    assert "Consistenza al" not in buoni


def test_inventory_register_of_a_past_year_stands_as_at_31_december(db, history, tmp_path):
    out = build_register(db, tmp_path / "registro-2025.pdf", "inv-mobili", 2025)
    text_ = pdf_flat(out, layout=False)
    assert "situazione al 31/12/2025" in text_
    # Recorded up to 31/12/2025: n. 1-2 PCs (2024), n. 3 LIM (2025); the 2026 chairs and the
    # annulment of 12/01/2026 are not there yet.
    assert "Sedia" not in text_ and "Annulla n. 5" not in text_
    assert "Registrazioni dell'anno 2025 dal n. 3 al n. 3 (1)" in text_
    # The discharges of 2025 annotated, the one of 01/02/2026 not yet.
    assert "Scaricato con decreto n. 3 del 15/03/2025 (furto)" in text_
    assert "Scaricato con decreto n. 9 del 01/04/2025" in text_
    assert "decreto n. 2 del 01/02/2026" not in text_
    # Loaded 650 + 650 + 1.450 = 2.750,00 (3 beni); out PC 1 and LIM, 650 + 1.450 = 2.100,00;
    # at 31/12/2025 PC 2 only: 650,00 (the 1/1/2026 figure of the yearly summary).
    assert "Beni caricati (registrazioni valide) 3 beni – 2.750,00 €" in text_
    assert "di cui scaricati (decreto del Dirigente, art. 33) 2 beni – 2.100,00 €" in text_
    assert "Consistenza al 31/12/2025 1 bene – 650,00 €" in text_
    assert "contiene le registrazioni dal n. 1 al n. 3" in text_
