"""Personale e turni: ATA staff, Piano delle attività, working time, absences."""
from __future__ import annotations

from ..domain.access import (
    ASSISTENTE_AMMINISTRATIVO,
    COLLABORATORE,
    DIRIGENTE,
    DSGA,
    SOLA_LETTURA,
    Permission,
)
from .base import YEAR, Area, ReportOption, ReportSpec

READ = Permission("staff.read", "Consultazione del personale",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}),
                  personal_data=True)
PREPARE = Permission("staff.prepare", "Turni e assenze del personale",
                     frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}), personal_data=True)
# The registry (persons, contracts, incarichi specifici) is kept by the personnel office: the
# DSGA and the assistenti amministrativi. The roles do not say which office an assistente
# works in: every assistente amministrativo holds it until the grants can name the office.
REGISTRY = Permission("staff.registry", "Anagrafica e contratti del personale",
                      frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}), personal_data=True)
APPROVE = Permission("staff.approve", "Adozione del Piano delle attività e concessione di "
                     "permessi", frozenset({DIRIGENTE}), personal_data=True)
# Ferie and permessi are granted by the dirigente, or by the DSGA for the ATA staff he directs
# (CCNL 2007 art. 13 c.9 [U]): either decides a request the office recorded.
DECIDE = Permission("staff.leave_decide", "Concessione di ferie e permessi del personale ATA",
                    frozenset({DIRIGENTE, DSGA}), personal_data=True)
# Health data of fragile workers (Reg. UE 2016/679 art. 9): the dirigente and the DSGA only.
HEALTH = Permission("staff.health", "Dati sanitari dei lavoratori fragili",
                    frozenset({DIRIGENTE, DSGA}), personal_data=True)
# The register of cleaning and sanitisation is filled by the collaboratori scolastici who do
# the work, under their own role (limited to their plesso by their grant), and by the office.
CLEANING = Permission("staff.cleaning", "Registro delle pulizie e sanificazioni",
                      frozenset({COLLABORATORE, DSGA, ASSISTENTE_AMMINISTRATIVO}),
                      personal_data=True)
# Reading it: whoever reads the staff area, and the collaboratori who fill it (the staff
# area's other data stay closed to them).
CLEANING_READ = Permission("staff.cleaning_read", "Consultazione del registro delle pulizie",
                           READ.roles | CLEANING.roles, personal_data=True)

REPORTS = (
    ReportSpec("personale", "Elenco del personale", "Personale e turni",
               "iiss_desktop.reports.staff:build_staff_list",
               "Personale in servizio con profilo, contratto e plesso."),
    ReportSpec("turni", "Turni del personale ATA", "Personale e turni",
               "iiss_desktop.reports.staff_roster:build_roster",
               "Turni per settimana, per plesso, da affiggere all'albo (senza le cause di "
               "assenza).",
               (ReportOption("dal", "primo giorno (predefinito: il mese in corso)", "date"),
                ReportOption("al", "ultimo giorno", "date"),
                ReportOption("plesso", "plesso: codice (es. PRIM); predefinito: tutti"))),
    ReportSpec("equita-turni", "Equità dei turni", "Personale e turni",
               "iiss_desktop.reports.staff_fairness:build_fairness",
               "Per dipendente pomeriggi, sere, sabati e cambi di plesso dall'inizio "
               "dell'anno scolastico, con lo scarto per profilo.",
               (ReportOption("al", "ultimo giorno contato (predefinito: oggi)", "date"),
                ReportOption("plesso", "plesso: codice (es. PRIM); predefinito: tutti"))),
    ReportSpec("piano-attivita", "Piano delle attività del personale ATA", "Personale e turni",
               "iiss_desktop.reports.staff_plan:build_staff_plan",
               "Una versione del Piano: sezioni, dotazione organica, assegnazioni e firme.",
               options=(YEAR, ReportOption("versione", "versione del Piano (predefinita: "
                                                       "quella in vigore)", "int"))),
    ReportSpec("accordo-agile", "Accordo individuale di lavoro agile", "Personale e turni",
               "iiss_desktop.reports.staff_agile:build_agile_agreement",
               "L'accordo di un dipendente da firmare: giorni, attività, fascia di "
               "contattabilità, strumenti, disconnessione e sicurezza.",
               (ReportOption("accordo", "identificativo dell'accordo (predefinito: l'ultimo "
                                        "sottoscritto)", "int"),)),
    ReportSpec("ordine-servizio", "Ordine di servizio", "Personale e turni",
               "iiss_desktop.reports.staff_agile:build_service_order",
               "L'ordine di servizio di un dipendente: orario settimanale, compiti del Piano "
               "delle attività, servizio giorno per giorno nel periodo, firme.",
               (ReportOption("persona", "dipendente: codice fiscale o identificativo",
                             required=True),
                ReportOption("dal", "primo giorno (predefinito: la settimana in corso)", "date"),
                ReportOption("al", "ultimo giorno (predefinito: una settimana)", "date"))),
    ReportSpec("budget-covid", "Budget dell'organico Covid", "Personale e turni",
               "iiss_desktop.reports.staff_emergency:build_covid_budget",
               "Assegnazioni dell'USR, costo giornaliero per profilo, contratti e supplenze "
               "su posti Covid (giorni × costo giornaliero), totale e residuo.",
               (ReportOption("anno", "anno scolastico (anno di inizio; predefinito: l'ultimo "
                                     "con un budget)", "int"),)),
    ReportSpec("registro-pulizie", "Registro delle pulizie e sanificazioni",
               "Personale e turni", "iiss_desktop.reports.staff_emergency:build_cleaning_log",
               "Interventi di pulizia, igienizzazione e sanificazione per giorno e locale, per "
               "il protocollo di sicurezza.",
               (ReportOption("dal", "primo giorno (predefinito: quattro settimane fa)", "date"),
                ReportOption("al", "ultimo giorno (predefinito: oggi)", "date"),
                ReportOption("plesso", "plesso: codice (es. PRIM); predefinito: tutti"),
                ReportOption("locale", "locale: parte del nome (es. Aula 1A)")),
               permission="staff.cleaning_read"),
    ReportSpec("prospetto-ferie", "Prospetto ferie e permessi", "Personale e turni",
               "iiss_desktop.reports.staff_leave:build_leave_statement",
               "Per ogni dipendente i movimenti di ferie, festività soppresse e permessi "
               "dell'anno scolastico con il calcolo riga per riga e il saldo.",
               (ReportOption("anno", "anno scolastico (anno di inizio; predefinito: l'ultimo "
                                     "con movimenti)", "int"),
                ReportOption("persona", "dipendente: codice fiscale o identificativo "
                                        "(predefinito: tutti)"))),
    ReportSpec("cartellino", "Cartellino delle presenze", "Personale e turni",
               "iiss_desktop.reports.staff_attendance:build_cartellino",
               "Timbrature, ore lavorate e saldo giorno per giorno, anomalie, riepilogo mensile "
               "delle ore (art. 54 CCNL 2007).",
               (ReportOption("mese", "mese AAAA-MM (predefinito: l'ultimo con timbrature)"),
                ReportOption("persona", "dipendente: codice fiscale o identificativo "
                                        "(predefinito: tutti)"))),
    ReportSpec("piano-ferie-estive", "Piano delle ferie estive", "Personale e turni",
               "iiss_desktop.reports.staff_absences:build_summer_plan",
               "Luglio e agosto per plesso: chi è assente in quali giorni e quanti sono in "
               "servizio per profilo, senza le cause, da affiggere.",
               (ReportOption("estate", "anno dell'estate (predefinito: l'ultima con assenze "
                                       "o richieste)", "int"),)),
    ReportSpec("assenze-mensili", "Assenze mensili per causa", "Personale e turni",
               "iiss_desktop.reports.staff_absences:build_monthly_absences",
               "Giorni, ore e persone per causa e profilo nel mese (cause Covid comprese), "
               "per i monitoraggi del Ministero.",
               (ReportOption("mese", "mese AAAA-MM (predefinito: il mese precedente)"),)),
    ReportSpec("decreto-assenza", "Decreto di concessione dell'assenza", "Personale e turni",
               "iiss_desktop.reports.staff_absences:build_absence_decree",
               "Il decreto del dirigente che concede un'assenza richiesta e approvata.",
               (ReportOption("richiesta", "numero della richiesta approvata (predefinito: "
                                          "l'ultima approvata)", "int"),)),
    ReportSpec("richieste-assenza", "Richieste di assenza", "Personale e turni",
               "iiss_desktop.reports.staff_absences:build_requests",
               "Le richieste di ferie e permessi con lo stato, la decisione e se si può "
               "nominare un supplente.",
               (ReportOption("stato", "richiesta, approvata, rifiutata o annullata "
                                      "(predefinito: tutte)"),
                ReportOption("dal", "primo giorno", "date"),
                ReportOption("al", "ultimo giorno", "date"))),
    ReportSpec("formazione", "Formazione del personale", "Personale e turni",
               "iiss_desktop.reports.staff_emergency:build_training",
               "Corsi frequentati da ciascun dipendente nell'anno scolastico, con ore, ente "
               "e attestato.",
               (ReportOption("anno", "anno scolastico (anno di inizio; predefinito: quello "
                                     "in corso)", "int"),)),
)

AREA = Area("staff", "Personale e turni", (READ, PREPARE, REGISTRY, APPROVE, DECIDE, HEALTH,
                                           CLEANING, CLEANING_READ),
            tab="iiss_desktop.ui.staff.tab:StaffTab", reports=REPORTS,
            models=("iiss_desktop.models.staff", "iiss_desktop.models.staff_roster",
                    "iiss_desktop.models.staff_plan", "iiss_desktop.models.staff_agile",
                    "iiss_desktop.models.staff_emergency", "iiss_desktop.models.staff_health",
                    "iiss_desktop.models.staff_leave", "iiss_desktop.models.staff_cover",
                    "iiss_desktop.models.staff_attendance"),
            demo="iiss_desktop.demo.staff:generate_staff",
            depends_on=("school",),
            calendar_changed="iiss_desktop.services.staff.leave:recount_calendar_in",
            audit_labels="iiss_desktop.domain.staff.audit_labels:LABELS",
            # The collaboratori fill the register of cleaning from the tab, and see nothing else.
            limited_tabs=(("staff.cleaning_read",
                           "iiss_desktop.ui.staff.cleaning_tab:CleaningTab"),))
