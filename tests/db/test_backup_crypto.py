"""Encrypted backups (issue 19 item 4) on real SQLite files: round trip, wrong passphrase,
tampering, the clear header, rotation, the second folder, the scheduled copy."""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from iiss_desktop.db import backup_crypto as crypto
from iiss_desktop.domain.backup_rotation import Retention, to_keep
from iiss_desktop.domain.errors import StorageError, ValidationError
from iiss_desktop.services import backups

PASSPHRASE = "cavallo batteria graffetta"
TABLES = ("register_entry", "register_entry_line", "audit_log", "inventory_item", "employee",
          "app_user", "counter")


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        counts["head"] = con.execute("SELECT seq, hash FROM audit_head").fetchone()
        return counts
    finally:
        con.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def configured(demo_db, tmp_path):
    """The demo archive with a backup folder and a passphrase set; the session's key."""
    folder = tmp_path / "backup"
    folder.mkdir()
    backups.save_backup_settings(demo_db, folder=str(folder))
    key = backups.set_passphrase(demo_db, PASSPHRASE, PASSPHRASE)
    return demo_db, folder, key


def test_round_trip_gives_the_same_counts_and_audit_head(configured, demo_path):
    db, folder, key = configured
    before = _counts(demo_path)
    made = backups.backup_now(db, key)
    assert made.path.parent == folder
    assert made.path.name.startswith("iiss-") and made.path.name.endswith("-manuale.iissbak")
    assert made.header.audit_seq == before["head"][0]
    assert made.header.audit_head == before["head"][1]
    assert made.header.counts["register_entry"] == before["register_entry"]
    # Nothing of the archive is readable in the file: not even the school's name.
    body = made.path.read_bytes()[len(made.header.raw):]
    assert b"Rodari" not in body and b"SQLite format 3" not in body

    from iiss_desktop.services.registers import LineInput, register_entry

    register_entry(db, register="prova", entry_date=datetime(2025, 9, 1).date(),
                   description="dopo il backup", lines=[LineInput("riga", 1)])
    assert _counts(demo_path) != before
    result = backups.restore_backup(db, made.path, PASSPHRASE)
    assert result.replaced
    assert _counts(demo_path) == before
    assert result.previous is not None and "prima-del-ripristino" in result.previous.name
    assert _counts(result.previous)["register_entry"] == before["register_entry"] + 1
    # The restored archive opens and verifies.
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.db.verify import verify

    reopened = open_database(demo_path)
    try:
        assert verify(reopened).ok
    finally:
        reopened.dispose()


def test_the_header_is_read_without_the_passphrase(configured):
    db, _folder, key = configured
    made = backups.backup_now(db, key)
    header = backups.describe_backup(db, made.path)
    summary = dict(header.summary())
    assert header.school_code == "RMIC86400X"
    assert "Rodari" in summary["Istituto"]
    assert summary["Tipo"] == "manuale"
    assert header.audit_head in summary["Registro delle modifiche"]
    assert int(summary["Registrazioni nei registri legali"].replace(".", "")) > 0
    assert header.data["kdf"]["name"] == "scrypt" and header.data["kdf"]["n"] >= 2 ** 15
    assert header.data["cipher"]["name"] == "AES-256-GCM"


def test_wrong_passphrase_is_refused_and_the_archive_untouched(configured, demo_path):
    db, _folder, key = configured
    made = backups.backup_now(db, key)
    before = _sha(demo_path)
    with pytest.raises(StorageError, match="Passphrase errata o file danneggiato"):
        backups.restore_backup(db, made.path, "non è la passphrase giusta")
    assert _sha(demo_path) == before
    assert not list(demo_path.parent.glob("*prima-del-ripristino*"))
    assert not list(demo_path.parent.glob(".*ripristino*"))   # no decrypted leftovers


@pytest.mark.parametrize("where", ["ciphertext", "header", "truncated"])
def test_a_tampered_file_is_refused(configured, demo_path, where):
    db, _folder, key = configured
    made = backups.backup_now(db, key)
    data = bytearray(made.path.read_bytes())
    if where == "ciphertext":
        data[len(made.header.raw) + 4 + 1000] ^= 0x01
    elif where == "header":
        # The header is in clear but authenticated: "Tipo" changed by hand is noticed.
        at = bytes(data).index(b'"manuale"')
        data[at + 1:at + 8] = b"MANUALE"
    else:
        data = data[:-100]
    made.path.write_bytes(bytes(data))
    before = _sha(demo_path)
    with pytest.raises(StorageError, match="Passphrase errata o file danneggiato"):
        backups.restore_backup(db, made.path, PASSPHRASE)
    assert _sha(demo_path) == before


def test_a_file_that_is_no_backup_is_refused_before_anything(configured, tmp_path, demo_path):
    db, _folder, _key = configured
    other = tmp_path / "altro.iissbak"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = _sha(demo_path)
    with pytest.raises(StorageError, match="non è un backup cifrato"):
        backups.describe_backup(db, other)
    with pytest.raises(StorageError, match="non è un backup cifrato"):
        backups.restore_backup(db, other, PASSPHRASE)
    assert _sha(demo_path) == before


def test_passphrase_rules(configured):
    db, _folder, _key = configured
    with pytest.raises(ValidationError, match="Passphrase errata"):
        backups.unlock_backups(db, "sbagliata sbagliata")
    assert backups.unlock_backups(db, PASSPHRASE).matches(
        backups.backup_settings_of(db).verifier)
    with pytest.raises(ValidationError, match="Passphrase errata"):   # change: the old one
        backups.set_passphrase(db, "una nuova passphrase", "una nuova passphrase",
                               current="non la so")
    with pytest.raises(ValidationError, match="almeno 10"):
        backups.set_passphrase(db, "corta", "corta", current=PASSPHRASE)
    with pytest.raises(ValidationError, match="non coincidono"):
        backups.set_passphrase(db, "una nuova passphrase", "un'altra passphrase",
                               current=PASSPHRASE)
    # Nothing of the passphrase in the settings file.
    from iiss_desktop.db.backup_settings import settings_path

    text = settings_path(db.archive_id).read_text(encoding="utf-8")
    assert PASSPHRASE not in text and "verifier" in text


def test_a_backup_made_before_a_change_keeps_its_passphrase(configured, demo_path):
    db, folder, key = configured
    old = crypto.backup_sqlite(db.path, folder, key, now=datetime(2025, 3, 1, 12))
    new_key = backups.set_passphrase(db, "una nuova passphrase", "una nuova passphrase",
                                     current=PASSPHRASE)
    with pytest.raises(StorageError, match="passphrase dei backup è cambiata"):
        backups.backup_now(db, key)
    backups.backup_now(db, new_key)
    assert backups.restore_backup(db, old.path, PASSPHRASE, dry_run=True).audit_head


def test_rotation_keeps_the_right_dates():
    stamps = [datetime(2025, 1, 31, 18), datetime(2025, 2, 28, 18), datetime(2025, 3, 3, 18),
              datetime(2025, 3, 4, 9), datetime(2025, 3, 4, 18), datetime(2025, 3, 5, 18),
              datetime(2025, 3, 10, 18), datetime(2025, 3, 11, 18), datetime(2025, 3, 12, 18)]
    # daily=2: the newest of the two latest days with a backup: 12/03 18h, 11/03 18h.
    # weekly=2: ISO week 11 (10-16/03) -> 12/03; week 10 (3-9/03) -> 05/03 18h.
    # monthly=2: March -> 12/03; February -> 28/02. Not kept: 31/01 (third month),
    # 03/03 and both of 04/03 (older than the newest of their week, not the latest days), 10/03.
    kept = to_keep(stamps, Retention(daily=2, weekly=2, monthly=2))
    assert kept == {datetime(2025, 3, 12, 18), datetime(2025, 3, 11, 18),
                    datetime(2025, 3, 5, 18), datetime(2025, 2, 28, 18)}
    # The defaults 7/4/12. Daily: the 7 latest days with a backup, 12, 11, 10, 05, 04 (its
    # 18h copy), 03/03 and 28/02. Weekly: week 11 -> 12/03, week 10 -> 05/03, week 9 ->
    # 28/02, week 5 -> 31/01. Monthly: 12/03, 28/02, 31/01. Only 04/03 9h goes.
    assert set(stamps) - to_keep(stamps) == {datetime(2025, 3, 4, 9)}
    with pytest.raises(ValidationError):
        Retention(daily=0, weekly=0, monthly=0)


def test_rotation_removes_files_of_this_archive_only(configured, tmp_path):
    db, folder, key = configured
    days = [datetime(2025, 3, d, 18) for d in (3, 4, 5, 10)]
    for when in days:
        crypto.backup_sqlite(db.path, folder, key, kind="automatico", now=when)
    foreign = folder / "iiss-20250301-120000-manuale.iissbak"
    foreign.write_bytes(b"non un backup")            # unreadable: never removed
    removed = crypto.rotate(folder, db.archive_id, Retention(daily=1, weekly=1, monthly=1))
    # daily=1 -> 10/03; weekly=1 -> week 11 -> 10/03; monthly=1 -> March -> 10/03.
    assert sorted(p.name for p in removed) == [
        "iiss-20250303-180000-automatico.iissbak", "iiss-20250304-180000-automatico.iissbak",
        "iiss-20250305-180000-automatico.iissbak"]
    assert foreign.exists()
    assert [p.name for p, _h in backups.list_encrypted_backups(db)] == [
        "iiss-20250310-180000-automatico.iissbak"]


def test_second_folder_copy_and_missing_usb_disk_is_a_warning(configured, tmp_path):
    db, folder, key = configured
    usb = tmp_path / "usb"
    usb.mkdir()
    backups.save_backup_settings(db, folder=str(folder), second_folder=str(usb))
    made = backups.backup_now(db, key)
    assert made.copy == usb / made.path.name
    assert _sha(made.copy) == _sha(made.path) and made.warnings == ()
    for f in usb.iterdir():
        f.unlink()
    usb.rmdir()                                        # the disk is unplugged
    second = backups.backup_now(db, key)
    assert second.path.exists() and second.copy is None
    assert len(second.warnings) == 1 and "non è disponibile" in second.warnings[0]
    settings = backups.backup_settings_of(db)
    assert settings.last_path == str(second.path) and "disco USB" in settings.last_error


def test_scheduled_backup_once_a_day(configured):
    db, folder, key = configured
    morning = datetime(2025, 3, 4, 8, 30)
    first = backups.scheduled_backup(db, key, now=morning)
    assert first is not None and first.path.name == "iiss-20250304-083000-automatico.iissbak"
    assert backups.scheduled_backup(db, key, now=datetime(2025, 3, 4, 9, 30)) is None
    assert backups.scheduled_backup(db, key, now=datetime(2025, 3, 5, 8, 30)) is not None
    with pytest.raises(StorageError, match="passphrase"):
        backups.scheduled_backup(db, None)


def test_backup_refused_without_a_passphrase_set(demo_db, tmp_path):
    backups.save_backup_settings(demo_db, folder=str(tmp_path))
    with pytest.raises(StorageError, match="non è ancora stata impostata"):
        backups.unlock_backups(demo_db, PASSPHRASE)


def test_a_header_asking_an_unreasonable_kdf_is_refused_before_deriving(configured):
    db, _folder, key = configured
    made = backups.backup_now(db, key)
    data = made.path.read_bytes()
    made.path.write_bytes(data.replace(b'"n": 131072', b'"n": 999999', 1))
    with pytest.raises(StorageError, match="non ammessi"):
        backups.restore_backup(db, made.path, PASSPHRASE, dry_run=True)
    assert crypto.KdfParams.from_json({"name": "scrypt", "n": 2 ** 20, "r": 8, "p": 1,
                                       "salt": "00" * 16}).n == 2 ** 20     # 1 GiB: allowed
    with pytest.raises(StorageError, match="non ammessi"):                  # 2 GiB: not
        crypto.KdfParams.from_json({"name": "scrypt", "n": 2 ** 20, "r": 16, "p": 1,
                                    "salt": "00" * 16})


def test_two_backups_at_once_both_finish(configured):
    import threading

    db, folder, key = configured
    when, made, errors = datetime(2025, 3, 4, 9), [], []

    def one():
        try:
            made.append(crypto.backup_sqlite(db.path, folder, key, kind="automatico", now=when))
        except Exception as exc:   # reported below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sorted(p.name for p in folder.iterdir()) == [
        "iiss-20250304-090000-automatico-2.iissbak", "iiss-20250304-090000-automatico.iissbak"]
    for m in made:
        assert crypto.authenticate(m.path, key).audit_head == m.header.audit_head
    assert not list(db.path.parent.glob(".*.tmp"))
