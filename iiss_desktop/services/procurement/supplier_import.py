"""Import of suppliers into the albo fornitori from a CSV or XLSX file (another program's
list, a spreadsheet of the office), with a dry run that writes nothing and names every wrong
row and column (domain/procurement/supplier_import.py).

The file is read by the inventory's reader (services/inventory/import_.read_table: the first
sheet of an .xlsx, or a .csv in UTF-8 or Windows-1252, ";" or ","). The import checks the
file again inside its transaction, under the write gate (a supplier registered meanwhile by
another PC is a duplicate then), and writes every row or none."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from ...areas.procurement import PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import read_session, unit_of_work
from ...domain.procurement import supplier_import as fmt
from ...models.procurement import Supplier
from ..inventory.import_ import read_table

FIRST_ERRORS = 10


def _known(s) -> dict[str, str]:
    out = {}
    for vat, tax_code, name in s.execute(select(Supplier.vat, Supplier.tax_code,
                                                Supplier.name).order_by(Supplier.id.desc())):
        for code in (vat, tax_code):
            if code:
                out[code] = name
    return out


def _check(s, table) -> fmt.SupplierCheck:
    if table.errors:
        return fmt.SupplierCheck([], list(table.errors), len(table.rows))
    return fmt.check_rows(table.header, table.rows, known=_known(s))


@requires(PREPARE)
def check_supplier_file(db: Database, path) -> fmt.ImportSummary:
    """The dry run: read and check the whole file against the registry; write nothing."""
    path = Path(path)
    table = read_table(path)
    with read_session(db) as s:
        checked = _check(s, table)
    return fmt.ImportSummary(path.name, checked.rows_read, checked.errors,
                             [r["name"] for r in checked.rows])


def refusal(report: fmt.ImportSummary) -> str:
    shown = "\n".join(f"- {e.message}" for e in report.errors[:FIRST_ERRORS])
    more = len(report.errors) - FIRST_ERRORS
    return (f"Il file «{report.file_name}» contiene {len(report.errors)} "
            f"{'errore' if len(report.errors) == 1 else 'errori'}: non è stato importato "
            f"nulla.\n{shown}" + (f"\n… e altri {more} errori." if more > 0 else ""))


@requires(PREPARE)
def import_suppliers(db: Database, path) -> fmt.ImportSummary:
    """Import every supplier of the file, or none: a file with errors is refused whole and
    the report names them."""
    path = Path(path)
    table = read_table(path)
    with unit_of_work(db, reason=f"Albo dei fornitori: importazione da «{path.name}»") as s:
        checked = _check(s, table)
        report = fmt.ImportSummary(path.name, checked.rows_read, checked.errors,
                                   [r["name"] for r in checked.rows], stored=not checked.errors)
        if checked.errors:
            return report
        for values in checked.rows:
            s.add(Supplier(**{k: v for k, v in values.items() if k != "row"}, active=True))
        s.flush()
        s.commit()
    return report
