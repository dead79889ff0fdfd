"""Read side of the buono di carico: the entry and the goods it took in charge."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.errors import DomainError
from ...domain.inventory.registers import BUONO_CARICO


@dataclass(frozen=True, slots=True)
class BuonoItem:
    """A good of the buono; ``value`` in cents."""

    register: str
    number: int
    description: str
    site: str | None
    room: str | None
    value: int
    supplier: str | None
    invoice_number: str | None
    invoice_date: date | None
    funding: str | None
    owner: str | None
    impegno: str | None
    mandato: str | None
    cig: str | None
    cup: str | None
    grant_title: str | None


@dataclass(frozen=True)
class BuonoCarico:
    entry_date: date
    description: str
    items: list[BuonoItem]


def buono_carico(db: Database, anno: int, numero: int) -> BuonoCarico:
    """Buono di carico n. numero/anno with its goods in register order; raises
    :class:`DomainError` if there is no such buono."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        buono = sql.first("SELECT id, entry_date, description FROM register_entry "
                          "WHERE register = ? AND year = ? AND number = ?",
                          (BUONO_CARICO, anno, numero))
        if buono is None:
            raise DomainError(f"Buono di carico n. {numero}/{anno} inesistente.")
        buono_id, entry_date, description = buono
        sql.execute(
            "SELECT i.register, i.number, e.description, s.name AS site, r.name AS room, "
            "i.value, i.supplier, i.invoice_number, i.invoice_date, i.funding, i.owner, "
            "i.impegno, i.mandato, i.cig, i.cup, i.grant_title FROM inventory_item i "
            "JOIN register_entry e ON e.id = i.entry_id LEFT JOIN site s ON s.id = i.site_id "
            "LEFT JOIN room r ON r.id = i.room_id WHERE i.buono_entry_id = ? "
            "ORDER BY i.register, i.number", (buono_id,))
        items = sql.fetch_as(BuonoItem, invoice_date=sql.to_date)
        return BuonoCarico(sql.to_date(entry_date), description, items)
