"""The base of every list screen: title, toolbar, search box, table (or empty state), count."""
from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission, allowed
from .filters import FilterBar
from .refresh import RefreshOnChange
from .search import SearchBox
from .table_model import Column, RowTableModel
from .table_view import EmptyStateTable, fit_columns, install_row_menu, shrink_to_width
from .widgets import install_wheel_guard


@contextmanager
def _collector_paused():
    """Loading 100,000 rows creates 200,000 tuples that all stay alive: the cyclic garbage
    collector, run every few hundred allocations, would walk them again and again for nothing
    (a tenth of the loading time). It resumes, without a collection, as soon as they are in."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class EnterOpens(QObject):
    """Enter or Return on the table opens the current row, as a double-click does."""

    def __init__(self, table, slot: Callable[[], None]):
        super().__init__(table)
        self.slot = slot
        table.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter) \
                and not event.modifiers() & ~Qt.KeypadModifier:
            self.slot()
            return True
        return False


class TableTab(QWidget):
    """A titled table with search. Subclasses give columns and ``load_rows()``."""

    area = ""        # the area whose data the screen shows (iiss_desktop.areas)
    # One of several pages of the area's tab: the column widths are kept per page, not per
    # area (the pages have different columns).
    page_of_area = False
    title = ""
    intro = ""
    empty_text = "Nessun elemento da mostrare."
    columns: Sequence[Column] = ()
    extended_selection = False   # True: several rows at once (Ctrl/Shift + click)
    filters: Sequence = ()       # FilterSpec (ui/common/filters.py): a bar under the search

    def __init__(self, db, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.events = db, events
        self.model = RowTableModel(self.columns, self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.search = SearchBox(self)
        self.search.setMaximumWidth(320)
        self.search.connect_model(self.model)
        self.table_area = EmptyStateTable(self.model, self.empty_text, self,
                                          extended_selection=self.extended_selection)
        self.table = self.table_area.table
        self.table_area.search_text = lambda: self.search.text().strip()
        self.table_area.filters_on = lambda: bool(
            getattr(self, "filter_bar", None) and self.filter_bar.values())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        heading = QLabel(f"<h2>{self.title}</h2>", self)
        intro = QLabel(self.intro, self)
        intro.setWordWrap(True)
        intro.setObjectName("introLabel")
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if self.intro:
            layout.addWidget(intro)
        layout.addLayout(top)
        self.filter_bar = FilterBar(self, self.filters) if self.filters else None
        if self.filter_bar is not None:
            layout.addWidget(self.filter_bar)
        layout.addWidget(self.table_area, 1)
        layout.addWidget(self.count_label)
        self.model.modelReset.connect(self._update_count)
        # A reset drops the selection without selectionChanged: actions must follow.
        self.model.modelReset.connect(self._on_selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self._enter = EnterOpens(self.table, self._on_enter)   # Enter, as a double-click
        self._actions: list[QAction] = []
        self._permissions: dict[QAction, tuple[Permission | None, str]] = {}
        self._menus: dict[str, QMenu] = {}
        self.setup_actions()
        # Ctrl+F: an action like the others, so that the Azioni menu and Scorciatoie list it.
        self.find_action = QAction("Cerca", self)
        self.find_action.setShortcut(QKeySequence.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.addAction(self.find_action)
        install_row_menu(self.table, self.row_actions)
        install_wheel_guard()
        self._sized = False
        self.changes = RefreshOnChange(self, events, self.area) if self.area else None
        self.refresh()

    # --- for subclasses --------------------------------------------------------------
    def setup_actions(self) -> None:
        """Add toolbar actions with ``add_action``."""

    def load_rows(self) -> tuple[list[tuple], list]:
        """Return (rows as tuples in column order, ids)."""
        return [], []

    def on_activated(self, row_id) -> None:
        """Double click / Enter on a row."""

    def selection_changed(self) -> None:
        """Enable or disable actions that need a selected row."""

    # --- shared behaviour ------------------------------------------------------------
    def add_action(self, text: str, slot: Callable, *, needs_selection: bool = False,
                   shortcut: str | None = None, tooltip: str = "",
                   menu: str | None = None,
                   permission: Permission | str | None = None,
                   on_rows: bool | None = None) -> QAction:
        """A toolbar button, or an entry of the toolbar's drop-down ``menu`` (created on first
        use, in the order of the calls) when a tab has more actions than fit in a row.

        With ``permission`` (a Permission or its code, e.g. "inventory.carico") the action is
        disabled for a user who lacks it, its tooltip naming the permission; checked again at
        every reload (a change of user reloads every screen). The service checks it anyway.

        ``on_rows``: listed in the rows' context menu (by default: when it needs a selection;
        True also for actions that only use the selection, e.g. a print of the selected rows)."""
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(shortcut)
        if tooltip:
            action.setToolTip(tooltip)
        action.triggered.connect(slot)
        action.setProperty("needs_selection", needs_selection)
        action.setProperty("on_rows", needs_selection if on_rows is None else on_rows)
        if needs_selection:
            action.setEnabled(False)
        if isinstance(permission, str):
            from ...areas import permission as permission_of
            permission = permission_of(permission)
        self._permissions[action] = (permission, tooltip)
        self._actions.append(action)
        # On the tab itself: its shortcut works from anywhere in the window while the tab is
        # shown (a hidden tab's do not), also for the entries of a drop-down.
        self.addAction(action)
        if menu is None:
            self.toolbar.addAction(action)
            # A toolbar's buttons take no focus by default: reachable with Tab, as a form's.
            self.toolbar.widgetForAction(action).setFocusPolicy(Qt.TabFocus)
        else:
            self._menu(menu).addAction(action)
        return action

    def menu_groups(self) -> list[tuple[str | None, list[QAction]]]:
        """Every action of the tab, grouped as in the toolbar: (None, the buttons), then one
        (title, entries) per drop-down, then the search. The Azioni menu is built from it."""
        buttons = [a for a in self._actions
                   if not any(a in m.actions() for m in self._menus.values())]
        return ([(None, buttons)] + [(t, list(m.actions())) for t, m in self._menus.items()]
                + [(None, [self.find_action])])

    def all_actions(self) -> list[QAction]:
        return [*self._actions, self.find_action]

    def row_actions(self) -> list[QAction]:
        """What the context menu of the rows lists: the actions about the selection."""
        return [a for a in self._actions if a.property("on_rows")]

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def _menu(self, title: str) -> QMenu:
        if title not in self._menus:
            button = QToolButton(self.toolbar)
            # The style draws the drop-down arrow: no "▾" in the text (it showed two).
            button.setText(title)
            button.setPopupMode(QToolButton.InstantPopup)
            button.setFocusPolicy(Qt.TabFocus)
            button.setObjectName(f"menu_{title}")
            menu = QMenu(title, button)
            menu.setToolTipsVisible(True)    # a disabled entry says which permission it needs
            button.setMenu(menu)
            self.toolbar.addWidget(button)
            self._menus[title] = menu
        return self._menus[title]

    MAX_COLUMN_WIDTH = 360

    def refresh(self) -> None:
        with _collector_paused():
            rows, ids = self.load_rows()
            self.model.set_rows(rows, ids)
        self._update_count()
        self._on_selection_changed()   # the user may have changed: permissions again
        if not self._sized and rows:
            self._size_columns()

    def _columns_key(self) -> str:
        if self.page_of_area:
            return f"columns/{self.area}-{type(self).__name__}"
        return f"columns/{self.area or type(self).__name__}"

    def save_columns(self, settings) -> None:
        """The widths the clerk left, for the next session (MainWindow.closeEvent)."""
        if self._sized:
            header = self.table.horizontalHeader()
            settings.setValue(self._columns_key(), ",".join(
                str(header.sectionSize(c)) for c in range(header.count())))

    def _size_columns(self) -> None:
        self._sized = True
        from .settings import app_settings

        saved = str(app_settings().value(self._columns_key(), "") or "").split(",")
        if len(saved) == len(self.columns) and all(w.isdigit() for w in saved):
            header = self.table.horizontalHeader()
            for col, width in enumerate(saved):
                header.resizeSection(col, int(width))
            return
        fit_columns(self.table, self.MAX_COLUMN_WIDTH)
        self._fit_width = True   # once the view has its width (resizeEvent)
        header = self.table.horizontalHeader()
        for col, column in enumerate(self.columns):
            if column.max_width and header.sectionSize(col) > column.max_width:
                header.resizeSection(col, column.max_width)

    _fit_width = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_to_view()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit_to_view()

    def _fit_to_view(self) -> None:
        """The first time the table is shown after fitting its columns: every column within
        the view's width, no horizontal scrolling on a 1280 or 1366 pixel screen."""
        if self._fit_width and self.isVisible():
            self.layout().activate()
            width = self.table.viewport().width()
            if width > 200:
                self._fit_width = False
                shrink_to_width(self.table, width)

    def selected_ids(self) -> list:
        return [self.model.row_id(i.row()) for i in self.table.selectionModel().selectedRows()]

    def selected_id(self):
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.row_id(indexes[0].row())

    def _update_count(self, *args) -> None:
        total, shown = self.model.row_count_total(), self.model.visible_count()
        self.count_label.setText(f"{shown} di {total} righe" if shown != total
                                 else f"{total} righe")

    def permitted(self, action: QAction) -> bool:
        """Whether the current user holds the permission of ``action`` (True if it has none)."""
        permission = self._permissions.get(action, (None, ""))[0]
        return permission is None or allowed(self.db.current_user, permission)

    def _on_selection_changed(self, *args) -> None:
        has = self.selected_id() is not None
        me = self.db.current_user
        for action in self._actions:
            permission, tooltip = self._permissions.get(action, (None, ""))
            if permission is None and not action.property("needs_selection"):
                continue
            may = permission is None or allowed(me, permission)
            if permission is not None:
                missing = f"Serve il permesso «{permission.label}»."
                action.setToolTip(tooltip if may else
                                  (f"{tooltip}\n{missing}" if tooltip else missing))
            action.setEnabled(may and (has or not action.property("needs_selection")))
        self._update_menu_buttons()
        self.selection_changed()

    def _update_menu_buttons(self) -> None:
        """A drop-down whose every entry is disabled is disabled itself, saying why: a clerk
        should not open a menu to find nothing to do in it."""
        for title, menu in self._menus.items():
            entries = [a for a in menu.actions() if not a.isSeparator()]
            button = menu.parent()
            if any(a.isEnabled() for a in entries):
                button.setEnabled(True)
                button.setToolTip("")
                continue
            button.setEnabled(False)
            if all(self.permitted(a) for a in entries):
                button.setToolTip("Selezionare prima una o più righe.")
            else:
                button.setToolTip(f"Nessuna voce di «{title}» è disponibile: servono permessi "
                                  "che l'utente attuale non ha.")

    def _on_enter(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._on_double_clicked(index)

    def _on_double_clicked(self, index) -> None:
        row_id = self.model.row_id(index.row())
        if row_id is not None:
            self.on_activated(row_id)
