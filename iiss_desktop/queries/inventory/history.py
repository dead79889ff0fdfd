"""The scheda of a good: its fields, its situation, the art. 31 warning kept on it, its whole
history in date order (carico and buono, moves, affidamenti, comodati, maintenance,
ricognizioni, sale, discharge and decree, annulments, rinnovo) and the documents it appears
in. Read with DriverSQL, one query per kind of record, each on an indexed item_id."""
from __future__ import annotations

from dataclasses import dataclass

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import states
from ...domain.inventory.custody import ASSIGNEE_ROLES, MAINTENANCE_KINDS
from ...domain.inventory.discharge import DISCHARGE_CAUSES
from ...domain.inventory.fields import ITEM, SCHEDA_EDITABLE
from ...domain.inventory.registers import base_of, item_label, register_title
from ...domain.inventory.ricognizione import OUTCOMES
from ...domain.money import format_cents
from ..scheda import DocumentRef, FieldLine, HistoryRow, in_date_order

# Same day: the carico before what followed it, the discharge and annulment last.
CARICO, MOVE, ASSIGN, RETURN, LOAN, LOAN_BACK, MAINTENANCE, CHECK, SALE, DISCHARGE, \
    ANNUL, RENEWAL = range(12)
_SHOWN = {f.name for f in ITEM.columns} - {
    "id", "entry_id", "buono_entry_id", "site_id", "room_id", "carico_warning", "status",
    "universalita_key"}   # the ids are shown by name; the warning and status on their own


@dataclass(frozen=True)
class ItemScheda:
    id: int
    title: str                       # «beni mobili n. 15 – Stampante laser»
    register: str
    number: int
    situation: str                   # «in uso», «affidato con verbale», «scaricato»…
    state: str                       # stato di conservazione
    warning: str                     # carico_warning (art. 31 c.5-6), "" if none
    fields: tuple[FieldLine, ...]    # every field of its register, with its label
    values: dict                     # the editable fields' stored values
    editable: bool                   # a good still held (not discharged, annulled, renewed)
    history: list[HistoryRow]
    documents: list[DocumentRef]


def _text(f, value) -> str:
    if value is None or value == "":
        return ""
    if f.kind == "money":
        return format_cents(value)
    if f.kind == "date":
        return format_date(value)
    if f.kind == "choice":
        return dict(f.choices).get(value, value)
    return str(value)


_HEAD = (f"SELECT {', '.join('i.' + f.name for f in ITEM.columns)}, e.entry_date, "
         "e.description, e.number AS entry_number, s.name, r.name, b.number, b.year, "
         "b.entry_date FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
         "LEFT JOIN site s ON s.id = i.site_id LEFT JOIN room r ON r.id = i.room_id "
         "LEFT JOIN register_entry b ON b.id = i.buono_entry_id WHERE i.id = ?")


def _head(sql: DriverSQL, item_id: int) -> tuple[dict, tuple]:
    row = sql.first(_HEAD, (item_id,))
    if row is None:
        raise DomainError("Bene inesistente.")
    n = len(ITEM.columns)
    values = dict(zip((f.name for f in ITEM.columns), row[:n], strict=True))
    for f in ITEM.columns:
        if f.kind == "date":
            values[f.name] = sql.to_date(values[f.name])
    day, text, _number, site, room, b_number, b_year, b_day = row[n:]
    return values, (sql.to_date(day), text, site or "", room or "", b_number, b_year,
                    sql.to_date(b_day))


def _rooms(sql: DriverSQL) -> dict:
    sql.execute("SELECT r.id, r.name, s.name FROM room r JOIN site s ON s.id = r.site_id")
    return {i: f"{name} ({site})" for i, name, site in sql.cursor.fetchall()}


def _movements(sql, item_id, rooms, out) -> None:
    sql.execute("SELECT id, moved_on, from_room_id, to_room_id, reason FROM "
                "inventory_movement WHERE item_id = ? ORDER BY moved_on, id", (item_id,))
    for mid, day, src, dst, reason in sql.cursor.fetchall():
        where = f"da {rooms.get(src, '—')} a {rooms.get(dst, '—')}"
        out.append(HistoryRow(sql.to_date(day), "Spostamento",
                              where + (f": {reason}" if reason else ""), "", MOVE, mid))


def _assignments(sql, item_id, out, docs) -> None:
    sql.execute(
        "SELECT a.id, a.assignee_name, a.assignee_role, a.started_on, e.number, e.year, "
        "a.ended_on, x.number, x.year, l.condition_out, l.condition_back "
        "FROM inventory_assignment_item l JOIN inventory_assignment a ON a.id = l.assignment_id "
        "JOIN register_entry e ON e.id = a.entry_id "
        "LEFT JOIN register_entry x ON x.id = a.end_entry_id WHERE l.item_id = ? "
        "ORDER BY a.started_on, a.id", (item_id,))
    for aid, name, role, start, n, y, end, xn, xy, out_state, back in sql.cursor.fetchall():
        start = sql.to_date(start)
        title = f"Verbale di affidamento n. {n}/{y}"
        out.append(HistoryRow(start, "Affidamento",
                              f"a {name} ({ASSIGNEE_ROLES.get(role, role)}), stato "
                              f"{out_state}", title, ASSIGN, aid, ("assignment", aid)))
        docs.append(DocumentRef("verbale-affidamento", title, start,
                                (("anno", y), ("numero", n))))
        if end is not None:
            end, back_title = sql.to_date(end), f"Verbale di riconsegna n. {xn}/{xy}"
            out.append(HistoryRow(end, "Riconsegna", f"da {name}, stato {back or '—'}",
                                  back_title, RETURN, aid, ("assignment", aid)))
            docs.append(DocumentRef("verbale-riconsegna", back_title, end,
                                    (("anno", xy), ("numero", xn))))


def _loans(sql, item_id, out, docs) -> None:
    # No names: the comodatario and the student are personal data (their own permission).
    sql.execute("SELECT o.id, o.start, o.due, o.returned_on, e.number, e.year, "
                "l.condition_out, l.condition_back FROM loan_item l "
                "JOIN loan o ON o.id = l.loan_id JOIN register_entry e ON e.id = o.entry_id "
                "WHERE l.item_id = ? ORDER BY o.start, o.id", (item_id,))
    for lid, start, due, back, n, y, c_out, c_back in sql.cursor.fetchall():
        start, title = sql.to_date(start), f"Contratto di comodato n. {n}/{y}"
        out.append(HistoryRow(start, "Comodato d'uso",
                              f"consegnato in stato {c_out}, da restituire entro il "
                              f"{format_date(sql.to_date(due))}", title, LOAN, lid,
                              ("loan", lid)))
        options = (("anno", y), ("numero", n))
        docs.append(DocumentRef("contratto-comodato", title, start, options))
        docs.append(DocumentRef("verbale-consegna-comodato",
                                f"Verbale di consegna del comodato n. {n}/{y}", start, options))
        if back is not None:
            back = sql.to_date(back)
            out.append(HistoryRow(back, "Restituzione del comodato",
                                  f"restituito in stato {c_back or '—'}", title, LOAN_BACK, lid,
                                  ("loan", lid)))
            docs.append(DocumentRef("verbale-restituzione-comodato",
                                    f"Verbale di restituzione del comodato n. {n}/{y}", back,
                                    options))


def _maintenance(sql, item_id, register, number, out, docs) -> None:
    sql.execute("SELECT id, done_on, kind, description, done_by, cost FROM "
                "inventory_maintenance WHERE item_id = ? ORDER BY done_on, id", (item_id,))
    rows = sql.cursor.fetchall()
    for mid, day, kind, text, by, cost in rows:
        extra = "".join((f" – {by}" if by else "",
                         f" – {format_cents(cost)}" if cost is not None else ""))
        out.append(HistoryRow(sql.to_date(day), MAINTENANCE_KINDS.get(kind, kind),
                              text + extra, "", MAINTENANCE, mid))
    if rows:
        docs.append(DocumentRef("scheda-manutenzioni", "Scheda delle manutenzioni del bene",
                                sql.to_date(rows[-1][1]),
                                (("inventario", register), ("numero", number))))


def _checks(sql, item_id, out, docs) -> None:
    sql.execute("SELECT c.id, c.checked_on, e.number, e.year, l.outcome, l.reason "
                "FROM inventory_check_line l JOIN inventory_check c ON c.id = l.check_id "
                "JOIN register_entry e ON e.id = c.entry_id WHERE l.item_id = ? "
                "ORDER BY c.checked_on, c.id", (item_id,))
    for cid, day, n, y, outcome, reason in sql.cursor.fetchall():
        day, title = sql.to_date(day), f"Verbale di ricognizione n. {n}/{y}"
        text = OUTCOMES.get(outcome, outcome) + (f": {reason}" if reason else "")
        out.append(HistoryRow(day, "Ricognizione", text, title, CHECK, cid))
        docs.append(DocumentRef("verbale-ricognizione", title, day,
                                (("anno", y), ("numero", n))))


def _sales(sql, item_id, out, docs) -> None:
    sql.execute("SELECT s.id, s.kind, s.decree_number, s.decree_date, s.published_on, "
                "s.status FROM inventory_sale_item x JOIN inventory_sale s ON s.id = x.sale_id "
                "WHERE x.item_id = ? ORDER BY s.id", (item_id,))
    for sid, kind, decree, decree_day, published, status in sql.cursor.fetchall():
        day = sql.to_date(decree_day) or sql.to_date(published)
        if day is None:
            continue   # a sale only drafted: no date of its own to place it
        what = "Vendita" if kind == "vendita" else "Cessione"
        out.append(HistoryRow(day, f"{what} (art. 34)", f"procedura n. {sid}, "
                              f"{states.SALE.label(status)}"
                              + (f", decreto n. {decree}" if decree else ""), "", SALE, sid))
        if kind == "vendita" and published:
            docs.append(DocumentRef("avviso-vendita", f"Avviso di vendita n. {sid}",
                                    sql.to_date(published), (("numero", sid),)))


def _discharge(sql, item_id, out, docs) -> None:
    sql.execute("SELECT d.id, d.decree_number, d.decree_date, d.cause, b.number, b.year, "
                "b.entry_date FROM inventory_discharge_item x "
                "JOIN inventory_discharge d ON d.id = x.discharge_id "
                "LEFT JOIN register_entry b ON b.id = d.buono_entry_id WHERE x.item_id = ?",
                (item_id,))
    for did, decree, day, cause, bn, by, bday in sql.cursor.fetchall():
        day = sql.to_date(day)
        title = f"Decreto di discarico n. {decree} del {format_date(day)}"
        buono = f"Buono di scarico n. {bn}/{by}" if bn else ""
        out.append(HistoryRow(day, "Discarico", f"{DISCHARGE_CAUSES.get(cause, cause)}",
                              "; ".join(t for t in (title, buono) if t), DISCHARGE, did,
                              ("discharge", did)))
        docs.append(DocumentRef("decreto-discarico", title, day, (("id", did),)))
        if bn:
            docs.append(DocumentRef("buono-scarico", buono, sql.to_date(bday),
                                    (("anno", by), ("numero", bn))))


def _annulments(sql, entry_id, out) -> None:
    sql.execute("SELECT id, entry_date, number, year, reason FROM register_entry "
                "WHERE annuls_id = ?", (entry_id,))
    for aid, day, n, y, reason in sql.cursor.fetchall():
        out.append(HistoryRow(sql.to_date(day), "Annullamento del carico", reason or "",
                              f"Registrazione di annullamento n. {n}/{y}", ANNUL, aid))


def _renewal(sql, item_id, out) -> None:
    sql.execute("SELECT m.id, s.opened_on, o.register, o.number, n.register, n.number, "
                "m.old_item_id FROM inventory_renewal_map m "
                "JOIN inventory_series s ON s.id = m.series_id "
                "JOIN inventory_item o ON o.id = m.old_item_id "
                "JOIN inventory_item n ON n.id = m.new_item_id "
                "WHERE m.old_item_id = ? OR m.new_item_id = ?", (item_id, item_id))
    for mid, day, o_reg, o_num, n_reg, n_num, old_id in sql.cursor.fetchall():
        text = (f"riportato come {item_label(n_reg, n_num)}" if old_id == item_id else
                f"proveniente da {item_label(o_reg, o_num)}")
        out.append(HistoryRow(sql.to_date(day), "Rinnovo dell'inventario", text, "",
                              RENEWAL if old_id == item_id else CARICO - 1, mid))


def _open_records(sql, item_id: int, entry_id: int) -> tuple[bool, bool, bool]:
    annulled = sql.first("SELECT 1 FROM register_entry WHERE annuls_id = ?", (entry_id,))
    entrusted = sql.first("SELECT 1 FROM inventory_assignment_item l JOIN inventory_assignment "
                          "a ON a.id = l.assignment_id WHERE l.item_id = ? AND a.ended_on IS "
                          "NULL", (item_id,))
    open_ = tuple(states.SALE.open)
    in_sale = sql.first("SELECT 1 FROM inventory_sale_item x JOIN inventory_sale s ON "
                        "s.id = x.sale_id WHERE x.item_id = ? AND s.status IN "
                        f"({', '.join('?' * len(open_))})", (item_id, *open_))
    return annulled is not None, entrusted is not None, in_sale is not None


def item_scheda(db: Database, item_id: int) -> ItemScheda:
    from ...areas.inventory import REPORTS

    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        values, (day, text, site, room, b_number, b_year, b_day) = _head(sql, item_id)
        register, number = values["register"], values["number"]
        history, docs = [], []
        buono = f"Buono di carico n. {b_number}/{b_year}" if b_number else ""
        history.append(HistoryRow(day, "Carico", f"{register_title(register)}, n. {number}, "
                                  f"valore {format_cents(values['value'])}", buono, CARICO, 0))
        if b_number:
            docs.append(DocumentRef("buono-carico", buono, b_day,
                                    (("anno", b_year), ("numero", b_number))))
        _movements(sql, item_id, _rooms(sql), history)
        _assignments(sql, item_id, history, docs)
        _loans(sql, item_id, history, docs)
        _maintenance(sql, item_id, register, number, history, docs)
        _checks(sql, item_id, history, docs)
        _sales(sql, item_id, history, docs)
        _discharge(sql, item_id, history, docs)
        _annulments(sql, values["entry_id"], history)
        _renewal(sql, item_id, history)
        annulled, entrusted, in_sale = _open_records(sql, item_id, values["entry_id"])
    from ..scheda import printable

    situation = states.situation(values["status"], annulled=annulled, entrusted=entrusted,
                                 in_sale=in_sale)
    base = base_of(register)
    shown = {"entry_date": format_date(day), "description": text, "site": site, "room": room,
             "register": register_title(register)}
    lines = []
    for f in ITEM.for_register(base):
        if f.name in shown:
            lines.append(FieldLine(f.name, f.label, shown[f.name]))
        elif f.name in _SHOWN:
            lines.append(FieldLine(f.name, f.label, _text(f, values[f.name])))
    editable = {n: values[n] for n in SCHEDA_EDITABLE if ITEM[n].applies_to(base)}
    return ItemScheda(item_id, f"{item_label(register, number)} – {text}", register, number,
                      states.SITUATIONS[situation], values["state"], values["carico_warning"],
                      tuple(lines), editable, situation not in states.GONE,
                      in_date_order(history), printable(db, docs, {s.name: s for s in REPORTS}))
