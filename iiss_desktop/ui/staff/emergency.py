"""«Emergenza: organico Covid, pulizie, formazione» (issue 14 item 7): one window with three
pages: the organico Covid budget of a school year (notes of the USR, daily costs, contracts
with their cost, residual, the simulation of a contract before hiring), the register of
cleaning and sanitisation, the training of each person. Opened from the Personale tab
(«Emergenza…», Ctrl+Shift+E). Each page says what it needs: a page the user may not read shows
the missing permission instead."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...areas.staff import CLEANING_READ, READ
from ...domain.access import allowed


class MissingPermission(QLabel):
    def __init__(self, permission, parent=None):
        super().__init__(f"Per questa pagina serve il permesso «{permission.label}».", parent)
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)


class EmergencyWindow(QDialog):
    PAGES = (("budget", "&Budget organico Covid", READ),
             ("cleaning", "Registro &pulizie", CLEANING_READ),
             ("training", "&Formazione", READ))

    def __init__(self, db, parent: QWidget | None = None, *, page: str = "budget"):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Emergenza: organico Covid, pulizie, formazione")
        self.resize(1200, 680)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.pages: dict[str, QWidget] = {}
        for name, title, permission in self.PAGES:
            if allowed(db.current_user, permission):
                widget = self._page(name)
            else:
                widget = MissingPermission(permission, self)
            self.pages[name] = widget
            self.tabs.addTab(widget, title)
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("emergencyStatus")
        row.addWidget(self.status, 1)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText("&Chiudi")
        close.button(QDialogButtonBox.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.tabs.setCurrentWidget(self.pages[page])

    def _page(self, name: str) -> QWidget:
        if name == "budget":
            from .emergency_budget import BudgetPage

            return BudgetPage(self.db, self)
        if name == "cleaning":
            from .emergency_cleaning import CleaningPage

            return CleaningPage(self.db, self)
        from .emergency_training import TrainingPage

        return TrainingPage(self.db, self)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
