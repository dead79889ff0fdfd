"""Prints of the front desk (areas/office.py): the privacy notice for visitors (Reg. UE
2016/679 art. 13), the register of a day, and the extract for the health authority, whose
reading is recorded (queries/office.extract_visits). Fed by queries/office.py; no Qt here."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date, format_date_long
from ..queries.office import backup_horizon, extract_visits, retention, visits_of_day
from ..queries.school import get_heading, get_school_values
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, signature_block

if TYPE_CHECKING:
    from ..db.engine import Database

HEADER = ["Data", "Entrata", "Uscita", "Visitatore", "Nato il", "Residenza", "Telefono",
          "Motivo", "Persona incontrata", "Inf."]


def _rows(visits, with_day: bool = True) -> list[list[str]]:
    return [[format_date(v.day) if with_day else "", v.time_in_text, v.time_out_text,
             v.visitor_name, format_date(v.birth_date) if v.birth_date else "", v.residence,
             v.phone, v.purpose,
             " – ".join(p for p in (v.person_visited, v.office) if p),
             "sì" if v.privacy_notice else "no"] for v in visits]


def _widths() -> list[float]:
    w = body_width(landscape=True)
    widths = [21 * mm, 16 * mm, 15 * mm, 36 * mm, 21 * mm, 0, 24 * mm, 0, 40 * mm, 10 * mm]
    widths[5] = widths[7] = (w - sum(widths)) / 2
    return widths


def build_privacy_notice(db: Database, out: Path) -> Path:
    """The notice under art. 13 of the GDPR given or shown to every visitor."""
    st = get_styles()
    heading = get_heading(db)
    values, _logo = get_school_values(db)
    kept = retention(db)
    name = escape(values.get("denominazione") or heading.denominazione)
    where = ", ".join(escape(p) for p in (values.get("indirizzo"), values.get("comune")) if p)
    contacts = ", ".join(escape(p) for p in (
        values.get("telefono") and f"tel. {values['telefono']}",
        values.get("email") and f"e-mail {values['email']}",
        values.get("pec") and f"PEC {values['pec']}") if p)
    days = f"{kept.days} giorni" + (" (valore predefinito)" if kept.is_default else "")
    sections = [
        ("Titolare del trattamento",
         f"{name}{', ' + where if where else ''}, in persona del Dirigente scolastico "
         f"{escape(values.get('dirigente') or '')} pro tempore"
         f"{'; ' + contacts if contacts else ''}. Il Responsabile della protezione dei dati "
         "(RPD/DPO) è raggiungibile ai recapiti pubblicati sul sito dell'istituto."),
        ("Dati trattati",
         "Nome e cognome, data di nascita, residenza, recapito telefonico, data e ora di "
         "entrata e di uscita, motivo della visita e persona o ufficio incontrato."),
        ("Finalità e base giuridica",
         "Le misure di sanità pubblica disposte dal Dirigente scolastico per l'accesso ai "
         "locali: accesso su appuntamento e registro dei visitatori, per consentire "
         "all'autorità sanitaria di ricostruire i contatti in caso di necessità. Il "
         "trattamento è necessario per adempiere un obbligo di legge e per motivi di "
         "interesse pubblico nel settore della sanità pubblica (Reg. UE 2016/679 art. 6 "
         "par. 1 lett. c) ed e), art. 9 par. 2 lett. i))."),
        ("Conferimento",
         "Il conferimento dei dati è necessario per accedere ai locali dell'istituto: senza "
         "di essi l'accesso non è consentito."),
        ("Destinatari",
         "I dati sono trattati dal personale autorizzato dell'ufficio e non sono diffusi. "
         "Sono comunicati soltanto all'autorità sanitaria competente (ASL) che li richieda; "
         "ogni comunicazione è registrata."),
        ("Conservazione",
         f"I dati sono conservati per {days} dalla visita e poi cancellati automaticamente. "
         "Le copie di sicurezza cifrate dell'archivio, che contengono anche il registro dei "
         f"giorni in cui sono fatte, sono conservate per circa {backup_horizon(db)} e poi "
         "eliminate; si aprono soltanto con la passphrase del DSGA e solo per ripristinare "
         "l'archivio, e dopo un ripristino le registrazioni scadute sono cancellate di nuovo "
         "alla prima apertura del programma."),
        ("Diritti dell'interessato",
         "L'interessato può chiedere al titolare l'accesso ai propri dati, la rettifica, la "
         "cancellazione nei limiti di legge, la limitazione del trattamento e opporsi al "
         "trattamento (artt. 15-22 del Regolamento), e ha diritto di proporre reclamo al "
         "Garante per la protezione dei dati personali (art. 77)."),
    ]
    story: list = [Paragraph("Informativa sul trattamento dei dati personali dei visitatori",
                             st.title),
                   Paragraph("ai sensi dell'art. 13 del Regolamento (UE) 2016/679 (GDPR)",
                             st.normal), Spacer(1, 4 * mm)]
    for title, text in sections:
        story += [Paragraph(title, st.heading), Paragraph(text, st.normal)]
    story += [Spacer(1, 8 * mm)] + signature_block(["Il Dirigente scolastico"])
    return build_pdf(out, heading=heading, title="Informativa privacy ai visitatori",
                     story=story, footer_text="Informativa ai visitatori (GDPR art. 13)")


def build_day_register(db: Database, out: Path, data: date | None = None) -> Path:
    """The register of visitors of one day."""
    st = get_styles()
    day = data or date.today()
    visits = visits_of_day(db, day)
    story: list = [Paragraph(f"Registro dei visitatori – {format_date_long(day)}", st.title),
                   Paragraph(f"{len(visits)} visite. Dati conservati per "
                             f"{retention(db).label}, poi cancellati automaticamente.",
                             st.normal), Spacer(1, 3 * mm)]
    if visits:
        story += chunked_table(HEADER, _rows(visits), _widths(), landscape=True)
    else:
        story.append(Paragraph("Nessun visitatore registrato.", st.normal))
    return build_pdf(out, heading=get_heading(db), title="Registro dei visitatori",
                     story=story, subtitle=format_date(day), landscape=True,
                     footer_text="Registro dei visitatori – dati personali riservati")


def build_extract(db: Database, out: Path, dal: date, al: date) -> Path:
    """The visits of the days asked by the health authority; the extraction is recorded."""
    st = get_styles()
    visits = extract_visits(db, dal, al)
    user = getattr(db, "current_user", None)
    who = (getattr(user, "full_name", "") or getattr(user, "username", "")) if user else ""
    story: list = [
        Paragraph("Estratto del registro dei visitatori per l'autorità sanitaria", st.title),
        Paragraph(f"Visite dal {format_date(dal)} al {format_date(al)}: {len(visits)}. "
                  f"Estratto da {escape(who)}; l'estrazione è registrata nel registro delle "
                  "modifiche dell'istituto.", st.normal), Spacer(1, 3 * mm)]
    if visits:
        story += chunked_table(HEADER, _rows(visits), _widths(), landscape=True)
    else:
        story.append(Paragraph("Nessuna visita nel periodo.", st.normal))
    story += [Spacer(1, 8 * mm)] + signature_block(["Il Dirigente scolastico"])
    return build_pdf(out, heading=get_heading(db), title="Estratto del registro visitatori",
                     story=story, subtitle=f"dal {format_date(dal)} al {format_date(al)}",
                     landscape=True, footer_text="Estratto per l'ASL – dati personali riservati")
