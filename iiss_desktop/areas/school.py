"""The school itself and the system: settings, users, backups, verify, audit."""
from __future__ import annotations

from ..domain.access import (
    AMMINISTRATORE_TECNICO,
    ASSISTENTE_AMMINISTRATIVO,
    DIRIGENTE,
    DSGA,
    OFFICE,
    SOLA_LETTURA,
    Permission,
)
from .base import YEAR, Area, ReportOption, ReportSpec

READ = Permission("school.read", "Consultazione dei dati dell'istituto",
                  OFFICE | {AMMINISTRATORE_TECNICO})
SETTINGS = Permission("school.settings", "Impostazioni dell'istituto, plessi, locali e calendario",
                      frozenset({DIRIGENTE, DSGA, AMMINISTRATORE_TECNICO}))
USERS = Permission("school.users", "Gestione degli utenti e dei ruoli",
                   frozenset({DIRIGENTE, AMMINISTRATORE_TECNICO}))
BACKUP = Permission("school.backup", "Copie di sicurezza e ripristino",
                    frozenset({DSGA, AMMINISTRATORE_TECNICO}))
VERIFY = Permission("school.verify", "Verifica dell'integrità dell'archivio",
                    frozenset({DIRIGENTE, DSGA, AMMINISTRATORE_TECNICO}))
# A numbered entry written directly in a register, outside the area's own use cases (which
# write theirs under their own permission: a buono di carico under inventory.carico). Only
# tools and tests do it; the DSGA keeps the school's registers and answers for them.
REGISTERS = Permission("school.registers", "Registrazioni dirette nei registri legali",
                       frozenset({DSGA}))
# The protocol number the school's protocol gave a printed document, recorded back (the
# protocol itself is kept by the school's protocol software, usually by a clerk of the office).
PROTOCOL = Permission("school.protocol", "Registrazione del protocollo dei documenti stampati",
                      frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO}))
# The audit log holds the values before and after each change, personal data included.
AUDIT = Permission("school.audit", "Consultazione del registro delle modifiche",
                   frozenset({DIRIGENTE, DSGA, SOLA_LETTURA}), personal_data=True)

REPORTS = (
    ReportSpec("istituto", "Scheda dell'istituto, plessi e locali", "Istituto",
               "iiss_desktop.reports.school:build_school_sheet",
               "Dati anagrafici dell'istituto, elenco dei plessi e dei locali."),
    ReportSpec("calendario", "Calendario dell'istituto", "Istituto",
               "iiss_desktop.reports.school:build_calendar",
               "Festività, santo patrono e chiusure degli uffici dell'anno.", (YEAR,)),
    ReportSpec("registro", "Registro legale", "Istituto",
               "iiss_desktop.reports.registers:build_register",
               "Stampa di un registro numerato, con gli annullamenti.",
               (ReportOption("registro", "codice del registro", required=True), YEAR)),
    ReportSpec("modifiche", "Registro delle modifiche", "Istituto",
               "iiss_desktop.reports.audit:build_audit_log",
               "Chi ha modificato che cosa e quando, con l'impronta della catena.", (YEAR,),
               permission="school.audit"),
    ReportSpec("ruoli-permessi", "Ruoli e permessi", "Istituto",
               "iiss_desktop.reports.users:build_roles_matrix",
               "Matrice dei permessi di ciascun ruolo, per area, con i permessi sui dati "
               "personali evidenziati."),
)

# The start page's own items (backups, legal deadlines, closures) are in queries/home.py;
# the area's own, the encrypted backups' warning, in queries/backup_home.py.
AREA = Area("school", "Istituto",
            (READ, SETTINGS, USERS, BACKUP, VERIFY, REGISTERS, PROTOCOL, AUDIT),
            reports=REPORTS, home="iiss_desktop.queries.backup_home:backup_items",
            models=("iiss_desktop.models.core", "iiss_desktop.models.school",
                                     "iiss_desktop.models.attachments"),
            demo="iiss_desktop.demo.school:generate_school")
