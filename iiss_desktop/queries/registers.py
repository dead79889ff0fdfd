"""Read side of the legal registers: plain tuples for big grids (never ORM objects), rows
read by name elsewhere."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..db.uow import read_session
from ..models.core import RegisterEntry, RegisterEntryLine

# Column order of list_entries rows; amounts are integer cents (see cents_column in the UI).
ENTRY_COLUMNS = ("number", "entry_date", "description", "amount_cents", "status")

_ENTRIES = ("SELECT id, number, entry_date, description, amount, kind FROM register_entry "
            "WHERE register = ? AND year = ? ORDER BY number")
# The (few) annulled entries of the register-year, with the number of the annulling row.
_ANNULLED = ("SELECT e.number, a.number FROM register_entry a "
             "JOIN register_entry e ON e.id = a.annuls_id "
             "WHERE a.annuls_id IS NOT NULL AND e.register = ? AND e.year = ?")


@dataclass(frozen=True, slots=True)
class DocumentRow:
    year: int
    number: int
    entry_date: date
    description: str


def recent_documents(db: Database, register: str, limit: int = 300) -> list[DocumentRow]:
    """The latest documents of a numbered register, newest first, for choosing one to print.
    Annulment rows are not documents."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT year, number, entry_date, description FROM register_entry "
                    "WHERE register = ? AND annuls_id IS NULL "
                    "ORDER BY year DESC, number DESC LIMIT ?", (register, limit))
        return sql.fetch_as(DocumentRow, entry_date=sql.to_date)


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


def register_print_rows(db: Database, code: str, year: int | None, until: date | None = None
                        ) -> tuple[list[tuple], list[tuple], str | None]:
    """What the printed register shows, with SQLAlchemy Core (plain tuples, two queries):
    (entries, lines, audit hash). ``year``: the register-year as stored (None: every year);
    with ``until``, only what was recorded up to that day (annulments included).

    Rows are read by name. Entries, in order of year and number: id, number, entry_date,
    kind, description, amount, reference, reason; the annulled target's target_number,
    target_year; the annulling entry's by_number, by_date, by_year, by_reason. Lines:
    entry_id, line_no, description, quantity, amount. The hash is the audit chain's head
    (None before any change).
    """
    e = RegisterEntry.__table__
    t = e.alias("target")      # what an annulment annuls
    a = e.alias("annulling")   # what annuls an entry
    annulled_by = a.c.annuls_id == e.c.id
    if until is not None:
        annulled_by = annulled_by & (a.c.entry_date <= until)
    q = (select(e.c.id, e.c.number, e.c.entry_date, e.c.kind, e.c.description, e.c.amount,
                e.c.reference, e.c.reason,
                t.c.number.label("target_number"), t.c.year.label("target_year"),
                a.c.number.label("by_number"), a.c.entry_date.label("by_date"),
                a.c.year.label("by_year"), a.c.reason.label("by_reason"))
         .outerjoin(t, t.c.id == e.c.annuls_id)
         .outerjoin(a, annulled_by)
         .where(e.c.register == code)
         .order_by(e.c.year, e.c.number))
    ql = (select(RegisterEntryLine.__table__.c.entry_id, RegisterEntryLine.__table__.c.line_no,
                 RegisterEntryLine.__table__.c.description,
                 RegisterEntryLine.__table__.c.quantity, RegisterEntryLine.__table__.c.amount)
          .join(e, e.c.id == RegisterEntryLine.__table__.c.entry_id)
          .where(e.c.register == code)
          .order_by(RegisterEntryLine.__table__.c.entry_id, RegisterEntryLine.__table__.c.line_no))
    if year is not None:
        q = q.where(e.c.year == year)
        ql = ql.where(e.c.year == year)
    if until is not None:
        q = q.where(e.c.entry_date <= until)
        ql = ql.where(e.c.entry_date <= until)
    with read_session(db) as s:
        entries = s.execute(q).all()
        lines = s.execute(ql).all()
        row = s.execute(text("SELECT hash FROM audit_head WHERE id = 1")).first()
    return entries, lines, (row[0] if row else None)
