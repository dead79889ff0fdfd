"""Rules of the office's contacts with outside bodies (issue 19 item 2): the referenti Covid
per plesso, the register of communications (ASL, USR, Ministero…) and the surveys
(monitoraggi) with their deadlines and the figures gathered from the areas.

GDPR (reliability.md §3): the exchanges with the health authority record the fact of the
exchange (date, body, channel, protocol, who), never a diagnosis nor health data of a named
person; the summary says so on the form and is kept short.
"""
from __future__ import annotations

from datetime import date

from . import office
from .errors import ValidationError
from .lifecycle import Lifecycle

RECEIVED, SENT = "ricevuta", "inviata"
DIRECTIONS = {RECEIVED: "Ricevuta", SENT: "Inviata"}

BODIES = ("ASL", "USR", "Ministero dell'Istruzione", "Comune", "Prefettura",
          "Referente Covid", "Altro")
CHANNELS = ("PEC", "E-mail", "Piattaforma", "Telefono", "Posta")
REFERENT_ROLES = {"referente": "Referente Covid", "sostituto": "Sostituto del referente"}

GDPR_NOTE = ("Registrare il fatto della comunicazione (data, ente, canale, protocollo, "
             "oggetto): nessun dato sanitario di persone identificate (diagnosi, esiti, "
             "nomi di positivi o contatti). Reg. UE 2016/679 art. 9.")
SUMMARY_LIMIT = 300

# The kinds of survey and the figures each gathers from the areas.
GENERIC, ABSENCES, DPI, LOANS, FUNDS = "generico", "assenze", "dpi", "comodati", "fondi"
KINDS = {
    GENERIC: "Nessun dato dalle aree",
    ABSENCES: "Assenze per causa",
    DPI: "DPI distribuiti",
    LOANS: "Comodati d'uso",
    FUNDS: "Fondi impegnati e spesi",
}

TO_FILL, VERIFIED, SUBMITTED = "da compilare", "verificata", "inviata"
SURVEY = Lifecycle(
    "il monitoraggio",
    {TO_FILL: "Da compilare", VERIFIED: "Verificata", SUBMITTED: "Inviata"},
    {TO_FILL: frozenset({VERIFIED}), VERIFIED: frozenset({SUBMITTED, TO_FILL}),
     SUBMITTED: frozenset()},
    initial=TO_FILL, open=frozenset({TO_FILL, VERIFIED}))

HOME_DAYS = 15       # a survey not yet sent is on the start page this many days before
WARNING_DAYS = 3     # ... and a warning from this many days before (or when past)

UNITS = {0: "", 2: "€", 3: ""}


required_text = office.required_text    # the front desk's: one wording for both


def optional_text(value, field: str, label: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError({field: f"{label[0].upper()}{label[1:]}: al massimo {limit} "
                                      "caratteri."})
    return text


def choice(value, allowed, field: str, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: f"Indicare {label}."})
    if text not in allowed:
        raise ValidationError({field: f"{label[0].upper()}{label[1:]} non valido: "
                                      f"«{text}»."})
    return text


def check_period(start: date | None, end: date | None) -> tuple[date, date]:
    if start is None:
        raise ValidationError({"period_from": "Indicare l'inizio del periodo di riferimento."})
    if end is None:
        raise ValidationError({"period_to": "Indicare la fine del periodo di riferimento."})
    if end < start:
        raise ValidationError({"period_to": "La fine del periodo di riferimento precede "
                                            "l'inizio."})
    return start, end


def check_deadline(deadline: date | None, start: date) -> date:
    if deadline is None:
        raise ValidationError({"deadline": "Indicare la scadenza del monitoraggio."})
    if deadline < start:
        raise ValidationError({"deadline": "La scadenza precede l'inizio del periodo di "
                                           "riferimento."})
    return deadline


def format_figure(value: int | None, scale: int) -> str:
    """A figure kept as an integer of 10**-scale units: counts, cents, thousandths."""
    if value is None:
        return ""
    if scale == 0:
        return f"{value:,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 10 ** scale)
    text = f"{whole:,}".replace(",", ".")
    if scale == 3:
        frac_text = f"{frac:03d}".rstrip("0")
        return f"{sign}{text}" + (f",{frac_text}" if frac_text else "")
    return f"{sign}{text},{frac:0{scale}d}"


def parse_figure(text, scale: int, field: str = "value") -> int:
    """The figure typed by the clerk (Italian decimals: 1.234,5) as an integer of
    10**-scale units."""
    raw = str(text if text is not None else "").strip().replace("€", "").replace(" ", "")
    if not raw:
        raise ValidationError({field: "Indicare il valore corretto."})
    raw = raw.replace(".", "").replace(",", ".") if "," in raw else raw
    try:
        from decimal import Decimal, InvalidOperation
        number = Decimal(raw)
    except (ArithmeticError, ValueError, InvalidOperation):
        raise ValidationError({field: f"Valore non numerico: «{text}»."}) from None
    scaled = number * (10 ** scale)
    if scaled != scaled.to_integral_value():
        raise ValidationError({field: f"Al massimo {scale} decimali." if scale else
                                      "Indicare un numero intero."})
    if scaled < 0:
        raise ValidationError({field: "Il valore non può essere negativo."})
    return int(scaled)
