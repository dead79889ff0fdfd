"""Goods moved between rooms: one recorded movement each."""
from __future__ import annotations

from datetime import date

from ...areas.inventory import PREPARE
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.errors import ValidationError
from ...domain.inventory import registers as rules
from ...domain.inventory import states
from ...models.core import RegisterEntry
from ...models.inventory import InventoryItem, InventoryMovement
from ...models.school import Room
from .discharge import _load_items
from .situations import require


@requires(PREPARE)
def move_item(db: Database, *, item_id: int, to_room_id: int, moved_on: date | None = None,
              reason: str = "") -> None:
    """A move between rooms is a recorded movement, and the item then knows its new place."""
    move_items(db, item_ids=[item_id], to_room_id=to_room_id, moved_on=moved_on, reason=reason)


@requires(PREPARE)
def move_items(db: Database, *, item_ids: list[int], to_room_id: int,
               moved_on: date | None = None, reason: str = "") -> int:
    """Several goods moved to one room (a laboratory refitted, a class changing room): one
    recorded movement each, all in one transaction or none. Returns how many were moved."""
    moved_on = moved_on or date.today()
    if moved_on > date.today():
        raise ValidationError({"moved_on": "La data dello spostamento è futura."})
    if not item_ids:
        raise ValidationError({"item_ids": "Scegliere almeno un bene da spostare."})
    with unit_of_work(db, reason=reason or "Spostamento") as s:
        room = s.get(Room, to_room_id)
        if room is None or not room.active:
            raise ValidationError({"to_room_id": "Locale di destinazione inesistente."})
        items = _load_items(s, item_ids)
        require_at(db, PREPARE, s, site_ids=[room.site_id], item_ids=item_ids)
        require(s, items, states.MOVE)
        here = []
        for item in items:
            good = rules.good_ref(item.register, item.number)
            if room.id == item.room_id:
                here.append(rules.item_label(item.register, item.number))
            carico_date = s.get(RegisterEntry, item.entry_id).entry_date
            if moved_on < carico_date:
                raise ValidationError({"moved_on": f"Lo spostamento è anteriore al carico del "
                                                   f"bene {good}, del {carico_date:%d/%m/%Y}."})
        if here:
            raise ValidationError({"to_room_id": (
                "Il bene si trova già in questo locale." if len(items) == 1 else
                f"Già in questo locale: {', '.join(here)}.")})
        for item in items:
            record_move(s, item, room, moved_on=moved_on, reason=reason,
                        recorded_by_id=getattr(db.current_user, "id", None))
        s.commit()
    return len(items)


def record_move(s, item: InventoryItem, room: Room, *, moved_on: date, reason: str,
                recorded_by_id: int | None) -> None:
    """The movement row and the item's new place, inside the caller's transaction (a move, or
    a good found elsewhere at a ricognizione)."""
    s.add(InventoryMovement(item_id=item.id, moved_on=moved_on, from_room_id=item.room_id,
                            to_room_id=room.id, reason=reason.strip(),
                            recorded_by_id=recorded_by_id))
    item.room_id, item.site_id = room.id, room.site_id
