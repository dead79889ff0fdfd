"""The schede of an affidamento (art. 35) and of a discharge decree (art. 33), opened from the
history of one of their goods: who, what, when, the goods, the verbali or the decree and its
buono di scarico to print. Read through the queries that print those documents."""
from __future__ import annotations

from dataclasses import dataclass

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.fields import column_label
from ...domain.inventory import states
from ...domain.inventory.discharge import DISCHARGE_CAUSES
from ...domain.inventory.registers import item_label
from ...domain.money import format_cents
from ..scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable
from .custody import verbale_data
from .sale import discharge_doc


@dataclass(frozen=True)
class GoodLine:
    label: str
    description: str
    value: int                 # cents
    state_out: str = ""
    state_back: str = ""


@dataclass(frozen=True)
class RecordScheda:
    id: int
    title: str
    state: str
    fields: tuple[FieldLine, ...]
    goods: list[GoodLine]
    history: list[HistoryRow]
    documents: list[DocumentRef]


def _reports():
    from ...areas.inventory import REPORTS

    return {s.name: s for s in REPORTS}


def assignment_scheda(db: Database, assignment_id: int) -> RecordScheda:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        found = sql.first("SELECT e.year, e.number, x.year, x.number FROM inventory_assignment a "
                          "JOIN register_entry e ON e.id = a.entry_id LEFT JOIN register_entry x "
                          "ON x.id = a.end_entry_id WHERE a.id = ?", (assignment_id,))
    if found is None:
        raise DomainError("Affidamento inesistente.")
    year, number, end_year, end_number = found
    v = verbale_data(db, year, number, "affidamento")
    back = verbale_data(db, end_year, end_number, "riconsegna") if end_number else None
    title = f"Verbale di affidamento n. {number}/{year}"
    label = column_label
    fields = (FieldLine("assignee_name", label("inventory_assignment", "assignee_name")
                        or "Affidatario", v.assignee_name),
              FieldLine("assignee_role", "Ruolo", v.assignee_role),
              FieldLine("room", "Locale", " – ".join(t for t in (v.site, v.room) if t)),
              FieldLine("ds_indication", label("inventory_assignment", "ds_indication")
                        or "Indicazione del Dirigente", v.ds_indication),
              FieldLine("started_on", "Affidati il", format_date(v.day)),
              FieldLine("ended_on", "Riconsegnati il", format_date(back.day) if back else ""),
              FieldLine("end_notes", "Note alla riconsegna", back.notes if back else ""),
              FieldLine("consegnatario", "Consegnatario", v.consegnatario),
              FieldLine("total", "Valore dei beni", format_cents(v.total_cents)))
    states_back = {line.label: line.state_back for line in back.lines} if back else {}
    goods = [GoodLine(g.label, g.description, g.value_cents, g.state_out,
                      states_back.get(g.label) or "") for g in v.lines]
    history = [HistoryRow(v.day, "Affidamento", f"a {v.assignee_name} ({v.assignee_role}), "
                          f"{len(goods)} beni", title, 0, 0)]
    docs = [DocumentRef("verbale-affidamento", title, v.day, (("anno", year),
                                                              ("numero", number)))]
    if back is not None:
        back_title = f"Verbale di riconsegna n. {end_number}/{end_year}"
        history.append(HistoryRow(back.day, "Riconsegna", back.notes or "beni riconsegnati",
                                  back_title, 1, 0))
        docs.append(DocumentRef("verbale-riconsegna", back_title, back.day,
                                (("anno", end_year), ("numero", end_number))))
    state = states.ASSIGNMENT.label(states.assignment_state(back.day if back else None))
    return RecordScheda(assignment_id, f"{title} – {v.assignee_name}", state, fields, goods,
                        in_date_order(history), printable(db, docs, _reports()))


def discharge_scheda(db: Database, discharge_id: int) -> RecordScheda:
    d = discharge_doc(db, discharge_id)
    title = f"Decreto di discarico n. {d.decree_number} del {format_date(d.decree_date)}"
    table = "inventory_discharge"
    fields = (FieldLine("cause", column_label(table, "cause") or "Causa",
                        DISCHARGE_CAUSES.get(d.cause, d.cause)),
              FieldLine("motivation", column_label(table, "motivation") or "Motivazione",
                        d.motivation),
              FieldLine("reintegro", "Reintegro", (format_cents(d.reintegro_amount)
                                                   if d.reintegro_amount else "sì")
                        if d.reintegro else "no"),
              FieldLine("responsible", column_label(table, "responsible") or "Responsabile",
                        d.responsible),
              # Not the files of the scheda's Allegati: what the decree lists as annexed.
              FieldLine("attachments", "Allegati indicati nel decreto", d.attachments),
              FieldLine("total", "Valore dei beni scaricati", format_cents(d.total)))
    goods = [GoodLine(item_label(g.register, g.number), g.description, g.value)
             for g in d.goods]
    history = [HistoryRow(d.decree_date, "Decreto di discarico",
                          f"{len(goods)} beni, {format_cents(d.total)}", title, 0, 0)]
    docs = [DocumentRef("decreto-discarico", title, d.decree_date, (("id", d.id),))]
    if d.buono_number:
        buono = f"Buono di scarico n. {d.buono_number}/{d.buono_year}"
        history.append(HistoryRow(d.buono_date, "Buono di scarico", "beni tolti dal registro",
                                  buono, 1, 0))
        docs.append(DocumentRef("buono-scarico", buono, d.buono_date,
                                (("anno", d.buono_year), ("numero", d.buono_number))))
    return RecordScheda(d.id, title, "eseguito" if d.buono_number else "da eseguire", fields,
                        goods, in_date_order(history), printable(db, docs, _reports()))
