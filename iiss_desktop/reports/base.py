"""Printing base: fonts, the page decoration every document shares, atomic PDF builds.

Every printed document goes through :func:`build_pdf`: the school's heading at the top of
each page (logo, denominazione, address, codes), the document title, and a footer with
the print date, an optional text and "pag. X di Y".

Only the four DejaVu Sans fonts are used, embedded (subset) in the PDF, so that "€",
accented letters and foreign names (Ștefan Țurcanu, Łukasz Wałęsa, Dvořák) print.

ReportLab is imported here and in the other ``iiss_desktop.reports`` modules only: the
application imports them lazily, when the clerk prints something.
"""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as _canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from .. import APP_NAME, __version__
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.school import SchoolHeading
from ..paths import resource_path

log = logging.getLogger(__name__)

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

# Page geometry (points). The same numbers size the table chunks in tables.py.
MARGIN_LEFT = MARGIN_RIGHT = 15 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 9 * mm
LOGO_SIZE = 16 * mm
HEADING_NAME_SIZE = 10.5
HEADING_LINE_SIZE = 7.5
TITLE_SIZE = 12
SUBTITLE_SIZE = 9
FOOTER_SIZE = 7
FOOTER_HEIGHT = 8 * mm          # from the bottom margin to the frame's bottom edge
GAP_BELOW_TITLE = 3.5 * mm
RULE_COLOR = colors.Color(0.55, 0.55, 0.55)
TEXT_GREY = colors.Color(0.3, 0.3, 0.3)

_fonts_registered = False
# Canvas attribute: the amounts of the register rows drawn on the current page.
PAGE_AMOUNT = "iiss_page_amount"


def register_fonts() -> None:
    """Register the DejaVu Sans family with ReportLab (idempotent).

    After this, ``<b>``/``<i>`` in Paragraphs styled with ``DejaVuSans`` pick the
    bold/oblique faces.
    """
    global _fonts_registered
    if _fonts_registered:
        return
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD_ITALIC)
    _fonts_registered = True


def page_size(landscape: bool = False) -> tuple[float, float]:
    return _landscape(A4) if landscape else A4


def body_width(landscape: bool = False) -> float:
    """Width available to the story (the frame's width)."""
    return page_size(landscape)[0] - MARGIN_LEFT - MARGIN_RIGHT


def typical_body_height(landscape: bool = False) -> float:
    """Frame height with a one-line title and subtitle: what table chunks are sized on."""
    register_fonts()
    return _Layout.compute(SchoolHeading(denominazione="x", indirizzo="x", codice_fiscale="x"),
                           "x", "x", landscape).frame_height


class NumberedCanvas(_canvas.Canvas):
    """Canvas that knows the page count: "pag. X di Y" (ActiveState recipe 576832).

    ``showPage`` only remembers the page's state; ``save`` replays every page, draws the
    page number now that the total is known, then writes the file. The page template
    tells where to draw it by setting ``page_number_anchor`` (right x, baseline y) on
    each page; pages without an anchor get no number.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_page_states: list[dict] = []
        self.page_number_anchor: tuple[float, float] | None = None
        self.starts_numbering = False   # set by RestartPageNumbers on a page

    def showPage(self):  # noqa: N802 - ReportLab's name
        self._saved_page_states.append(dict(self.__dict__))
        self.starts_numbering = False
        self._startPage()

    def save(self):
        states = self._saved_page_states
        # Sections: a page marked by RestartPageNumbers starts a new "pag. 1 di N".
        starts = [0] + [i for i, s in enumerate(states) if i and s.get("starts_numbering")]
        bounds = list(zip(starts, starts[1:] + [len(states)]))
        for lo, hi in bounds:
            for i in range(lo, hi):
                self.__dict__.update(states[i])
                self.draw_page_number(hi - lo, i - lo + 1)
                super().showPage()
        super().save()

    def draw_page_number(self, page_count: int, page: int | None = None) -> None:
        anchor = self.__dict__.get("page_number_anchor")
        if anchor is None:
            return
        x, y = anchor
        self.saveState()
        self.setFont(FONT, FOOTER_SIZE)
        self.setFillColor(TEXT_GREY)
        number = self.getPageNumber() if page is None else page
        self.drawRightString(x, y, f"pag. {number} di {page_count}")
        self.restoreState()


class RestartPageNumbers(Flowable):
    """Put right after a PageBreak: this page starts its own "pag. 1 di N" (each of the two
    originals of a contract, each copy of a verbale, is numbered on its own, so a copy
    handed over alone is complete)."""

    width = height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        return 0, 0

    def draw(self):
        self.canv.starts_numbering = True


class PdfACanvas(NumberedCanvas):
    """A NumberedCanvas that saves a PDF/A-2b (reports/pdfa.py)."""

    def save(self):
        from .pdfa import make_pdfa

        make_pdfa(self)
        super().save()


PROTOCOL_TEXT = "Prot. n. ______________ del ____/____/________"


class ProtocolField(Flowable):
    """The protocol field at the top right of a document that goes to the protocol: the
    number and date recorded for it (services.protocol), or a blank line that the protocol
    office fills in by hand (or stamps)."""

    def __init__(self, text: str = PROTOCOL_TEXT):
        super().__init__()
        self.text = text

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        self.width = availWidth
        self.height = 9 * 1.2 + 2 * mm
        return self.width, self.height

    def draw(self):
        self.canv.setFont(FONT, 9)
        self.canv.setFillColor(colors.black)
        self.canv.drawRightString(self.width, 2 * mm, self.text)


@dataclass(frozen=True)
class _Layout:
    """Where the heading's lines go; computed once per document."""

    page_width: float
    page_height: float
    name_lines: list[str]
    address_lines: list[str]
    codes_lines: list[str]
    title_lines: list[str]
    subtitle_lines: list[str]
    text_x: float
    rule_y: float
    frame_height: float

    @classmethod
    def compute(cls, heading: SchoolHeading, title: str, subtitle: str,
                landscape: bool, has_logo: bool = False) -> _Layout:
        width, height = page_size(landscape)
        text_x = MARGIN_LEFT + (LOGO_SIZE + 4 * mm if has_logo else 0)
        text_w = width - MARGIN_RIGHT - text_x
        full_w = width - MARGIN_LEFT - MARGIN_RIGHT
        name_lines = simpleSplit(heading.denominazione or "", FONT_BOLD, HEADING_NAME_SIZE,
                                 text_w)[:2]
        address_lines = simpleSplit(heading.address_line, FONT, HEADING_LINE_SIZE, text_w)[:2]
        codes_lines = simpleSplit(heading.codes_line, FONT, HEADING_LINE_SIZE, text_w)[:2]
        title_lines = simpleSplit(title or "", FONT_BOLD, TITLE_SIZE, full_w)[:3]
        subtitle_lines = simpleSplit(subtitle or "", FONT, SUBTITLE_SIZE, full_w)[:3]
        text_h = (len(name_lines) * HEADING_NAME_SIZE * 1.2
                  + (len(address_lines) + len(codes_lines)) * HEADING_LINE_SIZE * 1.3)
        block_h = max(text_h, LOGO_SIZE if has_logo else 0)
        rule_y = height - MARGIN_TOP - block_h - 2.5 * mm
        y = rule_y - 3 * mm
        y -= len(title_lines) * TITLE_SIZE * 1.25
        y -= len(subtitle_lines) * SUBTITLE_SIZE * 1.3
        frame_top = y - GAP_BELOW_TITLE
        frame_height = frame_top - MARGIN_BOTTOM - FOOTER_HEIGHT
        return cls(width, height, name_lines, address_lines, codes_lines, title_lines,
                   subtitle_lines, text_x, rule_y, frame_height)


def _logo_reader(png: bytes | None) -> ImageReader | None:
    if not png:
        return None
    try:
        reader = ImageReader(BytesIO(png))
        reader.getSize()  # fail now, not halfway through the document
        return reader
    except Exception:  # a damaged logo must not prevent printing
        log.warning("Logo dell'istituto non leggibile: stampato senza logo", exc_info=True)
        return None


class SchoolDocTemplate(BaseDocTemplate):
    """A4 (portrait or landscape) document with the school's heading and footer on every page."""

    def __init__(self, filename, *, heading: SchoolHeading, title: str, subtitle: str = "",
                 landscape: bool = False, footer_text: str = "",
                 printed_at: datetime | None = None, compress: bool = True,
                 page_totals=None, **kwargs):
        register_fonts()
        self.heading = heading
        # Registers with amounts: ``page_totals(amount) -> text`` formats the "Totale pagina"
        # and "Riporto" line drawn at the foot of each page holding register rows.
        self.page_totals = page_totals
        self._carried = None
        self.doc_title = title
        self.subtitle = subtitle
        self.footer_text = footer_text
        self.printed_at = printed_at or datetime.now()
        self._logo = _logo_reader(heading.logo_png)
        self.layout = _Layout.compute(heading, title, subtitle, landscape, self._logo is not None)
        width, height = page_size(landscape)
        kwargs.setdefault("title", title)
        kwargs.setdefault("author", heading.denominazione)
        kwargs.setdefault("subject", subtitle or title)
        kwargs.setdefault("creator", f"{APP_NAME} {__version__}")
        super().__init__(
            filename, pagesize=(width, height),
            leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=height - MARGIN_BOTTOM - FOOTER_HEIGHT - self.layout.frame_height,
            bottomMargin=MARGIN_BOTTOM + FOOTER_HEIGHT,
            pageCompression=1 if compress else 0,
            initialFontName=FONT, initialFontSize=9, lang="it-IT", **kwargs)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.layout.frame_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="school", frames=[frame], onPage=self._decorate_page,
                                            onPageEnd=self._end_page, pagesize=(width, height))])

    # -- page decoration ---------------------------------------------------------------
    def _decorate_page(self, canv: _canvas.Canvas, doc) -> None:
        canv.saveState()
        try:
            self._draw_heading(canv)
            self._draw_footer(canv)
        finally:
            canv.restoreState()

    def _end_page(self, canv: _canvas.Canvas, doc) -> None:
        """The page's total of the register rows drawn on it (tables.chunked_table adds them
        up on the canvas) and, from page 2, the riporto of the pages before."""
        amount = canv.__dict__.pop(PAGE_AMOUNT, None)
        if amount is None or self.page_totals is None:
            return
        carried = self._carried
        parts = []
        if carried is not None:
            parts.append(f"Riporto: {self.page_totals(carried)}")
        parts.append(f"Totale pagina: {self.page_totals(amount)}")
        running = amount if carried is None else carried + amount
        if carried is not None:
            parts.append(f"Totale progressivo: {self.page_totals(running)}")
        self._carried = running
        canv.saveState()
        canv.setFont(FONT_BOLD, FOOTER_SIZE)
        canv.setFillColor(colors.black)
        canv.drawRightString(self.layout.page_width - MARGIN_RIGHT,
                             MARGIN_BOTTOM + FOOTER_SIZE + 6, " · ".join(parts))
        canv.restoreState()

    def _draw_heading(self, canv) -> None:
        """The same heading on every page: drawn once per document as a PDF form (XObject)
        and placed on each page (a 1,500-page register spent a tenth of its time here)."""
        if getattr(canv, "_iiss_heading", False) is not True:
            canv.beginForm("iiss-heading")
            self._draw_heading_content(canv)
            canv.endForm()
            canv._iiss_heading = True
        canv.doForm("iiss-heading")

    def _draw_heading_content(self, canv) -> None:
        lay = self.layout
        top = lay.page_height - MARGIN_TOP
        right = lay.page_width - MARGIN_RIGHT
        if self._logo is not None:
            canv.drawImage(self._logo, MARGIN_LEFT, top - LOGO_SIZE, width=LOGO_SIZE,
                           height=LOGO_SIZE, preserveAspectRatio=True, anchor="c", mask="auto")
        y = top
        canv.setFillColor(colors.black)
        for line in lay.name_lines:
            y -= HEADING_NAME_SIZE
            canv.setFont(FONT_BOLD, HEADING_NAME_SIZE)
            canv.drawString(lay.text_x, y, line)
            y -= HEADING_NAME_SIZE * 0.2
        canv.setFont(FONT, HEADING_LINE_SIZE)
        canv.setFillColor(TEXT_GREY)
        for line in lay.address_lines + lay.codes_lines:
            y -= HEADING_LINE_SIZE * 1.3
            canv.drawString(lay.text_x, y, line)
        canv.setStrokeColor(RULE_COLOR)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_LEFT, lay.rule_y, right, lay.rule_y)
        y = lay.rule_y - 3 * mm
        canv.setFillColor(colors.black)
        canv.setFont(FONT_BOLD, TITLE_SIZE)
        for line in lay.title_lines:
            y -= TITLE_SIZE
            canv.drawString(MARGIN_LEFT, y, line)
            y -= TITLE_SIZE * 0.25
        canv.setFont(FONT, SUBTITLE_SIZE)
        canv.setFillColor(TEXT_GREY)
        for line in lay.subtitle_lines:
            y -= SUBTITLE_SIZE * 1.3
            canv.drawString(MARGIN_LEFT, y, line)

    def _draw_footer(self, canv) -> None:
        lay = self.layout
        right = lay.page_width - MARGIN_RIGHT
        rule_y = MARGIN_BOTTOM + FOOTER_SIZE + 3
        canv.setStrokeColor(RULE_COLOR)
        canv.setLineWidth(0.4)
        canv.line(MARGIN_LEFT, rule_y, right, rule_y)
        y = MARGIN_BOTTOM
        canv.setFont(FONT, FOOTER_SIZE)
        canv.setFillColor(TEXT_GREY)
        printed = (f"Stampato il {format_date(self.printed_at.date())} "
                   f"alle {self.printed_at.strftime('%H:%M')}")
        canv.drawString(MARGIN_LEFT, y, printed)
        if self.footer_text:
            # Centred, but never over the date (left) or the page number (right).
            free_left = MARGIN_LEFT + pdfmetrics.stringWidth(printed, FONT, FOOTER_SIZE) + 6 * mm
            free_right = right - 22 * mm
            text = simpleSplit(self.footer_text, FONT, FOOTER_SIZE, free_right - free_left)[:1]
            if text:
                w = pdfmetrics.stringWidth(text[0], FONT, FOOTER_SIZE)
                x = max(free_left, min(lay.page_width / 2 - w / 2, free_right - w))
                canv.drawString(x, y, text[0])
        if hasattr(canv, "page_number_anchor"):
            canv.page_number_anchor = (right, y)


def _permissions_like_a_new_file(path: Path) -> None:
    """mkstemp makes files readable by their owner only; a print is an ordinary document."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def protocol_of(db, report: str, anno: int | None, numero: int):
    """The ``protocol`` of :func:`build_pdf` for document ``numero``/``anno`` of ``report``:
    its recorded protocol, else True (a blank field)."""
    from ..queries.protocol import protocol_mark

    return protocol_mark(db, report, anno, numero) or True


def build_pdf(out: Path, *, heading: SchoolHeading, title: str, story: list,
              subtitle: str = "", landscape: bool = False, footer_text: str = "",
              printed_at: datetime | None = None, compress: bool = True,
              page_totals=None, protocol=False, pdfa: bool = False,
              keywords: str = "") -> Path:
    """Build ``story`` into ``out`` atomically and return ``out``.

    The PDF is written to a temporary file next to ``out`` and moved over it only when
    complete: if building fails, ``out`` is left as it was (absent, or the previous file).
    If ``out`` cannot be replaced because another program holds it open (Windows), a
    :class:`DomainError` with a message for the clerk is raised.
    ``story`` is not consumed (ReportLab empties the list it is given; it gets a copy).
    ``page_totals`` (an amount formatter) prints "Totale pagina" and, from page 2, "Riporto"
    at the foot of each page holding rows of a register built with ``row_amounts``.
    ``protocol``: a document that goes to the protocol (verbali, decreti, buoni, contratti)
    opens with the "Prot. n. … del …" field: True leaves it blank, to be filled in by hand;
    a ``domain.protocol.ProtocolMark`` (see :func:`protocol_of`) prints the recorded one.
    ``pdfa``: a PDF/A-2b (reports/pdfa.py), for the protocol and the conservation systems.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".pdf.tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    _permissions_like_a_new_file(tmp)
    try:
        doc = SchoolDocTemplate(str(tmp), heading=heading, title=title, subtitle=subtitle,
                                landscape=landscape, footer_text=footer_text,
                                printed_at=printed_at, compress=compress,
                                page_totals=page_totals, keywords=keywords or title)
        flowables = list(story) or [Spacer(1, 1)]   # an empty story still prints one page
        if protocol:
            text = getattr(protocol, "text", PROTOCOL_TEXT)
            flowables.insert(0, ProtocolField(text))
        doc.build(flowables, canvasmaker=PdfACanvas if pdfa else NumberedCanvas)
        try:
            os.replace(tmp, out)
        except PermissionError as exc:   # Windows: the old PDF is open in a viewer
            raise DomainError(f"Impossibile salvare «{out.name}»: il file è aperto in un altro "
                              "programma. Chiuderlo e riprovare.") from exc
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return out
