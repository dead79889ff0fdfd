"""Import of the Programma Annuale of a year from a CSV or XLSX file (the program the school
used before, or a spreadsheet of the office), with a dry run that writes nothing and names
every wrong row and column (domain/funds/programme_import.py).

The forecasts go into a proposal: the PA of the year is created if missing; one already
approved, or with forecasts of its own, is refused (its forecasts change by variations, and
an import never mixes with figures typed by hand). The steps of the iter (parere dei revisori,
delibera del Consiglio) are then recorded with their dates as for any PA. The import checks
the file again inside its transaction, under the write gate, and writes every row or none."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from ...areas.funds import PROGRAMME
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import read_session, unit_of_work
from ...domain.errors import DomainError
from ...domain.funds import chart, rules
from ...domain.funds import programme_import as fmt
from ...models.funds import (
    Destination,
    Programme,
    RevenueForecast,
    RevenueItem,
    SpendingForecast,
    SpendingType,
)
from ..tabular import read_table
from .programme import new_programme_in, not_editable, write_forecasts_in


def _known(s) -> fmt.Chart:
    """The archive's chart, with the shipped one (seeded with the first PA)."""
    return fmt.Chart(
        frozenset(s.scalars(select(RevenueItem.code))) | {a.code for a in chart.REVENUE_ITEMS},
        {**{a.code: a.name for a in chart.DESTINATIONS},
         **dict(s.execute(select(Destination.code, Destination.name)).all())},
        frozenset(s.scalars(select(SpendingType.code))) | {a.code for a in chart.SPENDING_TYPES})


def _programme_problem(s, year: int) -> tuple[Programme | None, str]:
    p = s.scalar(select(Programme).where(Programme.year == year))
    if p is None:
        return None, ""
    if p.state not in rules.EDITABLE:
        return p, not_editable(p)
    has = (s.scalar(select(RevenueForecast.id).where(RevenueForecast.programme_id == p.id))
           or s.scalar(select(SpendingForecast.id).where(SpendingForecast.programme_id == p.id)))
    if has:
        return p, (f"Il Programma Annuale {year} ha già delle previsioni: l'importazione vale "
                   "per un programma nuovo o ancora senza previsioni.")
    return p, ""


def _check(s, table, year: int) -> tuple[fmt.ProgrammeCheck, Programme | None]:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("Indicare l'esercizio finanziario (anno solare) del Programma "
                          "Annuale da importare.", "year")
    p, problem = _programme_problem(s, year)
    percent = (Decimal(p.reserve_limit_bp) / 100 if p is not None
               else rules.RESERVE_LIMIT_PERCENT)
    if table.errors:
        checked = fmt.ProgrammeCheck({}, {}, {}, list(table.errors), len(table.rows))
    else:
        checked = fmt.check_rows(table.header, table.rows, known=_known(s),
                                 reserve_limit_percent=percent)
    if problem:
        checked.errors.append(fmt.FileError(problem))
    return checked, p


def _summary(path: Path, year: int, checked: fmt.ProgrammeCheck, stored: bool = False
             ) -> fmt.ImportSummary:
    zero = Decimal("0.00")
    return fmt.ImportSummary(path.name, year, checked.rows_read, checked.errors,
                             sum(checked.revenue.values(), zero),
                             sum(checked.spending.values(), zero),
                             len(checked.revenue) + len(checked.spending),
                             sorted(checked.new_destinations), stored=stored)


@requires(PROGRAMME)
def check_programme_file(db: Database, path, year: int) -> fmt.ImportSummary:
    """The dry run: read and check the whole file against the chart and the PA; write nothing."""
    path = Path(path)
    table = read_table(path)
    with read_session(db) as s:
        checked, _p = _check(s, table, year)
    return _summary(path, year, checked)


@requires(PROGRAMME)
def import_programme(db: Database, path, year: int, progress=None, cancel=None
                     ) -> fmt.ImportSummary:
    """Import every forecast of the file into the PA of ``year``, or none: a file with errors
    is refused whole and the report names them."""
    path = Path(path)
    table = read_table(path)
    with unit_of_work(db, reason=f"Programma Annuale {year}: importazione da «{path.name}»"
                      ) as s:
        # The PA's row locked before the reads that decide (its state, its forecasts); a PA
        # created meanwhile by another PC meets the unique year.
        lock_rows(s, Programme, where=Programme.year == year)
        checked, p = _check(s, table, year)
        if checked.errors:
            return _summary(path, year, checked)
        if p is None:
            p = new_programme_in(s, year, notes=f"Importato da «{path.name}».")
        for code, name in checked.new_destinations.items():
            parent = s.scalar(select(Destination).where(Destination.code
                                                        == chart.parent_of(code)))
            s.add(Destination(code=code, name=name, parent_id=parent.id, confirmed=True))
        s.flush()
        write_forecasts_in(s, p, checked.revenue, checked.spending)
        s.commit()
    return _summary(path, year, checked, stored=True)
