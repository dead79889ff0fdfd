"""What the pages of the «Emergenza» window share: a page with a table of plain rows, its
buttons (each with its shortcut and, where it writes, the permission it needs), and the form
that asks the reason of an annulment."""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.access import Permission, allowed
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm
from ..common.table_model import Column, RowTableModel
from ..common.table_view import EmptyStateTable


@dataclass(frozen=True)
class PageAction:
    name: str
    text: str                       # with its «&» mnemonic
    slot: Callable[[], object]
    shortcut: str = ""
    permission: Permission | None = None
    needs_selection: bool = False
    tooltip: str = ""


class TablePage(QWidget):
    """A page: an optional bar (``build_bar``), a summary line, the table, the buttons.
    Subclasses give ``columns``, ``empty_text``, ``load()`` -> (rows, ids) and ``actions()``."""

    columns: Sequence[Column] = ()
    empty_text = "Nessun elemento."
    MAX_COLUMN = 280     # pixels: a long text is elided, whole in the tooltip

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.records: dict[Hashable, object] = {}
        layout = QVBoxLayout(self)
        bar = self.build_bar()
        if bar is not None:
            layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("pageSummary")
        layout.addWidget(self.summary)
        self.model = RowTableModel(self.columns, self)
        self.area = EmptyStateTable(self.model, self.empty_text, self)
        self.table = self.area.table
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.area, 1)
        self.buttons: dict[str, QPushButton] = {}
        self._actions = list(self.actions())
        row = QHBoxLayout()
        for action in self._actions:
            button = QPushButton(action.text, self)
            button.setAutoDefault(False)
            tip = action.tooltip
            if action.shortcut:
                button.setShortcut(QKeySequence(action.shortcut))
                key = QKeySequence(action.shortcut).toString(QKeySequence.NativeText)
                tip = f"{tip} ({key})" if tip else key
            button.setToolTip(tip)
            button.clicked.connect(partial(self._run, action))
            row.addWidget(button)
            self.buttons[action.name] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    # --- for subclasses ----------------------------------------------------------------------
    def build_bar(self) -> QHBoxLayout | None:
        return None

    def load(self) -> tuple[list[tuple], list[Hashable]]:
        return [], []

    def actions(self) -> Sequence[PageAction]:
        return ()

    def summary_text(self) -> str:
        return ""

    # --- shared ------------------------------------------------------------------------------
    @report_errors
    def refresh(self, *_args) -> None:
        keep = self.selected_key()
        rows, ids = self.load()
        self.model.set_rows(rows, ids)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for col in range(self.model.columnCount()):
            if header.sectionSize(col) > self.MAX_COLUMN:
                header.resizeSection(col, self.MAX_COLUMN)
        text = self.summary_text()
        self.summary.setText(text)
        self.summary.setVisible(bool(text))
        if keep is not None:
            row = self.model.view_row_of_id(keep)
            if row is not None:
                self.table.selectRow(row)
        self._update_buttons()

    def selected_key(self) -> Hashable | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def selected(self):
        key = self.selected_key()
        return self.records.get(key) if key is not None else None

    def may(self, permission: Permission | None) -> bool:
        return permission is None or allowed(self.db.current_user, permission)

    def _update_buttons(self, *_args) -> None:
        chosen = self.selected() is not None
        for action in self._actions:
            ok = self.may(action.permission) and (chosen or not action.needs_selection)
            self.buttons[action.name].setEnabled(ok)
            if action.permission is not None and not self.may(action.permission):
                self.buttons[action.name].setToolTip(
                    f"Serve il permesso «{action.permission.label}».")

    @report_errors
    def _run(self, action: PageAction, *_args) -> None:
        if self.buttons[action.name].isEnabled():
            action.slot()


def notify(widget: QWidget, text: str) -> None:
    """What was just done, in the Emergenza window's status line (and in the main window's
    status bar when there is one)."""
    window = widget.window()
    if hasattr(window, "show_status"):
        window.show_status(text)
    confirm(widget, text)


def ask_reason(parent, title: str, intro: str, on_submit: Callable[[str], object]):
    """The reason of an annulment (required); ``on_submit(reason)`` runs the service."""
    spec = FieldSpec("annul_reason", "Motivo dell'annullamento", required=True, max_length=300)
    return FormDialog.ask(parent, title, [spec], on_submit=lambda v: on_submit(
        v["annul_reason"]) or True, intro=intro)
