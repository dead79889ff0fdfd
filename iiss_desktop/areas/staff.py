"""Personale e turni: ATA staff, Piano delle attività, working time, absences."""
from __future__ import annotations

from ..domain.access import ASSISTENTE_AMMINISTRATIVO, DIRIGENTE, DSGA, SOLA_LETTURA, Permission
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
# Health data of fragile workers (Reg. UE 2016/679 art. 9): the dirigente and the DSGA only.
HEALTH = Permission("staff.health", "Dati sanitari dei lavoratori fragili",
                    frozenset({DIRIGENTE, DSGA}), personal_data=True)

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
)

AREA = Area("staff", "Personale e turni", (READ, PREPARE, REGISTRY, APPROVE, HEALTH),
            tab="iiss_desktop.ui.staff.tab:StaffTab", reports=REPORTS,
            models=("iiss_desktop.models.staff", "iiss_desktop.models.staff_roster",
                    "iiss_desktop.models.staff_plan", "iiss_desktop.models.staff_agile"),
            demo="iiss_desktop.demo.staff:generate_staff",
            depends_on=("school",),
            audit_labels="iiss_desktop.domain.staff.audit_labels:LABELS")
