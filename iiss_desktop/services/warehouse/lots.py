"""Lots of the articles tracked by lot: the lot of a carico, and the lots an outgoing quantity
takes (the first expiring first, expired ones never).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ...domain import warehouse as rules
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...models.warehouse import Article, Lot, MovementLine, Storeroom
from .posting import ItemInput


def _lot_for_carico(s, art: Article, item: ItemInput, row: int, on: date) -> int | None:
    code = (item.lot or "").strip().upper()
    if not art.tracks_lots:
        return None
    if not code:
        raise ValidationError({"lines": f"Riga {row}: «{art.description}» è gestito a lotti: "
                                        "indicare il lotto e la scadenza."})
    # Get-or-create of an audited row: race-free under the write gate of the unit of work.
    lot = s.execute(select(Lot).where(Lot.article_id == art.id, Lot.code == code)).scalar()
    expiry = item.expiry or (lot.expiry if lot is not None else None)
    if expiry is not None and expiry < on:
        raise ValidationError({"lines": f"Riga {row}: il lotto «{code}» di «{art.description}» "
                                        f"è scaduto il {format_date(expiry)}: non si prende "
                                        "in carico."})
    if lot is None:
        lot = Lot(article_id=art.id, code=code, expiry=item.expiry)
        s.add(lot)
        s.flush()
    elif item.expiry and lot.expiry and item.expiry != lot.expiry:
        raise ValidationError({"lines": f"Riga {row}: il lotto «{code}» è già registrato con "
                                        f"scadenza {format_date(lot.expiry)}."})
    return lot.id


def _lot_stock(s, lot_id: int, storeroom_id: int) -> int:
    return s.execute(select(func.coalesce(func.sum(MovementLine.quantity), 0)).where(
        MovementLine.lot_id == lot_id, MovementLine.storeroom_id == storeroom_id)).scalar()


def _allocate_lots(s, art: Article, storeroom: Storeroom, wanted: int, lot_code: str,
                   on: date, taken: dict[int, int] | None = None) -> list[tuple[int | None, int]]:
    """(lot_id, quantity) pairs for an outgoing quantity. A named lot must be in date and in
    stock; otherwise the lots expiring first are used (expired ones never).

    ``taken`` (lot id -> thousandths) is what earlier lines of the same movement already take
    from this storeroom: two lines of the same article never hand out the same pieces twice.
    It is updated with this allocation."""
    if not art.tracks_lots:
        return [(None, wanted)]
    taken = {} if taken is None else taken
    out = _allocate(s, art, storeroom, wanted, lot_code, on, taken)
    for lot_id, part in out:
        taken[lot_id] = taken.get(lot_id, 0) + part
    return out


def _allocate(s, art, storeroom, wanted, lot_code, on, taken) -> list[tuple[int | None, int]]:
    lots = s.execute(select(Lot).where(Lot.article_id == art.id).order_by(
        Lot.expiry.is_(None), Lot.expiry, Lot.id)).scalars().all()
    if lot_code.strip():
        lot = next((x for x in lots if x.code == lot_code.strip().upper()), None)
        if lot is None:
            raise ValidationError({"lot": f"Lotto «{lot_code}» di «{art.description}» "
                                          "inesistente."})
        rules.check_lot(article=art.description, lot=lot.code, expiry=lot.expiry, on=on)
        have = _lot_stock(s, lot.id, storeroom.id) - taken.get(lot.id, 0)
        if have < wanted:
            raise DomainError(rules.shortage_message(f"{art.description}, lotto {lot.code}",
                                                     storeroom.name, have, wanted, art.unit),
                              "lines")
        return [(lot.id, wanted)]
    out, left, expired = [], wanted, 0
    for lot in lots:
        have = _lot_stock(s, lot.id, storeroom.id) - taken.get(lot.id, 0)
        if have <= 0:
            continue
        if lot.expiry is not None and lot.expiry < on:
            expired += have
            continue
        take = min(have, left)
        out.append((lot.id, take))
        left -= take
        if not left:
            return out
    available = wanted - left
    note = (f" (altri {rules.format_quantity(expired, art.unit)} sono di lotti scaduti: non "
            "si distribuiscono)" if expired else "")
    raise DomainError(rules.shortage_message(art.description, storeroom.name, available, wanted,
                                             art.unit)[:-1] + note + ".", "lines")


def _check_lot_stock(s, art: Article, room: Storeroom, lot_id: int, qty: int) -> None:
    """A storno of a carico takes back the same lot: refused if that lot was handed out."""
    have = _lot_stock(s, lot_id, room.id)
    if qty > have:
        lot = s.get(Lot, lot_id)
        raise DomainError(rules.shortage_message(f"{art.description}, lotto {lot.code}",
                                                 room.name, have, qty, art.unit), "lines")


def _latest_lot(s, art: Article) -> int | None:
    if not art.tracks_lots:
        return None
    return s.execute(select(Lot.id).where(Lot.article_id == art.id).order_by(
        Lot.expiry.desc(), Lot.id.desc()).limit(1)).scalar()
