"""Read side of vendite/cessioni (art. 34) and of the discarico documents (art. 33)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.errors import DomainError
from ...domain.inventory import sale as rules
from ...domain.inventory.registers import item_label


@dataclass(frozen=True)
class SaleRow:
    id: int
    kind: str
    status: str
    decree_number: str
    decree_date: date | None
    items: int
    base_total: int          # cents
    offers: int
    best_offer: int | None   # cents
    published_on: date | None
    offers_deadline: date | None
    counterpart: str
    discharge_id: int | None

    @property
    def kind_title(self) -> str:
        return "Vendita" if self.kind == "vendita" else "Cessione diretta"

    @property
    def status_title(self) -> str:
        return rules.STATUSES.get(self.status, self.status)


def list_sales(db: Database) -> list[SaleRow]:
    """Every procedure, the open ones first, newest first."""
    sql_text = (
        "SELECT s.id, s.kind, s.status, s.decree_number, s.decree_date, "
        "(SELECT count(*) FROM inventory_sale_item x WHERE x.sale_id = s.id), "
        "(SELECT coalesce(sum(x.base_value), 0) FROM inventory_sale_item x "
        "WHERE x.sale_id = s.id), "
        "(SELECT count(*) FROM inventory_sale_offer o WHERE o.sale_id = s.id), "
        "(SELECT max(o.amount) FROM inventory_sale_offer o WHERE o.sale_id = s.id), "
        "s.published_on, s.offers_deadline, s.counterpart, s.discharge_id "
        "FROM inventory_sale s ORDER BY s.id DESC")
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text)
        rows = sql.cursor.fetchall()
        d = sql.to_date
    out = [SaleRow(i, kind, status, number, d(day) if day else None, n, int(base), offers,
                   int(best) if best is not None else None, d(pub) if pub else None,
                   d(dl) if dl else None, cp or "", dis)
           for i, kind, status, number, day, n, base, offers, best, pub, dl, cp, dis in rows]
    return sorted(out, key=lambda r: (r.status not in rules.OPEN, -r.id))


@dataclass(frozen=True)
class SaleGood:
    item_id: int
    label: str
    number: int
    description: str
    value: int           # cents, value of carico
    base_value: int      # cents, set by the commission


@dataclass(frozen=True)
class Offer:
    id: int
    bidder: str
    amount: int
    received_on: date


@dataclass(frozen=True)
class SaleDetail:
    row: SaleRow
    commission_report: str
    valuation_basis: str
    goods: list[SaleGood]
    offers: list[Offer]
    awarded_offer_id: int | None


def sale_detail(db: Database, sale_id: int) -> SaleDetail:
    row = next((r for r in list_sales(db) if r.id == sale_id), None)
    if row is None:
        raise DomainError(f"Procedura di vendita n. {sale_id} inesistente.")
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        head = sql.first("SELECT commission_report, valuation_basis, awarded_offer_id "
                         "FROM inventory_sale WHERE id = ?", (sale_id,))
        sql.execute("SELECT i.id, i.register, i.number, e.description, i.value, x.base_value "
                    "FROM inventory_sale_item x JOIN inventory_item i ON i.id = x.item_id "
                    "JOIN register_entry e ON e.id = i.entry_id WHERE x.sale_id = ? "
                    "ORDER BY i.register, i.number", (sale_id,))
        goods = [SaleGood(i, item_label(reg, n), n, text, int(v), int(b))
                 for i, reg, n, text, v, b in sql.cursor.fetchall()]
        sql.execute("SELECT id, bidder, amount, received_on FROM inventory_sale_offer "
                    "WHERE sale_id = ? ORDER BY received_on, id", (sale_id,))
        offers = [Offer(i, b, int(a), sql.to_date(d)) for i, b, a, d in sql.cursor.fetchall()]
    return SaleDetail(row, head[0] or "", head[1], goods, offers, head[2])


# --- Discarico documents ------------------------------------------------------------------
@dataclass(frozen=True)
class DischargedGood:
    register: str
    number: int
    description: str
    category: str
    carico_date: date
    value: int           # cents


@dataclass(frozen=True)
class DischargeDoc:
    id: int
    decree_number: str
    decree_date: date
    cause: str
    motivation: str
    reintegro: bool
    reintegro_amount: int | None
    responsible: str
    attachments: str
    goods: list[DischargedGood]
    buono_number: int | None
    buono_year: int | None
    buono_date: date | None
    sale: SaleDetail | None

    @property
    def total(self) -> int:
        return sum(g.value for g in self.goods)


_DISCHARGE = ("SELECT d.id, d.decree_number, d.decree_date, d.cause, d.motivation, d.reintegro, "
              "d.reintegro_amount, d.responsible, d.attachments, b.number, b.year, b.entry_date "
              "FROM inventory_discharge d LEFT JOIN register_entry b ON b.id = d.buono_entry_id ")


def discharge_doc(db: Database, discharge_id: int | None = None, decree_number: str | None = None,
                  decree_date: date | None = None, buono: tuple[int, int] | None = None,
                  year: int | None = None) -> DischargeDoc:
    """A discharge by id, by decree (number and date, or number and year: the latest) or by
    its buono di scarico (year, number)."""
    from ...domain.inventory.registers import BUONO_SCARICO

    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        if discharge_id is not None:
            head = sql.first(_DISCHARGE + "WHERE d.id = ?", (discharge_id,))
            what = f"Discarico {discharge_id} inesistente."
        elif buono is not None:
            head = sql.first(_DISCHARGE + "WHERE b.register = ? AND b.year = ? AND b.number = ?",
                             (BUONO_SCARICO, *buono))
            what = f"Buono di scarico n. {buono[1]}/{buono[0]} inesistente."
        elif decree_date is not None:
            head = sql.first(_DISCHARGE + "WHERE d.decree_number = ? AND d.decree_date = ? "
                             "ORDER BY d.id DESC", ((decree_number or "").strip(), decree_date))
            what = f"Nessun discarico con decreto n. {decree_number} del {decree_date:%d/%m/%Y}."
        else:
            year = year or date.today().year
            head = sql.first(_DISCHARGE + "WHERE d.decree_number = ? AND d.decree_date >= ? "
                             "AND d.decree_date <= ? ORDER BY d.decree_date DESC, d.id DESC",
                             ((decree_number or "").strip(), date(year, 1, 1),
                              date(year, 12, 31)))
            what = f"Nessun discarico con decreto n. {decree_number} nel {year}."
        if head is None:
            raise DomainError(what)
        sql.execute("SELECT i.register, i.number, e.description, i.category, e.entry_date, "
                    "i.value FROM inventory_discharge_item x "
                    "JOIN inventory_item i ON i.id = x.item_id "
                    "JOIN register_entry e ON e.id = i.entry_id WHERE x.discharge_id = ? "
                    "ORDER BY i.register, i.number", (head[0],))
        goods = [DischargedGood(r, n, t, c or "", sql.to_date(d), int(v))
                 for r, n, t, c, d, v in sql.cursor.fetchall()]
        sale = sql.first("SELECT id FROM inventory_sale WHERE discharge_id = ?", (head[0],))
        d = sql.to_date
    (id_, number, day, cause, motivation, reintegro, amount, who, attachments, b_number,
     b_year, b_date) = head
    return DischargeDoc(id_, number, d(day), cause, motivation, bool(reintegro),
                        int(amount) if amount is not None else None, who or "",
                        attachments or "", goods, b_number, b_year, d(b_date) if b_date else None,
                        sale_detail(db, sale[0]) if sale else None)


def list_discharges(db: Database) -> list[tuple[int, str]]:
    """(id, "Decreto n. 27 del 20/11/2026 – inservibilità, 1 bene") newest first."""
    from ...domain.inventory.discharge import cause_phrase

    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT d.id, d.decree_number, d.decree_date, d.cause, "
                    "(SELECT count(*) FROM inventory_discharge_item x "
                    "WHERE x.discharge_id = d.id) FROM inventory_discharge d "
                    "ORDER BY d.decree_date DESC, d.id DESC")
        return [(i, f"Decreto n. {n} del {sql.to_date(day):%d/%m/%Y} – "
                    f"{cause_phrase(c)}, {k} {'bene' if k == 1 else 'beni'}")
                for i, n, day, c, k in sql.cursor.fetchall()]
