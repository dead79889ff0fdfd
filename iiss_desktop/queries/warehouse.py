"""Read side of the magazzino: grid rows, scheda per article, stock at a date, consumption,
DPI summary, start-page alerts. Frozen dataclasses read by column name (the article grid's
rows are plain tuples in the order of ``ARTICLE_GRID``); quantities are integer thousandths
of the unit, values integer cents (format with domain.warehouse / domain.money).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain import warehouse as rules
from ..domain.fields import row_class


def _sql(db: Database):
    return db.read_engine.connect()


@dataclass(frozen=True, slots=True)
class StoreroomRow:
    id: int
    code: str
    name: str
    site_id: int
    site_name: str
    active: bool
    department: str = ""
    room_id: int | None = None


def list_storerooms(db: Database) -> list[StoreroomRow]:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT w.id, w.code, w.name, w.site_id, s.name AS site_name, w.active, "
                    "w.department, w.room_id FROM warehouse_storeroom w "
                    "JOIN site s ON s.id = w.site_id ORDER BY w.code")
        return sql.fetch_as(StoreroomRow, active=bool, department=sql.text)


# One row per article, its fields as declared in domain.warehouse.ARTICLE; ``notes`` is
# read by get_article only (the edit form), the lists leave it empty.
_LISTED = tuple(f for f in rules.ARTICLE.columns if f.name != "notes")
ArticleRow = row_class("ArticleRow", [(f.name, f.py_type) for f in _LISTED]
                       + [("notes", str, "")])
_ARTICLE_COLS = ", ".join(f.name for f in _LISTED)
_FLAGS = {f.name: bool for f in _LISTED if f.kind == "bool"}   # 0/1 on SQLite


def list_article_rows(db: Database, *, dpi_only: bool = False) -> list[ArticleRow]:
    where = " WHERE is_dpi = ?" if dpi_only else ""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(f"SELECT {_ARTICLE_COLS} FROM warehouse_article{where} ORDER BY code",
                    (True,) if dpi_only else ())
        return sql.fetch_as(ArticleRow, **_FLAGS)


def article_by_code(db: Database, code: str) -> ArticleRow | None:
    """What the barcode reader typed -> the article (codes are kept upper case)."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        return sql.first_as(ArticleRow, f"SELECT {_ARTICLE_COLS} FROM warehouse_article "
                            "WHERE code = ?", ((code or "").strip().upper(),), **_FLAGS)


def get_article(db: Database, article_id: int) -> ArticleRow | None:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        return sql.first_as(ArticleRow, f"SELECT {_ARTICLE_COLS}, notes FROM warehouse_article "
                            "WHERE id = ?", (article_id,), **_FLAGS, notes=sql.text)


def list_articles(db: Database, storeroom_id: int | None = None) -> tuple[list[tuple], list[int]]:
    """Grid rows, plain tuples in the order of ``ARTICLE_GRID`` (stock and minimum in
    thousandths, value in cents), and the article ids. Stock and value come from the balance
    rows (one row per article and storeroom), not from the journal.

    With ``storeroom_id`` stock and value are that storeroom's; the scorta minima is of the
    whole school (as on the start page), so the flag compares it with the stock of all
    storerooms together."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT article_id, storeroom_id, quantity, value_cents "
                    "FROM warehouse_balance")
        stock: dict[int, tuple[int, int]] = {}
        total: dict[int, int] = {}
        for a, store, q, v in sql.cursor.fetchall():
            total[a] = total.get(a, 0) + q
            if storeroom_id is None or store == storeroom_id:
                q0, v0 = stock.get(a, (0, 0))
                stock[a] = (q0 + q, v0 + v)
        sql.execute(f"SELECT {_ARTICLE_COLS} FROM warehouse_article ORDER BY code")
        articles = sql.fetch_as(ArticleRow, **_FLAGS)
    rows, ids = [], []
    for a in articles:
        q, v = stock.get(a.id, (0, 0))
        if not a.active and not q:
            continue
        cells = {"code": a.code, "description": a.description, "category": a.category,
                 "unit": a.unit, "stock": int(q), "minimum": int(a.min_stock), "value": int(v),
                 "alert": "sotto scorta" if a.min_stock and total.get(a.id, 0) < a.min_stock
                 else "",
                 "kind": "DPI" if a.is_dpi else ("a lotti" if a.tracks_lots else "")}
        rows.append(tuple(cells[name] for name, _title in rules.ARTICLE_GRID))
        ids.append(a.id)
    return rows, ids


def articles_moved(db: Database, start: date | None, end: date | None,
                   storeroom_id: int | None = None) -> set[int]:
    """The articles with a movement line dated in [start, end] (either end open), in the
    storeroom if given: the period filter of the Magazzino grid."""
    where, params = [], []
    if start is not None:
        where.append("movement_date >= ?")
        params.append(start)
    if end is not None:
        where.append("movement_date <= ?")
        params.append(end)
    if storeroom_id is not None:
        where.append("storeroom_id = ?")
        params.append(storeroom_id)
    sql_text = ("SELECT DISTINCT article_id FROM warehouse_movement_line"
                + (" WHERE " + " AND ".join(where) if where else ""))
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text, tuple(params))
        return {r[0] for r in sql.cursor.fetchall()}


def stock_of(db: Database, article_id: int, storeroom_id: int) -> int:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        r = sql.first("SELECT quantity FROM warehouse_balance WHERE article_id = ? AND "
                      "storeroom_id = ?", (article_id, storeroom_id))
    return int(r[0]) if r else 0


def stock_by_storeroom(db: Database, storeroom_id: int) -> dict[int, int]:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT article_id, quantity FROM warehouse_balance WHERE storeroom_id = ?",
                    (storeroom_id,))
        return {a: int(q) for a, q in sql.cursor.fetchall()}


# --- scheda di magazzino ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SchedaRow:
    day: date
    number: int
    year: int
    kind: str
    description: str
    storeroom: str
    quantity_in: int
    quantity_out: int
    value: int              # cents, signed
    balance: int            # running stock (thousandths)
    balance_value: int      # running value (cents)
    annulled: bool


@dataclass(frozen=True)
class Scheda:
    article: ArticleRow
    start: date
    end: date
    storeroom: str
    opening: tuple[int, int]       # stock, value before ``start``
    rows: list[SchedaRow]
    closing: tuple[int, int]


_SCHEDA = (
    "SELECT l.movement_date, e.number, e.year, m.kind, e.description, w.code, l.quantity, "
    "l.value_cents, x.id FROM warehouse_movement_line l "
    "JOIN warehouse_movement m ON m.id = l.movement_id "
    "JOIN register_entry e ON e.id = m.entry_id "
    "LEFT JOIN register_entry x ON x.annuls_id = e.id "     # unique index: annulled or not
    "JOIN warehouse_storeroom w ON w.id = l.storeroom_id "
    "WHERE l.article_id = ? {store}AND l.movement_date <= ? "
    "ORDER BY l.movement_date, l.movement_id, l.line_no")


def scheda(db: Database, article_id: int, start: date, end: date,
           storeroom_id: int | None = None) -> Scheda:
    """Opening stock, each movement with the running balance, closing stock: per article,
    in one storeroom or all of them (a transfer then shows both sides)."""
    store = "AND l.storeroom_id = ? " if storeroom_id else ""
    params = (article_id, storeroom_id, end) if storeroom_id else (article_id, end)
    with _sql(db) as conn, DriverSQL(conn) as sql:
        article = sql.first_as(ArticleRow, f"SELECT {_ARTICLE_COLS} FROM warehouse_article "
                               "WHERE id = ?", (article_id,), **_FLAGS)
        if article is None:
            from ..domain.errors import DomainError
            raise DomainError("Articolo inesistente.")
        sql.execute(_SCHEDA.format(store=store), params)
        fetched = sql.cursor.fetchall()
        name = "tutti i magazzini"
        if storeroom_id:
            r = sql.first("SELECT name FROM warehouse_storeroom WHERE id = ?", (storeroom_id,))
            name = r[0] if r else "?"
        to_date = sql.to_date
    q = v = 0
    rows = []
    opening = (0, 0)
    start_iso = start if not isinstance(fetched[0][0] if fetched else None, str) else \
        start.isoformat()
    for day, number, year, kind, text, code, qty, value, annulled_by in fetched:
        q += qty
        v += value
        if day < start_iso:
            opening = (q, v)
            continue
        rows.append(SchedaRow(to_date(day), number, year, kind, text, code,
                              qty if qty > 0 else 0, -qty if qty < 0 else 0, value, q, v,
                              annulled_by is not None))
    return Scheda(article, start, end, name, opening, rows, (q, v))


# --- stock and value at a date ---------------------------------------------------------------

_STOCK_AT = ("SELECT article_id, SUM(quantity), SUM(value_cents) FROM warehouse_movement_line "
             "WHERE storeroom_id = ? AND movement_date <= ? GROUP BY article_id")


@dataclass(frozen=True, slots=True)
class StockRow:
    article_id: int
    code: str
    description: str
    category: str
    unit: str
    quantity: int           # thousandths
    value: int              # cents
    average_cost: Decimal   # euro per unit


def stock_at(db: Database, storeroom_id: int, at: date) -> list[StockRow]:
    """Every article with stock in the storeroom at the end of ``at``, by category and code:
    the journal summed, so a back-dated carico counts from its own date."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(_STOCK_AT, (storeroom_id, at))
        sums = sql.cursor.fetchall()
        sql.execute("SELECT id, code, description, category, unit FROM warehouse_article")
        info = {a_id: (code, text, cat, unit)
                for a_id, code, text, cat, unit in sql.cursor.fetchall()}
    out = [StockRow(article_id, *info[article_id], int(qty), int(value),
                    rules.average_cost(int(qty), int(value)))
           for article_id, qty, value in sums if qty]
    out.sort(key=lambda r: (r.category, r.code))
    return out


# --- giornale ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class JournalLine:
    code: str
    description: str
    unit: str
    storeroom: str
    quantity: int
    value: int
    lot: str


@dataclass(frozen=True)
class JournalEntry:
    movement_id: int
    number: int
    year: int
    day: date
    kind: str
    description: str
    annulled: bool
    lines: list[JournalLine]
    annulled_by: str = ""      # "n/anno" of the storno that annuls this movement
    reason: str = ""           # a storno's or a rettifica's reason


def giornale(db: Database, start: date, end: date) -> list[JournalEntry]:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(
            "SELECT m.id, e.number, e.year, m.movement_date, m.kind, e.description, e.id, "
            "m.reason FROM warehouse_movement m JOIN register_entry e ON e.id = m.entry_id "
            "WHERE m.movement_date >= ? AND m.movement_date <= ? "
            "ORDER BY e.year, e.number", (start, end))
        heads = sql.cursor.fetchall()
        sql.execute(
            "SELECT l.movement_id, a.code, a.description, a.unit, w.code, l.quantity, "
            "l.value_cents, COALESCE(t.code, '') FROM warehouse_movement_line l "
            "JOIN warehouse_article a ON a.id = l.article_id "
            "JOIN warehouse_storeroom w ON w.id = l.storeroom_id "
            "LEFT JOIN warehouse_lot t ON t.id = l.lot_id "
            "WHERE l.movement_date >= ? AND l.movement_date <= ? "
            "ORDER BY l.movement_id, l.line_no", (start, end))
        lines: dict[int, list[JournalLine]] = {}
        for mid, *rest in sql.cursor.fetchall():
            lines.setdefault(mid, []).append(JournalLine(*rest))
        sql.execute("SELECT annuls_id, number, year FROM register_entry WHERE register = ? AND "
                    "annuls_id IS NOT NULL", (rules.GIORNALE,))
        annulled = {r[0]: f"{r[1]}/{r[2]}" for r in sql.cursor.fetchall()}
        to_date = sql.to_date
    return [JournalEntry(mid, n, y, to_date(d), kind, text, eid in annulled, lines.get(mid, []),
                         annulled.get(eid, ""), reason or "")
            for mid, n, y, d, kind, text, eid, reason in heads]


# --- one movement (buono di versamento / prelevamento, ricevuta DPI) -------------------------

@dataclass(frozen=True)
class MovementDetail:
    id: int
    number: int
    year: int
    day: date
    kind: str
    description: str
    storeroom: str
    storeroom_site: str
    to_storeroom: str
    request: str
    recipient: str
    destination_kind: str
    destination: str
    supplier: str
    document_kind: str
    document_ref: str
    document_date: date | None
    funding: str
    handed_by: str
    reason: str
    annulled: bool
    lines: list[JournalLine]
    order_ref: str = ""
    impegno: str = ""


def movement_by_number(db: Database, year: int, number: int) -> MovementDetail | None:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        r = sql.first("SELECT m.id FROM warehouse_movement m JOIN register_entry e ON "
                      "e.id = m.entry_id WHERE e.register = ? AND e.year = ? AND e.number = ?",
                      (rules.GIORNALE, year, number))
    return movement_detail(db, r[0]) if r else None


def movement_detail(db: Database, movement_id: int) -> MovementDetail | None:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(
            "SELECT m.id, e.number, e.year, m.movement_date AS day, m.kind, e.description, "
            "w.name AS storeroom, s.name AS storeroom_site, "
            "COALESCE(t.name, '') AS to_storeroom, q.number AS request_number, "
            "q.year AS request_year, m.recipient, m.destination_kind, m.destination, "
            "m.supplier, m.document_kind, m.document_ref, m.document_date, m.funding, "
            "m.handed_by, m.reason, e.id AS entry_id, m.order_ref, m.impegno "
            "FROM warehouse_movement m "
            "JOIN register_entry e ON e.id = m.entry_id "
            "JOIN warehouse_storeroom w ON w.id = m.storeroom_id "
            "JOIN site s ON s.id = w.site_id "
            "LEFT JOIN warehouse_storeroom t ON t.id = m.to_storeroom_id "
            "LEFT JOIN warehouse_request q ON q.id = m.request_id WHERE m.id = ?",
            (movement_id,))
        found = sql.cursor.fetchone()
        if found is None:
            return None
        head = dict(zip(sql.columns(), found))
        sql.execute(
            "SELECT a.code, a.description, a.unit, w.code AS storeroom, l.quantity, "
            "l.value_cents AS value, COALESCE(t.code, '') AS lot "
            "FROM warehouse_movement_line l "
            "JOIN warehouse_article a ON a.id = l.article_id "
            "JOIN warehouse_storeroom w ON w.id = l.storeroom_id "
            "LEFT JOIN warehouse_lot t ON t.id = l.lot_id WHERE l.movement_id = ? "
            "ORDER BY l.line_no", (movement_id,))
        lines = sql.fetch_as(JournalLine)
        annulled = sql.first("SELECT 1 FROM register_entry WHERE annuls_id = ?",
                             (head["entry_id"],))
        to_date = sql.to_date
    number, year = head.pop("request_number"), head.pop("request_year")
    del head["entry_id"]
    head.update(day=to_date(head["day"]), document_date=to_date(head["document_date"]),
                order_ref=head["order_ref"] or "", impegno=head["impegno"] or "")
    return MovementDetail(**head, request=f"{number}/{year}" if number else "",
                          annulled=annulled is not None, lines=lines)


@dataclass(frozen=True, slots=True)
class MovementListRow:
    id: int
    number: int
    year: int
    day: date
    kind: str
    description: str


def list_movements(db: Database, year: int | None = None) -> list[MovementListRow]:
    """The movements newest first, for pick lists."""
    where, params = ("WHERE e.year = ? ", (year,)) if year else ("", ())
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT m.id, e.number, e.year, m.movement_date AS day, m.kind, "
                    "e.description FROM warehouse_movement m JOIN register_entry e "
                    f"ON e.id = m.entry_id {where}ORDER BY e.year DESC, e.number DESC", params)
        return sql.fetch_as(MovementListRow, day=sql.to_date)


# --- requests ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RequestRow:
    id: int
    ref: str                # "n/anno"
    requested_on: date
    requester: str
    destination: str
    status: str
    lines: int


def list_requests(db: Database, states: tuple[str, ...] = ()) -> list[RequestRow]:
    """The material requests newest first (only those in ``states`` if given)."""
    where = f"WHERE r.status IN ({', '.join('?' * len(states))}) " if states else ""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT r.id, r.number, r.year, r.requested_on, r.requester, r.destination, "
                    "r.status, (SELECT count(*) FROM warehouse_request_line x "
                    "WHERE x.request_id = r.id) FROM warehouse_request r "
                    f"{where}ORDER BY r.year DESC, r.number DESC", states)
        return [RequestRow(i, f"{n}/{y}", sql.to_date(d), who, dest, st, cnt)
                for i, n, y, d, who, dest, st, cnt in sql.cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class RequestLineRow:
    article_id: int
    code: str
    description: str
    unit: str
    requested: int          # thousandths
    approved: int | None    # None until the DSGA decides
    delivered: int


def request_lines(db: Database, request_id: int) -> list[RequestLineRow]:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT a.id AS article_id, a.code, a.description, a.unit, l.requested, "
                    "l.approved, l.delivered FROM warehouse_request_line l "
                    "JOIN warehouse_article a ON a.id = l.article_id WHERE l.request_id = ? "
                    "ORDER BY l.line_no", (request_id,))
        return sql.fetch_as(RequestLineRow)


def request_storeroom(db: Database, request_id: int) -> int | None:
    with _sql(db) as conn, DriverSQL(conn) as sql:
        r = sql.first("SELECT storeroom_id FROM warehouse_request WHERE id = ?", (request_id,))
    return r[0] if r else None


# --- consumption and DPI ------------------------------------------------------------------------

_CONSUMED = ("SELECT {key}, SUM(-l.value_cents), COUNT(DISTINCT CASE WHEN m.kind <> 'storno' "
             "AND NOT EXISTS (SELECT 1 FROM warehouse_movement x WHERE x.annuls_movement_id "
             "= m.id) THEN m.id END) "
             "FROM warehouse_movement_line l JOIN warehouse_movement m ON m.id = l.movement_id "
             "LEFT JOIN warehouse_movement o ON o.id = m.annuls_movement_id "
             "LEFT JOIN site s ON s.id = COALESCE(m.destination_site_id, o.destination_site_id) "
             "WHERE l.movement_date >= ? AND l.movement_date <= ? AND "
             "(m.kind IN ('scarico', 'dpi') OR (m.kind = 'storno' AND o.kind IN "
             "('scarico', 'dpi'))) GROUP BY {key}")


@dataclass(frozen=True, slots=True)
class ConsumptionRow:
    destination: str        # office, laboratory or person; or plesso
    value: int              # cents consumed
    movements: int          # buoni in force


def consumption(db: Database, start: date, end: date, per: str = "ufficio"
                ) -> list[ConsumptionRow]:
    """Value consumed per destination in the period, largest first.
    ``per`` "ufficio": by office, laboratory or person's office as written on the buono;
    "plesso": by plesso. Storni of scarichi count back; the buoni counted are those still
    in force (neither storni nor annulled)."""
    key = ("COALESCE(s.name, '—')" if per == "plesso" else
           "COALESCE(o.destination, m.destination)")
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(_CONSUMED.format(key=key), (start, end))
        rows = [ConsumptionRow(name or "—", int(v or 0), n)
                for name, v, n in sql.cursor.fetchall()]
    return sorted([r for r in rows if r.value or r.movements],
                  key=lambda r: (-r.value, r.destination))


@dataclass(frozen=True, slots=True)
class DpiRow:
    site: str
    code: str
    description: str
    unit: str
    quantity: int           # thousandths handed out
    recipients: int


def dpi_summary(db: Database, start: date, end: date) -> list[DpiRow]:
    """Per plesso and DPI article, what was handed out in the period and to how many people
    (for the monitoraggi of the Ministry)."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(
            "SELECT COALESCE(s.name, '—'), a.code, a.description, a.unit, SUM(-l.quantity), "
            "COUNT(DISTINCT m.recipient) FROM warehouse_movement_line l "
            "JOIN warehouse_movement m ON m.id = l.movement_id "
            "JOIN warehouse_article a ON a.id = l.article_id "
            "LEFT JOIN site s ON s.id = m.destination_site_id "
            "WHERE m.kind = 'dpi' AND l.movement_date >= ? AND l.movement_date <= ? "
            "AND NOT EXISTS (SELECT 1 FROM warehouse_movement x WHERE x.annuls_movement_id = m.id) "
            "GROUP BY s.name, a.code, a.description, a.unit ORDER BY 1, 2", (start, end))
        return [DpiRow(p, c, d, u, int(q), int(n)) for p, c, d, u, q, n in sql.cursor.fetchall()]


def dpi_receipts(db: Database, start: date, end: date) -> int:
    """Ricevute di consegna DPI in force in the period (one per recipient and day)."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        r = sql.first("SELECT COUNT(*) FROM warehouse_movement m WHERE m.kind = 'dpi' AND "
                      "m.movement_date >= ? AND m.movement_date <= ? AND NOT EXISTS (SELECT 1 "
                      "FROM warehouse_movement x WHERE x.annuls_movement_id = m.id)",
                      (start, end))
    return int(r[0])


@dataclass(frozen=True, slots=True)
class LotStockRow:
    code: str               # the article's
    description: str
    unit: str
    lot: str
    expiry: date | None
    quantity: int


def lots_at(db: Database, storeroom_id: int, at: date) -> list[LotStockRow]:
    """The lots with stock in the storeroom at the end of ``at``, first expiring first."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT a.code, a.description, a.unit, t.code, t.expiry, SUM(l.quantity) "
                    "FROM warehouse_movement_line l JOIN warehouse_lot t ON t.id = l.lot_id "
                    "JOIN warehouse_article a ON a.id = l.article_id "
                    "WHERE l.storeroom_id = ? AND l.movement_date <= ? "
                    "GROUP BY a.code, a.description, a.unit, t.code, t.expiry "
                    "HAVING SUM(l.quantity) > 0 ORDER BY t.expiry, a.code", (storeroom_id, at))
        return [LotStockRow(c, d, u, t, sql.to_date(e), int(n)) for c, d, u, t, e, n in
                sql.cursor.fetchall()]


# --- start page ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class WarehouseAlert:
    when: date | None
    kind: str
    title: str
    detail: str
    level: str


def alerts(db: Database, today: date) -> list[WarehouseAlert]:
    """Articles under minimum stock (all storerooms together), lots in stock expiring within
    30 days (or expired), requests waiting for the DSGA."""
    out: list[WarehouseAlert] = []
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT a.code, a.description, a.unit, a.min_stock, "
                    "COALESCE(SUM(b.quantity), 0) FROM warehouse_article a "
                    "LEFT JOIN warehouse_balance b ON b.article_id = a.id "
                    "WHERE a.active = ? AND a.min_stock > 0 "
                    "GROUP BY a.id, a.code, a.description, a.unit, a.min_stock "
                    "HAVING COALESCE(SUM(b.quantity), 0) < a.min_stock ORDER BY a.code", (True,))
        under = sql.cursor.fetchall()
        horizon = today + timedelta(days=rules.EXPIRY_WARNING_DAYS)
        sql.execute("SELECT a.description, t.code, t.expiry, w.name, SUM(l.quantity), a.unit "
                    "FROM warehouse_lot t JOIN warehouse_article a ON a.id = t.article_id "
                    "JOIN warehouse_movement_line l ON l.lot_id = t.id "
                    "JOIN warehouse_storeroom w ON w.id = l.storeroom_id "
                    "WHERE t.expiry IS NOT NULL AND t.expiry <= ? "
                    "GROUP BY a.description, t.code, t.expiry, w.name, a.unit "
                    "HAVING SUM(l.quantity) > 0 ORDER BY t.expiry", (horizon,))
        lots = sql.cursor.fetchall()
        sql.execute("SELECT number, year, requested_on, requester, destination "
                    "FROM warehouse_request WHERE status = 'presentata' ORDER BY requested_on")
        waiting = sql.cursor.fetchall()
        to_date = sql.to_date
    if under:
        names = ", ".join(f"{text} ({rules.format_quantity(int(q), unit)} su "
                          f"{rules.format_quantity(int(m), unit)})"
                          for _c, text, unit, m, q in under[:5])
        more = f" e altri {len(under) - 5}" if len(under) > 5 else ""
        out.append(WarehouseAlert(None, "magazzino",
                                  f"Magazzino: {len(under)} "
                                  + ("articolo" if len(under) == 1 else "articoli")
                                  + " sotto la scorta minima",
                                  names + more, "warning"))
    for text, lot, expiry, store, qty, unit in lots:
        day = to_date(expiry)
        state = "scaduto" if day < today else "in scadenza"
        out.append(WarehouseAlert(day, "magazzino", f"Lotto {lot} {state}: {text}",
                                  f"{store}: {rules.format_quantity(int(qty), unit)} in giacenza, "
                                  f"scadenza {day:%d/%m/%Y}", "warning"))
    if waiting:
        first = to_date(waiting[0][2])
        detail = "; ".join(f"n. {n}/{y} di {who} ({dest})" for n, y, _d, who, dest in waiting[:4])
        out.append(WarehouseAlert(first, "magazzino",
                                  f"{len(waiting)} "
                                  + ("richiesta" if len(waiting) == 1 else "richieste")
                                  + " di materiale da approvare",
                                  detail + (" …" if len(waiting) > 4 else ""),
                                  "warning" if (today - first).days > 7 else "info"))
    return out


def home_items(db: Database, today: date) -> list:
    """The warehouse's alerts as start-page items."""
    from .home import HomeItem

    return [HomeItem(a.when, a.kind, a.title, a.detail, a.level) for a in alerts(db, today)]


def register_values(db: Database, register: str) -> dict[int, tuple[str, int]]:
    """The value of each movement of the giornale, by register entry: (kind, cents), as the
    buoni print it (the value moved, at the weighted average cost for a withdrawal; a
    rettifica keeps its sign). The generic register print of the giornale reads it: without
    it, withdrawals had no amount and the total counted only carichi."""
    if register != rules.GIORNALE:
        return {}
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute(
            "SELECT m.entry_id, m.kind, l.quantity, l.value_cents FROM warehouse_movement m "
            "LEFT JOIN warehouse_movement_line l ON l.movement_id = m.id "
            "WHERE m.entry_id IS NOT NULL ORDER BY m.entry_id")
        rows = sql.cursor.fetchall()
    kinds: dict[int, str] = {}
    lines: dict[int, list[tuple[int, int]]] = {}
    for entry_id, kind, quantity, cents in rows:
        kinds[entry_id] = kind
        if quantity is not None:
            lines.setdefault(entry_id, []).append((int(quantity), int(cents or 0)))
    out = {}
    for entry_id, kind in kinds.items():
        mine = lines.get(entry_id, [])
        if kind == "trasferimento":
            value = sum(-c for qn, c in mine if qn < 0)
        elif kind == "rettifica":
            value = sum(c for _q, c in mine)
        else:
            value = abs(sum(c for _q, c in mine))
        out[entry_id] = (kind, value)
    return out


@dataclass(frozen=True)
class StockReconciliation:
    """Esistenza iniziale + carichi − scarichi = esistenza finale of a storeroom, in cents."""
    start: date                # the esistenza iniziale is at the end of the day before
    end: date
    opening: int
    increases: int             # lines that add value: versamenti, transfers in, rettifiche +
    decreases: int             # lines that take value out, as a positive number
    closing: int


def stock_reconciliation(db: Database, storeroom_id: int, start: date,
                         end: date) -> StockReconciliation:
    """The storeroom's value from its journal: what it held before ``start``, what came in and
    went out from ``start`` to ``end``, what it holds at the end of ``end``."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        row = sql.first(
            "SELECT COALESCE(SUM(CASE WHEN movement_date < ? THEN value_cents END), 0), "
            "COALESCE(SUM(CASE WHEN movement_date >= ? AND value_cents > 0 "
            "THEN value_cents END), 0), "
            "COALESCE(SUM(CASE WHEN movement_date >= ? AND value_cents < 0 "
            "THEN -value_cents END), 0), COALESCE(SUM(value_cents), 0) "
            "FROM warehouse_movement_line WHERE storeroom_id = ? AND movement_date <= ?",
            (start, start, start, storeroom_id, end))
    opening, plus, minus, closing = (int(v) for v in row)
    return StockReconciliation(start, end, opening, plus, minus, closing)


@dataclass(frozen=True, slots=True)
class DueLine:
    code: str
    description: str
    unit: str
    wanted: int          # milli: approved (or requested, while not decided)
    delivered: int       # milli: delivered by the movements up to this one, included
    due: int             # milli: still to deliver after this movement (never below zero)


def request_due_at(db: Database, movement_id: int) -> list[DueLine]:
    """What the request of a movement still wanted after that movement: per line, approved
    (or requested) minus what the giornale delivered up to that movement, included (later
    deliveries do not count: a buono printed again says what it said on its day)."""
    with _sql(db) as conn, DriverSQL(conn) as sql:
        head = sql.first("SELECT m.request_id, e.year, e.number FROM warehouse_movement m "
                         "JOIN register_entry e ON e.id = m.entry_id WHERE m.id = ?",
                         (movement_id,))
        if head is None or head[0] is None:
            return []
        request_id, year, number = head
        sql.execute(
            "SELECT a.code, a.description, a.unit, COALESCE(rl.approved, rl.requested), "
            "COALESCE((SELECT -sum(l.quantity) FROM warehouse_movement_line l "
            "JOIN warehouse_movement m ON m.id = l.movement_id "
            "JOIN register_entry e ON e.id = m.entry_id WHERE l.request_line_id = rl.id "
            "AND (e.year < ? OR (e.year = ? AND e.number <= ?))), 0) "
            "FROM warehouse_request_line rl JOIN warehouse_article a ON a.id = rl.article_id "
            "WHERE rl.request_id = ? ORDER BY rl.line_no", (year, year, number, request_id))
        rows = sql.cursor.fetchall()
    return [DueLine(code, text, unit, int(wanted or 0), int(done or 0),
                    max(0, int(wanted or 0) - int(done or 0)))
            for code, text, unit, wanted, done in rows]


@dataclass(frozen=True, slots=True)
class ArticleLot:
    lot: str
    expiry: date | None
    storeroom: str
    quantity: int           # milli


def article_lots_at(db: Database, article_id: int, at: date,
                    storeroom_id: int | None = None) -> list[ArticleLot]:
    """The lots of one article with stock at the end of ``at`` (in one storeroom or each),
    first expiring first: what the scheda shows under the movements."""
    store = "AND l.storeroom_id = ? " if storeroom_id else ""
    params = (article_id, at, storeroom_id) if storeroom_id else (article_id, at)
    with _sql(db) as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT t.code, t.expiry, w.name, SUM(l.quantity) "
                    "FROM warehouse_movement_line l JOIN warehouse_lot t ON t.id = l.lot_id "
                    "JOIN warehouse_storeroom w ON w.id = l.storeroom_id "
                    "WHERE l.article_id = ? AND l.movement_date <= ? " + store +
                    "GROUP BY t.code, t.expiry, w.name HAVING SUM(l.quantity) > 0 "
                    "ORDER BY t.expiry, t.code, w.name", params)
        return [ArticleLot(c, sql.to_date(e), w, int(n)) for c, e, w, n in
                sql.cursor.fetchall()]
