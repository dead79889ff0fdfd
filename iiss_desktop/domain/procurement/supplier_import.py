"""The exchange file of the suppliers registry (CSV or XLSX, one supplier a row): the columns
declared in fields.SUPPLIER (Denominazione, Partita IVA, Codice fiscale, Indirizzo, PEC,
Telefono; also the aliases of other programs, «Ragione sociale», «P.IVA», «C.F.»…), in any
order, matched ignoring case and spaces.

Pure rules: every wrong cell is a ``RowError`` of the inventory's import (the same words:
«riga 4, colonna «Partita IVA»: attesa una partita IVA valida …, trovato «0412345072»»).
Nothing is imported until the whole file is clean: a partita IVA or codice fiscale repeated
in the file, or already of a registered supplier, is an error of its cell."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..errors import ValidationError
from ..fields import CellError, cell_text
from ..inventory.import_ import RowError, is_blank, read_head, refusal_summary
from .fields import SUPPLIER
from .suppliers import check_pec, check_phone, check_tax_code, check_vat, vat_digits

COLUMNS = SUPPLIER.exchanged
HEADERS = SUPPLIER.headers
_MISSING = "nessuna colonna"
_REPEATED = "la colonna una volta sola"
EXPECTED = {
    "vat": "una partita IVA valida (11 cifre con la cifra di controllo, o il numero di un "
           "paese UE con il suo prefisso)",
    "tax_code": "un codice fiscale valido (16 caratteri per una persona, 11 cifre per una "
                "società)",
    "pec": "un indirizzo PEC come fornitore@pec.it",
    "phone": "un numero di telefono (cifre, spazi, punti o trattini)",
}
_CHECKS = {"vat": check_vat, "tax_code": check_tax_code, "pec": check_pec,
           "phone": check_phone}


@dataclass(frozen=True)
class SupplierCheck:
    rows: list[dict]                  # the clean values of each row, with "row"
    errors: list[RowError]
    rows_read: int


def _norm(header) -> str:
    return " ".join(cell_text(header).split()).casefold()


def check_header(header: Sequence) -> tuple[dict[str, int], list[RowError]]:
    known = {_norm(name): c for c in COLUMNS for name in (c.header, *c.aliases)}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for i, raw in enumerate(header):
        name = _norm(raw)
        if not name:
            continue
        column = known.get(name)
        if column is None:
            errors.append(RowError(1, cell_text(raw), "una delle colonne "
                                   + ", ".join(HEADERS), cell_text(raw)))
        elif column.name in positions:
            errors.append(RowError(1, column.header, _REPEATED, f"{column.header} due volte"))
        else:
            positions[column.name] = i
    if "name" not in positions:
        errors.append(RowError(1, "Denominazione", "la colonna obbligatoria «Denominazione»",
                               _MISSING))
    if "vat" not in positions and "tax_code" not in positions:
        errors.append(RowError(1, "Partita IVA", "la colonna «Partita IVA» o «Codice "
                                                 "fiscale»", _MISSING))
    return positions, errors


def check_rows(header: Sequence, rows: Iterable[tuple[int, Sequence]], *,
               known: Mapping[str, str] | None = None, today: date | None = None
               ) -> SupplierCheck:
    """Check the header, then each non-empty row. ``known``: the partite IVA (as stored,
    "IT…") and codici fiscali of the registered suppliers -> their name."""
    known = known or {}
    today = today or date.today()
    positions, errors = check_header(header)
    if errors:
        return SupplierCheck([], errors, 0)
    seen: dict[str, int] = {}
    clean, read = [], 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        read += 1
        values, row_errors = {"row": row_no}, []
        for column in COLUMNS:
            pos = positions.get(column.name)
            raw = cells[pos] if pos is not None and pos < len(cells) else None
            try:
                value = column.parse_cell(raw, today)
                if column.name in _CHECKS:
                    try:
                        value = _CHECKS[column.name](value)
                    except ValidationError:
                        raise CellError(EXPECTED[column.name]) from None
            except CellError as exc:
                found = exc.found if exc.found is not None else cell_text(raw)
                row_errors.append(RowError(row_no, column.header, exc.expected, found))
                continue
            values[column.name] = value
        if not row_errors and not values.get("vat") and not values.get("tax_code"):
            row_errors.append(RowError(row_no, "Partita IVA", "una partita IVA o un codice "
                                                              "fiscale", ""))
        for name, header_text in (("vat", "Partita IVA"), ("tax_code", "Codice fiscale")):
            code = values.get(name)
            if not code:
                continue
            shown = vat_digits(code) if name == "vat" else code
            if code in known:
                row_errors.append(RowError(row_no, header_text, (
                    f"un codice non ancora nell'albo (è di «{known[code]}»)"), shown))
            elif (name, code) in seen:
                row_errors.append(RowError(row_no, header_text, (
                    f"un codice non ripetuto nel file (è già alla riga {seen[(name, code)]})"),
                    shown))
            else:
                seen[(name, code)] = row_no
        errors.extend(row_errors)
        if not row_errors:
            clean.append(values)
    if read == 0:
        errors.append(RowError(2, "", "una o più righe di fornitori sotto l'intestazione",
                               "nessuna riga"))
    return SupplierCheck(clean, errors, read)


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    rows_read: int
    errors: list[RowError]
    names: list[str] = field(default_factory=list)
    stored: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        refused = refusal_summary(self.file_name, self.rows_read, self.errors)
        if refused:
            return refused
        head = read_head(self.file_name, self.rows_read)
        if self.stored:
            return f"{head} Importati {len(self.names)} fornitori nell'albo."
        return f"{head} Nessun errore: si possono importare {len(self.names)} fornitori."
