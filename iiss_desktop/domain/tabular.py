"""Tables read from a spreadsheet or a CSV file, as the imports of every area see them:
one wrong cell named by row and column (``RowError``), a formula whose result was never saved
(``Formula``), a row left empty. Pure Python; the reading itself is services/tabular.py."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .fields import cell_text
from .text import visible


@dataclass(frozen=True)
class RowError:
    """One wrong cell: where (row of the file, header 1), what was expected, what was found."""

    row: int
    column: str
    expected: str
    found: str

    @property
    def where(self) -> str:
        row = f"riga {self.row}" + (" (intestazione)" if self.row == 1 else "")
        return f"{row}, colonna «{self.column}»" if self.column else row

    @property
    def found_text(self) -> str:
        # A cell of 200 KB or with a NUL is shown short and visible.
        return (f"trovato «{visible(self.found)}»" if self.found != ""
                else "trovata una cella vuota")

    @property
    def detail(self) -> str:
        """What is wrong, without where: «attesa una data gg/mm/aaaa, trovato «31/02/2020»»."""
        return f"{_participle(self.expected)} {self.expected}, {self.found_text}"

    @property
    def message(self) -> str:
        return f"{self.where}: {self.detail}"


def _participle(expected: str) -> str:
    # "attesa una data", "atteso un numero": agrees with the article of what is expected.
    return "attesa" if expected.startswith(("una ", "la ", "l'")) else "atteso"


@dataclass(frozen=True)
class Formula:
    """A cell of a spreadsheet holding a formula whose result was never saved in the file."""

    text: str

    def __str__(self) -> str:
        return self.text


FORMULA_EXPECTED = ("un valore: la cella contiene la formula «{}» ma non il suo risultato "
                    "(aprire il file con Excel o LibreOffice, salvarlo e riprovare)")


def _norm(header) -> str:
    return " ".join(cell_text(header).split()).casefold()


def header_positions(header: Sequence, columns: Sequence, required: Sequence[str]
                     ) -> tuple[dict[str, int], list[RowError]]:
    """Where each declared column (a domain.fields.Field with ``header`` and ``aliases``) is
    in the file's header row, matched ignoring case and spaces; an unknown, repeated or
    missing required column is a RowError of row 1."""
    by_name = {c.name: c for c in columns}
    known = {_norm(name): c for c in columns for name in (c.header, *c.aliases)}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for i, raw in enumerate(header):
        name = _norm(raw)
        if not name:
            continue
        column = known.get(name)
        if column is None:
            errors.append(RowError(1, cell_text(raw), "una delle colonne "
                                   + ", ".join(c.header for c in columns), cell_text(raw)))
        elif column.name in positions:
            errors.append(RowError(1, column.header, "la colonna una volta sola",
                                   f"{column.header} due volte"))
        else:
            positions[column.name] = i
    for name in required:
        if name not in positions:
            head = by_name[name].header
            errors.append(RowError(1, head, f"la colonna obbligatoria «{head}»",
                                   "nessuna colonna"))
    return positions, errors


def row_cells(positions: dict[str, int], columns: Sequence, cells: Sequence, row_no: int,
              today) -> tuple[dict, list[RowError]]:
    """The row's value of each declared column (``Field.parse_cell``), or its RowError."""
    values, errors = {}, []
    for column in columns:
        pos = positions.get(column.name)
        raw = cells[pos] if pos is not None and pos < len(cells) else None
        try:
            values[column.name] = column.parse_cell(raw, today)
        except ValueError as exc:
            found = getattr(exc, "found", None)
            errors.append(RowError(row_no, column.header, getattr(exc, "expected", str(exc)),
                                   found if found is not None else cell_text(raw)))
    return values, errors


def is_blank(cells: Sequence) -> bool:
    return all(cell_text(c) == "" for c in cells)
