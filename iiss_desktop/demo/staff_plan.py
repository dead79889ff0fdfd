"""Demo Piano delle attività of the ATA staff for the a.s. 2026/27: version 1 proposed by the
DSGA in September and adopted by the dirigente on 5 October 2026 (prot. 0004512/VII.1), and
version 2, a draft of November: a collaboratrice scolastica arrives at the infanzia and the
plesso's cleaning and opening turns are shared anew."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..models.school import Site
from ..models.staff import Employee
from ..services.staff import plan, registry
from .staff import demo_codice_fiscale
from .users import DEMO_DIRIGENTE, acting_as

YEAR = 2026
DRAFTED = date(2026, 9, 22)
ADOPTED = date(2026, 10, 5)
PROTOCOL = "0004512/VII.1"
SECOND_DRAFT = date(2026, 11, 16)

SECTIONS = {
    "servizi": (
        "Assistenti amministrativi: l'ufficio è articolato in area del personale, area alunni "
        "e didattica, area contabilità e acquisti, area protocollo e affari generali; ogni "
        "area ha un titolare e un sostituto, così che nessuna pratica resti ferma per "
        "un'assenza.\n\n"
        "Assistenti tecnici: conduzione tecnica dei laboratori di informatica della sede e "
        "della primaria, manutenzione ordinaria delle dotazioni digitali, supporto alle prove "
        "INVALSI e alla segreteria digitale.\n\n"
        "Collaboratori scolastici: accoglienza e sorveglianza degli alunni all'ingresso e "
        "all'uscita, vigilanza dei piani e dei servizi igienici, pulizia dei locali assegnati, "
        "ausilio agli alunni con disabilità, piccola manutenzione, servizio di centralino e "
        "fotocopie."),
    "criteri": (
        "Il personale è assegnato ai plessi e ai reparti tenendo conto, nell'ordine, della "
        "continuità nel posto già occupato, delle competenze e dei titoli posseduti, delle "
        "esigenze di servizio e delle richieste degli interessati. Per i collaboratori "
        "scolastici della sede è prevista la rotazione annuale tra i piani, salvo che per chi "
        "segue alunni con disabilità, per i quali si privilegia la continuità."),
    "orario": (
        "Orario ordinario di 36 ore settimanali su cinque giorni, dal lunedì al venerdì, di "
        "norma dalle 7.30 alle 14.42. Nei plessi con tempo pieno e nella scuola dell'infanzia "
        "il servizio si articola in due turni, antimeridiano (7.30-14.42) e pomeridiano "
        "(10.48-18.00), a rotazione settimanale.\n\n"
        "È consentito l'orario flessibile in entrata tra le 7.30 e le 8.30 per gli assistenti "
        "amministrativi, con recupero nella stessa settimana. Le ore eccedenti autorizzate "
        "sono recuperate, di preferenza, nei periodi di sospensione dell'attività didattica."),
    "sportello": (
        "Segreteria della sede di via dei Glicini: dal lunedì al sabato dalle 8.30 alle "
        "12.30; martedì e giovedì anche dalle 14.30 alle 16.30. Il personale della scuola è "
        "ricevuto dal lunedì al venerdì dalle 12.30 alle 13.30. Il pubblico è ricevuto su "
        "appuntamento (direttiva del Dirigente scolastico). Nei mesi di luglio e agosto lo "
        "sportello è aperto solo la mattina."),
    "sostituzioni": (
        "Il collaboratore scolastico assente è sostituito, nell'ordine, dal collega dello "
        "stesso piano, da un collega dello stesso plesso in intensificazione e, per assenze "
        "superiori a sette giorni nella scuola dell'infanzia o dove manca la vigilanza "
        "minima, da un supplente nominato secondo la normativa vigente. L'intensificazione è "
        "retribuita con il fondo d'istituto secondo il contratto integrativo."),
    "incarichi": (
        "Incarichi specifici: primo soccorso e assistenza agli alunni con disabilità (due "
        "collaboratori per plesso), coordinamento dell'area del personale, supporto al "
        "laboratorio di informatica della primaria. Intensificazione per la sostituzione dei "
        "colleghi assenti e per il servizio su due plessi. Le posizioni economiche già "
        "attribuite restano collegate alle mansioni previste dal CCNL."),
    "formazione": (
        "Formazione obbligatoria sulla sicurezza (D.Lgs. 81/2008) e sul primo soccorso per i "
        "nuovi assunti; aggiornamento sulla protezione dei dati personali per tutto il "
        "personale di segreteria; corso sulla ricostruzione di carriera e sulla piattaforma "
        "PagoPA per gli assistenti amministrativi; assistenza di base agli alunni con "
        "disabilità per i collaboratori scolastici dell'infanzia."),
}

STAFFING = [
    ("DSGA", "SEDE", 1, "Direzione dei servizi generali e amministrativi"),
    ("AA", "SEDE", 5, "Personale, alunni, contabilità, protocollo"),
    ("AA", "PRIM", 1, "Sportello decentrato della primaria"),
    ("AT", "SEDE", 2, "Laboratori di informatica e di scienze"),
    ("AT", "PRIM", 1, "Laboratorio di informatica della primaria"),
    ("CS", "SEDE", 5, "Tre piani, palestra, aula magna; 9 classi"),
    ("CS", "PRIM", 4, "Dieci classi a tempo pieno, mensa"),
    ("CS", "INF", 3, "Tre sezioni, due turni; sarebbe necessario un quarto posto"),
]

# (surname, place kind, place, plesso, duties)
ASSIGNMENTS = [
    ("De Santis", "ufficio", "Segreteria del personale", "SEDE",
     "Contratti, assenze, ricostruzioni di carriera; sostituisce Russo"),
    ("Marchetti", "ufficio", "Segreteria didattica", "SEDE",
     "Iscrizioni, fascicoli degli alunni, esami di Stato del primo ciclo"),
    ("Nowak", "ufficio", "Ufficio DSGA", "SEDE",
     "Contabilità, acquisti, fatture elettroniche, inventario"),
    ("Russo", "ufficio", "Segreteria del personale", "SEDE",
     "Graduatorie, supplenze, pratiche pensionistiche"),
    ("D'Angelo", "ufficio", "Presidenza", "SEDE", "Protocollo, posta elettronica, albo online"),
    ("Esposito", "ufficio", "Ufficio di plesso", "PRIM",
     "Sportello per le famiglie, assenze degli alunni, mensa"),
    ("Dvořák", "laboratorio", "Laboratorio di informatica", "SEDE",
     "Rete e dotazioni digitali della sede; prove INVALSI"),
    ("Galli", "laboratorio", "Laboratorio di scienze", "SEDE",
     "Preparazione delle esperienze, sicurezza dei reagenti"),
    ("Rinaldi", "laboratorio", "Laboratorio di informatica", "PRIM",
     "Tablet e LIM delle classi della primaria"),
    ("Popescu", "piano", "Piano terra e palestra", "SEDE",
     "Ingresso, centralino, palestra; turno antimeridiano"),
    ("Bianchi", "piano", "Primo piano", "SEDE", "Classi prime, uffici; primo soccorso"),
    ("Ricci", "piano", "Secondo piano", "SEDE", "Classi seconde e terze, laboratori"),
    ("Lombardi", "piano", "Piano terra", "SEDE", "Aula magna e biblioteca; fotocopie"),
    ("Costa", "piano", "Seminterrato e cortile", "SEDE",
     "Archivio, magazzino, piccola manutenzione"),
    ("Moretti", "piano", "Piano terra", "PRIM", "Ingresso e classi prime e seconde"),
    ("Barbieri", "piano", "Primo piano", "PRIM", "Classi terze, quarte e quinte"),
    ("Fontana", "piano", "Mensa e palestra", "PRIM",
     "Sorveglianza in mensa; assistenza agli alunni con disabilità"),
    ("Țurcanu", "piano", "Turno pomeridiano", "PRIM", "Chiusura del plesso, pulizia delle aule"),
    ("Santoro", "plesso", "Ingresso e salone", "INF", "Apertura del plesso, accoglienza"),
    ("Mariani", "plesso", "Sezioni A e B", "INF", "Igiene dei bambini, mensa"),
    ("Caruso", "plesso", "Sezione C e turno pomeridiano", "INF",
     "Chiusura del plesso, pulizia dei locali"),
]

# The front desk's openings of the week (weekday, from, to, for whom, note): the Ufficio tab
# books the visitors' appointments within the public ones.
FRONT_DESK = (
    [(d, "08:30", "12:30", "pubblico", "") for d in range(6)]
    + [(1, "14:30", "16:30", "pubblico", "Rientro pomeridiano"),
       (3, "14:30", "16:30", "pubblico", "Rientro pomeridiano")]
    + [(d, "12:30", "13:30", "personale", "Docenti e ATA") for d in range(5)])

NEW_COLLEAGUE = ("Greco", "Silvia", "F", date(1984, 6, 18))
V2_ORARIO_NOTE = (
    "\n\nDal 1° dicembre 2026, con l'arrivo di una quarta collaboratrice scolastica alla "
    "scuola dell'infanzia, il plesso lavora su due turni pieni: due unità al mattino e due "
    "al pomeriggio, a rotazione settimanale.")


def _ids(s) -> dict[str, int]:
    return dict(s.execute(select(Employee.surname, Employee.id)
                          .where(Employee.active.is_(True))).all())


def _assignments(ids: dict[str, int], rows) -> list[dict]:
    return [{"employee_id": ids[surname], "place_kind": kind, "place": place,
             "site_code": site, "duties": duties}
            for surname, kind, place, site, duties in rows if surname in ids]


def _staffing(rows) -> list[dict]:
    return [{"profile": p, "site_code": site, "posts": n, "need_note": note}
            for p, site, n, note in rows]


def generate_staff_plan(db: Database) -> None:
    """Version 1 adopted, version 2 in bozza (run as the DSGA; the adoption as the dirigente)."""
    with read_session(db) as s:
        ids = _ids(s)
    v1 = plan.create_plan(db, YEAR, drafted_on=DRAFTED)
    for key, text in SECTIONS.items():
        plan.save_section(db, v1, key, text)
    plan.set_staffing(db, v1, _staffing(STAFFING))
    plan.set_assignments(db, v1, _assignments(ids, ASSIGNMENTS))
    plan.set_front_desk(db, v1, [{"weekday": d, "start": a, "end": b, "audience": who,
                                  "note": note} for d, a, b, who, note in FRONT_DESK])
    with acting_as(db, DEMO_DIRIGENTE):
        plan.adopt_plan(db, v1, ADOPTED, PROTOCOL)

    surname, name, sex, born = NEW_COLLEAGUE
    with read_session(db) as s:
        inf = s.execute(select(Site.id).where(Site.code == "INF")).scalar_one()
    ids[surname] = registry.save_person(db, {
        "surname": surname, "name": name, "role": "CS", "site_id": inf,
        "codice_fiscale": demo_codice_fiscale(surname, name, sex, born)})
    # in service from 1 December on a supplenza to 30/6, on the afternoon shift at INF
    registry.add_contract(db, ids[surname], kind="determinato_3006",
                          starts_on=date(2026, 12, 1), ends_on=date(2027, 6, 30))
    from ..services.staff.roster import PatternInput, save_pattern

    save_pattern(db, ids[surname], PatternInput(
        date(2026, 12, 1), date(2027, 6, 30), {wd: "10:30-16:30" for wd in range(6)},
        name="Turno pomeridiano"))
    v2 = plan.new_version(db, v1, drafted_on=SECOND_DRAFT)
    plan.save_section(db, v2, "orario", SECTIONS["orario"] + V2_ORARIO_NOTE)
    plan.set_staffing(db, v2, _staffing(
        [r for r in STAFFING if r[:2] != ("CS", "INF")]
        + [("CS", "INF", 4, "Tre sezioni, due turni pieni")]))
    plan.set_assignments(db, v2, _assignments(ids, ASSIGNMENTS + [
        (surname, "plesso", "Sezione C", "INF", "Turno antimeridiano, mensa")]))
