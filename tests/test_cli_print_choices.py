"""The command line says which values exist: a print missing --numero, --registro, --plesso or
--inventario (or naming nothing) lists the valid values and exits with code 2; ``print --list
--db`` gives one example per print, and every example prints on the demo."""
from __future__ import annotations

import shlex
import sqlite3
import subprocess
import sys

import pytest


def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *args], capture_output=True,
                          text=True, timeout=timeout)


def _usage(result) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr


def test_missing_numero_lists_documents_newest_first(demo_path, tmp_path):
    err = _usage(run("print", "buono-carico", "--db", str(demo_path),
                     "--out", str(tmp_path / "b.pdf")))
    assert "richiede --numero" in err
    con = sqlite3.connect(demo_path)
    # Independent SQL: the buoni di carico, newest first.
    rows = con.execute("SELECT year, number, entry_date FROM register_entry "
                       "WHERE register = 'inv-buoni-carico' ORDER BY year DESC, number DESC "
                       "LIMIT 10").fetchall()
    con.close()
    listed = [line.split()[:4] for line in err.splitlines() if line.startswith("  --anno")]
    assert listed == [["--anno", str(y), "--numero", str(n)] for y, n, _ in rows]
    y, n, day = rows[0]
    d = day.split("-")
    assert f"n. {n}/{y} del {d[2]}/{d[1]}/{d[0]} – Buono di carico" in err
    assert "(i 10 più recenti)" in err          # the demo has 14 buoni di carico


def test_wrong_numero_lists_documents(demo_path, tmp_path):
    err = _usage(run("print", "verbale-ricognizione", "--db", str(demo_path), "--out",
                     str(tmp_path / "v.pdf"), "--anno", "2001", "--numero", "99"))
    assert "non trova nulla" in err and "--anno 2001 --numero 99" in err
    assert "Ricognizione dei beni" in err


@pytest.mark.parametrize("report, option, expected", [
    ("registro", "--registro", "  --registro inv-mobili    inv-mobili – "),
    ("prospetto-subconsegnatario", "--plesso", "  --plesso PRIM    PRIM – Scuola primaria"),
    ("scheda-manutenzioni", "--inventario", "  --inventario inv-mobili --numero "),
    ("avviso-vendita", "--numero", "  --numero 2    n. 2 – decreto n. 132 del {decree}"),
])
def test_missing_option_lists_values(demo_path, tmp_path, report, option, expected):
    if "{decree}" in expected:        # the demo dates its acts from the day it is built
        import sqlite3
        from datetime import date

        with sqlite3.connect(demo_path) as con:
            (day,) = con.execute("SELECT decree_date FROM inventory_sale WHERE id = 2").fetchone()
        expected = expected.format(decree=date.fromisoformat(day[:10]).strftime("%d/%m/%Y"))
    err = _usage(run("print", report, "--db", str(demo_path), "--out",
                     str(tmp_path / "x.pdf")))
    assert f"richiede {option}" in err
    assert "Valori validi in questo archivio" in err
    assert expected in err


def test_wrong_register_and_plesso(demo_path, tmp_path):
    err = _usage(run("print", "registro", "--db", str(demo_path), "--out",
                     str(tmp_path / "x.pdf"), "--registro", "inv-nessuno"))
    assert "--registro inv-nessuno" in err and "  --registro inv-mobili" in err
    err = _usage(run("print", "prospetto-subconsegnatario", "--db", str(demo_path), "--out",
                     str(tmp_path / "x.pdf"), "--plesso", "XYZ"))
    assert "  --plesso SEDE" in err
    # A plesso by its id is valid too.
    ok = run("print", "prospetto-subconsegnatario", "--db", str(demo_path), "--out",
             str(tmp_path / "p.pdf"), "--plesso", "2")
    assert ok.returncode == 0, ok.stderr


# One process per print (the installed command, as a clerk runs it): more than the hang guard.
@pytest.mark.timeout(1200)
def test_every_example_of_the_list_prints_on_the_demo(demo_path, tmp_path):
    listed = run("print", "--list", "--db", str(demo_path))
    assert listed.returncode == 0, listed.stderr
    examples = [line.split("esempio: ", 1)[1] for line in listed.stdout.splitlines()
                if "esempio: iiss-desktop" in line]
    from iiss_desktop.reports.catalog import REPORTS

    assert listed.stdout.count("    esempio: ") == len(REPORTS)   # one per print
    # No rinnovo in the demo: the only print with nothing to show says so.
    assert len(examples) == len(REPORTS) - 1
    assert "esempio: nessun documento nell'archivio" in listed.stdout
    for example in examples:
        args = shlex.split(example)[1:]
        out = tmp_path / args[args.index("--out") + 1]
        args[args.index("--out") + 1] = str(out)
        done = run(*args)
        assert done.returncode == 0, (example, done.stderr)
        assert out.read_bytes().startswith(b"%PDF")


def test_protocollo_records_the_number_once_then_the_print_shows_it(demo_path, tmp_path):
    from datetime import date

    con = sqlite3.connect(demo_path)
    year, number, day = con.execute(
        "SELECT year, number, entry_date FROM register_entry WHERE register = "
        "'inv-buoni-carico' ORDER BY year DESC, number DESC").fetchone()
    con.close()
    today = date.today().strftime("%d/%m/%Y")
    args = ("protocollo", "buono-carico", "--db", str(demo_path), "--anno", str(year),
            "--numero", str(number), "--data", today)
    done = run(*args, "--prot", "0004321/VI.3")
    assert done.returncode == 0, done.stderr
    assert f"Registrato: Prot. n. 0004321/VI.3 del {today}." in done.stdout
    again = run(*args, "--prot", "4322")
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert (f"Buono di carico n. {number}/{year} ha già il protocollo n. 0004321/VI.3"
            in again.stderr)
    fixed = run(*args, "--prot", "4322", "--motivo", "Numero trascritto male")
    assert fixed.returncode == 0, fixed.stderr
    printed = run("print", "buono-carico", "--db", str(demo_path), "--anno", str(year),
                  "--numero", str(number), "--out", str(tmp_path / "b.pdf"))
    assert printed.returncode == 0, printed.stderr
    from tests.helpers.pdf import pdf_text

    assert f"Prot. n. 4322 del {today}" in pdf_text(tmp_path / "b.pdf", page=1)
    con = sqlite3.connect(demo_path)
    assert con.execute("SELECT protocol_number FROM document_protocol "
                       "WHERE report <> 'documento' ORDER BY id").fetchall() \
        == [("0004321/VI.3",), ("4322",)]
    con.close()
