"""The base of the dialogs that list rows: a title, an intro, a read-only table (or its empty
state), a row of action buttons and «Chiudi».

A subclass gives ``columns``, ``load()`` (the records, plain rows from ``queries``),
``row_of(record)`` (the values in column order) and ``actions()`` (the buttons, as data);
``intro_text()``, ``footer_text()`` and ``build_header()`` (widgets above the table) are
optional:

    class RolesDialog(ListDialog):
        title = "Consegnatario, sostituti e sub-consegnatari"
        columns = (Column("role", "Ruolo"), ...)

        def load(self):
            return list_roles(self.db)

        def row_of(self, r):
            return (r.role_title, ...)

        def actions(self):
            return [ListAction("appoint", "Nomina…", self.appoint),
                    ListAction("end", "Termina…", self.end_selected,
                               enabled_if=lambda role: role.current)]

Keyboard: Tab leaves the table for the buttons (it does not walk the cells), every button has
a mnemonic (Alt + the underlined letter), Enter and a double click on a row run the default
action (Enter never presses another button nor closes the list), Esc closes. ``refresh()``
reloads the rows and keeps the selected one selected.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import allowed
from .dialogs import exec_and_dispose, report_errors
from .table_model import Column, RowTableModel
from .table_view import EmptyStateTable

CLOSE_TEXT = "&Chiudi"


@dataclass(frozen=True)
class ListAction:
    """A button under the list.

    ``needs_selection``: enabled only while a row is selected. ``enabled_if(record)``: enabled
    only for a selected record it accepts (implies ``needs_selection``). ``default``: the
    action of a double click and of Enter on a row. ``permission`` (a code such as
    "inventory.custody"): disabled for a user without it, the tooltip naming it (the service
    refuses anyway). A ``text`` without "&" gets a mnemonic of its own (the first free
    initial of its words, else its first free letter)."""

    name: str
    text: str
    slot: Callable[[], Any]
    needs_selection: bool = False
    enabled_if: Callable[[Any], bool] | None = None
    default: bool = False
    tooltip: str = ""
    permission: str = ""

    @property
    def selection_needed(self) -> bool:
        return self.needs_selection or self.enabled_if is not None


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with an "&" before a letter not in ``used`` (which it then joins)."""
    if "&" in text:
        at = text.index("&") + 1
        if at < len(text):
            used.add(text[at].casefold())
        return text
    starts = [i for i, c in enumerate(text)
              if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]
    others = [i for i, c in enumerate(text) if c.isalnum() and i not in starts]
    for i in starts + others:
        if text[i].casefold() not in used:
            used.add(text[i].casefold())
            return text[:i] + "&" + text[i:]
    return text


class ListDialog(QDialog):
    """A list of records with its actions. Subclasses set the attributes below and give
    ``load()``, ``row_of()`` and ``actions()``; attributes a subclass needs in ``load()`` are
    set before calling ``super().__init__`` (the rows are loaded there)."""

    title = ""
    intro = ""                       # rich text above the table ("" = none)
    empty_text = "Nessun elemento da mostrare."
    columns: Sequence[Column] = ()
    default_size = (900, 420)
    wrap_rows = False                # short lists of long texts: rows as tall as their text
    stretch_column: int | None = None   # a column taking the room left (else the last one)

    def __init__(self, parent: QWidget | None, db, *, select: Hashable | None = None):
        super().__init__(parent)
        self.db = db
        self.changed = False          # something was saved: ``ask`` returns it
        self.records: dict[Hashable, Any] = {}
        self.setWindowTitle(self.window_title())
        self.resize(*self.default_size)
        self.model = RowTableModel(self.columns, self)

        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.intro_label.setObjectName("introLabel")
        layout.addWidget(self.intro_label)
        header = self.build_header()   # created before the table: first in the Tab order
        if isinstance(header, QLayout):
            layout.addLayout(header)
        elif header is not None:
            layout.addWidget(header)
        self.table_area = EmptyStateTable(self.model, self.empty_text, self)
        self.table = self.table_area.table
        self.table.setTabKeyNavigation(False)   # Tab goes on to the buttons
        if self.wrap_rows:
            self.table.setWordWrap(True)
            self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        if self.stretch_column is not None:
            header_view = self.table.horizontalHeader()
            header_view.setStretchLastSection(False)
            header_view.setSectionResizeMode(self.stretch_column, QHeaderView.Stretch)
        layout.addWidget(self.table_area, 1)
        self.footer_label = QLabel(self)
        self.footer_label.setWordWrap(True)
        self.footer_label.setObjectName("footerLabel")
        layout.addWidget(self.footer_label)

        self._actions = list(self.actions())
        self.buttons: dict[str, QPushButton] = {}
        used: set[str] = {"c"}   # Alt+C is «Chiudi»
        row = QHBoxLayout()
        for action in self._actions:
            button = QPushButton(with_mnemonic(action.text, used), self)
            if action.tooltip:
                button.setToolTip(action.tooltip)
            button.clicked.connect(partial(self._run, action))
            # Enter is dispatched in keyPressEvent: never to a button Qt picks by itself.
            button.setAutoDefault(False)
            if action.default:
                button.setDefault(True)   # shown as the action of Enter on a row
            self.buttons[action.name] = button
            row.addWidget(button)
        row.addStretch(1)
        self.close_box = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.close_button = self.close_box.button(QDialogButtonBox.Close)
        self.close_button.setText(CLOSE_TEXT)
        self.close_button.setAutoDefault(False)
        self.close_box.rejected.connect(self.reject)
        row.addWidget(self.close_box)
        layout.addLayout(row)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # A reset drops the selection without selectionChanged: the buttons must follow.
        self.model.modelReset.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.refresh()
        if select is not None:
            self.select(select)
        self.table.setFocus()

    # --- for subclasses ------------------------------------------------------------------------
    def window_title(self) -> str:
        return self.title

    def intro_text(self) -> str:
        """The text above the table, computed again at every ``refresh()``."""
        return self.intro

    def footer_text(self) -> str:
        """The text under the table (a total, a fingerprint), computed at every ``refresh()``."""
        return ""

    def build_header(self) -> QWidget | QLayout | None:
        """Widgets above the table (e.g. a date or a search box)."""
        return None

    def load(self) -> Iterable[Any]:
        """The records to list (plain rows from ``queries``)."""
        return []

    def row_of(self, record) -> tuple:
        """The values of a record in column order."""
        return tuple(record)

    def key_of(self, record) -> Hashable:
        """What identifies a record across reloads (to keep it selected)."""
        return record.id

    def actions(self) -> Sequence[ListAction]:
        return ()

    def size_columns(self) -> None:
        """Columns as wide as their text, within their ``max_width``."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for col, column in enumerate(self.columns):
            if column.max_width and header.sectionSize(col) > column.max_width:
                header.resizeSection(col, column.max_width)

    # --- shared behaviour ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the rows again, keeping the selected record selected."""
        keep = self.selected_key()
        records = list(self.load())
        keys = [self.key_of(r) for r in records]
        self.records = dict(zip(keys, records))
        self.model.set_rows([self.row_of(r) for r in records], keys)
        self.size_columns()
        for label, text in ((self.intro_label, self.intro_text()),
                            (self.footer_label, self.footer_text())):
            label.setText(text)
            label.setVisible(bool(text))
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def after_change(self) -> None:
        """Something was saved: note it for the caller and show it."""
        self.changed = True
        self.refresh()

    def select(self, key: Hashable) -> bool:
        row = self.model.view_row_of_id(key)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_key(self) -> Hashable | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def selected(self):
        """The selected record, or None."""
        key = self.selected_key()
        return self.records.get(key) if key is not None else None

    def default_action(self) -> ListAction | None:
        return next((a for a in self._actions if a.default), None)

    def _update_buttons(self, *args) -> None:
        record = self.selected()
        for action in self._actions:
            enabled = self._permitted(action)
            if action.selection_needed:
                enabled = enabled and record is not None and (
                    action.enabled_if is None or bool(action.enabled_if(record)))
            self.buttons[action.name].setEnabled(enabled)

    def _permitted(self, action: ListAction) -> bool:
        if not action.permission:
            return True
        from ...areas import permission as permission_of
        needed = permission_of(action.permission)
        may = allowed(self.db.current_user, needed)
        missing = f"Serve il permesso «{needed.label}»."
        self.buttons[action.name].setToolTip(
            action.tooltip if may else
            (f"{action.tooltip}\n{missing}" if action.tooltip else missing))
        return may

    @report_errors
    def _run(self, action: ListAction, *_checked) -> None:
        if not self.buttons[action.name].isEnabled():
            return
        action.slot()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Enter on a row runs the default action (if any, never another button, never
        «Chiudi»); Enter on a focused button presses that button."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not (
                event.modifiers() & ~Qt.KeypadModifier):
            focus = self.focusWidget()
            if focus is self.table:
                event.accept()
                self._on_double_clicked()
                return
            if isinstance(focus, QPushButton) and focus.isEnabled():
                event.accept()
                focus.click()
                return
        super().keyPressEvent(event)

    def _on_double_clicked(self, *_args) -> None:
        action = self.default_action()
        if action is not None:
            self._run(action)

    @classmethod
    def ask(cls, parent: QWidget | None, *args, **kwargs) -> bool:
        """Show the list until closed; True if something was saved meanwhile."""
        dialog = cls(parent, *args, **kwargs)
        exec_and_dispose(dialog)
        return dialog.changed
