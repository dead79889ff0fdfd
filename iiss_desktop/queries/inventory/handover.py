"""Read side of the passaggio di consegne (art. 30 c.5): what is handed over at a date.

Everything is computed AT the date of the handover, so that a verbale drawn up (or printed
again) later still speaks of the goods, custodians and loans of that day.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import handover as rules
from ...domain.inventory.discharge import cause_phrase
from ...domain.inventory.registers import item_label
from ...domain.money import format_cents
from .consistenza import Good, inventory_registers, load_goods, short_title

ROLE_LABELS = {"consegnatario": "Consegnatario", "sostituto": "Sostituto consegnatario",
               "sub_consegnatario": "Sub-consegnatario"}
OUTCOME_LABELS = {"spostato": "trovato in altro locale", "mancante": "mancante",
                  "non_registrato": "presente ma non registrato",
                  "inservibile": "inservibile o fuori uso", "rettifica": "da rettificare",
                  "confermato": "confermato"}


@dataclass(frozen=True)
class RegisterSnapshot:
    code: str
    title: str
    terzi: bool
    count: int
    total: int                       # cents
    goods: list[Good] = field(default_factory=list, repr=False, compare=False)


@dataclass(frozen=True)
class Difference:
    when: date | None
    kind: str            # "ricognizione" | "carico" | "scarico"
    what: str
    detail: str


@dataclass(frozen=True)
class TerziHolding:
    owner: str
    title: str
    count: int
    total: int


@dataclass(frozen=True)
class CustodyInForce:
    role: str
    person: str
    site: str
    decree: str
    since: date


@dataclass(frozen=True)
class AssignmentInForce:
    number: str
    assignee: str
    assignee_role: str
    room: str
    since: date
    items: int


@dataclass(frozen=True)
class LoanInForce:
    number: str
    student: str
    class_name: str
    parent: str
    due: date
    items: int


@dataclass(frozen=True)
class Snapshot:
    at: date
    registers: list[RegisterSnapshot]
    last_check: date | None
    differences: list[Difference]
    terzi: list[TerziHolding]
    custody: list[CustodyInForce]
    assignments: list[AssignmentInForce]
    loans: list[LoanInForce]

    @property
    def patrimonio_count(self) -> int:
        return sum(r.count for r in self.registers if not r.terzi)

    @property
    def patrimonio_total(self) -> int:
        return sum(r.total for r in self.registers if not r.terzi)


def snapshot(db: Database, at_date: date) -> Snapshot:
    """Consistenza of each inventory register (and series) at ``at_date`` with the goods, the
    differences since the last ricognizione, beni di terzi, custodians, affidamenti, loans."""
    goods = load_goods(db)
    by_register: dict[str, list[Good]] = defaultdict(list)
    for g in goods:
        if g.register.partition(".")[0] != "inv-durevoli":
            by_register[g.register].append(g)
    registers = []
    for info in inventory_registers(db, by_register):
        kept = [g for g in by_register.get(info.code, ()) if g.in_consistenza(at_date)]
        registers.append(RegisterSnapshot(info.code, info.title, info.terzi, len(kept),
                                          sum(g.value for g in kept), kept))
    terzi: dict[tuple[str, str], list[int]] = {}
    for reg in registers:
        if reg.terzi:
            for g in reg.goods:
                acc = terzi.setdefault((g.owner or "—", g.grant_title or "—"), [0, 0])
                acc[0] += 1
                acc[1] += g.value
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        last_check, diffs = _differences(sql, goods, at_date)
        custody = _custody(sql, at_date)
        assignments = _assignments(sql, at_date)
        loans = _loans(sql, at_date)
    return Snapshot(at_date, registers, last_check, diffs,
                    [TerziHolding(o, t, c, v) for (o, t), (c, v) in sorted(terzi.items())],
                    custody, assignments, loans)


def _differences(sql: DriverSQL, goods: list[Good], at: date) -> tuple[date | None, list]:
    """What the last ricognizione of each room found other than "confermato", then the carichi
    and discharges recorded after the last check (they changed the registers since)."""
    sql.execute(
        "SELECT c.id, c.room_id, c.site_id, c.checked_on, e.number, e.year "
        "FROM inventory_check c JOIN register_entry e ON e.id = c.entry_id "
        "WHERE c.checked_on <= ? AND NOT EXISTS (SELECT 1 FROM register_entry a "
        "WHERE a.annuls_id = e.id) ORDER BY c.checked_on, c.id", (at,))
    latest: dict[tuple, tuple] = {}
    for check_id, room, site, day, number, year in sql.cursor.fetchall():
        latest[(room, site) if room is None else (room, None)] = (check_id, sql.to_date(day),
                                                                  f"{number}/{year}")
    if not latest:
        return None, []
    last = max(day for _, day, _ in latest.values())
    labels = {g.id: (item_label(g.register, g.number), g.description) for g in goods}
    diffs: list[Difference] = []
    ids = [check_id for check_id, _, _ in latest.values()]
    verbale = {check_id: (day, ref) for check_id, day, ref in latest.values()}
    sql.execute(
        f"SELECT l.check_id, l.item_id, l.code, l.outcome, l.state, l.reason, r.name "
        f"FROM inventory_check_line l JOIN inventory_check c ON c.id = l.check_id "
        f"LEFT JOIN room r ON r.id = c.room_id "
        f"WHERE l.outcome != 'confermato' AND l.check_id IN ({', '.join('?' * len(ids))}) "
        f"ORDER BY c.checked_on, l.id", ids)
    for check_id, item_id, code, outcome, state, reason, room in sql.cursor.fetchall():
        day, ref = verbale[check_id]
        label, text = labels.get(item_id, (code or "bene non registrato", ""))
        what = f"{label} – {text}" if text else label
        detail = OUTCOME_LABELS.get(outcome, outcome) + (f" ({room})" if room else "")
        if state:
            detail += f", stato: {state}"
        if reason:
            detail += f"; {reason}"
        diffs.append(Difference(day, "ricognizione", what, f"verbale n. {ref}: {detail}"))
    # Carichi after the last check, by register; discharges after it, by decree.
    loaded: dict[str, list[int]] = {}
    for g in goods:
        if not g.annulled and last < g.entry_date <= at and g.register != "inv-durevoli":
            acc = loaded.setdefault(g.register, [0, 0])
            acc[0] += 1
            acc[1] += g.value
    for code, (count, cents) in loaded.items():
        diffs.append(Difference(None, "carico", f"Carichi in {short_title(code)}",
                                f"{count} {'bene' if count == 1 else 'beni'}, "
                                f"{format_cents(cents)}"))
    sql.execute(
        "SELECT d.decree_number, d.decree_date, d.cause, count(*), sum(i.value) "
        "FROM inventory_discharge d JOIN inventory_discharge_item x ON x.discharge_id = d.id "
        "JOIN inventory_item i ON i.id = x.item_id "
        "WHERE d.decree_date > ? AND d.decree_date <= ? "
        "GROUP BY d.id, d.decree_number, d.decree_date, d.cause ORDER BY d.decree_date, d.id",
        (last, at))
    for number, day, cause, count, cents in sql.cursor.fetchall():
        diffs.append(Difference(sql.to_date(day), "scarico", f"Decreto di discarico n. {number}",
                                f"{cause_phrase(cause)}: {count} "
                                f"{'bene' if count == 1 else 'beni'}, "
                                f"{format_cents(int(cents or 0))}"))
    return last, diffs


def _custody(sql: DriverSQL, at: date) -> list[CustodyInForce]:
    sql.execute(
        "SELECT c.role, c.person_name, s.name, c.decree_number, c.decree_date, c.started_on "
        "FROM custody_role c LEFT JOIN site s ON s.id = c.site_id "
        "WHERE c.started_on <= ? AND (c.ended_on IS NULL OR c.ended_on > ?) "
        "AND c.role != 'consegnatario' "   # the consegnatario is who hands over
        "ORDER BY c.role, c.started_on, c.id", (at, at))
    out = []
    for role, person, site, number, day, since in sql.cursor.fetchall():
        decree = f"decreto n. {number}" if number else ""
        if decree and day is not None:
            decree += f" del {format_date(sql.to_date(day))}"
        out.append(CustodyInForce(ROLE_LABELS.get(role, role), person, site or "", decree,
                                  sql.to_date(since)))
    return out


def _assignments(sql: DriverSQL, at: date) -> list[AssignmentInForce]:
    sql.execute(
        "SELECT e.number, e.year, a.assignee_name, a.assignee_role, r.name, a.started_on, "
        "(SELECT count(*) FROM inventory_assignment_item x WHERE x.assignment_id = a.id) "
        "FROM inventory_assignment a JOIN register_entry e ON e.id = a.entry_id "
        "LEFT JOIN room r ON r.id = a.room_id "
        "WHERE a.started_on <= ? AND (a.ended_on IS NULL OR a.ended_on > ?) "
        "ORDER BY a.started_on, e.year, e.number", (at, at))
    return [AssignmentInForce(f"{n}/{y}", name, role, room or "", sql.to_date(since), count)
            for n, y, name, role, room, since, count in sql.cursor.fetchall()]


def _loans(sql: DriverSQL, at: date) -> list[LoanInForce]:
    sql.execute(
        "SELECT e.number, e.year, l.student_name, l.class_name, l.parent_name, l.due, "
        "(SELECT count(*) FROM loan_item x WHERE x.loan_id = l.id) "
        "FROM loan l JOIN register_entry e ON e.id = l.entry_id "
        "WHERE l.start <= ? AND (l.returned_on IS NULL OR l.returned_on > ?) "
        "ORDER BY l.start, e.year, e.number", (at, at))
    return [LoanInForce(f"{n}/{y}", student, klass or "", parent, sql.to_date(due), count)
            for n, y, student, klass, parent, due, count in sql.cursor.fetchall()]


# --- the recorded verbali -----------------------------------------------------------------
@dataclass(frozen=True)
class HandoverDoc:
    id: int
    number: int
    year: int
    cessation_date: date
    handover_date: date
    place: str
    outgoing_dsga: str
    incoming_dsga: str
    dirigente: str
    presidente_ci: str
    witnesses: str
    outgoing_absent: bool
    absence_reason: str
    check_mode: str
    outcome: str
    annulled: bool
    stored: list[tuple[str, int, int]] = field(default_factory=list)
    # (register, goods, cents) as recorded at the handover

    @property
    def days_late(self) -> int:
        return rules.days_late(self.cessation_date, self.handover_date)


_DOC = ("SELECT h.id, e.number, e.year, h.cessation_date, h.handover_date, h.place, "
        "h.outgoing_dsga, h.incoming_dsga, h.dirigente, h.presidente_ci, h.witnesses, "
        "h.outgoing_absent, h.absence_reason, h.check_mode, h.outcome, "
        "(SELECT count(*) FROM register_entry a WHERE a.annuls_id = e.id) AS annulled "
        "FROM inventory_handover h JOIN register_entry e ON e.id = h.entry_id ")


def handover_document(db: Database, year: int, number: int) -> HandoverDoc:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        doc = sql.first_as(HandoverDoc, _DOC + "WHERE e.register = ? AND e.year = ? AND "
                           "e.number = ?", (rules.REGISTER, year, number),
                           cessation_date=sql.to_date, handover_date=sql.to_date,
                           place=sql.text, witnesses=sql.text, outgoing_absent=bool,
                           absence_reason=sql.text, outcome=sql.text, annulled=bool)
        if doc is None:
            raise DomainError(f"Verbale di passaggio di consegne n. {number}/{year} "
                              "inesistente.")
        sql.execute("SELECT register, items, total FROM inventory_handover_register "
                    "WHERE handover_id = ? ORDER BY id", (doc.id,))
        stored = [(reg, items, int(total)) for reg, items, total in sql.cursor.fetchall()]
    return replace(doc, stored=stored)


@dataclass(frozen=True, slots=True)
class HandoverListRow:
    id: int
    number: int
    year: int
    handover_date: date
    outgoing_dsga: str
    incoming_dsga: str


def list_handovers(db: Database) -> list[HandoverListRow]:
    """The recorded verbali, the newest first."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT h.id, e.number, e.year, h.handover_date, h.outgoing_dsga, "
                    "h.incoming_dsga FROM inventory_handover h "
                    "JOIN register_entry e ON e.id = h.entry_id "
                    "ORDER BY h.handover_date DESC, e.year DESC, e.number DESC")
        return sql.fetch_as(HandoverListRow, handover_date=sql.to_date)


def pending_cessation(db: Database) -> date | None:
    """The latest cessation of a consegnatario not yet followed by a passaggio di consegne."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        row = sql.first("SELECT max(ended_on) FROM custody_role "
                        "WHERE role = 'consegnatario' AND ended_on IS NOT NULL")
        ended = sql.to_date(row[0]) if row and row[0] is not None else None
        if ended is None:
            return None
        done = sql.first("SELECT 1 FROM inventory_handover WHERE handover_date >= ?", (ended,))
    return None if done else ended


def handover_home_items(db: Database, today: date, make_item) -> list:
    """Start page (art. 30 c.5): the consegnatario has left and no passaggio di consegne is
    recorded yet. ``make_item`` is queries.home.HomeItem (passed in: home imports this module)."""
    ended = pending_cessation(db)
    if ended is None:
        return []
    due = rules.deadline(ended)
    left = (due - today).days
    detail = (f"Il consegnatario è cessato il {format_date(ended)} (art. 30 c.5 D.I. 129/2018, "
              f"entro {rules.DEADLINE_DAYS} giorni)"
              + (f": termine superato da {-left} giorni" if left < 0 else ""))
    return [make_item(due, "scadenza", f"Passaggio di consegne entro il {format_date(due)}",
                      detail, "warning" if left <= rules.WARNING_DAYS else "info")]
