"""Discarico (art. 33): the causes, the decree of the dirigente, the buono di scarico that
executes it, and the reintegro.
"""
from __future__ import annotations

from datetime import date

from ..dates import format_date
from ..errors import ValidationError

DISCHARGE_CAUSES = {
    "furto": "Furto",
    "forza_maggiore": "Causa di forza maggiore",
    "inservibilita": "Inservibilità (fuori uso)",
    "vendita": "Vendita (art. 34)",
    # Free after a deserted sale (c.3), or direct to a school or public body, also for a
    # price (c.4): the decree's motivation says which.
    "cessione": "Cessione (art. 34)",
}
# The cause inside a sentence or a note: "discarico per inservibilità", "(furto)".
_CAUSE_PHRASES = {"furto": "furto", "forza_maggiore": "causa di forza maggiore",
                  "inservibilita": "inservibilità", "vendita": "vendita", "cessione": "cessione"}
# Labels of earlier versions, still read in imported files.
OLD_CAUSE_LABELS = {"cessione gratuita": "cessione"}


def cause_phrase(cause: str) -> str:
    return _CAUSE_PHRASES.get(cause, cause or "")


def check_discharge(*, decree_number: str, decree_date, cause: str, motivation: str,
                    today) -> tuple[str, str]:
    """A good leaves the inventory only by a provvedimento of the dirigente (art. 33)."""
    errors = {}
    number = (decree_number or "").strip()
    text = (motivation or "").strip()
    if not number:
        errors["decree_number"] = ("Indicare il numero del provvedimento di discarico del "
                                   "Dirigente Scolastico: senza decreto non si scarica.")
    if decree_date is None:
        errors["decree_date"] = "Indicare la data del provvedimento di discarico."
    elif decree_date > today:
        errors["decree_date"] = "La data del provvedimento è futura."
    if cause not in DISCHARGE_CAUSES:
        errors["cause"] = "Scegliere la causa del discarico."
    if len(text) < 10:
        errors["motivation"] = "Motivare il discarico (almeno 10 caratteri)."
    if errors:
        raise ValidationError(errors)
    return number, text


def check_execution(executed_on: date, *, decree_date, today: date) -> date:
    """The buono di scarico executes the decree: on the decree's day or later, never in the
    future (a decree recorded late keeps the day the goods actually left)."""
    if executed_on > today:
        raise ValidationError({"executed_on": "La data del buono di scarico non può essere "
                                              "futura."})
    if decree_date is not None and executed_on < decree_date:
        raise ValidationError({"executed_on": f"Il buono di scarico del "
                                              f"{format_date(executed_on)} precede il decreto "
                                              f"del {format_date(decree_date)} che esegue."})
    return executed_on


def check_reintegro(*, reintegro: bool, amount, responsible: str):
    """Art. 33 c.2: the decree states the reintegro owed by the responsible persons (amount and
    who), or the ascertained absence of liability. Returns (amount or None, responsible)."""
    from decimal import Decimal as _D

    who = (responsible or "").strip()
    if not reintegro:
        if amount not in (None, _D(0)) or who:
            raise ValidationError({"reintegro": "Importo e responsabile del reintegro si "
                                                "indicano solo con «Con reintegro»."})
        return None, ""
    errors = {}
    if amount is None or amount <= 0:
        errors["reintegro_amount"] = ("Con il reintegro indicare l'importo da reintegrare "
                                      "(maggiore di zero).")
    if len(who) < 3:
        errors["responsible"] = "Con il reintegro indicare il responsabile tenuto a reintegrare."
    if errors:
        raise ValidationError(errors)
    from ..money import check_amount

    return check_amount(amount, "reintegro_amount", "importo del reintegro"), who
