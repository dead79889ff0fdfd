"""The hash-chained audit log: every change recorded, every tampering found."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from iiss_desktop.db.uow import unit_of_work
from iiss_desktop.db.verify import verify
from iiss_desktop.models.school import Site
from iiss_desktop.services.registers import LineInput, register_entry
from tests.helpers.users import give_password

DAY = date(2025, 4, 1)


def _fill(db, entries: int = 4) -> None:
    """1 user row + 3 audit rows per entry."""
    for i in range(entries):
        register_entry(db, register="prova", entry_date=DAY, description=f"Registrazione {i + 1}",
                       lines=[LineInput("riga a", 1), LineInput("riga b", 2)])


def _raw(db_path, *statements: str) -> None:
    con = sqlite3.connect(db_path, isolation_level=None)
    try:
        for s in statements:
            con.execute(s)
    finally:
        con.close()


def _cli_verify(db_path, env) -> subprocess.CompletedProcess:
    """``iiss-desktop verify`` as the archive's DSGA (``env`` from give_password)."""
    return subprocess.run([sys.executable, "-m", "iiss_desktop", "--utente", "mrossi", "verify",
                           "--db", str(db_path)], capture_output=True, text=True, timeout=120,
                          env=env)


def test_every_session_change_is_audited_with_user_before_and_after(db, db_path):
    with unit_of_work(db) as s:
        site = Site(code="PL1", name="Plesso Centrale", comune="Lecce")
        s.add(site)
        s.commit()
        site_id = site.id
    with unit_of_work(db) as s:
        s.get(Site, site_id).name = "Plesso Garibaldi"
        s.commit()
    with unit_of_work(db) as s:
        s.delete(s.get(Site, site_id))
        s.commit()
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT action, user_id, username, entity_id, before, after "
                       "FROM audit_log WHERE entity='site' ORDER BY id").fetchall()
    user_id = con.execute("SELECT id FROM app_user WHERE username='mrossi'").fetchone()[0]
    con.close()
    assert [r[0] for r in rows] == ["insert", "update", "delete"]
    assert {(r[1], r[2]) for r in rows} == {(user_id, "mrossi")}
    assert {r[3] for r in rows} == {str(site_id)}
    ins, upd, dele = rows
    assert ins[4] is None and json.loads(ins[5])["name"] == "Plesso Centrale"
    assert json.loads(upd[4]) == {"name": "Plesso Centrale"}
    assert json.loads(upd[5]) == {"name": "Plesso Garibaldi"}
    assert json.loads(dele[4])["name"] == "Plesso Garibaldi" and dele[5] is None
    report = verify(db)
    assert report.ok and report.audit_rows == 6  # the user row, its two roles, the three changes


def test_altered_row_is_reported_as_the_first_broken_row(db, db_path):
    _fill(db, 4)  # 15 audit rows
    env = give_password(db)
    db.dispose()
    _raw(db_path, "DROP TRIGGER trg_audit_log_no_update",
         "UPDATE audit_log SET username = 'qualcun altro' WHERE id = 5")
    report = verify(db)
    audit = [p for p in report.problems if p.check == "audit"]
    assert len(audit) == 1 and "riga 5 " in audit[0].message, report.problems
    assert any("trg_audit_log_no_update" in p.message for p in report.problems)

    result = _cli_verify(db_path, env)
    assert result.returncode != 0
    assert "riga 5 " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_changed_hash_field_with_recomputed_own_hash_is_still_found(db, db_path):
    """A forger who has even the archive's key and rewrites a row and its own hash breaks
    the link to the next row."""
    from iiss_desktop.db.audit import hashed_fields, row_digest

    _fill(db, 4)
    db.dispose()
    con = sqlite3.connect(db_path, isolation_level=None)
    con.row_factory = sqlite3.Row
    row = dict(con.execute("SELECT * FROM audit_log WHERE id = 5").fetchone())
    row["reason"] = "modificata"
    new_hash = row_digest(row["prev_hash"], hashed_fields(row), db.chain_key.secret)
    con.execute("DROP TRIGGER trg_audit_log_no_update")
    con.execute("UPDATE audit_log SET reason = 'modificata', hash = ? WHERE id = 5", (new_hash,))
    con.close()
    report = verify(db)
    audit = [p for p in report.problems if p.check == "audit"]
    assert len(audit) == 1 and "riga 6 " in audit[0].message, report.problems


def test_deleted_middle_row_is_reported_missing(db, db_path):
    _fill(db, 4)
    env = give_password(db)
    db.dispose()
    _raw(db_path, "DROP TRIGGER trg_audit_log_no_delete", "DELETE FROM audit_log WHERE id = 7")
    report = verify(db)
    audit = [p for p in report.problems if p.check == "audit"]
    assert len(audit) == 1 and "riga 7 mancante" in audit[0].message, report.problems
    result = _cli_verify(db_path, env)
    assert result.returncode != 0 and "riga 7 mancante" in result.stderr


def test_deleted_last_rows_are_found_through_the_chain_head(db, db_path):
    _fill(db, 4)  # rows 1..15 (the user, its two roles, four entries)
    db.dispose()
    _raw(db_path, "DROP TRIGGER trg_audit_log_no_delete", "DELETE FROM audit_log WHERE id > 10")
    report = verify(db)
    audit = [p for p in report.problems if p.check == "audit"]
    assert len(audit) == 1, report.problems
    assert "10" in audit[0].message and "15" in audit[0].message


def test_dropped_protection_trigger_is_reported(db, db_path):
    _fill(db, 1)
    env = give_password(db)
    db.dispose()
    assert verify(db).ok
    _raw(db_path, "DROP TRIGGER trg_register_entry_no_delete")
    report = verify(db)
    assert not report.ok
    assert [p.check for p in report.problems] == ["protezioni"]
    assert "trg_register_entry_no_delete" in report.problems[0].message
    result = _cli_verify(db_path, env)
    assert result.returncode != 0 and "trg_register_entry_no_delete" in result.stderr


def test_renumbered_register_is_reported_with_register_year_and_missing_number(db, db_path):
    _fill(db, 5)
    db.dispose()
    _raw(db_path, "DROP TRIGGER trg_register_entry_no_update",
         "UPDATE register_entry SET number = 99 WHERE number = 3")
    report = verify(db)
    numbering = [p.message for p in report.problems if p.check == "numerazione"]
    assert numbering, report.problems
    first = numbering[0]
    assert "prova" in first and "2025" in first and "numero 3 mancante" in first


def test_bulk_statements_on_audited_tables_are_refused(db):
    from sqlalchemy import update

    from iiss_desktop.db.uow import unit_of_work
    from iiss_desktop.models.core import AppUser

    with pytest.raises(RuntimeError):
        with unit_of_work(db) as s:
            s.execute(update(AppUser).values(full_name="tutti uguali"))
            s.commit()
    with unit_of_work(db) as s:
        names = {u.full_name for u in s.query(AppUser)}
    assert "tutti uguali" not in names
