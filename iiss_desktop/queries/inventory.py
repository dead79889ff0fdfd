"""Read side of the inventory: plain rows for the grid (100,000 items load as tuples)."""
from __future__ import annotations

from datetime import date

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain.inventory import SHORT_NAMES

_ITEMS = (
    "SELECT i.id, i.register, i.number, e.entry_date, e.description, s.name, r.name, i.state, "
    "i.value, i.status, e.id IN (SELECT annuls_id FROM register_entry WHERE annuls_id IS NOT NULL) "
    "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
    "LEFT JOIN site s ON s.id = i.site_id LEFT JOIN room r ON r.id = i.room_id "
    "ORDER BY i.register, i.number")


def list_items(db: Database) -> tuple[list[tuple], list[int]]:
    """(rows, ids): register, number, date of carico, description, plesso, locale, state,
    value in cents, status."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_ITEMS)
        fetched = sql.cursor.fetchall()
    order = {code: i for i, code in enumerate(SHORT_NAMES)}  # beni mobili first, as in art. 31
    fetched.sort(key=lambda r: (order.get(r[1], len(order)), r[2]))
    to_date = (lambda d: d) if sql.postgres else date.fromisoformat
    rows = [(SHORT_NAMES.get(reg, reg), number, to_date(day), text, site or "", room or "",
             state, cents, "annullato" if annulled else status)
            for _id, reg, number, day, text, site, room, state, cents, status, annulled in fetched]
    return rows, [r[0] for r in fetched]


def room_check_data(db: Database, room_id: int) -> tuple[dict, dict]:
    """For the check of one room: goods registered there, and every other good with where it
    is registered, keyed by (register, number)."""
    from ..domain.inventory import LABEL_CODES

    sql_text = ("SELECT i.register, i.number, e.description, i.room_id, r.name "
                "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
                "LEFT JOIN room r ON r.id = i.room_id WHERE i.status != 'scaricato'")
    expected, elsewhere = {}, {}
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text)
        for register, number, text, item_room, room_name in sql.cursor.fetchall():
            if register not in LABEL_CODES:
                continue
            if item_room == room_id:
                expected[(register, number)] = text
            else:
                elsewhere[(register, number)] = f"{text} (registrato in: {room_name or '—'})"
    return expected, elsewhere
