"""Search field with a debounce, so filtering 100k rows does not run on every keystroke."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 200


class SearchBox(QLineEdit):
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, debounce_ms: int = DEBOUNCE_MS,
                 placeholder: str = "Cerca…"):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._on_text_changed)
        self.returnPressed.connect(self.flush)
        self._last_emitted = ""

    def connect_model(self, model) -> None:
        """Shortcut: ``box.connect_model(row_table_model)``."""
        self.search_changed.connect(model.set_filter)

    def flush(self) -> None:
        """Emit now (Enter, or the debounce expired)."""
        self._timer.stop()
        text = self.text().strip()
        if text != self._last_emitted:
            self._last_emitted = text
            self.search_changed.emit(text)

    def _on_text_changed(self, text: str) -> None:
        if not text:
            self.flush()  # clearing is cheap and expected to be immediate
        else:
            self._timer.start()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)
