"""Headless commands run as a user: --utente with IISS_PASSWORD, the permission each needs."""
from __future__ import annotations

import os
import subprocess
import sys

from iiss_desktop.domain.access import ASSISTENTE_AMMINISTRATIVO, Grant
from iiss_desktop.services.users import save_user
from tests.helpers.users import TEST_PASSWORD, give_password


def run(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IISS_PASSWORD"}
    if password is not None:
        env["IISS_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *args], capture_output=True,
                          text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)


def _refused(result) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Errore: ") and "Traceback" not in result.stderr
    return result.stderr


def test_real_archive_without_users_refuses_every_command(db, db_path, tmp_path):
    err = _refused(run("verify", "--db", str(db_path)))
    assert "non ha ancora utenti" in err and "creare il primo utente" in err
    err = _refused(run("backup", "--db", str(db_path), "--out", str(tmp_path / "c.db")))
    assert "non ha ancora utenti" in err
    assert not (tmp_path / "c.db").exists()


def test_commands_log_in_with_utente_and_iiss_password(db, db_path, tmp_path):
    give_password(db)        # mrossi: DSGA and amministratore tecnico
    save_user(db, {"username": "pdesantis", "full_name": "Paola De Santis",
                   "password": "password di Paola", "grants": [Grant(ASSISTENTE_AMMINISTRATIVO)]})
    db.dispose()

    ok = run("--utente", "mrossi", "verify", "--db", str(db_path), password=TEST_PASSWORD)
    assert ok.returncode == 0, ok.stderr
    assert "Archivio integro" in ok.stdout
    after = run("verify", "--db", str(db_path), "--utente", "MRossi", password=TEST_PASSWORD)
    assert after.returncode == 0, after.stderr   # also after the command, any case

    err = _refused(run("--utente", "mrossi", "verify", "--db", str(db_path),
                       password="sbagliata sbagliata"))
    assert "Nome utente o password non corretti." in err
    err = _refused(run("--utente", "nessuno", "verify", "--db", str(db_path),
                       password="sbagliata sbagliata"))
    assert "Nome utente o password non corretti." in err
    err = _refused(run("--utente", "mrossi", "verify", "--db", str(db_path)))
    assert "IISS_PASSWORD" in err
    err = _refused(run("verify", "--db", str(db_path), password=TEST_PASSWORD))
    assert "--utente" in err

    # An assistant may not verify nor back up; may print the school's sheet, not the audit log.
    err = _refused(run("--utente", "pdesantis", "verify", "--db", str(db_path),
                       password="password di Paola"))
    assert "serve il permesso «Verifica dell'integrità dell'archivio»" in err
    copy = tmp_path / "copia.db"
    err = _refused(run("--utente", "pdesantis", "backup", "--db", str(db_path), "--out",
                       str(copy), password="password di Paola"))
    assert "«Copie di sicurezza e ripristino»" in err and not copy.exists()
    sheet = tmp_path / "istituto.pdf"
    done = run("--utente", "pdesantis", "print", "istituto", "--db", str(db_path), "--out",
               str(sheet), password="password di Paola")
    assert done.returncode == 0, done.stderr
    log = tmp_path / "modifiche.pdf"
    err = _refused(run("--utente", "pdesantis", "print", "modifiche", "--db", str(db_path),
                       "--out", str(log), password="password di Paola"))
    assert "«Consultazione del registro delle modifiche»" in err and not log.exists()

    done = run("--utente", "mrossi", "backup", "--db", str(db_path), "--out", str(copy),
               password=TEST_PASSWORD)
    assert done.returncode == 0, done.stderr
    assert copy.exists()


def test_demo_archive_needs_no_password_and_defaults_to_the_dsga(demo_path, tmp_path):
    matrix = tmp_path / "ruoli.pdf"
    done = run("print", "ruoli-permessi", "--db", str(demo_path), "--out", str(matrix))
    assert done.returncode == 0, done.stderr
    assert matrix.exists()
    staff = tmp_path / "personale.pdf"
    err = _refused(run("--utente", "tecnico-informatico", "print", "personale", "--db",
                       str(demo_path), "--out", str(staff)))
    assert "«Consultazione del personale»" in err and "Amministratore tecnico" in err
    assert not staff.exists()
