"""Backups with the online backup API (also while someone is writing) and verified restores."""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from iiss_desktop.db.backup import backup_file, restore_file, verify_file
from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import StorageError
from iiss_desktop.services.registers import LineInput, register_entry
from tests.helpers.dbcheck import check_register_file, file_state
from tests.helpers.users import AUDIT_ROWS_PER_USER, act_as_office, give_password

DAY = date(2025, 9, 1)
TABLES = ("app_user", "register_entry", "register_entry_line", "audit_log", "counter")


def _entry(db, i: int, big: bool = False):
    text = (f"{i:05d} " + "materiale di facile consumo " * 20)[:500] if big else f"voce {i}"
    lines = [LineInput(f"{text[:400]} riga {k}", k) for k in (1, 2)]
    return register_entry(db, register="prova", entry_date=DAY, description=text, lines=lines)


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _numbers(path: Path) -> list[int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT number FROM register_entry ORDER BY number")]
    finally:
        con.close()


def test_backup_while_another_thread_keeps_writing(db, db_path, tmp_path):
    for i in range(1200):  # larger than one backup chunk of old: more than 1024 pages
        _entry(db, i, big=True)
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA page_count").fetchone()[0] > 1024

    stop, written, errors = threading.Event(), [0], []
    started = threading.Event()

    def writer():
        i = 1200
        try:
            while not stop.is_set():
                _entry(db, i)
                i += 1
                written[0] += 1
                if written[0] == 20:
                    started.set()
        except Exception as exc:  # reported below
            errors.append(exc)
            started.set()

    thread = threading.Thread(target=writer)
    thread.start()
    copies = []
    try:
        assert started.wait(60)
        for k in range(3):
            copies.append(backup_file(db_path, tmp_path / f"copia{k}.db"))
    finally:
        stop.set()
        thread.join(60)
    assert errors == []
    assert written[0] > 20

    final = check_register_file(db_path, register="prova", year=2025, lines_per_entry=2,
                                extra_audit_rows=AUDIT_ROWS_PER_USER)
    sizes = []
    for result in copies:
        path = result.path
        assert file_state(path)["-wal"] is None
        report = verify_file(path)
        assert report.ok, report.problems
        m = report.entries_checked
        assert 1200 < m <= final
        assert _numbers(path) == list(range(1, m + 1))  # a prefix: whole entries only
        check_register_file(path, register="prova", year=2025, lines_per_entry=2,
                            extra_audit_rows=AUDIT_ROWS_PER_USER)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        manifest = json.loads(Path(str(path) + ".json").read_text(encoding="utf-8"))
        assert manifest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert manifest["sha256"] == result.sha256
        assert manifest["audit_head"] == report.audit_head == result.audit_head
        assert manifest["register_entries"] == m
        sizes.append(m)
    assert sizes == sorted(sizes)
    assert verify(db).ok


def test_backup_refuses_to_overwrite_an_existing_file(db, db_path, tmp_path):
    _entry(db, 1)
    out = tmp_path / "copia.db"
    backup_file(db_path, out)
    before = out.read_bytes()
    _entry(db, 2)
    with pytest.raises(StorageError) as info:
        backup_file(db_path, out)
    assert "esiste già" in info.value.message
    assert out.read_bytes() == before
    assert not Path(str(out) + ".tmp").exists()


def test_backup_of_a_missing_file_or_into_a_missing_folder_is_refused(db_path, tmp_path):
    with pytest.raises(StorageError):
        backup_file(tmp_path / "manca.db", tmp_path / "copia.db")
    open_database(db_path, create=True).dispose()
    with pytest.raises(StorageError) as info:
        backup_file(db_path, tmp_path / "manca" / "copia.db")
    assert "cartella" in info.value.message


def test_restore_round_trip(db, db_path, tmp_path):
    for i in range(10):
        _entry(db, i)
    out = tmp_path / "copia.db"
    result = backup_file(db_path, out)
    at_backup = _counts(db_path)
    for i in range(10, 15):
        _entry(db, i)
    db.dispose()

    previous = restore_file(out, db_path)

    assert _counts(db_path) == at_backup
    report = verify_file(db_path)
    assert report.ok and report.audit_head == result.audit_head
    manifest = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))
    assert report.audit_head == manifest["audit_head"]
    # the archive as it was before the restore is kept aside, complete
    assert previous is not None and previous.exists()
    assert verify_file(previous).entries_checked == 15
    # and the restored archive is usable: numbering continues from the backup
    again = open_database(db_path)
    try:
        act_as_office(again, "mrossi")
        assert _entry(again, 99).number == 11
        assert verify(again).ok
    finally:
        again.dispose()


def _corrupt_body(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data), 7):
        data[i] = (data[i] * 31 + 17) % 256
    path.write_bytes(bytes(data))


def _corrupt_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:16] = b"NOT A DATABASE!!"
    path.write_bytes(bytes(data))


def _tamper_audit(path: Path) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("DROP TRIGGER trg_audit_log_no_update")
    con.execute("UPDATE audit_log SET username = 'falso' WHERE id = 3")
    con.close()


@pytest.mark.parametrize("damage", [_corrupt_body, _corrupt_header, _tamper_audit])
def test_restore_refuses_a_damaged_backup_and_leaves_the_target_alone(db, db_path, tmp_path,
                                                                      damage):
    for i in range(30):
        _entry(db, i, big=True)
    out = tmp_path / "copia.db"
    backup_file(db_path, out)
    _entry(db, 100)
    db.dispose()
    damage(out)
    before = file_state(db_path)
    with pytest.raises(StorageError):
        restore_file(out, db_path)
    assert file_state(db_path) == before
    assert verify_file(db_path).ok


def test_restore_refuses_while_the_archive_is_being_written(db, db_path, tmp_path):
    _entry(db, 1)
    out = tmp_path / "copia.db"
    backup_file(db_path, out)
    _entry(db, 2)
    db.dispose()
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("SELECT count(*) FROM register_entry").fetchone()
        before = Path(db_path).read_bytes()
        with pytest.raises(StorageError) as info:
            restore_file(out, db_path)
        assert "in uso" in info.value.message
        assert Path(db_path).read_bytes() == before
    finally:
        holder.rollback()
        holder.close()
    assert _numbers(db_path) == [1, 2]
    restore_file(out, db_path)  # once released, the restore goes through
    assert _numbers(db_path) == [1]


def test_restore_refuses_while_the_program_merely_has_the_archive_open(db, db_path, tmp_path):
    # A running iiss_desktop keeps an idle pooled connection: no lock held, still "in use".
    _entry(db, 1)
    out = tmp_path / "copia.db"
    backup_file(db_path, out)
    _entry(db, 2)
    with pytest.raises(StorageError) as info:
        restore_file(out, db_path)
    assert "in uso" in info.value.message
    db.dispose()
    assert _numbers(db_path) == [1, 2]
    restore_file(out, db_path)
    assert _numbers(db_path) == [1]


def test_restore_never_replays_a_stale_wal_onto_the_restored_file(db, db_path, tmp_path):
    for i in range(5):
        _entry(db, i)
    out = tmp_path / "copia.db"
    backup_file(db_path, out)
    db.dispose()

    # A WAL that belongs to another archive (e.g. the file was copied over by hand and the
    # old "-wal" stayed next to it), with committed frames that were never checkpointed.
    other = tmp_path / "altro.db"
    open_database(other, create=True).dispose()
    con = sqlite3.connect(other, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE estranea (x)")
    con.execute("INSERT INTO estranea VALUES (1)")
    stale = Path(str(other) + "-wal").read_bytes()
    assert stale
    shutil.copyfile(str(other) + "-wal", str(db_path) + "-wal")
    con.close()

    restore_file(out, db_path)

    wal = Path(str(db_path) + "-wal")
    assert not wal.exists() or wal.read_bytes() != stale
    report = verify_file(db_path)
    assert report.ok, report.problems
    assert _counts(db_path) == _counts(out)
    with sqlite3.connect(db_path) as c:
        assert c.execute("SELECT count(*) FROM sqlite_master WHERE name='estranea'"
                         ).fetchone()[0] == 0


def test_restore_onto_a_damaged_archive_works(db, db_path, tmp_path):
    """The very case restore exists for: the archive is damaged, the backup is good."""
    for i in range(5):
        _entry(db, i)
    out = tmp_path / "copia.db"
    backup_file(db_path, out)
    db.dispose()
    _corrupt_header(db_path)
    with pytest.raises(StorageError):
        open_database(db_path)
    damaged = db_path.read_bytes()
    previous = restore_file(out, db_path)
    assert verify_file(db_path).ok
    assert _numbers(db_path) == [1, 2, 3, 4, 5]
    # nothing is thrown away: the damaged archive is kept aside byte for byte
    assert previous is not None and previous.read_bytes() == damaged


def test_automatic_backup_once_a_day_and_keeps_the_newest(db, db_path, tmp_path):
    from datetime import datetime, timedelta

    from iiss_desktop.db.backup import automatic_backup

    folder = tmp_path / "auto"
    folder.mkdir()
    _entry(db, 1)
    start = datetime(2026, 11, 2, 8, 30)
    first = automatic_backup(db_path, folder, keep=3, now=start)
    assert first is not None and first.path.exists()
    # the same day: nothing new
    assert automatic_backup(db_path, folder, keep=3, now=start + timedelta(hours=4)) is None
    for day in range(1, 5):  # four more days: only the newest three copies stay
        assert automatic_backup(db_path, folder, keep=3, now=start + timedelta(days=day))
    names = sorted(p.name for p in folder.glob("*.db"))
    assert names == [f"archivio-auto-2026110{d}-083000.db" for d in (4, 5, 6)]
    assert sorted(p.name for p in folder.glob("*.json")) == [n + ".json" for n in names]


def test_restore_puts_back_what_it_verified_even_when_the_copy_has_a_wal(db, tmp_path):
    # A "copy" taken by hand from a live archive: its entries are still in the -wal file.
    live = tmp_path / "vivo.db"
    live_db = open_database(live, create=True)
    act_as_office(live_db, "mrossi")
    for i in range(5):
        _entry(live_db, i)
    copy = tmp_path / "copia-a-mano.db"
    for suffix in ("", "-wal"):
        shutil.copyfile(str(live) + suffix, str(copy) + suffix)
    live_db.dispose()
    target = tmp_path / "ripristinato.db"
    restore_file(copy, target)
    assert _numbers(target) == [1, 2, 3, 4, 5]
    assert not Path(str(target) + "-wal").exists()


def test_verify_command_leaves_a_backup_byte_for_byte_unchanged(db, db_path, tmp_path):
    import hashlib
    import json
    import subprocess
    import sys

    _entry(db, 1)
    env = give_password(db)
    out = tmp_path / "copia.db"
    backup_file(db_path, out)
    manifest = json.loads(Path(str(out) + ".json").read_text("utf-8"))
    done = subprocess.run([sys.executable, "-m", "iiss_desktop", "verify", "--db", str(out),
                           "--utente", "mrossi"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert hashlib.sha256(out.read_bytes()).hexdigest() == manifest["sha256"]
    assert not Path(str(out) + "-wal").exists() and not Path(str(out) + "-shm").exists()
