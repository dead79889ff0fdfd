"""The Piano delle attività of the ATA staff (art. 53 CCNL 29/11/2007): drafted by the DSGA,
adopted by the dirigente with date and protocol number; a later change is a new version, copied
from the adopted one and adopted in its turn, which supersedes the previous one.

States are declared as a table (domain/lifecycle.py); sections and shift types are declared once
so that services, queries and prints use the same keys and Italian names.
"""
from __future__ import annotations

from datetime import date

from ..errors import ValidationError
from ..lifecycle import Lifecycle

PLAN = Lifecycle(
    "il Piano delle attività",
    {"bozza": "bozza del DSGA", "adottato": "adottato dal Dirigente",
     "superato": "sostituito da una versione successiva"},
    {"bozza": frozenset({"adottato"}),
     "adottato": frozenset({"superato"}),
     "superato": frozenset()},
    initial="bozza", open=frozenset({"bozza"}))
# Only a draft is edited; an adopted version is frozen (a change is a new version).
EDITABLE = frozenset({"bozza"})
# A new version is copied only from the version in force.
COPYABLE = frozenset({"adottato"})

# Text sections of a version (the figures live in structured rows: dotazione, assignments).
SECTIONS: dict[str, str] = {
    "servizi": "Servizi e compiti per profilo",
    "criteri": "Criteri di assegnazione (continuità, rotazione, competenze)",
    "orario": "Articolazione dell'orario di lavoro",
    "sportello": "Orario di apertura al pubblico dello sportello",
    "sostituzioni": "Criteri di sostituzione del personale assente",
    "incarichi": "Incarichi specifici, intensificazione e posizioni economiche",
    "formazione": "Piano di formazione",
}
# Where a person is assigned in the Piano.
PLACES: dict[str, str] = {
    "ufficio": "Ufficio", "laboratorio": "Laboratorio", "piano": "Piano / reparto",
    "plesso": "Plesso",
}
# Whom a front-desk opening of the Piano receives: appointments of visitors are booked within
# the public ones (domain/office.py).
AUDIENCES: dict[str, str] = {"pubblico": "Pubblico", "personale": "Personale della scuola"}
FRONT_DESK_DAYS = range(6)       # Monday..Saturday: the office does not open on Sunday
# Roster cell shift types; extra cleaning and presidio are their own kinds (issue 14 item 5).
SHIFT_TYPES: dict[str, str] = {
    "mattina": "Turno antimeridiano", "pomeriggio": "Turno pomeridiano", "rientro": "Rientro",
    "pulizia_straordinaria": "Pulizia straordinaria", "presidio": "Presidio",
}


def check_section(key: str) -> str:
    if key not in SECTIONS:
        raise ValidationError({"key": f"Sezione del Piano delle attività sconosciuta: «{key}»."})
    return key


def check_adoption(adopted_on: date | None, protocol: str | None, drafted_on: date) -> None:
    """The dirigente adopts with a date (not before the draft) and a protocol number."""
    if adopted_on is None:
        raise ValidationError({"adopted_on": "Data di adozione: indicare la data dell'atto del "
                                             "Dirigente."})
    if adopted_on < drafted_on:
        raise ValidationError({"adopted_on": "Data di adozione: non può precedere la data della "
                                             "bozza."})
    if not (protocol or "").strip():
        raise ValidationError({"protocol": "Numero di protocollo: obbligatorio per adottare il "
                                           "Piano."})


def next_version(versions: list[int]) -> int:
    """The number of a new version of the Piano of a school year (1 for the first)."""
    return max(versions, default=0) + 1
