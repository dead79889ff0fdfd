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


def role_label(code: str) -> str:
    return ROLES.get(code, code)
