"""The absence prints of the ATA staff (issue 16 item 7):

- «Piano ferie estive»: July and August per plesso, one table a month, a row per person and a
  column per day («A» absent, «R» request waiting, «·» on duty, blank: not a working day), the
  count of those on duty per profile under each profile; no cause, to post;
- «Assenze mensili per causa»: days, hours and persons per cause and profile in a month, for
  the ministry's monitoraggi (the confidential causes one by one only for staff.health);
- «Decreto di concessione dell'assenza»: the decree of the dirigente granting an approved
  request;
- «Richieste di assenza»: the requests with their state, filtered by state and period.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from ..domain.dates import MONTHS_IT, WEEKDAYS_IT, format_date
from ..domain.errors import ValidationError
from ..domain.staff import leave as rules
from ..queries.school import get_heading
from ..queries.staff_absences import (
    absence_decree,
    monthly_absences,
    summer_plan,
)
from ..queries.staff_leave import absence_requests
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, key_value_table, signature_block

if TYPE_CHECKING:
    from ..db.engine import Database


# --- piano ferie estive --------------------------------------------------------------------

def build_summer_plan(db: Database, out: Path, estate: int | None = None) -> Path:
    plan = summer_plan(db, estate)
    st = get_styles()
    w = body_width(landscape=True)
    story: list = [Paragraph(
        "Legenda: «A» assente; «R» richiesta in attesa di decisione; «·» in servizio; casella "
        "vuota: giorno non lavorativo dell'orario (domenica, festività) o fuori contratto. "
        "Sotto ogni profilo il numero dei presenti in servizio per giorno. Le cause delle "
        "assenze non sono indicate.", st.small)]
    if not plan.sites:
        story.append(Paragraph("Nessun dipendente ATA in servizio nel periodo.", st.normal))
    name_w = 46 * mm
    for site in plan.sites:
        for days in plan.months:
            day_w = (w - name_w) / len(days)
            header = ["Dipendente"] + [f"{d.day}\n{WEEKDAYS_IT[d.weekday()][:2]}" for d in days]
            rows = []
            for g in site.groups:
                rows += [[p.name] + [p.marks.get(d, "") for d in days] for p in g.people]
                rows.append([f"In servizio:\n{g.profile}"]
                            + [str(g.on_duty(d)) if any(d in p.marks for p in g.people)
                               else "" for d in days])
            story += [CondPageBreak(50 * mm),
                      Paragraph(f"{escape(site.label)} – {MONTHS_IT[days[0].month - 1]} "
                                f"{plan.summer}", st.heading)]
            story += chunked_table(header, rows, [name_w] + [day_w] * len(days),
                                   money_columns=range(1, len(days) + 1), landscape=True)
            story.append(Spacer(1, 3 * mm))
        story += [CondPageBreak(30 * mm),
                  Paragraph(f"{escape(site.label)} – periodi di assenza", st.heading)]
        story += chunked_table(["Dipendente", "Profilo", "Periodi"],
                               [[p.name, g.profile, p.periods] for g in site.groups
                                for p in g.people],
                               [name_w, 50 * mm, w - name_w - 50 * mm], landscape=True)
        story.append(Spacer(1, 4 * mm))
    title = "Piano delle ferie estive del personale ATA"
    return build_pdf(out, heading=get_heading(db), title=title,
                     subtitle=f"dal {format_date(plan.start)} al {format_date(plan.end)} · "
                              "versione da affiggere, senza le cause di assenza",
                     story=story, landscape=True, footer_text=f"{title} {plan.summer}")


# --- assenze mensili -----------------------------------------------------------------------

def build_monthly_absences(db: Database, out: Path, mese: str | None = None) -> Path:
    report = monthly_absences(db, mese)
    st = get_styles()
    w = body_width()
    head = ["Causa", "Profilo", "Persone", "Giorni", "Ore"]
    widths = [w - 110 * mm, 50 * mm, 20 * mm, 20 * mm, 20 * mm]
    story: list = [Paragraph(
        "Giorni: i giorni lavorativi dell'orario di ciascun dipendente compresi nel mese (per "
        "le cause contate a giorni di calendario, come malattia e congedi, i giorni di "
        "calendario); ore: le assenze a ore. Le assenze annullate non sono contate."
        + ("" if report.confidential_shown else
           " Le cause riservate (dati sanitari) sono sommate in una riga e indicate come "
           "«Assenza» nel dettaglio: il dettaglio per causa è riservato al DSGA e al "
           "dirigente."), st.small), Spacer(1, 2 * mm),
        Paragraph("Assenze per causa e profilo", st.heading)]
    rows = [[r.cause if not r.total else f"{r.cause} – totale", r.profile, str(r.persons),
             r.days_text, r.hours_text] for r in report.rows]
    story += chunked_table(head, rows, widths, money_columns=(2, 3, 4))
    story += [Spacer(1, 3 * mm), CondPageBreak(30 * mm),
              Paragraph("Totale per profilo", st.heading)]
    if report.profiles:
        story += chunked_table(head, [[r.cause, r.profile, str(r.persons), r.days_text,
                                       r.hours_text] for r in report.profiles], widths,
                               money_columns=(2, 3, 4))
    else:
        story.append(Paragraph(f"Nessuna assenza registrata in {report.label}.", st.normal))
    if report.detail:
        story += [Spacer(1, 3 * mm), CondPageBreak(30 * mm),
                  Paragraph("Dettaglio per dipendente", st.heading)]
        story += chunked_table(["Dipendente", "Profilo", "Causa", "Periodo nel mese", "Giorni",
                                "Ore"], [list(d) for d in report.detail],
                               [36 * mm, 32 * mm, w - 138 * mm, 42 * mm, 14 * mm, 14 * mm],
                               money_columns=(4, 5))
    title = "Assenze mensili del personale ATA per causa"
    return build_pdf(out, heading=get_heading(db), title=title,
                     subtitle=f"{report.label} · per il monitoraggio delle assenze (cause Covid "
                              "comprese)", story=story, footer_text=f"{title}, {report.label}")


# --- decreto -------------------------------------------------------------------------------

def build_absence_decree(db: Database, out: Path, richiesta: int | None = None) -> Path:
    d = absence_decree(db, richiesta)
    heading = get_heading(db)
    st = get_styles()

    def p(text: str) -> Paragraph:
        return Paragraph(text, st.normal)

    visti = [f"VISTA la richiesta presentata il {d.requested_on} da {escape(d.person)}, "
             f"{escape(d.profile)}" + (f", in servizio presso {escape(d.site)}" if d.site
                                       else "") + ";",
             f"VISTA la normativa che disciplina l'assenza richiesta: {escape(d.source)};",
             "VISTO il CCNL del personale del comparto Istruzione e Ricerca in vigore;"]
    if d.document:
        visti.append(f"VISTA la documentazione prevista: {escape(d.document)};")
    visti.append("ACCERTATO che l'assenza è compatibile con le esigenze di servizio;")
    story: list = [p(f"<b>Decreto di concessione</b> – richiesta n. {d.request_id}"),
                   Spacer(1, 3 * mm), p("<b>IL DIRIGENTE SCOLASTICO</b>"), Spacer(1, 2 * mm)]
    story += [p(v) for v in visti]
    story += [Spacer(1, 3 * mm), p("<b>DECRETA</b>"), Spacer(1, 2 * mm),
              p(f"la concessione a {escape(d.person)} ({escape(d.profile)}) di: "
                f"<b>{escape(d.cause)}</b>, {escape(d.period)}."), Spacer(1, 2 * mm)]
    facts = [("Dipendente", d.person), ("Profilo", d.profile), ("Causa", d.cause),
             ("Riferimento normativo", d.source), ("Periodo", d.period),
             ("Durata", d.length), ("Giorni o ore computati", d.counted),
             ("Trattamento economico", d.paid)]
    if d.account:
        facts.append(("Saldo", d.account))
    if d.decided_on:
        facts.append(("Approvata il", d.decided_on))
    if d.note:
        facts.append(("Note", d.note))
    story += [key_value_table(facts), Spacer(1, 4 * mm),
              p("Il presente decreto è notificato all'interessato e conservato nel fascicolo "
                "personale."), Spacer(1, 10 * mm)]
    story += signature_block(["Il Dirigente Scolastico"], names=[heading.dirigente])
    return build_pdf(out, heading=heading, title="Decreto di concessione dell'assenza",
                     subtitle=f"{d.person} · {d.cause} · {d.period}", story=story,
                     footer_text=f"Decreto di concessione, richiesta n. {d.request_id}",
                     protocol=True)


# --- richieste di assenza ------------------------------------------------------------------

def build_requests(db: Database, out: Path, stato: str | None = None, dal: date | None = None,
                   al: date | None = None) -> Path:
    if stato not in (None, "") and stato not in rules.REQUEST_STATES:
        raise ValidationError({"stato": f"Stato «{stato}» non previsto: "
                                        + ", ".join(rules.REQUEST_STATES) + "."})
    if dal and al and al < dal:
        raise ValidationError({"al": "La data finale precede quella iniziale."})
    rows = absence_requests(db, state=stato or None, start=dal, end=al)
    st = get_styles()
    w = body_width(landscape=True)
    story: list = []
    if not rows:
        story.append(Paragraph("Nessuna richiesta di assenza con questi criteri.", st.normal))
    else:
        story += chunked_table(
            ["N.", "Dipendente", "Causa", "Periodo", "Durata", "Richiesta il", "Stato",
             "Supplente", "Decisione"],
            [[str(r.id), r.person, r.cause, r.period, r.length, r.requested_on, r.state_label,
              r.supplente, r.decision] for r in rows],
            [9 * mm, 36 * mm, 40 * mm, 48 * mm, 16 * mm, 20 * mm, 24 * mm, 34 * mm,
             w - 227 * mm], money_columns=(0, 4), landscape=True)
        counts = {}
        for r in rows:
            counts[r.state_label] = counts.get(r.state_label, 0) + 1
        story += [Spacer(1, 2 * mm), Paragraph(
            "Totale: " + "; ".join(f"{k} {v}" for k, v in counts.items()) + ".", st.small)]
    parts = [rules.REQUEST_STATES[stato] if stato else "tutti gli stati"]
    if dal or al:
        parts.append((f"dal {format_date(dal)} " if dal else "") +
                     (f"al {format_date(al)}" if al else "in poi"))
    return build_pdf(out, heading=get_heading(db), title="Richieste di assenza del personale",
                     subtitle=" · ".join(parts), story=story, landscape=True,
                     footer_text="Richieste di assenza del personale")
