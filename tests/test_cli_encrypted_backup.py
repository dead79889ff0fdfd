"""iiss-desktop backup --passphrase-file / restore FILE.iissbak [--dry-run], as a process."""
from __future__ import annotations

import hashlib
import sqlite3

from tests.test_cli import _italian_error, run

PASSPHRASE = "cavallo batteria graffetta"


def _entries(path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute("SELECT count(*) FROM register_entry").fetchone()[0]


def test_backup_and_restore_from_the_command_line(demo_path, tmp_path):
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    out = tmp_path / "backup"
    out.mkdir()
    done = run("backup", "--db", str(demo_path), "--out", str(out), "--passphrase-file",
               str(secret), "--ruota")
    assert done.returncode == 0, done.stderr
    assert "Backup cifrato creato e verificato" in done.stdout and "RMIC86400X" in done.stdout
    [made] = out.glob("iiss-*-manuale.iissbak")

    # Without the passphrase: what it holds, and a usage error.
    shown = run("restore", str(made), "--db", str(demo_path))
    assert shown.returncode == 2 and "Registro delle modifiche" in shown.stderr

    wrong = tmp_path / "sbagliata.txt"
    wrong.write_text("non è la passphrase giusta", encoding="utf-8")
    digest = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    err = _italian_error(run("restore", str(made), "--db", str(demo_path),
                             "--passphrase-file", str(wrong)))
    assert "Passphrase errata o file danneggiato" in err
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest

    dry = run("restore", str(made), "--db", str(demo_path), "--passphrase-file", str(secret),
              "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "nulla è stato sostituito" in dry.stdout
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest

    target = tmp_path / "ripristinato.db"           # a new place: the PC was lost
    done = run("restore", str(made), "--db", str(target), "--passphrase-file", str(secret))
    assert done.returncode == 0, done.stderr
    assert _entries(target) == _entries(demo_path)
    assert run("verify", "--db", str(target)).returncode == 0


def test_a_short_passphrase_and_a_file_for_a_folder_are_refused(demo_path, tmp_path):
    secret = tmp_path / "passphrase.txt"
    secret.write_text("corta", encoding="utf-8")
    err = _italian_error(run("backup", "--db", str(demo_path), "--out", str(tmp_path),
                             "--passphrase-file", str(secret)))
    assert "almeno 10 caratteri" in err
    secret.write_text(PASSPHRASE, encoding="utf-8")
    err = _italian_error(run("backup", "--db", str(demo_path), "--out",
                             str(tmp_path / "copia.db"), "--passphrase-file", str(secret)))
    assert "non è una cartella" in err
