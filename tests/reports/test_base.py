"""Printing base: real PDFs checked with pypdf and poppler (pdftotext, pdffonts)."""
from __future__ import annotations

import ast
import subprocess
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Table

from iiss_desktop.domain.money import NBSP, format_money
from iiss_desktop.reports.base import NumberedCanvas, body_width, build_pdf, register_fonts
from iiss_desktop.reports.styles import STYLES, register_table_style
from iiss_desktop.reports.tables import (
    RegisterChunk,
    chunked_table,
    default_rows_per_chunk,
    key_value_table,
    signature_block,
)

from .conftest import tiny_png

PRINTED_AT = datetime(2026, 10, 4, 14, 5)
NAMES = "Ștefan Țurcanu, Łukasz Wałęsa, Dvořák"
HEADER = ["N.", "Data", "Beneficiario", "Descrizione", "Importo"]


def pdftotext(path: Path, page: int | None = None) -> str:
    args = ["pdftotext"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def pdffonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for every font of the PDF."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    header = out[0]
    emb_at = header.index("emb")
    return [(line.split()[0], line[emb_at:emb_at + 3].strip()) for line in out[2:] if line.strip()]


def register_rows(n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        descr = ("Acquisto di materiale di cancelleria per la segreteria didattica e "
                 f"amministrativa, lotto n. {i}" if i % 9 == 0 else f"Rimborso spese n. {i}")
        rows.append([str(i + 1), f"{1 + i % 28:02d}/03/2026", "Łukasz Wałęsa", descr,
                     format_money(Decimal("1234.50") + i)])
    return rows


def col_widths(landscape: bool = False) -> list[float]:
    w = body_width(landscape)
    return [12 * mm, 22 * mm, 40 * mm, w - 100 * mm, 26 * mm]


# -- fonts ----------------------------------------------------------------------------

def test_register_fonts_is_idempotent_and_registers_the_family():
    register_fonts()
    register_fonts()
    names = set(pdfmetrics.getRegisteredFontNames())
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
            "DejaVuSans-BoldOblique"} <= names
    from reportlab.lib.fonts import tt2ps
    assert tt2ps("DejaVuSans", 1, 0) == "DejaVuSans-Bold"
    assert tt2ps("DejaVuSans", 0, 1) == "DejaVuSans-Oblique"
    assert tt2ps("DejaVuSans", 1, 1) == "DejaVuSans-BoldOblique"


def test_unicode_round_trips_and_only_embedded_dejavu_fonts(tmp_path, heading):
    amount = format_money(Decimal("1234.50"))
    story = [
        Paragraph("Importo: 1.234,50 €", STYLES.normal),
        Paragraph("àèéìòù ÀÈÉÌÒÙ", STYLES.normal),
        Paragraph(NAMES, STYLES.normal),
        Paragraph("<b>Grassetto</b> <i>corsivo</i> <b><i>entrambi</i></b>", STYLES.normal),
        *chunked_table(["Nome", "Importo"], [[NAMES, amount]], [120 * mm, 40 * mm],
                       money_columns=[1]),
    ]
    out = build_pdf(tmp_path / "unicode.pdf", heading=heading, title="Prova caratteri",
                    story=story, printed_at=PRINTED_AT)
    text = pdftotext(out)
    assert "1.234,50 €" in text
    assert amount.replace(NBSP, " ") in text.replace(NBSP, " ")
    assert "àèéìòù ÀÈÉÌÒÙ" in text
    assert NAMES in text
    assert heading.denominazione in text
    fonts = pdffonts(out)
    assert fonts
    assert all(emb == "yes" for _, emb in fonts), fonts
    base_names = {name.split("+")[-1] for name, _ in fonts}
    assert base_names == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                          "DejaVuSans-BoldOblique"}


# -- register over several pages --------------------------------------------------------

def test_150_row_register_has_heading_header_and_page_numbers_on_every_page(tmp_path, heading):
    story = chunked_table(HEADER, register_rows(150), col_widths(), money_columns=[4])
    out = build_pdf(tmp_path / "registro.pdf", heading=heading, title="Registro dei pagamenti",
                    subtitle="Esercizio finanziario 2026", story=story, compress=False,
                    footer_text="iiss_desktop – Registro dei pagamenti", printed_at=PRINTED_AT)
    n = len(PdfReader(out).pages)
    assert n >= 3
    whole = pdftotext(out)
    assert f"pag. 1 di {n:d}" in whole
    assert f"pag. {n:d} di {n:d}" in whole
    for p in range(1, n + 1):
        page = pdftotext(out, p)
        assert heading.denominazione in page
        assert heading.codes_line in page
        assert "Registro dei pagamenti" in page
        assert "Esercizio finanziario 2026" in page
        assert "Stampato il 04/10/2026 alle 14:05" in page
        assert f"pag. {p} di {n}" in page
        # the header row is repeated once on every page, never in the middle of one
        assert page.count("Beneficiario") == 1, p
        assert page.count("Descrizione") == 1, p
    for i in (1, 75, 150):
        assert (format_money(Decimal("1234.50") + i - 1).replace(NBSP, " ")
                in whole.replace(NBSP, " "))
    data = out.read_bytes()
    assert b" Tf" in data          # uncompressed content streams: text operators readable
    meta = PdfReader(out).metadata
    assert meta.title == "Registro dei pagamenti"
    assert meta.author == heading.denominazione
    assert meta.subject == "Esercizio finanziario 2026"


def test_small_chunks_join_without_header_in_the_middle_of_a_page(tmp_path, heading):
    story = chunked_table(HEADER, register_rows(150), col_widths(), money_columns=[4],
                          rows_per_chunk=7)
    assert len(story) == 22
    out = build_pdf(tmp_path / "chunks.pdf", heading=heading, title="Registro", story=story,
                    printed_at=PRINTED_AT)
    n = len(PdfReader(out).pages)
    for p in range(1, n + 1):
        assert pdftotext(out, p).count("Beneficiario") == 1
    text = pdftotext(out)
    assert all(f"Rimborso spese n. {i}" in text for i in range(1, 150) if i % 9)


def test_landscape_page(tmp_path, heading):
    story = chunked_table(HEADER, register_rows(40), col_widths(landscape=True),
                          money_columns=[4], landscape=True)
    out = build_pdf(tmp_path / "landscape.pdf", heading=heading, title="Registro orizzontale",
                    story=story, landscape=True, printed_at=PRINTED_AT)
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert "Registro orizzontale" in pdftotext(out)
    assert default_rows_per_chunk(landscape=True) < default_rows_per_chunk()


# -- chunked_table -----------------------------------------------------------------------

def test_chunked_table_1000_rows_makes_page_sized_tables():
    tables = chunked_table(HEADER, iter(register_rows(1000)), col_widths(),
                           money_columns=[4], rows_per_chunk=50)
    # 50 rows per chunk at most, fewer when wrapped rows would make a chunk taller than a page
    assert len(tables) >= 20
    assert all(isinstance(t, Table) for t in tables)
    assert all(len(t._cellvalues) <= 50 + 1 for t in tables)
    assert sum(t.row_count for t in tables) == 1000
    assert all(t._colWidths == col_widths() for t in tables)

    # Without a size: one flowable that cuts itself into one table per page while building.
    [whole] = chunked_table(HEADER, register_rows(1000), col_widths())
    assert whole.row_count == 1000
    page_height = 700
    head, tail = whole.split(col_widths_total(), page_height)
    assert head.wrap(col_widths_total(), page_height)[1] <= page_height
    assert head.row_count + tail.row_count == 1000
    assert 40 <= head.row_count <= 70
    assert len(head._cellvalues) == head.row_count + 1   # its own header row


def col_widths_total() -> float:
    return sum(col_widths())


def test_chunked_table_wraps_only_long_texts():
    [table] = chunked_table(HEADER, register_rows(10), col_widths(), money_columns=[4])
    first, second = table._cellvalues[1], table._cellvalues[2]
    assert isinstance(first[3], str) and "\n" in first[3]   # long description: wrapped
    assert second[3] == "Rimborso spese n. 1"   # short: kept as a plain string
    assert isinstance(second[4], str)


def test_chunked_table_rejects_a_row_with_wrong_column_count():
    with pytest.raises(ValueError):
        chunked_table(["A", "B"], [["1", "2", "3"]], [50, 50])


def test_strike_rows_print_in_grey_italic(tmp_path, heading):
    rows = register_rows(30)
    rows[3][3] = "Registrazione annullata per errore materiale"
    story = chunked_table(HEADER, rows, col_widths(), money_columns=[4], strike_rows={3, 9})
    out = build_pdf(tmp_path / "annullati.pdf", heading=heading, title="Registro", story=story,
                    printed_at=PRINTED_AT)
    assert "Registrazione annullata per errore materiale" in pdftotext(out)
    # the Oblique face is used only by the annulled rows in this document
    assert any(name.endswith("DejaVuSans-Oblique") for name, _ in pdffonts(out))
    plain = build_pdf(tmp_path / "normali.pdf", heading=heading, title="Registro",
                      story=chunked_table(HEADER, rows, col_widths()), printed_at=PRINTED_AT)
    assert not any(name.endswith("DejaVuSans-Oblique") for name, _ in pdffonts(plain))


# -- logo --------------------------------------------------------------------------------

def _images_in(resources) -> int:
    """Images a page shows, also through forms (the heading is one form on every page)."""
    count = 0
    for ref in resources.get("/XObject", {}).values():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            count += 1
        elif obj.get("/Subtype") == "/Form":
            count += _images_in(obj.get("/Resources", {}))
    return count


def _image_xobjects(path: Path) -> int:
    return sum(_images_in(page.get("/Resources", {})) for page in PdfReader(path).pages)


def test_logo_drawn_when_given(tmp_path, heading, logo_png):
    out = build_pdf(tmp_path / "logo.pdf", heading=replace(heading, logo_png=logo_png),
                    title="Con logo", story=[Paragraph("Testo", STYLES.normal)],
                    printed_at=PRINTED_AT)
    assert _image_xobjects(out) == 1


def test_no_logo_and_damaged_logo_do_not_crash(tmp_path, heading):
    story = [Paragraph("Testo", STYLES.normal)]
    out = build_pdf(tmp_path / "senza.pdf", heading=heading, title="Senza logo", story=story,
                    printed_at=PRINTED_AT)
    assert _image_xobjects(out) == 0
    assert "Senza logo" in pdftotext(out)
    bad = build_pdf(tmp_path / "rotto.pdf", heading=replace(heading, logo_png=b"not a png"),
                    title="Logo rotto", story=story, printed_at=PRINTED_AT)
    assert _image_xobjects(bad) == 0
    assert heading.denominazione in pdftotext(bad)


def test_logo_on_every_page(tmp_path, heading):
    story = chunked_table(HEADER, register_rows(120), col_widths())
    out = build_pdf(tmp_path / "logo2.pdf", heading=replace(heading, logo_png=tiny_png(16)),
                    title="Registro", story=story, printed_at=PRINTED_AT)
    assert _image_xobjects(out) == len(PdfReader(out).pages) > 1


# -- atomic build -------------------------------------------------------------------------

class _Exploding(Flowable):
    def wrap(self, aw, ah):
        return aw, 10

    def draw(self):
        raise RuntimeError("flowable rotto")


def test_build_is_atomic_when_target_absent(tmp_path, heading):
    out = tmp_path / "nuovo.pdf"
    story = chunked_table(HEADER, register_rows(80), col_widths()) + [_Exploding()]
    with pytest.raises(RuntimeError, match="flowable rotto"):
        build_pdf(out, heading=heading, title="Registro", story=story)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []      # no temporary file left behind


def test_build_is_atomic_when_target_exists(tmp_path, heading):
    out = tmp_path / "registro.pdf"
    build_pdf(out, heading=heading, title="Prima versione",
              story=[Paragraph("ok", STYLES.normal)], printed_at=PRINTED_AT)
    before = out.read_bytes()
    with pytest.raises(Exception):  # noqa: B017 - whatever fails mid-build, the old file stays
        build_pdf(out, heading=heading, title="Seconda versione", story=["non un flowable"])
    assert out.read_bytes() == before
    assert "Prima versione" in pdftotext(out)
    assert [p.name for p in tmp_path.iterdir()] == ["registro.pdf"]


def test_build_returns_out_and_does_not_consume_story(tmp_path, heading):
    story = [Paragraph("Uno", STYLES.normal), Paragraph("Due", STYLES.normal)]
    out = tmp_path / "sub" / "doc.pdf"
    assert build_pdf(out, heading=heading, title="T", story=story) == out
    assert len(story) == 2
    assert out.read_bytes().startswith(b"%PDF")
    empty = build_pdf(tmp_path / "vuoto.pdf", heading=heading, title="Vuoto", story=[])
    assert len(PdfReader(empty).pages) == 1
    assert "pag. 1 di 1" in pdftotext(empty)


# -- NumberedCanvas -------------------------------------------------------------------------

def test_numbered_canvas_writes_total_page_count(tmp_path):
    register_fonts()
    path = tmp_path / "canvas.pdf"
    c = NumberedCanvas(str(path))
    for i in range(3):
        c.setFont("DejaVuSans", 12)
        c.drawString(100, 700, f"Pagina di prova {i + 1}")
        c.page_number_anchor = (500, 40)
        c.showPage()
    c.save()
    assert len(PdfReader(path).pages) == 3
    for p in (1, 2, 3):
        text = pdftotext(path, p)
        assert f"Pagina di prova {p}" in text
        assert f"pag. {p} di 3" in text


# -- other building blocks ---------------------------------------------------------------

def test_key_value_table_and_signature_block(tmp_path, heading):
    story = [
        Paragraph("Verbale di verifica di cassa", STYLES.title),
        key_value_table([("Dirigente", heading.dirigente), ("DSGA", heading.dsga),
                         ("Saldo", format_money(Decimal("98765.43"))), ("Note", None)]),
        *signature_block(["Il Dirigente Scolastico", "Il DSGA"], place="Roma",
                         when=date(2026, 10, 4), names=[heading.dirigente, heading.dsga]),
    ]
    out = build_pdf(tmp_path / "verbale.pdf", heading=heading, title="Verbale", story=story,
                    printed_at=PRINTED_AT)
    text = pdftotext(out)
    for s in ("Prof.ssa Maria Rossi", "Dott. Ștefan Țurcanu", "98.765,43 €",
              "Il Dirigente Scolastico", "Il DSGA", "Roma, 04/10/2026"):
        assert s in text.replace(NBSP, " ")
    blank = signature_block(["Il Dirigente Scolastico"])
    out2 = build_pdf(tmp_path / "firma.pdf", heading=heading, title="Firma", story=blank)
    assert "____/____/________" in pdftotext(out2)


def test_register_table_style_commands():
    cmds = register_table_style([4]).getCommands()
    ops = {c[0] for c in cmds}
    assert {"GRID", "ROWBACKGROUNDS", "VALIGN", "BACKGROUND", "FONTNAME"} <= ops
    assert ("ALIGN", (4, 0), (4, -1), "RIGHT") in cmds
    assert ("FONTNAME", (0, 0), (-1, 0), "DejaVuSans-Bold") in cmds
    assert all(s.fontName.startswith("DejaVuSans") for s in vars(STYLES).values())
    assert 8 <= STYLES.cell.fontSize <= 9


def test_register_chunk_is_a_table():
    [chunk] = chunked_table(["A"], [["x"]], [50])
    assert isinstance(chunk, RegisterChunk) and isinstance(chunk, Table)


def test_reportlab_imported_only_in_reports_package():
    """The app imports reportlab lazily, when printing: no module-level import elsewhere."""
    package = Path(__file__).resolve().parents[2] / "iiss_desktop"
    offenders = []
    for path in package.rglob("*.py"):
        if package / "reports" in path.parents:   # reports/ and its sub-packages
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            if any(n == "reportlab" or n.startswith("reportlab.") for n in names):
                offenders.append(str(path.relative_to(package)))
    assert offenders == []


def test_printed_pdf_is_an_ordinary_readable_file(tmp_path, heading):
    import os
    import stat

    mask = os.umask(0o022)
    try:
        out = build_pdf(tmp_path / "lettura.pdf", heading=heading, title="Prova", story=[],
                        printed_at=PRINTED_AT)
    finally:
        os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_fixed_columns_are_wrapped_only_when_they_would_overflow():
    rows = [["7", "04/10/2026", "1.234,50 €"], ["8", "05/10/2026", "1.234.567.890,12 €"]]
    [table] = chunked_table(["N.", "Data", "Importo"], rows, [30, 60, 60], money_columns=[2],
                            fixed_columns=(0, 1, 2), rows_per_chunk=10)
    cells = table._cellvalues
    assert cells[1] == ["7", "04/10/2026", "1.234,50 €"]   # fit: kept as they are
    assert "\n" in cells[2][2]                              # too wide for 60 pt: wrapped
