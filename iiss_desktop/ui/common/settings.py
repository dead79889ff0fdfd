"""Window state and other per-user preferences, in an INI file in the data folder.

Kept next to the database and the logs (not in the registry) so support staff find
everything in one place, and tests that redirect the data folder never touch a real profile.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    from ...paths import data_dir

    return QSettings(str(data_dir() / "preferenze.ini"), QSettings.IniFormat)
