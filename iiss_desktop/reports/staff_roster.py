"""«Turni del personale ATA»: the roster of a period per plesso, one table per week (staff by
day), to post on the notice board: it shows the hours, lavoro agile, holidays and closures and
no cause of absence. The problems of the checks are not printed (they are the office's work,
not the notice board's); their count is, so a roster with open problems is not posted unseen.
The last page is the «Equità dei turni» up to the roster's last day (reports/staff_fairness).
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

from ..domain.dates import WEEKDAYS_IT, SchoolYear, format_date
from ..domain.errors import ValidationError
from ..domain.staff.times import format_duration
from ..queries.school import get_heading, list_sites
from ..queries.staff_roster import roster
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database


def _month(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def build_roster(db: Database, out: Path, dal: date | None = None, al: date | None = None,
                 plesso: str | None = None) -> Path:
    """The roster from ``dal`` to ``al`` (default: the current month) of ``plesso`` (a code;
    default all), cut into calendar weeks."""
    if dal is None:
        dal, default_end = _month(date.today())
        al = al or default_end
    al = al or dal + timedelta(days=6)
    if al < dal:
        raise ValidationError({"al": "La data finale precede quella iniziale."})
    year = SchoolYear.of(dal)
    al = min(al, year.end)
    sites = {s.code: s.name for s in list_sites(db)}
    if plesso and plesso not in sites:
        raise ValidationError({"plesso": f"Plesso «{plesso}» inesistente: "
                                         + ", ".join(sorted(sites)) + "."})
    view = roster(db, dal, al, plesso)
    st = get_styles()
    w = body_width(landscape=True)
    count = view.problem_count
    story: list = [Paragraph(
        "Legenda: «Lavoro agile» giornata di lavoro agile; «Festivo» festività; «Chiuso» "
        "chiusura degli uffici. " + (f"Controlli dell'orario: {count} da verificare in "
                                      "segreteria prima dell'affissione." if count else
                                      "Controlli dell'orario: nessun problema."), st.small)]
    if not view.people:
        story.append(Paragraph("Nessun dipendente ATA in servizio nel periodo.", st.normal))
    monday = dal - timedelta(days=dal.weekday())
    while monday <= al:
        days = [monday + timedelta(days=i) for i in range(7)
                if dal <= monday + timedelta(days=i) <= al]
        header = ["Dipendente"] + [f"{WEEKDAYS_IT[d.weekday()][:3]} {format_date(d)[:5]}"
                                   for d in days] + ["Ore"]
        rows = []
        for p in view.people:
            cells = [view.cell(p.id, d) for d in days]
            minutes = sum(c.worked for c in cells)
            rows.append([f"{p.name}\n{p.profile_label}"]
                        + [c.text.replace("; ", "\n") for c in cells]
                        + [format_duration(minutes) if minutes else "–"])
        name_w, hours_w = 48 * mm, 24 * mm
        day_w = (w - name_w - hours_w) / 7
        story += [CondPageBreak(40 * mm),
                  Paragraph(f"Settimana dal {format_date(days[0])} al {format_date(days[-1])}",
                            st.heading)]
        story += chunked_table(header, rows, [name_w] + [day_w] * len(days) + [hours_w],
                               money_columns=(len(days) + 1,), landscape=True)
        notes = [f"{format_date(d)}: {view.calendar[d]}" for d in days if d in view.calendar]
        if notes:
            story.append(Paragraph("Calendario: " + "; ".join(notes) + ".", st.small))
        story.append(Spacer(1, 4 * mm))
        monday += timedelta(days=7)
    if view.people:
        from ..queries.staff_fairness import staff_fairness
        from .staff_fairness import fairness_story, fairness_subtitle

        fair = staff_fairness(db, al, plesso)
        story += [PageBreak(), Paragraph("Equità dei turni", st.heading),
                  Paragraph(fairness_subtitle(fair, sites), st.small)]
        story += fairness_story(fair, landscape=True)
    where = f"{plesso} – {sites[plesso]}" if plesso else "tutti i plessi"
    return build_pdf(out, heading=get_heading(db), title="Turni del personale ATA",
                     subtitle=f"{where} · dal {format_date(dal)} al {format_date(al)} · a.s. "
                              f"{year.label}", story=story, landscape=True,
                     footer_text=f"Turni del personale ATA, {where}")
