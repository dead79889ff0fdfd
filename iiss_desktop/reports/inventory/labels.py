"""Inventory label sheets (QR code)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas

from ...domain.errors import DomainError
from ...domain.inventory.labels import has_labels, label_code
from ...domain.inventory.registers import short_name
from ...queries.inventory.labels import label_rows
from ...queries.school import get_heading
from ..base import FONT, FONT_BOLD, register_fonts

if TYPE_CHECKING:
    from ...db.engine import Database


# Common A4 label sheets: columns, rows, label width and height, left and top margins (mm).
LAYOUTS = {
    "3x8": (3, 8, 70.0, 37.0, 0.0, 0.5),
    "3x7": (3, 7, 70.0, 42.3, 0.0, 0.45),
    "2x7": (2, 7, 99.1, 38.1, 4.65, 15.15),
}

def _calibration(raw: str) -> tuple[float, float]:
    """"1,5/-0,5" -> (1.5, -0.5): horizontal and vertical offsets in mm ("1,5" alone moves
    only horizontally); at most 20 mm either way."""
    parts = [p.strip() for p in str(raw).split("/")]
    try:
        values = [float(p.replace(",", ".")) if p else 0.0 for p in parts]
    except ValueError:
        values = []
    if len(values) not in (1, 2) or any(abs(v) > 20 for v in values):
        raise DomainError(f"Calibrazione delle etichette «{raw}»: indicare lo spostamento "
                          "orizzontale e verticale in millimetri, da -20 a 20, separati da "
                          "«/» (es. 1,5/-0,5).")
    return values[0], (values[1] if len(values) == 2 else 0.0)


def _one_line(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut to ``width`` with "…" if longer (a school's name on a label)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def build_labels(db: Database, out: Path, registro: str | None = None, item_ids=None,
                 room_id: int | None = None, layout: str | None = "3x8", offset_x: float = 0.0,
                 offset_y: float = 0.0, calibrazione: str | None = None,
                 inizio: int | None = None) -> Path:
    """Label sheet: the school's name, its code, register and number as text and as a QR code.

    ``inizio`` (1 = top left, counted along the rows) is the first free label of a sheet
    already partly used: the first page starts there, the following ones at the top.

    ``offset_x``/``offset_y`` (mm; or ``calibrazione`` as typed, "1,5/-0,5") calibrate a
    printer that does not feed the sheet exactly: positive moves the print right and down.
    Without a selection (``item_ids``) the goods discharged, renewed or annulled get no label;
    in a selection they are refused with the reason.
    """
    layout = layout or "3x8"
    if calibrazione:
        offset_x, offset_y = _calibration(calibrazione)
    if layout not in LAYOUTS:
        raise DomainError(f"Formato di etichette «{layout}» sconosciuto: "
                          f"{', '.join(LAYOUTS)}.")
    if registro and not has_labels(registro):
        raise DomainError(f"Inventario «{registro}» sconosciuto.")
    rows = label_rows(db, registro, item_ids, room_id)
    if not rows:
        raise DomainError("Nessun bene da etichettare con i criteri scelti.")
    cols, nrows, w, h, left, top = LAYOUTS[layout]
    per_page = cols * nrows
    first = 1 if inizio in (None, "") else inizio
    try:
        first = int(first)
    except (TypeError, ValueError):
        first = 0
    if not 1 <= first <= per_page:
        raise DomainError(f"Prima etichetta «{inizio}»: indicare un numero da 1 a {per_page} "
                          f"(il foglio {layout} ha {per_page} etichette, contate per righe da "
                          "sinistra).")
    register_fonts()
    heading = get_heading(db)
    school = heading.codice_meccanografico or "SCUOLA"
    name = heading.denominazione or ""
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    c = pdfcanvas.Canvas(str(tmp), pagesize=A4, initialFontName=FONT, initialFontSize=6.5)
    c.setTitle("Etichette d'inventario")
    for k, (register, number, description, _room) in enumerate(rows):
        i = k + first - 1
        if i and i % per_page == 0:
            c.showPage()
        slot = i % per_page
        col, row = slot % cols, slot // cols
        x = (left + offset_x + col * w) * mm
        y = A4[1] - (top + offset_y + (row + 1) * h) * mm
        code = label_code(school, register, number)
        qr_size = (h - 6) * mm
        widget = QrCodeWidget(code, barLevel="M")
        bx0, by0, bx1, by1 = widget.getBounds()
        drawing = Drawing(qr_size, qr_size,
                          transform=[qr_size / (bx1 - bx0), 0, 0, qr_size / (by1 - by0), 0, 0])
        drawing.initialFontName = FONT     # not ReportLab's Helvetica (not embedded)
        drawing.add(widget)
        renderPDF.draw(drawing, c, x + w * mm - qr_size - 2 * mm, y + 3 * mm)
        text_w = w * mm - qr_size - 6 * mm
        if name:   # the school's name, on one line beside the QR code
            c.setFont(FONT_BOLD, 5.5)
            c.drawString(x + 3 * mm, y + h * mm - 4.5 * mm,
                         _one_line(name, FONT_BOLD, 5.5, text_w))
        c.setFont(FONT, 6.5)
        top_line = simpleSplit(f"{school} · {short_name(register)}", FONT, 6.5,
                               text_w)[0]   # never under the QR code
        c.drawString(x + 3 * mm, y + h * mm - 7.5 * mm, top_line)
        c.setFont(FONT_BOLD, 13)
        c.drawString(x + 3 * mm, y + h * mm - 13.5 * mm, f"N. {number}")
        c.setFont(FONT, 6.5)
        lines = simpleSplit(description, FONT, 6.5, text_w)[:3]
        for n, line in enumerate(lines):
            c.drawString(x + 3 * mm, y + h * mm - (18 + 3 * n) * mm, line)
        c.setFont(FONT, 5.5)
        c.drawString(x + 3 * mm, y + 3.5 * mm, code)
    c.save()
    tmp.replace(out)
    return out
