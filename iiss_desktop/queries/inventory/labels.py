"""Read side of the inventory labels: the goods to label, in register order."""
from __future__ import annotations

from typing import NamedTuple

from ...db.driver_sql import DriverSQL
from ...db.engine import Database

_ITEMS = ("SELECT i.register, i.number, e.description, r.name FROM inventory_item i "
          "JOIN register_entry e ON e.id = i.entry_id LEFT JOIN room r ON r.id = i.room_id ")


class LabelRow(NamedTuple):
    register: str
    number: int
    description: str
    room: str | None


def label_rows(db: Database, registro: str | None, item_ids, room_id: int | None
               ) -> list[LabelRow]:
    """The goods of a register and/or a room, or those chosen (``item_ids``). Without a
    choice, the goods still there: not those discharged, renewed or annulled."""
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
        where.append("i.status NOT IN ('scaricato', 'rinnovato') AND NOT EXISTS "
                     "(SELECT 1 FROM register_entry a WHERE a.annuls_id = i.entry_id)")
    sql_text = _ITEMS + (("WHERE " + " AND ".join(where)) if where else "") + \
        " ORDER BY i.register, i.number"
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text, params)
        return [LabelRow(*row) for row in sql.cursor.fetchall()]
