"""Ammortamento rates per category: seeded from the defaults, changed by the school."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ...areas.inventory import READ, RENEWAL
from ...db.access import current_principal, requires
from ...db.engine import Database
from ...db.uow import read_session, unit_of_work
from ...domain.access import allowed
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import valuation as rules
from ...domain.inventory.valuation import DEFAULT_RATES
from ...models.inventory import DepreciationRate
from ...queries.inventory.valuation import rate_table


@dataclass(frozen=True)
class Rate:
    category: str
    percent: Decimal
    is_default: bool          # the value proposed by the application (MEF scheme), unchanged


def _seed(db: Database) -> None:
    with unit_of_work(db, reason="Aliquote di ammortamento predefinite") as s:
        known = {rules.category_key(c) for c in s.execute(
            select(DepreciationRate.category)).scalars()}
        if known:
            return
        for category, percent in DEFAULT_RATES.items():
            s.add(DepreciationRate(category=category, rate_hundredths=rules.to_hundredths(percent),
                                   is_default=True))
        s.commit()


@requires(READ)
def rates(db: Database) -> list[Rate]:
    """The rates in force, by category (the defaults are written on first use)."""
    with read_session(db) as s:
        rows = s.execute(select(DepreciationRate.category, DepreciationRate.rate_hundredths,
                                DepreciationRate.is_default)
                         .order_by(DepreciationRate.category)).all()
    if not rows:
        if not allowed(current_principal(db), RENEWAL):   # shown to a reader, not written
            return [Rate(c, rules.from_hundredths(rules.to_hundredths(p)), True)
                    for c, p in sorted(DEFAULT_RATES.items())]
        _seed(db)
        return rates(db)
    return [Rate(c, rules.from_hundredths(h), bool(d)) for c, h, d in rows]


@requires(READ)
def rate_map(db: Database) -> dict[str, Decimal]:
    """category key -> percent, for computing values."""
    return rate_table(db)


def _find(s, category: str) -> DepreciationRate | None:
    key = rules.category_key(category)
    for row in s.execute(select(DepreciationRate)).scalars():
        if rules.category_key(row.category) == key:
            return row
    return None


@requires(RENEWAL)
def set_rate(db: Database, category: str, percent) -> Rate:
    """Set the annual rate of a category (a new category is added): 0 < percent <= 100."""
    name = " ".join((category or "").split())
    if not name:
        raise ValidationError({"category": "Indicare la categoria."})
    if len(name) > 80:
        raise ValidationError({"category": "La categoria supera gli 80 caratteri."})
    value = rules.check_rate(percent)
    rates(db)     # the defaults first: a new category must not hide them
    with unit_of_work(db, reason=f"Aliquota di ammortamento: {name}") as s:
        row = _find(s, name)
        if row is None:
            row = DepreciationRate(category=name, rate_hundredths=0, is_default=False)
            s.add(row)
        row.rate_hundredths = rules.to_hundredths(value)
        row.is_default = False
        result = Rate(row.category, value, False)
        s.commit()
    return result


@requires(RENEWAL)
def reset_rate(db: Database, category: str) -> Rate | None:
    """Back to the default rate; a category added by the school is removed (its goods are then
    valued without ammortamento). Returns the default rate, or None."""
    rates(db)
    defaults = {rules.category_key(c): (c, p) for c, p in DEFAULT_RATES.items()}
    with unit_of_work(db, reason=f"Aliquota predefinita: {category}") as s:
        row = _find(s, category)
        if row is None:
            raise DomainError(f"Nessuna aliquota per la categoria «{category}».")
        default = defaults.get(rules.category_key(category))
        if default is None:
            s.delete(row)
            result = None
        else:
            row.rate_hundredths = rules.to_hundredths(default[1])
            row.is_default = True
            result = Rate(row.category, default[1], True)
        s.commit()
    return result
