"""Yearly summary of the inventories for the conto del patrimonio (Modello K, domain.md §1.12).

For each inventory (and series opened by a rinnovo): the consistenza at 1 January, the
increases of the year (carichi), the decreases (discharges, by date of the decree, and goods
carried to a new series by a rinnovo) and the consistenza at 31 December. Beni di terzi are
shown apart: they are not the school's patrimony (art. 31 c.4). The registro dei beni
durevoli is left out: its values are descriptive only (Linee guida).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...db.engine import Database
from ...domain.inventory.registers import DURABLE_REGISTER
from .consistenza import inventory_registers, load_goods


@dataclass(frozen=True)
class SummaryRow:
    code: str
    title: str
    opening_count: int
    opening_value: int          # cents
    increase_count: int
    increase_value: int
    decrease_count: int
    decrease_value: int
    closing_count: int
    closing_value: int
    discharged_count: int = 0   # of the decreases: by a discharge decree
    renewed_count: int = 0      # of the decreases: closed by a rinnovo


@dataclass(frozen=True)
class YearSummary:
    year: int
    patrimonio: list[SummaryRow]
    total: SummaryRow
    terzi: list[SummaryRow]
    durable_count: int          # in consistenza at 31 December, for information only


def _row(code: str, title: str, goods, year: int) -> SummaryRow:
    start, end = date(year - 1, 12, 31), date(year, 12, 31)
    opening = [g for g in goods if g.in_consistenza(start)]
    closing = [g for g in goods if g.in_consistenza(end)]
    valid = [g for g in goods if not g.annulled]
    inc = [g for g in valid if start < g.entry_date <= end]
    dec = [g for g in valid if g.out_date is not None and start < g.out_date <= end]
    return SummaryRow(code, title, len(opening), sum(g.value for g in opening), len(inc),
                      sum(g.value for g in inc), len(dec), sum(g.value for g in dec),
                      len(closing), sum(g.value for g in closing),
                      sum(g.out_cause == "scarico" for g in dec),
                      sum(g.out_cause == "rinnovo" for g in dec))


def _sum(rows: list[SummaryRow], title: str) -> SummaryRow:
    fields = ("opening_count", "opening_value", "increase_count", "increase_value",
              "decrease_count", "decrease_value", "closing_count", "closing_value",
              "discharged_count", "renewed_count")
    return SummaryRow("", title, *(sum(getattr(r, f) for r in rows) for f in fields))


def year_summary(db: Database, year: int) -> YearSummary:
    goods = load_goods(db)
    by_register: dict[str, list] = {}
    for g in goods:
        by_register.setdefault(g.register, []).append(g)
    patrimonio, terzi = [], []
    for info in inventory_registers(db, by_register):
        row = _row(info.code, info.title, by_register.get(info.code, []), year)
        (terzi if info.terzi else patrimonio).append(row)
    durable = sum(g.in_consistenza(date(year, 12, 31))
                  for g in by_register.get(DURABLE_REGISTER, []))
    return YearSummary(year, patrimonio, _sum(patrimonio, "Totale del patrimonio"), terzi,
                       durable)
