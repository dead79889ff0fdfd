"""The command line answers in Italian where it used to leak English text: argparse's
«argument --x:», an OSError's «[Errno 21] Is a directory», a console that cannot show a
character of the message (a Windows console in cp1252)."""
from __future__ import annotations

import subprocess
import sys

from iiss_desktop.services.school import save_room, save_site
from tests.helpers.users import give_password
from tests.services.inventory.test_import import row, write_csv


def run(*args, env=None) -> subprocess.CompletedProcess:
    user = ["--utente", "mrossi"] if env is not None else []
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *user, *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=env,
                          encoding="utf-8", errors="replace")


def _english(text: str) -> list[str]:
    words = ("argument ", "Errno", "Error:", "error:", "Traceback", "Is a directory",
             "codec can't")
    return [w for w in words if w in text]


def test_argparse_errors_name_the_option_in_italian():
    result = run("demo", "--db", "x.db", "--size", "enorme")
    assert result.returncode == 2
    assert "argomento --size: scelta non valida: 'enorme'" in result.stderr
    assert _english(result.stderr) == []


def test_exporting_onto_a_folder_is_an_italian_message(db, db_path, tmp_path):
    env = give_password(db)
    target = tmp_path / "inventario.csv"
    target.mkdir()
    result = run("esporta-inventario", "--db", db_path, target, env=env)
    assert result.returncode == 1
    assert f"«{target.name}»" in result.stderr and "cartella" in result.stderr
    assert _english(result.stderr) == []


def test_a_message_the_console_cannot_show_is_printed_with_replacements(db, db_path,
                                                                          tmp_path):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    save_room(db, {"site_id": site, "name": "Aula 1A"})
    env = {**give_password(db), "PYTHONIOENCODING": "cp1252"}
    source = write_csv(tmp_path / "Țurcanu.csv", [row(1, Stato="Țurcanu ≠ buono")])
    result = subprocess.run([sys.executable, "-m", "iiss_desktop", "--utente", "mrossi",
                             "importa-inventario", "--db", str(db_path), str(source)],
                            capture_output=True, timeout=300, env=env)
    stdout, stderr = result.stdout.decode("cp1252"), result.stderr.decode("cp1252")
    assert result.returncode == 3, stderr
    assert "File «?urcanu.csv»" in stdout
    assert "riga 2, colonna «Stato»" in stderr and "«?urcanu ? buono»" in stderr
    assert _english(stderr) == []


def test_importing_a_folder_says_it_is_a_folder(db, db_path, tmp_path):
    env = give_password(db)
    folder = tmp_path / "inventario.csv"
    folder.mkdir()
    result = run("importa-inventario", "--db", db_path, folder, "--prova", env=env)
    assert result.returncode == 1
    assert "«inventario.csv» è una cartella" in result.stderr
    assert _english(result.stderr) == []


def test_writing_where_nothing_can_be_written_is_an_italian_message(demo_path):
    # /proc takes no new files, not even from root.
    result = run("backup", "--db", demo_path, "--out", "/proc/copia.db")
    assert result.returncode == 1
    assert "Impossibile aprire o creare il file" in result.stderr
    assert _english(result.stderr) == [] and "OperationalError" not in result.stderr
    result = run("print", "registro", "--registro", "inv-mobili", "--db", demo_path,
                 "--out", "/proc/registro.pdf")
    assert result.returncode == 1
    assert "impossibile scrivere nella cartella «/proc»" in result.stderr
    assert _english(result.stderr) == []
