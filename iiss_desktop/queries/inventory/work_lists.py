"""The Inventario's work lists not kept elsewhere: the buoni (di carico and di scarico) and
the decrees of discarico, as plain rows newest first. Affidamenti (queries.inventory.custody),
comodati (queries.inventory.loans), ricognizioni and sales have their own lists."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...db.driver_sql import DriverSQL
from ...db.engine import Database

BUONO_REPORTS = {"inv-buoni-carico": ("buono-carico", "Buono di carico"),
                 "inv-buoni-scarico": ("buono-scarico", "Buono di scarico")}


@dataclass(frozen=True, slots=True)
class BuonoRow:
    id: int
    register: str
    year: int
    number: int
    entry_date: date
    description: str
    amount_cents: int | None
    annulled_by: int | None      # the number of the annulment, if annulled
    protocol: str                # «Prot. n. 1234 del 05/11/2026», or ""

    @property
    def kind(self) -> str:
        return BUONO_REPORTS[self.register][1]

    @property
    def report(self) -> str:
        return BUONO_REPORTS[self.register][0]

    @property
    def state(self) -> str:
        return "annullato" if self.annulled_by else "valido"


def list_buoni(db: Database) -> list[BuonoRow]:
    """Every buono di carico and di scarico, newest first, with its annulment and protocol."""
    from ...domain.protocol import ProtocolMark

    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(
            "SELECT e.id, e.register, e.year, e.number, e.entry_date, e.description, e.amount, "
            "(SELECT a.number FROM register_entry a WHERE a.annuls_id = e.id), "
            "(SELECT p.protocol_number FROM document_protocol p WHERE p.entry_id = e.id AND "
            " NOT EXISTS (SELECT 1 FROM document_protocol r WHERE r.replaces_id = p.id)), "
            "(SELECT p.protocol_date FROM document_protocol p WHERE p.entry_id = e.id AND "
            " NOT EXISTS (SELECT 1 FROM document_protocol r WHERE r.replaces_id = p.id)) "
            "FROM register_entry e WHERE e.register IN (?, ?) AND e.annuls_id IS NULL "
            "ORDER BY e.entry_date DESC, e.register, e.number DESC", tuple(BUONO_REPORTS))
        d = sql.to_date
        return [BuonoRow(i, reg, y, n, d(day), text, amount, annulled,
                         ProtocolMark(prot, d(prot_day)).text if prot else "")
                for i, reg, y, n, day, text, amount, annulled, prot, prot_day
                in sql.cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class DecreeRow:
    id: int
    decree_number: str
    decree_date: date
    cause: str               # the words: «furto», «inservibilità»…
    goods: int
    value_cents: int
    buono: str               # «n. 3/2026», or "" while no buono di scarico is issued
    reintegro_cents: int | None

    @property
    def state(self) -> str:
        return "scaricato" if self.buono else "in attesa del buono"


def list_decrees(db: Database) -> list[DecreeRow]:
    """Every decree of discarico (art. 33), newest first, with its goods and buono."""
    from ...domain.inventory.discharge import DISCHARGE_CAUSES

    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(
            "SELECT d.id, d.decree_number, d.decree_date, d.cause, "
            "(SELECT count(*) FROM inventory_discharge_item x WHERE x.discharge_id = d.id), "
            "(SELECT coalesce(sum(i.value), 0) FROM inventory_discharge_item x JOIN "
            " inventory_item i ON i.id = x.item_id WHERE x.discharge_id = d.id), "
            "b.number, b.year, d.reintegro_amount FROM inventory_discharge d "
            "LEFT JOIN register_entry b ON b.id = d.buono_entry_id "
            "ORDER BY d.decree_date DESC, d.id DESC")
        return [DecreeRow(i, n, sql.to_date(day), DISCHARGE_CAUSES.get(c, c), k, int(v),
                          f"n. {bn}/{by}" if bn else "",
                          int(r) if r is not None else None)
                for i, n, day, c, k, v, bn, by, r in sql.cursor.fetchall()]
