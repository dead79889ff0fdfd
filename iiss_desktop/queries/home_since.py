"""«Dalla tua ultima apertura»: what changed since the current user's previous start of the
program (services/home.record_start), for the start page.

New requests and their approval or refusal, decrees of discharge come from the change log
(every insert and update has its time, user, table and row); loans due, DURC and earmarked
funds reaching their term from the areas' own dates between the previous start and today.
Each kind is one plain query, only for who may read its area (the loans, which name the
students, for who may read the comodato contracts). Lines are grouped by area, the newest
first, at most ``LIMIT`` per area («e altre N»); each has a stable key, so a line the user
hid (``home_dismissed``) stays hidden for that user.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..db.access import current_principal
from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain.access import allowed
from ..domain.dates import format_date

LIMIT = 50


@dataclass(frozen=True, slots=True)
class SinceLine:
    key: str                  # stable: "warehouse_request:12:approvata"
    when: datetime | date     # a change: its UTC time; a term reached: its day
    text: str
    target: str               # as HomeItem.target: the area's name, opened by a click


@dataclass(frozen=True, slots=True)
class SinceGroup:
    area: str                 # the area's label, as on its tab
    lines: tuple[SinceLine, ...]
    more: int = 0             # lines beyond LIMIT


@dataclass(frozen=True, slots=True)
class SinceReport:
    since: datetime | None    # the previous start (UTC); None: the first start
    groups: tuple[SinceGroup, ...] = ()

    @property
    def keys(self) -> list[str]:
        return [line.key for g in self.groups for line in g.lines]


def previous_start(db: Database) -> str | None:
    """The current user's previous start (UTC ISO string), None before the second start."""
    me = current_principal(db)
    if me is None or me.id is None:
        return None
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        row = sql.first("SELECT previous_start FROM home_start WHERE user_id = ?", (me.id,))
    return row[0] if row else None


def _utc(at: str) -> datetime:
    return datetime.fromisoformat(at).replace(tzinfo=None)


def _local_day(at: str) -> date:
    return _utc(at).replace(tzinfo=UTC).astimezone().date()


def _first_id_after(sql: DriverSQL, since: str) -> int:
    """The last audit row written at or before ``since`` (0: none), by a binary search on
    the ids (the chain's sequence, in the order of time): a few primary-key look-ups
    instead of a scan of the whole log."""
    head = sql.first("SELECT seq FROM audit_head WHERE id = 1")
    lo, hi = 0, int(head[0]) if head else 0
    while lo < hi:
        mid = (lo + hi + 1) // 2
        row = sql.first("SELECT at FROM audit_log WHERE id >= ? ORDER BY id LIMIT 1", (mid,))
        if row is not None and row[0] <= since:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _changes(sql: DriverSQL, after_id: int, entity: str, columns: str, joins: str):
    """The audit rows of ``entity`` after ``after_id`` joined to the row they are about
    (alias ``r``): (action, at, after JSON, who, *columns)."""
    sql.execute(f"SELECT a.action, a.at, a.after, COALESCE(NULLIF(u.full_name, ''), "
                f"a.username), {columns} FROM audit_log a "
                f"JOIN {entity} r ON r.id = CAST(a.entity_id AS INTEGER) {joins} "
                "LEFT JOIN app_user u ON u.id = a.user_id "
                "WHERE a.id > ? AND a.entity = ? AND a.action IN ('insert', 'update') "
                "ORDER BY a.id", (after_id, entity))
    for action, at, after, who, *rest in sql.cursor.fetchall():
        if action == "insert":
            yield "nuova", at, who, rest
            continue
        try:
            changed = json.loads(after or "{}")
        except ValueError:
            continue
        state = changed.get("status", changed.get("state"))
        if isinstance(state, str):
            yield state, at, who, rest


DECIDED = {"approvata": "approvata", "respinta": "respinta", "rifiutata": "rifiutata"}


@dataclass(frozen=True)
class _Requests:
    """One kind of request whose arrival and decision the start page reports: the audited
    table, the columns (alias ``r``) and joins read with it, and ``describe(sql, row)`` ->
    (row id, «Richiesta …» reference, what a new one adds to it, who decided if recorded)."""

    entity: str
    columns: str
    joins: str
    target: str
    describe: Callable[[DriverSQL, list], tuple[int, str, str, str | None]]
    decided: dict[str, str] = field(default_factory=lambda: DECIDED)

    def __call__(self, sql, after_id, since_day, today):
        for state, at, who, row in _changes(sql, after_id, self.entity, self.columns,
                                            self.joins):
            if state != "nuova" and state not in self.decided:
                continue
            rid, ref, new, decided_by = self.describe(sql, row)
            text = ref + new if state == "nuova" else \
                f"{ref} {self.decided[state]} da {decided_by or who}"
            yield SinceLine(f"{self.entity}:{rid}:{state}", _utc(at), text, self.target)


def _material_request(sql, row):
    rid, year, number, requester, destination, decided_by = row
    return (rid, f"Richiesta di materiale n. {number}/{year}",
            f" di {requester} ({destination})", decided_by)


def _purchase_request(sql, row):
    rid, obj, unit, requested_by = row
    return rid, f"Richiesta d'acquisto «{obj}»", f" di {requested_by} ({unit})", None


def _absence_request(sql, row):
    rid, surname, name, starts, ends = row
    starts, ends = sql.to_date(starts), sql.to_date(ends)
    days = (f"il {format_date(starts)}" if starts == ends
            else f"dal {format_date(starts)} al {format_date(ends)}")
    return rid, f"Richiesta di assenza di {surname} {name} {days}", "", None


_warehouse = _Requests("warehouse_request",
                       "r.id, r.year, r.number, r.requester, r.destination, r.decided_by", "",
                       "warehouse", _material_request)
_purchase_requests = _Requests("procurement_request", "r.id, r.object, r.unit, r.requested_by",
                               "", "procurement", _purchase_request)
_absence_requests = _Requests("staff_absence_request",
                              "r.id, e.surname, e.name, r.starts_on, r.ends_on",
                              "JOIN employee e ON e.id = r.employee_id", "staff",
                              _absence_request,
                              {**DECIDED, "respinta": "rifiutata"})


def _discharges(sql, after_id, since_day, today):
    sql.execute("SELECT a.at, r.id, r.decree_number, r.decree_date FROM audit_log a "
                "JOIN inventory_discharge r ON r.id = CAST(a.entity_id AS INTEGER) "
                "WHERE a.id > ? AND a.entity = 'inventory_discharge' AND a.action = 'insert' "
                "ORDER BY a.id", (after_id,))
    for at, rid, number, day in sql.cursor.fetchall():
        yield SinceLine(f"inventory_discharge:{rid}", _utc(at),
                        f"Decreto di discarico n. {number} del {format_date(sql.to_date(day))}",
                        "inventory")


def _loans(sql, after_id, since_day, today):
    sql.execute("SELECT l.id, e.number, e.year, l.student_name, l.due FROM loan l "
                "JOIN register_entry e ON e.id = l.entry_id "
                "WHERE l.returned_on IS NULL AND l.due >= ? AND l.due <= ? ORDER BY l.due",
                (since_day, today))
    for lid, number, year, student, due in sql.cursor.fetchall():
        due = sql.to_date(due)
        verb = "scade oggi" if due == today else f"scaduto il {format_date(due)}"
        yield SinceLine(f"loan:{lid}:{due.isoformat()}", due,
                        f"Comodato n. {number}/{year} di {student}: {verb}, da restituire",
                        "inventory")


def _durc(sql, after_id, since_day, today):
    # The latest DURC of each supplier that ran out since the previous start.
    sql.execute("SELECT d.id, s.name, d.expires_on FROM procurement_durc d "
                "JOIN procurement_supplier s ON s.id = d.supplier_id "
                "WHERE d.expires_on >= ? AND d.expires_on <= ? AND NOT EXISTS (SELECT 1 FROM "
                "procurement_durc n WHERE n.supplier_id = d.supplier_id "
                "AND n.issued_on > d.issued_on) ORDER BY d.expires_on", (since_day, today))
    for did, supplier, expires in sql.cursor.fetchall():
        expires = sql.to_date(expires)
        yield SinceLine(f"durc:{did}", expires,
                        f"DURC di {supplier} scaduto il {format_date(expires)}", "procurement")


def _earmarked(sql, after_id, since_day, today):
    sql.execute("SELECT id, name, use_by FROM funds_earmarked "
                "WHERE use_by >= ? AND use_by <= ? ORDER BY use_by", (since_day, today))
    for fid, name, use_by in sql.cursor.fetchall():
        use_by = sql.to_date(use_by)
        yield SinceLine(f"funds_earmarked:{fid}:{use_by.isoformat()}", use_by,
                        f"Fondo vincolato «{name}»: termine di utilizzo del "
                        f"{format_date(use_by)} raggiunto", "funds")


# (area, permission code, lines): what each kind needs to be read.
KINDS = (
    ("inventory", "inventory.read", _discharges),
    ("inventory", "inventory.loan_documents", _loans),
    ("warehouse", "warehouse.read", _warehouse),
    ("procurement", "procurement.read", _purchase_requests),
    ("procurement", "procurement.read", _durc),
    ("funds", "funds.read", _earmarked),
    ("staff", "staff.read", _absence_requests),
)


def since_lines(db: Database, *, since: str | None = None, today: date | None = None,
                limit: int = LIMIT) -> SinceReport:
    """The lines since ``since`` (UTC ISO; default: the current user's previous start) that
    the current user may read and has not hidden."""
    from ..areas import AREAS

    since = since or previous_start(db)
    if since is None:
        return SinceReport(None)
    me = current_principal(db)
    today = today or date.today()
    since_day = _local_day(since)
    areas = {a.name: a for a in AREAS}
    found: dict[str, list[SinceLine]] = {}
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        hidden = set()
        if me is not None and me.id is not None:
            sql.execute("SELECT line_key FROM home_dismissed WHERE user_id = ?", (me.id,))
            hidden = {r[0] for r in sql.cursor.fetchall()}
        after_id = _first_id_after(sql, since)
        for area_name, code, lines in KINDS:
            area = areas.get(area_name)
            if area is None or not allowed(me, area.permission(code)):
                continue
            found.setdefault(area_name, []).extend(
                line for line in lines(sql, after_id, since_day, today)
                if line.key not in hidden)
    groups = []
    for area in AREAS:      # in the order of the tabs
        lines = found.get(area.name)
        if not lines:
            continue
        # One line per key (a request changed twice: its last state), the newest first.
        unique = list({line.key: line for line in lines}.values())
        unique.sort(key=lambda x: x.when if isinstance(x.when, datetime)
                    else datetime.combine(x.when, datetime.min.time()), reverse=True)
        groups.append(SinceGroup(area.label, tuple(unique[:limit]),
                                 max(0, len(unique) - limit)))
    return SinceReport(_utc(since), tuple(groups))
