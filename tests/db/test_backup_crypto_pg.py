"""Encrypted backups on PostgreSQL: pg_dump --format=custom, checked with pg_restore --list,
sealed like an SQLite backup; the restore loads it back in one transaction."""
from __future__ import annotations

from datetime import date

import psycopg
import pytest

from iiss_desktop.db.schema import open_database
from iiss_desktop.domain.errors import StorageError
from iiss_desktop.services import backups
from iiss_desktop.services.registers import LineInput, register_entry
from tests.helpers.users import act_as_office

pytestmark = pytest.mark.postgres
PASSPHRASE = "cavallo batteria graffetta"


def _state(url) -> tuple:
    with psycopg.connect(url) as conn:
        entries = conn.execute("SELECT count(*) FROM register_entry").fetchone()[0]
        head = conn.execute("SELECT seq, hash FROM audit_head").fetchone()
    return entries, tuple(head)


def test_postgres_round_trip(pg_url, tmp_path):
    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        for i in range(3):
            register_entry(db, register="prova", entry_date=date(2025, 9, 1),
                           description=f"voce {i}", lines=[LineInput("riga", 1)])
        folder = tmp_path / "backup"
        folder.mkdir()
        backups.save_backup_settings(db, folder=str(folder))
        key = backups.set_passphrase(db, PASSPHRASE, PASSPHRASE)
        before = _state(pg_url)
        made = backups.backup_now(db, key)
        assert made.header.backend == "postgresql"
        assert made.header.counts["register_entry"] == before[0] == 3
        assert (made.header.audit_seq, made.header.audit_head) == before[1]
        assert b"PGDMP" not in made.path.read_bytes()        # the dump is sealed

        register_entry(db, register="prova", entry_date=date(2025, 9, 2),
                       description="dopo il backup", lines=[LineInput("riga", 1)])
        assert _state(pg_url) != before
        with pytest.raises(StorageError, match="Passphrase errata"):
            backups.restore_backup(db, made.path, "non è la passphrase giusta")
        assert _state(pg_url)[0] == 4
        assert backups.restore_backup(db, made.path, PASSPHRASE, dry_run=True).audit_head
        assert _state(pg_url)[0] == 4
        assert backups.restore_backup(db, made.path, PASSPHRASE).replaced
        assert _state(pg_url) == before
    finally:
        db.dispose()
    reopened = open_database(pg_url)
    try:
        from iiss_desktop.db.verify import verify

        assert verify(reopened).ok
    finally:
        reopened.dispose()
