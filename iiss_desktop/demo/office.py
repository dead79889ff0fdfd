"""Demo of the front desk: appointments and visits of the last three weeks, the ones older
than the retention (14 days, the default) already purged by the daily purge; today's
appointments, two visitors come and gone, two still inside; appointments of the next days.
Names are invented."""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from ..db.engine import Database
from ..domain.calendar import OFFICE_CLOSED
from ..domain.office import is_holiday
from ..queries.school import list_calendar
from ..services import office as svc
from .days import office_day
from .users import DEMO_DIRIGENTE, DEMO_DSGA, acting_as

VISITORS = (
    ("Giulia Ferrandi", date(1979, 3, 14), "Via Roma 12, Castelverde", "333 1234567"),
    ("Marco Lisciotto", date(1985, 11, 2), "Via dei Tigli 4, Castelverde", "347 7654321"),
    ("Anna Quartarone", date(1990, 6, 21), "Piazza Garibaldi 1, Borgonuovo", "320 1122334"),
    ("Paolo Venturelli", date(1968, 1, 30), "Via Manzoni 27, Castelverde", "339 9988776"),
    ("Rita Sbaraglia", date(1982, 9, 9), "Via Verdi 3, Borgonuovo", "328 5566778"),
    ("Luca Pennacchi", date(1975, 12, 5), "Corso Italia 88, Castelverde", "345 4433221"),
)
PURPOSES = (("Segreteria didattica", "Iscrizione del figlio alla classe prima", "Sig.ra Bianchi"),
            ("Ufficio del personale", "Consegna di documenti per la supplenza", "Sig. Rossi"),
            ("Dirigenza", "Colloquio con il dirigente", "Dirigente scolastico"),
            ("Ufficio contabilità", "Consegna della fattura", "DSGA"),
            ("Protocollo", "Consegna di una domanda", "Sig.ra Neri"))


def _closed_days(db: Database, today: date) -> set[date]:
    """The days the school's calendar closes the offices (patron saint, closures)."""
    return {c.day for year in {today.year - 1, today.year, today.year + 1}
            for c in list_calendar(db, year) if c.kind in OFFICE_CLOSED}


def generate_office(db: Database, rng: random.Random, size: str,
                    today: date | None = None) -> None:
    del size
    rng = random.Random(19)      # its own sequence: the other areas' demo stays the same
    today = today or date.today()
    closed = _closed_days(db, today)

    def _open_day(d: date) -> bool:
        return d.weekday() < 6 and not is_holiday(d) and d not in closed

    with acting_as(db, DEMO_DSGA):
        for back in range(21, 0, -1):
            day = today - timedelta(days=back)
            if not _open_day(day):
                continue
            for n in range(rng.randint(1, 3)):
                name, born, residence, phone = rng.choice(VISITORS)
                office, purpose, person = rng.choice(PURPOSES)
                start = 8 * 60 + 30 + 60 * n + rng.choice((0, 15, 30))
                appointment = None
                if n % 2 == 0:
                    appointment = svc.book_appointment(
                        db, office=office, day=day, slot_start=start, slot_end=start + 30,
                        visitor_name=name, phone=phone, purpose=purpose, person_to_meet=person)
                vid = svc.record_arrival(
                    db, svc.VisitInput(name, born, residence, phone, purpose, person, office,
                                       privacy_notice=True),
                    day=day, time_in=start + rng.randint(0, 10), appointment_id=appointment)
                svc.record_exit(db, vid, time_out=start + rng.randint(15, 45))
        svc.purge_expired(db, today, once_a_day=False)
        # Today: four appointments, three kept; a walk-in; two visitors still inside.
        if _open_day(today):
            booked = []
            for n, (office, purpose, person) in enumerate(PURPOSES[:4]):
                name, _born, _res, phone = VISITORS[n]
                booked.append(svc.book_appointment(
                    db, office=office, day=today, slot_start=9 * 60 + 30 * n,
                    slot_end=9 * 60 + 30 * n + 30, visitor_name=name, phone=phone,
                    purpose=purpose, person_to_meet=person))
            for n, appointment in enumerate(booked[:3]):
                name, born, residence, phone = VISITORS[n]
                vid = svc.record_arrival(
                    db, svc.VisitInput(name, born, residence, phone, privacy_notice=True),
                    day=today, time_in=9 * 60 + 30 * n + 2, appointment_id=appointment)
                if n < 2:
                    svc.record_exit(db, vid, time_out=9 * 60 + 30 * n + 25)
            name, born, residence, phone = VISITORS[4]
            office, purpose, person = PURPOSES[4]
            svc.record_arrival(db, svc.VisitInput(name, born, residence, phone, purpose, person,
                                                  office, privacy_notice=True),
                               day=today, time_in=10 * 60 + 40)
        for ahead in range(1, 4):
            day = today + timedelta(days=ahead)
            if not _open_day(day):
                continue
            name, _born, _res, phone = VISITORS[ahead]
            office, purpose, person = PURPOSES[ahead]
            svc.book_appointment(db, office=office, day=day, slot_start=11 * 60,
                                 slot_end=11 * 60 + 30, visitor_name=name, phone=phone,
                                 purpose=purpose, person_to_meet=person)
    generate_documents(db, today)


# --- communications with outside bodies, referenti Covid, monitoraggi (issue 19 item 2) ---

# In the order of the plessi's names: infanzia, primaria, secondaria.
REFERENTS = (("Ins. Roberta Salvi", "docente", "06 9630 0013", "r.salvi@icrodari.edu.it"),
             ("Ins. Daniela Pace", "docente", "06 9630 0012", "d.pace@icrodari.edu.it"),
             ("Prof.ssa Laura Cimino", "docente", "06 9630 0011", "l.cimino@icrodari.edu.it"))
# (day, direction, body, channel, subject, summary, protocol): the fact of each exchange,
# without health data of named persons.
COMMUNICATIONS = (
    (date(2020, 9, 14), "ricevuta", "USR", "PEC",
     "Nota USR Lazio: indicazioni operative per la gestione dei casi nelle scuole",
     "Nota trasmessa ai referenti Covid dei plessi.", "4102/2020"),
    (date(2020, 10, 19), "ricevuta", "ASL", "PEC",
     "Richiesta dei contatti scolastici di una classe della primaria",
     "Richiesta del Dipartimento di prevenzione; elenco preparato dal referente Covid.",
     "4870/2020"),
    (date(2020, 10, 20), "inviata", "ASL", "PEC",
     "Trasmissione dell'elenco dei contatti scolastici richiesto",
     "Elenco inviato al Dipartimento di prevenzione come richiesto.", "4895/2020"),
    (date(2020, 10, 20), "ricevuta", "ASL", "PEC",
     "Disposizione di quarantena di una classe", "Disposizione ricevuta; famiglie avvisate "
     "dalla segreteria didattica.", "4901/2020"),
    (date(2020, 11, 6), "inviata", "Comune", "PEC",
     "Richiesta di sanificazione straordinaria della palestra della primaria", "", "5233/2020"),
    (date(2020, 11, 23), "ricevuta", "Prefettura", "PEC",
     "Tavolo di coordinamento per il trasporto scolastico: convocazione", "", "5530/2020"),
    (date(2021, 1, 8), "ricevuta", "Ministero dell'Istruzione", "PEC",
     "Nota sul rientro in presenza e la rilevazione dei DPI", "", "112/2021"),
    (date(2021, 2, 2), "ricevuta", "Referente Covid", "E-mail",
     "Segnalazione al dirigente di un caso nell'infanzia (dati all'ASL, non qui)",
     "La segnalazione è stata inoltrata al Dipartimento di prevenzione.", ""),
    (date(2021, 2, 3), "inviata", "ASL", "Telefono",
     "Contatto con il Dipartimento di prevenzione per l'infanzia",
     "Concordate le modalità di comunicazione alle famiglie.", ""),
    (date(2021, 3, 5), "ricevuta", "USR", "PEC",
     "Nota USR: sospensione delle attività didattiche in presenza in zona rossa", "",
     "1190/2021"),
    (date(2021, 4, 12), "ricevuta", "ASL", "PEC",
     "Calendario delle vaccinazioni del personale scolastico",
     "Calendario pubblicato nell'area riservata al personale.", "1602/2021"),
    (date(2021, 5, 20), "inviata", "USR", "PEC",
     "Riscontro alla rilevazione sul personale aggiuntivo Covid", "", "2014/2021"),
)


def generate_office_late(db: Database, rng: random.Random, size: str,
                         today: date | None = None) -> None:
    """After every area's demo: the surveys gather the comodati the Inventario's late demo
    records."""
    del rng, size
    generate_communications(db, today or date.today())


def generate_communications(db: Database, today: date) -> None:
    from ..domain import office_comms as rules
    from ..queries.office_comms import site_choices
    from ..services import office_comms as comms

    with acting_as(db, DEMO_DSGA):
        for (site_id, _name), (person, role, phone, email) in zip(
                site_choices(db), REFERENTS, strict=False):
            comms.add_referent(db, comms.ReferentInput(
                site_id, person, date(2020, 9, 1), "referente", role, phone, email))
        main_site = site_choices(db)[-1][0]
        old = comms.add_referent(db, comms.ReferentInput(
            main_site, "Prof. Marco Testa", date(2020, 9, 1), "sostituto", "docente"))
        comms.end_referent(db, old, date(2021, 1, 31))
        comms.add_referent(db, comms.ReferentInput(
            main_site, "Prof.ssa Giovanna Riva", date(2021, 2, 1), "sostituto", "docente"))
        for c in COMMUNICATIONS:
            comms.record_communication(db, comms.CommunicationInput(*c))
        duplicate = comms.record_communication(db, comms.CommunicationInput(*COMMUNICATIONS[2]))
        comms.annul_communication(db, duplicate, "Registrata due volte")
        dpi = comms.create_survey(db, comms.SurveyInput(
            "Rilevazione dei DPI distribuiti al personale", "Ministero dell'Istruzione",
            rules.DPI, date(2021, 5, 1), date(2021, 6, 30), date(2021, 7, 15),
            "Nota MI del 08/01/2021"))
        loans = comms.create_survey(db, comms.SurveyInput(
            "Dispositivi digitali concessi in comodato d'uso", "USR", rules.LOANS,
            date(2025, 9, 1), date(2026, 6, 30), date(2026, 7, 15),
            "Nota USR Lazio – rilevazione annuale"))
        for sid, sent_on, protocol in ((dpi, date(2021, 7, 9), "2873/2021"),
                                       (loans, date(2026, 7, 10), "3011/2026")):
            checked = datetime.combine(sent_on - timedelta(days=1), time(11, 30))
            comms.gather_survey(db, sid, at=checked - timedelta(hours=2))
            comms.verify_survey(db, sid, at=checked)
            comms.send_survey(db, sid, sent_on=sent_on, channel="Piattaforma",
                              protocol=protocol)
        # Due in a few days, gathered, still to check: on the start page.
        month_end = today.replace(day=1) - timedelta(days=1)
        absences = comms.create_survey(db, comms.SurveyInput(
            f"Assenze del personale – {month_end:%m/%Y}", "Ministero dell'Istruzione",
            rules.ABSENCES, month_end.replace(day=1), month_end,
            office_day(today + timedelta(days=3)),
            "Rilevazione mensile delle assenze"))
        comms.gather_survey(db, absences)
        comms.create_survey(db, comms.SurveyInput(
            "Fondi impegnati e spesi per l'emergenza", "USR", rules.FUNDS,
            date(today.year, 1, 1), month_end, office_day(today + timedelta(days=12)),
            "Monitoraggio delle risorse assegnate"))


DIRECTIVE_2020 = {
    "riferimenti_emergenza": "il D.M. 26 giugno 2020, n. 39 (Piano scuola 2020-2021), il D.M. "
                             "6 agosto 2020, n. 87 (Protocollo di sicurezza per la ripresa "
                             "delle scuole) e il Documento tecnico del CTS",
    "orario_sportello": "dal lunedì al venerdì dalle 9:00 alle 12:00, su appuntamento "
                        "telefonico o via e-mail",
    "giorni_conservazione": "14",
    "ufficio_comunicazioni": "di segreteria del personale, in raccordo con il referente "
                             "scolastico Covid",
    "ulteriori_disposizioni": "",
}


def generate_documents(db: Database, today: date) -> None:
    """Two documents from the program's templates: the dirigente's emergency directive of
    September 2020 (protocolled), and this year's decree naming a sub-consegnatario."""
    from ..queries.office_documents import list_templates
    from ..services import office_documents as docs
    from ..services.protocol import record_protocol

    with acting_as(db, DEMO_DIRIGENTE):
        docs.install_templates(db)
        templates = {t.code: t for t in list_templates(db)}
        _i, year, number = docs.make_document(
            db, template_id=templates["direttiva-dsga"].id,
            subject="Direttiva di massima al DSGA – misure per l'emergenza Covid, a.s. "
                    "2020/2021", values=DIRECTIVE_2020, issued_on=date(2020, 9, 7))
        record_protocol(db, report="documento", year=year, number=number,
                        protocol_number="0003412/II.10", protocol_date=date(2020, 9, 8))
        docs.make_document(
            db, template_id=templates["nomina-subconsegnatario"].id,
            subject="Nomina del sub-consegnatario dei beni del plesso PRIM",
            values={"nome_subconsegnatario": "Prof.ssa Lucia Marchetti",
                    "qualifica": "docente a tempo indeterminato, responsabile di plesso",
                    "plesso": "PRIM", "decorrenza": today - timedelta(days=3)},
            issued_on=today - timedelta(days=3))
