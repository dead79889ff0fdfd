"""Read side of the inventory labels: the goods to label, in register order."""
from __future__ import annotations

from typing import NamedTuple

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.inventory import states
from ...domain.inventory.registers import good_ref

_ITEMS = ("SELECT i.register, i.number, e.description, r.name, i.status, EXISTS (SELECT 1 "
          "FROM register_entry a WHERE a.annuls_id = i.entry_id) FROM inventory_item i "
          "JOIN register_entry e ON e.id = i.entry_id LEFT JOIN room r ON r.id = i.room_id ")


class LabelRow(NamedTuple):
    register: str
    number: int
    description: str
    room: str | None


def label_rows(db: Database, registro: str | None, item_ids, room_id: int | None
               ) -> list[LabelRow]:
    """The goods of a register and/or a room, or those chosen (``item_ids``). Without a
    choice, the goods still there: not those discharged, renewed or annulled; a good chosen
    one by one that has left the inventory is refused with the reason (states.LABEL)."""
    where, params = [], []
    if registro:
        where.append("i.register = ?")
        params.append(registro)
    if room_id is not None:
        where.append("i.room_id = ?")
        params.append(room_id)
    if item_ids:
        ids = [int(i) for i in item_ids]
        where.append(f"i.id IN ({', '.join('?' * len(ids))})")
        params += ids
    else:   # a register or a room: the goods still there, not those discharged or annulled
        where.append(f"i.status IN ({states.HELD_SQL}) AND NOT EXISTS "
                     "(SELECT 1 FROM register_entry a WHERE a.annuls_id = i.entry_id)")
    sql_text = _ITEMS + (("WHERE " + " AND ".join(where)) if where else "") + \
        " ORDER BY i.register, i.number"
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text, params)
        rows = sql.cursor.fetchall()
    for register, number, _text, _room, status, annulled in rows:
        states.check(states.LABEL, states.situation(status, annulled=bool(annulled)),
                     good=good_ref(register, number))
    return [LabelRow(*row[:4]) for row in rows]
