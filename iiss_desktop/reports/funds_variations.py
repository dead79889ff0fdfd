"""The variations of the Programma Annuale (D.I. 129/2018 art. 10):

- «decreto-variazione»: one variation as its act: the dirigente's decree (earmarked revenue,
  storno, prelievo dal fondo di riserva; to be brought to the Consiglio's knowledge, art. 10
  c.5) or the record of the Consiglio's deliberation; its premises (the regulation, the
  Programma Annuale, the earmarked fund and its law), the lines, the forecasts before and
  after it, who recorded it and the signatures;
- «variazioni»: every variation of a year with its totals, then the forecasts they changed
  per voce di entrata and per destination (Mod. F) and per destination and tipo di spesa
  (Mod. G).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.money import format_money
from ..queries.funds_lists import list_variations
from ..queries.funds_programme_view import (
    Decree,
    VariedAccount,
    variation_decree,
    variations_summary,
)
from ..queries.school import get_heading
from .base import body_width, build_pdf
from .funds_programme import (
    AMOUNT_W,
    CODE_W,
    bold,
    figure_cells,
    figure_header,
    money,
    no_programme,
    officers,
    place_of,
    resolve_year,
    signed,
)
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from .wording import dirigente_on

if TYPE_CHECKING:
    from ..db.engine import Database

REGULATION = ("D.I. 28 agosto 2018, n. 129, «Regolamento recante istruzioni generali sulla "
              "gestione amministrativo-contabile delle istituzioni scolastiche»")
ZERO = Decimal("0.00")


def _title(d: Decree) -> str:
    if d.by_decree:
        return f"Decreto di variazione al Programma Annuale n. {d.number}/{d.year}"
    return f"Variazione al Programma Annuale n. {d.number}/{d.year}"


def _premises(d: Decree) -> list[str]:
    """The «visto» and «considerato» of the act, in order."""
    h = d.head
    approved = (f", deliberato dal Consiglio d'istituto il {format_date(h.approved_on)}"
                + (f" ({h.approval_ref})" if h.approval_ref else "")) if h.approved_on else ""
    out = [f"<b>VISTO</b> il {escape(REGULATION)}, in particolare l'art. 10 (verifiche, "
           "modifiche e assestamento al Programma Annuale);",
           f"<b>VISTO</b> il Programma Annuale dell'esercizio finanziario {d.year}"
           f"{escape(approved)};"]
    if d.fund is not None:
        f = d.fund
        out.append(f"<b>VISTA</b> l'assegnazione del {format_date(f.assigned_on)} del "
                   f"finanziamento «{escape(f.name)}», di {escape(money(f.amount))}, ai sensi "
                   f"di: {escape(f.legal_basis)}"
                   + (f" ({escape(f.note)})" if f.note else "")
                   + f", da utilizzare entro il {format_date(f.use_by)};")
    if d.kind == "decreto":
        out.append("<b>CONSIDERATO</b> che le variazioni conseguenti a entrate finalizzate "
                   "sono disposte con decreto del Dirigente scolastico, da trasmettere per "
                   "conoscenza al Consiglio d'istituto (art. 10 c.5);")
    elif d.kind == "storno":
        out.append("<b>CONSIDERATO</b> che gli storni sono disposti con decreto del Dirigente "
                   "scolastico, da trasmettere per conoscenza al Consiglio d'istituto "
                   "(art. 10 c.5);")
    elif d.kind == "prelievo":
        out.append("<b>CONSIDERATO</b> che il fondo di riserva (R98) è utilizzato per "
                   "stanziamenti rivelatisi insufficienti o per spese impreviste;")
    if d.reason:
        out.append(f"<b>MOTIVAZIONE</b>: {escape(d.reason)}"
                   + ("" if d.reason.endswith(".") else "."))
    return out


def _lines_table(d: Decree, w: float) -> list:
    widths = [16 * mm, CODE_W, 0, 0, AMOUNT_W]
    free = w - sum(widths)
    widths[2], widths[3] = free * 0.55, free * 0.45
    rows = [["Entrata" if x.side == "E" else "Spesa", x.code, x.name,
             f"{x.spending_type} {x.spending_type_name}" if x.side == "U" else "",
             signed(x.amount)] for x in d.lines]
    rows.append(["", "", bold("Totale entrate"), "",
                 bold(signed(d.revenue), right=True)])
    rows.append(["", "", bold("Totale spese"), "",
                 bold(signed(d.spending), right=True)])
    return chunked_table(["Parte", "Codice", "Voce di entrata o destinazione", "Tipo di spesa",
                          "Importo"], rows, widths, money_columns=(4,), fixed_columns=(1,))


def _resulting_table(d: Decree, w: float) -> list:
    widths = [16 * mm, 20 * mm, 0, AMOUNT_W, AMOUNT_W, AMOUNT_W]
    widths[2] = w - sum(widths)
    rows = [["Entrata" if r.side == "E" else "Spesa", r.code, r.name, money(r.before),
             signed(r.change), money(r.after)] for r in d.resulting]
    return chunked_table(["Parte", "Codice", "Denominazione", "Prima della variazione",
                          "Variazione", "Previsione risultante"], rows, widths,
                         money_columns=(3, 4, 5), fixed_columns=(1,))


def build_variation_decree(db: Database, out: Path, anno: int | None = None,
                           numero: int | None = None, id: int | None = None) -> Path:  # noqa: A002
    """Variation ``id``, or number ``numero`` of ``anno``; without a number the latest of
    ``anno``."""
    year = resolve_year(db, anno) if id is None else None
    d = variation_decree(db, id, year=year, number=numero)
    st = get_styles()
    heading = get_heading(db)
    w = body_width()
    if d is None:
        title = "Decreto di variazione al Programma Annuale"
        recorded = list_variations(db)
        listed = "; ".join(f"--anno {v.year} --numero {v.number} ({format_date(v.decided_on)})"
                           for v in recorded[:10]) or "nessuna"
        what = (f"con identificativo {id}" if id is not None else
                f"n. {numero}/{year}" if numero is not None else f"nell'esercizio {year}")
        return build_pdf(out, heading=heading, title=title, story=[Paragraph(
            f"Nessuna variazione al Programma Annuale {what}. Variazioni registrate: "
            f"{listed}.", st.normal)], footer_text=title)
    title = _title(d)
    centre = ParagraphStyle("centre", parent=st.heading, alignment=TA_CENTER)
    story: list = []
    if d.by_decree:
        story.append(Paragraph("IL DIRIGENTE SCOLASTICO", centre))
        story += [Paragraph(p, st.normal) for p in _premises(d)]
        story.append(Paragraph("DECRETA", centre))
        story.append(Paragraph(f"le seguenti variazioni al Programma Annuale {d.year}:",
                               st.normal))
    else:
        story += [Paragraph(p, st.normal) for p in _premises(d)]
        story.append(Paragraph(
            f"Il Consiglio d'istituto ha deliberato il {format_date(d.decided_on)} le seguenti "
            f"variazioni al Programma Annuale {d.year} (art. 10 c.1)"
            + (f" – {escape(d.act_ref)}" if d.act_ref else "") + ":", st.normal))
    story += _lines_table(d, w)
    story.append(Paragraph("Previsioni risultanti", st.heading))
    story += _resulting_table(d, w)
    who = [("Data della variazione", format_date(d.decided_on)),
           ("Tipo", d.kind_label),
           ("Disposta da", "il Dirigente scolastico con decreto" if d.by_decree
            else "il Consiglio d'istituto con delibera")]
    if d.act_ref:
        who.append(("Estremi dell'atto", d.act_ref))
    if d.recorded_by:
        who.append(("Registrata da", d.recorded_by))
    story.append(Spacer(1, 3 * mm))
    story.append(key_value_table(who, width=w * 0.8))
    closing = []
    if d.by_decree:
        closing.append(Paragraph(
            "Il presente decreto è da portare a conoscenza del Consiglio d'istituto "
            "(D.I. 129/2018 art. 10 c.5).", st.normal))
        signatures = signature_block(["Il Dirigente scolastico"], place=place_of(db),
                                     when=d.decided_on,
                                     names=[dirigente_on(db, d.decided_on, heading.dirigente)],
                                     width=w * 0.5)
    else:
        signatures = signature_block(["Il DSGA", "Il Dirigente scolastico"],
                                     place=place_of(db), when=d.decided_on,
                                     names=officers(db, d.decided_on), width=w)
    story += keep_with_signatures([Spacer(1, 2 * mm), *closing], signatures)
    return build_pdf(out, protocol=d.by_decree, heading=heading, title=title, story=story,
                     subtitle=f"{d.kind_label} del {format_date(d.decided_on)} – D.I. "
                              "129/2018 art. 10 (Mod. F)", footer_text=title)


def _accounts_table(accounts: tuple[VariedAccount, ...], code_label: str, w: float,
                    code_w: float) -> list:
    widths = [code_w, 0, AMOUNT_W, AMOUNT_W, AMOUNT_W, 30 * mm]
    widths[1] = w - sum(widths)
    rows = [[a.code, a.name, *figure_cells(a.figure, True),
             ", ".join(str(n) for n in a.numbers)] for a in accounts]
    total = sum((a.figure.variations for a in accounts), ZERO)
    rows.append(["", bold("Totale delle variazioni"), "",
                 bold(signed(total), right=True), "", ""])
    return chunked_table([code_label, "Denominazione", *figure_header(True), "Variazioni n."],
                         rows, widths, money_columns=(2, 3, 4), fixed_columns=(0,),
                         landscape=True)


def build_variations(db: Database, out: Path, anno: int | None = None) -> Path:
    """Every variation of ``anno`` (by default the latest Programma Annuale) and the
    forecasts they changed."""
    year = resolve_year(db, anno)
    title = f"Variazioni al Programma Annuale {year}"
    view = variations_summary(db, year)
    if view is None:
        return no_programme(db, out, year, title, landscape=True)
    st = get_styles()
    w = body_width(True)
    story: list = [Paragraph(
        f"Le variazioni al Programma Annuale {year} (D.I. 129/2018 art. 10): deliberate dal "
        "Consiglio d'istituto o disposte con decreto del Dirigente scolastico (entrate "
        "finalizzate, storni, prelievi dal fondo di riserva).", st.normal)]
    if not view.variations:
        story.append(Paragraph("Nessuna variazione nell'esercizio.", st.normal))
    else:
        widths = [12 * mm, 20 * mm, 48 * mm, 0, 0, AMOUNT_W, AMOUNT_W]
        free = w - sum(widths)
        widths[3], widths[4] = free * 0.45, free * 0.55
        rows = [[str(v.number), format_date(v.decided_on), v.kind_label, v.act_ref, v.reason,
                 signed(v.revenue), signed(v.spending)] for v in view.variations]
        rows.append(["", "", bold(f"Totale ({len(view.variations)} variazioni)"),
                     "", "", bold(signed(view.revenue), right=True),
                     bold(signed(view.spending), right=True)])
        story += chunked_table(["N.", "Data", "Tipo", "Estremi dell'atto", "Motivo",
                                "Entrate", "Spese"], rows, widths, money_columns=(5, 6),
                               fixed_columns=(0, 1), landscape=True)
        story.append(Paragraph("Modifica del Programma Annuale per voce di entrata (Mod. F)",
                               st.heading))
        story += _accounts_table(view.by_revenue, "Voce", w, CODE_W)
        story.append(Paragraph("Modifica del Programma Annuale per destinazione (Mod. F)",
                               st.heading))
        story += _accounts_table(view.by_destination, "Destinaz.", w, CODE_W)
        story.append(Paragraph("Modifica delle schede illustrative per destinazione e tipo di "
                               "spesa (Mod. G)", st.heading))
        story += _accounts_table(view.by_destination_type, "Dest./tipo", w, 22 * mm)
    balance = Paragraph(
        f"Totale delle variazioni in entrata {escape(signed(view.revenue))}; in spesa "
        f"{escape(signed(view.spending))}"
        + (": il Programma Annuale resta in equilibrio." if view.revenue == view.spending
           else f"; differenza {escape(format_money(view.revenue - view.spending))} nella "
                "disponibilità da programmare (Z01)."), st.normal)
    story.append(KeepTogether([Spacer(1, 3 * mm), balance]))
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle="Mod. F / Mod. G – D.I. 129/2018 art. 10", landscape=True,
                     footer_text=title)
