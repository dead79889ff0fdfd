"""«Acquisti per fondo»: the purchases of the year grouped by earmarked fund, for the
ministry's monitoraggi (what was awarded, liquidated and what is missing), and the export of
the procedures for Amministrazione trasparente (L. 190/2012 art. 1 c.32) in CSV or XLSX."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.money import format_money
from ..queries.procurement_monitoring import (
    NO_FUND,
    TRANSPARENCY_HEADERS,
    monitoring,
    transparency_rows,
)
from ..queries.school import get_heading
from .base import body_width, build_pdf
from .styles import get_styles
from .table_export import write_table
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database

HEADERS = ["Determina", "CIG", "Oggetto", "Aggiudicatario", "Aggiudicato", "Liquidato",
           "Stato", "Manca"]


def build_purchases_per_fund(db: Database, out: Path, anno: int | None = None,
                             oggi: date | None = None) -> Path:
    st = get_styles()
    year = anno or date.today().year
    today = oggi or date.today()
    rows = monitoring(db, today, year)
    by_fund: dict[str, list] = defaultdict(list)
    for m in sorted(rows, key=lambda m: m.number):
        by_fund[m.fund].append(m)
    w = body_width(landscape=True)
    widths = [22 * mm, 24 * mm, 0, 0, 24 * mm, 24 * mm, 26 * mm, 0]
    free = w - sum(widths)
    widths[2], widths[3], widths[7] = free * 0.4, free * 0.3, free * 0.3
    story: list = []
    if not rows:
        story.append(Paragraph(f"Nessuna procedura d'acquisto nel {year}.", st.normal))
    funds = sorted(by_fund, key=lambda f: (f == NO_FUND, f))
    for fund in funds:
        items = by_fund[fund]
        awarded = sum((m.awarded or Decimal("0.00") for m in items), Decimal("0.00"))
        liquidated = sum((m.liquidated for m in items), Decimal("0.00"))
        story.append(Paragraph(fund, st.heading))
        story += chunked_table(HEADERS, [
            [f"n. {m.number}/{m.year} del {format_date(m.decided_on)}", m.cig or "—",
             m.object, m.supplier or "—",
             format_money(m.awarded) if m.awarded is not None else "—",
             format_money(m.liquidated), m.state_label, m.missing_text] for m in items],
            widths, money_columns=(4, 5), landscape=True, fixed_columns=(0, 1, 4, 5, 6))
        story += [Spacer(1, 2 * mm), Paragraph(
            f"Procedure: {len(items)} · aggiudicato {format_money(awarded)} (al netto "
            f"dell'IVA) · liquidato {format_money(liquidated)}", st.normal),
            Spacer(1, 4 * mm)]
    subtitle = (f"Esercizio {year} · per finanziamento vincolato, per il monitoraggio "
                f"ministeriale · situazione al {format_date(today)}")
    return build_pdf(out, heading=get_heading(db), title="Acquisti per fondo", story=story,
                     subtitle=subtitle, landscape=True,
                     footer_text=f"Acquisti per fondo {year}")


def export_transparency(db: Database, path: Path, year: int,
                        today: date | None = None) -> int:
    """The procedures of ``year`` with the data of art. 1 c.32 L. 190/2012, one per row."""
    proposer = get_heading(db).denominazione
    rows = transparency_rows(db, year, proposer, today)
    return write_table(Path(path), f"Bandi di gara e contratti {year}", TRANSPARENCY_HEADERS,
                       rows)
