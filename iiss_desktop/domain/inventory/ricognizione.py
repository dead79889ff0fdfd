"""Ricognizione dei beni: the physical check of existence, place and state (domain.md §1.8).

D.I. 129/2018 and the Linee guida (Nota M.I. 4083/2021): the DSGA compares the registers
with what is really in each room, at least every five years, and writes the result in a
verbale with a summary table. D.I. 44/2001 counted the five years "from each passaggio di
consegne" (which includes a ricognizione): the due date runs from the more recent of the two.

Each good of the room gets one outcome; the outcome says what follows (a transfer, a
proposal of discarico, a carico, a sistemazione contabile).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..dates import format_date
from ..errors import ValidationError
from ..registers import RegisterSpec, define_register
from .carico import STATES
from .labels import label_code, parse_label
from .registers import AREA

REGISTER = "inv-ricognizioni"
define_register(RegisterSpec(REGISTER, "Verbali di ricognizione", AREA, yearly=True))

INTERVAL_YEARS = 5          # at least every five years
WARNING_DAYS = 90           # the start page turns the reminder red this close to the term
MIN_REASON = 10

OUTCOMES = {
    "confermato": "Presente e regolarmente registrato",
    "spostato": "Presente in un locale diverso da quello registrato",
    "mancante": "Mancante",
    "non_registrato": "Presente ma non registrato",
    "inservibile": "Inservibile o fuori uso",
    "rettifica": "Da rettificare (errore di descrizione o di valore)",
}
# Short names for combo boxes and the summary table.
OUTCOME_SHORT = {
    "confermato": "Confermati", "spostato": "Spostati", "mancante": "Mancanti",
    "non_registrato": "Non registrati", "inservibile": "Inservibili", "rettifica": "Da rettificare",
}
_ONE = {"confermato": "confermato", "spostato": "spostato", "mancante": "mancante",
        "non_registrato": "non registrato", "inservibile": "inservibile",
        "rettifica": "da rettificare"}


def count_label(outcome: str, n: int) -> str:
    """"1 mancante", "3 mancanti"."""
    return f"{n} {_ONE[outcome] if n == 1 else OUTCOME_SHORT[outcome].lower()}"


FOLLOW_UP = {
    "confermato": "Nessuna: si aggiorna lo stato di conservazione se cambiato.",
    "spostato": "Spostamento documentato nel locale in cui il bene è stato trovato.",
    "mancante": "Proposta di discarico (art. 33) con relazione del DSGA e, in caso di furto, "
                "copia della denuncia.",
    "non_registrato": "Proposta di carico al valore di stima (rinvenimento, art. 32).",
    "inservibile": "Proposta di fuori uso: discarico per inservibilità (art. 33) previo verbale "
                   "della commissione e vendita o cessione (art. 34).",
    "rettifica": "Sistemazione contabile motivata della descrizione o del valore.",
}
# A label read by mistake (a good of another room that is not really here, a discharged
# good still in the room, a stray code): not an outcome of a good, but the verbale keeps it,
# with the reason, so that nothing read disappears from it.
IGNORED = "ignorato"
IGNORED_TITLE = "Letture ignorate (lette per errore o non pertinenti)"
# What each read of a label turned out to be, as the verbale lists them.
SCAN_RESULTS = {"trovato": "trovato", "altrove": "registrato in un altro locale",
                "ripetuto": "già letto", "sconosciuto": "sconosciuto"}

# Goods the verbale proposes to take out of the inventory (the DS decides by decree).
PROPOSE_DISCHARGE = frozenset({"mancante", "inservibile"})
# Outcomes about a good registered in the checked room (spostato: registered elsewhere;
# non_registrato: not registered at all).
FOR_GOODS_OF_THE_ROOM = frozenset({"confermato", "mancante", "inservibile", "rettifica"})


@dataclass(frozen=True)
class CleanOutcome:
    outcome: str
    state: str
    reason: str
    description: str
    estimated_value: Decimal | None


def check_outcome(*, outcome: str, state: str = "", reason: str = "", description: str = "",
                  estimated_value: Decimal | None = None) -> CleanOutcome:
    """The rules of one line of the verbale; returns the cleaned values.

    A missing good has no observed state (it is dropped); an inservibile one is recorded as
    such. Rettifica and mancante need a motive: the Linee guida want every difference
    justified, and the relazione of a missing good starts from it.
    """
    errors: dict[str, str] = {}
    state = (state or "").strip()
    text = " ".join((reason or "").split())
    what = " ".join((description or "").split())
    if outcome == IGNORED:
        if len(text) < MIN_REASON:
            raise ValidationError({"reason": "Indicare perché la lettura è ignorata: resta nel "
                                             f"verbale con il motivo (almeno {MIN_REASON} "
                                             "caratteri)."})
        return CleanOutcome(outcome, "", text, what, None)
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": "Esito della ricognizione non valido."})
    if outcome == "mancante":
        state = ""
    elif outcome == "inservibile":
        state = "inservibile"
    elif state and state not in STATES:
        errors["state"] = f"Stato di conservazione «{state}» non valido."
    if outcome == "rettifica" and len(text) < MIN_REASON:
        errors["reason"] = ("Motivare la rettifica: quale errore di descrizione o di valore "
                            f"(almeno {MIN_REASON} caratteri).")
    if outcome == "mancante" and len(text) < MIN_REASON:
        errors["reason"] = ("Indicare le circostanze della mancanza, base della relazione del "
                            f"DSGA (almeno {MIN_REASON} caratteri).")
    value = None
    if outcome == "non_registrato":
        if len(what) < 3:
            errors["description"] = "Descrivere il bene trovato ma non registrato."
        if estimated_value is None or estimated_value <= 0:
            errors["estimated_value"] = ("Indicare il valore di stima del bene non registrato "
                                         "(maggiore di zero).")
        else:
            value = Decimal(estimated_value).quantize(Decimal("0.01"))
        state = state or "buono"
    if errors:
        raise ValidationError(errors)
    return CleanOutcome(outcome, state, text, what if outcome == "non_registrato" else "", value)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February (art. 2963 c.c.: the
    term ends on the last day of the month when that day is missing)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def next_due(last_general_check: date | None, last_handover: date | None, *,
             today: date | None = None) -> date:
    """Five years from the most recent of the last complete ricognizione and the last
    passaggio di consegne; due now (``today``) when neither is on record."""
    known = [d for d in (last_general_check, last_handover) if d is not None]
    if not known:
        return today or date.today()
    return add_years(max(known), INTERVAL_YEARS)


def due_level(due: date, today: date) -> str:
    return "warning" if (due - today).days <= WARNING_DAYS else "info"


def due_detail(last_general_check: date | None, last_handover: date | None, due: date,
               today: date) -> str:
    """What the start page says about the five-year term."""
    if last_general_check is None and last_handover is None:
        return ("Nessuna ricognizione completa né passaggio di consegne registrati: "
                "la ricognizione di tutti i locali è da eseguire.")
    parts = []
    if last_general_check is not None:
        parts.append(f"ultima ricognizione completa {format_date(last_general_check)}")
    if last_handover is not None:
        parts.append(f"ultimo passaggio di consegne {format_date(last_handover)}")
    late = (today - due).days
    when = (f"scaduta da {late} {'giorno' if late == 1 else 'giorni'}" if late > 0
            else f"entro il {format_date(due)}")
    return f"Almeno ogni {INTERVAL_YEARS} anni, {when} ({'; '.join(parts)})."


# The physical check of a room while its labels are scanned.
@dataclass
class RicognizioneScan:
    """The state of the check of one room while labels are scanned (domain.md §1.8)."""

    room_id: int
    expected: dict[tuple[str, int], str]             # (register, number) -> description here
    elsewhere: dict[tuple[str, int], str]             # known goods registered in other rooms
    found: list[tuple[str, int]]
    found_elsewhere: list[tuple[str, int]]
    unknown: list[str]

    _seen: set = field(default_factory=set)   # keys already classified (fast repeat check)
    # Every read in order: [code, result, detail] (the detail is what the screen said).
    log: list = field(default_factory=list)
    # An unknown code that is a label of this school: its (register, number).
    unknown_keys: dict = field(default_factory=dict)

    @classmethod
    def start(cls, room_id: int, expected: dict, elsewhere: dict) -> RicognizioneScan:
        return cls(room_id, dict(expected), dict(elsewhere), [], [], [])

    def scan(self, text: str, school_code: str) -> str:
        """Classify one scan: "trovato", "altrove", "ripetuto" or "sconosciuto"; every read
        is kept in ``log``."""
        code = (text or "").strip().upper()
        result = self._classify(text, school_code)
        self.log.append([code, result, ""])
        return result

    def _classify(self, text: str, school_code: str) -> str:
        try:
            key = parse_label(text, school_code)
        except ValidationError:
            code = (text or "").strip().upper()
            if code in self.unknown:
                return "ripetuto"
            self.unknown.append(code)
            return "sconosciuto"
        if key in self._seen:
            return "ripetuto"              # a scanner often reads the same label twice
        if key in self.expected:
            self._seen.add(key)
            self.found.append(key)
            return "trovato"
        if key in self.elsewhere:
            self._seen.add(key)
            self.found_elsewhere.append(key)
            return "altrove"
        unknown = label_code(school_code, *key)
        if unknown in self.unknown:
            return "ripetuto"
        self.unknown.append(unknown)
        self.unknown_keys[unknown] = key
        return "sconosciuto"

    @property
    def missing(self) -> list[tuple[str, int]]:
        found = set(self.found)
        return [k for k in self.expected if k not in found]
