"""Magazzino rules (domain.md §2): units and quantities, weighted average cost, no negative
stock, lot expiry, request quantities, stocktake differences.

Quantities are integer **thousandths** of the article's unit (``milli``) end to end: most
articles count whole pieces, but detergents go by the litre and the kilo ("2,5 l"); an integer
keeps sums exact on SQLite and PostgreSQL (no REAL, no NUMERIC differences) and thousandths
are finer than any school measures. Money is integer cents (domain.money).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .audit_labels import AuditLabels
from .dates import format_date
from .errors import DomainError, ValidationError
from .fields import Field, Record
from .lifecycle import Lifecycle
from .registers import RegisterSpec, define_register

GIORNALE = "mag-giornale"
define_register(RegisterSpec(GIORNALE, "Giornale di magazzino", "warehouse", yearly=True))

MILLI = 1000
MAX_QUANTITY = 10_000_000 * MILLI   # ten million units: beyond any school store


@dataclass(frozen=True)
class Unit:
    code: str
    singular: str
    plural: str
    decimals: int   # 0: whole units only; up to 3 (thousandths)


UNITS: dict[str, Unit] = {u.code: u for u in (
    Unit("pz", "pezzo", "pezzi", 0),
    Unit("conf", "confezione", "confezioni", 0),
    Unit("risma", "risma", "risme", 0),
    Unit("scatola", "scatola", "scatole", 0),
    Unit("paio", "paio", "paia", 0),
    Unit("rotolo", "rotolo", "rotoli", 0),
    Unit("flacone", "flacone", "flaconi", 0),
    Unit("l", "litro", "litri", 3),
    Unit("kg", "chilogrammo", "chilogrammi", 3),
    Unit("m", "metro", "metri", 2),
)}

# The article of the magazzino, declared once (domain/fields.py): the anagrafica form, the
# save, the row dataclass of the queries and the model test follow from it.
ARTICLE = Record("warehouse_article", alias="a", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("code", "Codice (anche a barre)", max_length=40, required=True, upper=True,
          pattern=r"\S+", pattern_text="un codice senza spazi",
          placeholder="es. CARTA-A4-80 oppure 8001234567890"),
    Field("description", "Descrizione", max_length=300, required=True),
    Field("unit", "Unità di misura", kind="choice", max_length=10, required=True,
          choices=tuple((u.code, f"{u.code} – {u.plural}") for u in UNITS.values())),
    Field("category", "Categoria", max_length=80, placeholder="es. Cancelleria, Pulizia, DPI"),
    # Thousandths of the unit; typed as a quantity of the article's unit ("2,5").
    Field("min_stock", "Scorta minima", kind="int", default=0, placeholder="0 = nessun avviso",
          help="Sotto questa giacenza (tutti i magazzini) l'articolo è segnalato nella pagina "
               "iniziale."),
    Field("supplier", "Fornitore abituale", max_length=200),
    Field("tracks_lots", "Gestito a lotti con scadenza (DPI, igienizzanti)", kind="bool"),
    Field("is_dpi", "È un dispositivo di protezione individuale (DPI)", kind="bool"),
    Field("active", "In uso (si può caricare e richiedere)", kind="bool", default=True),
    Field("notes", "Note", kind="multiline", max_length=20000),
))
# The columns of the articles grid, in the order of its rows (plain tuples, like the
# inventory grid): (name, title). Code reads a cell through ARTICLE_GRID_INDEX.
ARTICLE_GRID = (("code", "Codice"), ("description", "Articolo"), ("category", "Categoria"),
                ("unit", "U.M."), ("stock", "Giacenza"), ("minimum", "Scorta minima"),
                ("value", "Valore"), ("alert", "Scorta"), ("kind", "Tipo"))
ARTICLE_GRID_INDEX = {name: i for i, (name, _title) in enumerate(ARTICLE_GRID)}


# Movement kinds of the giornale and how they read on paper.
KINDS = {
    "carico": "Carico",
    "scarico": "Scarico",
    "trasferimento": "Trasferimento",
    "rettifica": "Rettifica inventariale",
    "dpi": "Distribuzione DPI",
    "storno": "Storno",
}
DOCUMENT_KINDS = {
    "ordine": "Ordine",
    "ddt": "Documento di trasporto (DDT)",
    "fattura": "Fattura",
    "gratuita": "Fornitura gratuita (Commissario straordinario, donazione)",
}
RECIPIENT_KINDS = {"persona": "Persona", "ufficio": "Ufficio", "plesso": "Plesso",
                   "laboratorio": "Laboratorio"}

# Material requests: presentata → approvata (possibly cut) | respinta → in evasione → evasa.
# A material request: the DSGA approves or refuses it; withdrawals deliver it in part or in
# full; the storno of a withdrawal gives back what it delivered (request_state_after).
REQUEST = Lifecycle(
    "la richiesta",
    {"presentata": "presentata", "approvata": "approvata", "in evasione": "in evasione",
     "evasa": "evasa", "respinta": "respinta"},
    {"presentata": frozenset({"approvata", "respinta"}),
     "approvata": frozenset({"in evasione", "evasa"}),
     "in evasione": frozenset({"in evasione", "evasa", "approvata"}),
     "evasa": frozenset({"in evasione", "approvata"}),
     "respinta": frozenset()},
    initial="presentata", open=frozenset({"presentata", "approvata", "in evasione"}))
REQUEST_STATES = REQUEST.states
# Goods are withdrawn against a request that a withdrawal may complete.
OPEN_FOR_WITHDRAWAL = tuple(s for s in REQUEST_STATES if REQUEST.allows(s, "evasa"))
EXPIRY_WARNING_DAYS = 30


def unit_of(code: str) -> Unit:
    try:
        return UNITS[code]
    except KeyError:
        raise ValidationError({"unit": f"Unità di misura «{code}» non prevista."}) from None


# --- quantities ---------------------------------------------------------------------------

_QTY = re.compile(r"^\s*([+-]?[0-9]+(?:[.,][0-9]+)?)\s*([A-Za-z]*)\s*$")


def parse_quantity(text: str, unit: str, *, field: str = "quantity", label: str = "",
                   allow_zero: bool = False) -> int:
    """What a clerk types ("10", "2,5", "2,5 l") -> thousandths of ``unit``.

    Refused: empty, zero (unless ``allow_zero``: a stocktake count), negative, more decimals
    than the unit allows ("2,5" pezzi), a unit other than the article's ("5 kg" of an
    article kept in litres). ``label`` names the article in the message.
    """
    u = unit_of(unit)
    who = f" di «{label}»" if label else ""
    m = _QTY.match(str(text or ""))
    if not m:
        raise ValidationError({field: f"Quantità{who} non valida: «{(text or '').strip()}» "
                                      f"(esempio: 10 oppure 2,5)."})
    number, typed_unit = m.group(1).replace(",", "."), m.group(2).lower()
    if typed_unit and typed_unit != u.code and typed_unit not in (u.singular, u.plural):
        raise ValidationError({field: f"Unità di misura errata{who}: l'articolo si misura in "
                                      f"{u.plural} ({u.code}), non in «{typed_unit}»."})
    return check_quantity(Decimal(number), unit, field=field, label=label,
                          allow_zero=allow_zero)


def check_quantity(value, unit: str, *, field: str = "quantity", label: str = "",
                   allow_zero: bool = False) -> int:
    """A quantity from code (Decimal or int, in units) -> thousandths, with the same rules."""
    u = unit_of(unit)
    who = f" di «{label}»" if label else ""
    if isinstance(value, float) or not isinstance(value, (Decimal, int)):
        raise ValidationError({field: f"Quantità{who} non valida: usare un numero esatto."})
    d = Decimal(value)
    if d < 0:
        raise ValidationError({field: f"La quantità{who} non può essere negativa."})
    if d == 0 and not allow_zero:
        raise ValidationError({field: f"La quantità{who} deve essere maggiore di zero."})
    if d != d.quantize(Decimal(1).scaleb(-u.decimals)):
        if u.decimals == 0:
            raise ValidationError({field: f"La quantità{who} deve essere un numero intero di "
                                          f"{u.plural} ({format_units(d)} non è ammesso)."})
        raise ValidationError({field: f"La quantità{who} ammette al massimo {u.decimals} "
                                      f"decimali in {u.plural}."})
    milli = int(d * MILLI)
    if milli > MAX_QUANTITY:
        raise ValidationError({field: f"La quantità{who} è troppo grande."})
    return milli


def format_units(d: Decimal) -> str:
    text = f"{d.normalize():f}"
    return text.replace(".", ",")


def format_quantity(milli: int | None, unit: str = "", *, with_unit: bool = True) -> str:
    """3500, "l" -> "3,5 l"; 12000, "pz" -> "12 pz"; thousands grouped with dots.

    Abbreviated units stay as they are ("12 pz", "3 conf"); units written as a word agree
    with the number as an Italian reader expects: "1 risma", "5 risme", "2 flaconi", "3 paia".
    """
    if milli is None:
        return ""
    sign = "-" if milli < 0 else ""
    units, rest = divmod(abs(int(milli)), MILLI)
    text = f"{units:,}".replace(",", ".")
    if rest:
        text += "," + f"{rest:03d}".rstrip("0")
    return f"{sign}{text}" + (f" {unit_word(unit, milli)}" if with_unit and unit else "")


def unit_word(unit: str, milli: int) -> str:
    """The unit as printed after a quantity: the code when it is an abbreviation, else the
    singular for exactly one unit and the plural otherwise."""
    u = UNITS.get(unit)
    if u is None or u.code != u.singular:
        return unit
    return u.singular if abs(int(milli)) == MILLI else u.plural


def to_units(milli: int) -> Decimal:
    return Decimal(milli) / MILLI


# --- valuation: weighted average cost ------------------------------------------------------

def _round_cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ValuedLine:
    """One journal line for the valuation, in journal order (date, movement, line).

    ``quantity`` signed thousandths (+ in, − out of ``storeroom``). ``value`` integer cents
    when the document fixes it (a carico at invoice price, IVA included; a free supply at
    zero or an estimate), else None: the line moves at the running average. ``source`` is
    the index of the line it mirrors (a transfer's incoming side, a storno): value = −that.
    """

    storeroom: int
    quantity: int
    value: int | None = None
    source: int | None = None


class NegativeStock(DomainError):
    def __init__(self, message: str, storeroom: int, available: int, index: int):
        super().__init__(message, "quantity")
        self.storeroom, self.available, self.index = storeroom, available, index


def value_lines(lines: list[ValuedLine]) -> list[int]:
    """The value in cents of each line of ONE article, by moving weighted average cost per
    storeroom (costo medio ponderato, IVA inclusa).

    After a carico the average is (stock value + carico value) / (stock + carico); an outgoing
    line takes ``stock value × quantity / stock`` rounded half up to the cent, and the last
    piece takes all the remaining value, so no stray cents stay on an empty shelf. Raises
    NegativeStock (with the storeroom and the quantity available) at the first line that
    would take the stock below zero.
    """
    qty: dict[int, int] = {}
    val: dict[int, int] = {}
    out: list[int] = []
    for i, line in enumerate(lines):
        q0, v0 = qty.get(line.storeroom, 0), val.get(line.storeroom, 0)
        if line.source is not None:
            value = -out[line.source]
        elif line.value is not None:
            value = line.value
        elif line.quantity < 0:
            if -line.quantity > q0:
                raise NegativeStock("giacenza insufficiente", line.storeroom, q0, i)
            value = -v0 if -line.quantity == q0 else -_round_cents(
                Decimal(v0) * -line.quantity / q0)
        else:
            value = _round_cents(Decimal(v0) * line.quantity / q0) if q0 > 0 else 0
        q1 = q0 + line.quantity
        if q1 < 0:
            raise NegativeStock("giacenza insufficiente", line.storeroom, q0, i)
        qty[line.storeroom], val[line.storeroom] = q1, (v0 + value if q1 else 0)
        out.append(value)
    return out


def average_cost(stock_milli: int, value_cents: int) -> Decimal:
    """Unit cost in euro (4 decimals, for display) of a stock and its value."""
    if stock_milli <= 0:
        return Decimal("0")
    return (Decimal(value_cents) / 100 / to_units(stock_milli)).quantize(Decimal("0.0001"))


# --- refusals with the article, the place and the quantity -------------------------------

def shortage_message(article: str, storeroom: str, available: int, requested: int,
                     unit: str) -> str:
    return (f"Giacenza insufficiente: «{article}» nel magazzino «{storeroom}» ha "
            f"{format_quantity(available, unit)} disponibili, richiesti "
            f"{format_quantity(requested, unit)}.")


def check_lot(*, article: str, lot: str, expiry: date | None, on: date) -> None:
    """An expired lot (DPI, sanitisers) is never handed out."""
    if expiry is not None and expiry < on:
        raise ValidationError({"lot": f"Il lotto «{lot}» di «{article}» è scaduto il "
                                      f"{format_date(expiry)}: non può essere distribuito."})


def expiring(expiry: date | None, today: date, days: int = EXPIRY_WARNING_DAYS) -> bool:
    return expiry is not None and (expiry - today).days <= days


def check_approval(requested: int, approved: int, *, article: str, unit: str) -> None:
    """The DSGA may cut a request, never grant more than was asked."""
    if approved < 0:
        raise ValidationError({"approved": f"Quantità approvata di «{article}» negativa."})
    if approved > requested:
        raise ValidationError({"approved": f"Per «{article}» si possono approvare al massimo "
                                           f"{format_quantity(requested, unit)} (richiesti)."})


def check_withdrawal(*, approved: int, delivered: int, quantity: int, article: str,
                     unit: str, request_no: int) -> None:
    left = approved - delivered
    if quantity > left:
        raise ValidationError({"quantity": f"Richiesta n. {request_no}: per «{article}» "
                                           f"restano da consegnare "
                                           f"{format_quantity(left, unit)}, non "
                                           f"{format_quantity(quantity, unit)}."})


def request_state_after(lines: list[tuple[int, int]]) -> str:
    """State of an approved request from (approved, delivered) per line."""
    if all(d >= a for a, d in lines):
        return "evasa"
    return "in evasione" if any(d > 0 for _a, d in lines) else "approvata"


@dataclass(frozen=True)
class CountDifference:
    article_id: int
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected


def stocktake_differences(expected: dict[int, int],
                          counted: dict[int, int]) -> list[CountDifference]:
    """Articles whose count differs from the book stock. An article on the books but not
    counted is NOT taken as zero: the count may be partial (one shelf at a time)."""
    out = []
    for article_id, n in counted.items():
        book = expected.get(article_id, 0)
        if n != book:
            out.append(CountDifference(article_id, book, n))
    return sorted(out, key=lambda d: d.article_id)


# The magazzino's tables, columns and units as the change log prints them (domain/audit_labels).
AUDIT_LABELS = AuditLabels(
    entities={"warehouse_storeroom": "Magazzino", "warehouse_article": "Articolo di magazzino",
              "warehouse_lot": "Lotto", "warehouse_request": "Richiesta di materiale",
              "warehouse_request_line": "Riga della richiesta",
              "warehouse_movement": "Movimento di magazzino",
              "warehouse_movement_line": "Riga del movimento"},
    table_fields={"warehouse_request": {"status": "stato della richiesta"}},
    fields={
        "annuls_movement_id": "storna il movimento (id)", "approved": "quantità approvata",
        "article_id": "articolo (id)", "decided_on": "deciso il",
        "delivered": "quantità consegnata",
        "destination_site_id": "plesso di destinazione (id)",
        "document_date": "data del documento", "expiry": "scadenza", "lot_id": "lotto (id)",
        "movement_date": "data del movimento", "movement_id": "movimento (id)",
        "priced": "valorizzata", "request_id": "richiesta (id)",
        "request_line_id": "riga della richiesta (id)", "requested": "quantità richiesta",
        "requested_on": "richiesta il", "source_line_id": "riga di origine (id)",
        "storeroom_id": "magazzino (id)", "to_storeroom_id": "al magazzino (id)",
        "value_cents": "valore",
    },
    values={"destination_kind": dict(RECIPIENT_KINDS), "document_kind": dict(DOCUMENT_KINDS),
            "warehouse_movement.kind": dict(KINDS)},
    formats={"value_cents": "cents", "warehouse_movement_line.quantity": "milli",
             "approved": "milli", "delivered": "milli", "requested": "milli",
             "min_stock": "milli"},
)
