"""What is inventoried and where (art. 31 c.5-6, Linee guida §2.2), at what value (art. 32), and
the conservation states of a good.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..errors import ValidationError
from ..money import format_money
from .registers import DURABLE_REGISTER, REGISTERS

THRESHOLD = Decimal("200.00")   # art. 31 c.5: IVA compresa
# D.I. 28 agosto 2018 n. 129 (GU 16/11/2018) in force from the day after: goods taken in charge
# before were inventoried under D.I. 44/2001, whose rule was not art. 31 c.5-6.
D129_IN_FORCE = date(2018, 11, 17)

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


def register_problem(*, register: str, nature: str, unit_value: Decimal,
                     universalita_value: Decimal | None = None) -> str | None:
    """Whether a good recorded in ``register`` (an inventory of art. 31 or the registro dei
    beni durevoli) contradicts art. 31 c.5-6, by the same rule as the carico (``destination``):
    None when it agrees, else what the rule wants, in words naming the rule, e.g. «il registro
    dei beni durevoli: valore 15,00 € non superiore a 200,00 € IVA compresa e nessuna
    universalità (art. 31 c.5)». ``register`` is a base code (not a rinnovo series)."""
    from .registers import SHORT_NAMES

    category = "inv-mobili" if register == DURABLE_REGISTER else register
    dest = destination(category_register=category, nature=nature, unit_value=unit_value,
                       universalita_value=universalita_value)
    if dest.register == register:
        return None
    value = format_money(unit_value)
    if dest.register is None:
        return (f"nessun inventario né registro: {NATURES[nature].lower()} non si inventaria "
                "(art. 31 c.5-6, Linee guida §2.2; il materiale di facile consumo si registra "
                "nel magazzino)")
    if dest.register == DURABLE_REGISTER:
        together = (f"universalità di {format_money(universalita_value)}"
                    if universalita_value is not None else
                    "nessuna universalità nella colonna «Universalità»")
        return (f"il registro dei beni durevoli: valore {value} non superiore a 200,00 € IVA "
                f"compresa e {together} (art. 31 c.5)")
    why = (f"valore {value} oltre 200,00 € IVA compresa" if unit_value > THRESHOLD else
           f"parte di una universalità di {format_money(universalita_value)}, oltre 200,00 € "
           "IVA compresa")
    return (f"un inventario dell'art. 31 ({SHORT_NAMES[dest.register]}), non il registro dei "
            f"beni durevoli: {why} (art. 31 c.5)")


def value_with_vat(imponibile: Decimal, vat_rate: Decimal, *, commercial: bool) -> Decimal:
    """Institutional purchases are recorded IVA included; commercial activity net of IVA
    (Linee guida, Nota 4083/2021: e.g. an annexed azienda agraria, whose IVA is deducted).

    164,00 € + 22 % = 164,00 × 1,22 = 200,08 € (institutional); 164,00 € (commercial)."""
    from ..money import quantize

    if commercial:
        return quantize(imponibile)
    return quantize(imponibile * (Decimal(100) + vat_rate) / Decimal(100))


def threshold_value(recorded: Decimal, *, imponibile: Decimal | None,
                    vat_rate: Decimal | None, commercial: bool) -> Decimal:
    """The value art. 31 c.5 compares with 200 €: «IVA compresa», as the text says. For a good
    of a commercial activity, recorded net of IVA, that is its imponibile plus the IVA:
    180,00 € + 22 % = 219,60 € is inventoried (beni mobili), at its value of 180,00 €.

    The text gives no other threshold for the commercial activity (domain.md §1.5-1.6 [U]):
    the letter of c.5 is applied, which never leaves out of the inventory a good the law
    puts in it."""
    if commercial and imponibile is not None and vat_rate is not None:
        return value_with_vat(imponibile, Decimal(vat_rate), commercial=False)
    return recorded


# The aliquote IVA of DPR 633/1972 (ordinaria 22 %, ridotte 10 %, 5 %, 4 %) and 0 % (esente,
# non imponibile): the carico offers these, as percentages.
VAT_RATES = (Decimal("22"), Decimal("10"), Decimal("5"), Decimal("4"), Decimal("0"))


def carico_value(*, unit_value: Decimal | None, imponibile: Decimal | None,
                 vat_rate: Decimal | None, commercial: bool = False) -> Decimal:
    """The value a good is recorded at (art. 32, and the threshold of art. 31 c.5 is applied to
    it), from what the clerk typed: the value IVA included, or the imponibile and the
    aliquota IVA. A good bought for a commercial activity is recorded net of IVA: the
    imponibile is required (the value IVA included would carry the deducted IVA). Wrong or
    ambiguous input: ValidationError naming the field."""
    from ..money import check_amount

    given_gross = unit_value is not None and unit_value != 0
    if imponibile is None:
        if commercial:
            raise ValidationError({"imponibile": "Per un bene acquistato nell'attività "
                                                 "commerciale indicare l'imponibile: si "
                                                 "registra al netto dell'IVA."})
        if not given_gross:
            raise ValidationError({"unit_value": "Indicare il valore unitario IVA compresa "
                                                 "oppure l'imponibile e l'aliquota IVA."})
        value = check_amount(unit_value, "unit_value", "valore unitario")
        if value <= 0:
            raise ValidationError({"unit_value": "Il valore del bene deve essere maggiore di "
                                                 "zero."})
        return value
    if given_gross:
        raise ValidationError({"unit_value": "Indicare il valore IVA compresa oppure "
                                             "l'imponibile con l'aliquota, non entrambi."})
    net = check_amount(imponibile, "imponibile", "imponibile unitario")
    if net <= 0:
        raise ValidationError({"imponibile": "L'imponibile deve essere maggiore di zero."})
    if vat_rate is None:
        raise ValidationError({"vat_rate": "Indicare l'aliquota IVA dell'imponibile."})
    rate = Decimal(vat_rate)
    if rate not in VAT_RATES:
        raise ValidationError({"vat_rate": "Aliquota IVA non valida: "
                                           + ", ".join(f"{r} %" for r in VAT_RATES) + "."})
    return value_with_vat(net, rate, commercial=commercial)
