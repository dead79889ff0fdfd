"""«Equità dei turni» (issue 18 item 4): per person the afternoons, evenings and Saturdays so
far this school year and the days in another plesso, with the spread (most minus fewest) per
profile. A print of its own (``equita-turni``) and the last page of the roster print."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date
from ..queries.school import get_heading, list_sites
from ..queries.staff_fairness import Fairness, staff_fairness
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database

LEGEND = ("Pomeriggi: giornate con un turno che finisce dopo le 15:00; sere: dopo le 18:00; "
          "sabati: sabati lavorati; cambi di plesso: giornate lavorate in un plesso diverso "
          "dal proprio. Le giornate di lavoro agile non sono contate. Scarto: il più alto meno "
          "il più basso tra il personale dello stesso profilo (a tempo parziale i conteggi "
          "sono più bassi per contratto).")
HEADER = ["Giorni", "Pomeriggi", "Sere", "Sabati", "Cambi di plesso"]


def fairness_story(data: Fairness, *, landscape: bool = False) -> list:
    """The tables of the fairness report (also the roster print's last page)."""
    st = get_styles()
    w = body_width(landscape=landscape)
    story: list = [Paragraph(LEGEND, st.small), Spacer(1, 3 * mm)]
    if not data.rows:
        story.append(Paragraph("Nessun dipendente ATA in servizio.", st.normal))
        return story
    num_w = 19 * mm
    profile_w, home_w = (62 if landscape else 40) * mm, 14 * mm
    name_w = w - profile_w - home_w - 5 * num_w
    nums = tuple(range(3, 8))
    rows = [[r.name, r.profile_label, r.home_plesso or "–", str(r.days), str(r.afternoons),
             str(r.evenings), str(r.saturdays), str(r.plesso_changes)] for r in data.rows]
    story += chunked_table(["Dipendente", "Profilo", "Plesso"] + HEADER, rows,
                           [name_w, profile_w, home_w] + [num_w] * 5, money_columns=nums,
                           fixed_columns=nums, landscape=landscape)
    story += [Spacer(1, 4 * mm), Paragraph("Scarto per profilo (più alto meno più basso)",
                                           st.heading)]
    spread_rows = [[s.profile_label, str(s.people), str(s.afternoons), str(s.evenings),
                    str(s.saturdays), str(s.plesso_changes)] for s in data.spreads]
    label_w = w - 5 * num_w
    story += chunked_table(["Profilo", "Persone", "Pomeriggi", "Sere", "Sabati",
                            "Cambi di plesso"], spread_rows, [label_w] + [num_w] * 5,
                           money_columns=tuple(range(1, 6)), fixed_columns=tuple(range(1, 6)),
                           landscape=landscape)
    return story


def fairness_subtitle(data: Fairness, sites: dict[str, str]) -> str:
    where = f"{data.plesso} – {sites.get(data.plesso, '')}" if data.plesso else "tutti i plessi"
    return (f"{where} · dal {format_date(data.start)} al {format_date(data.end)} · a.s. "
            f"{data.school_year}")


def build_fairness(db: Database, out: Path, al: date | None = None,
                   plesso: str | None = None) -> Path:
    """From the start of the school year to ``al`` (default today), of the staff of
    ``plesso`` (a code; default all)."""
    data = staff_fairness(db, al, plesso)
    sites = {s.code: s.name for s in list_sites(db)}
    subtitle = fairness_subtitle(data, sites)
    return build_pdf(out, heading=get_heading(db), title="Equità dei turni",
                     subtitle=subtitle, story=fairness_story(data),
                     footer_text="Equità dei turni del personale ATA")
