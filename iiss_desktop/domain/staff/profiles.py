"""Staff profiles (CCNL Istruzione e Ricerca) used across the areas."""
from __future__ import annotations

ROLES = {
    "DS": "Dirigente scolastico",
    "DSGA": "Direttore dei servizi generali e amministrativi",
    "AA": "Assistente amministrativo",
    "AT": "Assistente tecnico",
    "CS": "Collaboratore scolastico",
    "DOC": "Docente",
}
ATA_ROLES = ("DSGA", "AA", "AT", "CS")
CONTRACTS = ("tempo indeterminato", "tempo determinato")

# Lavoro agile in schools: technical and administrative ATA staff and the DSGA, not the
# collaboratori scolastici nor the teachers (CCNL 2019-21 Titolo III artt. 10-16 [C]; the
# profiles named by a third-party reading, domain.md 5.7 [C-3p]).
LAVORO_AGILE_ROLES = frozenset({"DSGA", "AA", "AT"})


def role_label(code: str) -> str:
    return ROLES.get(code, code)


def can_work_agile(profile: str) -> bool:
    return profile in LAVORO_AGILE_ROLES
