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
from ...domain.errors import DomainError, RegisterError
from ...domain.inventory import import_ as fmt
from ...domain.inventory import states
from ...domain.inventory.discharge import DISCHARGE_CAUSES
from ...domain.inventory.fields import ITEM
from ...domain.inventory.registers import SHORT_NAMES
from ...domain.money import from_cents, to_cents
from ...domain.registers import MAX_REFERENCE, register_spec
from ...models.guard import check_row
from .. import tabular
from ..registers import add_entry
from ..tabular import check_suffix, read_table

Progress = Callable[[float, str], None]
FIRST_ERRORS = 10     # how many errors a refused import repeats in its message
AUDIT_BATCH = 500     # item audit rows appended together


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
        refused = fmt.refusal_summary(self.file_name, self.rows_read, self.errors)
        if refused:
            return refused
        head = fmt.read_head(self.file_name, self.rows_read)
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


_WIDTHS = {"Descrizione": 40, "Data di carico": 13, "Fattura del": 12, "Note": 30,
           "Inventario": 16, "Locale": 24, "Fornitore": 24, "Decreto di discarico n.": 12,
           "Decreto del": 12, "Causa del discarico": 24}
_FORMATS = {i: {"date": tabular.DATE_FORMAT, "money": tabular.MONEY_FORMAT}[c.kind]
            for i, c in enumerate(fmt.COLUMNS) if c.kind in ("date", "money")}


def _write_csv(rows: list[list], target: Path) -> None:
    tabular.write_csv(fmt.HEADERS, rows, target)


def _write_xlsx(rows: list[list], target: Path) -> None:
    tabular.write_xlsx(fmt.HEADERS, rows, target, sheet_name="Inventario", widths=_WIDTHS,
                       formats=_FORMATS)


@requires(EXPORT)
def export_inventory(db: Database, path, registro: str | None = None) -> int:
    """Write the goods of the registers (all, or one) in the exchange format: .xlsx, or .csv
    with ";" and UTF-8 BOM. Written to a temporary file first: a failed export never leaves
    half a file. Returns the number of goods written."""
    path = Path(path)
    suffix = check_suffix(path)
    if registro is not None and registro not in fmt.IMPORT_REGISTERS:
        raise DomainError(f"Inventario «{registro}» sconosciuto.")
    tabular.check_target(path)
    rows = export_rows(db, registro)
    write = _write_csv if suffix == ".csv" else _write_xlsx
    tabular.write_atomically(path, lambda tmp: write(rows, tmp))
    return len(rows)
