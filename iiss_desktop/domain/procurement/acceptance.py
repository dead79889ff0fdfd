"""The acceptance of an order, as pure rules: the delivery with its DDT, the verifica di
conformità (or the certificato di regolare esecuzione of a service) with its verbale, and the
carico the accepted lines propose.

- Delivery (consegna): the DDT's number and date, the day the goods came in and who took them;
  the quantity of each order line delivered (a line may come in more deliveries, never more
  than ordered).
- Verbale (D.Lgs 36/2023 art. 116; D.I. 129/2018 art. 17 c.2): the date, who verified, the
  outcome (conforme, conforme con riserva, non conforme) and the notes; numbered in the
  yearly register «acquisti-collaudi». A non conforming delivery takes no carico.
- Carico: a good worth more than 200 EUR IVA included is inventoried (D.I. 129/2018 art. 31
  c.5; domain/inventory/carico.THRESHOLD), the rest is a consumable that goes to the
  warehouse; a service goes to neither (a line measured in hours, «a corpo», «forfait»…,
  or a delivery accepted by a certificato di regolare esecuzione). A warehouse line may
  count the article in smaller units than the order («20 scatole» of 50 pieces each: 1000
  pieces, same value) and names the lot of an article tracked by lot. The clerk confirms or
  changes the proposal line by line.
- Nothing is deleted: a delivery or a verbale recorded by mistake is annulled with its reason
  (a verbale's annulment is an annulment row of its register), and only before the carico.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..errors import ValidationError
from ..inventory.carico import THRESHOLD
from ..money import format_money
from ..registers import RegisterSpec, define_register

COLLAUDI = define_register(RegisterSpec("acquisti-collaudi", "Registro dei verbali di "
                                        "verifica di conformità", "procurement", yearly=True))

VERIFICATION_KINDS = {"conformita": "verifica di conformità",
                      "regolare_esecuzione": "certificato di regolare esecuzione"}
CONFORME, WITH_RESERVE, NOT_CONFORME = "conforme", "conforme_riserva", "non_conforme"
OUTCOMES = {CONFORME: "conforme", WITH_RESERVE: "conforme con riserva",
            NOT_CONFORME: "non conforme"}
INVENTORY, WAREHOUSE, NONE = "inventario", "magazzino", "nessuno"
DESTINATIONS = {INVENTORY: "Inventario (bene durevole)", WAREHOUSE: "Magazzino (consumo)",
                NONE: "Nessun carico (servizio)"}
MIN_REASON = 10


def gross_unit_price(unit_price: Decimal, vat_rate: str) -> Decimal:
    """The unit price IVA included, to the cent (what art. 31 c.5 compares with 200 EUR)."""
    rate = Decimal(vat_rate or "0")
    return (unit_price * (100 + rate) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Units of measure of a service: a line so measured is not a good and loads nothing.
SERVICE_UNITS = frozenset({"servizio", "ore", "ora", "h", "forfait", "a corpo"})
REGOLARE_ESECUZIONE = "regolare_esecuzione"
SERVICE_REASON = "prestazione di servizio: nessun carico"


def is_service_unit(unit: str) -> bool:
    return " ".join((unit or "").split()).lower() in SERVICE_UNITS


def proposed_destination(unit_price: Decimal, vat_rate: str, unit: str = "",
                         verification_kind: str = "") -> tuple[str, str]:
    """Where a delivered line goes, and why: a service (a line measured in hours, «a corpo»,
    …, or accepted by a certificato di regolare esecuzione) nowhere; a good inventoried over
    200 EUR IVA included, else to the warehouse."""
    if is_service_unit(unit) or verification_kind == REGOLARE_ESECUZIONE:
        return NONE, SERVICE_REASON
    gross = gross_unit_price(unit_price, vat_rate)
    if gross > THRESHOLD:
        return INVENTORY, (f"prezzo unitario {format_money(gross)} IVA inclusa, oltre "
                           f"{format_money(THRESHOLD)}: si inventaria")
    return WAREHOUSE, (f"prezzo unitario {format_money(gross)} IVA inclusa, non oltre "
                       f"{format_money(THRESHOLD)}: materiale di consumo in magazzino")


def parse_per_unit(value, line_no: int) -> Decimal:
    """The article's units per ordered unit («20 scatole da 50 pezzi»: 50); empty is 1. A
    number greater than zero, whole or with up to three decimals ("50", "0,5")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(1)
    key = f"per{line_no}"
    message = (f"Riga {line_no}: unità dell'articolo per unità ordinata «{value}» non "
               "valida: un numero maggiore di zero, ad esempio 50 o 2,5.")
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise ValidationError({key: message})
    try:
        q = Decimal(str(value).strip().replace(",", "."))
        valid = q.is_finite() and 0 < q < 10**9 and q == q.quantize(Decimal("0.001"))
    except InvalidOperation:
        valid = False
    if not valid:
        raise ValidationError({key: message})
    return q


@dataclass(frozen=True)
class LineBalance:
    line_no: int
    ordered: Decimal
    delivered: Decimal          # by the deliveries not annulled


def check_delivered(balances: dict[int, LineBalance], wanted: dict[int, Decimal]) -> None:
    """Each line's quantity is more than zero and at most what is still to deliver."""
    if not wanted or all(q == 0 for q in wanted.values()):
        raise ValidationError({"lines": "La consegna comprende almeno una riga dell'ordine."})
    errors = {}
    for line_id, q in wanted.items():
        b = balances.get(line_id)
        if b is None:
            errors["lines"] = "Riga dell'ordine inesistente."
            continue
        left = b.ordered - b.delivered
        if q < 0 or q > left:
            errors[f"line{b.line_no}"] = (
                f"Riga {b.line_no}: consegnati {_qty(q)}, restano da consegnare {_qty(left)} "
                f"su {_qty(b.ordered)} ordinati.")
    if errors:
        raise ValidationError(errors)


def _qty(q: Decimal) -> str:
    text = str(int(q)) if q == q.to_integral() else format(q.normalize(), "f")
    return text.replace(".", ",")


def check_reason(reason: str, what: str) -> str:
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise ValidationError({"reason": f"Indicare il motivo dell'annullamento {what}."})
    return text


def inventory_quantity(q: Decimal, line_no: int) -> int:
    """Goods are inventoried one number each: a whole quantity."""
    if q != q.to_integral() or q < 1:
        raise ValidationError({f"line{line_no}": (
            f"Riga {line_no}: si inventariano beni interi, uno per numero; quantità "
            f"{_qty(q)}.")})
    return int(q)
