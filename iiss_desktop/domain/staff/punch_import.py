"""The punch file of the badge terminal (CSV or XLSX, one punch a row). The columns are the
school's settings (queries/staff_attendance.Settings): the person (codice fiscale or the
terminal's matricola, which is the employee's identificativo), the date in the terminal's
format, the time (HH:MM, HH.MM or HH:MM:SS) and the direction (E/U, I/O, 1/0, entrata/uscita).

Pure rules: every wrong cell is a ``RowError``; nothing is imported until the whole file is
clean. A punch already in the archive (same person, day, minute and direction) is skipped, so
importing the same file twice adds nothing."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from ..fields import Field
from ..tabular import RowError, header_positions, is_blank, row_cells
from .attendance import ENTRY, EXIT

DIRECTION_CODES = {"e": ENTRY, "i": ENTRY, "1": ENTRY, "entrata": ENTRY, "in": ENTRY,
                   "u": EXIT, "o": EXIT, "0": EXIT, "uscita": EXIT, "out": EXIT}
REQUIRED = ("person", "day", "time", "direction")


def columns(person: str, day: str, time: str, direction: str) -> tuple[Field, ...]:
    return (Field("person", "Dipendente", stored=False, required=True, max_length=30,
                  header=person),
            Field("day", "Data", stored=False, required=True, max_length=30, header=day),
            Field("time", "Ora", stored=False, required=True, max_length=30, header=time),
            Field("direction", "Verso", stored=False, required=True, max_length=10,
                  header=direction))


@dataclass(frozen=True)
class PunchLine:
    row: int
    person_id: int
    day: date
    minute: int
    direction: str


@dataclass
class PunchCheck:
    lines: list[PunchLine]
    errors: list
    rows_read: int
    duplicates: int = 0


def parse_time(text: str) -> int | None:
    t = text.strip().replace(".", ":")
    parts = t.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    h, m = int(parts[0]), int(parts[1])
    if not (0 <= h < 24 and 0 <= m < 60) or (len(parts) == 3 and not 0 <= int(parts[2]) < 60):
        return None
    return h * 60 + m


def _format_example(fmt: str) -> str:
    return (fmt.replace("%d", "gg").replace("%m", "mm").replace("%Y", "aaaa")
            .replace("%y", "aa"))


def check_rows(header: Sequence, rows: Iterable[tuple[int, Sequence]], *, person: str,
               day: str, time: str, direction: str, date_format: str,
               people: Mapping[str, int], known: Iterable[tuple[int, date, int, str]] = (),
               today: date | None = None) -> PunchCheck:
    """``people``: the key of the file (codice fiscale upper-case, or the identificativo as
    text) -> employee id; ``known``: the punches already stored (person, day, minute, verso)."""
    today = today or date.today()
    cols = columns(person, day, time, direction)
    positions, errors = header_positions(header, cols, REQUIRED)
    if errors:
        return PunchCheck([], errors, 0)
    seen = set(known)
    in_file: dict[tuple, int] = {}
    lines: list[PunchLine] = []
    read = duplicates = 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        read += 1
        values, row_errors = row_cells(positions, cols, cells, row_no, today)
        if row_errors:
            errors.extend(row_errors)
            continue
        row_errors = []
        key = values["person"].strip().upper()
        pid = people.get(key)
        if pid is None:
            row_errors.append(RowError(row_no, person, "un dipendente in archivio (codice "
                                                       "fiscale o matricola)", values["person"]))
        try:
            d = datetime.strptime(values["day"].strip(), date_format).date()
        except ValueError:
            d = None
            row_errors.append(RowError(row_no, day, "una data nel formato "
                                                    f"{_format_example(date_format)}",
                                       values["day"]))
        if d is not None and d > today:
            row_errors.append(RowError(row_no, day, "una data non futura", values["day"]))
        minute = parse_time(values["time"])
        if minute is None:
            row_errors.append(RowError(row_no, time, "un'ora nel formato HH:MM", values["time"]))
        verso = DIRECTION_CODES.get(values["direction"].strip().casefold())
        if verso is None:
            row_errors.append(RowError(row_no, direction, "«E» o «U» (oppure 1 o 0)",
                                       values["direction"]))
        if row_errors:
            errors.extend(row_errors)
            continue
        ident = (pid, d, minute, verso)
        if ident in in_file:
            errors.append(RowError(row_no, time, f"una timbratura non ripetuta (la riga "
                                                 f"{in_file[ident]} è identica)",
                                   values["time"]))
            continue
        in_file[ident] = row_no
        if ident in seen:
            duplicates += 1
            continue
        lines.append(PunchLine(row_no, pid, d, minute, verso))
    if read == 0:
        errors.append(RowError(2, "", "una o più timbrature sotto l'intestazione",
                               "nessuna riga"))
    return PunchCheck(lines if not errors else [], errors, read, duplicates)


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    rows_read: int
    errors: list
    punches: int = 0
    duplicates: int = 0
    people: int = 0
    stored: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        from ..inventory.import_ import read_head, refusal_summary

        refused = refusal_summary(self.file_name, self.rows_read, self.errors)
        if refused:
            return refused
        head = read_head(self.file_name, self.rows_read)
        what = (f"{self.punches} {'timbratura' if self.punches == 1 else 'timbrature'} di "
                f"{self.people} "
                f"{'dipendente' if self.people == 1 else 'dipendenti'}")
        dup = (f" ({self.duplicates} già in archivio, saltate)" if self.duplicates else "")
        if self.stored:
            return f"{head} {'Importata' if self.punches == 1 else 'Importate'} {what}{dup}."
        return f"{head} Nessun errore: si possono importare {what}{dup}."
