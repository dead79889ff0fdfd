"""Staff profiles (CCNL Istruzione e Ricerca) used across the areas."""
from __future__ import annotations

from datetime import date

ROLES = {
    "DS": "Dirigente scolastico",
    "DSGA": "Direttore dei servizi generali e amministrativi",
    "AA": "Assistente amministrativo",
    "AT": "Assistente tecnico",
    "CS": "Collaboratore scolastico",
    "CUO": "Cuoco",
    "GUA": "Guardarobiere",
    "INF": "Infermiere",
    "OP": "Operatore scolastico",
    "DOC": "Docente",
}
ATA_ROLES = ("DSGA", "AA", "AT", "CS", "CUO", "GUA", "INF", "OP")

# The areas of the ATA profiles under both classifications (domain.md 5.1).
# CCNL 29/11/2007 [C-3p]: A collaboratore scolastico; AS the same, addetto all'azienda agraria;
# B assistente amministrativo, tecnico, cuoco, infermiere, guardarobiere; D DSGA (area C,
# coordinatore, never activated [U]: not offered).
# CCNL 2019-21 (signed 18/01/2024), in force from 1 May 2024 with the automatic transition of
# Allegato B [C-3p].
AREAS_2007 = {"A": "Area A", "AS": "Area AS (addetto all'azienda agraria)", "B": "Area B",
              "D": "Area D"}
AREAS_2024 = {"collaboratori": "Area dei collaboratori", "operatori": "Area degli operatori",
              "assistenti": "Area degli assistenti",
              "funzionari": "Area dei funzionari e dell'elevata qualificazione"}
NEW_CLASSIFICATION_FROM = date(2024, 5, 1)
# Profile -> (areas 2007 allowed, first is the default; areas 2019-21 allowed, first default).
# [U] two readings of ours, not in domain.md: the operatore scolastico is a profile of the
# CCNL 2019-21 with no CCNL 2007 area (recorded empty); a collaboratore of area AS may have
# moved to the area degli operatori (operatore dei servizi agrari) under Allegato B, so both
# new areas are accepted for him and the office records which.
PROFILE_AREAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "CS": (("A", "AS"), ("collaboratori", "operatori")),
    "OP": (("",), ("operatori",)),
    "AA": (("B",), ("assistenti",)),
    "AT": (("B",), ("assistenti",)),
    "CUO": (("B",), ("assistenti",)),
    "GUA": (("B",), ("assistenti",)),
    "INF": (("B",), ("assistenti",)),
    "DSGA": (("D",), ("funzionari",)),
}
UNCONFIRMED_AREAS = frozenset({("CS", "AS", "operatori"), ("OP", "", "operatori")})
CONTRACTS = ("tempo indeterminato", "tempo determinato")

# Lavoro agile in schools: technical and administrative ATA staff and the DSGA, not the
# collaboratori scolastici nor the teachers (CCNL 2019-21 Titolo III artt. 10-16 [C]; the
# profiles named by a third-party reading, domain.md 5.7 [C-3p]).
LAVORO_AGILE_ROLES = frozenset({"DSGA", "AA", "AT"})


def role_label(code: str) -> str:
    return ROLES.get(code, code)


def can_work_agile(profile: str) -> bool:
    return profile in LAVORO_AGILE_ROLES


def area_label(area_2007: str, area_2024: str, on: date) -> str:
    """The area in force on ``on``: the CCNL 2007 one before 1 May 2024, the new one after."""
    if on < NEW_CLASSIFICATION_FROM:
        return AREAS_2007.get(area_2007, area_2007)
    return AREAS_2024.get(area_2024, area_2024)
