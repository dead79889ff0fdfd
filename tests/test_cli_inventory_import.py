"""importa-inventario and esporta-inventario, run as the IT staff runs them."""
from __future__ import annotations

import csv
import subprocess
import sys

from iiss_desktop.domain.inventory.import_ import HEADERS
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.users import give_password


def run(*args: str, env=None) -> subprocess.CompletedProcess:
    """The command as the archive's DSGA (``env`` from give_password), or with no user."""
    user = ["--utente", "mrossi"] if env is not None else []
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *user, *args],
                          capture_output=True, text=True, timeout=120, env=env)


def _write(path, days) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(HEADERS)
        for n, day in enumerate(days, start=1):
            values = {"Inventario": "beni mobili", "Numero": n, "Data di carico": day,
                      "Descrizione": "Sedia", "Plesso": "SEDE", "Locale": "Aula 1A",
                      "Stato": "buono", "Valore": "210,00", "Provenienza": "acquisto"}
            writer.writerow([values.get(h, "") for h in HEADERS])


def test_dry_run_errors_exit_3_then_a_clean_file_imports_and_exports(db, db_path, tmp_path):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    save_room(db, {"site_id": site, "name": "Aula 1A"})
    wrong, good = tmp_path / "errato.csv", tmp_path / "giusto.csv"
    _write(wrong, ["01/02/2021", "32/01/2021"])
    _write(good, ["01/02/2021", "02/02/2021"])

    # A real archive whose first user is still to be created: the commands refuse.
    result = run("importa-inventario", "--db", str(db_path), str(good))
    assert result.returncode == 1
    assert "non ha ancora utenti" in result.stderr and "primo utente" in result.stderr
    env = give_password(db)

    result = run("importa-inventario", "--db", str(db_path), str(wrong), env=env)
    assert result.returncode == 3, result.stderr
    assert ("riga 3, colonna «Data di carico»: attesa una data gg/mm/aaaa, trovato "
            "«32/01/2021»") in result.stderr
    assert "Traceback" not in result.stderr

    result = run("importa-inventario", "--db", str(db_path), str(good), "--prova", env=env)
    assert result.returncode == 0, result.stderr
    assert "Nessun errore" in result.stdout and list_items(db) == ([], [])

    result = run("importa-inventario", "--db", str(db_path), str(good), env=env)
    assert result.returncode == 0, result.stderr
    assert "Importati 2 beni da «giusto.csv»." in result.stdout
    assert [r[1] for r in list_items(db)[0]] == [1, 2]

    out = tmp_path / "copia.xlsx"
    result = run("esporta-inventario", "--db", str(db_path), str(out), env=env)
    assert result.returncode == 0 and out.stat().st_size > 0
    assert result.stdout.strip() == f"Esportati 2 beni in {out}."
