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


def is_blank(cells: Sequence) -> bool:
    return all(cell_text(c) == "" for c in cells)
