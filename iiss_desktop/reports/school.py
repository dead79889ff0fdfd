"""Printed documents of the Istituto area: the school's scheda (plessi, locali) and the calendar.

Fed by :mod:`iiss_desktop.queries.school`; no Qt here.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.calendar import KINDS, OFFICE_CLOSED
from ..domain.dates import WEEKDAYS_IT, format_date
from ..queries.school import get_heading, get_school_values, list_calendar, list_rooms, list_sites
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, key_value_table

if TYPE_CHECKING:
    from ..db.engine import Database


SOURCES = {"legge": "Festività di legge", "scuola": "Stabilito dall'istituto"}


def _yes(flag: bool) -> str:
    return "sì" if flag else "no"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else ""


def _school_pairs(values: dict, n_sites: int, n_rooms: int) -> list[tuple[str, str]]:
    comune = " ".join(p for p in (values.get("cap"), values.get("comune"),
                                  f"({values['provincia']})" if values.get("provincia") else "")
                      if p)
    return [
        ("Denominazione", values.get("denominazione") or ""),
        ("Codice meccanografico", values.get("codice_meccanografico") or ""),
        ("Codice fiscale", values.get("codice_fiscale") or ""),
        ("Codice univoco ufficio (fatturazione elettronica)", values.get("codice_univoco") or ""),
        ("Indirizzo", values.get("indirizzo") or ""),
        ("Comune", comune),
        ("Telefono", values.get("telefono") or ""),
        ("E-mail", values.get("email") or ""),
        ("PEC", values.get("pec") or ""),
        ("Dirigente scolastico", values.get("dirigente") or ""),
        ("Direttore SGA", values.get("dsga") or ""),
        ("Plessi", str(n_sites)),
        ("Locali", str(n_rooms)),
    ]


def build_school_sheet(db: Database, out: Path) -> Path:
    """"Scheda dell'istituto, plessi e locali": the school's data, its plessi, their rooms."""
    st = get_styles()
    heading = get_heading(db)
    values, _logo = get_school_values(db)
    sites = list_sites(db)
    rooms = list_rooms(db)
    w = body_width()

    story: list = [Paragraph("Dati dell'istituto", st.heading),
                   key_value_table(_school_pairs(values, len(sites), len(rooms)), width=w)]

    story.append(Paragraph("Plessi", st.heading))
    if sites:
        site_rows = [[s.code, s.name, s.kind, s.codice_meccanografico,
                      ", ".join(p for p in (s.indirizzo, s.comune) if p),
                      "sì" if s.is_main else "", _yes(s.active), str(s.rooms)]
                     for s in sites]
        widths = [14 * mm, 0, 26 * mm, 23 * mm, 36 * mm, 17 * mm, 13 * mm, 13 * mm]
        widths[1] = w - sum(widths)
        story += chunked_table(["Codice", "Denominazione", "Ordine", "Cod. mecc.", "Indirizzo",
                                "Centrale", "Attivo", "Locali"], site_rows, widths,
                               money_columns=(7,))
    else:
        story.append(Paragraph("Nessun plesso registrato.", st.normal))

    story.append(Paragraph("Locali per plesso", st.heading))
    by_site: dict[int, list] = {}
    for r in rooms:
        by_site.setdefault(r.site_id, []).append(r)
    if not rooms:
        story.append(Paragraph("Nessun locale registrato.", st.normal))
    widths = [0, 22 * mm, 40 * mm, 16 * mm]
    widths[0] = w - sum(widths)
    for site in sites:
        site_rooms = by_site.get(site.id, [])
        if not site_rooms:
            continue
        title = f"{escape(site.name)} ({escape(site.code)}) – {len(site_rooms)} locali"
        story.append(Paragraph(title, st.heading))
        story += chunked_table(["Locale", "Piano", "Tipo", "Attivo"],
                               [[r.name, r.floor, _cap(r.kind), _yes(r.active)]
                                for r in site_rooms], widths)
    return build_pdf(out, heading=heading, title="Scheda dell'istituto, plessi e locali",
                     story=story, subtitle=heading.denominazione,
                     footer_text="Scheda dell'istituto")


def build_calendar(db: Database, out: Path, anno: int) -> Path:
    """Calendar of year ``anno``: holidays, patron saint, office closures, suspensions."""
    st = get_styles()
    heading = get_heading(db)
    days = list_calendar(db, anno)
    w = body_width()
    rows = [[format_date(d.day), _cap(WEEKDAYS_IT[d.day.weekday()]),
             KINDS.get(d.kind, d.kind), d.description, SOURCES.get(d.source, d.source)]
            for d in days]
    widths = [22 * mm, 20 * mm, 44 * mm, 0, 38 * mm]
    widths[3] = w - sum(widths)
    story: list = []
    if not days:
        story.append(Paragraph(f"Nessun giorno registrato nel calendario per l'anno {anno}.",
                               st.normal))
    story += chunked_table(["Data", "Giorno", "Tipo", "Descrizione", "Origine"], rows, widths)

    closed = sum(1 for d in days if d.kind in OFFICE_CLOSED)
    per_kind = Counter(d.kind for d in days)
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(f"<b>Giorni di chiusura degli uffici nell'anno {anno}: {closed}</b> "
                           "(festività nazionali, santo patrono e chiusure degli uffici "
                           "indicati nel calendario).",
                           st.normal))
    details = [f"{escape(label)}: {per_kind[k]}" for k, label in KINDS.items() if per_kind.get(k)]
    if details:
        story.append(Paragraph(" · ".join(details), st.small))
    return build_pdf(out, heading=heading, title=f"Calendario dell'istituto – anno {anno}",
                     story=story, subtitle="Festività, santo patrono, chiusure degli uffici e "
                                           "sospensioni delle lezioni",
                     footer_text=f"Calendario {anno}")
