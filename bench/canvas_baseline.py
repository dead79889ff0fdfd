"""The bare ReportLab canvas every print benchmark compares with: a page with the school name,
the page number and a header row over columns of given widths (one of them takes the rest)."""
from __future__ import annotations

from pathlib import Path

SCHOOL = "Istituto Comprensivo «Gianni Rodari»"


class CanvasPages:
    """``new_page()`` starts a page (header row included) and returns the y of the first row;
    ``xs`` are the column edges; ``pages`` counts the pages drawn."""

    LEAD = 9.6   # the line height of 8-point text, as in the application's tables

    def __init__(self, out: Path, pagesize, widths: list[float], labels: tuple[str, ...],
                 flexible: int = 2):
        from reportlab.lib.units import mm
        from reportlab.pdfgen import canvas

        self.page_w, self.page_h = pagesize
        widths = list(widths)
        widths[flexible] = self.page_w - 30 * mm - sum(widths)
        self.widths = widths
        self.xs = [15 * mm]
        for w in widths:
            self.xs.append(self.xs[-1] + w)
        self.canvas = canvas.Canvas(str(out), pagesize=pagesize)
        self.top, self.bottom = self.page_h - 45 * mm, 20 * mm
        self.labels = labels
        self.pages = 0

    def new_page(self) -> float:
        from reportlab.lib.units import mm

        c = self.canvas
        if self.pages:
            c.showPage()
        self.pages += 1
        c.setFont("DejaVuSans-Bold", 11)
        c.drawString(15 * mm, self.page_h - 20 * mm, SCHOOL)
        c.setFont("DejaVuSans", 8)
        c.drawRightString(self.page_w - 15 * mm, 10 * mm, f"pag. {self.pages}")
        c.setFont("DejaVuSans-Bold", 8)
        for x, label in zip(self.xs, self.labels):
            c.drawString(x + 3, self.top - 10, label)
        c.setFont("DejaVuSans", 8)
        return self.top - 14
