"""QTableView set up for big in-memory models, plus an empty-state wrapper."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedLayout,
    QTableView,
    QWidget,
)

ROW_HEIGHT = 24


def make_table_view(model: QAbstractItemModel, parent: QWidget | None = None, *,
                    extended_selection: bool = False) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.ExtendedSelection if extended_selection
                          else QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # A text longer than its column keeps both ends ("Scuola sec…«Manzoni»"): plessi and
    # people share their first words; the whole text is in the cell's tooltip.
    view.setTextElideMode(Qt.ElideMiddle)
    vheader = view.verticalHeader()
    # Fixed row height: Qt never has to measure 100k rows to lay them out.
    vheader.setSectionResizeMode(QHeaderView.Fixed)
    vheader.setDefaultSectionSize(ROW_HEIGHT)
    vheader.setMinimumSectionSize(ROW_HEIGHT)
    vheader.hide()
    hheader = view.horizontalHeader()
    # Auto-sizing columns looks at 50 rows at most instead of all of them.
    hheader.setResizeContentsPrecision(50)
    hheader.setStretchLastSection(True)
    hheader.setHighlightSections(False)
    hheader.setSortIndicatorShown(True)
    # Start unsorted (loading order); enabling sorting then calls model.sort(-1).
    hheader.setSortIndicator(-1, Qt.AscendingOrder)
    view.setSortingEnabled(True)
    return view


class EmptyStateTable(QWidget):
    """The table, or a centered message when the model has no rows to show."""

    def __init__(self, model: QAbstractItemModel, empty_text: str = "Nessun elemento da mostrare",
                 parent: QWidget | None = None, *, extended_selection: bool = False):
        super().__init__(parent)
        self.model = model
        self.empty_text = empty_text
        # What the search box holds and whether filters are chosen (the tab's): a search
        # without hits names the words searched.
        self.search_text: Callable[[], str] = lambda: ""
        self.filters_on: Callable[[], bool] = lambda: False
        self.table = make_table_view(model, self, extended_selection=extended_selection)
        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("emptyStateLabel")
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            sig.connect(self._refresh)
        self._refresh()

    def is_empty_shown(self) -> bool:
        return self._stack.currentWidget() is self.empty_label

    FILTERED_TEXT = "Nessuna riga corrisponde alla ricerca o ai filtri scelti."

    def _refresh(self, *args) -> None:
        empty = self.model.rowCount() == 0
        # Rows hidden by the search or the filters are not an empty archive: say so.
        total = getattr(self.model, "row_count_total", None)
        filtered = empty and total is not None and total() > 0
        words = self.search_text() if filtered else ""
        also = " con i filtri scelti" if words and self.filters_on() else ""
        self.empty_label.setText(f"Nessun risultato per «{words}»{also}." if words else
                                 self.FILTERED_TEXT if filtered else self.empty_text)
        self._stack.setCurrentWidget(self.empty_label if empty else self.table)


def install_row_menu(view: QTableView, actions: Callable[[], list[QAction]]) -> None:
    """The context menu of the rows (right click, Menu key, Shift+F10): the ``actions()``
    about the selection, enabled as in the toolbar. A right click on a row outside the
    selection selects it first, as in the file manager."""
    view.setContextMenuPolicy(Qt.CustomContextMenu)

    def show(pos) -> None:
        entries = actions()
        if not entries:
            return
        index = view.indexAt(pos)
        if index.isValid() and not view.selectionModel().isRowSelected(index.row()):
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        menu = QMenu(view)
        menu.setObjectName("rowMenu")
        menu.setToolTipsVisible(True)      # a disabled entry says which permission it needs
        menu.setAttribute(Qt.WA_DeleteOnClose)
        menu.addActions(entries)
        menu.popup(view.viewport().mapToGlobal(pos))

    view.customContextMenuRequested.connect(show)


def fit_columns(view: QTableView, max_width: int = 360) -> None:
    """Fit columns to their content (Qt samples at most 50 rows), within a cap; a stretched
    last column only when it holds left-aligned text."""
    model = view.model()
    header = view.horizontalHeader()
    precision = header.resizeContentsPrecision()
    header.setResizeContentsPrecision(20)   # the first screenful is a fair sample
    view.resizeColumnsToContents()
    header.setResizeContentsPrecision(precision)
    last = model.columnCount() - 1
    align = model.headerData(last, Qt.Horizontal, Qt.TextAlignmentRole) if last >= 0 else None
    left = align is None or not (int(align) & int(Qt.AlignRight | Qt.AlignHCenter))
    header.setStretchLastSection(bool(left))
    for col in range(model.columnCount()):
        header.resizeSection(col, min(header.sectionSize(col) + 12, max_width))


def shrink_to_width(view: QTableView, width: int, floor: int = 110) -> None:
    """Columns wider than the view: the wide left-aligned text columns (descriptions, plessi,
    people) give up the excess in proportion, none below ``floor``; their texts are elided in
    the middle, whole in the tooltip. Numbers, dates and codes keep their width."""
    model, header = view.model(), view.horizontalHeader()
    sizes = [header.sectionSize(c) for c in range(header.count())]
    excess = sum(sizes) - width
    if excess <= 0:
        return

    def text_column(col: int) -> bool:
        align = model.headerData(col, Qt.Horizontal, Qt.TextAlignmentRole)
        return align is None or not (int(align) & int(Qt.AlignRight | Qt.AlignHCenter))

    wide = [c for c, size in enumerate(sizes) if size > floor and text_column(c)]
    room = sum(sizes[c] - floor for c in wide)
    if room <= 0:
        return
    share = min(1.0, excess / room)
    for c in wide:
        header.resizeSection(c, sizes[c] - int((sizes[c] - floor) * share + 0.999))
