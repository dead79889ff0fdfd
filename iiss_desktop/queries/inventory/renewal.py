"""Read side of the rinnovo: the map old number -> new number of a register."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.errors import DomainError
from ...domain.inventory.registers import REGISTERS, SHORT_NAMES, base_of, short_name


@dataclass(frozen=True)
class RenewalLine:
    old_number: int
    new_number: int
    description: str
    old_value: int       # cents
    new_value: int


@dataclass(frozen=True)
class RenewalMap:
    old_code: str
    new_code: str
    renewed_on: date
    decree_number: str
    decree_date: date | None
    commission: str
    lines: list[RenewalLine]

    @property
    def old_total(self) -> int:
        return sum(x.old_value for x in self.lines)

    @property
    def new_total(self) -> int:
        return sum(x.new_value for x in self.lines)


_MAP = ("SELECT o.register, o.number, n.register, n.number, e.description, m.old_value, "
        "m.new_value, ser.code, ser.opened_on, ser.decree_number, ser.decree_date, "
        "ser.commission FROM inventory_renewal_map m "
        "JOIN inventory_series ser ON ser.id = m.series_id "
        "JOIN inventory_item o ON o.id = m.old_item_id "
        "JOIN inventory_item n ON n.id = m.new_item_id "
        "JOIN register_entry e ON e.id = n.entry_id ")


def renewal_map(db: Database, register: str) -> RenewalMap:
    """The rinnovo that opened series ``register`` or, for a series it closed, the one that
    followed it. Raises DomainError if no rinnovo touched that register."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_MAP + "WHERE ser.code = ? ORDER BY n.number", (register,))
        rows = sql.cursor.fetchall()
        if not rows:
            sql.execute(_MAP + "WHERE o.register = ? ORDER BY n.number", (register,))
            rows = sql.cursor.fetchall()
        to_date = sql.to_date
    if not rows:
        # "beni durevoli", not the code «inv-durevoli» (the short names cover that register too).
        name = short_name(register) if base_of(register) in SHORT_NAMES else register
        raise DomainError(f"Nessun rinnovo registrato per l'inventario «{name}».")
    first = rows[0]
    lines = [RenewalLine(on, nn, text, int(ov), int(nv))
             for _or, on, _nr, nn, text, ov, nv, *_ in rows]
    return RenewalMap(first[0], first[2], to_date(first[8]), first[9] or "",
                      to_date(first[10]) if first[10] else None, first[11] or "", lines)


def renewable_registers(db: Database) -> list[tuple[str, str]]:
    """(base, "beni mobili – serie in uso: …") for the rinnovo form."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT base, code FROM inventory_series WHERE closed_on IS NULL")
        open_codes = dict(sql.cursor.fetchall())
    return [(base, f"{short_name(base)} – serie in uso: {short_name(open_codes.get(base, base))}")
            for base in REGISTERS]


def renewals(db: Database) -> list[tuple[str, str]]:
    """(series code, label) of every series opened by a rinnovo, newest first."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT code, opened_on FROM inventory_series WHERE decree_number != '' "
                    "ORDER BY opened_on DESC, code")
        return [(code, f"{short_name(code)} – dal {sql.to_date(day):%d/%m/%Y}")
                for code, day in sql.cursor.fetchall()]
