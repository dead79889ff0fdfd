"""A list exported exactly as the screen shows it: the same columns, the same texts
("1.234,50 €", "05/11/2026"), in CSV for any program or XLSX for a spreadsheet.

CSV is written for an Italian Excel: UTF-8 with a BOM (accents and "€" read right) and «;» as
the separator (the comma is the decimal separator)."""
from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..domain.errors import DomainError

FORMATS = {".csv": "CSV (separato da punto e virgola)", ".xlsx": "Excel (XLSX)"}


def write_table(path: Path, title: str, headers: Sequence[str],
                rows: Iterable[Sequence[str]]) -> int:
    """Write the rows to ``path`` (by its suffix, .csv or .xlsx), atomically; returns how many
    rows were written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DomainError(f"«{path.name}»: indicare un file .csv o .xlsx.", "file")
    if not path.parent.is_dir():
        raise DomainError(f"La cartella «{path.parent}» non esiste.", "file")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        count = (_csv if suffix == ".csv" else _xlsx)(tmp, title, headers, rows)
        try:
            os.replace(tmp, path)
        except PermissionError as exc:   # Windows: the old file is open in Excel
            raise DomainError(f"Impossibile salvare «{path.name}»: il file è aperto in un altro "
                              "programma. Chiuderlo e riprovare.", "file") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _csv(path: Path, _title: str, headers, rows) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(headers)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _xlsx(path: Path, title: str, headers, rows) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = (title or "Elenco")[:31].replace("/", "-")
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in headers]
    count = 0
    for row in rows:
        sheet.append(list(row))
        widths = [max(w, len(str(v))) for w, v in zip(widths, row, strict=False)]
        count += 1
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(60, w + 2)
    sheet.freeze_panes = "A2"
    book.save(path)
    return count
