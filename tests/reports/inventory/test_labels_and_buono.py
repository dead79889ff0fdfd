"""Inventory prints on the demo archive: labels and buono di carico."""
from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.reports.inventory.labels import build_labels
from iiss_desktop.reports.inventory.register import build_buono_carico
from tests.helpers.pdf import pdf_text


def test_label_sheets_carry_school_register_and_number(demo_db, tmp_path):
    rows, _ = list_items(demo_db)
    # The goods still held: the discharged ones get no new label.
    furniture = [r for r in rows if r[0] == "beni mobili" and r[9] != "scaricato"]
    gone = [r[1] for r in rows if r[0] == "beni mobili" and r[9] == "scaricato"]
    assert gone                                  # the demo discharged some furniture
    out = build_labels(demo_db, tmp_path / "etichette.pdf", registro="inv-mobili")
    pages = PdfReader(out).pages
    assert len(pages) == -(-len(furniture) // 24)          # 3 x 8 labels per A4 sheet
    text = pdf_text(out)
    assert "RMIC86400X-MOB-000001" in text and "N. 1" in text
    last = max(r[1] for r in furniture)
    assert f"RMIC86400X-MOB-{last:06d}" in text
    for number in gone:
        assert f"RMIC86400X-MOB-{number:06d}" not in text


def test_label_layout_and_offsets(demo_db, tmp_path):
    out = build_labels(demo_db, tmp_path / "e.pdf", registro="inv-libri", layout="2x7",
                       offset_x=1.5, offset_y=-0.5)
    assert "RMIC86400X-LIB-000001" in pdf_text(out)
    # The calibration as typed in the print dialog or after --calibrazione.
    assert "RMIC86400X-LIB-000001" in pdf_text(build_labels(
        demo_db, tmp_path / "c.pdf", registro="inv-libri", calibrazione="1,5/-0,5"))
    for wrong in ("1,5;2", "abc", "25/0", "1/2/3"):
        with pytest.raises(DomainError) as info:
            build_labels(demo_db, tmp_path / "x.pdf", registro="inv-libri", calibrazione=wrong)
        assert "Calibrazione delle etichette" in info.value.message
    with pytest.raises(DomainError):
        build_labels(demo_db, tmp_path / "x.pdf", layout="4x9")
    with pytest.raises(DomainError):
        build_labels(demo_db, tmp_path / "x.pdf", registro="inv-veicoli")   # none to print
    assert not (tmp_path / "x.pdf").exists()


def test_buono_di_carico_lists_the_goods_with_total(demo_db, tmp_path):
    year = date.today().year - 4          # the demo's carico of 30 tablets at 210,00 €
    out = build_buono_carico(demo_db, tmp_path / "buono.pdf", year, 1)
    text = " ".join(pdf_text(out).split())
    assert f"Buono di carico n. 1/{year}" in text
    assert "Beni presi in carico: 30 – valore complessivo 6.300,00 €" in text
    assert "Il DSGA consegnatario" in text and "pag. 2 di 2" in text   # 30 rows: two pages
    with pytest.raises(DomainError):
        build_buono_carico(demo_db, tmp_path / "no.pdf", year, 99)
