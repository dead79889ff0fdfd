"""Attendance on real SQLite archives (issue 16 item 3): punches by hand and from the
terminal's file, annulled never deleted, the hour balance as the sum of the day results and
the manual rows. Figures by hand in the comments.

Rossi works 07:30-13:30 Monday to Saturday (360 minutes a day) in 2025/26. Monday 6/10/2025.
"""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_attendance import attendance_month
from iiss_desktop.services.staff import attendance, registry
from iiss_desktop.services.staff.roster import PatternInput, save_pattern

START, END = date(2025, 9, 1), date(2026, 8, 31)
MON = date(2025, 10, 6)
CF = demo_codice_fiscale("Rossi", "Maria", "F", date(1970, 3, 12))


def _count(path, table: str, where: str = "1=1") -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


@pytest.fixture
def rossi(db, sites):
    pid = registry.save_person(db, {"surname": "Rossi", "name": "Maria", "role": "AA",
                                    "site_id": sites["SEDE"], "service_since": date(2010, 9, 1),
                                    "codice_fiscale": CF})
    registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2010, 9, 1))
    save_pattern(db, pid, PatternInput(START, END, {wd: "07:30-13:30" for wd in range(6)}))
    return pid


def _line(month, day):
    return next(ln for ln in month.lines if ln.day == day)


def test_manual_punches_make_the_day_and_annulment_keeps_the_row(db, rossi, db_path):
    e = attendance.add_punch(db, rossi, MON, "07:30", "E")
    attendance.add_punch(db, rossi, MON, "13:30", "U")
    wrong = attendance.add_punch(db, rossi, MON, "13:40", "U")
    m = attendance_month(db, rossi, "2025-10")
    # E 07:30, U 13:30, U 13:40: one interval of 360, an exit without entry.
    line = _line(m, MON)
    assert (line.result.worked, line.result.net) == (360, 0)
    assert line.result.anomalies == ("Uscita delle 13:40 senza entrata",)
    with pytest.raises(ValidationError) as exc:
        attendance.annul_punch(db, wrong, "  ")
    assert exc.value.errors == {"annul_reason": "Indicare il motivo."}
    attendance.annul_punch(db, wrong, "Doppia timbratura")
    line = _line(attendance_month(db, rossi, "2025-10"), MON)
    assert line.result.anomalies == ()
    assert len(line.punches) == 3 and line.punches[2].annul_reason == "Doppia timbratura"
    assert _count(db_path, "staff_punch") == 3
    with pytest.raises(ValidationError):
        attendance.annul_punch(db, wrong, "Ancora")
    # The triggers refuse a delete or a change made outside the services.
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM staff_punch WHERE id = ?", (e,))
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("UPDATE staff_punch SET minute = 0 WHERE id = ?", (e,))
    assert verify(db).ok


def test_balance_is_the_sum_of_day_results_and_rows(db, rossi):
    # Mon 6/10: 07:50-13:30 = 340, late 20 (> 10): net -20.
    # Tue 7/10: 07:30-14:30 = 420: net +60, recovers the 20, credit 40.
    # The days are counted from the first punch (6/10); the later working days of October
    # without punches are -360 each: the balance is checked as the sum of the day lines.
    for day, a, b in ((MON, "07:50", "13:30"), (date(2025, 10, 7), "07:30", "14:30")):
        attendance.add_punch(db, rossi, day, a, "E")
        attendance.add_punch(db, rossi, day, b, "U")
    m = attendance_month(db, rossi, "2025-10")
    assert _line(m, MON).result.late == 20
    assert _line(m, date(2025, 10, 7)).result.net == 60
    net_days = sum(ln.result.net for ln in m.lines)
    assert m.summary.balance == net_days
    # 40 minutes paid out of the credit of 40 on 7/10, a correction of +30.
    attendance.add_hour_entry(db, rossi, date(2025, 10, 7), "pagate", 40, "Autorizzate")
    with pytest.raises(ValidationError) as exc:
        attendance.add_hour_entry(db, rossi, date(2025, 10, 7), "riposo", 1, "Oltre")
    assert "oltre le ore eccedenti" in exc.value.errors["minutes"]
    cid = attendance.add_hour_entry(db, rossi, date(2025, 10, 8), "correzione", 30,
                                    "Servizio esterno")
    m2 = attendance_month(db, rossi, "2025-10")
    assert m2.summary.balance == net_days - 40 + 30
    assert m2.summary.paid == 40
    attendance.annul_hour_entry(db, cid, "Registrata per errore")
    assert attendance_month(db, rossi, "2025-10").summary.balance == net_days - 40
    assert verify(db).ok


def _file(tmp_path, text: str, name="timbrature.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_import_dry_run_names_every_wrong_row_and_column(db, rossi, tmp_path, db_path):
    path = _file(tmp_path, "codice fiscale;data;ora;verso\n"
                           f"{CF};06/10/2025;07:31;E\n"
                           f"{CF};31/02/2025;13:30;U\n"
                           "XXXXXX00X00X000X;06/10/2025;25:00;X\n")
    out = attendance.check_punch_file(db, path)
    assert not out.ok
    msgs = [e.message for e in out.errors]
    assert "riga 3, colonna «data»: attesa una data nel formato gg/mm/aaaa, trovato " \
           "«31/02/2025»" in msgs
    assert any(m.startswith("riga 4, colonna «codice fiscale»") for m in msgs)
    assert any(m.startswith("riga 4, colonna «ora»") for m in msgs)
    assert any(m.startswith("riga 4, colonna «verso»") for m in msgs)
    assert "Non sarà importato nulla" in out.summary()
    assert not attendance.import_punches(db, path).ok
    assert _count(db_path, "staff_punch") == 0


def test_import_wrong_header_is_refused(db, rossi, tmp_path, db_path):
    path = _file(tmp_path, "cf;data;ora;verso\nX;06/10/2025;07:30;E\n")
    out = attendance.check_punch_file(db, path)
    assert "l'intestazione (riga 1) non è corretta" in out.summary()
    assert _count(db_path, "staff_punch") == 0


def test_import_with_configured_columns_and_twice_adds_nothing(db, rossi, tmp_path,
                                                               db_path):
    attendance.update_attendance_settings(db, person_column="Matricola", person_key="id",
                                          date_column="Giorno", time_column="Orario",
                                          direction_column="Tipo", date_format="%Y-%m-%d")
    path = _file(tmp_path, "Matricola,Giorno,Orario,Tipo\n"
                           f"{rossi},2025-10-06,07:30,1\n{rossi},2025-10-06,13.30,0\n")
    assert attendance.check_punch_file(db, path).ok
    done = attendance.import_punches(db, path)
    assert done.stored and "Importate 2 timbrature di 1 dipendente" in done.summary()
    again = attendance.import_punches(db, path)
    assert "2 già in archivio" in again.summary()
    assert _count(db_path, "staff_punch", "source = 'import'") == 2
    line = _line(attendance_month(db, rossi, "2025-10"), MON)
    assert (line.result.worked, line.result.anomalies) == (360, ())


def test_future_punch_and_bad_direction_refused(db, rossi, db_path):
    with pytest.raises(ValidationError):
        attendance.add_punch(db, rossi, date(2099, 1, 1), "08:00", "E")
    with pytest.raises(ValidationError):
        attendance.add_punch(db, rossi, MON, "08:00", "X")
    with pytest.raises(ValidationError):
        attendance.add_punch(db, rossi, MON, "8 e mezza", "E")
    assert _count(db_path, "staff_punch") == 0


def test_verify_rebuilds_the_riposi_from_the_rows(db, rossi, db_path):
    # 07:30-15:30 on Mon 6/10 is
    # 480 - 30 (pause) = 450, net +90; 90 turned into riposo, 60 used on 13/10: 30 left.
    attendance.add_punch(db, rossi, MON, "07:30", "E")
    attendance.add_punch(db, rossi, MON, "15:30", "U")
    attendance.add_hour_entry(db, rossi, MON, "riposo", 90, "Su richiesta")
    attendance.add_hour_entry(db, rossi, date(2025, 10, 13), "riposo_fruito", 60, "Riposo")
    with pytest.raises(ValidationError) as exc:
        attendance.add_hour_entry(db, rossi, date(2025, 10, 14), "riposo_fruito", 31, "Oltre")
    assert "oltre quelli disponibili" in exc.value.errors["minutes"]
    m = attendance_month(db, rossi, "2025-10")
    assert (m.summary.riposi, _line(m, date(2025, 10, 13)).result.justified) == (30, 60)
    assert verify(db).ok
    # A riposo used written behind the services: verify names the riposi beyond those earned.
    with sqlite3.connect(db_path) as con:
        con.execute("INSERT INTO staff_hour_entry (employee_id, day, kind, minutes, reason, "
                    "annul_reason) VALUES (?, '2025-10-15', 'riposo_fruito', 45, 'x', '')",
                    (rossi,))
    found = [p.message for p in verify(db).problems if "Riposi" in p.message]
    assert found == ["Riposi compensativi dell'a.s. 2025/26 di Rossi Maria: fruiti oltre "
                     "quelli maturati (15 min)"]
