"""Alembic migrations: head matches the models, newer databases are refused, triggers exist."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from iiss_desktop.db.schema import head_revision, open_database
from iiss_desktop.db.triggers import existing_triggers, expected_triggers
from iiss_desktop.domain.errors import NewerDatabaseError
from iiss_desktop.models import Base
from tests.helpers.dbcheck import file_state


def test_empty_database_upgraded_to_head_matches_the_models(db_path):
    db = open_database(db_path, create=True)
    try:
        with db.read_engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert context.get_current_revision() == head_revision()
            diff = compare_metadata(context, Base.metadata)
        assert diff == [], "modelli e migrazioni non coincidono:\n" + "\n".join(map(str, diff))
    finally:
        db.dispose()


def test_expected_triggers_exist_after_upgrade(db):
    with db.read_engine.connect() as conn:
        present = existing_triggers(conn)
        missing = expected_triggers(conn) - present
    assert missing == set()
    assert {"trg_register_entry_no_delete", "trg_register_entry_no_update",
            "trg_audit_log_no_update", "trg_audit_log_no_delete",
            "trg_counter_monotonic", "trg_db_protection_no_delete"} <= present


def test_application_id_marks_our_files(db, db_path):
    from iiss_desktop.db.engine import APPLICATION_ID

    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_reopening_at_head_changes_nothing(db, db_path):
    db.dispose()
    with sqlite3.connect(db_path) as con:
        tables = con.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    again = open_database(db_path)
    again.dispose()
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall() == tables


def test_database_of_a_newer_version_is_refused_and_left_unchanged(db, db_path):
    db.dispose()
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("UPDATE alembic_version SET version_num = '9999_futura'")
    con.close()
    before = file_state(db_path)
    assert before["-wal"] is None  # the last connection closed: everything in the main file
    for migrate in (True, False):
        with pytest.raises(NewerDatabaseError) as info:
            open_database(db_path, migrate=migrate)
        assert "versione più recente" in info.value.message
        assert file_state(db_path)["db"] == before["db"]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9999_futura",)]


def test_database_of_release_0_1_0_opens_upgraded_and_intact(tmp_path):
    """The demo database as written by release 0.1.0 (tests/fixtures): every later release
    must open it, upgrade it to head (after a verified copy) and keep every row."""
    import shutil
    import sqlite3

    from iiss_desktop.db.schema import current_revision, head_revision, open_database
    from iiss_desktop.db.verify import verify

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "release-0.1.0.db"
    target = tmp_path / "scuola.db"
    shutil.copyfile(fixture, target)
    tables = ("school", "site", "room", "employee", "calendar_day", "audit_log")
    with sqlite3.connect(fixture) as con:
        before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    db = open_database(target)
    try:
        assert current_revision(db) == head_revision()
        report = verify(db)
        assert report.ok, report.problems
        with db.read_engine.connect() as conn:
            after = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                     for t in tables}
    finally:
        db.dispose()
    assert before["employee"] == 23 and before["site"] == 3
    for t in tables[:-1]:
        assert after[t] == before[t]
    assert after["audit_log"] >= before["audit_log"]   # a migration may add its own rows


def test_protections_installed_by_a_later_migration_are_checked_by_verify(db):
    """An area's migration installs its triggers with triggers.install(): verify then expects
    them in this database, whatever modules the verifying program has imported."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    from iiss_desktop.db import triggers
    from iiss_desktop.db.verify import verify

    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE area_item (id INTEGER PRIMARY KEY, label TEXT)")
        op = Operations(MigrationContext.configure(conn))
        triggers.install(op, [triggers.Protection(
            "area_item", forbid_delete=triggers.NO_DELETE_REGISTER)])
    assert verify(db).ok
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER trg_area_item_no_delete")
    problems = [p.message for p in verify(db).problems]
    assert problems == ["Protezione del registro mancante: trigger trg_area_item_no_delete"]


def test_downgrade_to_base_removes_everything(db_path):
    from alembic import command

    from iiss_desktop.db.schema import alembic_config, open_database

    db = open_database(db_path, create=True)
    cfg = alembic_config()
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        conn.commit()
        tables = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    db.dispose()
    assert tables <= {"alembic_version"}


def test_schema_head_constant_is_the_newest_migration():
    from iiss_desktop.db.schema import SCHEMA_HEAD, head_revision

    assert SCHEMA_HEAD == head_revision()


def test_archive_of_0006_keeps_its_users_and_their_audit_references(db_path):
    """Users written before logins existed keep id, name and every audit row; they get no
    password and no role (the legacy role column is dropped), so the first start asks for
    the first user."""
    from datetime import date

    from iiss_desktop.db.engine import make_database
    from iiss_desktop.db.schema import upgrade
    from iiss_desktop.db.verify import verify
    from iiss_desktop.domain.access import DSGA, Grant, Principal
    from iiss_desktop.queries.users import list_users
    from iiss_desktop.services.registers import register_entry
    from iiss_desktop.services.users import has_configured_users

    old = make_database(db_path)
    upgrade(old, "0006_warehouse")
    with sqlite3.connect(db_path) as con:
        con.executemany("INSERT INTO app_user (id, username, full_name, role, active, created_at)"
                        " VALUES (?, ?, ?, 'segreteria', ?, '2025-09-01 08:00:00')",
                        [(1, "segreteria", "Segreteria", 1), (2, "Mario.Rossi", "Mario Rossi", 0)])
    # Written by Mario Rossi as the DSGA of the time (the old archive had no roles to read).
    old.current_user = Principal(2, "Mario.Rossi", "Mario Rossi", (Grant(DSGA),))
    register_entry(old, register="prova", entry_date=date(2025, 3, 14), description="Entrata")
    old.dispose()
    with sqlite3.connect(db_path) as con:
        audit_before = con.execute("SELECT * FROM audit_log ORDER BY id").fetchall()

    db = open_database(db_path)
    try:
        users = list_users(db)
        assert [(u.id, u.username, u.full_name, u.active, u.has_password, u.grants)
                for u in users] == [(1, "segreteria", "Segreteria", True, False, ()),
                                    (2, "Mario.Rossi", "Mario Rossi", False, False, ())]
        assert not has_configured_users(db)
        assert verify(db).ok
    finally:
        db.dispose()
    with sqlite3.connect(db_path) as con:
        after = con.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    # The old rows stay as they were; the upgrade adds, after them, the images of the two
    # users the program had written without one (0010).
    assert after[:len(audit_before)] == audit_before
    assert [(r[5], r[6]) for r in after[len(audit_before):]] == [("app_user", "1"),
                                                                 ("app_user", "2")]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT recorded_by_id FROM register_entry").fetchall() == [(2,)]
        columns = {r[1] for r in con.execute("PRAGMA table_info(app_user)")}
        assert "role" not in columns and {"password_hash", "recovery_hash", "failed_attempts",
                                          "last_failed_at"} <= columns
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("DELETE FROM app_user WHERE id = 1")
