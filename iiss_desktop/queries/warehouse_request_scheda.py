"""The scheda of a material request: who asked what for whom, the DSGA's decision, each
withdrawal that delivered it (with its buono di prelevamento), its lines."""
from __future__ import annotations

from dataclasses import dataclass

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain import warehouse as rules
from ..domain.dates import format_date
from ..domain.errors import DomainError
from .scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable
from .warehouse import RequestLineRow, request_lines

# The request has no Record of its own: its columns' labels are declared in domain/labels.py.
_FIELDS = (("requester", "Richiedente"), ("destination", "Destinazione"),
           ("storeroom", "Magazzino"), ("notes", "Note"), ("decided_on", "Decisa il"),
           ("decided_by", "Decisa da"), ("decision_note", "Nota della decisione"))


@dataclass(frozen=True)
class RequestScheda:
    id: int
    title: str
    state: str
    fields: tuple[FieldLine, ...]
    lines: list[RequestLineRow]
    history: list[HistoryRow]
    documents: list[DocumentRef]


def request_scheda(db: Database, request_id: int) -> RequestScheda:
    from ..areas.warehouse import REPORTS
    from ..domain.fields import column_label

    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        head = sql.first(
            "SELECT r.number, r.year, r.requested_on, r.requester, r.destination, "
            "COALESCE(w.name, '') AS storeroom, r.notes, r.status, r.decided_on, "
            "r.decided_by, r.decision_note FROM warehouse_request r "
            "LEFT JOIN warehouse_storeroom w ON w.id = r.storeroom_id WHERE r.id = ?",
            (request_id,))
        if head is None:
            raise DomainError("Richiesta di materiale inesistente.")
        values = dict(zip(sql.columns(), head, strict=True))
        sql.execute("SELECT m.id, m.kind, m.movement_date, e.number, e.year, m.recipient, "
                    "x.id FROM warehouse_movement m JOIN register_entry e ON e.id = m.entry_id "
                    "LEFT JOIN register_entry x ON x.annuls_id = e.id "
                    "WHERE m.request_id = ? ORDER BY m.movement_date, m.id", (request_id,))
        moves = sql.cursor.fetchall()
        d = sql.to_date
    number, year = values["number"], values["year"]
    history = [HistoryRow(d(values["requested_on"]), "Richiesta",
                          f"da {values['requester']} per {values['destination']}", "", 0, 0)]
    if values["decided_on"]:
        decision = "Respinta" if values["status"] == "respinta" else "Approvata"
        history.append(HistoryRow(d(values["decided_on"]), decision,
                                  " – ".join(t for t in (values["decided_by"],
                                                         values["decision_note"]) if t),
                                  "", 1, 0))
    docs = []
    for mid, kind, day, n, y, recipient, annulled in moves:
        title = f"Buono di prelevamento n. {n}/{y}"
        history.append(HistoryRow(d(day), rules.KINDS.get(kind, kind),
                                  (f"consegnato a {recipient}" if recipient else "consegna")
                                  + (" (annullato)" if annulled else ""), title, 2, mid))
        docs.append(DocumentRef("buono-prelevamento", title, d(day),
                                (("anno", y), ("numero", n))))
    shown = {**values, "decided_on": format_date(d(values["decided_on"]))}
    fields = tuple(FieldLine(k, column_label("warehouse_request", k) or label,
                             str(shown[k] or "")) for k, label in _FIELDS)
    return RequestScheda(request_id, f"Richiesta di materiale n. {number}/{year}",
                         rules.REQUEST.label(values["status"]), fields,
                         request_lines(db, request_id), in_date_order(history),
                         printable(db, docs, {s.name: s for s in REPORTS}))


def request_of_movements(db: Database, article_id: int) -> dict[tuple[int, int], int]:
    """(year, number) of a movement of the article -> the request it delivered."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT DISTINCT e.year, e.number, m.request_id FROM warehouse_movement m "
                    "JOIN register_entry e ON e.id = m.entry_id JOIN warehouse_movement_line l "
                    "ON l.movement_id = m.id WHERE l.article_id = ? AND m.request_id IS NOT "
                    "NULL", (article_id,))
        return {(y, n): r for y, n, r in sql.cursor.fetchall()}
