"""Read side of the inventory: plain rows for the grid (100,000 items load as tuples)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter

from ...areas.inventory import LOAN_DOCUMENTS
from ...db.access import requires
from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.inventory import states
from ...domain.inventory.fields import GRID, GRID_INDEX, ITEM
from ...domain.inventory.registers import SHORT_NAMES, base_of, short_name
from .custody import custodian_names

# The grid's rows are plain tuples (100,000 open in about the time of a bare fetch), in the
# order of the declared GRID: the comprehension in list_items unpacks _FETCHED and builds
# _GRID_ROW, both checked against the declaration here, once.
_FETCHED = ("id", "register", "number", "entry_date", "description", "site_id", "room_id",
            "state", "value", "status")
_GRID_ROW = ("register", "number", "entry_date", "description", "site", "room", "custodian",
             "state", "value", "status")
if _GRID_ROW != tuple(name for name, _title in GRID):   # pragma: no cover - a coding error
    raise ImportError("queries.inventory.items: la riga della griglia non segue GRID")
_AT = {name: i for i, name in enumerate(_FETCHED)}
_ITEMS = (
    f"SELECT {ITEM.select_list(_FETCHED)} FROM inventory_item i "
    "JOIN register_entry e ON e.id = i.entry_id "
    "ORDER BY i.register, i.number")   # the (register, number) index: no sort step
_PLACES = "SELECT 's', id, name FROM site UNION ALL SELECT 'r', id, name FROM room"
# Goods whose carico was annulled in the register (annul_carico also marks the good itself).
_ANNULLED = ("SELECT i.id FROM register_entry a JOIN inventory_item i ON i.entry_id = a.annuls_id")
_GONE = states.GONE_STATUSES   # no custode any more


def list_items(db: Database) -> tuple[list[tuple], list[int]]:
    """(rows, ids): register, number, date of carico (ISO text "2025-10-15": it sorts as a
    date and the grid shows it as 15/10/2025), description, plesso, locale, state, value in
    cents, status; after the locale, the custode (affidatario, else sub-consegnatario of the
    plesso, else consegnatario; blank once discharged). Beni mobili first, then the other
    registers as in art. 31."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_ITEMS)
        fetched = sql.cursor.fetchall()
        sql.execute(_ANNULLED)
        annulled = {r[0] for r in sql.cursor.fetchall()}
        sql.execute(_PLACES)   # a hundred names: joined here, not on 100,000 rows
        names = {(kind, id_): name for kind, id_, name in sql.cursor.fetchall()}
        by_item, by_site, consegnatario = custodian_names(sql)   # one query, dict lookups
    day_at = _AT["entry_date"]
    if sql.postgres:   # SQLite gives the ISO text already: no call per row there
        fetched = [r[:day_at] + (r[day_at].isoformat(),) + r[day_at + 1:] for r in fetched]
    groups = {code: [] for code in SHORT_NAMES}
    for register, rows in groupby(fetched, key=itemgetter(_AT["register"])):
        groups.setdefault(register, []).extend(rows)
    # The series opened by a rinnovo ("inv-mobili.2026") right after their first series.
    order = {code: i for i, code in enumerate(SHORT_NAMES)}
    codes = sorted(groups, key=lambda c: (order.get(base_of(c), len(order)), c))
    # Subscripts, not .get() calls, on 100,000 rows: every key is there (None included).
    sites = {None: "", **{id_: name for (kind, id_), name in names.items() if kind == "s"}}
    rooms = {None: "", **{id_: name for (kind, id_), name in names.items() if kind == "r"}}
    custodian = {site: by_site.get(site, consegnatario) for site in sites}
    out, ids = [], []
    for code in codes:   # the register's name once per register, not per row
        label = short_name(code)
        rows = groups[code]
        # The plesso's custode on every row here; the few goods entrusted to a laboratory and
        # the annulled carichi are corrected below, not tested on each of 100,000 rows.
        out += [(label, number, day, text, sites[site], rooms[room],
                 "" if status in _GONE else custodian[site], state, cents, status)
                for _id, _reg, number, day, text, site, room, state, cents, status in rows]
        ids += [r[_AT["id"]] for r in rows]
    if by_item or annulled:
        position = {id_: k for k, id_ in enumerate(ids)}
        custode, status_at = GRID_INDEX["custodian"], GRID_INDEX["status"]

        def replaced(row: tuple, **cells) -> tuple:
            new = list(row)
            for name, value in cells.items():
                new[GRID_INDEX[name]] = value
            return tuple(new)

        for id_, name in by_item.items():
            k = position.get(id_)
            if k is not None and out[k][status_at] not in _GONE:
                out[k] = out[k][:custode] + (name,) + out[k][custode + 1:]
        for id_ in annulled:
            k = position.get(id_)
            if k is not None:
                out[k] = replaced(out[k], custodian="", status=states.ANNULLED)
    return out, ids


def search_texts(db: Database) -> dict[int, str]:
    """What the grid's search finds besides the cells shown, by item id: the serial number
    and the invoice number (a clerk has the invoice or the label of the maker in hand)."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT id, serial_number, invoice_number FROM inventory_item "
                    "WHERE serial_number <> '' OR invoice_number <> ''")
        return {id_: " ".join(p for p in (serial, invoice) if p)
                for id_, serial, invoice in sql.cursor.fetchall()}


def room_check_data(db: Database, room_id: int) -> tuple[dict, dict]:
    """For the check of one room: goods registered there, and every other good with where it
    is registered, keyed by (register, number). Only the goods still held under their number
    (states.RULES[RICOGNIZIONE]): not discharged, renewed or annulled."""
    from ...domain.inventory.labels import has_labels

    sql_text = ("SELECT i.register, i.number, e.description, i.room_id, r.name "
                "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
                "LEFT JOIN room r ON r.id = i.room_id "
                f"WHERE i.status IN ({states.HELD_SQL}) AND NOT EXISTS "
                "(SELECT 1 FROM register_entry a WHERE a.annuls_id = i.entry_id)")
    expected, elsewhere = {}, {}
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text)
        for register, number, text, item_room, room_name in sql.cursor.fetchall():
            if not has_labels(register):
                continue
            if item_room == room_id:
                expected[(register, number)] = text
            else:
                elsewhere[(register, number)] = f"{text} (registrato in: {room_name or '—'})"
    return expected, elsewhere


def register_notes(db: Database, register: str, at=None) -> dict[int, list[str]]:
    """Annotations of the printed register, keyed by register entry id: the discharges
    (art. 31: every decrease is annotated in the register) and the rinnovo; with ``at`` (a
    date) only the variations up to that day."""
    from ...domain.dates import format_date
    from ...domain.inventory.discharge import cause_phrase

    sql_text = ("SELECT i.entry_id, d.decree_number, d.decree_date, d.cause "
                "FROM inventory_discharge_item x JOIN inventory_item i ON i.id = x.item_id "
                "JOIN inventory_discharge d ON d.id = x.discharge_id WHERE i.register = ?")
    notes: dict[int, list[str]] = {}
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text, (register,))
        for entry_id, number, day, cause in sql.cursor.fetchall():
            when = sql.to_date(day)
            if at is not None and when > at:
                continue
            notes.setdefault(entry_id, []).append(
                f"Scaricato con decreto n. {number} del {format_date(when)} "
                f"({cause_phrase(cause)})")
        # Rinnovo (series): the good carried to the new series, under its new number.
        sql.execute("SELECT o.entry_id, n.register, n.number, ne.entry_date "
                    "FROM inventory_renewal_map m JOIN inventory_item o ON o.id = m.old_item_id "
                    "JOIN inventory_item n ON n.id = m.new_item_id "
                    "JOIN register_entry ne ON ne.id = n.entry_id WHERE o.register = ?",
                    (register,))
        for entry_id, new_register, new_number, day in sql.cursor.fetchall():
            if at is not None and sql.to_date(day) > at:
                continue
            notes.setdefault(entry_id, []).append(
                f"Rinnovo del {format_date(sql.to_date(day))}: riportato come "
                f"{short_name(new_register)} n. {new_number}")
        for entry_id, text in universalita_notes(sql, register).items():
            notes.setdefault(entry_id, []).insert(0, text)
        # Art. 31 c.5-6: why a good imported from before 17/11/2018 sits in this register.
        sql.execute("SELECT entry_id, carico_warning FROM inventory_item WHERE register = ? "
                    "AND carico_warning <> ''", (register,))
        for entry_id, warning in sql.cursor.fetchall():
            notes.setdefault(entry_id, []).append(f"Avvertenza: {warning}")
    return notes


def numbers_text(numbers: list[int], most: int = 6) -> str:
    """"n. 1–10", "n. 3, 5, 9", "n. 1–4, 7": runs of consecutive numbers joined by a dash."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    shown = ", ".join(parts[:most]) + (", …" if len(parts) > most else "")
    return f"n. {shown}"


def universalita_sets(sql: DriverSQL, register: str) -> list[tuple[str, list[tuple]]]:
    """Art. 31 c.5: the universalità of a register, in the order of their first number, as
    (name, [(entry id, number, set value in cents)]). The set is the «Universalità» key (a
    carico «acquistati insieme», an imported file); goods loaded as a set before the key
    existed are grouped by their buono di carico. The registro dei beni durevoli has none to
    show: a set recorded there is worth 200 € or less, as its goods."""
    from ...domain.inventory.registers import DURABLE_REGISTER, base_of

    if base_of(register) == DURABLE_REGISTER:
        return []
    sql.execute("SELECT i.entry_id, i.number, i.universalita_key, i.universalita_value, "
                "i.buono_entry_id, b.number, b.year FROM inventory_item i "
                "LEFT JOIN register_entry b ON b.id = i.buono_entry_id "
                "WHERE i.register = ? AND i.universalita_value IS NOT NULL ORDER BY i.number",
                (register,))
    sets: dict[tuple, tuple[str, list]] = {}
    for entry_id, number, key, value, buono_id, b_number, b_year in sql.cursor.fetchall():
        if key:
            group, name = ("key", " ".join(key.split()).casefold()), f"«{key}»"
        elif buono_id is not None:
            group = ("buono", buono_id)
            name = f"del buono di carico n. {b_number}/{b_year}"
        else:
            group, name = ("good", entry_id), ""
        sets.setdefault(group, (name, []))[1].append((entry_id, number, value))
    return list(sets.values())


def universalita_notes(sql: DriverSQL, register: str) -> dict[int, str]:
    """On the line of each good of a universalità (art. 31 c.5): the set it belongs to, the
    numbers of its goods and its total value, so that a 45 € chair reads as one of a set worth
    more than 200 €, not as a breach of the threshold."""
    from ...domain.money import format_cents

    out: dict[int, str] = {}
    for name, members in universalita_sets(sql, register):
        goods = f"{len(members)} {'bene' if len(members) == 1 else 'beni'}"
        text = (f"Universalità {name}".rstrip() + f": {numbers_text([m[1] for m in members])} "
                f"({goods}), valore complessivo {format_cents(members[0][2])} (art. 31 c.5)")
        for entry_id, _number, _value in members:
            out[entry_id] = text
    return out


def register_universalita(db: Database, register: str) -> list[tuple[str, str, int, int]]:
    """The universalità of a printed register, for its summary: (name, numbers, goods, total
    value in cents)."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        return [(name[1:-1] if name.startswith("«") else f"Beni {name}" if name else "—",
                 numbers_text([m[1] for m in members], most=12), len(members), members[0][2])
                for name, members in universalita_sets(sql, register)]


@dataclass(frozen=True, slots=True)
class OpenLoanRow:
    id: int
    ref: str                # "n/anno" of the contract
    student: str
    class_name: str
    parent: str
    due: date
    items: int


@requires(LOAN_DOCUMENTS)
def open_loans(db: Database) -> list[OpenLoanRow]:
    """Loans not yet returned, the first due first."""
    sql_text = ("SELECT l.id, e.number, e.year, l.student_name, l.class_name, l.parent_name, "
                "l.due, (SELECT count(*) FROM loan_item x WHERE x.loan_id = l.id) "
                "FROM loan l JOIN register_entry e ON e.id = l.entry_id "
                "WHERE l.returned_on IS NULL ORDER BY l.due, e.year, e.number")
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text)
        return [OpenLoanRow(i, f"{n}/{y}", student, klass or "", parent, sql.to_date(due), count)
                for i, n, y, student, klass, parent, due, count in sql.cursor.fetchall()]


def open_loan_of_item(db: Database, item_id: int) -> int | None:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        row = sql.first("SELECT l.id FROM loan l JOIN loan_item x ON x.loan_id = l.id "
                        "WHERE x.item_id = ? AND l.returned_on IS NULL", (item_id,))
    return row[0] if row else None


_PROVENANCE = {"acquisto": "Acquisto", "produzione": "Produzione propria",
               "donazione": "Donazione", "rinvenimento": "Bene rinvenuto"}


_DETAIL = ("entry_id", "category", "subcategory", "brand", "model", "serial_number",
           "valuation", "supplier", "invoice_number", "invoice_date", "owner", "grant_title",
           "state")


def printed_fields(register: str) -> tuple:
    """The fields declared ``printed`` that belong on this register (art. 31 c.2: the dati
    catastali of the immobili, the scadenza of the valori mobiliari…)."""
    return tuple(f for f in ITEM.fields if f.printed and f.applies_to(base_of(register)))


def art31_text(values: dict, fields) -> str:
    """"Dati catastali: foglio 12, particella 345, sub. 2, categoria B/5 · Rendita annua:
    1.200,00 € · …": the printed fields that are filled, by their labels."""
    from ...domain.dates import format_date
    from ...domain.inventory.fields import CADASTRAL, CADASTRAL_SHORT
    from ...domain.money import format_money

    def shown(f) -> str:
        v = values.get(f.name)
        if v is None or v == "":
            return ""
        if f.kind == "money":
            return format_money(v)
        if f.kind == "date":
            return format_date(v)
        return str(v)

    parts, cadastral = [], []
    for f in fields:
        text = shown(f)
        if not text:
            continue
        if f.name in CADASTRAL:
            if not cadastral:
                parts.append(None)    # the group's place among the fields
            cadastral.append(f"{CADASTRAL_SHORT[f.name]} {text}")
        else:
            parts.append(f"{f.label}: {text}")
    group = "Dati catastali: " + ", ".join(cadastral)
    return " · ".join(group if p is None else p for p in parts)


def register_details(db: Database, register: str) -> dict[int, tuple[str, str, str]]:
    """What art. 31 c.2 wants on each line of a printed inventory besides number, date,
    description and value: {entry id: (identification, provenienza, luogo)}.

    Identification: category, brand, model, serial number and the state of conservation,
    then the fields declared ``printed`` for this register (for the immobili the dati
    catastali, rendita, diritti di terzi, destinazione d'uso and utilizzo attuale; for the
    valori mobiliari rendita and scadenza).
    Provenienza: how the good came (purchase from a supplier with its invoice, own
    production, donation, found; for beni di terzi the grantor and the title, art. 31 c.4),
    with the valuation criterion of art. 32 where it is not the invoice. Luogo: the room and
    plesso where the good is now."""
    from ...domain.dates import format_date
    from ...domain.inventory.carico import VALUATIONS
    from ...domain.money import from_cents

    extra = printed_fields(register)
    names = _DETAIL + tuple(f.name for f in extra)
    sql_text = (f"SELECT {ITEM.select_list(names)}, s.name AS site, r.name AS room "
                "FROM inventory_item i LEFT JOIN site s ON s.id = i.site_id "
                "LEFT JOIN room r ON r.id = i.room_id WHERE i.register = ?")
    out: dict[int, tuple[str, str, str]] = {}
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text, (register,))
        columns = sql.columns()
        for row in sql.cursor.fetchall():
            g = dict(zip(columns, row))
            for f in extra:
                if f.kind == "date" and g[f.name] is not None:
                    g[f.name] = sql.to_date(g[f.name])
                elif f.kind == "money" and g[f.name] is not None:
                    g[f.name] = from_cents(g[f.name])
            serial = g["serial_number"]
            ident = " · ".join(p for p in (
                " / ".join(c for c in (g["category"], g["subcategory"]) if c),
                " ".join(m for m in (g["brand"], g["model"]) if m),
                f"s/n {serial}" if serial else "", f"stato: {g['state']}",
                art31_text(g, extra)) if p)
            owner, valuation = g["owner"], g["valuation"]
            if owner:
                # Art. 31 c.4: the grantor and the title ("Di proprietà di Comune di…" lacked
                # the article a name needs).
                origin = f"Concedente: {owner}" + (f" – {g['grant_title']}"
                                                   if g["grant_title"] else "")
            else:
                origin = _PROVENANCE.get(valuation, valuation)
                if g["supplier"]:
                    origin += f" – {g['supplier']}"
                if g["invoice_number"]:
                    day = sql.to_date(g["invoice_date"]) if g["invoice_date"] else None
                    origin += f", fatt. n. {g['invoice_number']}" + (
                        f" del {format_date(day)}" if day else "")
            if valuation != "acquisto" or owner:
                origin += f" ({VALUATIONS.get(valuation, valuation)})"
            place = " – ".join(p for p in (g["room"], g["site"]) if p) or "—"
            out[g["entry_id"]] = (ident, origin, place)
    return out
