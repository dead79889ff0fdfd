"""Goods written in bulk into a demo archive (register entries + inventory rows, raw sqlite3):
the large volumes the benchmarks need, in seconds instead of the services' hours. The change
log is not written: the benchmarks measure reading, not the chain."""
from __future__ import annotations

import sqlite3
from pathlib import Path

WORDS = ("Personal computer portatile", "Sedia per alunni", "Banco biposto", "Armadio",
         "Lavagna interattiva multimediale", "Microscopio ottico", "Tablet 10 pollici")


def add_bulk_goods(path: Path, items: int) -> int:
    """``items`` goods in the «inv-mobili» register after the archive's own; returns the id of
    a room holding the first 500 of them."""
    from iiss_desktop.domain.inventory.fields import ITEM

    con = sqlite3.connect(path)
    rooms = [r[0] for r in con.execute("SELECT id FROM room ORDER BY id")]
    site_of = dict(con.execute("SELECT id, site_id FROM room"))
    start = con.execute("SELECT coalesce(max(number), 0) FROM register_entry "
                        "WHERE register = 'inv-mobili'").fetchone()[0]
    first_id = con.execute("SELECT coalesce(max(id), 0) FROM register_entry").fetchone()[0] + 1
    entries, goods = [], []
    for k in range(items):
        number = start + k + 1
        room = rooms[0] if k < 500 else rooms[1 + k % (len(rooms) - 1)]
        entries.append((first_id + k, "inv-mobili", 0, number, "2024-10-15", "entry",
                        f"{WORDS[k % len(WORDS)]} – Ștefan Dvořák {k}", 25000 + k,
                        "2024-10-15 08:00:00", 1))
        goods.append(tuple(ITEM.insert_row({
            "entry_id": first_id + k, "register": "inv-mobili", "number": number,
            "site_id": site_of[room], "room_id": room, "state": "buono",
            "value": 25000 + k}).values()))
    con.executemany("INSERT INTO register_entry (id, register, year, number, entry_date, kind, "
                    "description, amount, recorded_at, recorded_by_id) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries)
    # Every column of a good, as declared (domain/inventory/fields.py): a NOT NULL column
    # added later gets its declared default here too.
    con.executemany(ITEM.insert_sql(returning=None)[0], goods)
    con.execute("UPDATE counter SET value = ? WHERE register = 'inv-mobili' AND year = 0",
                (start + items,))
    con.commit()
    con.close()
    return rooms[0]
