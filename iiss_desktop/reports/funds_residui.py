"""«Situazione amministrativa» (Mod. J of D.I. 129/2018) and «Elenco dei residui» (Mod. L): the
fondo di cassa from 1 January to 31 December with the riscossioni and the pagamenti in conto
competenza and in conto residui, the residui attivi and passivi, the avanzo or disavanzo di
amministrazione; the residui by origin year, attivi then passivi. Figures from
queries/funds_residui.py (the arithmetic is in its docstring)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.money import format_money
from ..queries.funds_residui import administrative_situation, residui
from ..queries.school import get_heading
from .base import body_width, build_pdf
from .funds_ledger import default_year, no_programme_pdf, signatures
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures

if TYPE_CHECKING:
    from ..db.engine import Database


def _bold(text: str, st, right: bool = False) -> Paragraph:
    return Paragraph(escape(text), st.cell_header_right if right else st.cell_bold)


def build_situation(db: Database, out: Path, anno: int | None = None) -> Path:
    year = default_year(db, anno)
    title = f"Situazione amministrativa al 31/12/{year} (Mod. J)"
    s = administrative_situation(db, year)
    if s is None:
        return no_programme_pdf(db, out, year, title, landscape=False)
    st = get_styles()
    m = format_money
    opening = f"Fondo di cassa al 01/01/{year}"
    cash = [[opening if s.opening_known else opening + " (non registrato)", "", "",
             m(s.opening)],
            ["Riscossioni", m(s.receipts_competence), m(s.receipts_residui), m(s.receipts)],
            ["Pagamenti", m(s.payments_competence), m(s.payments_residui), m(s.payments)],
            [_bold(f"Fondo di cassa al 31/12/{year}", st), "", "",
             _bold(m(s.closing), st, True)]]
    result = "Avanzo di amministrazione" if s.result >= 0 else "Disavanzo di amministrazione"
    residual = [["Residui attivi", m(s.active_older), m(s.active_year), m(s.active)],
                ["Residui passivi", m(s.passive_older), m(s.passive_year), m(s.passive)],
                [_bold(f"{result} al 31/12/{year}", st), "", "", _bold(m(s.result), st, True)]]
    w = body_width(False)
    widths = [w - 3 * 36 * mm, 36 * mm, 36 * mm, 36 * mm]
    story: list = [Paragraph("Fondo di cassa", st.heading)]
    story += chunked_table(["", "In conto competenza", "In conto residui", "Totale"], cash,
                           widths, money_columns=(1, 2, 3))
    story += [Spacer(1, 4 * mm), Paragraph("Residui e risultato di amministrazione",
                                           st.heading)]
    story += chunked_table(["", "Degli esercizi precedenti", f"Dell'esercizio {year}",
                            "Totale"], residual, widths, money_columns=(1, 2, 3))
    notes = [f"{result}: fondo di cassa al 31/12 {m(s.closing)} + residui attivi "
             f"{m(s.active)} − residui passivi {m(s.passive)} = {m(s.result)}."]
    if not s.opening_known:
        notes.append(f"Il fondo di cassa al 01/01/{year} non è registrato nell'archivio: il "
                     "conto parte da 0,00 €.")
    notes.append(f"Residui riportati al {year + 1} il {format_date(s.carried_on)}."
                 if s.carried_on else f"I residui del {year} non sono ancora stati riportati "
                                      f"al {year + 1}: le cifre sono quelle dei movimenti.")
    story += keep_with_signatures(
        [Spacer(1, 2 * mm), *(Paragraph(escape(n), st.small) for n in notes)],
        signatures(db, None, landscape=False))
    state = "" if s.state == "deliberato" else f" – Programma Annuale {s.state}"
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=f"D.I. 129/2018{state}", footer_text=title)


def build_residui(db: Database, out: Path, anno: int | None = None) -> Path:
    year = default_year(db, anno)
    title = f"Elenco dei residui al 31/12/{year}"
    r = residui(db, year)
    st = get_styles()
    w = body_width(True)
    fixed = [14 * mm, 18 * mm, 18 * mm, 28 * mm, 28 * mm, 24 * mm, 28 * mm]
    free = w - sum(fixed)
    widths = [fixed[0], fixed[1], fixed[2], free * 0.45, free * 0.55, *fixed[3:]]
    story: list = []
    for kind, lines, settled, label in (("A", r.attivi, "Riscosso", "Residui attivi"),
                                        ("P", r.passivi, "Pagato", "Residui passivi")):
        story.append(Paragraph(label, st.heading))
        if not lines:
            story.append(Paragraph("Nessun residuo.", st.normal))
            continue
        rows, origins = [], sorted({x.origin_year for x in lines})
        for origin in origins:
            group = [x for x in lines if x.origin_year == origin]
            for x in group:
                rows.append([str(x.origin_year), x.ref, x.account, x.counterpart,
                             x.description, format_money(x.start), format_money(x.settled),
                             format_money(x.radiated), format_money(x.remaining)])
            total = sum((x.remaining for x in group), Decimal("0.00"))
            rows.append([_bold(f"Totale {origin}", st), "", "", "", "", "", "", "",
                         _bold(format_money(total), st, True)])
        what = "Accert." if kind == "A" else "Impegno"
        story += chunked_table(
            ["Anno", f"{what} n.", "Voce" if kind == "A" else "Imputaz.",
             "Debitore" if kind == "A" else "Creditore", "Causale",
             "Accertato o riportato" if kind == "A" else "Impegnato o riportato", settled,
             "Radiato", "Residuo al 31/12"], rows,
            [*widths[:5], 26 * mm, 24 * mm, 22 * mm, 28 * mm][:9], money_columns=(5, 6, 7, 8),
            landscape=True)
        story.append(Paragraph(escape(f"Totale {label.lower()} al 31/12/{year}: "
                                      f"{format_money(r.total(kind))}"), st.normal))
        story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(escape(
        f"Residui riportati al {year + 1} il {format_date(r.carried_on)}." if r.carried_on
        else f"I residui del {year} non sono ancora stati riportati al {year + 1}: "
             "l'elenco è calcolato dai movimenti (accertato − riscosso, impegnato − "
             "pagato)."), st.small))
    story += signatures(db, None)
    return build_pdf(out, heading=get_heading(db), title=title, story=story, landscape=True,
                     subtitle="D.I. 129/2018 art. 12 – Mod. L", footer_text=title)
