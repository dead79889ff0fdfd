"""«Cartellino»: the month of a person (or of everyone with punches in it): day by day the
schedule of the roster, the punches, the hours worked, the balance of the day and its
anomalies; then the monthly summary of hours of art. 54 CCNL 2007 (due, worked, balance,
ritardi and permessi brevi to recover with their deadlines, extra hours paid or in riposi).
Absences are shown without their cause when it is confidential."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from ..domain.dates import MONTHS_IT
from ..domain.staff.attendance import hm
from ..domain.staff.times import format_duration
from ..queries.school import get_heading
from ..queries.staff_attendance import cartellini
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, key_value_table

if TYPE_CHECKING:
    from ..db.engine import Database

RULES_NOTE = (
    "Ritardi da recuperare entro l'ultimo giorno del mese successivo, altrimenti trattenuta "
    "proporzionale (CCNL 2007 art. 54); permessi brevi fino a metà dell'orario giornaliero e "
    "36 ore nell'anno scolastico, da recuperare entro i due mesi successivi (art. 16); pausa "
    "di 30 minuti oltre le 7 h 12 min di lavoro continuativo e massimo 9 ore al giorno "
    "(art. 51); ore eccedenti retribuite o in riposi compensativi da fruire entro l'anno "
    "scolastico e i tre mesi successivi (art. 54). Tolleranza {tol} min e flessibilità {flex} "
    "min sull'entrata{u}.")


def _hm(minutes: int, signed: bool = False) -> str:
    if not minutes:
        return "0" if signed else ""
    text = format_duration(minutes)
    return f"+{text}" if signed and minutes > 0 else text


def build_cartellino(db: Database, out: Path, mese: str | None = None,
                     persona: int | str | None = None) -> Path:
    """The cartellino of ``mese`` (AAAA-MM; default the newest month with punches) for
    ``persona`` (id or codice fiscale; default everyone with punches in the month)."""
    (year, month), months = cartellini(db, mese, persona)
    label = f"{MONTHS_IT[month - 1]} {year}"
    st = get_styles()
    w = body_width()
    story: list = []
    if not months:
        story.append(Paragraph(f"Nessuna timbratura in {label}.", st.normal))
    for n, m in enumerate(months):
        if n:
            story.append(PageBreak())
        story += [key_value_table([("Dipendente", m.name), ("Codice fiscale", m.codice_fiscale),
                                   ("Mese", label)]), Spacer(1, 3 * mm)]
        rows = []
        for ln in m.lines:
            r = ln.result
            notes = "; ".join(r.anomalies + r.notes) or ln.absence
            counted = bool(r.due or r.worked or r.justified)
            rows.append([f"{ln.weekday} {ln.day.day}", ln.schedule or "–", ln.punches_text,
                         hm(r.worked) if r.worked else "", hm(r.justified) if r.justified
                         else "", hm(r.net, True) if counted else "", notes])
        story += chunked_table(["Giorno", "Orario", "Timbrature", "Lavorate", "Giust.",
                                "Saldo", "Anomalie e assenze"], rows,
                               [14 * mm, 34 * mm, 33 * mm, 17 * mm, 15 * mm, 14 * mm,
                                w - 127 * mm], money_columns=(3, 4, 5))
        sm = m.summary
        story += [Spacer(1, 2 * mm), Paragraph("Riepilogo mensile (art. 54 CCNL 2007)",
                                               st.heading)]
        story.append(key_value_table([
            ("Ore dovute", _hm(sm.due) or "0"), ("Ore lavorate", _hm(sm.worked) or "0"),
            ("Ore giustificate", _hm(sm.justified) or "0"),
            ("Saldo del mese", _hm(sm.net, True)),
            ("Saldo dall'inizio dell'anno scolastico", _hm(sm.balance, True)),
            ("Ritardi da recuperare", _hm(sm.late_open) or "nessuno"),
            ("Permessi brevi nel mese / nell'anno", f"{_hm(sm.permessi_month) or '0'} / "
                                                    f"{_hm(sm.permessi_year) or '0'} (max 36 h)"),
            ("Permessi brevi da recuperare / recuperati",
             f"{_hm(sm.permessi_open) or '0'} / {_hm(sm.permessi_recovered) or '0'}"),
            ("Ore eccedenti disponibili", _hm(sm.credit) or "0"),
            ("Ore eccedenti retribuite", _hm(sm.paid) or "0"),
            ("Riposi compensativi disponibili", _hm(sm.riposi) or "0"),
            ("Non recuperate nei termini (trattenuta)", _hm(sm.deducted) or "nessuna"),
        ]))
        manual = [x for x in m.manual if x.annulled_on is None]
        if manual:
            story += [Spacer(1, 2 * mm), Paragraph("Movimenti inseriti dall'ufficio",
                                                   st.heading)]
            story += chunked_table(["Data", "Movimento", "Minuti", "Motivo"],
                                   [[x.day.strftime("%d/%m/%Y"), x.label, _hm(x.minutes),
                                     x.reason] for x in manual],
                                   [20 * mm, 60 * mm, 20 * mm, w - 100 * mm],
                                   money_columns=(2,))
        s = m.settings
        story += [Spacer(1, 2 * mm), Paragraph(escape(RULES_NOTE.format(
            tol=s.tolerance, flex=s.flex, u="" if s.edited else " (valori predefiniti [U])")),
            st.small)]
    who = months[0].name if persona not in (None, "") and months else "tutto il personale"
    return build_pdf(out, heading=get_heading(db), title="Cartellino delle presenze",
                     subtitle=f"{who} · {label}", story=story,
                     footer_text=f"Cartellino delle presenze, {label}")
