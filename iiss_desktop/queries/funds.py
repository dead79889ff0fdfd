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
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.errors import DomainError
from ..domain.funds import rules
from ..domain.money import format_money, from_cents

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


def home_items(db: Database, today: date) -> list:
    """The Fondi alerts on the start page, once the area is in use (a Programma Annuale
    exists): this year's PA not approved (gestione provvisoria, art. 6); the earmarked funds
    whose deadline for use or for reporting is near. The yearly dates of the PA and of the
    conto consuntivo (art. 5, 23) are already among the deadlines of every year
    (domain/deadlines.py)."""
    from .home import HomeItem

    with read_session(db) as s:
        states = dict(s.execute(text("SELECT year, state FROM funds_programme")).all())
        if not states:
            return []
        funds = s.execute(text(
            "SELECT f.name, f.use_by, f.report_by, f.amount, COALESCE(SUM(c.amount), 0) "
            "FROM funds_earmarked f JOIN funds_programme p ON p.id = f.programme_id "
            "LEFT JOIN funds_commitment c ON c.earmarked_id = f.id "
            "WHERE p.year = :y GROUP BY f.id, f.name, f.use_by, f.report_by, f.amount "
            "ORDER BY f.use_by"), {"y": today.year}).all()
    items = []
    if states.get(today.year) not in (None, "deliberato"):
        items.append(HomeItem(None, "avviso", f"Programma Annuale {today.year} non deliberato",
                              "Gestione provvisoria (art. 6): impegni nei limiti di un "
                              "dodicesimo per mese degli stanziamenti definitivi dell'anno "
                              "precedente; comunicarla all'Ufficio scolastico regionale.",
                              "warning"))
    ahead = rules.FUND_WARNING_DAYS
    for name, use_by, report_by, amount, committed in funds:
        use_by = _day(use_by)
        report_by = _day(report_by) if report_by else None
        left = from_cents(amount) - from_cents(committed)
        if left > 0 and today <= use_by and (use_by - today).days <= ahead:
            items.append(HomeItem(use_by, "scadenza", f"Finanziamento «{name}»",
                                  f"Da impegnare entro il termine: restano "
                                  f"{format_money(left)}.", "warning"))
        if report_by and today <= report_by and (report_by - today).days <= ahead:
            items.append(HomeItem(report_by, "scadenza", f"Finanziamento «{name}»",
                                  "Rendicontazione al Ministero.", "info"))
    return items


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
