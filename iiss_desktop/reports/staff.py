"""Printed documents of the staff area: the list of the personnel in service."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.staff import ROLES, role_label
from ..queries.school import get_heading
from ..queries.staff import list_employees
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database


def build_staff_list(db: Database, out: Path) -> Path:
    """"Elenco del personale": staff in service, then how many per profile."""
    st = get_styles()
    heading = get_heading(db)
    staff = list_employees(db)
    w = body_width(True)
    rows = [[e.surname, e.name, role_label(e.role), e.contract, e.site, e.codice_fiscale]
            for e in staff]
    widths = [34 * mm, 30 * mm, 0, 33 * mm, 0, 35 * mm]
    free = w - sum(widths)
    widths[2] = free * 0.5
    widths[4] = free * 0.5
    story: list = []
    if not staff:
        story.append(Paragraph("Nessun dipendente in servizio.", st.normal))
    story += chunked_table(["Cognome", "Nome", "Profilo", "Contratto", "Plesso",
                            "Codice fiscale"], rows, widths, landscape=True)

    per_role = Counter(e.role for e in staff)
    order = [r for r in ROLES if per_role.get(r)] + sorted(r for r in per_role if r not in ROLES)
    totals = [[role_label(r), str(per_role[r])] for r in order]
    totals.append([Paragraph("Totale", st.cell_bold),
                   Paragraph(str(len(staff)), st.cell_header_right)])
    summary = chunked_table(["Profilo", "Numero"], totals, [110 * mm, 22 * mm],
                            money_columns=(1,), landscape=True)
    story.append(KeepTogether([Spacer(1, 5 * mm),
                               Paragraph("Riepilogo per profilo", st.heading), *summary]))
    subtitle = f"Personale in servizio: {len(staff)}"
    if heading.dirigente:
        subtitle += f" · Dirigente scolastico: {heading.dirigente}"
    return build_pdf(out, heading=heading, title="Elenco del personale", story=story,
                     subtitle=subtitle, landscape=True, footer_text="Elenco del personale")

