"""Inventory carico: goods taken in charge (a number each and a buono di carico), and the annulment
of a carico recorded by mistake.
"""
from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ...areas.inventory import CARICO
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.errors import DomainError, ValidationError, collect
from ...domain.inventory import states
from ...domain.inventory.carico import (
    STATES,
    VALUATIONS,
    carico_value,
    destination,
    threshold_value,
)
from ...domain.inventory.fields import ITEM
from ...domain.inventory.registers import (
    BUONO_CARICO,
    REGISTERS,
    SHORT_NAMES,
    base_of,
    short_name,
)
from ...domain.money import format_money
from ...domain.procurement_codes import normalize_cig, normalize_cup
from ...domain.registers import register_spec
from ...models.inventory import InventoryItem, RegisterSeries
from ...models.school import Room
from ..registers import LineInput, add_entry, annul_in
from .situations import require

# One carico: ``quantity`` identical goods, each with its own inventory number. The fields
# of the good typed in the form are the ones declared ``entered`` (domain/inventory/fields.py),
# with their declared defaults.
CaricoInput = make_dataclass("CaricoInput", [
    ("description", str),
    ("category_register", str, field(default="inv-mobili")),
    ("nature", str, field(default="bene")),
    ("quantity", int, field(default=1)),
    # The value IVA included (institutional purchases), or the imponibile with the aliquota
    # IVA; a good of a commercial activity is recorded net of IVA (domain carico_value).
    ("unit_value", Decimal, field(default=Decimal("0"))),
    ("imponibile", Decimal | None, field(default=None)),
    ("vat_rate", Decimal | None, field(default=None)),
    ("commercial", bool, field(default=False)),
    ("universalita", bool, field(default=False)),     # bought together as a set (art. 31 c.5)
    ("entry_date", date, field(default_factory=date.today)),
    ("room_id", int | None, field(default=None)),
    *((f.name, f.py_type, field(default=f.default)) for f in ITEM.entered),
])


@dataclass(frozen=True)
class CaricoResult:
    register: str
    numbers: list[int]
    buono_number: int
    buono_year: int
    reason: str


# Entered fields with a rule of their own in _check (or in carico: the serial number).
_OWN_RULE = frozenset(("state", "valuation", "cig", "cup"))


def _check(data: CaricoInput) -> tuple[str, Decimal, dict]:
    """The description, the unit value and the declared fields of the good, as stored;
    every wrong field at once in a ValidationError."""
    errors: dict[str, str] = {}
    fields: dict = {}
    base = base_of(data.category_register)
    for f in ITEM.entered:
        given = getattr(data, f.name)
        if f.registers and not f.applies_to(base) and given not in (None, ""):
            errors[f.name] = (f"Il campo «{f.label}» si indica solo per "
                              + " e ".join(SHORT_NAMES[c] for c in f.registers) + ".")
        elif f.name not in _OWN_RULE:
            fields[f.name] = collect(errors, f.check, given)
    text = (data.description or "").strip()
    if not text:
        errors["description"] = "Indicare la descrizione del bene."
    if not 1 <= data.quantity <= 500:
        errors["quantity"] = "La quantità deve essere tra 1 e 500."
    if data.state not in STATES:
        errors["state"] = "Stato di conservazione non valido."
    if data.valuation not in VALUATIONS:
        errors["valuation"] = "Criterio di valutazione non valido."
    if data.room_id is None:
        errors["room_id"] = "Indicare il locale in cui si trova il bene."
    fields.pop("serial_number", None)   # normalized in carico, as the scanner reads it
    if (data.serial_number or "").strip() and data.quantity != 1:
        errors["serial_number"] = ("Il numero di serie vale per un solo bene: caricare uno alla "
                                   "volta.")
    if data.category_register == "inv-terzi" and not (data.owner or "").strip():
        errors["owner"] = "Per un bene di terzi indicare il proprietario (es. il Comune)."
    for normalize, code in ((normalize_cig, data.cig), (normalize_cup, data.cup)):
        collect(errors, normalize, code)   # stored below as strip().upper(), same text
    if errors:
        raise ValidationError(errors)
    value = carico_value(unit_value=data.unit_value, imponibile=data.imponibile,
                         vat_rate=data.vat_rate, commercial=data.commercial)
    fields.update(state=data.state, valuation=data.valuation, cig=data.cig.strip().upper(),
                  cup=data.cup.strip().upper())
    return text, value, fields


@requires(CARICO)
def carico(db: Database, data: CaricoInput, *, also=None) -> CaricoResult:
    """Take goods in charge: one number per good in its register and a buono di carico, all in
    one transaction. Goods that the law does not inventory are refused with the reason.

    ``also(session, items)`` runs in the same transaction before the commit: the record that
    caused the carico (e.g. the ricognizione's line) is linked atomically with it."""
    text, value, fields = _check(data)
    total = value * data.quantity
    gross = threshold_value(value, imponibile=data.imponibile, vat_rate=data.vat_rate,
                            commercial=data.commercial)
    dest = destination(category_register=data.category_register, nature=data.nature,
                       unit_value=gross,
                       universalita_value=gross * data.quantity if data.universalita else None)
    if dest.register is None:
        raise DomainError(dest.reason, "nature")
    user = db.current_user
    # As the scanner reads it: no spaces, capitals ("sn-1 " and "SN-1" are the same good).
    serial = "".join((data.serial_number or "").split()).upper() or None
    with unit_of_work(db, user, reason="Carico inventariale") as s:
        room = s.get(Room, data.room_id)
        if room is None or not room.active:
            raise ValidationError({"room_id": "Locale inesistente o non più in uso."})
        require_at(db, CARICO, s, site_ids=[room.site_id])
        if serial and s.execute(select(InventoryItem.id).where(
                func.upper(InventoryItem.serial_number) == serial)).first():
            raise ValidationError({"serial_number": f"Il numero di serie «{serial}» è già "
                                                    "registrato per un altro bene."})
        conn = s.connection()
        # After a rinnovo the goods are taken in charge in the series it opened.
        register = open_series_code(s, dest.register)
        spec = register_spec(register)
        items = []
        for _ in range(data.quantity):
            ref = add_entry(conn, spec=spec, entry_date=data.entry_date, description=text,
                            user=user, amount=value,
                            reference=data.invoice_number.strip() or None)
            item = InventoryItem(
                entry_id=ref.id, register=register, number=ref.number, nature=data.nature,
                site_id=room.site_id, room_id=room.id, value=value,
                universalita_value=total if data.universalita else None,
                serial_number=serial, **fields)
            s.add(item)
            items.append(item)
        s.flush()
        title = short_name(register)
        buono = add_entry(
            conn, spec=register_spec(BUONO_CARICO), entry_date=data.entry_date,
            # No brackets of its own: a description often ends with some («(comodato…)»).
            description=f"Buono di carico – {text} – {data.quantity} "
                        f"{'bene' if data.quantity == 1 else 'beni'}, {title}",
            user=user, amount=total if dest.inventoried else None,
            lines=[LineInput(f"n. {it.number} – {text}", 1, value) for it in items])
        # The goods of a universalità (art. 31 c.5) are one set: named by their buono, so that
        # the register prints them together with the set's value.
        key = f"Buono di carico n. {buono.number}/{buono.year}" if data.universalita else ""
        for it in items:
            it.buono_entry_id = buono.id
            it.universalita_key = key
        if also is not None:
            also(s, items)
        numbers = [it.number for it in items]
        s.commit()
    reason = dest.reason + (f" Valore registrato al netto dell'IVA: {format_money(value)}, "
                            "bene dell'attività commerciale (Linee guida, nota 4083/2021)."
                            if data.commercial else "")
    return CaricoResult(register, numbers, buono.number, buono.year, reason)


def open_series_code(s, base: str) -> str:
    """The series of ``base`` now open for carichi: the plain code until a rinnovo."""
    if base not in REGISTERS:
        return base
    code = s.execute(select(RegisterSeries.code).where(
        RegisterSeries.base == base, RegisterSeries.closed_on.is_(None))
        .order_by(RegisterSeries.opened_on.desc(), RegisterSeries.id.desc())).scalar()
    return code or base


@requires(CARICO)
def annul_carico(db: Database, *, item_id: int, reason: str,
                 annulled_on: date | None = None) -> int:
    """A carico recorded by mistake (a duplicate, the wrong inventory, a good never delivered)
    is annulled, never deleted: an annulment row of its register states the reason, the number
    stays used (never given to another good) and the good leaves the consistenza. A good that
    exists is taken out only by a decree of discarico (art. 33). Returns the annulment's
    number in the register."""
    with unit_of_work(db, reason=f"Annullamento di carico: {(reason or '').strip()}") as s:
        item = s.get(InventoryItem, item_id)
        if item is None:
            raise DomainError("Bene inesistente.")
        require_at(db, CARICO, s, site_ids=[item.site_id])
        require(s, [item], states.ANNUL)
        ref = annul_in(s.connection(), entry_id=item.entry_id, reason=reason,
                       entry_date=annulled_on, user=db.current_user)
        item.status = states.STATUS.move(item.status, states.ANNULLED)
        s.commit()
    return ref.number
