"""Read side of the comodato d'uso (domain.md §7): the loans, for choosing one and printing it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...areas.inventory import LOAN_DOCUMENTS
from ...db.access import requires
from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.errors import DomainError
from ...domain.inventory.loans import COMODATO_REGISTER


@dataclass(frozen=True)
class LoanChoice:
    id: int
    number: int
    year: int
    student: str
    class_name: str
    parent: str
    start: date
    returned_on: date | None

    @property
    def label(self) -> str:
        klass = f" ({self.class_name})" if self.class_name else ""
        state = (f"restituito il {self.returned_on:%d/%m/%Y}" if self.returned_on
                 else "in corso")
        return (f"n. {self.number}/{self.year} – {self.student}{klass} – {self.parent} – "
                f"{state}")


_LIST = ("SELECT l.id, e.number, e.year, l.student_name, l.class_name, l.parent_name, l.start, "
         "l.returned_on FROM loan l JOIN register_entry e ON e.id = l.entry_id ")


@requires(LOAN_DOCUMENTS)
def list_loans(db: Database, item_id: int | None = None) -> list[LoanChoice]:
    """Every loan, open or returned (the newest first); only those of a good if given."""
    where, params = "", ()
    if item_id is not None:
        where = "WHERE EXISTS (SELECT 1 FROM loan_item x WHERE x.loan_id = l.id AND x.item_id = ?) "
        params = (item_id,)
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_LIST + where + "ORDER BY e.year DESC, e.number DESC", params)
        return [LoanChoice(i, n, y, student, klass or "", parent, sql.to_date(start),
                           sql.to_date(back))
                for i, n, y, student, klass, parent, start, back in sql.cursor.fetchall()]


@dataclass(frozen=True)
class LoanGood:
    register: str
    number: int
    description: str
    brand: str
    model: str
    serial_number: str
    value: int                  # cents
    condition_out: str
    condition_back: str


@dataclass(frozen=True)
class LoanDoc:
    id: int
    number: int
    year: int
    parent_name: str
    parent_cf: str
    id_document: str
    contacts: str
    student_name: str
    class_name: str
    start: date
    due: date
    criteria: str
    returned_on: date | None
    return_notes: str
    goods: list[LoanGood]
    parent_birth_place: str = ""
    parent_birth_date: date | None = None
    parent_residence: str = ""

    @property
    def total(self) -> int:
        return sum(g.value for g in self.goods)


@requires(LOAN_DOCUMENTS)
def loan_document(db: Database, year: int, number: int) -> LoanDoc:
    """Contract n. ``number``/``year`` with its goods, or a clear message if it does not exist."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        found = sql.first(
            "SELECT l.id, e.number, e.year, l.parent_name, l.parent_cf, l.id_document, "
            "l.contacts, l.student_name, l.class_name, l.start, l.due, l.criteria, "
            "l.returned_on, l.return_notes, l.parent_birth_place, l.parent_birth_date, "
            "l.parent_residence FROM loan l JOIN register_entry e "
            "ON e.id = l.entry_id WHERE e.register = ? AND e.year = ? AND e.number = ?",
            (COMODATO_REGISTER, year, number))
        if found is None:
            raise DomainError(f"Contratto di comodato n. {number}/{year} inesistente.")
        head = dict(zip(sql.columns(), found))
        sql.execute(
            "SELECT i.register, i.number, e.description, i.brand, i.model, i.serial_number, "
            "i.value, x.condition_out, x.condition_back FROM loan_item x "
            "JOIN inventory_item i ON i.id = x.item_id JOIN register_entry e "
            "ON e.id = i.entry_id WHERE x.loan_id = ? ORDER BY i.register, i.number",
            (head["id"],))
        text = sql.text
        goods = sql.fetch_as(LoanGood, brand=text, model=text, serial_number=text, value=int,
                             condition_out=text, condition_back=text)
        d = sql.to_date
    for name in ("id_document", "contacts", "class_name", "criteria", "return_notes",
                 "parent_birth_place", "parent_residence"):
        head[name] = head[name] or ""
    for name in ("start", "due", "returned_on", "parent_birth_date"):
        head[name] = d(head[name])
    return LoanDoc(**head, goods=goods)
