"""The text of a printed PDF, as poppler's pdftotext reads it."""
from __future__ import annotations

import subprocess

from tests.conftest import tool


def pdf_text(path, *, layout: bool = True) -> str:
    """The text of ``path``; ``layout`` keeps the columns where they are printed."""
    args = [tool("pdftotext"), *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout
