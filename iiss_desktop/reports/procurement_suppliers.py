"""Printed documents of the albo fornitori: the list of the suppliers with partita IVA, DURC,
conto dedicato and last award, and the scheda of one supplier (its data, conti dedicati with
the persons delegated, DURC, declarations and checks, awards, invoices)."""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.errors import ValidationError
from ..domain.procurement.suppliers import DURC_STATES, format_iban
from ..queries.procurement_suppliers import list_suppliers, supplier_id_of, supplier_scheda
from ..queries.school import get_heading
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database

HEADERS = ["Fornitore", "P. IVA / C.F.", "DURC", "Conto dedicato (L. 136/2010)",
           "Ultimo affidamento", "Requisiti (art. 52)"]


def build_supplier_register(db: Database, out: Path, oggi: date | None = None,
                            attivi: bool = True) -> Path:
    """«Albo dei fornitori»: the active suppliers by name (all with ``attivi=False``)."""
    st = get_styles()
    today = oggi or date.today()
    suppliers = list_suppliers(db, today=today, include_inactive=not attivi)
    rows = []
    for r in suppliers:
        award = (f"{format_date(r.last_award_on)} – {r.last_award}" if r.last_award_on
                 else "nessuno")
        rows.append([r.name + ("" if r.active else " (non attivo)"), r.code, r.durc_text,
                     format_iban(r.account_iban) if r.account_iban else "non dichiarato",
                     award, r.checks_text])
    w = body_width(landscape=True)
    widths = [0, 30 * mm, 42 * mm, 62 * mm, 0, 44 * mm]
    free = w - sum(widths)
    widths[0], widths[4] = free * 0.45, free * 0.55
    story: list = []
    if not suppliers:
        story.append(Paragraph("Nessun fornitore registrato nell'albo.", st.normal))
    story += chunked_table(HEADERS, rows, widths, landscape=True, fixed_columns=(1, 3))
    states = Counter(r.durc_state for r in suppliers)
    story += [Spacer(1, 3 * mm), Paragraph(
        f"Fornitori: {len(suppliers)} · " + " · ".join(
            f"{DURC_STATES[k]}: {states[k]}" for k in DURC_STATES if states.get(k))
        + f" · senza conto dedicato: {sum(not r.has_account for r in suppliers)}",
        st.heading)]
    subtitle = (f"Situazione al {format_date(today)} · DURC valido 120 giorni dalla data "
                "(D.M. 30/01/2015) · conto dedicato: la dichiarazione in vigore (L. 136/2010 "
                "art. 3 c.7)")
    return build_pdf(out, heading=get_heading(db), title="Albo dei fornitori", story=story,
                     subtitle=subtitle, landscape=True, footer_text="Albo dei fornitori")


def build_supplier_scheda(db: Database, out: Path, fornitore=None,
                          oggi: date | None = None) -> Path:
    """«Scheda del fornitore»: ``fornitore`` is its id or its partita IVA / codice fiscale."""
    if fornitore in (None, ""):
        raise ValidationError({"fornitore": "Indicare il fornitore: identificativo, partita "
                                            "IVA o codice fiscale."})
    st = get_styles()
    today = oggi or date.today()
    s = supplier_scheda(db, supplier_id_of(db, fornitore), today=today)
    w = body_width(landscape=True)
    story: list = []
    story += chunked_table(["Dato", "Valore"], [[f.label, f.text or "—"] for f in s.fields],
                           [60 * mm, w - 60 * mm], landscape=True)
    if s.warning:
        story += [Spacer(1, 3 * mm), Paragraph(f"<b>Avvertenze:</b> {_x(s.warning)}",
                                               st.normal)]
    sections = (
        ("Conti correnti dedicati (L. 136/2010 art. 3 c.7)",
         ["Dichiarato il", "IBAN", "Banca", "Persone delegate a operare", "Protocollo",
          "Stato"], s.accounts, [22, 56, 34, 0, 24, 40], "Nessuna dichiarazione."),
        ("DURC", ["Data", "Scadenza", "Esito", "Protocollo", "Stato"], s.durcs,
         [25, 25, 30, 50, 0], "Nessun DURC registrato."),
        # The rules of the day: D.Lgs 36/2023 from 1 July 2023; before, D.Lgs 50/2016 (art.
        # 36 c.1 the rotation) and the Linee guida ANAC n. 4 (par. 4.2.3, the random checks).
        ("Dichiarazioni dei requisiti e controlli a campione (art. 52 D.Lgs. 36/2023; fino "
         "al 30/06/2023 Linee guida ANAC n. 4)",
         ["Ricevuta il", "Tipo", "Protocollo", "Sorteggio", "Esito del controllo"],
         s.declarations, [22, 50, 25, 0, 70], "Nessuna dichiarazione."),
        ("Affidamenti (rotazione: art. 49 D.Lgs. 36/2023; fino al 30/06/2023 art. 36 c.1 "
         "D.Lgs. 50/2016)",
         ["Data", "Oggetto", "Settore", "Importo netto", "CIG", "Deroga alla rotazione"],
         s.awards, [20, 0, 42, 26, 24, 56], "Nessun affidamento registrato."),
        ("Fatture ricevute", ["Reg. n.", "Ricevuta il", "Fattura", "Totale", "Stato"],
         s.invoices, [20, 24, 0, 28, 40], "Nessuna fattura ricevuta."),
    )
    for title, headers, rows, widths, empty in sections:
        story += [Spacer(1, 4 * mm), Paragraph(title, st.heading)]
        if not rows:
            story.append(Paragraph(empty, st.normal))
            continue
        cols = [x * mm for x in widths]
        cols[cols.index(0)] = w - sum(cols)
        money = tuple(i for i, h in enumerate(headers) if h in ("Importo netto", "Totale"))
        story += chunked_table(headers, [list(r) for r in rows], cols, landscape=True,
                               money_columns=money)
    return build_pdf(out, heading=get_heading(db), title=f"Scheda del fornitore {s.title}",
                     story=story, subtitle=f"{s.state} · situazione al {format_date(today)}",
                     landscape=True, footer_text="Scheda del fornitore")


def _x(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text or "")
