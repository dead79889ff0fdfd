"""importa-personale and esporta-personale, run as the IT staff runs them."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from iiss_desktop.queries.staff import staff_list
from iiss_desktop.services.school import save_site
from tests.helpers.users import give_password

FIXTURES = Path(__file__).parent / "fixtures" / "staff_import"


def run(*args: str, env=None) -> subprocess.CompletedProcess:
    """The command as the archive's DSGA (``env`` from give_password), or with no user."""
    user = ["--utente", "mrossi"] if env is not None else []
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *user, *args],
                          capture_output=True, text=True, timeout=120, env=env)


def test_errors_exit_3_then_a_clean_file_imports_and_exports(db, db_path, tmp_path):
    save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    save_site(db, {"code": "PRIM", "name": "Primaria Rodari"})
    good = shutil.copy(FIXTURES / "personale.csv", tmp_path / "personale.csv")

    # A real archive whose first user is still to be created: the command refuses.
    result = run("importa-personale", "--db", str(db_path), str(good))
    assert result.returncode == 1
    assert "non ha ancora utenti" in result.stderr
    env = give_password(db)

    result = run("importa-personale", "--db", str(db_path), str(FIXTURES / "errori.csv"),
                 env=env)
    assert result.returncode == 3, result.stderr
    assert ("  - Riga 8, colonna «Cognome»: cella vuota: il cognome è obbligatorio"
            in result.stderr.splitlines())
    assert "Errori: 6 in 6 righe" in result.stdout
    assert "Traceback" not in result.stderr

    result = run("importa-personale", "--db", str(db_path), str(good), "--prova", env=env)
    assert result.returncode == 0, result.stderr
    assert "Nessun errore" in result.stdout and staff_list(db) == []

    result = run("importa-personale", "--db", str(db_path), str(good), env=env)
    assert result.returncode == 0, result.stderr
    assert "Importati da «personale.csv»: 5 dipendenti nuovi e 7 contratti." in result.stdout
    assert [p.surname for p in staff_list(db)] == ["Bianchi", "Gallo", "Neri", "Rossi",
                                                   "Verdi"]

    # The same file again: every contract is already there, nothing is written.
    result = run("importa-personale", "--db", str(db_path), str(good), env=env)
    assert result.returncode == 3
    assert "contratto già in archivio per Rossi Maria" in result.stderr

    out = tmp_path / "copia.xlsx"
    result = run("esporta-personale", "--db", str(db_path), str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Esportati 5 dipendenti e 7 contratti in {out}."
    assert out.stat().st_size > 0
