"""Avviso di vendita of goods out of use (art. 34 c.2), for the school website."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import sale as rules
from ...domain.money import format_cents
from ...queries.inventory.sale import sale_detail
from ...queries.school import get_heading, get_school_values
from ..base import body_width, build_pdf
from ..styles import get_styles
from ..tables import chunked_table, signature_block
from ..wording import dirigente_on

if TYPE_CHECKING:
    from ...db.engine import Database


def build_avviso(db: Database, out: Path, numero: int) -> Path:
    """The notice: goods with the base price of each and the total, how and by when to send
    offers, award to the best offer not below the total base price."""
    sale = sale_detail(db, int(numero))
    row = sale.row
    if row.kind != "vendita":
        raise DomainError(f"La procedura n. {numero} è una cessione diretta: non ha avviso.")
    st = get_styles()
    heading = get_heading(db)
    values, _logo = get_school_values(db)
    w = body_width()
    deadline = (format_date(row.offers_deadline) if row.offers_deadline
                else "__________ (da indicare alla pubblicazione)")
    pec = values.get("pec") or heading.pec or ""
    # "valutati dalla commissione": the basis need not say again who estimated the value.
    basis = rules.BASES[sale.valuation_basis].removesuffix(", stimato dalla commissione")
    story = [Paragraph(
        f"Visti l'art. 34 del D.I. 28 agosto 2018, n. 129, e il decreto del Dirigente "
        f"Scolastico n. {escape(row.decree_number)} del {format_date(row.decree_date)}, "
        f"l'istituto pone in vendita i beni fuori uso di seguito elencati, valutati dalla "
        f"commissione interna (art. 34 c.1) in base al {escape(basis)}.",
        st.normal), Spacer(1, 2 * mm)]
    widths = [32 * mm, 0, 28 * mm]
    widths[1] = w - sum(widths)
    rows = [[g.label, g.description, format_cents(g.base_value)] for g in sale.goods]
    story += chunked_table(["Bene", "Descrizione", "Prezzo base"], rows, widths,
                           money_columns=(2,), fixed_columns=(2,))
    story += [Spacer(1, 2 * mm), Paragraph(
        f"<b>Prezzo base complessivo: {escape(format_cents(row.base_total))}</b>", st.normal),
        Paragraph("Modalità di partecipazione", st.heading),
        Paragraph(
            f"Le offerte, in busta chiusa con la dicitura «Offerta per l'acquisto di beni fuori "
            f"uso» o all'indirizzo PEC {escape(pec) or 'dell’istituto'}, devono pervenire alla "
            f"segreteria entro il <b>{deadline}</b>. L'offerta indica nome e cognome (o "
            f"denominazione), recapiti e il prezzo offerto per l'intero lotto, non inferiore "
            f"al prezzo base complessivo. Le offerte pervenute dopo il termine non sono "
            f"ammesse.", st.normal),
        Paragraph("Criterio di aggiudicazione", st.heading),
        Paragraph(
            "I beni sono aggiudicati alla migliore offerta, cioè al prezzo più alto non "
            "inferiore al prezzo base complessivo; a parità di offerta, a quella pervenuta per "
            "prima. L'aggiudicatario versa il corrispettivo all'istituto cassiere prima del "
            "ritiro dei beni, che avviene a sue spese nello stato di fatto in cui si trovano. "
            "In assenza di offerte valide la vendita è dichiarata deserta e i beni possono "
            "essere ceduti a trattativa privata o a titolo gratuito (art. 34 c.3).", st.normal),
        Paragraph("L'avviso è pubblicato sul sito internet dell'istituto e comunicato agli "
                  "studenti (art. 34 c.2).", st.small)]
    story += signature_block(["Il Dirigente Scolastico"], place=values.get("comune") or "",
                             when=row.published_on,
                             names=[dirigente_on(db, row.published_on, heading.dirigente)],
                             width=w * 0.5)
    title = f"Avviso di vendita di beni fuori uso n. {row.id}"
    return build_pdf(out, protocol=True, heading=heading, title=title, story=story,
                     subtitle="Art. 34 D.I. 129/2018 – vendita di materiali fuori uso",
                     footer_text=title)
