"""What was just recorded, said in the main window's status bar («Richiesta n. 141/2026
registrata.»), with the print of its document one click (or Alt+letter) away: no question
box to answer after every save."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

SHOWN_MS = 30_000   # long enough to read it and decide to print


def confirm(widget: QWidget, text: str, action_text: str = "",
            action: Callable[[], object] | None = None) -> QPushButton | None:
    """Show ``text`` in the status bar of ``widget``'s main window and, with ``action``, a
    button beside it; both go at the next confirmation or after SHOWN_MS. Returns the button.
    A widget outside a main window (a test, a dialog on its own) shows nothing."""
    window = widget.window()
    bar = window.statusBar() if hasattr(window, "statusBar") else None
    if bar is None:
        return None
    old = getattr(bar, "_iiss_action", None)
    if old is not None:
        bar.removeWidget(old)
        old.deleteLater()
        bar._iiss_action = None
    bar.showMessage(text, SHOWN_MS)
    if action is None:
        return None
    button = QPushButton(action_text, bar)
    button.setObjectName("statusAction")
    button.setFlat(True)
    button.clicked.connect(lambda: action())
    bar.addWidget(button)
    bar._iiss_action = button

    def remove() -> None:
        if getattr(bar, "_iiss_action", None) is button:
            bar.removeWidget(button)
            button.deleteLater()
            bar._iiss_action = None

    QTimer.singleShot(SHOWN_MS, button, remove)
    return button
