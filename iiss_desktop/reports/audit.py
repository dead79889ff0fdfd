"""Printing of the "Registro delle modifiche" (the hash-chained audit log) for one year.

Rows come from queries.audit (shared with the GUI viewer), printed with :func:`chunked_table`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..queries.audit import list_audit
from ..queries.school import get_heading
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database


def build_audit_log(db: Database, out: Path, anno: int) -> Path:
    """"Registro delle modifiche" of year ``anno`` (landscape)."""
    st = get_styles()
    heading = get_heading(db)
    records, head = list_audit(db, anno)
    rows = [[str(r.id), r.when, r.username, r.action, r.subject, r.detail, r.reason]
            for r in records]
    w = body_width(True)
    widths = [14 * mm, 29 * mm, 24 * mm, 23 * mm, 38 * mm, 0, 42 * mm]
    widths[5] = w - sum(widths)
    story: list = []
    if not rows:   # no empty table heading under the sentence
        story.append(Paragraph(f"Nessuna modifica registrata nell'anno {anno}.", st.normal))
    else:
        story += chunked_table(["N.", "Data e ora", "Utente", "Operazione", "Oggetto",
                                "Dettaglio", "Motivo"], rows, widths, landscape=True)
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph(f"<b>Righe stampate: {len(rows)}</b>"
                           + (f" (dalla n. {rows[0][0]} alla n. {rows[-1][0]})" if rows else ""),
                           st.normal))
    story.append(Paragraph(
        "Impronta della catena del registro delle modifiche alla data di stampa: "
        f"{escape(head or 'nessuna modifica registrata')}", st.normal))
    story.append(Paragraph(
        "Ogni riga è concatenata alla precedente con un'impronta SHA-256: la modifica o la "
        "cancellazione di una riga rende diversa l'impronta finale. Orari in ora locale; "
        "quantità nell'unità dell'articolo, importi in euro; «(id)» indica il numero interno "
        "dell'archivio.",
        st.small))
    return build_pdf(out, heading=heading, title=f"Registro delle modifiche – anno {anno}",
                     story=story, subtitle="Chi ha modificato che cosa e quando",
                     landscape=True, footer_text=f"Registro delle modifiche {anno}")
