"""Passaggio di consegne between DSGAs (D.I. 129/2018 art. 30 c.5; domain.md §1.11).

When the DSGA (the consegnatario) leaves, the goods are handed over to the incoming one after
a physical ricognizione in contraddittorio, before the Dirigente Scolastico and the
Presidente del Consiglio d'istituto, in a verbale, within 60 days of the cessation (a term
*ordinatorio*: a late verbale is still due, and states the delay). If the outgoing DSGA is
absent, the others may proceed, possibly by sampling (a campione), stating why.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import format_date
from ..errors import ValidationError
from ..registers import RegisterSpec, define_register
from .registers import AREA

REGISTER = "inv-passaggi"
define_register(RegisterSpec(REGISTER, "Verbali di passaggio di consegne", AREA, yearly=True))

DEADLINE_DAYS = 60          # art. 30 c.5: from the cessation; ordinatorio, not peremptory
WARNING_DAYS = 15           # the start page turns the reminder red this close to the term

CHECK_MODES = {"completa": "Ricognizione completa di tutti i beni",
               "campione": "Ricognizione a campione (DSGA cessante assente)"}


def deadline(cessation: date) -> date:
    return cessation + timedelta(days=DEADLINE_DAYS)


def days_late(cessation: date, handover: date) -> int:
    """Days beyond the 60-day term (0 when within it)."""
    return max((handover - deadline(cessation)).days, 0)


def late_note(cessation: date, handover: date) -> str:
    """What the verbale says about the term of art. 30 c.5."""
    late = days_late(cessation, handover)
    term = format_date(deadline(cessation))
    if not late:
        return (f"Il passaggio di consegne avviene entro il termine di {DEADLINE_DAYS} giorni "
                f"dalla cessazione (scadenza {term}), art. 30 c. 5 del D.I. 129/2018.")
    return (f"Il passaggio di consegne avviene oltre il termine di {DEADLINE_DAYS} giorni dalla "
            f"cessazione (scadenza {term}, ritardo di {late} "
            f"{'giorno' if late == 1 else 'giorni'}). Il termine è ordinatorio: il verbale è "
            "comunque dovuto e se ne dà atto.")


def _name(value: str) -> str:
    return " ".join((value or "").split())


@dataclass(frozen=True)
class Parties:
    outgoing_dsga: str
    incoming_dsga: str
    dirigente: str
    presidente_ci: str


def check_parties(*, cessation_date: date | None, handover_date: date | None,
                  outgoing_dsga: str, incoming_dsga: str, dirigente: str, presidente_ci: str,
                  today: date) -> Parties:
    """Dates and the four people the verbale needs (art. 30 c.5)."""
    errors: dict[str, str] = {}
    names = {"outgoing_dsga": _name(outgoing_dsga), "incoming_dsga": _name(incoming_dsga),
             "dirigente": _name(dirigente), "presidente_ci": _name(presidente_ci)}
    labels = {"outgoing_dsga": "il DSGA cessante", "incoming_dsga": "il DSGA subentrante",
              "dirigente": "il Dirigente Scolastico",
              "presidente_ci": "il Presidente del Consiglio d'istituto"}
    for field, value in names.items():
        if not value:
            errors[field] = f"Indicare {labels[field]}."
    if (names["outgoing_dsga"] and names["incoming_dsga"]
            and names["outgoing_dsga"].casefold() == names["incoming_dsga"].casefold()):
        errors["incoming_dsga"] = ("Il DSGA subentrante deve essere una persona diversa dal "
                                   "DSGA cessante.")
    if cessation_date is None:
        errors["cessation_date"] = "Indicare la data di cessazione del DSGA uscente."
    elif cessation_date > today:
        errors["cessation_date"] = "La data di cessazione è futura."
    if handover_date is None:
        errors["handover_date"] = "Indicare la data del passaggio di consegne."
    elif handover_date > today:
        errors["handover_date"] = "La data del passaggio di consegne è futura."
    elif cessation_date is not None and handover_date < cessation_date:
        errors["handover_date"] = ("Il passaggio di consegne non può essere anteriore alla "
                                   f"cessazione ({format_date(cessation_date)}).")
    if errors:
        raise ValidationError(errors)
    return Parties(**names)


def check_verification(*, outgoing_absent: bool, absence_reason: str, check_mode: str) -> str:
    """The ricognizione in contraddittorio; a campione only if the outgoing DSGA is absent.
    Returns the cleaned reason of the absence."""
    errors: dict[str, str] = {}
    reason = (absence_reason or "").strip()
    if check_mode not in CHECK_MODES:
        errors["check_mode"] = "Scegliere la modalità della ricognizione."
    if outgoing_absent and len(reason) < 5:
        errors["absence_reason"] = ("Il DSGA cessante è assente: indicarne il motivo nel "
                                    "verbale.")
    if not outgoing_absent and check_mode == "campione":
        errors["check_mode"] = ("La ricognizione a campione è ammessa solo se il DSGA cessante "
                                "è assente; in sua presenza si verificano tutti i beni.")
    if errors:
        raise ValidationError(errors)
    return reason if outgoing_absent else ""
