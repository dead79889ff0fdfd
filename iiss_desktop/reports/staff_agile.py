"""Two personal documents of the ATA staff, printed for signature:

- «Accordo individuale di lavoro agile» (CCNL Istruzione e Ricerca 2019-21 art. 13; L. 81/2017
  artt. 18-23): the parties, the legal references, period, days of the week, activities,
  fascia di contattabilità and right to disconnect, tools, working time and the institutes not
  used on agile days, safety (informativa, art. 22 L. 81/2017), withdrawal, signatures;
- «Ordine di servizio»: the service the DSGA and the dirigente assign to one employee: weekly
  pattern in force, assignment and duties of the Piano delle attività, lavoro agile, the
  service day by day in the period with the changes set by hand; signatures and the
  employee's receipt.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import WEEKDAYS_IT, format_date
from ..domain.protocol import ProtocolMark
from ..domain.staff.band_text import format_weekdays
from ..domain.staff.times import format_duration
from ..queries.school import get_heading, get_school_values
from ..queries.staff_agile import agreement_document
from ..queries.staff_order import service_order
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from .wording import dirigente_on, dsga_on

if TYPE_CHECKING:
    from ..db.engine import Database


def _p(text: str, style) -> Paragraph:
    return Paragraph(text, style)


def _bands_words(band_text: str) -> str:
    """«09:00-12:00; 15:00-16:00» -> «dalle 09:00 alle 12:00 e dalle 15:00 alle 16:00»."""
    parts = []
    for piece in band_text.split(";"):
        start, _, end = piece.strip().partition("-")
        parts.append(f"dalle {start.strip()} alle {end.split()[0] if end else ''}")
    return " e ".join(parts)


def _person_line(person) -> str:
    text = (f"<b>{escape(person.full_name)}</b>, codice fiscale {escape(person.codice_fiscale)}, "
            f"{escape(person.profile_label.lower())}")
    if person.site_name:
        text += f", in servizio presso il plesso {escape(person.site_name)}"
    if person.contract_label:
        text += (f", con contratto a {escape(person.contract_label.lower())}"
                 if person.contract_label.lower().startswith("tempo")
                 else f", con contratto «{escape(person.contract_label)}»")
        text += f" ({escape(person.working_time)} settimanali)"
    return text


# --- accordo individuale di lavoro agile ---------------------------------------------------

REFERENCES = (
    "la legge 22 maggio 2017, n. 81, artt. 18-23, sul lavoro agile, e in particolare l'art. 19 "
    "(forma e recesso), l'art. 22 (sicurezza sul lavoro) e l'art. 23 (assicurazione contro gli "
    "infortuni);",
    "il CCNL del comparto Istruzione e Ricerca 2019-2021, sottoscritto il 18 gennaio 2024, "
    "Titolo III «Lavoro a distanza», artt. 10-15, e in particolare l'art. 13 (accordo "
    "individuale) e l'art. 14 (articolazione della prestazione e diritto alla disconnessione);",
    "la Circolare n. 2/2020 del Ministro per la Pubblica Amministrazione sul lavoro agile "
    "nelle pubbliche amministrazioni;",
    "il D.Lgs. 9 aprile 2008, n. 81, sulla tutela della salute e della sicurezza nei luoghi di "
    "lavoro, e il Regolamento (UE) 2016/679 sulla protezione dei dati personali;",
    "la richiesta del dipendente e la compatibilità delle attività indicate con "
    "l'organizzazione dei servizi amministrativi e tecnici dell'istituto;",
)


def _articles(doc, st) -> list:
    a, person = doc.agreement, doc.person
    days = format_weekdays(a.weekdays)
    plural = len(a.weekdays) > 1
    articles = [
        ("Oggetto e durata",
         [f"Il dipendente svolge la prestazione lavorativa in modalità agile, in parte "
          f"all'esterno dei locali dell'istituto e senza una postazione fissa, dal "
          f"<b>{format_date(a.valid_from)}</b> al <b>{format_date(a.valid_to)}</b>. Il lavoro "
          "agile è volontario e non modifica il rapporto di lavoro, la sede di servizio, il "
          "trattamento economico e i diritti sindacali del dipendente."]),
        ("Giorni di lavoro agile",
         [f"La prestazione in modalità agile si svolge {'nei giorni' if plural else 'il'} "
          f"<b>{escape(days)}</b> di ogni settimana; negli altri giorni il dipendente presta "
          "servizio in sede secondo l'orario settimanale assegnato. Per esigenze di servizio "
          "motivate il Dirigente scolastico o il DSGA possono chiedere la presenza in sede in "
          "un giorno di lavoro agile, con un preavviso di norma di almeno un giorno "
          "lavorativo."]),
        ("Attività da svolgere a distanza",
         ["Nei giorni di lavoro agile il dipendente svolge le seguenti attività, per fasi, "
          "cicli e obiettivi, secondo le indicazioni del DSGA:"]
         + [f"– {escape(x)}" for x in a.activities]),
        ("Fascia di contattabilità e diritto alla disconnessione",
         [f"Nei giorni di lavoro agile il dipendente è contattabile per telefono, posta "
          f"elettronica o strumenti analoghi <b>{escape(_bands_words(a.contact_band))}</b> "
          "(fascia di contattabilità, CCNL 2019-21 art. 14)."
          , "Fuori dalla fascia di contattabilità il dipendente ha diritto alla "
            "disconnessione: non è tenuto a leggere la posta elettronica, a rispondere a "
            "telefonate e messaggi né ad accedere ai sistemi dell'istituto. Dalle 22:00 alle "
            "6:00 del giorno successivo (fascia di inoperabilità) e nei giorni festivi non "
            "svolge alcuna prestazione."]),
        ("Orario di lavoro e istituti contrattuali",
         [f"Il lavoro agile rispetta la durata massima dell'orario giornaliero e settimanale "
          f"del contratto ({escape(person.working_time)} settimanali). Nelle giornate di lavoro "
          "agile non sono previste prestazioni aggiuntive (straordinario) né la fruizione di "
          "riposi compensativi o di permessi brevi; restano le assenze giornaliere previste "
          "dal contratto (ferie, malattia, permessi retribuiti), comunicate con le modalità "
          "ordinarie."]),
        ("Strumenti di lavoro e riservatezza",
         [f"Strumenti: <b>{escape(a.tools_label)}</b>. Il dipendente custodisce con diligenza "
          "gli strumenti, li usa solo per l'attività lavorativa, accede ai servizi "
          "dell'istituto con le proprie credenziali e tratta i dati personali secondo le "
          "istruzioni ricevute come autorizzato al trattamento, garantendo la riservatezza "
          "dei documenti e delle informazioni."]),
        ("Sicurezza sul lavoro",
         ["All'atto della sottoscrizione il dipendente riceve l'informativa scritta sui rischi "
          "generali e specifici connessi alla modalità di lavoro agile (art. 22 della legge "
          "81/2017), che il Dirigente scolastico rinnova almeno una volta all'anno; il "
          "dipendente coopera all'attuazione delle misure di prevenzione e sceglie luoghi di "
          "lavoro idonei e sicuri. È tutelato contro gli infortuni e le malattie professionali "
          "anche nel tragitto tra l'abitazione e il luogo scelto (art. 23)."]),
        ("Recesso",
         ["Ciascuna delle parti può recedere dall'accordo prima del termine in presenza di un "
          "giustificato motivo (art. 19, comma 2, della legge 81/2017). Il recesso, la modifica "
          "dei giorni o delle attività si fanno per iscritto; l'accordo annullato resta agli "
          "atti."]),
    ]
    story: list = []
    for n, (title, paragraphs) in enumerate(articles, 1):
        story.append(_p(f"Art. {n} – {title}", st.heading))
        story += [_p(text, st.normal) for text in paragraphs]
    return story


def build_agile_agreement(db: Database, out: Path, accordo: int | None = None) -> Path:
    """Agreement ``accordo`` (its id; default: the one signed last, not annulled)."""
    st = get_styles()
    doc = agreement_document(db, accordo)
    a, person = doc.agreement, doc.person
    heading = get_heading(db)
    place = get_school_values(db)[0].get("comune") or ""
    dirigente = dirigente_on(db, a.signed_on, heading.dirigente)
    story: list = []
    if a.annulled_on:
        story += [_p(f"<b>ACCORDO ANNULLATO il {format_date(a.annulled_on)}: "
                     f"{escape(a.annul_reason)}</b>", st.heading)]
    story += [
        _p("Tra", st.normal),
        _p(f"l'<b>{escape(heading.denominazione)}</b>"
           + (f", codice fiscale {escape(heading.codice_fiscale)}"
              if heading.codice_fiscale else "")
           + ", rappresentato dal Dirigente scolastico "
           + (f"<b>{escape(dirigente)}</b>" if dirigente else "pro tempore"), st.normal),
        _p("e", st.normal),
        _p(_person_line(person) + " (di seguito «dipendente»),", st.normal),
        Spacer(1, 2 * mm),
        _p("Visti", st.heading),
    ]
    story += [_p(f"– {text}", st.normal) for text in REFERENCES]
    story += [_p("si conviene quanto segue.", st.normal)]
    story += _articles(doc, st)
    closing = [Spacer(1, 3 * mm), _p(
        "Letto, approvato e sottoscritto in due originali, uno per ciascuna parte. Il "
        "dipendente dichiara di aver ricevuto l'informativa sulla sicurezza di cui all'art. 7.",
        st.normal)]
    story += keep_with_signatures(closing, signature_block(
        ["Il Dirigente scolastico", "Il/La dipendente"], place=place, when=a.signed_on,
        names=[dirigente, person.full_name]))
    protocol = ProtocolMark(a.protocol, a.signed_on) if a.protocol else True
    return build_pdf(
        out, heading=heading, story=story, protocol=protocol,
        title="Accordo individuale di lavoro agile",
        subtitle=f"{person.full_name} – {person.profile_label} · {a.period} · "
                 f"{format_weekdays(a.weekdays)}",
        footer_text=f"Accordo di lavoro agile – {person.full_name}")


# --- ordine di servizio --------------------------------------------------------------------

def _pattern_rows(pattern) -> list[list[str]]:
    rows = []
    for wd in range(6):
        text = pattern.days.get(wd, "")
        if wd in pattern.agile_weekdays and text:
            text = f"Lavoro agile {text}"
        rows.append([WEEKDAYS_IT[wd].capitalize(), text or "Libero"])
    return rows


def _plan_text(plan) -> str:
    text = "del Piano delle attività del personale ATA"
    if plan is None:
        return text + " (non ancora redatto per l'anno scolastico)"
    text += f" a.s. {plan.year_label}, versione {plan.version}"
    if not plan.adopted:
        return text + ", in bozza non ancora adottata"
    text += f", adottato il {format_date(plan.adopted_on)}"
    return text + (f" (prot. n. {plan.protocol})" if plan.protocol else "")


def build_service_order(db: Database, out: Path, persona: int | str | None = None,
                        dal: date | None = None, al: date | None = None) -> Path:
    """The ordine di servizio of ``persona`` (id or codice fiscale) from ``dal`` to ``al``
    (default: the current week)."""
    st = get_styles()
    order = service_order(db, persona, dal, al)
    person = order.person
    heading = get_heading(db)
    place = get_school_values(db)[0].get("comune") or ""
    w = body_width()
    story: list = [key_value_table([
        ("Dipendente", person.full_name),
        ("Codice fiscale", person.codice_fiscale),
        ("Profilo", person.profile_label),
        ("Plesso di servizio", person.site or "—"),
        ("Contratto", f"{person.contract_label} – {person.working_time}"
         if person.contract_label else "nessun contratto in corso"),
        ("Periodo", f"dal {format_date(order.start)} al {format_date(order.end)}"),
    ]), Spacer(1, 3 * mm)]
    plan_text = _plan_text(order.plan)
    story.append(_p(
        "Visti l'art. 53 del CCNL 29/11/2007 e il Piano delle attività del personale ATA, "
        "il Direttore dei servizi generali e amministrativi, d'intesa con il Dirigente "
        f"scolastico, dispone che <b>{escape(person.full_name)}</b> presti servizio come "
        "segue.", st.normal))
    story.append(_p("1. Orario settimanale", st.heading))
    if order.pattern:
        p = order.pattern
        story.append(_p(f"{escape(p.name or 'Orario')} {p.period}, "
                        f"{format_duration(p.weekly_minutes)} settimanali"
                        + (f", plesso {escape(p.plesso)}" if p.plesso else "")
                        + (" (orario plurisettimanale)" if p.plurisettimanale else "") + ".",
                        st.normal))
        story += chunked_table(["Giorno", "Fasce orarie"], _pattern_rows(p),
                               [40 * mm, w - 40 * mm])
    else:
        story.append(_p("<i>Nessun orario settimanale registrato per il periodo.</i>",
                        st.normal))
    story.append(_p("2. Assegnazione e compiti", st.heading))
    if order.assignments:
        story.append(_p(f"Secondo l'assegnazione {escape(plan_text)}:", st.normal))
        story += chunked_table(
            ["Plesso", "Assegnazione", "Compiti"],
            [[x.site_code, x.place_kind_label + (f": {x.place}" if x.place else ""), x.duties]
             for x in order.assignments], [20 * mm, 50 * mm, w - 70 * mm])
    else:
        story.append(_p(f"<i>Nessuna assegnazione nominativa {escape(plan_text)}: compiti "
                        "del profilo secondo il Piano.</i>", st.normal))
    n = 3
    if order.agreement:
        a = order.agreement
        story.append(_p(f"{n}. Lavoro agile", st.heading))
        story.append(_p(
            f"Nei giorni di {escape(a.days_label)} la prestazione si svolge in modalità agile "
            f"secondo l'accordo individuale sottoscritto il {format_date(a.signed_on)} ({a.period}"
            + (f", prot. n. {escape(a.protocol)}" if a.protocol else "")
            + f"), con fascia di contattabilità {escape(_bands_words(a.contact_band))}.",
            st.normal))
        n += 1
    # The service of the period stays with the signatures (they sign what it says).
    period: list = [_p(f"{n}. Servizio nel periodo", st.heading)]
    changed = order.changed_days
    period.append(_p(
        ("Le giornate contrassegnate come «variazione» sono disposte in luogo dell'orario "
         "settimanale, con il motivo indicato." if changed else
         "Nel periodo non ci sono variazioni all'orario settimanale."), st.small))
    period += chunked_table(
        ["Giorno", "Servizio", "Variazione e note"],
        [[f"{WEEKDAYS_IT[d.day.weekday()].capitalize()} {format_date(d.day)}",
          d.service.replace("; ", "\n"),
          ("Variazione" + (f": {d.note}" if d.note else "")) if d.hand_set else d.note]
         for d in order.days], [42 * mm, 60 * mm, w - 102 * mm])
    today = date.today()
    dsga = dsga_on(db, today, heading.dsga)
    dirigente = dirigente_on(db, today, heading.dirigente)
    closing = period + [Spacer(1, 3 * mm), _p(
        "Eventuali variazioni sono disposte per iscritto. Il dipendente firma per ricevuta.",
        st.normal)]
    story += keep_with_signatures(closing, signature_block(
        ["Il DSGA", "Il Dirigente scolastico", "Per ricevuta, il dipendente"], place=place,
        names=[dsga, dirigente, person.full_name]))
    return build_pdf(
        out, heading=heading, story=story, protocol=True, title="Ordine di servizio",
        subtitle=f"{person.full_name} – {person.profile_label} · dal "
                 f"{format_date(order.start)} al {format_date(order.end)}",
        footer_text=f"Ordine di servizio – {person.full_name}")
