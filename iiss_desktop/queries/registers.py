"""Read side of the legal registers: plain tuples for big grids (never ORM objects)."""
from __future__ import annotations

from datetime import date

from ..db.driver_sql import DriverSQL
from ..db.engine import Database

# Column order of list_entries rows; amounts are integer cents (see cents_column in the UI).
ENTRY_COLUMNS = ("number", "entry_date", "description", "amount_cents", "status")

_ENTRIES = ("SELECT id, number, entry_date, description, amount, kind FROM register_entry "
            "WHERE register = ? AND year = ? ORDER BY number")
# The (few) annulled entries of the register-year, with the number of the annulling row.
_ANNULLED = ("SELECT e.number, a.number FROM register_entry a "
             "JOIN register_entry e ON e.id = a.annuls_id "
             "WHERE a.annuls_id IS NOT NULL AND e.register = ? AND e.year = ?")


def recent_documents(db: Database, register: str, limit: int = 300) -> list[tuple]:
    """The latest documents of a numbered register, newest first, for choosing one to print:
    (year, number, entry date, description). Annulment rows are not documents."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT year, number, entry_date, description FROM register_entry "
                    "WHERE register = ? AND annuls_id IS NULL "
                    "ORDER BY year DESC, number DESC LIMIT ?", (register, limit))
        return [(y, n, sql.to_date(d), text) for y, n, d, text in sql.cursor.fetchall()]


def list_entries(db: Database, register: str, year: int) -> tuple[list[tuple], list[int]]:
    """(rows, ids) of a register for a grid: number, date, description, cents, status.

    Status says "Annullata (n. X)" for an annulled entry and "Annullamento" for the row that
    annuls. Plain queries on the driver: 100,000 rows load in about the time of a bare fetch.
    """
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_ENTRIES, (register, year))
        fetched = sql.cursor.fetchall()
        sql.execute(_ANNULLED, (register, year))
        annulled = sql.cursor.fetchall()
    to_date = (lambda d: d) if sql.postgres else date.fromisoformat
    rows = [(number, to_date(day), text, cents, "Annullamento" if kind == "annulment" else "")
            for _id, number, day, text, cents, kind in fetched]
    # Numbers are 1..N in order (verify guarantees it), so number n sits at position n - 1.
    position = {r[0]: i for i, r in enumerate(rows)} if annulled and not _contiguous(rows) else None
    for number, by in annulled:
        i = position.get(number) if position is not None else number - 1
        if i is not None:
            rows[i] = rows[i][:4] + (f"Annullata (n. {by})",)
    return rows, [r[0] for r in fetched]


def _contiguous(rows: list[tuple]) -> bool:
    return not rows or (rows[0][0] == 1 and rows[-1][0] == len(rows))
