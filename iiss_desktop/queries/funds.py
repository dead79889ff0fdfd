"""Fondi: the availability of a destination (D.I. 129/2018 art. 15: an impegno only within the
specific appropriation), recomputed from the records, never stored:

    definitive appropriation = initial forecast + variations
    available                = definitive appropriation − impegni

``availability_in`` runs on the caller's session: a service that commits spending calls it
under the write gate, in the same transaction as the impegno it writes (docs/ARCHITECTURE.md,
«Concurrency»), so two PCs cannot both see the same remainder.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.errors import DomainError
from ..domain.money import from_cents

_SUMS = text(
    "SELECT "
    "(SELECT COALESCE(SUM(amount), 0) FROM funds_spending_forecast "
    " WHERE programme_id = :p AND destination_id = :d), "
    "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l JOIN funds_variation v "
    " ON v.id = l.variation_id WHERE v.programme_id = :p AND l.destination_id = :d "
    " AND l.side = 'U'), "
    "(SELECT COALESCE(SUM(amount), 0) FROM funds_commitment "
    " WHERE programme_id = :p AND destination_id = :d)")


@dataclass(frozen=True)
class Availability:
    code: str
    forecast: Decimal       # initial forecast of the Programma Annuale
    variations: Decimal     # sum of the variations (signed)
    committed: Decimal      # impegni

    @property
    def definitive(self) -> Decimal:
        return self.forecast + self.variations

    @property
    def available(self) -> Decimal:
        return self.definitive - self.committed


def availability_in(s, programme_id: int, destination_id: int, code: str = "") -> Availability:
    forecast, variations, committed = s.execute(
        _SUMS, {"p": programme_id, "d": destination_id}).one()
    return Availability(code, from_cents(forecast), from_cents(variations), from_cents(committed))


def availability(db: Database, year: int, code: str) -> Availability:
    """The availability of destination ``code`` in the Programma Annuale of ``year`` (a plain
    read, for the screen: the decisive check is the one made under the gate)."""
    with read_session(db) as s:
        row = s.execute(text(
            "SELECT p.id, d.id FROM funds_programme p, funds_destination d "
            "WHERE p.year = :y AND d.code = :c"), {"y": year, "c": code}).first()
        if row is None:
            raise DomainError(f"Programma Annuale {year} o destinazione «{code}» inesistente.")
        return availability_in(s, row[0], row[1], code)


_ALL = text(
    "SELECT d.code, d.name, "
    "(SELECT COALESCE(SUM(f.amount), 0) FROM funds_spending_forecast f "
    " WHERE f.programme_id = p.id AND f.destination_id = d.id), "
    "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l JOIN funds_variation v "
    " ON v.id = l.variation_id WHERE v.programme_id = p.id AND l.destination_id = d.id "
    " AND l.side = 'U'), "
    "(SELECT COALESCE(SUM(c.amount), 0) FROM funds_commitment c "
    " WHERE c.programme_id = p.id AND c.destination_id = d.id) "
    "FROM funds_programme p, funds_destination d WHERE p.year = :y ORDER BY d.code")


def availabilities(db: Database, year: int) -> list[tuple[str, Availability]]:
    """(name, availability) of every destination with a forecast, a variation or an impegno
    in ``year``, in code order: the figures of the Fondi tab."""
    with read_session(db) as s:
        out = []
        for code, name, forecast, varied, committed in s.execute(_ALL, {"y": year}):
            if forecast or varied or committed:
                out.append((name, Availability(code, from_cents(forecast), from_cents(varied),
                                               from_cents(committed))))
        return out


@dataclass(frozen=True)
class ChartRow:
    kind: str           # "entrata", "destinazione", "tipo"
    code: str
    name: str
    confirmed: bool     # False: a default of the program, to be checked [U]
    active: bool


def chart_rows(db: Database) -> list[ChartRow]:
    """The chart of accounts as stored (the school may rename the unconfirmed defaults)."""
    with read_session(db) as s:
        rows = []
        for kind, table in (("entrata", "funds_revenue_item"),
                            ("destinazione", "funds_destination"),
                            ("tipo", "funds_spending_type")):
            rows.extend(ChartRow(kind, code, name, bool(confirmed), bool(active))
                        for code, name, confirmed, active in s.execute(text(
                            f"SELECT code, name, confirmed, active FROM {table} ORDER BY code")))
        return rows
