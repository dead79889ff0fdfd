"""The only app-wide hub: screens announce changes by area; ui/common/refresh.py reloads the
screens showing it."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    data_changed = Signal(str)   # area name: "school", "staff", "funds", ...
