"""«Registro del fondo economale» (D.I. 129/2018 art. 21): the Consiglio's limits, the minute
spese of the year in number order (annulled ones in grey italic, not counted), then the
summary of the cash: advance − expenses + reintegri − closing."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.money import format_money
from ..queries.funds_cash import cash_fund, cash_fund_years
from ..queries.school import get_heading
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database


def build_cash_register(db: Database, out: Path, anno: int | None = None) -> Path:
    """``anno``: by default the latest year with a fondo economale (the demo's is 2021)."""
    years = cash_fund_years(db)
    year = anno or (years[-1] if years else date.today().year)
    view = cash_fund(db, year)
    st = get_styles()
    heading = get_heading(db)
    title = f"Registro del fondo economale {year}"
    if view is None:    # the CLI's default year is this one: say which years have a fund
        others = ", ".join(str(y) for y in years) or "nessuno"
        return build_pdf(out, heading=heading, title=title, story=[Paragraph(
            f"Il fondo economale {year} non è costituito. Esercizi con fondo economale: "
            f"{others} (--anno).", st.normal)], landscape=True, footer_text=title)
    w = body_width(True)
    widths = [12 * mm, 22 * mm, 0, 0, 30 * mm, 20 * mm, 26 * mm, 24 * mm]
    free = w - sum(widths)
    widths[2], widths[3] = free * 0.6, free * 0.4
    rows = [[str(r.number), format_date(r.spent_on), r.description, r.creditor_name,
             r.document_ref, f"{r.destination}/{r.spending_type}",
             "annullata" if r.annulled else ("reintegrata" if r.reimbursed else "da reintegrare"),
             format_money(r.amount)] for r in view.rows]
    strike = {i for i, r in enumerate(view.rows) if r.annulled}
    story: list = [Paragraph(
        f"Consistenza del fondo {format_money(view.size)}; limite per singola spesa "
        f"{format_money(view.max_expense)}, deliberati dal Consiglio d'istituto il "
        f"{format_date(view.decided_on)} ({view.decision_ref}).", st.normal), Spacer(1, 3 * mm)]
    if not view.rows:
        story.append(Paragraph("Nessuna spesa registrata.", st.normal))
    story += chunked_table(["N.", "Data", "Oggetto", "Fornitore", "Documento", "Imputaz.",
                            "Stato", "Importo"], rows, widths, money_columns=(7,),
                           strike_rows=strike, landscape=True)
    summary = [["Anticipo al DSGA", format_money(view.advance)],
               ["Spese registrate (escluse le annullate)", "− " + format_money(view.expenses)],
               ["Reintegri", "+ " + format_money(view.reimbursed)],
               ["Restituito alla chiusura" + (f" del {format_date(view.closed_on)}"
                                              if view.closed_on else ""),
                "− " + format_money(view.closing)],
               [Paragraph("Cassa residua", st.cell_bold),
                Paragraph(format_money(view.cash), st.cell_header_right)]]
    story.append(KeepTogether([Spacer(1, 5 * mm), Paragraph("Riepilogo della cassa",
                                                            st.heading),
                               *chunked_table(["Voce", "Importo"], summary,
                                              [110 * mm, 34 * mm], money_columns=(1,),
                                              landscape=True)]))
    return build_pdf(out, heading=heading, title=title, story=story,
                     subtitle="Minute spese – D.I. 129/2018 art. 21", landscape=True,
                     footer_text=title)
