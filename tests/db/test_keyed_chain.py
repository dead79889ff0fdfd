"""An audit you cannot rewrite quietly: the chain keyed with a secret outside the file, the
head compared with the head log beside the archive and with the backups' manifests."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from iiss_desktop.db import chain_key
from iiss_desktop.db.audit import hashed_fields, row_digest
from iiss_desktop.db.backup import backup_file, restore_file
from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import StorageError
from iiss_desktop.services.registers import register_entry
from tests.helpers.users import act_as_office, give_password

DAY = date(2025, 4, 1)


def _fill(db, n: int) -> None:
    for i in range(n):
        register_entry(db, register="prova", entry_date=DAY, description=f"Registrazione {i}")


def _raw(path, *statements, params=()):
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for s in statements:
            con.execute(s, params) if params and "?" in s else con.execute(s)
    finally:
        con.close()


def _rechain_plain(path, from_id: int, edit=None) -> None:
    """What a forger with the file and without the key can do: rewrite rows and recompute
    every later hash with plain SHA-256, head included."""
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    con.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_update")
    prev = con.execute("SELECT hash FROM audit_log WHERE id = ?", (from_id - 1,)).fetchone()[0]
    for row in [dict(r) for r in con.execute("SELECT * FROM audit_log WHERE id >= ? "
                                             "ORDER BY id", (from_id,))]:
        if edit and row["id"] == from_id:
            edit(row)
        digest = row_digest(prev, hashed_fields(row))
        con.execute("UPDATE audit_log SET reason = ?, prev_hash = ?, hash = ? WHERE id = ?",
                    (row["reason"], prev, digest, row["id"]))
        prev = digest
    con.execute("UPDATE audit_head SET hash = ? WHERE id = 1", (prev,))
    con.close()


def _problems(report, check=None):
    return [p.message for p in report.problems if check is None or p.check == check]


def test_a_new_archive_has_a_key_outside_the_file_and_keyed_rows(db, db_path):
    _fill(db, 2)
    key = chain_key.load_key(db.archive_id)
    assert key is not None and key.keyed_from == 0 and len(key.secret) == 32
    assert key.secret not in db_path.read_bytes()          # not in the archive
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    first = dict(con.execute("SELECT * FROM audit_log WHERE id = 1").fetchone())
    con.close()
    # Row 1 is keyed: its plain SHA-256 is not its hash, its HMAC is.
    assert row_digest(first["prev_hash"], hashed_fields(first)) != first["hash"]
    assert row_digest(first["prev_hash"], hashed_fields(first), key.secret) == first["hash"]
    report = verify(db)
    assert report.ok and report.keyed_from == 0, report.problems


def test_an_edited_row_with_every_later_hash_recomputed_is_found(db, db_path):
    _fill(db, 3)
    db.dispose()

    def forge(row):
        row["reason"] = "cambiata"
    _rechain_plain(db_path, 4, forge)
    messages = _problems(verify(db), "audit")
    assert messages == ["Registro delle modifiche: la riga 4 è stata alterata (la catena di "
                        "impronte si interrompe qui)"]


def test_moving_the_start_of_the_key_is_found(db, db_path):
    _fill(db, 3)
    db.dispose()
    # Passing forged rows off as older, unkeyed ones: keyed_from moved to the end.
    con = sqlite3.connect(db_path, isolation_level=None)
    seq = con.execute("SELECT seq FROM audit_head").fetchone()[0]
    con.execute("UPDATE audit_head SET keyed_from = ?", (seq,))
    con.close()
    _rechain_plain(db_path, 2)
    messages = _problems(verify(db), "audit")
    assert len(messages) == 1 and f"dalla riga {seq}" in messages[0] \
        and "dalla riga 0" in messages[0], messages


def test_tail_deleted_and_head_moved_back_is_caught_by_the_head_log(db, db_path):
    _fill(db, 4)
    db.dispose()
    con = sqlite3.connect(db_path, isolation_level=None)
    seq = con.execute("SELECT seq FROM audit_head").fetchone()[0]
    keep = seq - 3
    back = con.execute("SELECT hash FROM audit_log WHERE id = ?", (keep,)).fetchone()[0]
    con.execute("DROP TRIGGER trg_audit_log_no_delete")
    con.execute("DROP TRIGGER trg_audit_head_monotonic")
    con.execute("DELETE FROM audit_log WHERE id > ?", (keep,))
    con.execute("UPDATE audit_head SET seq = ?, hash = ?", (keep, back))
    con.close()
    report = verify(db)
    assert _problems(report, "audit") == []        # the chain itself is whole
    anchor = _problems(report, "anchor")
    assert len(anchor) == 1 and "archivio.db.catena" in anchor[0] \
        and f"arrivava alla riga {seq}, ora finisce alla {keep}" in anchor[0], anchor


def test_with_the_head_log_deleted_too_the_last_backup_still_remembers(db, db_path,
                                                                       private_data_dir):
    _fill(db, 2)
    backups = private_data_dir / "backup"
    backups.mkdir(parents=True, exist_ok=True)
    made = backup_file(db_path, backups / "copia.db")
    manifest = json.loads((backups / "copia.db.json").read_text(encoding="utf-8"))
    assert manifest["archive_id"] == db.archive_id and manifest["audit_seq"] == made.audit_rows
    assert manifest["chain_key"]["secret"] == db.chain_key.secret.hex()
    db.dispose()
    (db_path.parent / "archivio.db.catena").unlink()
    _raw(db_path, "DROP TRIGGER trg_audit_log_no_delete", "DROP TRIGGER trg_audit_head_monotonic",
         f"DELETE FROM audit_log WHERE id > {made.audit_rows - 2}",
         f"UPDATE audit_head SET seq = {made.audit_rows - 2}, hash = (SELECT hash FROM "
         f"audit_log WHERE id = {made.audit_rows - 2})")
    anchor = _problems(verify(db), "anchor")
    assert len(anchor) == 1 and "copia di sicurezza «copia.db»" in anchor[0], anchor


def test_a_restore_through_the_program_starts_the_comparison_again(db, db_path, tmp_path):
    _fill(db, 1)
    backup = backup_file(db_path, tmp_path / "ieri.db")
    _fill(db, 3)
    db.dispose()
    kept = {restore_file(backup.path, db_path) for _ in range(3)}
    # Three restores in the same second keep three distinct previous copies.
    assert len(kept) == 3 and all(p.exists() for p in kept)
    again = open_database(db_path)
    act_as_office(again, "altro")
    _fill(again, 1)
    report = verify(again)
    again.dispose()
    assert report.ok, report.problems


def test_another_pc_without_the_key_cannot_write_and_verify_says_why(db, db_path, tmp_path,
                                                                     monkeypatch):
    _fill(db, 1)
    exported = chain_key.export_key(db, tmp_path / "chiave.json")
    db.dispose()
    monkeypatch.setenv("IISS_DATA_DIR", str(tmp_path / "altro-pc"))
    other = open_database(db_path)
    try:
        other.current_user = db.current_user
        with pytest.raises(StorageError, match="manca la chiave del registro delle modifiche"):
            _fill(other, 1)
        assert "su questo PC manca la chiave" in " ".join(_problems(verify(other)))
        chain_key.import_key(other, exported)
        _fill(other, 1)
        assert verify(other).ok
    finally:
        other.dispose()


def test_a_backup_restored_on_a_new_pc_brings_its_key(db, db_path, tmp_path, monkeypatch):
    _fill(db, 2)
    backup = backup_file(db_path, tmp_path / "da-portare.db")
    db.dispose()
    monkeypatch.setenv("IISS_DATA_DIR", str(tmp_path / "pc-nuovo"))
    target = tmp_path / "pc-nuovo-archivio.db"
    restore_file(backup.path, target)
    restored = open_database(target)
    restored.current_user = db.current_user
    try:
        assert restored.chain_key is not None
        _fill(restored, 1)
        assert verify(restored).ok
    finally:
        restored.dispose()


def _cli(*args, env):
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env=env)


def test_cli_verify_names_damage_exits_3_and_says_how_long_each_part_took(db, db_path,
                                                                         tmp_path):
    _fill(db, 1)
    env = give_password(db)
    db.dispose()
    ok = _cli("--utente", "mrossi", "verify", "--db", str(db_path), env=env)
    assert ok.returncode == 0, ok.stderr
    assert "catena del registro delle modifiche" in ok.stdout and " s" in ok.stdout
    assert "firmata con la chiave dell'archivio" in ok.stdout
    damaged = tmp_path / "rotto.db"
    damaged.write_bytes(db_path.read_bytes()[:4096])
    bad = _cli("--utente", "mrossi", "verify", "--db", str(damaged), env=env)
    assert bad.returncode == 3 and "danneggiato" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_backup_into_a_folder_gets_an_italian_message(db, db_path, tmp_path):
    env = give_password(db)
    db.dispose()
    result = _cli("--utente", "mrossi", "backup", "--db", str(tmp_path),
                  "--out", str(tmp_path / "c.db"), env=env)
    assert result.returncode == 1 and "è una cartella, non un archivio" in result.stderr, \
        result.stderr
    assert "disk I/O" not in result.stderr and "Traceback" not in result.stderr


def test_cli_exports_the_key_and_another_pc_imports_it(db, db_path, tmp_path):
    env = give_password(db)
    db.dispose()
    out = tmp_path / "chiave.json"
    exported = _cli("--utente", "mrossi", "chiave", "esporta", str(out), "--db", str(db_path),
                    env=env)
    assert exported.returncode == 0 and out.exists(), exported.stderr
    other_pc = {**env, "IISS_DATA_DIR": str(tmp_path / "secondo-pc")}
    imported = _cli("--utente", "mrossi", "chiave", "importa", str(out), "--db", str(db_path),
                    env=other_pc)
    assert imported.returncode == 0, imported.stderr
    assert list((tmp_path / "secondo-pc" / "chiavi").glob("*.json"))
