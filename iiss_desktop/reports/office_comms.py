"""Prints of the office's contacts with outside bodies (areas/office.py): the register of
the communications of a period, and the sheet of a survey (monitoraggio) with the figures
gathered from the areas, the corrections and who checked and sent it. Fed by
queries/office_comms.py; no Qt here. The sheet's XLSX/CSV export is ``survey_table``."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain import office_comms as rules
from ..domain.dates import format_date
from ..queries.office_comms import communications, survey
from ..queries.school import get_heading
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, signature_block

if TYPE_CHECKING:
    from ..db.engine import Database

REGISTER_HEADER = ["Data", "Ric./Inv.", "Ente", "Canale", "Oggetto e sintesi", "Protocollo",
                   "Registrata da"]
SHEET_HEADER = ["Sezione", "Voce", "Valore", "Unità", "Correzione"]


def _when(value) -> str:
    return f"{value:%d/%m/%Y %H:%M}" if value else ""


def build_register(db: Database, out: Path, dal: date, al: date) -> Path:
    """The communications received and sent from ``dal`` to ``al``, in order of date; the
    annulled ones struck through with their reason."""
    st = get_styles()
    rows_in = list(reversed(communications(db, dal, al)))
    rows, struck = [], set()
    for n, c in enumerate(rows_in):
        text = f"<b>{escape(c.subject)}</b>"
        if c.summary:
            text += f"<br/>{escape(c.summary)}"
        if c.annulled:
            struck.add(n)
            text += (f"<br/><i>Annullata il {_when(c.annulled_at)} da {escape(c.annulled_by)}: "
                     f"{escape(c.annul_reason)}</i>")
        rows.append([format_date(c.day), c.direction_label, c.body, c.channel,
                     Paragraph(text, st.small),
                     c.protocol, c.recorded_by])
    w = body_width(landscape=True)
    widths = [20 * mm, 18 * mm, 38 * mm, 22 * mm, 0, 26 * mm, 32 * mm]
    widths[4] = w - sum(widths)
    valid = sum(1 for c in rows_in if not c.annulled)
    story: list = [
        Paragraph("Registro delle comunicazioni con gli enti", st.title),
        Paragraph(f"Dal {format_date(dal)} al {format_date(al)}: {valid} comunicazioni"
                  + (f", {len(struck)} annullate" if struck else "") + ". "
                  + escape(rules.GDPR_NOTE), st.normal), Spacer(1, 3 * mm)]
    if rows:
        story += chunked_table(REGISTER_HEADER, rows, widths, landscape=True,
                               strike_rows=struck)
    else:
        story.append(Paragraph("Nessuna comunicazione nel periodo.", st.normal))
    return build_pdf(out, heading=get_heading(db), title="Registro delle comunicazioni",
                     story=story, subtitle=f"dal {format_date(dal)} al {format_date(al)}",
                     landscape=True, footer_text="Registro delle comunicazioni con gli enti")


def sheet_rows(s) -> list[list[str]]:
    """The sheet as the screen and the export show it."""
    return [[f.section, f.label, f.value_text, f.unit,
             (f"da {f.gathered_text}: {f.note}" if f.corrected else "")] for f in s.figures]


def survey_table(db: Database, survey_id: int, path: Path) -> int:
    """The sheet of a survey in XLSX or CSV (by the suffix of ``path``)."""
    from .table_export import write_table

    s = survey(db, survey_id)
    return write_table(Path(path), s.title[:31], SHEET_HEADER, sheet_rows(s))


def build_survey_sheet(db: Database, out: Path, numero: int) -> Path:
    """The sheet of survey ``numero``: its period, deadline and state, the figures gathered
    from the areas (a corrected one with the gathered value and the note), who gathered,
    verified and sent it."""
    st = get_styles()
    s = survey(db, numero)
    facts = [f"<b>Ente:</b> {escape(s.body)}",
             f"<b>Periodo di riferimento:</b> {s.period}",
             f"<b>Scadenza:</b> {format_date(s.deadline)}",
             f"<b>Dati:</b> {escape(s.kind_label)}",
             f"<b>Stato:</b> {escape(s.state_label)}"]
    if s.reference:
        facts.append(f"<b>Richiesta:</b> {escape(s.reference)}")
    if s.gathered_at:
        facts.append(f"<b>Dati raccolti</b> il {_when(s.gathered_at)} da {escape(s.gathered_by)}")
    if s.verified_at:
        facts.append(f"<b>Verificato</b> il {_when(s.verified_at)} da {escape(s.verified_by)}")
    if s.sent_on:
        facts.append(f"<b>Inviato</b> il {format_date(s.sent_on)} ({escape(s.sent_channel)}"
                     + (f", prot. {escape(s.sent_protocol)}" if s.sent_protocol else "")
                     + f") da {escape(s.sent_by)}")
    story: list = [Paragraph(f"Monitoraggio: {escape(s.title)}", st.title)]
    story += [Paragraph(f, st.normal) for f in facts]
    story.append(Spacer(1, 3 * mm))
    if s.figures:
        w = body_width()
        widths = [0, 0, 26 * mm, 16 * mm, 0]
        rest = w - 42 * mm
        widths[0], widths[1], widths[4] = rest * 0.36, rest * 0.4, rest * 0.24
        story += chunked_table(SHEET_HEADER, sheet_rows(s), widths, fixed_columns=(2,))
        if s.corrections:
            story.append(Paragraph(f"{s.corrections} dati corretti a mano rispetto a quelli "
                                   "raccolti dalle aree (colonna «Correzione»).", st.normal))
    elif s.kind == rules.GENERIC:
        story.append(Paragraph("Monitoraggio senza dati da raccogliere dalle aree.", st.normal))
    else:
        story.append(Paragraph("Dati non ancora raccolti.", st.normal))
    story += [Spacer(1, 8 * mm)] + signature_block(["Il DSGA", "Il Dirigente scolastico"])
    return build_pdf(out, heading=get_heading(db), title="Scheda del monitoraggio",
                     story=story, subtitle=s.title, footer_text=f"Monitoraggio n. {s.id}")
