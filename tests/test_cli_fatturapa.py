"""iiss-desktop import fatturapa, run as the office runs it: JSON out, exit codes, nothing
stored from a refused file."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers.users import give_password

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fatturapa"


def run(*args: str, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iiss_desktop", "--utente", "mrossi", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def invoices(db_path) -> int:
    with sqlite3.connect(db_path) as con:
        return con.execute("SELECT count(*) FROM procurement_invoice").fetchone()[0]


def test_import_prints_json_and_refuses_the_bad_file_with_exit_3(db, db_path):
    env = give_password(db)
    db.dispose()
    good = [str(FIXTURES / "IT01234567890_FPA01.xml"), str(FIXTURES / "IT01234567890_FPA02.xml")]
    result = run("import", "fatturapa", *good, "--db", str(db_path), "--json", env=env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    # read by eye from the files: 5.00 + 1.10 and 25.00 + 5.50
    assert [(r["supplier_vat"], r["number"], r["date"], r["total"], r["file"]) for r in rows] \
        == [("IT01234567890", "123", "2017-01-18", "6.10", "IT01234567890_FPA01.xml"),
            ("IT01234567890", "123", "2017-01-18", "30.50", "IT01234567890_FPA02.xml")]
    assert [r["register_number"] for r in rows] == [1, 2]

    bad = [str(FIXTURES / "bad" / "IT01234567890_FPA01_no_body.xml"),
           str(FIXTURES / "IT01234567890_FPR02.xml"), good[0]]
    result = run("import", "fatturapa", *bad, "--db", str(db_path), "--json", env=env)
    assert result.returncode == 3
    assert json.loads(result.stdout) == []
    assert "nessun corpo di fattura" in result.stderr
    assert "ContattiTrasmittente" in result.stderr
    assert "già stato importato" in result.stderr
    assert invoices(db_path) == 2

    result = run("import", "fatturapa", bad[1], "--db", str(db_path), "--json",
                 "--accept-schema-errors", env=env)
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["total"], row["register_number"]) == ("32.95", 3)
    assert "difformità dallo schema" in result.stderr
    assert invoices(db_path) == 3


def test_a_file_that_is_not_xml_is_refused_and_named(db, db_path, tmp_path):
    env = give_password(db)
    db.dispose()
    pdf = tmp_path / "fattura.xml"
    pdf.write_bytes(b"%PDF-1.4 \x00\x01")
    result = run("import", "fatturapa", str(pdf), "--db", str(db_path), env=env)
    assert result.returncode == 3
    assert "«fattura.xml» non è un file XML leggibile" in result.stderr
    assert "Importate 0 fatture da 1 file; 1 file rifiutati." in result.stdout
    assert invoices(db_path) == 0
