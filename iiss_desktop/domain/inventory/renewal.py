"""Rinnovo of an inventory (domain.md §1.8): the decree and the commission."""
from __future__ import annotations

from ..errors import ValidationError
from .registers import REGISTERS


def check_renewal(*, base: str, renewed_on, decree_number: str, decree_date, commission: str,
                  today) -> tuple[str, str]:
    """A rinnovo (at least every 10 years, with rivalutazione) is done by a commission appointed
    by decree of the dirigente (domain.md §1.8). Returns (decree number, commission)."""
    errors = {}
    if base not in REGISTERS:
        errors["base"] = "Scegliere l'inventario da rinnovare."
    if renewed_on is None:
        errors["renewed_on"] = "Indicare la data del rinnovo."
    elif renewed_on > today:
        errors["renewed_on"] = "La data del rinnovo è futura."
    number = (decree_number or "").strip()
    if not number:
        errors["decree_number"] = ("Indicare il decreto del Dirigente che nomina la commissione "
                                   "del rinnovo.")
    if decree_date is None:
        errors["decree_date"] = "Indicare la data del decreto."
    elif renewed_on is not None and decree_date > renewed_on:
        errors["decree_date"] = "Il decreto di nomina della commissione segue la data del rinnovo."
    members = (commission or "").strip()
    if len(members) < 5:
        errors["commission"] = "Indicare i componenti della commissione."
    if errors:
        raise ValidationError(errors)
    return number, members
