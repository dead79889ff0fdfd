"""Read side of custody: appointments, affidamenti, who answers for a good, maintenance log,
and the data of the sub-consegnatario's yearly prospetto (art. 30 c.3)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import custody as rules
from ...domain.inventory import states
from ...domain.inventory.discharge import cause_phrase
from ...domain.inventory.registers import DURABLE_REGISTER, REGISTERS, item_label
from ...domain.money import from_cents
from ..school import get_heading

_ROLE_ORDER = {"consegnatario": 0, "sostituto": 1, "sub_consegnatario": 2}


@dataclass(frozen=True, slots=True)
class RoleRow:
    id: int
    role: str
    person_name: str
    employee_id: int | None
    site_id: int | None
    site_name: str
    decree_number: str
    decree_date: date | None
    started_on: date
    ended_on: date | None
    notes: str

    @property
    def role_title(self) -> str:
        return rules.ROLES.get(self.role, self.role)

    @property
    def current(self) -> bool:
        return self.ended_on is None


_ROLES = ("SELECT c.id, c.role, c.person_name, c.employee_id, c.site_id, s.name, c.decree_number, "
          "c.decree_date, c.started_on, c.ended_on, c.notes FROM custody_role c "
          "LEFT JOIN site s ON s.id = c.site_id")


def list_roles(db: Database) -> list[RoleRow]:
    """Every appointment, current and past: those in office first, then by role and plesso,
    the most recent first."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_ROLES)
        d = sql.to_date
        rows = [RoleRow(i, role, name, emp, site, site_name or "", number or "", d(decree),
                        d(start), d(end), notes or "")
                for i, role, name, emp, site, site_name, number, decree, start, end, notes
                in sql.cursor.fetchall()]
    rows.sort(key=lambda r: (not r.current, _ROLE_ORDER.get(r.role, 9), r.site_name,
                             -r.started_on.toordinal(), -r.id))
    return rows


def current_custodians(db: Database) -> list[RoleRow]:
    return [r for r in list_roles(db) if r.current]


def consegnatario_on(db: Database, day: date) -> str:
    """The consegnatario in office on ``day`` ("" if none was recorded)."""
    for r in list_roles(db):
        if r.role == "consegnatario" and r.started_on <= day and (r.ended_on is None
                                                                  or r.ended_on >= day):
            return r.person_name
    return ""


# --- Affidamenti ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AssignmentRow:
    id: int
    number: int
    year: int
    started_on: date
    assignee_name: str
    assignee_role: str
    room: str
    ds_indication: str
    items: int
    ended_on: date | None
    end_number: int | None
    end_year: int | None

    @property
    def label(self) -> str:
        goods = "1 bene" if self.items == 1 else f"{self.items} beni"
        return f"n. {self.number}/{self.year} – {self.assignee_name} – {self.room} ({goods})"


_ASSIGNMENTS = (
    "SELECT a.id, e.number, e.year, a.started_on, a.assignee_name, a.assignee_role, r.name, "
    "s.name, a.ds_indication, (SELECT count(*) FROM inventory_assignment_item x "
    "WHERE x.assignment_id = a.id), a.ended_on, f.number, f.year "
    "FROM inventory_assignment a JOIN register_entry e ON e.id = a.entry_id "
    "LEFT JOIN register_entry f ON f.id = a.end_entry_id "
    "LEFT JOIN room r ON r.id = a.room_id LEFT JOIN site s ON s.id = r.site_id ")


def list_assignments(db: Database, *, open_only: bool = False) -> list[AssignmentRow]:
    sql_text = _ASSIGNMENTS + ("WHERE a.ended_on IS NULL " if open_only else "") + \
        "ORDER BY e.year, e.number"
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text)
        d = sql.to_date
        return [AssignmentRow(i, n, y, d(start), name, rules.ASSIGNEE_ROLES.get(role, role),
                              f"{room or '—'} – {site or '—'}", indication or "", count, d(end),
                              en, ey)
                for i, n, y, start, name, role, room, site, indication, count, end, en, ey
                in sql.cursor.fetchall()]


def open_assignments(db: Database) -> list[AssignmentRow]:
    return list_assignments(db, open_only=True)


def open_assignment_of_item(db: Database, item_id: int) -> int | None:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        row = sql.first("SELECT a.id FROM inventory_assignment a JOIN inventory_assignment_item x "
                        "ON x.assignment_id = a.id WHERE x.item_id = ? AND a.ended_on IS NULL",
                        (item_id,))
    return row[0] if row else None


# --- Who answers for a good -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Custodian:
    kind: str          # affidatario | sub_consegnatario | consegnatario
    person_name: str
    title: str         # e.g. "Affidatario (verbale n. 3/2025)"


_CUSTODIANS = (
    "SELECT 'a', x.item_id, a.assignee_name FROM inventory_assignment_item x "
    "JOIN inventory_assignment a ON a.id = x.assignment_id WHERE a.ended_on IS NULL "
    "UNION ALL SELECT CASE WHEN role = 'consegnatario' THEN 'c' ELSE 's' END, "
    "COALESCE(site_id, 0), person_name FROM custody_role WHERE ended_on IS NULL "
    "AND role IN ('consegnatario', 'sub_consegnatario')")


def custodian_names(sql: DriverSQL) -> tuple[dict[int, str], dict[int, str], str]:
    """In ONE query: (affidatario by item id, sub-consegnatario by plesso id, consegnatario),
    as they appear in the Custode column of the grid (100,000 rows: no query per row)."""
    sql.execute(_CUSTODIANS)
    by_item, by_site, consegnatario = {}, {}, ""
    for kind, key, name in sql.cursor.fetchall():
        if kind == "a":
            by_item[key] = f"{name} (affidatario)"
        elif kind == "s":
            by_site[key] = f"{name} (sub-consegnatario)"
        else:
            consegnatario = f"{name} (consegnatario)"
    return by_item, by_site, consegnatario


def custodian_of(db: Database, item_id: int) -> Custodian | None:
    """Who answers for the good: the affidatario of an open affidamento, else the
    sub-consegnatario of its plesso, else the consegnatario. None for a good no longer held
    under this number (discharged, annulled, renewed: the Custode column is blank too)."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        item = sql.first("SELECT i.site_id, i.status, EXISTS (SELECT 1 FROM register_entry a "
                         "WHERE a.annuls_id = i.entry_id) FROM inventory_item i WHERE i.id = ?",
                         (item_id,))
        if item is None:
            raise DomainError("Bene inesistente.")
        if states.situation(item[1], annulled=bool(item[2])) in states.GONE:
            return None
        row = sql.first("SELECT a.assignee_name, e.number, e.year FROM inventory_assignment a "
                        "JOIN inventory_assignment_item x ON x.assignment_id = a.id "
                        "JOIN register_entry e ON e.id = a.entry_id "
                        "WHERE x.item_id = ? AND a.ended_on IS NULL", (item_id,))
        if row:
            return Custodian("affidatario", row[0], f"Affidatario (verbale n. {row[1]}/{row[2]})")
        row = sql.first("SELECT person_name FROM custody_role WHERE role = 'sub_consegnatario' "
                        "AND site_id = ? AND ended_on IS NULL", (item[0],))
        if row:
            return Custodian("sub_consegnatario", row[0], rules.ROLES["sub_consegnatario"])
        row = sql.first("SELECT person_name FROM custody_role WHERE role = 'consegnatario' "
                        "AND ended_on IS NULL")
        if row:
            return Custodian("consegnatario", row[0], rules.ROLES["consegnatario"])
    return None


# --- One good: heading and maintenance log ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ItemHeading:
    id: int
    register: str
    number: int
    description: str
    carico_date: date
    brand: str
    model: str
    serial_number: str
    site: str
    room: str
    state: str
    status: str
    value: Decimal

    @property
    def label(self) -> str:
        return item_label(self.register, self.number)


_ITEM = ("SELECT i.id, i.register, i.number, e.description, e.entry_date AS carico_date, "
         "i.brand, i.model, i.serial_number, s.name AS site, r.name AS room, i.state, "
         "i.status, i.value FROM inventory_item i "
         "JOIN register_entry e ON e.id = i.entry_id LEFT JOIN site s ON s.id = i.site_id "
         "LEFT JOIN room r ON r.id = i.room_id ")


def _headings(sql: DriverSQL) -> list[ItemHeading]:
    """The rows of the last _ITEM query, by column name."""
    text = sql.text
    return sql.fetch_as(ItemHeading, carico_date=sql.to_date, brand=text, model=text,
                        serial_number=text, site=text, room=text, value=from_cents)


def item_heading(db: Database, item_id: int) -> ItemHeading:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_ITEM + "WHERE i.id = ?", (item_id,))
        found = _headings(sql)
    if not found:
        raise DomainError("Bene inesistente.")
    return found[0]


def find_item(db: Database, register: str, number: int) -> ItemHeading:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_ITEM + "WHERE i.register = ? AND i.number = ?", (register, number))
        found = _headings(sql)
    if not found:
        raise DomainError(f"Bene {item_label(register, number)} inesistente.")
    return found[0]


@dataclass(frozen=True, slots=True)
class MaintenanceRow:
    id: int
    done_on: date
    kind: str
    description: str
    done_by: str
    cost: Decimal | None
    warranty_until: date | None

    @property
    def kind_title(self) -> str:
        return rules.MAINTENANCE_KINDS.get(self.kind, self.kind)


def maintenance_of(db: Database, item_id: int) -> list[MaintenanceRow]:
    """The log of one good, in the order the work was done (then recorded)."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT id, done_on, kind, description, done_by, cost, warranty_until "
                    "FROM inventory_maintenance WHERE item_id = ? ORDER BY done_on, id",
                    (item_id,))
        d = sql.to_date
        return [MaintenanceRow(i, d(day), kind, text, by or "",
                               None if cost is None else from_cents(cost), d(warranty))
                for i, day, kind, text, by, cost, warranty in sql.cursor.fetchall()]


# --- The verbali of art. 35 ---------------------------------------------------------------------
@dataclass(frozen=True)
class VerbaleLine:
    label: str
    description: str
    state_out: str
    state_back: str | None
    value_cents: int


@dataclass(frozen=True)
class Verbale:
    kind: str                     # affidamento | riconsegna
    number: int
    year: int
    day: date
    assignee_name: str
    assignee_role: str
    room: str
    site: str
    ds_indication: str
    first_number: int             # the verbale di affidamento (for a riconsegna)
    first_year: int
    first_day: date
    notes: str
    consegnatario: str
    lines: list[VerbaleLine] = field(default_factory=list)

    @property
    def total_cents(self) -> int:
        return sum(line.value_cents for line in self.lines)


def verbale_data(db: Database, year: int, number: int, kind: str) -> Verbale:
    """Verbale n. number/year of the register of affidamenti, which must be of ``kind``."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        entry = sql.first("SELECT id, entry_date FROM register_entry WHERE register = ? "
                          "AND year = ? AND number = ?", (rules.AFFIDAMENTI, year, number))
        if entry is None:
            raise DomainError(f"Verbale n. {number}/{year} inesistente.")
        head = sql.first(
            "SELECT a.id, a.assignee_name, a.assignee_role, r.name, s.name, a.ds_indication, "
            "e.number, e.year, e.entry_date, a.end_notes, a.entry_id FROM inventory_assignment a "
            "JOIN register_entry e ON e.id = a.entry_id LEFT JOIN room r ON r.id = a.room_id "
            "LEFT JOIN site s ON s.id = r.site_id WHERE a.entry_id = ? OR a.end_entry_id = ?",
            (entry[0], entry[0]))
        if head is None:
            raise DomainError(f"Il n. {number}/{year} non è un verbale di affidamento né di "
                              "riconsegna.")
        found = "affidamento" if head[10] == entry[0] else "riconsegna"
        if found != kind:
            raise DomainError(f"Il n. {number}/{year} è un verbale di {found}, non di {kind}.")
        sql.execute("SELECT i.register, i.number, e.description, x.condition_out, "
                    "x.condition_back, i.value FROM inventory_assignment_item x "
                    "JOIN inventory_item i ON i.id = x.item_id "
                    "JOIN register_entry e ON e.id = i.entry_id WHERE x.assignment_id = ? "
                    "ORDER BY i.register, i.number", (head[0],))
        lines = [VerbaleLine(item_label(reg, n), text, out, back, cents)
                 for reg, n, text, out, back, cents in sql.cursor.fetchall()]
        day, first_day = sql.to_date(entry[1]), sql.to_date(head[8])
    return Verbale(kind, number, year, day, head[1],
                   rules.ASSIGNEE_ROLES.get(head[2], head[2]), head[3] or "", head[4] or "",
                   head[5] or "", head[6], head[7], first_day,
                   (head[9] or "") if kind == "riconsegna" else "",
                   consegnatario_on(db, day), lines)


# --- Prospetto of the sub-consegnatario (art. 30 c.3) ------------------------------------------
@dataclass
class RegisterTotals:
    register: str
    start_n: int = 0
    start_cents: int = 0
    plus_n: int = 0
    plus_cents: int = 0
    minus_n: int = 0
    minus_cents: int = 0
    end_n: int = 0
    end_cents: int = 0

    @property
    def title(self) -> str:
        return REGISTERS.get(self.register) or (
            "Registro dei beni durevoli" if self.register == DURABLE_REGISTER
            else self.register)

    @property
    def in_patrimony(self) -> bool:
        """Beni di terzi and the registro dei beni durevoli are watched, not the school's
        patrimony (art. 31 c.4; Linee guida §2.2): shown apart from the total."""
        return self.register in REGISTERS and self.register != "inv-terzi"


@dataclass(frozen=True)
class Variation:
    day: date
    operation: str      # Carico | Trasferimento in entrata | Trasferimento in uscita | Discarico
    label: str
    description: str
    detail: str
    sign: int           # +1 aumento, -1 diminuzione
    cents: int


@dataclass
class Prospetto:
    site_id: int
    site_code: str
    site_name: str
    year: int
    sub_consegnatario: str
    consegnatario: str
    registers: list[RegisterTotals]
    variations: list[Variation]

    def total(self) -> RegisterTotals:
        """The school's patrimony in the plesso (beni di terzi and durevoli left out)."""
        t = RegisterTotals("")
        for r in self.registers:
            if r.in_patrimony:
                for name in ("start_n", "start_cents", "plus_n", "plus_cents", "minus_n",
                             "minus_cents", "end_n", "end_cents"):
                    setattr(t, name, getattr(t, name) + getattr(r, name))
        return t


def _site(sql: DriverSQL, site: int | str):
    if isinstance(site, str) and not site.strip().isdigit():
        row = sql.first("SELECT id, code, name FROM site WHERE upper(code) = ?",
                        (site.strip().upper(),))
    else:
        row = sql.first("SELECT id, code, name FROM site WHERE id = ?", (int(site),))
    if row is None:
        raise DomainError(f"Plesso «{site}» inesistente.")
    return row


def prospetto_data(db: Database, site_id: int | str, year: int) -> Prospetto:
    """Variations of ``year`` for the goods of a plesso, with the consistenza at 1 January and
    31 December. Where a good was is replayed from its carico and its recorded movements
    (inventory_movement), so moves between plessi count as a decrease for one and an increase
    for the other; discharges (art. 33) are decreases of the plesso where the good was."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        site_id, code, site_name = _site(sql, site_id)
        d = sql.to_date
        sql.execute("SELECT id, site_id FROM room")
        room_site = dict(sql.cursor.fetchall())
        sql.execute("SELECT id, name FROM site")
        site_names = dict(sql.cursor.fetchall())
        sql.execute("SELECT i.id, i.register, i.number, e.description, e.entry_date, i.value, "
                    "i.site_id, b.number, b.year FROM inventory_item i "
                    "JOIN register_entry e ON e.id = i.entry_id "
                    "LEFT JOIN register_entry b ON b.id = i.buono_entry_id "
                    "WHERE e.entry_date <= ? AND NOT EXISTS (SELECT 1 FROM register_entry n "
                    "WHERE n.annuls_id = e.id)", (last,))
        items = sql.cursor.fetchall()
        sql.execute("SELECT item_id, moved_on, from_room_id, to_room_id FROM inventory_movement "
                    "ORDER BY moved_on, id")
        moves: dict[int, list] = {}
        for item_id, day, src, dst in sql.cursor.fetchall():
            moves.setdefault(item_id, []).append((d(day), src, dst))
        sql.execute("SELECT x.item_id, d.decree_date, d.decree_number, d.cause "
                    "FROM inventory_discharge_item x "
                    "JOIN inventory_discharge d ON d.id = x.discharge_id")
        discharged = {i: (d(day), n, cause) for i, day, n, cause in sql.cursor.fetchall()}
    totals: dict[str, RegisterTotals] = {}
    variations: list[Variation] = []
    for item_id, register, number, text, carico_day, cents, current_site, b_no, b_year in items:
        history = moves.get(item_id, [])
        # Where the good was taken in charge: before its first move, or where it is now.
        origin = (room_site.get(history[0][1], current_site) if history and history[0][1]
                  else current_site)
        events = [(d(carico_day), 0, "carico", origin)]
        events += [(day, 1, "move", room_site.get(dst)) for day, _src, dst in history]
        if item_id in discharged:
            events.append((discharged[item_id][0], 2, "discarico", None))
        label = item_label(register, number)
        own: list[Variation] = []
        where, at_start = None, None
        for day, _order, kind, to_site in sorted(events, key=lambda e: (e[0], e[1])):
            if day > last:
                break
            if day < first:
                where = at_start = to_site
                continue
            before, where = where, to_site
            if before == where:
                continue
            if kind == "carico" and where == site_id:
                # The estremi of the carico: its buono (art. 30 c.3: the variations reported).
                own.append(Variation(day, "Carico", label, text,
                                     f"buono di carico n. {b_no}/{b_year}" if b_no else "", 1,
                                     cents))
            elif kind == "move" and before == site_id:
                own.append(Variation(day, "Trasferimento in uscita", label, text,
                                     f"verso {site_names.get(where, '—')}", -1, cents))
            elif kind == "move" and where == site_id:
                own.append(Variation(day, "Trasferimento in entrata", label, text,
                                     f"da {site_names.get(before, '—')}", 1, cents))
            elif kind == "discarico" and before == site_id:
                _, decree, cause = discharged[item_id]
                own.append(Variation(
                    day, "Discarico", label, text,
                    f"decreto n. {decree} del {format_date(day)} – "
                    f"{cause_phrase(cause)}", -1, cents))
        if at_start != site_id and where != site_id and not own:
            continue
        t = totals.setdefault(register, RegisterTotals(register))
        if at_start == site_id:
            t.start_n, t.start_cents = t.start_n + 1, t.start_cents + cents
        if where == site_id:
            t.end_n, t.end_cents = t.end_n + 1, t.end_cents + cents
        for v in own:
            if v.sign > 0:
                t.plus_n, t.plus_cents = t.plus_n + 1, t.plus_cents + cents
            else:
                t.minus_n, t.minus_cents = t.minus_n + 1, t.minus_cents + cents
        variations += own
    variations.sort(key=lambda v: (v.day, v.label))
    order = list(REGISTERS) + [DURABLE_REGISTER]
    registers = sorted(totals.values(), key=lambda t: (order.index(t.register)
                                                      if t.register in order else 99))
    sub = _sub_consegnatario(db, site_id, first, last)
    return Prospetto(site_id, code, site_name, year, sub,
                     consegnatario_on(db, min(last, date.today())) or get_heading(db).dsga,
                     registers, variations)


def _sub_consegnatario(db: Database, site_id: int, first: date, last: date) -> str:
    """The sub-consegnatario of the plesso during the year (the latest appointed)."""
    for r in list_roles(db):   # current first, most recent first
        if (r.role == "sub_consegnatario" and r.site_id == site_id and r.started_on <= last
                and (r.ended_on is None or r.ended_on >= first)):
            return r.person_name
    return ""
