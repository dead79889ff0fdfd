"""Paragraph styles and table styles shared by every printed document (DejaVu Sans only)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from .base import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

# Paragraphs resolve <b>/<i> through the registered font family as soon as they are
# created: the fonts must be registered before any style of this module is used.
register_fonts()

CELL_SIZE = 8
CELL_LEADING = 9.6
CELL_PAD_H = 3          # left/right cell padding (points)
CELL_PAD_TOP = 1.5
CELL_PAD_BOTTOM = 2.5

GRID_COLOR = colors.Color(0.6, 0.6, 0.6)
HEADER_BG = colors.Color(0.88, 0.88, 0.88)
ZEBRA_BG = colors.Color(0.96, 0.96, 0.96)
STRIKE_COLOR = colors.Color(0.5, 0.5, 0.5)
LABEL_BG = colors.Color(0.95, 0.95, 0.95)


@dataclass(frozen=True)
class ReportStyles:
    normal: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_header: ParagraphStyle
    cell_header_right: ParagraphStyle
    cell_strike: ParagraphStyle
    cell_strike_right: ParagraphStyle
    signature: ParagraphStyle


def _make_styles() -> ReportStyles:
    normal = ParagraphStyle("iiss-normal", fontName=FONT, fontSize=9.5, leading=12.5,
                            alignment=TA_LEFT, spaceAfter=4,
                            # ReportLab lets a left-aligned line exceed its width by 5 % of
                            # its spaces (meant for justified text): up to 2 pt into the
                            # margin or the next column.
                            spaceShrinkage=0)
    cell = ParagraphStyle("iiss-cell", fontName=FONT, fontSize=CELL_SIZE, leading=CELL_LEADING,
                          spaceBefore=0, spaceAfter=0, spaceShrinkage=0)
    cell_right = ParagraphStyle("iiss-cell-right", parent=cell, alignment=TA_RIGHT)
    cell_bold = ParagraphStyle("iiss-cell-bold", parent=cell, fontName=FONT_BOLD)
    cell_strike = ParagraphStyle("iiss-cell-strike", parent=cell, fontName=FONT_ITALIC,
                                 textColor=STRIKE_COLOR)
    return ReportStyles(
        normal=normal,
        small=ParagraphStyle("iiss-small", parent=normal, fontSize=7.5, leading=9.5,
                             textColor=colors.Color(0.25, 0.25, 0.25)),
        title=ParagraphStyle("iiss-title", parent=normal, fontName=FONT_BOLD, fontSize=13,
                             leading=16, spaceBefore=2, spaceAfter=6),
        heading=ParagraphStyle("iiss-heading", parent=normal, fontName=FONT_BOLD, fontSize=10.5,
                               leading=13, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        cell=cell,
        cell_right=cell_right,
        cell_bold=cell_bold,
        cell_header=ParagraphStyle("iiss-cell-header", parent=cell_bold),
        cell_header_right=ParagraphStyle("iiss-cell-header-right", parent=cell_bold,
                                         alignment=TA_RIGHT),
        cell_strike=cell_strike,
        cell_strike_right=ParagraphStyle("iiss-cell-strike-right", parent=cell_strike,
                                         alignment=TA_RIGHT),
        signature=ParagraphStyle("iiss-signature", parent=normal, alignment=TA_CENTER,
                                 spaceAfter=0),
    )


STYLES = _make_styles()


def get_styles() -> ReportStyles:
    return STYLES


def register_table_style(money_columns: Iterable[int] = (), *, header: bool = True,
                         zebra_start: int = 0) -> TableStyle:
    """The grid of a register: thin grey grid, bold header on light grey, zebra rows,
    money columns right-aligned, text at the top of each cell.

    ``zebra_start`` (0 or 1) keeps the zebra continuous across table chunks.
    ``header=False`` styles a table without a header row.
    """
    first = 1 if header else 0
    bands = [colors.white, ZEBRA_BG] if zebra_start % 2 == 0 else [ZEBRA_BG, colors.white]
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_H),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_H),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_BOTTOM),
        ("ROWBACKGROUNDS", (0, first), (-1, -1), bands),
    ]
    if header:
        cmds += [
            ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]
    for col in money_columns:
        cmds.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    return TableStyle(cmds)


def register_cell_styles(money_columns: Iterable[int], ncols: int) -> dict[str, list]:
    """Ready-made cell styles of a register (header, plain row, annulled row) per column.

    Handing them to each page's Table replaces nine per-cell style commands: on a 20,000-row
    register that is the largest cost after drawing the text itself.
    """
    from reportlab.platypus.tables import CellStyle

    money = set(money_columns)

    def make(kind: str, col: int) -> CellStyle:
        cs = CellStyle(f"{kind}-{col}")
        cs.fontname = {"header": FONT_BOLD, "strike": FONT_ITALIC}.get(kind, FONT)
        cs.fontsize, cs.leading = CELL_SIZE, CELL_LEADING
        cs.leftPadding = cs.rightPadding = CELL_PAD_H
        cs.topPadding, cs.bottomPadding = CELL_PAD_TOP, CELL_PAD_BOTTOM
        cs.valign = "BOTTOM" if kind == "header" else "TOP"
        cs.alignment = "RIGHT" if col in money else "LEFT"
        if kind == "strike":
            cs.color = STRIKE_COLOR
        return cs

    return {kind: [make(kind, c) for c in range(ncols)] for kind in ("header", "plain", "strike")}


def register_lines_style(*, header: bool = True, zebra_start: int = 0) -> TableStyle:
    """Grid, zebra bands and header background: the commands that do not touch cell styles."""
    first = 1 if header else 0
    bands = [colors.white, ZEBRA_BG] if zebra_start % 2 == 0 else [ZEBRA_BG, colors.white]
    cmds = [("GRID", (0, 0), (-1, -1), 0.25, GRID_COLOR),
            ("ROWBACKGROUNDS", (0, first), (-1, -1), bands)]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BG))
    return TableStyle(cmds)


def key_value_style() -> TableStyle:
    """Two-column scheda: label column shaded, hairlines between rows."""
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("BOX", (0, 0), (-1, -1), 0.25, GRID_COLOR),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID_COLOR),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ])
