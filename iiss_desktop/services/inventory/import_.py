"""Import of an inventory kept in another program (CSV or XLSX), with a dry run, and our own
export in the same format (domain.inventory.import_.COLUMNS), which imports back unchanged.

The dry run writes nothing. The import refuses a file with any error; a clean file is
recorded in ONE transaction: each row gets its number from add_entry (the legal-register
core), which must come out equal to the number in the file, or everything is rolled back.
The rows are written with plain SQL on the driver (as add_entry does), audited with
append_sql: 100,000 goods import in seconds, not minutes.

A good discharged in the old program keeps its number and is recorded "scaricato" with its
decree (one inventory_discharge per distinct decree, no buono di scarico: the decree was
executed in the old program), written on the same path and audited row by row. The
export writes the decree of each discharged good, so that our own export imports back.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ...areas.inventory import EXPORT, IMPORT
from ...db.access import requires
from ...db.audit import AuditRecord, append_sql
from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...db.uow import translated_errors, write_transaction
from ...domain.dates import format_date
from ...domain.errors import DomainError, RegisterError
from ...domain.inventory import import_ as fmt
from ...domain.inventory import states
from ...domain.inventory.discharge import DISCHARGE_CAUSES
from ...domain.inventory.fields import ITEM
from ...domain.inventory.registers import SHORT_NAMES
from ...domain.money import format_cents, from_cents, to_cents
from ...domain.registers import MAX_REFERENCE, register_spec
from ...domain.text import spreadsheet_safe, spreadsheet_text
from ...models.guard import check_row
from ..registers import add_entry

Progress = Callable[[float, str], None]
SUFFIXES = (".csv", ".xlsx")
FIRST_ERRORS = 10     # how many errors a refused import repeats in its message
AUDIT_BATCH = 500     # item audit rows appended together


@dataclass(frozen=True)
class Table:
    header: list
    rows: list[tuple[int, list]]     # (row number in the file, cells)
    errors: tuple[fmt.RowError, ...] = ()   # cells that cannot be read (bytes of no encoding)
    note: str = ""                   # how the file was read, when the user should know


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    rows_read: int
    per_register: list[tuple[str, int, Decimal]]   # register, goods, total value
    errors: list[fmt.RowError]
    rows: list[fmt.ImportRow]
    note: str = ""        # e.g. the file was read as Windows-1252
    warnings: tuple[fmt.RowWarning, ...] = ()   # accepted, the warning stays on the good

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> Decimal:
        return sum((t for _, _, t in self.per_register), Decimal("0.00"))

    def summary(self) -> str:
        return "\n".join(filter(None, [self._summary(), self.note]))

    def _summary(self) -> str:
        if any(e.row == 1 for e in self.errors):
            # A wrong header stops the check before the rows: "0 righe lette" would mislead.
            return (f"File «{self.file_name}»: l'intestazione (riga 1) non è corretta, quindi "
                    f"nessuna riga è stata controllata. {fmt.header_problems(self.errors)} "
                    "Non sarà importato nulla finché il file non è corretto.")
        head = f"File «{self.file_name}»: {self.rows_read} righe lette."
        if self.errors:
            wrong = len({e.row for e in self.errors})
            return (f"{head} Errori: {len(self.errors)} in {wrong} "
                    f"{'riga' if wrong == 1 else 'righe'}. Non sarà importato nulla finché "
                    "il file non è corretto.")
        lines = (fmt.summary_lines(self.per_register) + fmt.situation_lines(self.rows)
                 + warning_lines(self.warnings))
        return "\n".join([f"{head} Nessun errore: si possono importare.", *lines])


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    imported: int
    per_register: list[tuple[str, int, Decimal]]
    notes: tuple[str, ...] = ()      # discharged goods, goods that were in comodato
    discharges: int = 0              # inventory_discharge rows written
    note: str = ""                   # how the file was read (its encoding)

    def summary(self) -> str:
        return "\n".join([f"Importati {self.imported} beni da «{self.file_name}»."]
                         + fmt.summary_lines(self.per_register) + list(self.notes)
                         + ([self.note] if self.note else []))


# --- reading ------------------------------------------------------------------------------
def _check_suffix(path: Path) -> str:
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
                 ) -> tuple[fmt.RowError, ...]:
    """The cells holding bytes of no encoding (surrogates after surrogateescape)."""
    errors = []
    for row_no, cells in [(1, header), *rows]:
        for i, cell in enumerate(cells):
            if any("\udc80" <= c <= "\udcff" for c in cell):
                column = fmt.cell_text(header[i]) if i < len(header) and row_no > 1 else ""
                shown = "".join("�" if "\udc80" <= c <= "\udcff" else c for c in cell)
                errors.append(fmt.RowError(row_no, column or f"n. {i + 1}", why, shown))
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
            rows = [(i, [fmt.Formula(f) if v is None and isinstance(f, str)
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
    suffix = _check_suffix(path)
    if path.is_dir():
        raise DomainError(f"«{path.name}» è una cartella: indicare il file da importare.")
    if not path.is_file():
        raise DomainError(f"Il file «{path}» non esiste.")
    try:
        return _read_csv(path) if suffix == ".csv" else _read_xlsx(path)
    except PermissionError:
        raise DomainError(f"Il file «{path.name}» non si può leggere: è aperto in un altro "
                          "programma o mancano i permessi.") from None


# --- context from the database --------------------------------------------------------------
@requires(IMPORT)
def load_context(db: Database, today: date | None = None) -> fmt.ImportContext:
    """Where each register stands, the plessi with their rooms, the serial numbers in use."""
    registers = {}
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        for code in fmt.IMPORT_REGISTERS:
            row = sql.first("SELECT value FROM counter WHERE register = ? AND year = ?",
                            (code, register_spec(code).year_of(date.today())))
            last = row[0] if row else 0
            day = None
            if last:
                found = sql.first("SELECT entry_date FROM register_entry WHERE register = ? "
                                  "AND year = 0 AND number = ?", (code, last))
                day = sql.to_date(found[0]) if found else None
            registers[code] = fmt.RegisterState(last, day)
        sql.execute("SELECT id, code, name FROM site WHERE active = ? ORDER BY name", (True,))
        sites = sql.cursor.fetchall()
        sql.execute("SELECT id, site_id, name FROM room WHERE active = ? ORDER BY name", (True,))
        rooms: dict[int, dict[str, int]] = {}
        for room_id, site_id, name in sql.cursor.fetchall():
            rooms.setdefault(site_id, {})[name] = room_id
        sql.execute("SELECT serial_number FROM inventory_item WHERE serial_number IS NOT NULL")
        serials = frozenset(r[0] for r in sql.cursor.fetchall())
    places = [fmt.Place(i, code, name, rooms.get(i, {})) for i, code, name in sites]
    return fmt.ImportContext(today or date.today(), registers, places, serials)


# --- dry run and import ---------------------------------------------------------------------
@requires(IMPORT)
def dry_run(db: Database, path, *, today: date | None = None) -> ImportReport:
    """Read and check the whole file against the database; write nothing."""
    path = Path(path)
    table = read_table(path)
    with translated_errors(db):
        ctx = load_context(db, today)
    if table.errors:
        # Bytes of no encoding: the cells are named, nothing else is checked or imported.
        return ImportReport(path.name, len(table.rows), [], list(table.errors), [])
    checked = fmt.check_rows(table.header, table.rows, ctx)
    return ImportReport(path.name, checked.rows_read, fmt.summarize(checked.rows),
                        checked.errors, checked.rows, table.note, tuple(checked.warnings))


def warning_lines(warnings) -> list[str]:
    """The rows accepted with a warning (art. 31 c.5-6, goods taken in charge before
    17/11/2018): the warning is kept on each good and printed on the register."""
    if not warnings:
        return []
    shown = [f"- {w.message}" for w in warnings[:FIRST_ERRORS]]
    more = len(warnings) - FIRST_ERRORS
    one = len(warnings) == 1
    return [f"Avvertenze: {len(warnings)} {'riga accettata' if one else 'righe accettate'} "
            "come nel programma precedente (l'avvertenza resta sul bene e si "
            "stampa nel registro):", *shown] + ([f"… e altre {more}."] if more > 0 else [])


def refusal(report: ImportReport) -> str:
    shown = "\n".join(f"- {e.message}" for e in report.errors[:FIRST_ERRORS])
    more = len(report.errors) - FIRST_ERRORS
    tail = f"\n… e altri {more} errori." if more > 0 else ""
    return (f"Il file «{report.file_name}» contiene {len(report.errors)} "
            f"{'errore' if len(report.errors) == 1 else 'errori'}: non è stato importato "
            f"nulla.\n{shown}{tail}")


# Every column of inventory_item (declared once in domain/inventory/fields.py): a column added
# later gets its declared default here, never a NULL it may not take.
_INSERT_ITEM, _ITEM_FIELDS = ITEM.insert_sql()
_FROM_ROW = tuple(n for n in _ITEM_FIELDS if n in fmt.ImportRow.__dataclass_fields__)
_MONEY = ITEM.money_columns()


def _item_values(row: fmt.ImportRow, entry_id: int) -> dict:
    # Nature, universalità (key and the set's value) and the warning of art. 31 c.5-6 come
    # from the row, as the dry run checked them.
    return ITEM.insert_row({**{n: getattr(row, n) for n in _FROM_ROW}, "entry_id": entry_id,
                            "buono_entry_id": None})


@requires(IMPORT)
def import_file(db: Database, path, *, progress: Progress | None = None,
                cancel=None, today: date | None = None) -> ImportResult:
    """Import a clean file in one transaction; a file with errors is refused whole."""
    path = Path(path)
    report = dry_run(db, path, today=today)
    if not report.ok:
        raise DomainError(refusal(report))
    user = db.current_user
    if user is None or user.id is None:
        raise RegisterError("Nessun utente attivo: impossibile registrare.")
    reason = f"Importazione inventario da {path.name}"
    reference = f"Importato da {path.name}"[:MAX_REFERENCE]
    total = len(report.rows)
    with write_transaction(db) as conn, DriverSQL(conn) as sql:
        records: list[AuditRecord] = []
        discharged: dict[fmt.Decree, list[int]] = {}    # decree -> goods, in file order
        for done, row in enumerate(report.rows, start=1):
            ref = add_entry(conn, spec=register_spec(row.register), entry_date=row.entry_date,
                            description=row.description, user=user, amount=row.value,
                            reference=reference, reason=reason)
            if ref.number != row.number:
                # Someone recorded in this register after the dry run: nothing is kept.
                raise DomainError(
                    f"Riga {row.row}: il numero assegnato ({ref.number}) non corrisponde a "
                    f"quello del file ({row.number}) nell'inventario "
                    f"{SHORT_NAMES[row.register]}: forse un'altra postazione ha appena "
                    "registrato. Non è stato importato nulla: ripetere la prova.")
            # Checked cell by cell already; the plain-SQL path still passes the column guard.
            values = check_row("inventory_item", _item_values(row, ref.id),
                               where=f"Riga {row.row}: ")
            stored = [to_cents(v) if k in _MONEY and v is not None else v
                      for k, v in values.items()]
            item_id = sql.first(_INSERT_ITEM, stored)[0]
            records.append(AuditRecord("insert", "inventory_item", item_id,
                                       after={"id": item_id, **values}))
            if row.decree is not None:
                discharged.setdefault(row.decree, []).append(item_id)
            if len(records) >= AUDIT_BATCH:
                append_sql(sql, records, user, reason)
                records = []
                if cancel is not None and cancel.is_set():
                    raise DomainError("Importazione annullata: non è stato importato nulla.")
                if progress is not None:
                    progress(done / total, f"Importazione: {done} di {total} beni…")
        records += _record_discharges(sql, discharged, user_id=user.id,
                                      motivation=f"{DISCHARGE_MOTIVATION} {path.name}")
        append_sql(sql, records, user, reason)
    return ImportResult(path.name, total, report.per_register,
                        tuple(fmt.situation_lines(report.rows, imported=True)
                              + warning_lines(report.warnings)),
                        len(discharged), report.note)


DISCHARGE_MOTIVATION = "Discarico registrato nel programma precedente, importato da"
_DISCHARGE_FIELDS = ("decree_number", "decree_date", "cause", "motivation", "reintegro",
                     "attachments", "recorded_by_id", "reintegro_amount", "responsible",
                     "buono_entry_id")
_INSERT_DISCHARGE = (f"INSERT INTO inventory_discharge ({', '.join(_DISCHARGE_FIELDS)}) "
                     f"VALUES ({', '.join('?' for _ in _DISCHARGE_FIELDS)}) RETURNING id")
_INSERT_DISCHARGE_ITEM = ("INSERT INTO inventory_discharge_item (discharge_id, item_id) "
                          "VALUES (?, ?) RETURNING id")


def _record_discharges(sql: DriverSQL, discharged: dict[fmt.Decree, list[int]], *,
                       user_id: int, motivation: str) -> list[AuditRecord]:
    """One inventory_discharge per decree of the old program, with its goods; the audit
    records to append. No buono di scarico and no reintegro: the decree was executed (and any
    reintegro settled) in the old program, the file carries only number, date and cause."""
    records = []
    for decree, item_ids in discharged.items():
        values = {"decree_number": decree.number, "decree_date": decree.day,
                  "cause": decree.cause, "motivation": motivation, "reintegro": False,
                  "attachments": "", "recorded_by_id": user_id, "reintegro_amount": None,
                  "responsible": "", "buono_entry_id": None}
        values = check_row("inventory_discharge", values)
        discharge_id = sql.first(_INSERT_DISCHARGE, list(values.values()))[0]
        records.append(AuditRecord("insert", "inventory_discharge", discharge_id,
                                   after={"id": discharge_id, **values}))
        for item_id in item_ids:
            line_id = sql.first(_INSERT_DISCHARGE_ITEM, (discharge_id, item_id))[0]
            records.append(AuditRecord("insert", "inventory_discharge_item", line_id,
                                       after={"id": line_id, "discharge_id": discharge_id,
                                              "item_id": item_id}))
    return records


# --- export ---------------------------------------------------------------------------------
_EXPORTED = [c for c in fmt.COLUMNS if c.name != "status"]
_EXPORT = (
    f"SELECT {ITEM.select_list([c.name for c in _EXPORTED])}, i.status, "
    "EXISTS (SELECT 1 FROM register_entry a WHERE a.annuls_id = e.id) "
    "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
    "LEFT JOIN site s ON s.id = i.site_id LEFT JOIN room r ON r.id = i.room_id "
    # A good is discharged once (unique item_id): at most one decree per good.
    "LEFT JOIN inventory_discharge_item x ON x.item_id = i.id "
    "LEFT JOIN inventory_discharge d ON d.id = x.discharge_id ")


_REGISTER, _NUMBER = (_EXPORTED.index(ITEM[n]) for n in ("register", "number"))


def _exported(column, value, to_date):
    """One cell of the export, by the column's declaration (dates as date, money as
    Decimal); the register by its name and the cause by its label, as the import reads them."""
    if column.name == "register":
        return SHORT_NAMES.get(value, value)
    if column.name == "cause":
        return DISCHARGE_CAUSES.get(value, value or "")
    if value is not None and column.kind == "date":
        return to_date(value)
    if value is not None and column.kind == "money":
        return from_cents(value)
    return column.export_value(value)


@requires(EXPORT)
def export_rows(db: Database, registro: str | None = None) -> list[list]:
    """The goods as rows of COLUMNS (dates as date, value as Decimal), register by register."""
    where, params = ("WHERE i.register = ? ", (registro,)) if registro else ("", ())
    with translated_errors(db), db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_EXPORT + where + "ORDER BY i.register, i.number", params)
        fetched = sql.cursor.fetchall()
        to_date = sql.to_date
    order = {code: i for i, code in enumerate(SHORT_NAMES)}
    fetched.sort(key=lambda r: (order.get(r[_REGISTER], len(order)), r[_REGISTER], r[_NUMBER]))
    status_at = fmt.HEADERS.index("Situazione")
    out = []
    for row in fetched:
        *cells, status, annulled = row
        line = [_exported(c, v, to_date) for c, v in zip(_EXPORTED, cells)]
        line.insert(status_at, states.ANNULLED if annulled else status)
        out.append(line)
    return out


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_cents(to_cents(value), symbol=False)   # a number: never escaped
    return spreadsheet_safe(str(value))


def _write_csv(rows: list[list], target: Path) -> None:
    # UTF-8 with BOM and ";": what Excel on an Italian PC opens correctly with a double click.
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(fmt.HEADERS)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


_WIDTHS = {"Descrizione": 40, "Data di carico": 13, "Fattura del": 12, "Note": 30,
           "Inventario": 16, "Locale": 24, "Fornitore": 24, "Decreto di discarico n.": 12,
           "Decreto del": 12, "Causa del discarico": 24}


def _write_xlsx(rows: list[list], target: Path) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Inventario")
    for i, header in enumerate(fmt.HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(header, 14)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for header in fmt.HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    date_cells = [i for i, c in enumerate(fmt.COLUMNS) if c.kind == "date"]
    money_cells = [i for i, c in enumerate(fmt.COLUMNS) if c.kind == "money"]
    for row in rows:
        out = list(row)
        for i, v in enumerate(out):
            if isinstance(v, str) and v.startswith("="):
                # Text, not a formula: a description like "=PC" must come back as written.
                cell = WriteOnlyCell(sheet, value=v)
                cell.data_type = "s"
                out[i] = cell
        for i in date_cells:
            if out[i] is not None:
                cell = WriteOnlyCell(sheet, value=out[i])
                cell.number_format = "DD/MM/YYYY"
                out[i] = cell
        for i in money_cells:
            if out[i] is not None:
                cell = WriteOnlyCell(sheet, value=out[i])
                cell.number_format = "#,##0.00"
                out[i] = cell
        sheet.append(out)
    book.save(target)


@requires(EXPORT)
def export_inventory(db: Database, path, registro: str | None = None) -> int:
    """Write the goods of the registers (all, or one) in the exchange format: .xlsx, or .csv
    with ";" and UTF-8 BOM. Written to a temporary file first: a failed export never leaves
    half a file. Returns the number of goods written."""
    path = Path(path)
    suffix = _check_suffix(path)
    if registro is not None and registro not in fmt.IMPORT_REGISTERS:
        raise DomainError(f"Inventario «{registro}» sconosciuto.")
    if not path.parent.is_dir():
        raise DomainError(f"La cartella «{path.parent}» non esiste.")
    if path.is_dir():
        raise DomainError(f"«{path.name}» è una cartella: indicare il nome del file da creare.")
    rows = export_rows(db, registro)
    fd, tmp = tempfile.mkstemp(prefix=".esportazione-", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        (_write_csv if suffix == ".csv" else _write_xlsx)(rows, Path(tmp))
        os.replace(tmp, path)
    except PermissionError:
        raise DomainError(f"Impossibile scrivere «{path.name}»: il file è aperto in un altro "
                          "programma o mancano i permessi.") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(rows)
