"""The printed Piano delle attività of the ATA staff (art. 53 CCNL 2007): one version with its
sections (the front desk's with its weekly openings), the dotazione organica, the assignments
and the signatures of the DSGA who proposes it and of the dirigente who adopts it. A version
not adopted is marked BOZZA on every page."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import SchoolYear, format_date
from ..domain.protocol import ProtocolMark
from ..queries.school import get_heading, get_school_values
from ..queries.staff_plan import PlanView, plan_view
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, signature_block
from .wording import dirigente_on

if TYPE_CHECKING:
    from ..db.engine import Database

DRAFT_NOTICE = ("BOZZA – documento di lavoro non ancora adottato dal Dirigente scolastico: "
                "non è in vigore.")


def _paragraphs(text: str, style) -> list:
    """One Paragraph per block of the text (blank lines separate blocks, a newline breaks)."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [Paragraph(escape(b).replace("\n", "<br/>"), style) for b in blocks]


def _sections(view: PlanView, st) -> list:
    story: list = []
    for n, section in enumerate(view.sections, 1):
        story.append(Paragraph(f"{n}. {escape(section.title)}", st.heading))
        text = _paragraphs(section.text, st.normal)
        if section.key == "sportello" and view.front_desk:
            text += _front_desk(view)
        story += text or [Paragraph("<i>Sezione non compilata.</i>", st.normal)]
        story.append(Spacer(1, 2 * mm))
    return story


def _front_desk(view: PlanView) -> list:
    """The openings of the week the appointments of the front desk are booked in."""
    w = body_width()
    week = sorted(view.front_desk, key=lambda r: (r.weekday, r.start))
    rows = [[r.day_label, r.hours, r.audience_label, r.note] for r in week]
    return [Spacer(1, 1 * mm)] + chunked_table(
        ["Giorno", "Orario", "Apertura per", "Note"], rows,
        [30 * mm, 30 * mm, 45 * mm, w - 105 * mm])


def _staffing(view: PlanView, st, n: int) -> list:
    w = body_width()
    story: list = [Paragraph(f"{n}. Dotazione organica", st.heading)]
    rows = [[r.profile_label, f"{r.site} ({r.site_code})", str(r.posts), r.need_note]
            for r in view.staffing]
    if rows:
        rows.append([Paragraph("Totale posti", st.cell_bold), "",
                     Paragraph(str(view.total_posts), st.cell_header_right), ""])
    else:
        story.append(Paragraph("<i>Dotazione non compilata.</i>", st.normal))
    story += chunked_table(["Profilo", "Plesso", "Posti", "Fabbisogno e note"], rows,
                           [48 * mm, 50 * mm, 14 * mm, w - 112 * mm], money_columns=(2,))
    return story


def _assignments(view: PlanView, st, n: int) -> list:
    w = body_width()
    story: list = [Spacer(1, 3 * mm), Paragraph(
        f"{n}. Assegnazione del personale ai servizi e ai luoghi di lavoro", st.heading)]
    rows = [[a.person, a.profile_label, a.site_code,
             a.place_kind_label + (f": {a.place}" if a.place else ""), a.duties]
            for a in view.assignments]
    if not rows:
        story.append(Paragraph("<i>Nessuna assegnazione.</i>", st.normal))
    story += chunked_table(["Dipendente", "Profilo", "Plesso", "Assegnazione", "Compiti"], rows,
                           [36 * mm, 32 * mm, 14 * mm, 38 * mm, w - 120 * mm])
    return story


def _closing(db: Database, view: PlanView, heading, st) -> list:
    h = view.header
    place = get_school_values(db)[0].get("comune") or ""
    if h.adopted:
        text = (f"Piano proposto dal DSGA il {format_date(h.drafted_on)} e adottato dal "
                f"Dirigente scolastico il {format_date(h.adopted_on)}, prot. n. "
                f"{escape(h.protocol)}.")
        if h.superseded_on:
            text += (f" Sostituito da una versione successiva dal "
                     f"{format_date(h.superseded_on)}.")
    else:
        text = (f"<b>BOZZA</b> proposta dal DSGA il {format_date(h.drafted_on)}: da adottare "
                "con atto del Dirigente scolastico (data e numero di protocollo).")
    names = [heading.dsga, dirigente_on(db, h.adopted_on or date.today(), heading.dirigente)]
    return keep_with_signatures(
        [Spacer(1, 4 * mm), Paragraph(text, st.normal)],
        signature_block(["Il DSGA che propone", "Il Dirigente scolastico che adotta"],
                        place=place if h.adopted else "", when=h.adopted_on, names=names))


def build_staff_plan(db: Database, out: Path, anno: int | None = None,
                     versione: int | None = None) -> Path:
    """Version ``versione`` (default: the one in force, or the draft) of the Piano of the
    school year starting in ``anno`` (default: the current school year)."""
    st = get_styles()
    year = anno or SchoolYear.of(date.today()).start_year
    view = plan_view(db, year, versione)
    h = view.header
    heading = get_heading(db)
    state = "BOZZA" if not h.adopted else h.state_label
    story: list = []
    if not h.adopted:
        story += [Paragraph(f"<b>{DRAFT_NOTICE}</b>", st.heading), Spacer(1, 2 * mm)]
    basis = ("Proposto dal DSGA e adottato dal Dirigente scolastico" if h.adopted else
             "Proposta del DSGA, da adottare con atto del Dirigente scolastico,")
    story += [Paragraph(f"{basis} ai sensi dell'art. 53 del CCNL 29/11/2007.", st.small),
              Spacer(1, 3 * mm)]
    story += _sections(view, st)
    n = len(view.sections)
    story += _staffing(view, st, n + 1)
    story += _assignments(view, st, n + 2)
    story += _closing(db, view, heading, st)
    protocol = ProtocolMark(h.protocol, h.adopted_on) if h.adopted else False
    return build_pdf(
        out, heading=heading, story=story, protocol=protocol,
        title=f"Piano delle attività del personale ATA – a.s. {h.year_label}",
        subtitle=f"Versione {h.version} · {state}",
        footer_text=f"Piano delle attività {h.year_label} – versione {h.version}"
                    + (" – BOZZA" if not h.adopted else ""))
