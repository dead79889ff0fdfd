"""The command line, run as the user runs it: ``python -m iiss_desktop ...`` in a subprocess."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.dbcheck import file_state

DEMO_TABLES = ("school", "site", "room", "employee", "calendar_day")


def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *args], capture_output=True,
                          text=True, timeout=timeout)


def _italian_error(result: subprocess.CompletedProcess, code: int = 1) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("Errore: "), result.stderr
    return result.stderr


def _rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for table in DEMO_TABLES:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")
                    if not r[1].endswith("_at")]  # timestamps of the build are not data
            out[table] = con.execute(
                f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1").fetchall()
        return out
    finally:
        con.close()


def test_demo_create_refuse_force_and_determinism(tmp_path):
    demo = tmp_path / "demo.db"
    first = run("demo", "--db", str(demo))
    assert first.returncode == 0, first.stderr
    assert demo.exists()
    rows = _rows(demo)
    assert all(rows[t] for t in DEMO_TABLES), {t: len(v) for t, v in rows.items()}

    before = file_state(demo)
    again = run("demo", "--db", str(demo))
    err = _italian_error(again)
    assert "esiste già" in err and "--force" in err
    assert file_state(demo) == before

    forced = run("demo", "--db", str(demo), "--force")
    assert forced.returncode == 0, forced.stderr
    assert _rows(demo) == rows  # deterministic: the same school, staff and calendar

    verify = run("verify", "--db", str(demo))
    assert verify.returncode == 0, verify.stderr
    assert "Archivio integro" in verify.stdout

    copy = tmp_path / "copia.db"
    backup = run("backup", "--db", str(demo), "--out", str(copy))
    assert backup.returncode == 0, backup.stderr
    assert copy.exists() and Path(str(copy) + ".json").exists()
    assert "SHA-256" in backup.stdout

    restored = tmp_path / "ripristinato.db"
    restore = run("restore", str(copy), "--db", str(restored))
    assert restore.returncode == 0, restore.stderr
    assert _rows(restored) == rows
    assert run("verify", "--db", str(restored)).returncode == 0

    # a second backup onto the same file is refused
    _italian_error(run("backup", "--db", str(demo), "--out", str(copy)))


def test_missing_file(tmp_path):
    missing = tmp_path / "manca.db"
    err = _italian_error(run("verify", "--db", str(missing)))
    assert "non esiste" in err
    assert not missing.exists()


def test_corrupt_file(tmp_path):
    corrupt = tmp_path / "rotto.db"
    con = sqlite3.connect(corrupt)
    con.execute("PRAGMA application_id = 1229542227")  # ours: 0x49495353
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 100)
    con.commit()
    con.close()
    data = bytearray(corrupt.read_bytes())
    data[4096:] = bytes((b * 7 + 3) % 256 for b in data[4096:])  # every page but the first
    corrupt.write_bytes(bytes(data))
    before = corrupt.read_bytes()
    err = _italian_error(run("verify", "--db", str(corrupt)), code=3)   # damage found: 3
    assert "[archivio]" in err and "danneggiato" in err
    assert corrupt.read_bytes() == before
    err = _italian_error(run("backup", "--db", str(corrupt), "--out", str(tmp_path / "c.db")))
    assert "danneggiato" in err or "non riuscita" in err


@pytest.mark.parametrize("path", [r"\\srv\share\app.db", "//srv/share/app.db"])
def test_unc_path(path):
    err = _italian_error(run("verify", "--db", path))
    assert "rete" in err and "PostgreSQL" in err


@pytest.mark.parametrize("command", ["demo", "verify", "print", "backup", "restore"])
def test_help_of_each_subcommand_is_in_italian(command):
    result = run(command, "--help", timeout=60)
    assert result.returncode == 0
    assert "uso:" in result.stdout
    assert "opzioni" in result.stdout
    assert "usage:" not in result.stdout and "show this help" not in result.stdout


def test_usage_errors_are_in_italian():
    result = run("verify", timeout=60)
    assert result.returncode == 2
    assert "uso:" in result.stderr and "errore:" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_force_never_replaces_a_real_archive(tmp_path):
    from iiss_desktop.db.schema import open_database
    from tests.helpers.users import act_as_office

    real = tmp_path / "iiss_desktop.db"
    db = open_database(real, create=True)
    act_as_office(db, "dsga")
    db.dispose()
    before = real.read_bytes()
    done = subprocess.run([sys.executable, "-m", "iiss_desktop", "demo", "--db", str(real),
                           "--force"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "non è un archivio dimostrativo" in done.stderr
    assert real.read_bytes() == before
