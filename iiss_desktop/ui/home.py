"""Start page: the school, deadlines and alerts at a glance."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..domain.dates import format_date
from ..queries.home import home_items
from ..queries.school import get_heading
from .common.refresh import RefreshOnChange
from .common.table_model import Column, RowTableModel
from .common.table_view import EmptyStateTable
from .home_since import SinceSection

KIND_LABELS = {"scadenza": "Scadenza", "chiusura": "Chiusura", "avviso": "Avviso",
               "comodato": "Comodato", "magazzino": "Magazzino",
               "fattura": "Fattura", "durc": "DURC", "monitoraggio": "Monitoraggio"}


class HomeModel(RowTableModel):
    """Rows marked "warning" are shown in dark red."""

    def __init__(self, parent=None):
        super().__init__((Column("when", "Data", align="center", fmt=format_date,
                                 sort_key=lambda d: (d is None, d)),
                          Column("kind", "Tipo"), Column("title", "Descrizione"),
                          Column("detail", "Riferimento")), parent)
        self.levels: dict = {}

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ForegroundRole and index.isValid():
            if self.levels.get(self.row_id(index.row())) == "warning":
                return QBrush(QColor("#a4262c"))
            return None
        return super().data(index, role)


class HomePage(QWidget):
    area = "home"

    def __init__(self, db, events, parent=None):
        super().__init__(parent)
        self.db, self.events = db, events
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.RichText)
        self.heading.setWordWrap(True)
        self.model = HomeModel(self)
        self.table_area = EmptyStateTable(self.model, "Nessuna scadenza nei prossimi mesi.", self)
        self.table = self.table_area.table
        # Double click or Enter on an alert opens what it is about (the tab, the backup…).
        self.table.activated.connect(self._open_target)
        self.targets: dict[int, str] = {}
        # What changed since this user's previous start, by area (issue 19 item 5).
        self.since = SinceSection(db, self)
        self.since.open_target.connect(self._open_area)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.since)
        layout.addWidget(QLabel("<h3>Scadenze e avvisi</h3>", self))
        layout.addWidget(self.table_area, 1)
        self.refresh()
        self.changes = RefreshOnChange(self, events, self.area)

    def refresh(self) -> None:
        from ..paths import backups_dir

        h = get_heading(self.db)
        self.heading.setText(
            f"<h2>{h.denominazione}</h2><p>{h.address_line}<br>{h.codes_line}</p>"
            f"<p>Dirigente scolastico: <b>{h.dirigente or '—'}</b> &nbsp;·&nbsp; "
            f"DSGA: <b>{h.dsga or '—'}</b></p>")
        self.since.refresh()
        items = home_items(self.db, backups_dir=backups_dir())
        self.model.levels = {i: item.level for i, item in enumerate(items)}
        self.targets = {i: item.target for i, item in enumerate(items)}
        self.model.set_rows([(it.when, KIND_LABELS.get(it.kind, it.kind), it.title, it.detail)
                             for it in items], list(range(len(items))))
        for col in (0, 1, 2):
            self.table.resizeColumnToContents(col)
        self.table.setColumnWidth(2, min(self.table.columnWidth(2) + 12, 700))

    def _open_target(self, index) -> None:
        self._open_area(self.targets.get(self.model.row_id(index.row()), ""))

    def _open_area(self, target: str) -> None:
        window = self.window()
        if target and hasattr(window, "open_area"):
            window.open_area(target)
