"""Reading and writing the tables of the exchange files (CSV or XLSX) that the imports and
exports of every area share: one encoding per CSV file (UTF-8, else the Windows-1252 of Excel
on an Italian PC), ";" or "," sniffed, the first sheet of an .xlsx with the formulas whose
result was never saved named; the export written to a temporary file first, so that a failed
export never leaves half a file."""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.fields import cell_text
from ..domain.money import format_cents, to_cents
from ..domain.tabular import Formula, RowError
from ..domain.text import spreadsheet_safe, spreadsheet_text

SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Table:
    header: list
    rows: list[tuple[int, list]]     # (row number in the file, cells)
    errors: tuple[RowError, ...] = ()   # cells that cannot be read (bytes of no encoding)
    note: str = ""                   # how the file was read, when the user should know


# --- reading ------------------------------------------------------------------------------
def check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DomainError(f"«{path.name}» è nel vecchio formato Excel (.xls): aprirlo con "
                          "Excel o LibreOffice e salvarlo come .xlsx oppure .csv.")
    if suffix not in SUFFIXES:
        raise DomainError(f"«{path.name}»: sono ammessi solo file .csv e .xlsx.")
    return suffix


CP1252_NOTE = ("Nota: il file non è in UTF-8 ed è stato letto con la codifica Windows-1252 "
               "(quella dei CSV salvati da Excel su un PC italiano): controllare che le "
               "lettere accentate siano giuste.")
MIXED = ("un testo in UTF-8 come il resto del file: la cella contiene byte di un'altra "
         "codifica (salvare il file come «CSV UTF-8»)")
UNREADABLE = ("un testo in UTF-8 o in Windows-1252: la cella contiene byte che nessuna delle "
              "due codifiche ammette (salvare il file come «CSV UTF-8»)")
# Two or more bytes forming a UTF-8 character: a cp1252 text hardly ever has them ("Ã¨").
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode(data: bytes) -> tuple[str, str, str | None]:
    """(text, note, error) for the whole file, one encoding per file: UTF-8 (with or without
    the BOM Excel writes; UTF-16 with its BOM); else Windows-1252, the encoding of a CSV
    saved by Excel on an Italian PC, only if every byte is valid in it and the file has no
    UTF-8 characters (then it is UTF-8 with a damaged cell, never read half and half). When
    no encoding reads it, ``text`` keeps the bad bytes as surrogates and ``error`` says why,
    so that the cell can be named."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "", None
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "", UNREADABLE
    try:
        return data.decode("utf-8-sig"), "", None
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        return data.decode("utf-8-sig", errors="surrogateescape"), "", MIXED
    try:
        return data.decode("cp1252"), CP1252_NOTE, None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="surrogateescape"), "", UNREADABLE


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ";"))


def _undecodable(header: list, rows: list[tuple[int, list]], why: str
                 ) -> tuple[RowError, ...]:
    """The cells holding bytes of no encoding (surrogates after surrogateescape)."""
    errors = []
    for row_no, cells in [(1, header), *rows]:
        for i, cell in enumerate(cells):
            if any("\udc80" <= c <= "\udcff" for c in cell):
                column = cell_text(header[i]) if i < len(header) and row_no > 1 else ""
                shown = "".join("�" if "\udc80" <= c <= "\udcff" else c for c in cell)
                errors.append(RowError(row_no, column or f"n. {i + 1}", why, shown))
    return tuple(errors)


def _read_csv(path: Path) -> Table:
    text, note, undecodable = _decode(path.read_bytes())
    # The default limit (128 KB) made a long cell an "errore imprevisto"; the file is in
    # memory anyway, so no cell can be longer than it. Each cell is then checked against its
    # column's length, with row and column named.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        records = [[spreadsheet_text(c) for c in r] for r in reader]
    finally:
        csv.field_size_limit(limit)
    if not records:
        return Table([], [])
    rows = [(i, r) for i, r in enumerate(records[1:], start=2)]
    errors = _undecodable(records[0], rows, undecodable) if undecodable else ()
    if undecodable and not errors:
        raise DomainError(f"«{path.name}»: atteso {undecodable}.")
    return Table(records[0], rows, errors, note)


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path, sheet) -> bool:
    """Whether the sheet's XML holds any formula: only then is it read a second time. The
    part's name is openpyxl's (private): without it, assume formulas."""
    from zipfile import ZipFile

    part = getattr(sheet, "_worksheet_path", None)
    if not part:
        return True
    with ZipFile(path) as archive:
        return _FORMULA_TAG.search(archive.read(part)) is not None


def _read_xlsx(path: Path) -> Table:
    """The first sheet, as Excel saved its values. A formula whose result was never saved (a
    file written by a program that does not compute) must not look like an empty cell: if
    the sheet has formulas it is read a second time, in step, for them."""
    from zipfile import BadZipFile

    import openpyxl

    books = []
    try:
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=True))
        if _has_formulas(path, books[0].worksheets[0]):
            books.append(openpyxl.load_workbook(path, read_only=True, data_only=False))
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        for book in books:
            book.close()
        raise DomainError(f"«{path.name}» non è un file Excel (.xlsx) leggibile ({exc}).") \
            from None
    try:
        values = books[0].worksheets[0].iter_rows(values_only=True)
        if len(books) == 1:
            rows = [(i, list(r)) for i, r in enumerate(values, start=1)]
        else:
            pairs = zip(values, books[1].worksheets[0].iter_rows(values_only=True))
            rows = [(i, [Formula(f) if v is None and isinstance(f, str)
                         and f.startswith("=") else v for v, f in zip(r, fr)])
                    for i, (r, fr) in enumerate(pairs, start=1)]
    finally:
        for book in books:
            book.close()
    if not rows:
        return Table([], [])
    return Table(rows[0][1], rows[1:])


def read_table(path) -> Table:
    """The first sheet of an .xlsx, or a .csv (";" or "," sniffed from the header line)."""
    path = Path(path)
    suffix = check_suffix(path)
    if path.is_dir():
        raise DomainError(f"«{path.name}» è una cartella: indicare il file da importare.")
    if not path.is_file():
        raise DomainError(f"Il file «{path}» non esiste.")
    try:
        return _read_csv(path) if suffix == ".csv" else _read_xlsx(path)
    except PermissionError:
        raise DomainError(f"Il file «{path.name}» non si può leggere: è aperto in un altro "
                          "programma o mancano i permessi.") from None


# --- writing --------------------------------------------------------------------------------
def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_cents(to_cents(value), symbol=False)   # a number: never escaped
    return spreadsheet_safe(str(value))


def write_csv(headers: Sequence[str], rows: list[list], target: Path) -> None:
    # UTF-8 with BOM and ";": what Excel on an Italian PC opens correctly with a double click.
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])


DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0.00"


def write_xlsx(headers: Sequence[str], rows: list[list], target: Path, *, sheet_name: str,
               widths: dict[str, int], formats: dict[int, str], default_width: int = 14
               ) -> None:
    """One sheet with a bold header, frozen below it; ``formats``: column index -> number
    format of its cells (dates, money); a text starting with "=" stays text."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name)
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(header, default_width)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        out = list(row)
        for i, v in enumerate(out):
            if isinstance(v, str) and v.startswith("="):
                # Text, not a formula: a description like "=PC" must come back as written.
                cell = WriteOnlyCell(sheet, value=v)
                cell.data_type = "s"
                out[i] = cell
        for i, number_format in formats.items():
            if out[i] is not None:
                cell = WriteOnlyCell(sheet, value=out[i])
                cell.number_format = number_format
                out[i] = cell
        sheet.append(out)
    book.save(target)


def check_target(path: Path) -> None:
    """The file an export may create: in an existing folder, not a folder itself."""
    if not path.parent.is_dir():
        raise DomainError(f"La cartella «{path.parent}» non esiste.")
    if path.is_dir():
        raise DomainError(f"«{path.name}» è una cartella: indicare il nome del file da creare.")


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write(temporary path)``, then the temporary file replaces ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=".esportazione-", suffix=path.suffix.lower(),
                               dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except PermissionError:
        raise DomainError(f"Impossibile scrivere «{path.name}»: il file è aperto in un altro "
                          "programma o mancano i permessi.") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
