"""The school itself and the system: settings, users, backups, verify, audit."""
from __future__ import annotations

from ..domain.access import (AMMINISTRATORE_TECNICO, DIRIGENTE, DSGA, OFFICE, SOLA_LETTURA,
                             Permission)
from .base import Area

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
# The audit log holds the values before and after each change, personal data included.
AUDIT = Permission("school.audit", "Consultazione del registro delle modifiche",
                   frozenset({DIRIGENTE, DSGA, SOLA_LETTURA}), personal_data=True)

AREA = Area("school", "Istituto", (READ, SETTINGS, USERS, BACKUP, VERIFY, AUDIT))
