"""The keyboard of the main window: the Azioni menu that follows the tab, and the
Aiuto › Scorciatoie dialog that lists every shortcut, read from the actions themselves (a
shortcut added to an action is documented without writing it twice)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# What the dialogs and grids do with the keyboard: the same in every window. «Shift» as the
# menus show it (Qt's Italian translation of the key names).
IN_DIALOGS = (
    ("Registrare o confermare, da qualsiasi campo", "Ctrl+Invio"),
    ("Chiudere (se ci sono modifiche chiede se salvarle)", "Esc"),
    ("Passare al campo o al pulsante successivo / precedente", "Tab / Shift+Tab"),
    ("Premere un pulsante", "Alt + lettera sottolineata"),
)
IN_LISTS = (
    ("Aprire la riga", "Invio / doppio clic"),
    ("Azioni sulle righe selezionate", "Menu / Shift+F10 / clic destro"),
    ("Selezionare più righe", "Ctrl+clic / Shift+clic"),
    ("Svuotare la ricerca", "Esc"),
)


def key_text(action: QAction) -> str:
    """The action's shortcuts as the menus show them (Italian, with the Qt translation); the
    Shift+Backtab twin of Shift+Tab, there for the keyboards that send it, is not repeated."""
    return " / ".join(s.toString(QKeySequence.NativeText) for s in action.shortcuts()
                      if s[0].key() != Qt.Key_Backtab)


def clean_text(action: QAction) -> str:
    return action.text().replace("&", "")


def fill_actions_menu(menu: QMenu, widget: QWidget) -> None:
    """The Azioni menu of the tab ``widget``: its toolbar buttons, one submenu per drop-down
    (the same QAction objects: enabled, tooltips and shortcuts as in the toolbar)."""
    for sub in menu.findChildren(QMenu):
        sub.deleteLater()
    menu.clear()
    groups = widget.menu_groups() if hasattr(widget, "menu_groups") else []
    for title, actions in groups:
        if not actions:
            continue
        if title is None:
            if menu.actions():
                menu.addSeparator()
            menu.addActions(actions)
        else:
            sub = menu.addMenu(title)
            sub.setToolTipsVisible(True)
            sub.addActions(actions)
    if not menu.actions():
        empty = menu.addAction("Nessuna azione in questa scheda")
        empty.setEnabled(False)


class ShortcutsDialog(QDialog):
    """Aiuto › Scorciatoie: sections (where, [(what, keys)]) in a two-column list."""

    def __init__(self, parent: QWidget | None, sections: list[tuple[str, list[tuple[str, str]]]]):
        super().__init__(parent)
        self.setWindowTitle("Scorciatoie da tastiera")
        self.resize(720, 600)
        intro = QLabel("Le azioni di ogni scheda sono anche nel menu <b>Azioni</b> e, per le "
                       "righe selezionate, nel menu che si apre con il tasto destro o il "
                       "tasto Menu.", self)
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Azione", "Tasti"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for section, rows in sections:
            if not rows:
                continue
            head = QTreeWidgetItem(self.tree, [section, ""])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            for what, keys in rows:
                QTreeWidgetItem(head, [what, keys])
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("&Chiudi")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def rows(self) -> dict[str, list[tuple[str, str]]]:
        """What is listed, by section (for tests)."""
        out = {}
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            out[head.text(0)] = [(head.child(j).text(0), head.child(j).text(1))
                                 for j in range(head.childCount())]
        return out


def with_keys(actions) -> list[tuple[str, str]]:
    return [(clean_text(a), key_text(a)) for a in actions if a.shortcuts()]
