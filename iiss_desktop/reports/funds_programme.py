"""The budget documents of the Fondi area (D.I. 129/2018 Titolo I; modelli of nota MIUR
prot. 25674 del 20/12/2018):

- «mod-a»: the Programma Annuale (Mod. A): entrate by aggregato and voce, spese by
  destination, the avanzo, the balance with the disponibilità da programmare Z01, the iter
  (proposta della Giunta, parere dei revisori, delibera del Consiglio) and the signatures;
  the programmazione iniziale, or with ``definitiva`` the definitive one after the variations;
- «mod-b»: the schede illustrative finanziarie (Mod. B), one page group per destination: what
  finances it, the spese by tipo di spesa and, in the definitive view, the variations (Mod. G);
- «rendiconto-fondo»: per earmarked fund its law, imputation, categories and deadlines, what
  was committed, liquidated and paid by category, the restitution and the remainder.

Every figure comes from queries/funds_programme_view.py; the totals are summed here from the
rows printed, so what is printed adds up.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.funds.chart import UNCONFIRMED_NOTE
from ..domain.money import format_money
from ..queries.funds_lists import programme_years
from ..queries.funds_programme_view import (
    AccountGroup,
    Figure,
    FundReport,
    ModelA,
    Scheda,
    earmarked_reports,
    programme_model_a,
    programme_schede,
)
from ..queries.school import get_heading, get_school_values
from .base import RestartPageNumbers, body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from .wording import dirigente_on, dsga_on

if TYPE_CHECKING:
    from ..db.engine import Database

MODELS_NOTE = "modelli della nota MIUR prot. 25674 del 20/12/2018"
AMOUNT_W = 27 * mm
CODE_W = 17 * mm
_YES = {"sì", "si", "s", "1", "true", "vero", "definitiva", "yes", "y"}
_NO = {"no", "n", "0", "false", "falso", "iniziale", ""}


# --- shared pieces (also used by reports/funds_variations.py) --------------------------------

def money(value: Decimal) -> str:
    return format_money(value)


def signed(value: Decimal) -> str:
    """«+ 1.500,00 €», «− 600,00 €»: the amount of a variation."""
    if value > 0:
        return "+ " + format_money(value)
    if value < 0:
        return "− " + format_money(-value)
    return format_money(value)


def bold(value: str, *, right: bool = False) -> Paragraph:
    st = get_styles()
    return Paragraph(escape(value), st.cell_header_right if right else st.cell_bold)


def italic(value: str) -> Paragraph:
    return Paragraph(f"<i>{escape(value)}</i>", get_styles().cell)


def resolve_year(db: Database, anno: int | None) -> int:
    """``anno``, or the latest year with a Programma Annuale (the demo's is 2021)."""
    if anno:
        return int(anno)
    years = programme_years(db)
    return years[0][0] if years else date.today().year


def no_programme(db: Database, out: Path, year: int, title: str, *,
                 landscape: bool = False) -> Path:
    """The page printed for a year without a Programma Annuale: which years have one."""
    st = get_styles()
    others = ", ".join(str(y) for y, _state in sorted(programme_years(db))) or "nessuno"
    return build_pdf(out, heading=get_heading(db), title=title, story=[Paragraph(
        f"Il Programma Annuale {year} non è stato predisposto. Esercizi con Programma "
        f"Annuale: {others} (--anno).", st.normal)], landscape=landscape, footer_text=title)


def is_definitive(value) -> bool:
    """The «definitiva» option: True/False, or typed text («sì», «no», «definitiva»)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise DomainError(f"--definitiva: indicare «sì» (programmazione definitiva) oppure «no» "
                      f"(programmazione iniziale), trovato «{value}».")


def figure_cells(fig: Figure, definitive: bool, *, strong: bool = False) -> list:
    values = [fig.initial, fig.variations, fig.definitive] if definitive else [fig.initial]
    texts = [signed(v) if definitive and i == 1 else money(v) for i, v in enumerate(values)]
    return [bold(t, right=True) for t in texts] if strong else texts


def figure_header(definitive: bool) -> list[str]:
    return (["Previsione iniziale", "Variazioni", "Previsione definitiva"] if definitive
            else ["Previsione"])


def amount_columns(first: int, definitive: bool) -> tuple[int, ...]:
    return tuple(range(first, first + (3 if definitive else 1)))


def _name(name: str, confirmed: bool) -> str:
    return name if confirmed else f"{name} *"


def _in_year(year: int) -> date:
    """Today, or the last day of a past financial year (who was in office then signs)."""
    return min(date.today(), date(year, 12, 31))


def place_of(db: Database) -> str:
    return get_school_values(db)[0].get("comune") or ""


def officers(db: Database, day: date) -> list[str]:
    """The DSGA and the dirigente in office on ``day``, for the signatures."""
    heading = get_heading(db)
    return [dsga_on(db, day, heading.dsga), dirigente_on(db, day, heading.dirigente)]


# --- Mod. A -----------------------------------------------------------------------------------

def _group_rows(groups: Iterable[AccountGroup], definitive: bool) -> tuple[list[list], bool]:
    rows: list[list] = []
    unconfirmed = False
    for g in groups:
        rows.append([bold(g.code), bold(g.name), *figure_cells(g.figure, definitive,
                                                             strong=True)])
        for r in g.rows:
            unconfirmed |= not r.confirmed
            name = _name(r.name, r.confirmed)
            rows.append([r.code, italic(name) if r.level == 3 else name,
                         *figure_cells(r.figure, definitive)])
    return rows, unconfirmed


def _widths(definitive: bool, w: float) -> list[float]:
    widths = [CODE_W, 0] + [AMOUNT_W] * (3 if definitive else 1)
    widths[1] = w - sum(widths)
    return widths


def _iter_rows(a: ModelA) -> list[tuple[str, str]]:
    h = a.head
    return [
        ("Proposta della Giunta esecutiva",
         format_date(h.proposed_on) if h.proposed_on else "non registrata"),
        ("Parere dei revisori dei conti",
         format_date(h.opinion_on) if h.opinion_on else "non ancora espresso"),
        ("Delibera del Consiglio d'istituto",
         f"{format_date(h.approved_on)} – {h.approval_ref}" if h.approved_on
         else "non ancora deliberato (gestione provvisoria, art. 6)"),
        ("Stato del Programma Annuale", h.state_label),
    ]


def build_model_a(db: Database, out: Path, anno: int | None = None,
                  definitiva=None) -> Path:
    """Mod. A of ``anno`` (by default the latest Programma Annuale); ``definitiva``: the
    definitive forecasts after the variations, next to the initial ones."""
    definitive = is_definitive(definitiva)
    year = resolve_year(db, anno)
    kind = "programmazione definitiva" if definitive else "programmazione iniziale"
    title = f"Programma Annuale {year} – {kind}"
    a = programme_model_a(db, year)
    if a is None:
        return no_programme(db, out, year, title)
    st = get_styles()
    w = body_width()
    widths = _widths(definitive, w)
    cols = amount_columns(2, definitive)
    head = figure_header(definitive)
    story: list = [Paragraph(
        f"Programma Annuale dell'esercizio finanziario {year} (1° gennaio – 31 dicembre "
        f"{year}), predisposto dal Dirigente scolastico con il DSGA (D.I. 129/2018 artt. 4-5). "
        + ("Previsioni iniziali, variazioni disposte nell'esercizio (art. 10) e previsioni "
           "definitive." if definitive else "Previsioni iniziali."), st.normal)]

    story.append(Paragraph("Entrate", st.heading))
    rows, unconfirmed = _group_rows(a.revenue, definitive)
    rows.append(["", bold("Totale entrate"), *figure_cells(a.revenue_total, definitive,
                                                                  strong=True)])
    story += chunked_table(["Aggr./Voce", "Denominazione", *head], rows, widths,
                           money_columns=cols)

    story.append(Paragraph("Spese", st.heading))
    rows, more = _group_rows(a.spending, definitive)
    unconfirmed |= more
    rows.append(["", bold("Totale spese"), *figure_cells(a.spending_total, definitive,
                                                                strong=True)])
    rows.append(["Z01", "Disponibilità finanziaria da programmare",
                 *figure_cells(a.to_programme, definitive)])
    rows.append(["", bold("Totale a pareggio"),
                 *figure_cells(a.spending_total + a.to_programme, definitive, strong=True)])
    story += chunked_table(["Destinaz.", "Denominazione", *head], rows, widths,
                           money_columns=cols)
    if unconfirmed:
        story += [Spacer(1, 1 * mm), Paragraph(f"* {UNCONFIRMED_NOTE}.", st.small)]

    value = (lambda f: f.definitive) if definitive else (lambda f: f.initial)
    which = "definitive" if definitive else "iniziali"
    balance = [
        ("Avanzo di amministrazione presunto non vincolato (01/01)",
         money(value(a.surplus_free))),
        ("Avanzo di amministrazione presunto vincolato (01/02)", money(value(a.surplus_bound))),
        (f"Totale entrate (previsioni {which})", money(value(a.revenue_total))),
        (f"Totale spese (previsioni {which})", money(value(a.spending_total))),
        ("Z01 Disponibilità finanziaria da programmare", money(value(a.to_programme))),
    ]
    story.append(KeepTogether([
        Paragraph("Riepilogo ed equilibrio", st.heading),
        key_value_table(balance, width=w, label_ratio=0.7),
        Spacer(1, 2 * mm),
        Paragraph(f"Totale entrate {escape(money(value(a.revenue_total)))} = totale spese "
                  f"{escape(money(value(a.spending_total)))} + Z01 disponibilità da programmare "
                  f"{escape(money(value(a.to_programme)))}.", st.normal)]))
    story.append(KeepTogether([Paragraph("Iter di approvazione (art. 5)", st.heading),
                               key_value_table(_iter_rows(a), width=w)]))
    if a.head.notes:
        story += [Spacer(1, 2 * mm), Paragraph(f"Note: {escape(a.head.notes)}", st.normal)]
    day = (a.head.proposed_on or date.today()) if not definitive else _in_year(year)
    story += signature_block(["Il DSGA", "Il Dirigente scolastico"], place=place_of(db),
                             when=None if definitive else a.head.proposed_on,
                             names=officers(db, day), width=w)
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=f"Mod. A – D.I. 129/2018 artt. 4-6; {MODELS_NOTE}",
                     footer_text=f"Mod. A – Programma Annuale {year}")


# --- Mod. B -----------------------------------------------------------------------------------

def _scheda_story(db: Database, sc: Scheda, year: int, definitive: bool) -> list:
    st = get_styles()
    w = body_width()
    value = (lambda f: f.definitive) if definitive else (lambda f: f.initial)
    pairs = [("Destinazione", f"{sc.code} {sc.name}"), ("Gruppo", sc.group)]
    if sc.parent:
        pairs.append(("Sotto la destinazione", sc.parent))
    if sc.funds:
        pairs.append(("Finanziamenti vincolati imputati", "; ".join(sc.funds)))
    story: list = [Paragraph(f"Scheda illustrativa finanziaria – {escape(sc.code)} "
                             f"{escape(sc.name)}", st.title),
                   key_value_table(pairs, width=w)]

    story.append(Paragraph("Entrate (fonti di finanziamento)", st.heading))
    financing = [f for f in sc.financing if definitive or f.act == "Programma Annuale"]
    widths = [0, 50 * mm, AMOUNT_W]
    widths[0] = w - sum(widths)
    rows = [[f.source, f.act, signed(f.amount) if f.act != "Programma Annuale"
             else money(f.amount)] for f in financing]
    total_in = sum((f.amount for f in financing), Decimal("0.00"))
    rows.append([bold("Totale entrate"), "", bold(money(total_in), right=True)])
    story += chunked_table(["Fonte", "Atto", "Importo"], rows, widths, money_columns=(2,))
    if not definitive:
        story.append(Spacer(1, 1 * mm))
        story.append(Paragraph(
            "Le previsioni iniziali di entrata del Programma Annuale non sono ripartite per "
            "destinazione: la quota che finanzia la scheda è indicata nel suo complesso.",
            st.small))

    story.append(Paragraph("Spese per tipo di spesa (piano dei conti)", st.heading))
    widths = _widths(definitive, w)
    types = [t for t in sc.types if definitive or t.figure.initial]
    rows = [[t.code, t.name, *figure_cells(t.figure, definitive)] for t in types]
    rows.append(["", bold("Totale spese"),
                 *figure_cells(sc.figure, definitive, strong=True)])
    story += chunked_table(["Tipo", "Denominazione", *figure_header(definitive)], rows, widths,
                           money_columns=amount_columns(2, definitive), fixed_columns=(0,))

    if definitive:
        story.append(Paragraph("Variazioni alla scheda (Mod. G)", st.heading))
        if sc.variations:
            widths = [14 * mm, 20 * mm, 0, 0, 12 * mm, AMOUNT_W]
            free = w - sum(widths)
            widths[2], widths[3] = free * 0.45, free * 0.55
            rows = [[f"{v.number}/{v.year}", format_date(v.decided_on), v.kind_label,
                     v.act_ref, v.spending_type, signed(v.amount)] for v in sc.variations]
            rows.append(["", "", bold("Totale variazioni"), "", "",
                         bold(signed(sum((v.amount for v in sc.variations), Decimal("0.00"))),
                              right=True)])
            story += chunked_table(["N.", "Data", "Tipo di variazione", "Estremi dell'atto",
                                    "Tipo", "Importo"], rows, widths, money_columns=(5,),
                                   fixed_columns=(0, 1, 4))
        else:
            story.append(Paragraph("Nessuna variazione nell'esercizio.", st.normal))
    balance = Paragraph(f"Totale entrate {escape(money(total_in))} = totale spese "
                        f"{escape(money(value(sc.figure)))}.", st.normal)
    story += keep_with_signatures([Spacer(1, 2 * mm), balance], signature_block(
        ["Il DSGA", "Il Dirigente scolastico"], place=place_of(db), names=officers(
            db, _in_year(year) if definitive else date(year, 1, 1)), width=w))
    return story


def build_model_b(db: Database, out: Path, anno: int | None = None,
                  destinazione: str | None = None, definitiva=None) -> Path:
    """Mod. B of every destination of ``anno`` with a forecast (or of ``destinazione``), each
    on its own pages numbered on their own."""
    definitive = is_definitive(definitiva)
    year = resolve_year(db, anno)
    kind = "programmazione definitiva" if definitive else "programmazione iniziale"
    title = f"Schede illustrative finanziarie {year} – {kind}"
    view = programme_schede(db, year)
    if view is None:
        return no_programme(db, out, year, title)
    wanted = (destinazione or "").strip().upper()
    # the initial view: the destinations the Programma Annuale financed from the start
    schede = [sc for sc in view.schede if (not wanted or sc.code == wanted)
              and (definitive or sc.figure.initial)]
    st = get_styles()
    if not schede:
        codes = ", ".join(sc.code for sc in view.schede) or "nessuna"
        story = [Paragraph(f"La destinazione «{escape(wanted)}» non ha previsioni nel "
                           f"Programma Annuale {year}. Destinazioni con scheda: {codes} "
                           "(--destinazione).", st.normal)]
    else:
        story = []
        for i, sc in enumerate(schede):
            if i:
                story += [PageBreak(), RestartPageNumbers()]
            story += _scheda_story(db, sc, year, definitive)
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=f"Mod. B – D.I. 129/2018 art. 5; {MODELS_NOTE}",
                     footer_text=f"Mod. B – Programma Annuale {year}")


# --- rendiconto of an earmarked fund ----------------------------------------------------------

def deadline_sentence(f: FundReport, today: date) -> str:
    """Whether the deadline for use has passed, and what is left."""
    left = f.remaining
    if today > f.use_by:
        text = f"Il termine per l'utilizzo ({format_date(f.use_by)}) è scaduto"
        if left > 0:
            text += (f": restano {money(left)} non impegnati né restituiti, da restituire o "
                     "da rendicontare secondo le indicazioni del Ministero.")
        else:
            text += (": il finanziamento risulta interamente impegnato"
                     + (" o restituito." if f.restituted else "."))
    else:
        days = (f.use_by - today).days
        text = (f"Il termine per l'utilizzo ({format_date(f.use_by)}) non è ancora scaduto "
                f"({'scade oggi' if days == 0 else f'mancano {days} giorni'})")
        text += f": restano da impegnare {money(left)}." if left > 0 else \
            ": il finanziamento risulta interamente impegnato."
    if f.report_by is not None:
        state = "scaduto" if today > f.report_by else "non ancora scaduto"
        text += f" Termine per la rendicontazione: {format_date(f.report_by)} ({state})."
    return text


def _fund_story(db: Database, f: FundReport, today: date) -> list:
    st = get_styles()
    w = body_width()
    allowed = ", ".join(f"{c.code} {c.name}" for c in f.categories if c.allowed)
    pairs = [("Finanziamento", f.name), ("Base normativa", f.legal_basis)]
    if f.note:
        pairs.append(("Nota di assegnazione", f.note))
    pairs += [("Importo assegnato", money(f.amount)),
              ("Data di assegnazione", format_date(f.assigned_on)),
              ("Iscrizione nel Programma Annuale",
               f"Decreto di variazione {f.decree}" if f.decree else "—"),
              ("Imputazione in entrata", f.revenue),
              ("Imputazione in spesa", f.destination),
              ("Tipi di spesa ammessi", allowed or "—"),
              ("Termine per l'utilizzo", format_date(f.use_by)),
              ("Termine per la rendicontazione",
               format_date(f.report_by) if f.report_by else "non indicato")]
    story: list = [Paragraph(f"Rendiconto del finanziamento «{escape(f.name)}»", st.title),
                   key_value_table(pairs, width=w)]

    story.append(Paragraph("Utilizzo per tipo di spesa", st.heading))
    widths = [12 * mm, 0, 19 * mm, AMOUNT_W, AMOUNT_W, AMOUNT_W]
    widths[1] = w - sum(widths)
    rows = [[c.code, c.name, "sì" if c.allowed else "no", money(c.committed),
             money(c.liquidated), money(c.paid)] for c in f.categories]
    rows.append(["", bold("Totale"), "",
                 bold(money(sum((c.committed for c in f.categories), Decimal("0.00"))), right=True),
                 bold(money(sum((c.liquidated for c in f.categories), Decimal("0.00"))),
                      right=True),
                 bold(money(sum((c.paid for c in f.categories), Decimal("0.00"))), right=True)])
    story += chunked_table(["Tipo", "Denominazione", "Ammesso", "Impegnato", "Liquidato",
                            "Pagato"], rows, widths, money_columns=(3, 4, 5), fixed_columns=(0,))

    story.append(Paragraph("Impegni sul finanziamento", st.heading))
    if f.commitments:
        widths = [15 * mm, 19 * mm, 10 * mm, 0, 0, 22 * mm, 22 * mm, 22 * mm]
        free = w - sum(widths)
        widths[3], widths[4] = free * 0.4, free * 0.6
        rows = [[f"{c.number}/{c.year}", format_date(c.committed_on), c.spending_type,
                 c.creditor, c.description, money(c.amount), money(c.liquidated),
                 money(c.paid)] for c in f.commitments]
        story += chunked_table(["N.", "Data", "Tipo", "Creditore", "Oggetto", "Impegnato",
                                "Liquidato", "Pagato"], rows, widths, money_columns=(5, 6, 7),
                               fixed_columns=(0, 1, 2, 5, 6, 7))
    else:
        story.append(Paragraph("Nessun impegno sul finanziamento.", st.normal))

    story.append(Paragraph("Restituzione della parte non utilizzata", st.heading))
    if f.restitutions:
        widths = [22 * mm, 40 * mm, 0, AMOUNT_W]
        widths[2] = w - sum(widths)
        rows = [[format_date(r.restituted_on),
                 f"n. {r.order_number}/{r.order_year} del {format_date(r.order_issued_on)}"
                 if r.order_number is not None else "impegnata, mandato da emettere",
                 r.creditor or "", money(r.amount)] for r in f.restitutions]
        story += chunked_table(["Data", "Mandato di pagamento", "Beneficiario", "Importo"],
                               rows, widths, money_columns=(3,), fixed_columns=(0, 3))
    else:
        story.append(Paragraph("Nessuna restituzione registrata.", st.normal))

    summary = [("Importo assegnato", money(f.amount)),
               ("Impegnato", money(f.committed)),
               ("Liquidato", money(f.liquidated)),
               ("Pagato (mandati emessi)", money(f.paid)),
               ("Impegnato e non ancora pagato", money(f.committed - f.paid)),
               ("Restituito", money(f.restituted)),
               ("Non utilizzato (assegnato − impegnato − restituito)", money(f.remaining))]
    story.append(KeepTogether([Paragraph("Riepilogo", st.heading),
                               key_value_table(summary, width=w * 0.8, label_ratio=0.66)]))
    story += keep_with_signatures(
        [Spacer(1, 2 * mm), Paragraph(escape(deadline_sentence(f, today)), st.normal)],
        signature_block(["Il DSGA", "Il Dirigente scolastico"], place=place_of(db),
                        names=officers(db, today), width=w))
    return story


def build_fund_report(db: Database, out: Path, anno: int | None = None,
                      fondo: str | int | None = None) -> Path:
    """The rendiconto of every earmarked fund of ``anno`` (or of ``fondo``: its id or a part
    of its name), each on its own pages numbered on their own."""
    year = resolve_year(db, anno)
    title = f"Rendiconto dei finanziamenti vincolati {year}"
    if programme_model_a(db, year) is None:
        return no_programme(db, out, year, title)
    funds = earmarked_reports(db, year, fondo)
    st = get_styles()
    today = date.today()
    if not funds:
        every = earmarked_reports(db, year)
        names = "; ".join(f"{f.id} – {f.name}" for f in every) or "nessuno"
        what = f"«{escape(str(fondo))}» " if fondo not in (None, "") else ""
        story = [Paragraph(f"Nessun finanziamento vincolato {what}nel Programma Annuale "
                           f"{year}. Finanziamenti dell'esercizio: {escape(names)} (--fondo).",
                           st.normal)]
    else:
        story = []
        for i, f in enumerate(funds):
            if i:
                story += [PageBreak(), RestartPageNumbers()]
            story += _fund_story(db, f, today)
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle="Finanziamenti vincolati: utilizzo, restituzione e termini, per il "
                              "monitoraggio del Ministero",
                     footer_text=title)
