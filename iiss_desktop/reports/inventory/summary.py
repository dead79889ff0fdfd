"""Riepilogo annuale degli inventari for the conto del patrimonio (Modello K, domain.md §1.12)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ...domain.dates import format_date
from ...domain.money import format_cents
from ...queries.inventory.summary import SummaryRow, year_summary
from ...queries.school import get_heading, get_school_values
from ..base import body_width, build_pdf
from ..styles import get_styles
from ..tables import chunked_table, signature_block
from ..wording import dirigente_on, dsga_on

if TYPE_CHECKING:
    from ...db.engine import Database


def _cells(row: SummaryRow, bold: bool = False) -> list:
    st = get_styles()
    values = [str(row.opening_count), format_cents(row.opening_value),
              str(row.increase_count), format_cents(row.increase_value),
              str(row.decrease_count), format_cents(row.decrease_value),
              str(row.closing_count), format_cents(row.closing_value)]
    if not bold:
        return [row.title] + values
    return ([Paragraph(f"<b>{escape(row.title)}</b>", st.cell)]
            + [Paragraph(f"<b>{escape(v)}</b>", st.cell_right) for v in values])


def _table(rows: list, year: int) -> list:
    w = body_width(landscape=True)
    widths = [0] + [21 * mm, 28 * mm] * 4
    widths[0] = w - sum(widths)
    start, end = format_date(date(year, 1, 1)), format_date(date(year, 12, 31))
    header = ["Inventario", f"Beni al {start}", f"Valore al {start}", "Beni entrati",
              "Aumenti (carichi)", "Beni usciti", "Diminuzioni", f"Beni al {end}",
              f"Valore al {end}"]
    return chunked_table(header, rows, widths, money_columns=tuple(range(1, 9)),
                         landscape=True)


def build_inventory_summary(db: Database, out: Path, anno: int | None = None) -> Path:
    """Consistenza at 1 January, increases, decreases and consistenza at 31 December of every
    inventory; grand total of the patrimonio; beni di terzi apart."""
    year = anno or date.today().year
    summary = year_summary(db, year)
    st = get_styles()
    heading = get_heading(db)
    story: list = [Paragraph(
        f"Variazioni degli inventari nell'esercizio finanziario {year}: consistenza iniziale, "
        "aumenti per carichi, diminuzioni per discarichi (alla data del decreto del Dirigente "
        "Scolastico, art. 33) o per chiusura degli inventari rinnovati, consistenza finale. "
        "Verifica: consistenza al 1° gennaio + aumenti − diminuzioni = consistenza al 31 "
        "dicembre.", st.normal)]
    if year >= date.today().year:
        story.append(Paragraph(f"Esercizio in corso: i dati sono aggiornati al "
                               f"{format_date(date.today())}.", st.small))
    story.append(Paragraph("Beni del patrimonio dell'istituto (conto del patrimonio, Modello K)",
                           st.heading))
    story += _table([_cells(r) for r in summary.patrimonio] + [_cells(summary.total, True)],
                    year)
    ren = summary.total.renewed_count
    if ren:
        story.append(Paragraph(f"Delle diminuzioni, {ren} beni sono stati chiusi per rinnovo "
                               "degli inventari e riportati nelle nuove serie (aumenti).",
                               st.small))
    story.append(Paragraph("Beni di terzi (art. 31 c.4: non fanno parte del patrimonio)",
                           st.heading))
    story += _table([_cells(r) for r in summary.terzi], year)
    story += [Spacer(1, 3 * mm), Paragraph(
        f"Il registro dei beni durevoli (beni di valore non superiore a 200,00 €, "
        f"{summary.durable_count} al 31/12) è escluso: i suoi valori sono solo descrittivi e "
        "non concorrono al conto del patrimonio (Linee guida, Nota M.I. 4083/2021).", st.small)]
    place = get_school_values(db)[0].get("comune") or ""
    # Signed by the DSGA in office at the end of the year (today for the current one).
    closing = min(date(year, 12, 31), date.today())
    story += signature_block(["Il DSGA", "Il Dirigente Scolastico"], place=place,
                             names=[dsga_on(db, closing, heading.dsga),
                                    dirigente_on(db, closing, heading.dirigente)],
                             width=body_width(landscape=True))
    return build_pdf(out, heading=heading,
                     title=f"Riepilogo annuale degli inventari – esercizio {year}",
                     subtitle="Prospetto per il conto del patrimonio (Modello K)",
                     story=story, landscape=True,
                     footer_text=f"Riepilogo degli inventari {year}")
