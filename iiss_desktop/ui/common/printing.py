"""Printing from the GUI: build a report in the background, then open the PDF."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from .jobs import run_job


def output_path(name: str) -> Path:
    from ...paths import data_dir

    folder = data_dir() / "stampe"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.pdf"


def open_pdf(path: Path) -> bool:
    """Open the PDF with the system viewer (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _build(name: str, db, out: Path, options: dict, progress=None, cancel=None) -> Path:
    from ...reports.catalog import get_report  # ReportLab is imported only now

    return get_report(name).build(db, out, **options)


def print_report(parent, db, name: str, *, on_done=None, **options):
    """Build report ``name`` off the GUI thread; open it when ready."""
    out = output_path(name)

    def done(path):
        open_pdf(path)
        if on_done:
            on_done(path)

    return run_job(parent, _build, name, db, out, options, title="Preparazione della stampa…",
                   on_done=done)
