"""Read side of the ricognizione: the goods of a room to check, the verbali, the 5-year term.

Which goods a room holds at a date follows queries.inventory.consistenza (carico on or before
the day, not annulled, not discharged, not carried to a new series), so that the check, the
registers and the passaggio di consegne cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import ricognizione as rules
from ...domain.inventory import states
from ...domain.inventory.registers import item_label
from .consistenza import load_goods

_NOT_ANNULLED = "NOT EXISTS (SELECT 1 FROM register_entry a WHERE a.annuls_id = e.id)"


@dataclass(frozen=True, slots=True)
class GoodRef:
    id: int
    register: str
    number: int
    description: str
    value: int           # cents
    state: str
    status: str
    room_id: int | None
    place: str           # "Sede centrale – Aula 1A"
    entry_date: date     # carico

    @property
    def label(self) -> str:
        return item_label(self.register, self.number)


def _places(sql) -> tuple[dict[int, tuple], dict[int, str]]:
    sql.execute("SELECT id, room_id, status FROM inventory_item")
    where = {i: (room, status) for i, room, status in sql.cursor.fetchall()}
    sql.execute("SELECT r.id, s.name, r.name FROM room r JOIN site s ON s.id = r.site_id")
    rooms = {i: f"{site} – {name}" for i, site, name in sql.cursor.fetchall()}
    return where, rooms


def goods_held(db: Database, at: date | None = None) -> list[GoodRef]:
    """Every good in consistenza at ``at`` (today by default), with its room and status."""
    at = at or date.today()
    goods = [g for g in load_goods(db) if g.in_consistenza(at)]
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        where, rooms = _places(sql)
    out = []
    for g in goods:
        room, status = where.get(g.id, (None, ""))
        out.append(GoodRef(g.id, g.register, g.number, g.description, g.value, g.state, status,
                           room, rooms.get(room, "—"), g.entry_date))
    return out


def check_goods(db: Database, room_id: int, at: date | None = None
                ) -> tuple[dict[tuple[str, int], GoodRef], dict[tuple[str, int], GoodRef]]:
    """For the check of one room: the goods registered there, and every other good held (to
    recognise one found here but registered elsewhere), keyed by (register, number)."""
    expected, elsewhere = {}, {}
    for g in goods_held(db, at):
        (expected if g.room_id == room_id else elsewhere)[(g.register, g.number)] = g
    return expected, elsewhere


# --- Verbali ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CheckRow:
    id: int
    number: int
    year: int
    checked_on: date
    site: str
    room: str
    general: bool
    commission: str
    goods: int
    differences: str     # "2 mancanti, 1 spostato" or ""
    annulled: bool

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"


_CHECKS = (
    "SELECT c.id, e.number, e.year, c.checked_on, s.name, r.name, c.general, c.commission, "
    "CASE WHEN " + _NOT_ANNULLED + " THEN 0 ELSE 1 END "
    "FROM inventory_check c JOIN register_entry e ON e.id = c.entry_id "
    "LEFT JOIN room r ON r.id = c.room_id LEFT JOIN site s ON s.id = c.site_id ")


def list_checks(db: Database) -> list[CheckRow]:
    """The verbali of ricognizione, newest first."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_CHECKS + "ORDER BY e.year DESC, e.number DESC")
        checks = sql.cursor.fetchall()
        sql.execute("SELECT check_id, outcome, count(*) FROM inventory_check_line "
                    "GROUP BY check_id, outcome")
        counts: dict[int, dict[str, int]] = {}
        for check_id, outcome, n in sql.cursor.fetchall():
            counts.setdefault(check_id, {})[outcome] = n
        to_date = sql.to_date
    out = []
    for id_, number, year, day, site, room, general, commission, annulled in checks:
        per = counts.get(id_, {})
        diffs = ", ".join(rules.count_label(k, per[k]) for k in rules.OUTCOMES
                          if k != "confermato" and per.get(k))
        if per.get(rules.IGNORED):
            n = per[rules.IGNORED]
            read = f"{n} {'lettura ignorata' if n == 1 else 'letture ignorate'}"
            diffs = ", ".join(x for x in (diffs, read) if x)
        goods = sum(n for k, n in per.items() if k in rules.OUTCOMES)
        out.append(CheckRow(id_, number, year, to_date(day), site or "", room or "",
                            bool(general), commission or "", goods, diffs,
                            bool(annulled)))
    return out


@dataclass(frozen=True, slots=True)
class CheckLine:
    id: int
    outcome: str
    item_id: int | None
    label: str            # "beni mobili n. 12", or the code read for a good not registered
    description: str
    value: int            # cents: the registered value, or the stima of a good not registered
    state: str
    reason: str
    registered_in: str    # for a good found elsewhere: the room it was registered in
    new_item: str         # for a good not registered: its carico, once done
    code: str = ""        # the code read, if any


@dataclass(frozen=True, slots=True)
class OutcomeTotal:
    outcome: str
    title: str
    goods: int
    value: int            # cents


@dataclass(frozen=True, slots=True)
class ScanRow:
    seq: int
    code: str
    result: str          # trovato | altrove | ripetuto | sconosciuto
    detail: str


@dataclass(frozen=True)
class CheckDetail:
    id: int
    number: int
    year: int
    checked_on: date
    site: str
    room: str
    general: bool
    commission: str
    notes: str
    annulled: bool
    lines: list[CheckLine] = field(default_factory=list)
    scans: list[ScanRow] = field(default_factory=list)

    def lines_of(self, outcome: str) -> list[CheckLine]:
        return [line for line in self.lines if line.outcome == outcome]

    @property
    def summary(self) -> list[OutcomeTotal]:
        """One row per outcome (all six, zero included: the reader sees nothing is hidden)."""
        return [OutcomeTotal(k, rules.OUTCOMES[k], len(self.lines_of(k)),
                             sum(line.value for line in self.lines_of(k)))
                for k in rules.OUTCOMES]


_LINES = (
    "SELECT l.id, l.outcome, l.item_id, l.code, l.description, l.estimated_value, l.state, "
    "l.reason, i.register, i.number, e.description, i.value, fr.name, ni.register, ni.number "
    "FROM inventory_check_line l JOIN inventory_check c ON c.id = l.check_id "
    "LEFT JOIN inventory_item i ON i.id = l.item_id "
    "LEFT JOIN register_entry e ON e.id = i.entry_id "
    # the documented transfer of a good found here: the room it came from
    "LEFT JOIN inventory_movement m ON m.id = (SELECT min(mm.id) FROM inventory_movement mm "
    "WHERE mm.item_id = l.item_id AND mm.to_room_id = c.room_id "
    "AND mm.moved_on = c.checked_on AND l.outcome = 'spostato') "
    "LEFT JOIN room fr ON fr.id = m.from_room_id "
    "LEFT JOIN inventory_item ni ON ni.id = l.new_item_id "
    "WHERE l.check_id = ? ORDER BY l.id")


def check_detail(db: Database, anno: int, numero: int) -> CheckDetail:
    """Verbale n. numero/anno with its lines, for the print and the screen."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_CHECKS + "WHERE e.register = ? AND e.year = ? AND e.number = ?",
                    (rules.REGISTER, anno, numero))
        head = sql.cursor.fetchone()
        if head is None:
            raise DomainError(f"Verbale di ricognizione n. {numero}/{anno} inesistente.")
        notes = sql.first("SELECT notes FROM inventory_check WHERE id = ?", (head[0],))[0]
        sql.execute(_LINES, (head[0],))
        rows = sql.cursor.fetchall()
        sql.execute("SELECT seq, code, result, detail FROM inventory_check_scan "
                    "WHERE check_id = ? ORDER BY seq", (head[0],))
        scans = [ScanRow(*r) for r in sql.cursor.fetchall()]
        to_date = sql.to_date
    lines = []
    for (id_, outcome, item_id, code, descr, estimate, state, reason, reg, num, text, value,
         from_room, new_reg, new_num) in rows:
        registered = item_id is not None
        lines.append(CheckLine(
            id_, outcome, item_id, item_label(reg, num) if registered else (code or "—"),
            text if registered else descr, int((value if registered else estimate) or 0),
            state or "", reason or "", from_room or "",
            item_label(new_reg, new_num) if new_reg else "", code or ""))
    id_, number, year, day, site, room, general, commission, annulled = head
    return CheckDetail(id_, number, year, to_date(day), site or "", room or "", bool(general),
                       commission or "", notes or "", bool(annulled), lines, scans)


def why_unknown(db: Database, register: str, number: int, at: date | None = None) -> str:
    """Why a label of this school matches no good held: no such number in the registers, the
    good discharged (by which decree, on which date), annulled, carried to a new series by a
    rinnovo, or taken in charge after the day of the check."""
    at = at or date.today()
    label = item_label(register, number)
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        row = sql.first(
            "SELECT i.id, e.entry_date, i.status, r.name, s.name FROM inventory_item i "
            "JOIN register_entry e ON e.id = i.entry_id LEFT JOIN room r ON r.id = i.room_id "
            "LEFT JOIN site s ON s.id = r.site_id WHERE i.register = ? AND i.number = ?",
            (register, number))
        if row is None:
            return f"nessun bene registrato come «{label}» negli inventari"
        item_id, loaded, status, room, site = row
        place = f" (era registrato in: {site} – {room})" if room else ""
        gone = sql.first(
            "SELECT d.decree_number, d.decree_date FROM inventory_discharge_item di "
            "JOIN inventory_discharge d ON d.id = di.discharge_id WHERE di.item_id = ? "
            "ORDER BY d.decree_date LIMIT 1", (item_id,))
        if gone is not None and sql.to_date(gone[1]) <= at:
            return (f"{label}: bene scaricato con decreto n. {gone[0]} del "
                    f"{format_date(sql.to_date(gone[1]))}{place}")
        annulled = sql.first("SELECT a.number, a.entry_date FROM register_entry a "
                             "JOIN inventory_item i ON i.entry_id = a.annuls_id "
                             "WHERE i.id = ?", (item_id,))
        if annulled is not None:
            return (f"{label}: registrazione di carico annullata il "
                    f"{format_date(sql.to_date(annulled[1]))}{place}")
        renewed = sql.first("SELECT n.register, n.number FROM inventory_renewal_map m "
                            "JOIN inventory_item n ON n.id = m.new_item_id "
                            "WHERE m.old_item_id = ?", (item_id,))
        if renewed is not None:
            return (f"{label}: inventario rinnovato, il bene ora è "
                    f"{item_label(renewed[0], renewed[1])}")
        if status == states.RENEWED:
            return f"{label}: inventario rinnovato, il bene non è più in questa serie"
        if sql.to_date(loaded) > at:
            return (f"{label}: preso in carico il {format_date(sql.to_date(loaded))}, dopo la "
                    "data della ricognizione")
    return f"{label}: il bene non risulta in carico{place}"


def pending_carichi(db: Database, anno: int, numero: int) -> list[CheckLine]:
    """Goods found but not recorded, still to take in charge."""
    return [line for line in check_detail(db, anno, numero).lines
            if line.outcome == "non_registrato" and not line.new_item]


# --- The five-year term ---------------------------------------------------------------------
def _last_checks(db: Database) -> dict[int, date]:
    """Each room's last general check (annulled verbali do not count)."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT c.room_id, max(c.checked_on) FROM inventory_check c "
                    "JOIN register_entry e ON e.id = c.entry_id WHERE c.general = ? AND "
                    "c.room_id IS NOT NULL AND " + _NOT_ANNULLED + " GROUP BY c.room_id",
                    (True,))
        return {room: sql.to_date(day) for room, day in sql.cursor.fetchall()}


def last_general_check(db: Database, today: date | None = None,
                       held: list[GoodRef] | None = None) -> date | None:
    """When the last complete ricognizione was completed: the earliest of the rooms' last
    general checks, over the rooms holding goods (None if one of them was never checked).

    A room counts if it holds a good loaded on or before the latest general check: goods
    taken in charge after the round were verified by their carico and do not reopen it.
    """
    last = _last_checks(db)
    if not last:
        return None
    latest = max(last.values())
    held = goods_held(db, today) if held is None else held
    rooms = {g.room_id for g in held if g.room_id is not None and g.entry_date <= latest}
    if not rooms:
        return None
    if any(room not in last for room in rooms):
        return None
    return min(last[room] for room in rooms)


@dataclass(frozen=True, slots=True)
class RoomToCheck:
    room_id: int
    place: str
    goods: int
    last_checked: date | None


def rooms_not_checked_since(db: Database, since: date, today: date | None = None
                            ) -> list[RoomToCheck]:
    """Rooms holding goods whose last general check is older than ``since`` (or missing)."""
    last = _last_checks(db)
    per_room: dict[int, list[GoodRef]] = {}
    for g in goods_held(db, today):
        if g.room_id is not None:
            per_room.setdefault(g.room_id, []).append(g)
    out = [RoomToCheck(room, goods[0].place, len(goods), last.get(room))
           for room, goods in per_room.items()
           if last.get(room) is None or last[room] < since]
    return sorted(out, key=lambda r: (r.last_checked or date.min, r.place))


def last_handover(db: Database) -> date | None:
    """The last passaggio di consegne (it includes a ricognizione in contraddittorio)."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        row = sql.first("SELECT max(h.handover_date) FROM inventory_handover h "
                        "JOIN register_entry e ON e.id = h.entry_id WHERE " + _NOT_ANNULLED)
        return sql.to_date(row[0]) if row else None


@dataclass(frozen=True)
class RicognizioneDue:
    due: date
    last_check: date | None
    last_handover: date | None
    has_goods: bool
    level: str
    detail: str


def ricognizione_due(db: Database, today: date | None = None) -> RicognizioneDue:
    """The date by which the next complete ricognizione is due, and what it is counted from."""
    today = today or date.today()
    held = goods_held(db, today)
    check, handover = last_general_check(db, today, held), last_handover(db)
    due = rules.next_due(check, handover, today=today)
    has_goods = any(g.room_id is not None for g in held)
    return RicognizioneDue(due, check, handover, has_goods, rules.due_level(due, today),
                           rules.due_detail(check, handover, due, today))
