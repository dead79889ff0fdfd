"""The text of a printed PDF, as poppler's pdftotext (or pypdf, page by page) reads it."""
from __future__ import annotations

import subprocess

from pypdf import PdfReader

from tests.conftest import tool


def pdf_text(path, *, layout: bool = True, page: int | None = None) -> str:
    """The text of ``path``; ``layout`` keeps the columns where they are printed."""
    args = [tool("pdftotext"), *(["-layout"] if layout else [])]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str) -> str:
    """Every run of whitespace (no-break spaces included) as one space: cells wrap."""
    return " ".join(text.replace("\u00a0", " ").split())


def pdf_flat(path, *, layout: bool = True, page: int | None = None) -> str:
    """The whole text on one line, whitespace squeezed."""
    return squeeze(pdf_text(path, layout=layout, page=page))


def pdf_lines(path, *, layout: bool = True) -> list[str]:
    """The printed lines, each squeezed."""
    return [squeeze(line) for line in pdf_text(path, layout=layout).splitlines()]


def pdf_pages(path) -> list[str]:
    """One squeezed text per page (pypdf keeps each page's reading order)."""
    return [squeeze(p.extract_text() or "") for p in PdfReader(str(path)).pages]
