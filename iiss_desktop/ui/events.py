"""The only app-wide hub: screens announce changes, every screen showing that area refreshes."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    data_changed = Signal(str)   # area name: "school", "staff", "funds", ...
