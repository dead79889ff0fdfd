"""Rinnovo of an inventory (domain.md §1.8): close the current series, open a new one.

Every good still in the consistenza of the closed series gets, in the same transaction and in
the old order, a new number (from 1) in the new series: a new ``inventory_item`` row with the
same data, room and state, at the new value. The old row stays, marked "rinnovato", and the
map old number -> new number (with both values) is kept in ``inventory_renewal_map``.

New value: the one set by the commission (``revalued``) where given; otherwise the current
value after ammortamento at the date of the rinnovo (domain/valuation.py). The new good's
ammortamento then starts again from the rinnovo, on the new value.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...areas.inventory import RENEWAL
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import states
from ...domain.inventory import valuation as vrules
from ...domain.inventory.fields import ITEM
from ...domain.inventory.registers import item_label, series_code, short_name
from ...domain.inventory.renewal import check_renewal
from ...domain.money import check_amount
from ...domain.registers import register_spec
from ...models.core import RegisterEntry
from ...models.inventory import (
    InventoryItem,
    RegisterSeries,
    RenewalMapEntry,
)
from ..registers import add_entry
from .carico import open_series_code
from .situations import situations
from .valuation import rate_map

# Columns copied from the old good to the new one: every column declared ``copied`` (all but
# id, entry, register, number, value, serial number and status), so a new field is never lost.
_COPIED = ITEM.copied


@dataclass(frozen=True)
class RenewalResult:
    old_code: str
    new_code: str
    count: int
    old_total: Decimal
    new_total: Decimal


def _goods_to_carry(s, code: str) -> list[tuple[InventoryItem, RegisterEntry]]:
    """Goods of the series still in its consistenza (held or lent: not discharged, not
    annulled, not already renewed)."""
    annulled = select(RegisterEntry.annuls_id).where(RegisterEntry.annuls_id.is_not(None))
    return s.execute(
        select(InventoryItem, RegisterEntry)
        .join(RegisterEntry, RegisterEntry.id == InventoryItem.entry_id)
        .where(InventoryItem.register == code,
               InventoryItem.status.in_(states.HELD_STATUSES),
               RegisterEntry.id.not_in(annulled))
        .order_by(InventoryItem.number)).all()


def _refuse_goods_away(s, goods) -> None:
    """Goods lent, entrusted by a verbale or waiting for a sale carry old numbers in documents
    still open: those are closed first, then the rinnovo is done (states.RULES[RENEW])."""
    labels = {it.id: item_label(it.register, it.number) for it, _ in goods}

    def listed(ids) -> str:
        names = [labels[i] for i in ids]
        return ", ".join(names[:8]) + (f" e altri {len(names) - 8}" if len(names) > 8 else "")

    found = situations(s, [it for it, _ in goods])
    for state in states.SITUATIONS:   # the order of the declaration: lent, entrusted, sale
        blocked = [it.id for it, _ in goods if found[it.id].state == state]
        why = states.refusal(states.RENEW, state, goods=listed(blocked)) if blocked else None
        if why is not None:
            raise DomainError(why)


def _new_values(goods, revalued, rates, renewed_on) -> dict[int, Decimal]:
    own = {it.id for it, _ in goods}
    values = {}
    for item_id, value in (revalued or {}).items():
        if item_id not in own:
            raise ValidationError({"revalued": f"Il bene {item_id} non è nella consistenza "
                                               "dell'inventario da rinnovare."})
        amount = check_amount(value, "revalued", "valore rivalutato")
        if amount < 0:
            raise ValidationError({"revalued": "Il valore rivalutato non può essere negativo."})
        values[item_id] = amount
    for item, entry in goods:
        if item.id not in values:
            rate = rates.get(vrules.category_key(item.category))
            values[item.id] = vrules.current_value(item.value, rate, entry.entry_date,
                                                   renewed_on, item.register)
    return values


@requires(RENEWAL)
def renew(db: Database, base: str, renewed_on: date, decree_number: str, decree_date: date,
          commission: str, revalued: dict[int, Decimal] | None = None) -> RenewalResult:
    """Rinnovo of inventory ``base`` (e.g. "inv-mobili") on ``renewed_on``, in one transaction."""
    number, members = check_renewal(base=base, renewed_on=renewed_on,
                                          decree_number=decree_number, decree_date=decree_date,
                                          commission=commission, today=date.today())
    rates = rate_map(db)
    user = db.current_user
    with unit_of_work(db, user, reason=f"Rinnovo dell'inventario ({short_name(base)})") as s:
        old_code = open_series_code(s, base)
        new_code = series_code(base, renewed_on.year)
        if s.execute(select(RegisterSeries.id).where(RegisterSeries.code == new_code)).first() \
                or old_code == new_code:
            raise DomainError(f"L'inventario dei {short_name(base)} è già stato rinnovato "
                              f"nel {renewed_on.year}.")
        goods = _goods_to_carry(s, old_code)
        if not goods:
            raise DomainError(f"Nessun bene in consistenza nell'inventario dei "
                              f"{short_name(old_code)}: niente da rinnovare.")
        last = max(e.entry_date for _, e in goods)
        if renewed_on < last:
            raise ValidationError({"renewed_on": f"Il rinnovo non può precedere l'ultimo carico "
                                                 f"({last:%d/%m/%Y})."})
        _refuse_goods_away(s, goods)
        values = _new_values(goods, revalued, rates, renewed_on)

        old_series = s.execute(select(RegisterSeries).where(
            RegisterSeries.code == old_code)).scalar()
        if old_series is None:     # the first series gets its row when it is closed
            first = min(e.entry_date for _, e in goods)
            old_series = RegisterSeries(base=base, code=old_code, opened_on=first)
            s.add(old_series)
        old_series.closed_on = renewed_on
        new_series = RegisterSeries(base=base, code=new_code, opened_on=renewed_on,
                                    decree_number=number, decree_date=decree_date,
                                    commission=members)
        s.add(new_series)
        s.flush()

        conn = s.connection()
        spec = register_spec(new_code)
        old_total = new_total = Decimal("0.00")
        for old, entry in goods:
            value = values[old.id]
            ref = add_entry(conn, spec=spec, entry_date=renewed_on, description=entry.description,
                            user=user, amount=value,
                            reference=f"Rinnovo: già {item_label(old_code, old.number)}")
            copied = {c: getattr(old, c) for c in _COPIED}
            serial, old.serial_number = old.serial_number, None   # unique: it follows the good
            if serial:
                old.notes = (old.notes + "\n" if old.notes else "") + f"Numero di serie {serial}"
            s.flush()
            new = InventoryItem(entry_id=ref.id, register=new_code, number=ref.number,
                                value=value, status=old.status, serial_number=serial, **copied)
            s.add(new)
            old.status = states.STATUS.move(old.status, states.RENEWED)
            s.flush()
            s.add(RenewalMapEntry(series_id=new_series.id, old_item_id=old.id,
                                  new_item_id=new.id, old_value=old.value, new_value=value))
            old_total += old.value
            new_total += value
        result = RenewalResult(old_code, new_code, len(goods), old_total, new_total)
        s.commit()
    return result
