"""Printed documents of the users: the recovery code sheet and the matrix of roles and
permissions. No Qt here."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from .. import areas
from ..domain.access import ROLES
from ..domain.dates import format_date
from ..queries.school import get_heading, get_school_values
from .base import FONT, body_width, build_pdf
from .styles import GRID_COLOR, HEADER_BG, LABEL_BG, get_styles
from .tables import key_value_table, signature_block

if TYPE_CHECKING:
    from ..db.engine import Database

MARK = "●"
PERSONAL_MARK = "◆"


def build_recovery_sheet(db: Database, out: Path, *, username: str, full_name: str,
                         roles: str, code: str, when: date | None = None) -> Path:
    """One page: the recovery code of a user, to be kept sealed in the school's safe."""
    st = get_styles()
    when = when or date.today()
    code_style = ParagraphStyle("iiss-recovery-code", parent=st.title, fontSize=20, leading=26,
                                alignment=1, spaceBefore=6, spaceAfter=6)
    story: list = [
        Paragraph("Questo foglio permette di impostare una nuova password se quella dell'utente "
                  "indicato viene dimenticata. Chi lo possiede può accedere al programma con i "
                  "permessi di questo utente: va custodito come una chiave.", st.normal),
        Spacer(1, 3 * mm),
        key_value_table([("Utente", username), ("Nome e cognome", full_name),
                         ("Ruolo", roles), ("Codice emesso il", format_date(when))],
                        width=body_width()),
        Spacer(1, 6 * mm),
        Paragraph("Codice di recupero", st.heading),
        Paragraph(escape(code), code_style),
        Spacer(1, 4 * mm),
        Paragraph("Come conservarlo", st.heading),
        Paragraph("1. Chiudere il foglio in una busta, firmarla sui lembi e riporla nella "
                  "cassaforte dell'istituto, affidata al dirigente scolastico.", st.normal),
        Paragraph("2. Non fotografarlo, non copiarlo in file o messaggi, non lasciarlo vicino "
                  "al computer.", st.normal),
        Paragraph("3. Il codice vale una sola volta: quando si usa, il programma ne dà uno "
                  "nuovo da stampare, e questo foglio va distrutto. Un nuovo codice chiesto "
                  "dalla pagina «Utenti e ruoli» annulla anche questo.", st.normal),
        Paragraph("Come si usa", st.heading),
        Paragraph("All'avvio del programma scegliere «Password dimenticata?», indicare il nome "
                  "utente, il codice (senza badare a trattini e maiuscole) e la nuova password. "
                  "L'operazione resta nel registro delle modifiche.", st.normal),
        Spacer(1, 10 * mm),
    ]
    place = get_school_values(db)[0].get("comune") or ""
    story += signature_block(["Il titolare del codice", "Il dirigente scolastico"],
                             place=place, when=when)
    return build_pdf(out, heading=get_heading(db), title="Codice di recupero della password",
                     subtitle=f"Utente «{username}» – riservato", story=story,
                     footer_text="Codice di recupero – riservato")


def build_roles_matrix(db: Database, out: Path) -> Path:
    """"Ruoli e permessi": for each area, its permissions against the seven roles."""
    st = get_styles()
    roles = list(ROLES)
    w = body_width(True)
    role_w = 25 * mm
    personal_w = 18 * mm
    label_w = w - role_w * len(roles) - personal_w
    header_style = ParagraphStyle("iiss-matrix-head", parent=st.cell_header, alignment=1,
                                  fontSize=7, leading=8.5)
    center = ParagraphStyle("iiss-matrix-mark", parent=st.cell, alignment=1, fontSize=10,
                            leading=11)
    data = [[Paragraph("Permesso", st.cell_header)]
            + [Paragraph(escape(ROLES[r]).replace(" ", "<br/>"), header_style) for r in roles]
            + [Paragraph("Dati<br/>personali", header_style)]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOR),
        ("FONTNAME", (0, 0), (-1, -1), FONT),   # empty cells too: no Helvetica in the file
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for area in areas.AREAS:
        if not area.permissions:
            continue
        row = len(data)
        data.append([Paragraph(escape(area.label), st.cell_bold)] + [""] * (len(roles) + 1))
        style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), LABEL_BG)]
        for p in area.permissions:
            text = escape(p.label)
            if p.description:
                text += f"<br/><font size=6.5 color='#555555'>{escape(p.description)}</font>"
            data.append([Paragraph(text, st.cell)]
                        + [Paragraph(MARK if r in p.roles else "", center) for r in roles]
                        + [Paragraph(PERSONAL_MARK if p.personal_data else "", center)])
    table = Table(data, colWidths=[label_w] + [role_w] * len(roles) + [personal_w],
                  repeatRows=1)
    table.setStyle(TableStyle(style))
    n = len(areas.all_permissions())
    story = [
        Paragraph(f"{MARK} il ruolo ha il permesso. {PERSONAL_MARK} il permesso riguarda dati "
                  "personali (Reg. UE 2016/679): mai all'amministratore tecnico. Un ruolo "
                  "limitato ad alcuni plessi vale solo per le operazioni di quei plessi.",
                  st.small),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 4 * mm),
        Paragraph(f"Permessi: {n}. I permessi sono verificati dal programma a ogni operazione, "
                  "non solo nascondendo i comandi; ogni modifica degli utenti e dei ruoli resta "
                  "nel registro delle modifiche.", st.small),
    ]
    return build_pdf(out, heading=get_heading(db), title="Ruoli e permessi",
                     subtitle="Chi può fare che cosa, per area", story=story, landscape=True,
                     footer_text="Ruoli e permessi")

