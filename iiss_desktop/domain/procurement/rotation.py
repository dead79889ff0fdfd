"""The rotation principle of the awards (D.Lgs. 36/2023 art. 49) as a pure function.

- c.2: an award to the outgoing supplier (contraente uscente) is forbidden when two
  consecutive awards fall in the same product sector, category of works or sector of services.
  So the award compared is the latest one before the proposal in the same sector: if it went
  to the same supplier, rotation forbids the new one.
- c.4: in motivated cases (structure of the market, real absence of alternatives, accurate
  performance of the previous contract) the outgoing supplier may be awarded again: the
  motivation must be written.
- c.6: rotation may always be derogated for affidamenti diretti below 5,000 EUR (amount net
  of IVA) [C-3p, MIT parere 2145/2023].
- c.3 (bands of value set by the school's regulation) is not applied [U].

The sector is what the office records with the award: a CPV code ("30192000-1") is compared
at the level of its group, the first three digits [U: the level the school's regulation
chooses]; any other code (a category of the school's albo) is compared as written, ignoring
case and spaces.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..dates import format_date
from ..money import format_money

SMALL_AWARD_LIMIT = Decimal("5000.00")   # art. 49 c.6: strictly below
EXCEPTIONS = {"sotto_5000": "importo inferiore a 5.000 € (art. 49 c.6)",
              "motivata": "affidamento motivato al contraente uscente (art. 49 c.4)"}
_CPV = re.compile(r"^(\d{8})(-\d)?$")


def sector_key(code: str) -> str:
    """What two awards share when they are in the same sector."""
    text = "".join((code or "").split()).upper()
    m = _CPV.match(text)
    return f"CPV {m.group(1)[:3]}" if m else text


@dataclass(frozen=True)
class PastAward:
    supplier_id: int
    supplier: str
    sector: str
    awarded_on: date
    amount: Decimal
    object: str = ""
    id: int = 0


@dataclass(frozen=True)
class ProposedAward:
    supplier_id: int
    sector: str
    amount: Decimal          # net of IVA
    on: date
    motivation: str = ""     # the reasons of art. 49 c.4, when the outgoing supplier is chosen


@dataclass(frozen=True)
class RotationVerdict:
    forbidden: bool
    reason: str                     # Italian, for the clerk and the determina
    exception: str = ""             # a key of EXCEPTIONS when one was applied
    previous: PastAward | None = None


def previous_award(history: Iterable[PastAward], sector: str, on: date
                   ) -> PastAward | None:
    """The latest award up to ``on`` in the same sector (the later recorded on the same day)."""
    key = sector_key(sector)
    same = [a for a in history if sector_key(a.sector) == key and a.awarded_on <= on]
    return max(same, key=lambda a: (a.awarded_on, a.id), default=None)


def check_rotation(history: Iterable[PastAward], proposed: ProposedAward) -> RotationVerdict:
    previous = previous_award(history, proposed.sector, proposed.on)
    sector = sector_key(proposed.sector)
    if previous is None:
        return RotationVerdict(False, f"Nessun affidamento precedente nel settore «{sector}»: "
                                      "la rotazione non si applica.")
    what = previous.object or "senza oggetto"
    before = (f"l'affidamento precedente nel settore «{sector}» ({what}, "
              f"{format_money(previous.amount)}, del {format_date(previous.awarded_on)})")
    if previous.supplier_id != proposed.supplier_id:
        return RotationVerdict(False, f"Rotazione rispettata: {before} è andato a "
                                      f"{previous.supplier}.", previous=previous)
    outgoing = (f"il fornitore è il contraente uscente: {before} è andato a lui "
                "(art. 49 c.2 D.Lgs. 36/2023)")
    if proposed.amount < SMALL_AWARD_LIMIT:
        return RotationVerdict(False, f"Deroga alla rotazione: {outgoing}, ma l'importo di "
                                      f"{format_money(proposed.amount)} è inferiore a "
                                      "5.000,00 € (art. 49 c.6).", "sotto_5000", previous)
    if " ".join(proposed.motivation.split()):
        return RotationVerdict(False, f"Deroga motivata alla rotazione: {outgoing}; "
                                      f"motivazione: {proposed.motivation.strip()} "
                                      "(art. 49 c.4).", "motivata", previous)
    return RotationVerdict(True, f"Principio di rotazione: {outgoing}. Con un importo di "
                                 f"{format_money(proposed.amount)} (non inferiore a "
                                 "5.000,00 €) serve la motivazione dell'art. 49 c.4 (struttura "
                                 "del mercato, assenza di alternative, accurata esecuzione del "
                                 "contratto precedente).", previous=previous)
