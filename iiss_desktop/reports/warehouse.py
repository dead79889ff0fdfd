"""Magazzino prints: giornale, scheda per article, buoni di versamento and di prelevamento
(with the two signature lines), stock and value at a date, consumption with a bar chart, DPI
summary. Fed by queries.warehouse; quantities formatted with the article's unit."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain import warehouse as rules
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.money import format_cents
from ..queries import warehouse as q
from ..queries.school import get_heading, get_school_values
from .base import FONT, body_width, build_pdf, protocol_of
from .styles import get_styles
from .tables import chunked_table, key_value_table, signature_block

if TYPE_CHECKING:
    from ..db.engine import Database


qty = rules.format_quantity


def _period(anno: int | None, dal: date | None, al: date | None) -> tuple[date, date]:
    """``dal``/``al`` when given (a school year crosses two calendar years), else the year
    ``anno`` up to 31 December or today."""
    year = anno or date.today().year
    start = dal or date(year, 1, 1)
    end = al or min(date(year, 12, 31), max(date.today(), date(year, 1, 1)))
    if dal and not al and end < start:
        end = min(date(start.year, 12, 31), max(date.today(), start))
    if end < start:
        raise DomainError(f"Periodo non valido: la fine ({format_date(end)}) precede l'inizio "
                          f"({format_date(start)}).")
    return start, end


def _period_text(start: date, end: date) -> str:
    return f"dal {format_date(start)} al {format_date(end)}"


def _widths(total: float, fixed: list[float | None]) -> list[float]:
    free = total - sum(w for w in fixed if w)
    return [w if w else free for w in fixed]


# --- giornale ------------------------------------------------------------------------------

def build_giornale(db: Database, out: Path, anno: int | None = None, dal: date | None = None,
                   al: date | None = None) -> Path:
    """Giornale di magazzino: every movement of the period in numbering order, one row per
    article moved; storni and annulled movements in grey italics."""
    start, end = _period(anno, dal, al)
    entries = q.giornale(db, start, end)
    rows, strike = [], set()
    for e in entries:
        for k, ln in enumerate(e.lines or [None]):
            if e.annulled or e.kind == "storno":
                strike.add(len(rows))
            first = k == 0
            rows.append([
                f"{e.number}/{e.year}" if first else "", format_date(e.day) if first else "",
                rules.KINDS.get(e.kind, e.kind) if first else "",
                _journal_text(e) if first else "",
                f"{ln.code} – {ln.description}" + (f" (lotto {ln.lot})" if ln.lot else "")
                if ln else "", ln.storeroom if ln else "",
                qty(ln.quantity, ln.unit) if ln and ln.quantity > 0 else "",
                qty(-ln.quantity, ln.unit) if ln and ln.quantity < 0 else "",
                format_cents(ln.value) if ln else ""])
    w = body_width(landscape=True)
    widths = _widths(w, [18 * mm, 19 * mm, 24 * mm, 70 * mm, None, 20 * mm, 20 * mm, 20 * mm,
                         24 * mm])
    story = chunked_table(["N.", "Data", "Movimento", "Descrizione", "Articolo", "Magazzino",
                           "Carico", "Scarico", "Valore"], rows, widths,
                          money_columns=(6, 7, 8), strike_rows=strike, landscape=True,
                          fixed_columns=(0, 1, 6, 7, 8))
    story += [Spacer(1, 3 * mm)] + _journal_totals(entries)
    return build_pdf(out, heading=get_heading(db), title="Giornale di magazzino", story=story,
                     subtitle=_period_text(start, end), landscape=True,
                     footer_text=f"Giornale di magazzino {_period_text(start, end)}")


def _journal_text(e: q.JournalEntry) -> str:
    """The entry's description, with the annulment and the storno's reason where they apply."""
    text = e.description
    if e.kind in ("storno", "rettifica") and e.reason and e.reason not in text:
        text += f" – motivo: {e.reason}"
    if e.annulled_by:
        text += f" [annullata con la registrazione n. {e.annulled_by}]"
    return text


def _journal_totals(entries: list[q.JournalEntry]) -> list:
    """The period's totals by kind of movement, annulled movements and storni left out (they
    cancel each other): what a DSGA checks against the invoices and the buoni."""
    st = get_styles()
    in_force = [e for e in entries if not e.annulled and e.kind != "storno"]
    rows = []
    for kind in ("carico", "scarico", "dpi", "trasferimento", "rettifica"):
        mine = [e for e in in_force if e.kind == kind]
        if not mine:
            continue
        if kind == "trasferimento":
            value = sum(-ln.value for e in mine for ln in e.lines if ln.quantity < 0)
        elif kind == "rettifica":
            value = sum(ln.value for e in mine for ln in e.lines)
        else:
            value = abs(sum(ln.value for e in mine for ln in e.lines))
        rows.append([rules.KINDS[kind], str(len(mine)), format_cents(value)])
    annulled = sum(1 for e in entries if e.annulled or e.kind == "storno")
    if annulled:
        rows.append(["Movimenti annullati e relativi storni", str(annulled), ""])
    if not rows:
        return [Paragraph("Nessun movimento nel periodo.", st.normal)]
    return [Paragraph("<b>Riepilogo del periodo</b>", st.normal), Spacer(1, 1 * mm)] + \
        chunked_table(["Movimento", "Registrazioni", "Valore"], rows,
                      [70 * mm, 30 * mm, 32 * mm], money_columns=(1, 2), fixed_columns=(1, 2))


# --- scheda ----------------------------------------------------------------------------------

def _lots_story(lots: list, unit: str, end: date, st) -> list:
    """The lots in stock at the end of the period, with expiry and quantity (an expired lot
    is said so: it is not distributed)."""
    if not lots:
        return []
    rows = [[Paragraph(escape(x.lot), st.cell),
             format_date(x.expiry) if x.expiry else "—", x.storeroom, qty(x.quantity, unit),
             "scaduto" if x.expiry and x.expiry < end else ""] for x in lots]
    widths = _widths(body_width(landscape=True) * 0.75, [40 * mm, 24 * mm, None, 28 * mm,
                                                        22 * mm])
    return [Spacer(1, 3 * mm),
            Paragraph(f"<b>Lotti in giacenza al {format_date(end)}</b>", st.normal),
            *chunked_table(["Lotto", "Scadenza", "Magazzino", "Quantità", ""], rows, widths,
                           money_columns=(3,), fixed_columns=(1, 3), landscape=True)]


def _scheda_story(s: q.Scheda, lots: list | None = None, end: date | None = None) -> list:
    st = get_styles()
    a = s.article
    story = [key_value_table([
        ("Articolo", f"{a.code} – {a.description}"),
        ("Unità di misura", rules.unit_of(a.unit).plural),
        ("Categoria", a.category or "—"),
        ("Scorta minima", qty(a.min_stock, a.unit) if a.min_stock else "—"),
        ("Magazzino", s.storeroom),
    ], width=body_width(landscape=True) * 0.6), Spacer(1, 3 * mm)]
    rows = [["", "", "", "Giacenza iniziale", "", "", "", "", qty(s.opening[0], a.unit),
             format_cents(s.opening[1])]]
    strike = set()
    for r in s.rows:
        if r.annulled or r.kind == "storno":
            strike.add(len(rows))
        rows.append([format_date(r.day), f"{r.number}/{r.year}", rules.KINDS.get(r.kind, r.kind),
                     r.description, r.storeroom, qty(r.quantity_in, a.unit) if r.quantity_in
                     else "", qty(r.quantity_out, a.unit) if r.quantity_out else "",
                     format_cents(r.value), qty(r.balance, a.unit), format_cents(r.balance_value)])
    rows.append(["", "", "", "Giacenza finale", "", "", "", "", qty(s.closing[0], a.unit),
                 format_cents(s.closing[1])])
    widths = _widths(body_width(landscape=True), [19 * mm, 18 * mm, 30 * mm, None, 21 * mm,
                                                  20 * mm, 20 * mm, 22 * mm, 22 * mm, 24 * mm])
    story += chunked_table(["Data", "N.", "Movimento", "Descrizione", "Mag.", "Carico",
                            "Scarico", "Valore", "Giacenza", "Val. giac."], rows, widths,
                           money_columns=(5, 6, 7, 8, 9), strike_rows=strike, landscape=True,
                           fixed_columns=(0, 1, 5, 6, 7, 8, 9))
    story.append(Paragraph(
        f"Costo medio ponderato a fine periodo: "
        f"{escape(str(rules.average_cost(*s.closing)).replace('.', ','))} € per "
        f"{escape(rules.unit_of(a.unit).singular)}", st.small))
    if lots and end is not None:
        story += _lots_story(lots, a.unit, end, st)
    return story


def build_scheda(db: Database, out: Path, articolo: str | None = None, anno: int | None = None,
                 dal: date | None = None, al: date | None = None,
                 magazzino: str | None = None) -> Path:
    """Scheda di magazzino of one article (``articolo``: its code), or of every article
    that moved in the period when no code is given."""
    start, end = _period(anno, dal, al)
    store_id = _storeroom_id(db, magazzino) if magazzino else None
    if articolo:
        art = q.article_by_code(db, articolo)
        if art is None:
            raise DomainError(f"Articolo «{articolo}» sconosciuto.")
        articles = [art]
    else:
        moved = {ln.code for e in q.giornale(db, start, end) for ln in e.lines}
        articles = [a for a in q.list_article_rows(db) if a.code in moved]
    from reportlab.platypus import PageBreak

    story = []
    for i, art in enumerate(articles):
        if i:
            story.append(PageBreak())
        lots = q.article_lots_at(db, art.id, end, store_id)
        story += _scheda_story(q.scheda(db, art.id, start, end, store_id), lots, end)
    title = ("Scheda di magazzino" if len(articles) == 1 else "Schede di magazzino")
    sub = (f"{articles[0].code} – {articles[0].description} – " if len(articles) == 1 else "") \
        + _period_text(start, end)
    return build_pdf(out, heading=get_heading(db), title=title, story=story, subtitle=sub,
                     landscape=True, footer_text=f"{title} {_period_text(start, end)}")


def _storeroom_id(db: Database, key: str | int) -> int:
    for r in q.list_storerooms(db):
        if str(key).upper() in (r.code, str(r.id)):
            return r.id
    raise DomainError(f"Magazzino «{key}» sconosciuto.")


# --- buoni -------------------------------------------------------------------------------------

_TITLES = {"carico": "Buono di versamento (carico)", "scarico": "Buono di prelevamento",
           "dpi": "Ricevuta di consegna DPI", "trasferimento": "Buono di movimento interno",
           "rettifica": "Verbale di rettifica inventariale", "storno": "Storno di movimento"}


_SIGNATURES = {
    "trasferimento": ["Chi consegna (magazzino di partenza)",
                      "Chi riceve (magazzino di destinazione)"],
    "rettifica": ["Chi ha eseguito il conteggio", "Il consegnatario (DSGA)"],
    "storno": ["Chi ha registrato lo storno", "Il consegnatario (DSGA)"],
}


def _signed(milli: int, unit: str) -> str:
    return ("+" if milli > 0 else "-" if milli < 0 else "") + qty(abs(milli), unit)


def _buono(db: Database, out: Path, anno: int, numero: int, kinds: tuple[str, ...],
           report: str) -> Path:
    m = q.movement_by_number(db, anno, numero)
    if m is None or m.kind not in kinds:
        raise DomainError(f"Nessun {_TITLES[kinds[0]].split(' (')[0].lower()} n. "
                          f"{numero}/{anno} nel giornale di magazzino.")
    st = get_styles()
    heading = get_heading(db)
    info = [("Registrazione nel giornale", f"n. {m.number}/{m.year} del {format_date(m.day)}"),
            ("Magazzino", f"{m.storeroom} – plesso {m.storeroom_site}")]
    if m.kind == "carico":
        doc = rules.DOCUMENT_KINDS.get(m.document_kind, m.document_kind)
        info += [("Fornitore / provenienza", m.supplier or "—"),
                 ("Documento", f"{doc} {m.document_ref}".strip() +
                  (f" del {format_date(m.document_date)}" if m.document_date else "")),
                 ("Fonte di finanziamento", m.funding or "—")]
        if m.order_ref:
            info.append(("Ordine", m.order_ref))
        if m.impegno:
            info.append(("Impegno di spesa", m.impegno))
        labels = ["Chi consegna (per il fornitore)", "Chi riceve (il consegnatario)"]
    else:
        if m.request:
            info.append(("Richiesta di materiale", f"n. {m.request}"))
        if m.to_storeroom:
            info.append(("Destinazione", m.to_storeroom))
        elif m.destination:
            info.append(("Destinazione", f"{rules.RECIPIENT_KINDS.get(m.destination_kind, '')}"
                                         f" – {m.destination}".strip(" –")))
        if m.recipient:
            info.append(("Consegnato a", m.recipient))
        labels = _SIGNATURES.get(m.kind, ["Chi consegna (il consegnatario)", "Chi riceve"])
    if m.reason:
        info.append(("Note / motivo", m.reason))
    if m.annulled:
        info.append(("Annullato", "Movimento annullato con storno nel giornale"))
    story = [key_value_table(info, width=body_width() * 0.8), Spacer(1, 4 * mm)]
    show_value = m.kind in ("carico", "rettifica", "trasferimento", "storno")
    unit_price = m.kind == "carico"     # a carico is checked against the invoice line by line
    signed = m.kind in ("rettifica", "storno")   # both directions: the sign says which
    shown = [ln for ln in m.lines if m.kind != "trasferimento" or ln.quantity < 0]
    # A long article code wraps inside its column (never over the description).
    rows = [[Paragraph(escape(ln.code), st.cell),
             ln.description + (f" – lotto {ln.lot}" if ln.lot else ""), ln.storeroom,
             _signed(ln.quantity, ln.unit) if signed else qty(abs(ln.quantity), ln.unit)]
            + ([_unit_price(ln.value, ln.quantity)] if unit_price else [])
            + ([format_cents(ln.value if signed else abs(ln.value))] if show_value else [])
            for ln in shown]
    header = ["Codice", "Articolo", "Mag.", "Differenza" if m.kind == "rettifica" else
              "Quantità"] + (["Prezzo unit."] if unit_price else []) \
        + (["Valore"] if show_value else [])
    fixed = [28 * mm, None, 18 * mm, 24 * mm] + ([24 * mm] if unit_price else []) \
        + ([26 * mm] if show_value else [])
    story += chunked_table(header, rows, _widths(body_width(), fixed),
                           money_columns=tuple(range(3, len(header))),
                           fixed_columns=tuple(range(3, len(header))))
    if signed:
        story.append(Paragraph("+ entrata in magazzino, - uscita dal magazzino", st.small))
    if m.request and m.kind != "carico":
        story += _still_due(db, m, st)
    if show_value:
        total = (sum(ln.value for ln in shown) if signed else sum(abs(ln.value) for ln in shown))
        label = "Variazione netta del valore" if signed else "Valore complessivo"
        story += [Spacer(1, 2 * mm), Paragraph(f"<b>{label}: "
                                               f"{escape(format_cents(total))}</b>", st.normal)]
    place = get_school_values(db)[0].get("comune") or ""
    story += signature_block(labels, place=place, when=m.day,
                             names=[m.handed_by, m.recipient])
    title = f"{_TITLES.get(m.kind, 'Movimento di magazzino')} n. {m.number}/{m.year}"
    return build_pdf(out, protocol=protocol_of(db, report, anno, numero),
                     heading=heading,
                     title=title, story=story, subtitle=m.description, footer_text=title)


def _still_due(db: Database, m, st) -> list:
    """What the request still wanted after this movement: approved, delivered up to this
    buono included, still due (computed as at this movement, not today)."""
    due = q.request_due_at(db, m.id)
    if not due:
        return []
    rows = [[Paragraph(escape(d.code), st.cell), d.description, qty(d.wanted, d.unit),
             qty(d.delivered, d.unit),
             qty(d.due, d.unit) if d.due else "—"] for d in due]
    left = sum(1 for d in due if d.due)
    fixed = [28 * mm, None, 24 * mm, 28 * mm, 28 * mm]
    return [Spacer(1, 3 * mm),
            Paragraph(f"<b>Richiesta n. {escape(m.request)}: situazione dopo questo buono</b>",
                      st.normal),
            *chunked_table(["Codice", "Articolo", "Approvato", "Consegnato finora",
                            "Ancora da consegnare"], rows, _widths(body_width(), fixed),
                           money_columns=(2, 3, 4), fixed_columns=(2, 3, 4)),
            Paragraph("Richiesta evasa per intero." if not left else
                      f"Restano da consegnare {left} "
                      f"{'articolo' if left == 1 else 'articoli'} della richiesta.", st.small)]


def _unit_price(value_cents: int, milli: int) -> str:
    """Value of one unit, IVA included, to the cent as on an invoice ("0,45 €")."""
    if not milli:
        return ""
    cents = (Decimal(abs(value_cents)) * rules.MILLI / abs(milli)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP)
    return format_cents(int(cents))


def build_buono_versamento(db: Database, out: Path, anno: int, numero: int) -> Path:
    return _buono(db, out, anno, numero, ("carico",), "buono-versamento")


def build_buono_prelevamento(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Buono di prelevamento (scarico), ricevuta DPI or movimento interno, by its number."""
    return _buono(db, out, anno, numero, ("scarico", "dpi", "trasferimento", "rettifica",
                                          "storno"), "buono-prelevamento")


# --- stock at a date -----------------------------------------------------------------------

def _reconciliation(r: q.StockReconciliation) -> list:
    """Esistenza iniziale + carichi − scarichi = esistenza finale, in value (quantities of
    different articles do not add up), from the storeroom's journal."""
    st = get_styles()
    rows = [[f"Esistenza iniziale al {format_date(r.start - timedelta(days=1))}",
             format_cents(r.opening)],
            ["+ Carichi (versamenti, trasferimenti in arrivo, rettifiche in aumento, storni)",
             format_cents(r.increases)],
            ["− Scarichi (prelevamenti, distribuzioni DPI, trasferimenti in partenza, "
             "rettifiche in diminuzione)", format_cents(r.decreases)],
            [f"= Esistenza finale al {format_date(r.end)}", format_cents(r.closing)]]
    w = body_width()
    table = chunked_table(["Riconciliazione dei valori", "Valore"], rows, [w - 34 * mm, 34 * mm],
                          money_columns=(1,), fixed_columns=(1,))
    check = r.opening + r.increases - r.decreases
    note = ("Verifica: esistenza iniziale + carichi − scarichi = esistenza finale."
            if check == r.closing else
            f"Attenzione: la riconciliazione non torna (differenza "
            f"{format_cents(r.closing - check)}).")
    return [Spacer(1, 2 * mm)] + table + [Paragraph(escape(note), st.small)]


def build_stock_at(db: Database, out: Path, data: date | None = None, anno: int | None = None,
                   magazzino: str | None = None) -> Path:
    """Giacenze e valore at a date (end of ``anno`` if given, else today), per storeroom."""
    at = data or (min(date(anno, 12, 31), date.today()) if anno else date.today())
    stores = q.list_storerooms(db)
    if magazzino:
        wanted = _storeroom_id(db, magazzino)
        stores = [s for s in stores if s.id == wanted]
    st = get_styles()
    story, grand = [], 0
    widths = _widths(body_width(), [30 * mm, None, 24 * mm, 22 * mm, 26 * mm])
    for s in stores:
        rows = q.stock_at(db, s.id, at)
        total = sum(r.value for r in rows)
        grand += total
        story.append(Paragraph(escape(f"{s.name} ({s.site_name})"), st.heading))
        story += chunked_table(["Codice", "Articolo", "Giacenza", "Costo medio", "Valore"],
                               [[r.code, r.description, qty(r.quantity, r.unit),
                                 str(r.average_cost).replace(".", ",") + " €",
                                 format_cents(r.value)]
                                for r in rows], widths, money_columns=(2, 3, 4),
                               fixed_columns=(2, 3, 4))
        story.append(Paragraph(f"<b>Articoli in giacenza: {len(rows)} – valore del magazzino: "
                               f"{escape(format_cents(total))}</b>", st.normal))
        story += _reconciliation(q.stock_reconciliation(db, s.id, date(at.year, 1, 1), at))
        expired = [lt for lt in q.lots_at(db, s.id, at) if lt.expiry is not None and lt.expiry < at]
        if expired:
            listing = "; ".join(f"{lt.code} lotto {lt.lot} (scaduto il "
                                f"{format_date(lt.expiry)}): {qty(lt.quantity, lt.unit)}"
                                for lt in expired)
            story.append(Paragraph(escape(f"Di cui in lotti scaduti, da non distribuire: "
                                          f"{listing}."), st.small))
    if len(stores) > 1:
        story += [Spacer(1, 4 * mm), Paragraph(f"<b>Valore complessivo dei magazzini: "
                                               f"{escape(format_cents(grand))}</b>", st.normal)]
    return build_pdf(out, heading=get_heading(db), title="Giacenze e valore di magazzino",
                     story=story, subtitle=f"al {format_date(at)} – costo medio ponderato, "
                                           "IVA inclusa",
                     footer_text=f"Giacenze al {format_date(at)}")


# --- consumption with a bar chart ------------------------------------------------------------

def chart_bars(rows: list[q.ConsumptionRow], top: int = 12) -> list[tuple[str, int]]:
    """(label, cents) of the bars: the ``top`` - 1 largest, then one "Altri (n)" bar for the
    rest, so the chart always adds up to the table's total."""
    if len(rows) <= top:
        return [(r.destination, r.value) for r in rows]
    rest = rows[top - 1:]
    return [(r.destination, r.value) for r in rows[:top - 1]] + [
        (f"Altri ({len(rest)})", sum(r.value for r in rest))]


def _short(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"


def consumption_chart(rows: list[q.ConsumptionRow], width: float, top: int = 12) -> Drawing:
    """Horizontal bars, one per office or plesso (largest on top), the value in euro at the
    end of each bar."""
    shown = chart_bars(rows, top)
    bar_h = 15
    label_w = 70 * mm
    height = max(len(shown), 1) * bar_h + 40
    d = Drawing(width, height)
    # The drawing's own initial font is Helvetica (not embedded): the house font instead.
    d.initialFontName, d.initialFontSize = FONT, 7
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 18
    chart.width, chart.height = width - label_w - 22 * mm, height - 36
    chart.data = [[c / 100 for _n, c in reversed(shown)] or [0]]
    chart.categoryAxis.categoryNames = [_short(n) for n, _c in reversed(shown)] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f} €".replace(",", ".")
    chart.bars[0].fillColor = colors.Color(0.30, 0.47, 0.68)
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.barLabelFormat = lambda v: format_cents(int(round(v * 100)))
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    d.add(String(width - 2, height - 8, "valori in euro, IVA inclusa", fontName=FONT, fontSize=6.5,
                 textAnchor="end", fillColor=colors.grey))
    return d


def build_consumption(db: Database, out: Path, anno: int | None = None, dal: date | None = None,
                      al: date | None = None, per: str = "ufficio") -> Path:
    """Consumi per ufficio (or per plesso) in the period: bar chart, then the figures."""
    start, end = _period(anno, dal, al)
    per = "plesso" if per == "plesso" else "ufficio"
    rows = q.consumption(db, start, end, per)
    st = get_styles()
    total = sum(r.value for r in rows)
    story = [consumption_chart(rows, body_width()), Spacer(1, 4 * mm)]
    widths = _widths(body_width(), [None, 26 * mm, 20 * mm, 30 * mm])
    story += chunked_table(
        ["Ufficio, laboratorio o persona" if per == "ufficio" else "Plesso", "Buoni",
         "Quota", "Valore consumato"],
        [[r.destination, str(r.movements),
          f"{r.value * 100 / total:.1f} %".replace(".", ",") if total else "",
          format_cents(r.value)] for r in rows], widths, money_columns=(1, 2, 3),
        fixed_columns=(1, 2, 3))
    story += [Spacer(1, 2 * mm), Paragraph(f"<b>Totale consumato: "
                                           f"{escape(format_cents(total))}</b>", st.normal)]
    title = f"Consumi per {'plesso' if per == 'plesso' else 'ufficio'}"
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=_period_text(start, end) + " – scarichi e distribuzioni DPI al "
                                                         "costo medio ponderato",
                     footer_text=f"{title} {_period_text(start, end)}")


# --- DPI ------------------------------------------------------------------------------------------

def build_dpi_summary(db: Database, out: Path, anno: int | None = None, dal: date | None = None,
                      al: date | None = None) -> Path:
    """DPI distributed per plesso and article in the period (monitoraggi del Ministero)."""
    start, end = _period(anno, dal, al)
    rows = q.dpi_summary(db, start, end)
    st = get_styles()
    story = []
    widths = _widths(body_width(), [30 * mm, None, 28 * mm, 26 * mm])
    plessi = list(dict.fromkeys(r.site for r in rows))   # in the order of the rows
    for plesso in plessi:
        story.append(Paragraph(escape(plesso), st.heading))
        story += chunked_table(["Codice", "Dispositivo", "Quantità", "Destinatari"],
                               [[r.code, r.description, qty(r.quantity, r.unit),
                                 str(r.recipients)] for r in rows if r.site == plesso],
                               widths, money_columns=(2, 3), fixed_columns=(2, 3))
    if rows:
        totals: dict[tuple, int] = {}
        for r in rows:
            key = (r.code, r.description, r.unit)
            totals[key] = totals.get(key, 0) + r.quantity
        story.append(Paragraph("Totale dell'istituto", st.heading))
        story += chunked_table(["Codice", "Dispositivo", "Quantità"],
                               [[c, t, qty(n, u)] for (c, t, u), n in
                                sorted(totals.items())],
                               _widths(body_width(), [30 * mm, None, 28 * mm]),
                               money_columns=(2,), fixed_columns=(2,))
        story.append(Paragraph(f"Ricevute di consegna nel periodo: "
                               f"{q.dpi_receipts(db, start, end)}", st.small))
    else:
        story.append(Paragraph("Nessuna distribuzione di DPI nel periodo.", st.normal))
    return build_pdf(out, heading=get_heading(db), title="Riepilogo distribuzione DPI",
                     story=story, subtitle=f"per plesso, {_period_text(start, end)}",
                     footer_text=f"DPI distribuiti {_period_text(start, end)}")
