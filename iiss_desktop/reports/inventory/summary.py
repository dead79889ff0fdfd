"""Riepilogo annuale degli inventari for the conto del patrimonio (Modello K, domain.md §1.12).

Which value goes to the conto del patrimonio (issue 12 item 5; domain.md §1.6, §1.7, §1.12):
the **valore di inventario**, that is the valore di carico of art. 32 D.I. 129/2018 (prezzo di
fattura, di costo or di stima; IVA included in the institutional activity, Linee guida Nota
4083/2021), as the registers hold it. The **aggiornamento dei valori** by ammortamento is made
only at the **rinnovo degli inventari** with the **rivalutazione** (at least every ten years,
art. 31; Linee guida ch. 4, "sistemazioni contabili e aggiornamento dei valori"): the goods
pass to the new series at their value net of ammortamento, and that new valore di carico is
what the riepilogo then counts. Between two rinnovi the **valore attuale** net of ammortamento
(reports/inventory/valuation.py) is information, and the basis of the art. 34 valuation of
goods to cede; it changes neither the registers nor the conto del patrimonio. The registro dei
beni durevoli never enters it (Linee guida §2.2).

Which date takes a discharged good out of the **consistenza**: the date of the **provvedimento
di discarico** (the DS decree, art. 33 c.1: goods "sono eliminati dall'inventario" by the
dirigente's provvedimento), not the date of the **buono di scarico**, which carries it out.
queries/inventory/consistenza.py applies it for every print (register, passaggio, prospetto,
valori, riepilogo) and the ricognizione.
"""
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
from ..tables import chunked_table, keep_with_signatures, signature_block
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


# The rule above, as the riepilogo prints it.
VALUE_RULE = (
    "Valori: i beni sono al valore di inventario, cioè al valore di carico dell'art. 32 del "
    "D.I. 129/2018 (prezzo di fattura, di costo o di stima). L'ammortamento aggiorna i valori "
    "solo al rinnovo degli inventari, con la rivalutazione dei beni (art. 31; Linee guida, Nota "
    "M.I. 4083/2021): fra un rinnovo e l'altro il valore al netto dell'ammortamento è solo "
    "informativo e non entra nel conto del patrimonio.")
EXIT_RULE = (
    "Un bene discaricato esce dalla consistenza alla data del decreto di discarico del "
    "Dirigente Scolastico (art. 33 c.1), non alla data del buono di scarico.")


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
    place = get_school_values(db)[0].get("comune") or ""
    # Signed by the DSGA in office at the end of the year (today for the current one).
    closing = min(date(year, 12, 31), date.today())
    notes = [Spacer(1, 3 * mm), Paragraph(escape(VALUE_RULE), st.small),
             Paragraph(escape(EXIT_RULE), st.small), Paragraph(
        f"Il registro dei beni durevoli (beni di valore non superiore a 200,00 €, "
        f"{summary.durable_count} al {format_date(closing)}) è escluso: i suoi valori sono solo "
        "descrittivi e non concorrono al conto del patrimonio (Linee guida, Nota M.I. "
        "4083/2021).", st.small)]
    # The notes say what the figures are: they stay on the page of the signatures.
    story += keep_with_signatures(notes, signature_block(
        ["Il DSGA", "Il Dirigente Scolastico"], place=place,
        names=[dsga_on(db, closing, heading.dsga), dirigente_on(db, closing, heading.dirigente)],
        width=body_width(landscape=True)))
    return build_pdf(out, heading=heading,
                     title=f"Riepilogo annuale degli inventari – esercizio {year}",
                     subtitle="Prospetto per il conto del patrimonio (Modello K)",
                     story=story, landscape=True,
                     footer_text=f"Riepilogo degli inventari {year}")
