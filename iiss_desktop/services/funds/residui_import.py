"""Import of the residui of the year in progress from the program used before (CSV or XLSX),
with a dry run that writes nothing and names every wrong row and column
(domain/funds/residui_import.py).

The residui become the carry of the previous year, closed in the old program, into ``year``:
one ``ResidueCarry`` of ``year − 1`` and its residui, collected, paid and radiated in ``year``
like those of a carry made here. Refused when the archive has the Programma Annuale of the
previous year (its residui are carried from the records, «Riporto dei residui»), when that
year's residui are already in, or when the Programma Annuale of ``year`` is missing."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from ...areas.funds import PROGRAMME
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import read_session, unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.funds import residui_import as fmt
from ...domain.funds.programme_import import FileError
from ...models.funds import Destination, Programme, RevenueItem, SpendingType
from ...models.funds_residui import Residue, ResidueCarry
from ..tabular import read_table
from .programme_import import _known


def _problem(s, year: int) -> str:
    if s.scalar(select(Programme.id).where(Programme.year == year)) is None:
        return (f"Il Programma Annuale {year} non è in archivio: predisporlo (o importarlo) "
                "prima di importare i residui.")
    if s.scalar(select(Programme.id).where(Programme.year == year - 1)) is not None:
        return (f"L'archivio ha il Programma Annuale {year - 1}: i suoi residui si riportano "
                f"dai movimenti con «Riporto dei residui», non da un file.")
    done = s.scalar(select(ResidueCarry.carried_on).where(ResidueCarry.from_year == year - 1))
    if done is not None:
        return (f"I residui del {year - 1} sono già nell'esercizio {year} (dal "
                f"{format_date(done)}): l'importazione si fa una sola volta.")
    return ""


def _check(s, table, year: int) -> fmt.ResiduiCheck:
    if not isinstance(year, int) or not 2001 <= year <= 2100:
        raise DomainError("Indicare l'esercizio finanziario in cui si importano i residui.",
                          "year")
    if table.errors:
        checked = fmt.ResiduiCheck([], list(table.errors), len(table.rows))
    else:
        checked = fmt.check_rows(table.header, table.rows, year=year, known=_known(s))
    problem = _problem(s, year)
    if problem:
        checked.errors.append(FileError(problem))
    return checked


def _summary(path: Path, year: int, checked: fmt.ResiduiCheck, stored: bool = False
             ) -> fmt.ImportSummary:
    count = {k: sum(1 for r in checked.lines if r.kind == k) for k in "AP"}
    return fmt.ImportSummary(path.name, year, checked.rows_read, checked.errors,
                             (count["A"], checked.total("A")), (count["P"], checked.total("P")),
                             stored=stored)


@requires(PROGRAMME)
def check_residui_file(db: Database, path, year: int) -> fmt.ImportSummary:
    """The dry run: read and check the whole file; write nothing."""
    path = Path(path)
    table = read_table(path)
    with read_session(db) as s:
        checked = _check(s, table, year)
    return _summary(path, year, checked)


@requires(PROGRAMME)
def import_residui(db: Database, path, year: int, progress=None, cancel=None
                   ) -> fmt.ImportSummary:
    """Import every residuo of the file into ``year``, or none."""
    path = Path(path)
    table = read_table(path)
    with unit_of_work(db, reason=f"Residui al {year}: importazione da «{path.name}»") as s:
        # The PA of the year locked first: the checks that decide read under it.
        lock_rows(s, Programme, where=Programme.year == year)
        checked = _check(s, table, year)
        if checked.errors:
            return _summary(path, year, checked)
        ids = {model: dict(s.execute(select(model.code, model.id)).all())
               for model in (RevenueItem, Destination, SpendingType)}
        carry = ResidueCarry(from_year=year - 1, carried_on=date.today(),
                             active_total=checked.total("A"), passive_total=checked.total("P"),
                             recorded_by_id=s.info["user"].id)
        s.add(carry)
        s.flush()
        for r in checked.lines:
            s.add(Residue(
                carry_id=carry.id, year=year, origin_year=r.origin_year, kind=r.kind,
                revenue_item_id=ids[RevenueItem].get(r.code) if r.kind == "A" else None,
                destination_id=ids[Destination].get(r.code) if r.kind == "P" else None,
                spending_type_id=ids[SpendingType].get(r.spending_type)
                if r.kind == "P" else None,
                counterpart=r.counterpart, description=r.description, amount=r.amount,
                remaining=r.amount))
        s.flush()
        s.commit()
    return _summary(path, year, checked, stored=True)
