"""Benchmark of the verbale di passaggio di consegne with its annex of goods (bench/run.py).

The application's verbale (snapshot at the date + verbale + annex, "pag. X di Y") against a
bare ReportLab canvas drawing the same goods as bench_pdf draws its register: same columns,
header row on every page, cell grid, long texts wrapped, school name and page number.
"""
from __future__ import annotations

import sqlite3
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def bench_handover(work: Path, fill_inventory, items: int) -> dict:
    from bench_user import act_as_bench

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.reports.base import register_fonts
    from iiss_desktop.reports.inventory.handover import build_verbale_passaggio
    from iiss_desktop.services.inventory.handover import HandoverInput, record_handover

    register_fonts()
    path = work / "handover.db"
    fill_inventory(path, items)
    db = open_database(path)
    act_as_bench(db)
    today = date.today()
    result = record_handover(db, HandoverInput(
        cessation_date=today - timedelta(days=20), handover_date=today,
        outgoing_dsga="Dott.ssa Paola Neri", incoming_dsga="Dott. Ștefan Dvořák",
        dirigente="Prof.ssa Maria Grazia Colonna", presidente_ci="Sig. Luigi Verdi"))
    # Best of three runs each, alternated: other work on the machine only ever adds time.
    app_s = canvas_s = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        out = build_verbale_passaggio(db, work / "passaggio.pdf", result.year, result.number)
        app_s = min(app_s, time.perf_counter() - t)
        t = time.perf_counter()
        goods, canvas_pages = _canvas_baseline(path, work / "handover-canvas.pdf")
        canvas_s = min(canvas_s, time.perf_counter() - t)
    db.dispose()
    from pypdf import PdfReader

    pages = len(PdfReader(out).pages)
    return {"goods": goods, "app_s": app_s, "app_pages": pages, "canvas_s": canvas_s,
            "canvas_pages": canvas_pages, "ratio": app_s / canvas_s, "target_ratio": 1.5}


def _canvas_baseline(path: Path, out: Path) -> tuple[int, int]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit

    from iiss_desktop.domain.dates import format_date
    from iiss_desktop.domain.money import format_money

    con = sqlite3.connect(path)
    data = con.execute(
        "SELECT i.number, e.entry_date, e.description, s.code || ' – ' || r.name, i.state, "
        "i.value FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
        "LEFT JOIN site s ON s.id = i.site_id LEFT JOIN room r ON r.id = i.room_id "
        "WHERE i.status != 'scaricato' AND i.register != 'inv-durevoli' "
        "ORDER BY i.register, i.number").fetchall()
    from canvas_baseline import CanvasPages

    pages = CanvasPages(out, A4, [15 * mm, 19 * mm, 0, 48 * mm, 17 * mm, 24 * mm],
                        ("N.", "Carico", "Descrizione", "Collocazione", "Stato", "Valore"))
    c, xs, widths, lead = pages.canvas, pages.xs, pages.widths, pages.LEAD
    bottom, new_page = pages.bottom, pages.new_page

    y = new_page()
    for number, day, text, place, state, cents in data:
        lines = simpleSplit(text, "DejaVuSans", 8, widths[2] - 6) or [""]
        where = simpleSplit(place or "", "DejaVuSans", 8, widths[3] - 6) or [""]
        h = max(len(lines), len(where)) * lead + 4
        if y - h < bottom:
            y = new_page()
        c.drawRightString(xs[1] - 3, y - 8, str(number))
        c.drawString(xs[1] + 3, y - 8, format_date(date.fromisoformat(day)))
        for k, line in enumerate(lines):
            c.drawString(xs[2] + 3, y - 8 - k * lead, line)
        for k, line in enumerate(where):
            c.drawString(xs[3] + 3, y - 8 - k * lead, line)
        c.drawString(xs[4] + 3, y - 8, state)
        c.drawRightString(xs[6] - 3, y - 8, format_money(Decimal(cents) / 100))
        c.grid(xs, [y, y - h])
        y -= h
    c.save()
    con.close()
    return len(data), pages.pages
