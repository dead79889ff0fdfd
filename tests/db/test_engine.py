"""The engine factory: production pragmas on every pooled connection, refused locations/files."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from iiss_desktop.db.schema import open_database
from iiss_desktop.domain.errors import NetworkPathError, NotADatabaseError, StorageError
from tests.helpers.dbcheck import file_state


def test_every_pooled_connection_has_the_production_pragmas(db):
    db.engine.dispose()
    threads, results, errors = 5, {}, []
    barrier = threading.Barrier(threads)

    def work(i):
        try:
            # The read engine shares the pool; a plain BEGIN, so that five connections can be
            # inside a transaction at once (the write engine's BEGIN IMMEDIATE would serialise).
            with db.read_engine.connect() as conn:
                barrier.wait(timeout=30)  # all five connections are checked out at once
                raw = conn.connection.driver_connection
                values = tuple(conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                               for p in ("foreign_keys", "journal_mode", "synchronous",
                                         "busy_timeout"))
                results[i] = (id(raw), values)
                barrier.wait(timeout=30)
        except Exception as exc:  # reported below
            errors.append(exc)

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    assert len({raw for raw, _ in results.values()}) == threads
    assert {v for _, v in results.values()} == {(1, "wal", 2, 5000)}


def test_write_transactions_take_the_lock_up_front(db, db_path):
    """BEGIN IMMEDIATE: while the application holds a write transaction nobody else can."""
    from iiss_desktop.db.uow import write_transaction

    with write_transaction(db):
        other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


@pytest.mark.parametrize("path", [r"\\srv\share\app.db", "//srv/share/app.db",
                                  r"\\srv\share\cartella\app.db", "//192.168.1.10/dati/app.db"])
def test_unc_paths_are_refused_pointing_at_postgresql(path):
    with pytest.raises(NetworkPathError) as info:
        open_database(path, create=True)
    assert "PostgreSQL" in info.value.message
    assert "rete" in info.value.message


def test_mapped_network_drive_is_refused(tmp_path):
    target = tmp_path / "archivio.db"
    seen = []

    def remote(p):
        seen.append(p)
        return True

    with pytest.raises(NetworkPathError) as info:
        open_database(target, create=True, drive_is_remote=remote)
    assert "PostgreSQL" in info.value.message
    assert seen and str(target) in seen[0]
    assert not target.exists()
    # the same file on a local drive is accepted
    open_database(target, create=True, drive_is_remote=lambda p: False).dispose()
    assert target.exists()


def _refused(path, exc_type, *words):
    before = file_state(path) if path.exists() and path.is_file() else None
    with pytest.raises(exc_type) as info:
        open_database(path)
    message = info.value.message
    for w in words:
        assert w in message, message
    if before is not None:
        assert file_state(path) == before  # not a byte changed, no -wal/-shm left behind
    return message


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "lettera.db"
    path.write_bytes(b"Gentile Dirigente,\n" * 200)
    _refused(path, NotADatabaseError, "non è un archivio valido")


def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path):
    path = tmp_path / "altro.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1234")
    con.execute("CREATE TABLE clienti (id INTEGER PRIMARY KEY, nome TEXT)")
    con.execute("INSERT INTO clienti (nome) VALUES ('Rossi')")
    con.commit()
    con.close()
    _refused(path, NotADatabaseError, "altro programma")


def test_a_sqlite_file_of_another_program_without_application_id_is_refused_untouched(tmp_path):
    path = tmp_path / "altro.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE clienti (id INTEGER PRIMARY KEY, nome TEXT)")
    con.execute("INSERT INTO clienti (nome) VALUES ('Rossi')")
    con.commit()
    con.close()
    _refused(path, NotADatabaseError, "non è un archivio di iiss_desktop")
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_an_empty_directory_is_refused(tmp_path):
    folder = tmp_path / "vuota"
    folder.mkdir()
    for create in (False, True):
        with pytest.raises(StorageError) as info:
            open_database(folder, create=create)
        assert "è una cartella" in info.value.message, info.value.message
        assert "Is a directory" not in info.value.message
    assert list(folder.iterdir()) == []


def test_a_missing_file_is_not_created_without_create(tmp_path):
    path = tmp_path / "manca.db"
    with pytest.raises(StorageError) as info:
        open_database(path)
    assert "non esiste" in info.value.message
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(StorageError) as info:
        open_database(tmp_path / "non_c_e" / "archivio.db", create=True)
    assert "cartella" in info.value.message


def test_a_truncated_database_is_refused_untouched(db, db_path, tmp_path):
    from iiss_desktop.db.backup import backup_file

    copy = tmp_path / "copia.db"
    backup_file(db_path, copy)
    data = copy.read_bytes()
    broken = tmp_path / "troncato.db"
    broken.write_bytes(data[: len(data) // 2])
    _refused(broken, NotADatabaseError, "danneggiato")


def test_unreachable_postgresql_server_gives_a_clear_message():
    from iiss_desktop.db.schema import open_database

    with pytest.raises(StorageError) as info:
        open_database("postgresql://postgres@127.0.0.1:9/nessuno")  # port 9: nobody listens
    assert "Impossibile collegarsi al server PostgreSQL" in info.value.message


def test_unsupported_database_url_is_refused():
    from iiss_desktop.db.schema import open_database

    with pytest.raises(StorageError) as info:
        open_database("mysql://utente@server/scuola")
    assert "non supportato" in info.value.message


def test_paths_with_spaces_and_hash_open_and_back_up(tmp_path):
    from iiss_desktop.db.backup import backup_file, verify_file
    from tests.helpers.users import act_as_office

    folder = tmp_path / "Segreteria Rossi #2 (copia)"
    folder.mkdir()
    db = open_database(folder / "archivio scuola.db", create=True)
    act_as_office(db, "mrossi")
    db.dispose()
    reopened = open_database(folder / "archivio scuola.db")
    reopened.dispose()
    copy = backup_file(folder / "archivio scuola.db", folder / "copia #1.db")
    assert verify_file(copy.path).ok
