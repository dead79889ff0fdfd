"""Where things live: the per-user data folder, backups, logs and bundled resources."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """Bundled resources, from a source checkout, an installed wheel or a PyInstaller bundle."""
    candidates = []
    if getattr(sys, "_MEIPASS", None):
        candidates.append(Path(sys._MEIPASS) / "resources")
    candidates += [_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"]
    for c in candidates:
        if (c / "fonts").is_dir():
            return c
    raise FileNotFoundError("Cartella delle risorse dell'applicazione non trovata")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """Per-user data folder (on Windows %LOCALAPPDATA%\\iiss_desktop). ``IISS_DATA_DIR``
    overrides it."""
    override = os.environ.get("IISS_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir
        path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "iiss_desktop.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def backups_dir() -> Path:
    path = data_dir() / "backup"
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir() -> Path:
    path = data_dir() / "log"
    path.mkdir(parents=True, exist_ok=True)
    return path
