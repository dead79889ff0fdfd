"""Tables for printed documents: long registers in page-sized chunks, schede, signatures.

ReportLab splits one long Table page by page, rebuilding the remainder each time: the cost
grows with the square of the row count (20,000 rows: ~19 s instead of ~2.8 s). Registers
are therefore built as consecutive Tables of about one page of rows each
(:func:`chunked_table`). Each chunk repeats the header row when it starts a page or is
split onto a new page, and drops it when it merely continues the previous chunk in the
middle of a page, so the printed register looks like a single table with one header per
page.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.dates import format_date
from .base import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    PAGE_AMOUNT,
    body_width,
    register_fonts,
    typical_body_height,
)
from .styles import (
    CELL_LEADING,
    CELL_PAD_BOTTOM,
    CELL_PAD_H,
    CELL_PAD_TOP,
    CELL_SIZE,
    STRIKE_COLOR,
    STYLES,
    key_value_style,
    register_cell_styles,
    register_lines_style,
)

# Height of a one-line row (8 pt text): what the default chunk size is computed from.
ROW_HEIGHT = CELL_LEADING + CELL_PAD_TOP + CELL_PAD_BOTTOM

Cell = str | Flowable


def default_rows_per_chunk(landscape: bool = False) -> int:
    """About one page of one-line rows under the header row."""
    return max(10, int(typical_body_height(landscape) // ROW_HEIGHT) - 1)


def _to_paragraph_text(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _fits(text: str, font: str, avail: float) -> bool:
    # Cheap bound first: no DejaVu glyph in ordinary text is wider than 1 em.
    if len(text) * CELL_SIZE <= avail and "\n" not in text:
        return True
    return all(stringWidth(line, font, CELL_SIZE) <= avail for line in text.split("\n"))


def _cell(value, width: float, *, font: str, style) -> Cell:
    """Plain string; text too long for the column is broken into lines here.

    A multi-line string cell costs a fraction of a Paragraph (which parses markup and
    re-measures every word at each wrap), and registers are mostly text.
    """
    if value is None:
        return ""
    if isinstance(value, Flowable):
        return value
    return _wrapped(str(value), font, width - 2 * CELL_PAD_H)


def split_lines(text: str, font: str, size: float, avail: float) -> list[str]:
    """``text`` broken into lines of at most ``avail`` points, at ordinary spaces only.

    ReportLab's ``simpleSplit`` breaks at every whitespace, the no-break space too: "120,00 €"
    (written with a no-break space by ``format_money``) ended a line with "120,00" and put
    "€" alone on the next. Here a no-break space keeps its two words together.
    """
    space = stringWidth(" ", font, size)
    out: list[str] = []
    for part in text.split("\n"):
        line: list[str] = []
        used = -space
        for whole in part.split(" "):
            if not whole:
                continue
            w = stringWidth(whole, font, size)
            pieces = [whole] if w <= avail else break_word(whole, font, size, avail)
            for word in pieces:
                w = stringWidth(word, font, size) if len(pieces) > 1 else w
                if line and used + space + w > avail:
                    out.append(" ".join(line))
                    line, used = [word], w
                else:
                    line.append(word)
                    used += space + w
        out.append(" ".join(line))
    return out


_BREAK_AFTER = "-/._"


def break_word(word: str, font: str, size: float, avail: float) -> list[str]:
    """A word wider than ``avail`` (an article code, a serial number) in pieces that fit: cut
    after a «-», «/», «.» or «_» when the piece has one, else between two characters. Without
    this the code ran into the next column (giacenze di magazzino)."""
    pieces: list[str] = []
    piece = ""
    for ch in word:
        if piece and stringWidth(piece + ch, font, size) > avail:
            cut = max(piece.rfind(c) for c in _BREAK_AFTER)
            if 0 < cut < len(piece) - 1:
                pieces.append(piece[:cut + 1])
                piece = piece[cut + 1:]
            else:
                pieces.append(piece)
                piece = ""
        piece += ch
    if piece:
        pieces.append(piece)
    return pieces


@lru_cache(maxsize=8192)
def _wrapped(text: str, font: str, avail: float) -> str:
    # Cached: a register repeats its texts (the room, the supplier and invoice of a batch).
    if _fits(text, font, avail):
        return text
    return "\n".join(split_lines(text, font, CELL_SIZE, avail))


def _row_height(cells: Sequence[Cell], widths: Sequence[float]) -> float:
    """The height a row will take: lines of its tallest cell (Flowables are measured)."""
    tallest = CELL_LEADING
    for cell, width in zip(cells, widths):
        if isinstance(cell, str):
            h = (cell.count("\n") + 1) * CELL_LEADING
        else:
            h = cell.wrap(width - 2 * CELL_PAD_H, 1e6)[1]
        tallest = max(tallest, h)
    return tallest + CELL_PAD_TOP + CELL_PAD_BOTTOM


# In DejaVu Sans no digit, separator or "€" is wider than 0.64 em.
_NUMERIC_EM = 0.64


@lru_cache(maxsize=4096)
def _measured_fits(text: str, font: str, avail: float) -> bool:
    return _fits(text, font, avail)


def _fixed_cell(value, width: float, font: str) -> Cell:
    """A number, date or amount: fits by a cheap bound (or a cached measure: dates and
    amounts repeat); wrapped like any text only in the rare case it does not."""
    if value is None:
        return ""
    text = str(value)
    avail = width - 2 * CELL_PAD_H
    if len(text) * CELL_SIZE * _NUMERIC_EM <= avail or _measured_fits(text, font, avail):
        return text
    return _cell(text, width, font=font, style=None)


@dataclass(frozen=True)
class _RegisterSpec:
    header: list[Cell]
    col_widths: list[float]
    money_columns: tuple[int, ...]
    header_height: float
    cell_styles: dict
    amounts: Sequence | None = None   # per register row: added up on each page (or None)


class RegisterChunk(Table):
    """One page-sized piece of a register (a Table; see the module docstring).

    Constructed by :func:`chunked_table`, which knows every row's height in advance. A
    chunk measures and splits itself from those heights and builds its Table (cells and
    style, the expensive part) only when it is drawn: each page's table is built once.
    Tables that ReportLab itself derives from a chunk have no spec and behave as plain
    Tables.
    """

    _spec: _RegisterSpec | None = None

    @classmethod
    def _create(cls, spec: _RegisterSpec, rows: list[list[Cell]], heights: list[float],
                start: int, strike: frozenset[int], header_mode: str,
                stop: int | None = None, offset: int = 0) -> RegisterChunk:
        """Rows ``rows[offset:stop]`` (the lists are shared with the other pieces, not copied:
        a long register is split page after page)."""
        self = cls.__new__(cls)
        self._spec = spec
        self._all_rows = rows
        self._all_heights = heights  # precomputed height of each row
        self._lo = offset
        self._hi = len(rows) if stop is None else stop
        self._start = start          # register index of the first row (zebra, strike rows)
        self._strike = strike        # register indexes of annulled rows
        self._header_mode = header_mode   # "always", "never" or "at_top"
        self._header_shown: bool | None = None
        self._show_header = header_mode != "never"
        # Attributes ReportLab reads before drawing (keepWithNext, spacing...).
        Flowable.__init__(self)
        self.hAlign = "LEFT"
        self.spaceBefore = self.spaceAfter = 0
        self._colWidths = list(spec.col_widths)
        return self

    @property
    def _rows(self) -> list[list[Cell]]:
        return self._all_rows[self._lo:self._hi]

    @property
    def _heights(self) -> list[float]:
        return self._all_heights[self._lo:self._hi]

    def _setup(self, show_header: bool) -> None:
        if show_header == self._header_shown:
            return
        spec = self._spec
        rows = self._rows
        data = ([spec.header] if show_header else []) + rows
        kinds = spec.cell_styles
        cell_styles = ([kinds["header"]] if show_header else []) + [
            kinds["strike"] if self._start + i in self._strike else kinds["plain"]
            for i in range(len(rows))]
        # Shared, ready-made cell styles: no per-cell style commands (see styles.py).
        Table.__init__(self, data, colWidths=spec.col_widths, repeatRows=1 if show_header else 0,
                       hAlign="LEFT", cellStyles=cell_styles)
        self.setStyle(register_lines_style(header=show_header, zebra_start=self._start))
        self._header_shown = show_header

    def _want_header(self) -> bool:
        if self._header_mode != "at_top":
            return self._header_mode == "always"
        frame = getattr(self, "_frame", None)
        return frame is None or bool(getattr(frame, "_atTop", True))

    @property
    def row_count(self) -> int:
        """Register rows in this chunk (header excluded)."""
        return self._hi - self._lo if self._spec is not None else len(self._cellvalues)

    def _header_height(self) -> float:
        return self._spec.header_height if self._show_header else 0.0

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        if self._spec is None:
            return super().wrap(availWidth, availHeight)
        self._show_header = self._want_header()
        self._width = sum(self._spec.col_widths)
        self._height = self._header_height() + sum(self._all_heights[self._lo:self._hi])
        return self._width, self._height

    def split(self, availWidth, availHeight):  # noqa: N803
        if self._spec is None:
            return super().split(availWidth, availHeight)
        show = self._want_header()
        self._show_header = show
        used = self._header_height()
        heights, lo, hi = self._all_heights, self._lo, self._hi
        n = 0
        while lo + n < hi and used + heights[lo + n] <= availHeight + 1e-6:
            used += heights[lo + n]
            n += 1
        if n == 0:
            frame = getattr(self, "_frame", None)
            if show and frame is not None and getattr(frame, "_atTop", False):
                # A single row taller than a page: let ReportLab try splitting inside it.
                self._setup(show)
                Table.wrap(self, availWidth, availHeight)
                return Table.split(self, availWidth, availHeight)
            return []
        if n >= hi - lo:
            # Only asked to split because of rounding: keep the last row for the next page.
            n = hi - lo - 1
            if n == 0:
                return []
        head = RegisterChunk._create(self._spec, self._all_rows, heights, self._start,
                                     self._strike, "always" if show else "never",
                                     stop=lo + n, offset=lo)
        tail = RegisterChunk._create(self._spec, self._all_rows, heights, self._start + n,
                                     self._strike, "always", stop=hi, offset=lo + n)
        return [head, tail]

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        if self._spec is not None:
            self._setup(self._show_header)
            Table.wrap(self, self._width, self._height)
            amounts = self._spec.amounts
            if amounts is not None:   # the page's total (base.SchoolDocTemplate._end_page)
                lo = self._start
                canvas.__dict__[PAGE_AMOUNT] = sum(
                    (a for a in amounts[lo:lo + self._hi - self._lo] if a is not None),
                    canvas.__dict__.get(PAGE_AMOUNT, Decimal(0)))
        return super().drawOn(canvas, x, y, _sW)

    def __getattr__(self, name):
        # Tests and ReportLab helpers may look at the cells before drawing: build them then.
        if name in ("_cellvalues", "_rowHeights", "_cellStyles") and self.__dict__.get("_spec"):
            self._setup(self._show_header)
            return self.__dict__[name]
        raise AttributeError(name)


def chunked_table(header: list[str], rows: Iterable[Sequence[str | Paragraph]],
                  col_widths: list[float], *, money_columns: Iterable[int] = (),
                  rows_per_chunk: int | None = None, strike_rows: set[int] | None = None,
                  landscape: bool = False, fixed_columns: Iterable[int] = (),
                  row_amounts: Sequence | None = None) -> list[Flowable]:
    """A register as page-sized Tables, never one giant Table.

    ``rows`` may be any iterable (e.g. a query result streamed row by row); cells are
    strings (already formatted: dates, money) or Flowables. Texts longer than their
    column are wrapped as Paragraphs. Rows whose index (0-based, in ``rows``) is in
    ``strike_rows`` — annulled entries — are printed in grey italic. ``money_columns``
    are right-aligned. With ``rows_per_chunk`` the register is cut into Tables of at most
    that many rows (and at most a page high); without it, into exactly one Table per page
    while the document is built. ``row_amounts`` (Decimal or None per row: the amount that
    counts in the register's total) are added up page by page for the "Totale pagina" and
    "Riporto" that ``build_pdf(page_totals=...)`` prints. ``fixed_columns`` hold numbers,
    dates and amounts: they are checked against a cheap bound instead of being measured one
    by one (on a 20,000-row register, measuring them cost a tenth of the whole print).
    """
    register_fonts()
    if row_amounts is not None:
        row_amounts = list(row_amounts)
    money = tuple(sorted(set(money_columns)))
    fixed = frozenset(fixed_columns)
    strike = frozenset(strike_rows or ())
    # Without an explicit size the register is one flowable that cuts itself into exactly
    # one table per page while the document is built (each page's table built once).
    one_piece = rows_per_chunk is None
    if one_piece:
        rows_per_chunk = 0
    elif rows_per_chunk < 1:
        raise ValueError("rows_per_chunk deve essere almeno 1")
    if len(header) != len(col_widths):
        raise ValueError("header e col_widths devono avere la stessa lunghezza")
    widths = list(col_widths)
    header_cells = [
        _cell(h, widths[c], font=FONT_BOLD,
              style=STYLES.cell_header_right if c in money else STYLES.cell_header)
        for c, h in enumerate(header)]
    spec = _RegisterSpec(header_cells, widths, money, _row_height(header_cells, widths),
                         register_cell_styles(money, len(widths)), row_amounts)
    ncols = len(widths)
    plain = [STYLES.cell_right if c in money else STYLES.cell for c in range(ncols)]
    struck = [STYLES.cell_strike_right if c in money else STYLES.cell_strike for c in range(ncols)]

    # Chunks are cut by height as well as by rows, so that each one fills about a page and
    # ReportLab rarely has to split a table (each split rebuilds and restyles it).
    budget = (float("inf") if one_piece else
              typical_body_height(landscape) - spec.header_height - 2)
    chunks: list[Flowable] = []
    buf: list[list[Cell]] = []
    heights: list[float] = []
    used = 0.0
    start = 0
    for i, row in enumerate(rows):
        if len(row) != ncols:
            raise ValueError(f"La riga {i + 1} ha {len(row)} colonne invece di {ncols}")
        is_struck = i in strike
        font = FONT_ITALIC if is_struck else FONT
        styles = struck if is_struck else plain
        cells = [_fixed_cell(v, widths[c], font) if c in fixed else
                 _cell(v, widths[c], font=font, style=styles[c]) for c, v in enumerate(row)]
        height = _row_height(cells, widths)
        if buf and used + height > budget:
            chunks.append(RegisterChunk._create(spec, buf, heights, start, strike,
                                                "at_top" if chunks else "always"))
            buf, heights, used, start = [], [], 0.0, i
        buf.append(cells)
        heights.append(height)
        used += height
        if len(buf) == rows_per_chunk:
            chunks.append(RegisterChunk._create(spec, buf, heights, start, strike,
                                                "at_top" if chunks else "always"))
            buf, heights, used = [], [], 0.0
            start = i + 1
    if buf or not chunks:
        chunks.append(RegisterChunk._create(spec, buf, heights, start, strike,
                                            "at_top" if chunks else "always"))
    return chunks


def key_value_table(pairs: Iterable[tuple[str, str | Flowable | None]], *,
                    width: float | None = None, label_ratio: float = 0.32) -> Table:
    """Two-column scheda: label (bold, shaded) | value (wrapped)."""
    register_fonts()
    total = width if width is not None else body_width()
    label_w = total * label_ratio
    data = []
    for label, value in pairs:
        if value is None:
            value = ""
        cell = value if isinstance(value, Flowable) else Paragraph(
            _to_paragraph_text(str(value)), STYLES.cell)
        data.append([Paragraph(_to_paragraph_text(label), STYLES.cell_bold), cell])
    if not data:
        data.append(["", ""])
    table = Table(data, colWidths=[label_w, total - label_w], hAlign="LEFT")
    table.setStyle(key_value_style())
    return table


def signature_block(labels: list[str], *, place: str = "", when: date | None = None,
                    names: Sequence[str] | None = None,
                    width: float | None = None) -> list[Flowable]:
    """Place-and-date line and one signature space per label, side by side, kept together.

    ``labels`` e.g. ``["Il Dirigente Scolastico", "Il DSGA"]``; ``names`` (same order)
    are printed under the labels when given. Without ``place``/``when`` blanks are left
    to fill in by hand.
    """
    register_fonts()
    total = width if width is not None else body_width()
    where = escape(place) if place else "_" * 22
    day = format_date(when) if when else "____/____/________"
    place_line = Paragraph(f"{where}, {day}", STYLES.normal)
    if not labels:
        return [KeepTogether([Spacer(1, 8 * mm), place_line])]
    names = list(names or [])
    per_row = min(len(labels), 3)
    col_w = total / per_row
    cells = []
    for i, label in enumerate(labels):
        content: list[Flowable] = [Paragraph(escape(label), STYLES.signature)]
        if i < len(names) and names[i]:
            content.append(Paragraph(f"<i>{escape(names[i])}</i>", STYLES.signature))
        content += [Spacer(1, 13 * mm),
                    HRFlowable(width="80%", thickness=0.5, color=STRIKE_COLOR, hAlign="CENTER",
                               spaceBefore=0, spaceAfter=0)]
        cells.append(content)
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    table = Table(rows, colWidths=[col_w] * per_row, hAlign="CENTER")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return [KeepTogether([Spacer(1, 8 * mm), place_line, Spacer(1, 6 * mm), table])]


def keep_with_signatures(before: list[Flowable], signatures: list[Flowable]) -> list[Flowable]:
    """``before`` (a total, a closing sentence) kept on the page of ``signatures`` (what
    :func:`signature_block` returns): the signatures never stand alone on a last page without
    what they sign. The signature block's own KeepTogether is unwrapped (nested ones always
    break the page)."""
    content: list[Flowable] = list(before)
    for f in signatures:
        content.extend(f._content if isinstance(f, KeepTogether) else [f])
    return [KeepTogether(content)]
