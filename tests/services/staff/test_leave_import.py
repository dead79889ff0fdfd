"""Import of the absences already taken in the current school year and of the balances carried
over, from the program the school used before (issue 16, «Import from the program the school
used before»): the dry run names each wrong row and column in Italian and writes nothing; a
clean file writes the opening «riporto» rows and the absences with their use, all or none.
Real SQLite archives; rows counted with raw sqlite3.

Figures by hand (CCNL 1995 art. 19; CCNL 2007 art. 16), a.s. 2020/21, today 30/6/2021:
- Rossi, assistente, five days of 7 h 12: 32 days of ferie + 4,50 carried = 36,50; ferie
  Monday 12 - Wednesday 14/4/2021 = 3 × 1,20 = 3,60: 32,90 left. Festività soppresse 4 + 2
  carried = 6.
- Verdi, collaboratrice, six days of 6 h: a permesso breve of 2 h (at most half of 6 h = 3 h):
  36 - 2 = 34 h; three days of lutto (no balance, at most 3 per event).
"""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.services.staff import leave
from iiss_desktop.services.staff.leave_import import check_leave_file, import_leave_file
from tests.services.staff.test_leave import SIX, START, _balance, _count, _person

TODAY = date(2021, 6, 30)
HEADER = "Tipo;Codice fiscale;Causa o saldo;Dal;Al;Ore;Quantità;Note"
ROSSI = demo_codice_fiscale("Rossi", "Maria", "F", date(1970, 3, 12))
VERDI = demo_codice_fiscale("Verdi", "Anna", "F", date(1975, 1, 5))


@pytest.fixture
def people(db, sites):
    rossi = _person(db, sites["SEDE"])
    verdi = _person(db, sites["SEDE"], surname="Verdi", name="Anna", role="CS", days=SIX,
                    born=date(1975, 1, 5))
    for pid in (rossi, verdi):
        leave.allocate_year(db, pid, 2020, on=START)       # 7 rows each
    return rossi, verdi


def _file(tmp_path, *lines, name="assenze.csv"):
    path = tmp_path / name
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return path


def test_a_clean_file_writes_the_balances_carried_and_the_absences(db, people, db_path,
                                                                   tmp_path):
    rossi, verdi = people
    path = _file(tmp_path,
                 f"Saldo;{ROSSI};ferie;;;;4,5;Residuo 2019/20",
                 f"Saldo;{ROSSI};Festività soppresse;;;;2;",
                 f"Assenza;{ROSSI};ferie;12/04/2021;14/04/2021;;;Ponte",
                 f"Assenza;{VERDI};Permesso breve (da recuperare);10/05/2021;;2;;",
                 f"assenza;{VERDI.lower()};lutto;03/05/2021;05/05/2021;;;")
    report = check_leave_file(db, path, today=TODAY)
    assert report.ok, [e.message for e in report.errors]
    assert report.summary() == ("File «assenze.csv»: 5 righe lette. Nessun errore: si possono "
                                "importare nell'a.s. 2020/21 3 assenze e 2 saldi riportati.")
    # the dry run wrote nothing
    assert _count(db_path, "staff_leave_entry") == 14 and _count(db_path, "staff_absence") == 0
    done = import_leave_file(db, path, today=TODAY)
    assert done.stored and done.summary().endswith("Importati nell'a.s. 2020/21: 3 assenze e "
                                                   "2 saldi riportati.")
    assert _balance(db, rossi, "ferie") == 3290            # 32 + 4,50 - 3,60
    assert _balance(db, rossi, "festivita_soppresse") == 600
    assert _balance(db, verdi, "permessi_brevi") == 2040   # 34 h in minutes
    assert _count(db_path, "staff_absence") == 3
    # 14 + 2 riporti + 2 fruizioni (the lutto counts towards no balance)
    assert _count(db_path, "staff_leave_entry") == 18
    # once: the balances are already carried, the absences already recorded
    again = check_leave_file(db, path, today=TODAY)
    assert [(e.row, e.column) for e in again.errors] == [
        (2, "Causa o saldo"), (3, "Causa o saldo"), (4, "Dal"), (5, "Dal"), (6, "Dal")]
    assert "ha già un saldo riportato" in again.errors[0].message
    assert "risulta già assente" in again.errors[2].message
    assert verify(db).ok


def test_the_dry_run_names_each_wrong_row_and_column_and_nothing_is_saved(db, people, db_path,
                                                                         tmp_path):
    path = _file(tmp_path,
                 "Assenza;RSSMRA70C52H501X;ferie;12/04/2021;;;;",
                 f"Assenza;{ROSSI};ferie;12/07/2021;16/07/2021;;;",
                 f"Assenza;{ROSSI};sciopero;12/04/2021;;;;",
                 f"Assenza;{VERDI};permesso_breve;10/05/2021;;4;;",
                 f"Saldo;{ROSSI};ferie;;;;tre;",
                 f"Assenza;{ROSSI};ferie;01/02/2021;31/03/2021;;;",
                 f"Ferie;{ROSSI};ferie;12/04/2021;;;;",
                 f"Assenza;{ROSSI};ferie;31/08/2020;01/09/2020;;;")
    for run in (check_leave_file, import_leave_file):
        report = run(db, path, today=TODAY)
        assert not report.ok and not report.stored
        assert [(e.row, e.column) for e in report.errors] == [
            (2, "Codice fiscale"), (3, "Al"), (4, "Causa o saldo"), (5, "Ore"),
            (6, "Quantità"), (7, "Al"), (8, "Tipo"), (9, "Dal")]
    messages = [e.message for e in report.errors]
    assert messages[0] == ("riga 2, colonna «Codice fiscale»: nessun dipendente in archivio "
                           "con il codice fiscale «RSSMRA70C52H501X»")
    assert messages[1] == ("riga 3, colonna «Al»: attesa una data non successiva a oggi "
                           "(30/06/2021): si importano le assenze già fruite, trovato "
                           "«16/07/2021»")
    assert "al massimo 3 h su 6 h" in messages[3]
    assert "il saldo dell'a.s. 2020/21 è 32 gg" in messages[5]
    assert report.summary().endswith("Errori: 8 in 8 righe. Non sarà importato nulla finché il "
                                     "file non è corretto.")
    assert _count(db_path, "staff_leave_entry") == 14 and _count(db_path, "staff_absence") == 0


def test_a_wrong_header_is_refused_before_any_row(db, people, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("Tipo;Cognome;Causa o saldo\nAssenza;Rossi;ferie\n", encoding="utf-8")
    report = check_leave_file(db, path, today=TODAY)
    assert [(e.row, e.column) for e in report.errors] == [(1, "Cognome"),
                                                          (1, "Codice fiscale")]
    assert "l'intestazione (riga 1) non è corretta" in report.summary()
