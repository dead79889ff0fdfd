"""Read side of the legal registers: plain tuples for big grids (never ORM objects)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from ..db.engine import Database
from ..db.uow import read_session
from ..models.core import RegisterEntry

# Column order of list_entries rows.
ENTRY_COLUMNS = ("number", "entry_date", "description", "amount", "status")


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: int
    number: int
    entry_date: object
    description: str
    amount: object
    status: str


def list_entries(db: Database, register: str, year: int) -> tuple[list[tuple], list[int]]:
    """(rows, ids) of a register for a grid: number, date, description, amount, status.

    Status says "Annullata (n. X)" for an annulled entry and "Annullamento" for the row that
    annuls. One query with a self-join, Core rows only: 100k rows load in a fraction of a second.
    """
    annulment = aliased(RegisterEntry)
    q = (select(RegisterEntry.id, RegisterEntry.number, RegisterEntry.entry_date,
                RegisterEntry.description, RegisterEntry.amount, RegisterEntry.kind,
                annulment.number)
         .outerjoin(annulment, and_(annulment.annuls_id == RegisterEntry.id))
         .where(RegisterEntry.register == register, RegisterEntry.year == year)
         .order_by(RegisterEntry.number))
    rows, ids = [], []
    with read_session(db) as s:
        for id_, number, day, text, amount, kind, annulled_by in s.execute(q):
            if kind == "annulment":
                status = "Annullamento"
            elif annulled_by is not None:
                status = f"Annullata (n. {annulled_by})"
            else:
                status = ""
            rows.append((number, day, text, amount, status))
            ids.append(id_)
    return rows, ids
