"""The print of a document made from a template (areas/office.py «documento»): the school's
heading, the protocol field (the number recorded back, else blank), the text of the version
it was made from, filled with its values; a PDF/A-2b for the protocol and the conservation
systems (reports/pdfa.py). Fed by queries/office_documents.py; no Qt here."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain import office_documents as rules
from ..domain.dates import format_date
from ..queries.office_documents import REPORT, document_view
from ..queries.school import get_heading
from .base import FONT, FONT_BOLD, build_pdf, protocol_of, register_fonts

if TYPE_CHECKING:
    from ..db.engine import Database

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Lines written in capitals alone (IL DIRIGENTE SCOLASTICO, DECRETA, DISPONE): centred.
_CAPS = re.compile(r"[A-ZÀÈÉÌÒÙ' ]{4,}")


def _markup(text: str) -> str:
    return _BOLD.sub(r"<b>\1</b>", escape(text))


def _styles():
    register_fonts()
    # spaceShrinkage=0: ReportLab would otherwise fit a line by squeezing its spaces 5 %,
    # which overprints the margin of a line that is not justified (as styles.py does)
    body = ParagraphStyle("doc-body", fontName=FONT, fontSize=10.5, leading=14.5,
                          alignment=TA_JUSTIFY, spaceAfter=5, spaceShrinkage=0)
    return {"para": body,
            "caps": ParagraphStyle("doc-caps", parent=body, fontName=FONT_BOLD,
                                   alignment=TA_CENTER, spaceBefore=4, spaceAfter=6),
            "heading": ParagraphStyle("doc-heading", parent=body, fontName=FONT_BOLD,
                                      fontSize=11, leading=14.5, spaceBefore=7, spaceAfter=5,
                                      alignment=0),
            "item": ParagraphStyle("doc-item", parent=body, alignment=0, leftIndent=6 * mm,
                                   bulletIndent=1.5 * mm, bulletFontName=FONT, spaceAfter=3),
            "sign": ParagraphStyle("doc-sign", parent=body, alignment=2, spaceBefore=8),
            "note": ParagraphStyle("doc-note", parent=body, fontSize=9, textColor="#a00000")}


def story_of(view) -> list:
    st = _styles()
    out: list = [Paragraph(f"<b>Oggetto:</b> {_markup(view.subject)}", st["para"]),
                 Spacer(1, 3 * mm)]
    if view.annulled_reason is not None:
        out.insert(0, Paragraph(f"DOCUMENTO ANNULLATO: {_markup(view.annulled_reason)}",
                                st["note"]))
    for block in view.blocks:
        if block.kind == "heading":
            out.append(Paragraph(_markup(block.text), st["heading"]))
        elif block.kind == "item":
            out.append(Paragraph(_markup(block.text), st["item"], bulletText="•"))
        elif block.text.startswith("Il Dirigente scolastico"):   # the signature
            out.append(Paragraph(_markup(block.text).replace("\n", "<br/>"), st["sign"]))
        elif _CAPS.fullmatch(block.text):
            out.append(Paragraph(_markup(block.text), st["caps"]))
        else:
            out.append(Paragraph(_markup(block.text).replace("\n", "<br/>"), st["para"]))
    return out


def build_document(db: Database, out: Path, *, anno: int | None = None, numero: int,
                   printed_at=None) -> Path:
    from datetime import date

    year = anno or date.today().year
    view = document_view(db, year, numero)
    title = f"{rules.KINDS.get(view.kind, 'Documento')} n. {view.number}/{view.year}"
    return build_pdf(out, heading=get_heading(db), title=title,
                     subtitle=f"del {format_date(view.issued_on)} – {view.template_title} "
                              f"(modello v. {view.version})",
                     story=story_of(view), footer_text=f"Registro documenti n. "
                                                       f"{view.number}/{view.year}",
                     printed_at=printed_at, protocol=protocol_of(db, REPORT, year, numero),
                     pdfa=True, keywords=f"{view.template_title}; {view.subject}")
