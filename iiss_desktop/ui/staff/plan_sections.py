"""The text sections of the Piano delle attività: their titles on the left (in the order of
domain.staff.plan.SECTIONS, numbered as in the print), the text of the one chosen on the
right. A section left empty is grey, one changed and not yet saved is bold."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...queries.staff_plan import PlanSection

MAX_CHARS = 20000          # the service's limit of a section
EMPTY = QColor("#6b6b6b")


class SectionsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sections: list[PlanSection] = []
        self.saved: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.list = QListWidget(self)
        self.list.setObjectName("planSectionList")
        self.list.setAccessibleName("Sezioni del Piano")
        self.list.setWordWrap(True)
        self.list.setFixedWidth(330)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._show)
        self.title = QLabel(self)
        self.title.setObjectName("planSectionTitle")
        self.title.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("planSectionText")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText("Sezione da compilare: testo libero, una riga vuota "
                                       "separa i capoversi della stampa.")
        self.editor.textChanged.connect(self._typed)
        self.count = QLabel(self)
        self.count.setObjectName("planSectionCount")
        self.count.setAlignment(Qt.AlignRight)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.editor, 1)
        right.addWidget(self.count)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)

    def load(self, sections: Sequence[PlanSection]) -> None:
        current = self.current_key()
        self.sections = list(sections)
        self.saved = {s.key: s.text for s in sections}
        self.texts = dict(self.saved)
        self.list.blockSignals(True)
        self.list.clear()
        for n, section in enumerate(self.sections, 1):
            item = QListWidgetItem(f"{n}. {section.title}", self.list)
            item.setData(Qt.UserRole, section.key)
        self.list.blockSignals(False)
        keys = [s.key for s in self.sections]
        self.list.setCurrentRow(keys.index(current) if current in keys else 0)
        self._show(self.list.currentRow())
        self._marks()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def select(self, key: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole) == key:
                self.list.setCurrentRow(row)

    def set_editable(self, editable: bool) -> None:
        self.editor.setReadOnly(not editable)
        self.editor.setPlaceholderText(
            "Sezione da compilare: testo libero, una riga vuota separa i capoversi della "
            "stampa." if editable else "Sezione non compilata in questa versione.")

    def changed_texts(self) -> dict[str, str]:
        return {k: t for k, t in self.texts.items() if t != self.saved.get(k)}

    def state(self) -> tuple:
        return tuple(sorted(self.texts.items()))

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.sections):
            return
        section = self.sections[row]
        self.title.setText(f"<b>{row + 1}. {section.title}</b>")
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.texts[section.key])
        self.editor.blockSignals(False)
        self._count()

    def _typed(self) -> None:
        key = self.current_key()
        if key is None:
            return
        self.texts[key] = self.editor.toPlainText()
        self._count()
        self._marks()
        self.changed.emit()

    def _count(self) -> None:
        n = len(self.editor.toPlainText())
        text = f"{n:,} caratteri su {MAX_CHARS:,}".replace(",", ".")
        self.count.setText(f"<span style='color:#a61b1b'>{text}</span>" if n > MAX_CHARS
                           else text)

    def _marks(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = item.data(Qt.UserRole)
            modified = self.texts[key] != self.saved[key]
            font = QFont(self.list.font())
            font.setBold(modified)
            item.setFont(font)
            item.setForeground(QBrush(EMPTY) if not self.texts[key].strip()
                               else QBrush())
            item.setToolTip("Modificata, non ancora salvata" if modified else
                            "Da compilare" if not self.texts[key].strip() else "")
