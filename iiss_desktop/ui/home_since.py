"""The start page's section «Dalla tua ultima apertura»: what changed since the user's
previous start (queries/home_since.py), by area; a click on a line opens where it is
handled, «Nascondi» hides it for this user only (services/home.py)."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import format_date, format_datetime
from ..queries.home_since import SinceReport, since_lines
from .common.dialogs import report_errors

EMPTY = "Nessuna novità dalla tua ultima apertura."
FIRST = "Prima apertura del programma: le novità compariranno dalla prossima."
KEY_ROLE = Qt.UserRole
TARGET_ROLE = Qt.UserRole + 1
LINK = QColor("#0b5cad")
MAX_ROWS = 12


def _when(value) -> str:
    return format_datetime(value) if isinstance(value, datetime) else format_date(value)


class SinceSection(QWidget):
    """Emits ``open_target`` with a line's target (an area's name) when it is clicked."""

    open_target = Signal(str)

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.report = SinceReport(None)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.RichText)
        self.hide_all = QPushButton("Nascondi tutto", self)
        self.hide_all.setToolTip("Nasconde tutte le novità elencate, soltanto per te")
        self.hide_all.clicked.connect(self._hide_all)
        self.empty = QLabel(EMPTY, self)
        self.empty.setStyleSheet("color: #605e5c;")
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Novità", "Quando", ""])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.hide_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)

    def refresh(self) -> None:
        self.report = report = since_lines(self.db)
        when = f" ({format_datetime(report.since)})" if report.since else ""
        self.title.setText(f"<h3>Dalla tua ultima apertura{when}</h3>")
        self.tree.clear()
        link_font = QFont(self.tree.font())
        link_font.setUnderline(True)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group in report.groups:
            head = QTreeWidgetItem(self.tree, [group.area])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemIsEnabled)
            head.setFirstColumnSpanned(True)
            for line in group.lines:
                item = QTreeWidgetItem(head, [line.text, _when(line.when), ""])
                item.setData(0, KEY_ROLE, line.key)
                item.setData(0, TARGET_ROLE, line.target)
                item.setFont(0, link_font)
                item.setForeground(0, QBrush(LINK))
                item.setToolTip(0, "Fare clic per aprire dove si tratta")
                self.tree.setItemWidget(item, 2, self._hide_button(line.key))
            if group.more:
                more = QTreeWidgetItem(head, [f"e altre {group.more}"])
                more.setFlags(Qt.ItemIsEnabled)
                more.setForeground(0, QBrush(QColor("#605e5c")))
        self.tree.expandAll()
        self._fit_height()
        has_lines = bool(report.groups)
        self.tree.setVisible(has_lines)
        self.hide_all.setVisible(has_lines)
        self.empty.setVisible(not has_lines)
        self.empty.setText(EMPTY if report.since else FIRST)

    def _fit_height(self) -> None:
        """As tall as its lines, up to MAX_ROWS: a few novità leave the room to the
        deadlines below; more scroll."""
        rows = sum(1 + self.tree.topLevelItem(i).childCount()
                   for i in range(self.tree.topLevelItemCount()))
        row = max(self.tree.sizeHintForRow(0), self.tree.fontMetrics().height() + 6)
        shown = min(max(rows, 1), MAX_ROWS)
        self.tree.setFixedHeight(self.tree.header().sizeHint().height() + shown * row
                                 + 2 * self.tree.frameWidth() + 4)

    def _hide_button(self, key: str) -> QPushButton:
        button = QPushButton("Nascondi", self.tree)
        button.setToolTip("Nasconde questa riga, soltanto per te")
        button.setFlat(True)
        button.setStyleSheet("QPushButton { color: #0b5cad; padding: 0 6px; }")
        button.setCursor(Qt.PointingHandCursor)
        button.clicked.connect(lambda _checked=False, k=key: self.dismiss([k]))
        return button

    def _clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if target and column != 2:
            self.open_target.emit(target)

    def _hide_all(self) -> None:
        self.dismiss(self.report.keys)

    @report_errors
    def dismiss(self, keys: list[str]) -> None:
        from ..services.home import dismiss_since_lines

        dismiss_since_lines(self.db, keys)
        self.refresh()
