"""A fast read-only table model for lists of up to ~100,000 rows.

Why not QSortFilterProxyModel: with 100k rows its per-row ``data()`` calls
through Python are slow and it sorts on display strings ("1.234,50" < "99,90").
Display strings are formatted lazily, a row at a time, the first time the view
asks for them (a view paints ~40 rows; formatting 100k rows up front costs more
than fetching them). Sorting uses the raw values (Decimal, date, str, cents);
filtering uses a lowercase, accent-free haystack built on the first search.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal

from ...domain.dates import format_date
from ...domain.money import format_cents, format_money

SORT_ROLE = Qt.UserRole + 1
# Qt passes roles to data() as plain ints; comparing them with Qt's enum members costs ~2 µs
# each (a view asks ~7 roles per cell on every paint), with these ints ~20 ns.
_DISPLAY, _TOOLTIP = Qt.DisplayRole.value, Qt.ToolTipRole.value
_ALIGNMENT, _SORT = Qt.TextAlignmentRole.value, int(SORT_ROLE)
_HORIZONTAL = Qt.Horizontal
HAY_CHUNK = 2000     # rows of search text built per idle-time step (about 20 ms)
HAY_START_MS = 250   # idle-time indexing starts once the grid has been painted

_ALIGN = {
    "left": Qt.AlignLeft | Qt.AlignVCenter,
    "right": Qt.AlignRight | Qt.AlignVCenter,
    "center": Qt.AlignCenter,
}


def default_fmt(value: Any) -> str:
    return "" if value is None else str(value)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: a clerk typing "citta" finds "Città"."""
    text = text.casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_COMBINING = re.compile("[\u0300-\u036f]")  # accents left apart by NFKD


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    align: str = "left"
    fmt: Callable[[Any], str] = default_fmt
    sort_key: Callable[[Any], Any] | None = None
    max_width: int | None = None   # pixels: long names (a plesso) are elided, full in the tooltip

    def __post_init__(self) -> None:
        if self.align not in _ALIGN:
            raise ValueError(f"align non valido: {self.align!r}")


# Big lists repeat the same amounts and dates: caching their text makes set_rows ~2x faster.
@lru_cache(maxsize=8192)
def _money_text(value, blank_zero: bool) -> str:
    return format_money(value, blank_zero=blank_zero)


@lru_cache(maxsize=8192)
def _date_text(value) -> str:
    if isinstance(value, str):   # ISO text straight from the database (big grids)
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}" if len(value) >= 10 else value
    return format_date(value) if value else ""


def money_column(key: str, title: str, *, blank_zero: bool = False) -> Column:
    """Amounts: right aligned, "1.234,50 €", sorted as Decimal."""
    return Column(key, title, "right", lambda v: _money_text(v, blank_zero))


def date_column(key: str, title: str) -> Column:
    return Column(key, title, "center", _date_text)


def _cents_text(value) -> str:
    return format_cents(value)


def cents_column(key: str, title: str) -> Column:
    """Amounts kept as integer cents in the rows (big grids fetch them raw): "1.234,50 €"."""
    return Column(key, title, "right", _cents_text)


def _natural_key(value: Any) -> Any:
    # Strings compare case-insensitively; everything else by its own ordering.
    if isinstance(value, str):
        return value.casefold()
    return value


class RowTableModel(QAbstractTableModel):
    """Rows are tuples of raw values in column order, each with an optional id."""

    rows_loaded = Signal()   # set_rows: new rows (a filter bar rebuilds its choices)

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._aligns = [_ALIGN[c.align] for c in self._columns]
        self._rows: list[tuple] = []
        self._ids: list[Hashable | None] = []
        self._display: list[list[str] | None] = []
        self._hay: list[str] | None = None
        self._order: list[int] = []     # all source rows in sort order
        self._visible: list[int] = []   # the filtered subset of _order
        self._filter_words: list[str] = []
        # Filters by value (ui/common/filters.py): {column: value}, {column: (low, high)} on
        # the raw values, and the ids a query selected; combined with the search words.
        self._equal: dict[int, Any] = {}
        self._ranges: dict[int, tuple[Any, Any]] = {}
        self._only_ids: set | None = None
        self._search_extra: dict = {}   # id -> text searched but not shown (serial numbers)
        self._generation = 0
        self._sort_column = -1
        self._sort_order = Qt.AscendingOrder

    # -- data loading -------------------------------------------------------
    def set_rows(self, rows: Iterable[Sequence[Any]],
                 ids: Iterable[Hashable] | None = None) -> None:
        rows = list(map(tuple, rows))   # in C: a tuple is passed through as it is
        ncols = len(self._columns)
        if set(map(len, rows)) - {ncols}:
            bad = next(r for r in rows if len(r) != ncols)
            raise ValueError(f"Riga con {len(bad)} valori, attese {ncols} colonne: {bad!r}")
        ids_list = list(ids) if ids is not None else [None] * len(rows)
        if len(ids_list) != len(rows):
            raise ValueError("ids e rows devono avere la stessa lunghezza")
        self.beginResetModel()
        self._rows, self._ids = rows, ids_list
        self._display = [None] * len(rows)
        self._hay = None
        self._generation += 1
        if len(rows) > HAY_CHUNK and QCoreApplication.instance() is not None:
            # Build the search text in idle time, so the first search is as quick as the next;
            # start after the first paint, in steps short enough not to be felt.
            QTimer.singleShot(HAY_START_MS, self,
                              partial(self._build_hay_chunk, self._generation, 0))
        self._order = self._sorted_order(self._sort_column, self._sort_order)
        self._visible = self._apply_filter(self._order)
        self.endResetModel()
        self.rows_loaded.emit()

    def set_search_extra(self, texts: dict) -> None:
        """Text searched with a row but not shown in it, by row id (serial and invoice
        numbers); set before ``set_rows``."""
        self._search_extra = texts
        self._hay = None

    def set_value_filters(self, equal: dict[int, Any] | None = None,
                          ranges: dict[int, tuple[Any, Any]] | None = None,
                          ids: set | None = None) -> None:
        """Rows whose column equals the value, within the range (None: open), and among
        ``ids`` (None: any); the search words apply on top."""
        equal, ranges = dict(equal or {}), dict(ranges or {})
        if (equal, ranges, ids) == (self._equal, self._ranges, self._only_ids):
            return   # the same filters (a reload re-applies them): no second reset
        self.beginResetModel()
        self._equal, self._ranges = equal, ranges
        self._only_ids = ids
        self._visible = self._apply_filter(self._order)
        self.endResetModel()

    def distinct(self, columns: Sequence[int]) -> set[tuple]:
        """The different value tuples of these columns among all the rows (the choices of a
        filter)."""
        if len(columns) == 1:
            return {(v,) for v in map(itemgetter(columns[0]), self._rows)}
        return set(map(itemgetter(*columns), self._rows))

    def column_sample(self, column: int) -> Any:
        """A non-empty raw value of the column (its type decides how a range compares)."""
        return next((r[column] for r in self._rows if r[column] is not None), None)

    def set_filter(self, text: str) -> None:
        words = fold(text or "").split()
        if words == self._filter_words:
            return
        self.beginResetModel()
        self._filter_words = words
        self._visible = self._apply_filter(self._order)
        self.endResetModel()

    # -- helpers --------------------------------------------------------------
    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def row(self, view_row: int) -> tuple:
        return self._rows[self._visible[view_row]]

    def row_id(self, view_row: int) -> Hashable | None:
        return self._ids[self._visible[view_row]]

    def view_row_of_id(self, row_id: Hashable) -> int | None:
        """Where a given id is shown now (e.g. to re-select it after a reload)."""
        for view_row, src in enumerate(self._visible):
            if self._ids[src] == row_id:
                return view_row
        return None

    def _display_row(self, src: int) -> list[str]:
        shown = self._display[src]
        if shown is None:
            shown = self._display[src] = [c.fmt(v) for c, v in zip(self._columns, self._rows[src])]
        return shown

    def _hay_text(self, src: int) -> str:
        extra = self._search_extra.get(self._ids[src]) if self._search_extra else None
        shown = "\t".join(self._display_row(src))
        return fold(f"{shown}\t{extra}" if extra else shown)

    def _build_hay_chunk(self, generation: int, start: int) -> None:
        if generation != self._generation:
            return  # rows replaced meanwhile
        n = len(self._rows)
        if self._hay is None:
            self._hay = []
        end = min(start + HAY_CHUNK, n)
        self._hay.extend(self._hay_text(i) for i in range(len(self._hay), end))
        if end < n:
            QTimer.singleShot(0, self, partial(self._build_hay_chunk, generation, end))

    def _haystack(self) -> list[str]:
        hay = self._hay if self._hay is not None else []
        if len(hay) < len(self._rows):
            hay.extend(self._hay_text(i) for i in range(len(hay), len(self._rows)))
        self._hay = hay
        return hay

    def display_text(self, view_row: int, column: int) -> str:
        return self._display_row(self._visible[view_row])[column]

    def row_count_total(self) -> int:
        return len(self._rows)

    def visible_count(self) -> int:
        return len(self._visible)

    def sort_column(self) -> int:
        return self._sort_column

    # -- Qt model interface ---------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        if role == _DISPLAY or role == _TOOLTIP:
            text = self._display_row(self._visible[index.row()])[index.column()]
            return text if (role == _DISPLAY or text) else None
        if role == _ALIGNMENT:
            return self._aligns[index.column()]
        if role == _SORT:
            return self._rows[self._visible[index.row()]][index.column()]
        return None

    def headerData(self, section, orientation, role=_DISPLAY):
        if orientation == _HORIZONTAL and 0 <= section < len(self._columns):
            if role == _DISPLAY:
                return self._columns[section].title
            if role == _ALIGNMENT:
                return self._aligns[section]
        elif role == _DISPLAY:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort by raw value; column -1 restores the loading order."""
        if column >= len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        old_visible = self._visible
        persistent = self.persistentIndexList()
        self._sort_column, self._sort_order = column, Qt.SortOrder(order)
        self._order = self._sorted_order(column, self._sort_order)
        self._visible = self._apply_filter(self._order)
        # Keep selections/current index on the same data rows, not the same positions.
        if persistent:
            new_pos = {src: i for i, src in enumerate(self._visible)}
            new_indexes = []
            for idx in persistent:
                src = old_visible[idx.row()]
                new_indexes.append(self.index(new_pos[src], idx.column()))
            self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()

    # -- internals -------------------------------------------------------------
    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        n = len(self._rows)
        if column < 0:
            return list(range(n))
        values = [r[column] for r in self._rows]
        present = [i for i, v in enumerate(values) if v is not None]
        missing = [i for i, v in enumerate(values) if v is None]
        descending = order == Qt.DescendingOrder
        key = self._columns[column].sort_key
        if key is None and present and isinstance(values[present[0]], str):
            key = _natural_key
        # Keys computed once into a list; the sort then looks them up in C.
        keys = values if key is None else [None if v is None else key(v) for v in values]
        try:
            present.sort(key=keys.__getitem__, reverse=descending)
        except TypeError:
            # Mixed types in one column: fall back to the shown text rather than crash.
            present.sort(key=lambda i: self._display_row(i)[column].casefold(), reverse=descending)
        return present + missing  # None always last, whatever the direction

    def _apply_filter(self, order: list[int]) -> list[int]:
        words = self._filter_words
        matches = self._apply_value_filters(order)
        if not words:
            return list(matches)
        hay = self._haystack()
        # One pass per word over a shrinking list: cheaper than all() per row.
        for w in words:
            matches = [i for i in matches if w in hay[i]]
        return list(matches)

    def _apply_value_filters(self, order: list[int]) -> list[int]:
        rows, matches = self._rows, order
        for col, value in self._equal.items():
            matches = [i for i in matches if rows[i][col] == value]
        for col, (low, high) in self._ranges.items():
            if low is not None:
                matches = [i for i in matches if rows[i][col] is not None
                           and rows[i][col] >= low]
            if high is not None:
                matches = [i for i in matches if rows[i][col] is not None
                           and rows[i][col] <= high]
        if self._only_ids is not None:
            ids, keep = self._ids, self._only_ids
            matches = [i for i in matches if ids[i] in keep]
        return matches
