"""The Personale tab of a collaboratore scolastico: the register of cleaning and
sanitisation alone (staff.cleaning_read), which they fill under their own role; the rest of the
staff area (contracts, rosters, personal data) stays closed to them."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .emergency_cleaning import CleaningPage


class CleaningTab(QWidget):
    area = "staff"       # built: the main window does not build it again

    def __init__(self, db, events=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        layout = QVBoxLayout(self)
        heading = QLabel("<h3>Registro delle pulizie e sanificazioni</h3>"
                         "<p>Gli interventi eseguiti nei locali: chi, quando, che cosa, con quale "
                         "prodotto. Le altre pagine del personale richiedono il permesso "
                         "«Consultazione del personale».</p>", self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.page = CleaningPage(db, self)
        layout.addWidget(self.page, 1)
        self.model = self.page.model
        if events is not None:
            events.data_changed.connect(self._changed)

    def _changed(self, area: str) -> None:
        if area in ("staff", "school"):
            self.page.refresh()
