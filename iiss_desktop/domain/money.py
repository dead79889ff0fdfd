"""Money: ``Decimal`` end to end, integer cents in storage, one format for screen and paper.

Formatting follows the Italian convention "1.234,50 €" (dot for thousands,
comma for decimals, non-breaking space before the euro sign), the same as
Babel's it_IT currency format; it is written out here so that screen and PDF
cannot disagree and so that start-up does not pay for importing Babel.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import ValidationError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
EURO = "€"
NBSP = "\u00a0"
# Largest amount we accept: 9.999.999.999,99 € (fits comfortably in a 64-bit integer of cents).
MAX_AMOUNT = Decimal("9999999999.99")


def quantize(value: Decimal) -> Decimal:
    """Round to the cent, half up (the rule used by Italian public accounting)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def finite_amount(d: Decimal) -> str | None:
    """What is wrong with ``d`` as an amount, as "atteso …" wants it, or None.

    Checked before any quantize: NaN, the infinities and magnitudes such as 1e30 (an Excel
    cell) make ``quantize`` raise a bare InvalidOperation; the limit keeps every amount
    within the integer cents of the column."""
    if not d.is_finite():
        return "un importo, non un valore non numerico o infinito"
    if abs(d) > MAX_AMOUNT:
        return f"un importo entro il massimo ammesso ({format_money(MAX_AMOUNT)})"
    if d != d.quantize(CENT):
        return "un importo con al massimo due decimali"
    return None


def to_cents(value: Decimal) -> int:
    """Exact conversion; refuses a third decimal instead of silently rounding."""
    if isinstance(value, float):
        raise TypeError("Gli importi non possono essere float: usare Decimal")
    d = Decimal(value)
    if not d.is_finite() or abs(d) > MAX_AMOUNT:
        raise ValueError(f"Importo fuori dai limiti: {d}")
    if d != d.quantize(CENT):
        raise ValueError(f"Importo con più di due decimali: {d}")
    return int(d.scaleb(2))


def from_cents(cents: int) -> Decimal:
    return (Decimal(int(cents)) / 100).quantize(CENT)


def format_cents(cents: int | None, *, symbol: bool = True) -> str:
    """Integer cents -> "1.234,50 €": the one formatting path for screen and paper."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(int(cents)), 100)
    grouped = f"{units:,}".replace(",", ".")  # Python groups with commas; Italian uses dots
    text = f"{sign}{grouped},{rest:02d}"
    return f"{text}{NBSP}{EURO}" if symbol else text


def format_money(value: Decimal | None, *, symbol: bool = True, blank_zero: bool = False) -> str:
    """``Decimal("1234.5")`` -> ``"1.234,50 €"`` (non-breaking space before €)."""
    if value is None:
        return ""
    d = quantize(Decimal(value))
    if blank_zero and d == 0:
        return ""
    return format_cents(int(d.scaleb(2)), symbol=symbol)


_ALLOWED = re.compile(r"^[+-]?[0-9.]*(,[0-9]*)?$")
_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")


def parse_money(text: str, field: str = "importo", *, allow_negative: bool = False) -> Decimal:
    """Parse what a clerk types: "1.234,56", "1234,56", " 1.234,56 € ", "1234".

    A dot is a thousands separator only where it separates groups of three
    digits; "12.5" is ambiguous in Italian and is refused rather than guessed.
    """
    label = field
    raw = (text or "").replace(EURO, "").replace(NBSP, " ").replace("EUR", "").strip()
    raw = raw.replace(" ", "")
    if not raw:
        raise ValidationError({field: f"Il campo «{label}» è obbligatorio."})
    if not _ALLOWED.match(raw):
        raise ValidationError(
            {field: f"«{text.strip()}» non è un importo valido (esempio: 1.234,56)."})
    sign = ""
    if raw[0] in "+-":
        sign, raw = ("-" if raw[0] == "-" else ""), raw[1:]
    units, _, decimals = raw.partition(",")
    if "." in units:
        if not _GROUPED.match(units):
            raise ValidationError({field: f"«{text.strip()}» non è un importo valido: "
                                          "usare la virgola per i decimali (esempio: 1.234,56)."})
        units = units.replace(".", "")
    if len(decimals) > 2:
        raise ValidationError({field: f"«{text.strip()}»: al massimo due decimali."})
    if not units and not decimals:
        raise ValidationError({field: f"«{text.strip()}» non è un importo valido."})
    try:
        value = Decimal(f"{sign}{units or '0'}.{decimals or '0'}")
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        raise ValidationError({field: f"«{text.strip()}» non è un importo valido."}) from None
    if value < 0 and not allow_negative:
        raise ValidationError({field: f"Il campo «{label}» non può essere negativo."})
    if abs(value) > MAX_AMOUNT:
        raise ValidationError({field: f"Il campo «{label}» supera l'importo massimo ammesso."})
    return quantize(value)


def check_amount(value, field: str = "importo", label: str = "importo") -> Decimal:
    """An amount coming from code (not typed text): a Decimal with at most two decimals,
    within the accepted range. Never rounds silently."""
    if isinstance(value, float) or not isinstance(value, (Decimal, int)):
        raise ValidationError({field: f"Il campo «{label}» deve essere un importo esatto."})
    d = Decimal(value)
    if not d.is_finite():
        raise ValidationError({field: f"Il campo «{label}» deve essere un importo, non un "
                                      "valore non numerico o infinito."})
    if abs(d) > MAX_AMOUNT:
        raise ValidationError({field: f"Il campo «{label}» supera l'importo massimo ammesso "
                                      f"({format_money(MAX_AMOUNT)})."})
    if d != d.quantize(CENT):
        raise ValidationError({field: f"Il campo «{label}» ha più di due decimali: {d}."})
    return d.quantize(CENT)
