"""A rotating log file in the data folder, the file support staff ask for."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "iiss_desktop.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to <data folder>/log/iiss_desktop.log (1 MB x 5 files). Safe to call twice."""
    from .paths import logs_dir

    root = logging.getLogger()
    for h in root.handlers:
        if isinstance(h, logging.handlers.RotatingFileHandler):
            return Path(h.baseFilename)
    try:
        path = logs_dir() / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                       encoding="utf-8")
    except OSError:
        return None  # a read-only profile must not stop the program
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces every plugin it loads: only its warnings are worth the support log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path
