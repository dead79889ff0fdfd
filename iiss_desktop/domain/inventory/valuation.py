"""Value of the goods over time: ammortamento (domain.md §1.7).

The Linee guida (Nota 4083/2021) adopt, by analogy with State property (MEF-RGS Circ. 4/2010),
straight-line ammortamento at an annual rate per category; the school may change the rates.

Choice made here, because the Linee guida leave the first-year quota open: the rate is applied
once for every FULL year elapsed since the date of carico (no quota in the year of purchase,
no pro rata), so a good loses its first quota on the first anniversary of its carico. The value
never goes below zero: a fully depreciated good that is still present stays in the inventory
at 0,00 €.

Not depreciated (value returned unchanged): beni di terzi (not the school's patrimony, art. 31
c.4), valori mobiliari (valued at market or nominal price), beni immobili and beni di valore
storico-artistico (they do not wear out as instruments do). The same holds for the goods
whose category has no rate.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from ..errors import ValidationError
from .registers import base_of

HUNDRED = Decimal(100)

# Inventories whose goods are never depreciated, with the reason shown to the clerk.
NOT_DEPRECIATED = {
    "inv-terzi": "beni di terzi: non fanno parte del patrimonio dell'istituto",
    "inv-valori": "valori mobiliari: valutati al prezzo di borsa o al valore nominale",
    "inv-immobili": "beni immobili: non soggetti ad ammortamento",
    "inv-storico": "beni di valore storico-artistico: non soggetti ad ammortamento",
}
NO_RATE = "categoria senza aliquota"

# Default annual ammortamento rates (straight line), MEF scheme [U for schools]: editable.
DEFAULT_RATES = {
    "Mobili e arredi": Decimal("10"),
    "Macchinari per ufficio": Decimal("20"),
    "Hardware": Decimal("25"),
    "Attrezzature tecniche e scientifiche": Decimal("20"),
    "Mezzi di trasporto leggeri": Decimal("20"),
    "Mezzi di trasporto pesanti e macchine agricole": Decimal("10"),
    "Materiale bibliografico": Decimal("5"),
}


def category_key(category: str) -> str:
    """Categories are typed by hand: "hardware " and "Hardware" are the same category."""
    return " ".join((category or "").split()).casefold()


def residual_value(value: Decimal, rate_percent: Decimal, full_years: int) -> Decimal:
    """Straight-line ammortamento: value less rate% per full year elapsed, never below zero."""
    from ..money import quantize

    if full_years <= 0:
        return quantize(value)
    left = value - value * rate_percent / Decimal(100) * full_years
    return quantize(max(left, Decimal(0)))


def check_rate(percent, field: str = "rate") -> Decimal:
    """An annual rate in percent: more than 0, at most 100, at most two decimals."""
    if isinstance(percent, float):
        raise ValidationError({field: "L'aliquota deve essere un numero esatto."})
    try:
        value = percent if isinstance(percent, Decimal) else Decimal(
            str(percent).replace("%", "").replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"«{percent}» non è un'aliquota valida "
                                      "(esempio: 12,5)."}) from None
    if not value.is_finite() or value <= 0 or value > HUNDRED:
        raise ValidationError({field: "L'aliquota deve essere maggiore di 0 e al massimo 100 %."})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({field: "L'aliquota ammette al massimo due decimali."})
    return value.quantize(Decimal("0.01"))


def to_hundredths(percent: Decimal) -> int:
    return int(check_rate(percent).scaleb(2))


def from_hundredths(value: int) -> Decimal:
    return (Decimal(int(value)) / HUNDRED).quantize(Decimal("0.01"))


def format_rate(percent: Decimal | None) -> str:
    """12.50 -> "12,5 %"; 25.00 -> "25 %"."""
    if percent is None:
        return ""
    text = f"{percent.normalize():f}".replace(".", ",")
    return f"{text} %"


def full_years(carico_date: date, at_date: date) -> int:
    """Whole years from ``carico_date`` to ``at_date`` (anniversaries reached; a carico of
    29 February has its anniversary on 28 February in the other years)."""
    if at_date <= carico_date:
        return 0
    years = at_date.year - carico_date.year
    try:
        anniversary = carico_date.replace(year=at_date.year)
    except ValueError:          # 29 February in a common year
        anniversary = date(at_date.year, 2, 28)
    if at_date < anniversary:
        years -= 1
    return max(years, 0)


def depreciation_exemption(register: str) -> str | None:
    """Why the goods of ``register`` (a series too) are not depreciated, or None."""
    return NOT_DEPRECIATED.get(base_of(register))


def current_value(value: Decimal, rate: Decimal | None, carico_date: date, at_date: date,
                  register: str = "inv-mobili") -> Decimal:
    """Value at ``at_date``: ``value`` less ``rate`` % of it for every full year elapsed since
    the carico, never below zero. Without a rate, or for a register that is not depreciated
    (see NOT_DEPRECIATED), the value is returned unchanged."""
    if rate is None or depreciation_exemption(register):
        return residual_value(value, Decimal(0), 0)
    return residual_value(value, rate, full_years(carico_date, at_date))


def annual_quota(value: Decimal, rate: Decimal | None) -> Decimal:
    """The quota of one year (for the schede of the goods)."""
    from ..money import quantize

    return quantize(value * rate / HUNDRED) if rate else Decimal("0.00")

