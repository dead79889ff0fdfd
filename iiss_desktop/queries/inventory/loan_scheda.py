"""The scheda of a comodato d'uso: the contract's parties and dates, its goods, what happened
(consegna, restituzione) and its three documents. Personal data: read through
``loans.loan_document``, which needs the permission of the comodato documents."""
from __future__ import annotations

from dataclasses import dataclass

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.fields import column_label
from ...domain.inventory import states
from ...domain.inventory.registers import item_label
from ...domain.money import format_cents
from ..scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable
from .loans import LoanDoc, LoanGood, loan_document

_PARTIES = ("parent_name", "parent_cf", "parent_birth_place", "parent_birth_date",
            "parent_residence", "id_document", "contacts", "student_name", "class_name",
            "criteria")
# The dates of the contract are not text columns: labelled as the comodato form asks them.
_DATES = (("start", "Consegna il"), ("due", "Restituzione entro"),
          ("returned_on", "Restituito il"))


@dataclass(frozen=True)
class LoanScheda:
    id: int
    title: str
    state: str
    warning: str
    fields: tuple[FieldLine, ...]
    goods: list[LoanGood]
    history: list[HistoryRow]
    documents: list[DocumentRef]


def _number_of(db: Database, loan_id: int) -> tuple[int, int]:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        found = sql.first("SELECT e.year, e.number FROM loan l JOIN register_entry e "
                          "ON e.id = l.entry_id WHERE l.id = ?", (loan_id,))
    if found is None:
        raise DomainError("Contratto di comodato inesistente.")
    return found


def _text(doc: LoanDoc, name: str) -> str:
    value = getattr(doc, name)
    return format_date(value) if hasattr(value, "year") else (value or "")


def loan_scheda(db: Database, loan_id: int, today=None) -> LoanScheda:
    from datetime import date

    from ...areas.inventory import REPORTS

    year, number = _number_of(db, loan_id)
    doc = loan_document(db, year, number)          # refuses without the permission
    today = today or date.today()
    fields = tuple(FieldLine(n, column_label("loan", n) or n, _text(doc, n)) for n in _PARTIES)
    fields += tuple(FieldLine(n, label, _text(doc, n)) for n, label in _DATES)
    fields += (FieldLine("total", "Valore dei beni", format_cents(doc.total)),
               FieldLine("return_notes", column_label("loan", "return_notes") or "",
                         doc.return_notes))
    title = f"Contratto di comodato n. {number}/{year}"
    options = (("anno", year), ("numero", number))
    goods = ", ".join(item_label(g.register, g.number) for g in doc.goods)
    history = [HistoryRow(doc.start, "Consegna in comodato",
                          f"a {doc.parent_name} per {doc.student_name}: {goods}", title, 0, 0)]
    docs = [DocumentRef("contratto-comodato", title, doc.start, options),
            DocumentRef("verbale-consegna-comodato",
                        f"Verbale di consegna del comodato n. {number}/{year}", doc.start,
                        options)]
    if doc.returned_on is not None:
        history.append(HistoryRow(doc.returned_on, "Restituzione", doc.return_notes or
                                  "beni restituiti", "", 1, 0))
        docs.append(DocumentRef("verbale-restituzione-comodato",
                                f"Verbale di restituzione del comodato n. {number}/{year}",
                                doc.returned_on, options))
    state = states.LOAN.label(states.loan_state(doc.returned_on))
    late = doc.returned_on is None and doc.due < today
    warning = (f"Restituzione scaduta il {format_date(doc.due)}: i beni non sono ancora "
               "rientrati." if late else "")
    return LoanScheda(loan_id, f"{title} – {doc.student_name}", state, warning, fields,
                      doc.goods, in_date_order(history),
                      printable(db, docs, {s.name: s for s in REPORTS}))
