"""What is inventoried and where (art. 31 c.5-6, Linee guida §2.2), at what value (art. 32), and
the conservation states of a good.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..errors import ValidationError
from ..money import format_money
from .registers import DURABLE_REGISTER, REGISTERS

THRESHOLD = Decimal("200.00")   # art. 31 c.5: IVA compresa

# What the good is, for the inventariability rule.
NATURES = {
    "bene": "Bene durevole",
    "consumo": "Materiale di facile consumo",
    "periodico": "Rivista o periodico",
    "biblioteca_classe": "Libro per la biblioteca di classe",
    "licenza": "Licenza d'uso di software",
}
NOT_INVENTORIED = {"consumo", "periodico", "biblioteca_classe", "licenza"}

VALUATIONS = {   # art. 32
    "acquisto": "prezzo di fattura",
    "produzione": "prezzo di costo",
    "donazione": "prezzo di stima",
    "rinvenimento": "prezzo di stima",
}

STATES = ("ottimo", "buono", "discreto", "mediocre", "inservibile")


@dataclass(frozen=True)
class Destination:
    """Where a good goes when taken in charge."""

    register: str | None      # None: not recorded at all (consumables, periodicals...)
    reason: str

    @property
    def inventoried(self) -> bool:
        return self.register is not None and self.register != DURABLE_REGISTER


def destination(*, category_register: str, nature: str, unit_value: Decimal,
                universalita_value: Decimal | None = None) -> Destination:
    """Art. 31 c.5-6 and Linee guida §2.2: is the good inventoried, and where?

    ``unit_value`` is IVA included (institutional purchases). A good of 200 EUR or less is
    inventoried only as part of a universalità (a set bought together, e.g. identical
    chairs) worth more than 200 EUR; otherwise it goes to the registro dei beni durevoli.
    Beni di terzi are always recorded in their register: they are not the school's patrimony
    and the threshold does not apply.
    """
    if nature not in NATURES:
        raise ValidationError({"nature": "Natura del bene non valida."})
    if category_register not in REGISTERS:
        raise ValidationError({"register": "Inventario non valido."})
    if nature in NOT_INVENTORIED:
        return Destination(None, f"{NATURES[nature]}: non si inventaria (art. 31 c.5-6, "
                                 "Linee guida §2.2).")
    if category_register == "inv-terzi":
        return Destination("inv-terzi", "Bene di terzi: inventario separato (art. 31 c.4).")
    if unit_value > THRESHOLD:
        return Destination(category_register, f"Valore {format_money(unit_value)} oltre "
                                              "200,00 € IVA compresa.")
    if universalita_value is not None and universalita_value > THRESHOLD:
        return Destination(category_register,
                           f"Parte di una universalità di beni del valore di "
                           f"{format_money(universalita_value)}, oltre 200,00 € IVA compresa.")
    return Destination(DURABLE_REGISTER, f"Valore {format_money(unit_value)} non superiore a "
                                         "200,00 € IVA compresa: registro dei beni durevoli.")


def value_with_vat(imponibile: Decimal, vat_rate: Decimal, *, commercial: bool) -> Decimal:
    """Institutional purchases are recorded IVA included; commercial activity net of IVA."""
    from ..money import quantize

    if commercial:
        return quantize(imponibile)
    return quantize(imponibile * (Decimal(100) + vat_rate) / Decimal(100))
