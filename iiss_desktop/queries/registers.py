"""Read side of the legal registers: plain tuples for big grids (never ORM objects)."""
from __future__ import annotations

from datetime import date

from ..db.driver_sql import DriverSQL
from ..db.engine import Database

# Column order of list_entries rows; amounts are integer cents (see cents_column in the UI).
ENTRY_COLUMNS = ("number", "entry_date", "description", "amount_cents", "status")

_ENTRIES = (
    "SELECT e.id, e.number, e.entry_date, e.description, e.amount, e.kind, a.number "
    "FROM register_entry e LEFT JOIN register_entry a ON a.annuls_id = e.id "
    "WHERE e.register = ? AND e.year = ? ORDER BY e.number")


def list_entries(db: Database, register: str, year: int) -> tuple[list[tuple], list[int]]:
    """(rows, ids) of a register for a grid: number, date, description, cents, status.

    Status says "Annullata (n. X)" for an annulled entry and "Annullamento" for the row that
    annuls. One query on the driver: 100,000 rows load in about the time of a bare fetch.
    """
    rows, ids = [], []
    with db.read_engine.connect() as conn:
        sql = DriverSQL(conn)
        sql.execute(_ENTRIES, (register, year))
        fetched = sql.cursor.fetchall()
    to_date = date.fromisoformat
    for id_, number, day, text, cents, kind, annulled_by in fetched:
        if kind == "annulment":
            status = "Annullamento"
        elif annulled_by is not None:
            status = f"Annullata (n. {annulled_by})"
        else:
            status = ""
        rows.append((number, day if isinstance(day, date) else to_date(day), text, cents, status))
        ids.append(id_)
    return rows, ids
