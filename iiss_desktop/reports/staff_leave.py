"""«Prospetto ferie e permessi»: for each person the ledger of a school year: the balance of
each account, then every movement with the arithmetic it was written with and the running
balance of its account, so the clerk and the employee can check it by hand; then the absences
of the year (the cause of a confidential absence only for the DSGA and the dirigente)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

from ..domain.dates import SchoolYear
from ..queries.school import get_heading
from ..queries.staff_leave import leave_statements
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, key_value_table

if TYPE_CHECKING:
    from ..db.engine import Database

RULES_NOTE = (
    "Ferie: 32 giorni lavorativi (30 nei primi tre anni di servizio), in dodicesimi nell'anno "
    "di assunzione o di cessazione; la frazione di mese superiore a 15 giorni vale un mese "
    "intero (CCNL 04/08/1995 art. 19). Con l'orario su cinque giorni il sabato resta "
    "lavorativo e ogni giorno di ferie vale 1,2. Part-time verticale: in proporzione ai giorni "
    "lavorati (giorni settimanali ÷ 6). Ferie residue da fruire entro il 30 aprile dell'anno "
    "successivo. I valori indicati [U] sono predefiniti, da verificare.")


def build_leave_statement(db: Database, out: Path, anno: int | None = None,
                          persona: int | str | None = None) -> Path:
    """The statement of ``persona`` (id or codice fiscale; default everyone with movements)
    in the school year ``anno`` (its first year; default the newest with movements)."""
    year, statements = leave_statements(db, anno, persona)
    label = SchoolYear(year).label
    st = get_styles()
    w = body_width()
    story: list = []
    if not statements:
        story.append(Paragraph(f"Nessun movimento di ferie e permessi nell'a.s. {label}.",
                               st.normal))
    for n, person in enumerate(statements):
        if n:
            story.append(PageBreak())
        story += [key_value_table([("Dipendente", person.name), ("Profilo", person.profile),
                                   ("Anno scolastico", person.school_year),
                                   ("Servizio", person.service)]), Spacer(1, 3 * mm)]
        if not person.accounts:
            story.append(Paragraph("Nessun movimento nell'anno scolastico.", st.normal))
        else:
            story.append(Paragraph("Saldi", st.heading))
            story += chunked_table(["Saldo", "Disponibile"],
                                   [[a.label, a.balance_text] for a in person.accounts],
                                   [w - 30 * mm, 30 * mm], money_columns=(1,))
            story += [Spacer(1, 2 * mm), Paragraph("Movimenti", st.heading)]
            rows = [[line.day, f"{a.label}\n{line.kind}", line.description, line.amount,
                     line.balance] for a in person.accounts for line in a.lines]
            story += chunked_table(["Data", "Saldo e movimento", "Calcolo o motivo",
                                    "Quantità", "Saldo"], rows,
                                   [19 * mm, 42 * mm, w - 99 * mm, 19 * mm, 19 * mm],
                                   money_columns=(3, 4))
            for a in person.accounts:
                if a.note:
                    story.append(Paragraph(escape(a.note), st.small))
        if person.absences:
            story += [Spacer(1, 2 * mm), CondPageBreak(30 * mm),
                      Paragraph("Assenze dell'anno", st.heading)]
            story += chunked_table(["Periodo", "Causa", "Durata", "Documento", "Stato"],
                                   [list(a) for a in person.absences],
                                   [38 * mm, w - 132 * mm, 30 * mm, 32 * mm, 32 * mm])
        story += [Spacer(1, 2 * mm), Paragraph(RULES_NOTE, st.small)]
    who = statements[0].name if persona not in (None, "") and statements else "tutto il personale"
    return build_pdf(out, heading=get_heading(db), title="Prospetto ferie e permessi",
                     subtitle=f"{who} · a.s. {label}", story=story,
                     footer_text=f"Prospetto ferie e permessi, a.s. {label}")
