"""Values of the goods at a date: value of carico and current value after ammortamento.

The goods counted are those of the consistenza at the date (queries/consistenza.py): taken in
charge by then and not yet discharged or carried to a new series by a rinnovo.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.inventory import valuation as rules
from ...domain.inventory.registers import register_title, short_name
from ...domain.money import from_cents, to_cents
from .consistenza import inventory_registers, load_goods


@dataclass(frozen=True)
class ItemValue:
    id: int
    register: str
    number: int
    description: str
    category: str
    carico_date: date
    value: int               # cents, at carico
    rate: Decimal | None     # None: not depreciated (see note)
    years: int
    current: int             # cents at the date
    note: str                # why the value is unchanged, if it is


@dataclass(frozen=True)
class RegisterValue:
    code: str
    title: str
    name: str
    count: int
    value: int               # cents, sum of the values of carico
    current: int             # cents at the date
    without_rate: int        # goods whose category has no rate
    note: str                # why the register is not depreciated, if it is not


def rate_table(db: Database) -> dict[str, Decimal]:
    """category key -> annual rate in force (the defaults while none has been saved yet)."""
    from ...domain.inventory.valuation import DEFAULT_RATES

    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT category, rate_hundredths FROM depreciation_rate")
        rows = sql.cursor.fetchall()
    if not rows:
        return {rules.category_key(c): p for c, p in DEFAULT_RATES.items()}
    return {rules.category_key(c): rules.from_hundredths(h) for c, h in rows}


def _categories(db: Database) -> dict[int, str]:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT id, category FROM inventory_item")
        return {i: c or "" for i, c in sql.cursor.fetchall()}


def _value_of(good, category: str, rates: dict[str, Decimal], at: date) -> ItemValue:
    exemption = rules.depreciation_exemption(good.register)
    rate = None if exemption else rates.get(rules.category_key(category))
    note = exemption or ("" if rate is not None else rules.NO_RATE)
    value = from_cents(good.value)
    current = rules.current_value(value, rate, good.entry_date, at, good.register)
    years = rules.full_years(good.entry_date, at)
    return ItemValue(good.id, good.register, good.number, good.description, category,
                     good.entry_date, good.value, rate, years, to_cents(current), note)


def item_values(db: Database, register: str | None = None, at: date | None = None,
                rates: dict[str, Decimal] | None = None) -> list[ItemValue]:
    """The goods in consistenza at ``at`` (of ``register``, or of every inventory), with
    their current value. ``rates``: category key -> percent (default: the rates in force)."""
    at = at or date.today()
    rates = rate_table(db) if rates is None else rates
    codes = [register] if register else [r.code for r in inventory_registers(db)]
    goods = [g for g in load_goods(db, codes) if g.in_consistenza(at)]
    categories = _categories(db)
    return [_value_of(g, categories.get(g.id, ""), rates, at) for g in goods]


def register_values(db: Database, at: date | None = None,
                    rates: dict[str, Decimal] | None = None) -> list[RegisterValue]:
    """One row per inventory (and per series opened by a rinnovo) with goods at ``at``."""
    at = at or date.today()
    values = item_values(db, None, at, rates)
    out = []
    for info in inventory_registers(db, {v.register for v in values}):
        own = [v for v in values if v.register == info.code]
        if not own:
            continue
        out.append(RegisterValue(
            info.code, register_title(info.code), short_name(info.code), len(own),
            sum(v.value for v in own), sum(v.current for v in own),
            sum(1 for v in own if v.note == rules.NO_RATE),
            rules.depreciation_exemption(info.code) or ""))
    return out


@dataclass(frozen=True)
class CategoryValue:
    category: str
    count: int
    value: int
    current: int


def category_values(db: Database, at: date | None = None,
                    rates: dict[str, Decimal] | None = None) -> dict[str, CategoryValue]:
    """category key -> goods, value of carico and current value (depreciated inventories
    only), for the rates dialog: the effect of a rate is seen at once."""
    out: dict[str, list] = {}
    for v in item_values(db, None, at, rates):
        if rules.depreciation_exemption(v.register):
            continue
        key = rules.category_key(v.category)
        row = out.setdefault(key, [v.category or "(senza categoria)", 0, 0, 0])
        row[1] += 1
        row[2] += v.value
        row[3] += v.current
    return {k: CategoryValue(*row) for k, row in out.items()}
