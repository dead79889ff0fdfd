"""importa-assenze run as the IT staff runs it: errors listed in Italian with exit 3 and nothing
saved, --prova writes nothing, a clean file imports once (4,50 days of ferie carried: one
«riporto» row of 450 hundredths)."""
from __future__ import annotations

import sqlite3
from datetime import date

from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.services.school import save_site
from iiss_desktop.services.staff import registry
from tests.helpers.users import give_password
from tests.test_cli_staff_import import run

HEADER = "Tipo;Codice fiscale;Causa o saldo;Dal;Al;Ore;Quantità;Note"


def _rows(path):
    with sqlite3.connect(path) as con:
        return con.execute("SELECT account, kind, amount FROM staff_leave_entry").fetchall()


def test_errors_exit_3_then_a_clean_file_imports_once(db, db_path, tmp_path):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    cf = demo_codice_fiscale("Rossi", "Maria", "F", date(1970, 3, 12))
    registry.save_person(db, {"surname": "Rossi", "name": "Maria", "role": "AA",
                              "site_id": site, "codice_fiscale": cf})
    env = give_password(db)
    wrong, good = tmp_path / "errori.csv", tmp_path / "saldi.csv"
    wrong.write_text(f"{HEADER}\nSaldo;{cf};ferie;;;;tre;\n", encoding="utf-8")
    good.write_text(f"{HEADER}\nSaldo;{cf};ferie;;;;4,5;\n", encoding="utf-8")

    result = run("importa-assenze", "--db", str(db_path), str(wrong), env=env)
    assert result.returncode == 3, result.stderr
    assert ("  - riga 2, colonna «Quantità»: atteso un numero di giorni riportati (es. 3 o "
            "3,5), trovato «tre»") in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and _rows(db_path) == []

    result = run("importa-assenze", "--db", str(db_path), str(good), "--prova", env=env)
    assert result.returncode == 0, result.stderr
    assert "Nessun errore" in result.stdout and _rows(db_path) == []

    result = run("importa-assenze", "--db", str(db_path), str(good), env=env)
    assert result.returncode == 0, result.stderr
    assert "Importati nell'a.s." in result.stdout
    assert _rows(db_path) == [("ferie", "riporto", 450)]

    result = run("importa-assenze", "--db", str(db_path), str(good), env=env)
    assert result.returncode == 3 and "ha già un saldo riportato" in result.stderr
