"""The same guarantees on a real PostgreSQL server (several PCs on one database)."""
from __future__ import annotations

import threading
from datetime import date

import psycopg
import pytest

from iiss_desktop.db.numbering import next_number
from iiss_desktop.db.schema import current_revision, head_revision, open_database
from iiss_desktop.db.triggers import existing_triggers, expected_triggers
from iiss_desktop.db.uow import write_transaction
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import RegisterError
from iiss_desktop.services.registers import LineInput, register_entry
from tests.helpers.users import act_as_office

pytestmark = pytest.mark.postgres
DAY = date(2025, 10, 6)


@pytest.fixture
def pgdb(pg_url):
    db = open_database(pg_url, create=True)
    act_as_office(db, "mrossi")
    yield db
    db.dispose()


def _entry(db, i=0):
    return register_entry(db, register="prova", entry_date=DAY, description=f"Registrazione {i}",
                          lines=[LineInput("riga a", 1), LineInput("riga b", 2)])


def _numbers(pg_url) -> list[int]:
    with psycopg.connect(pg_url) as con:
        return [r[0] for r in con.execute(
            "SELECT number FROM register_entry WHERE register='prova' AND year=2025 "
            "ORDER BY number")]


def _counter(pg_url) -> int:
    with psycopg.connect(pg_url) as con:
        row = con.execute("SELECT value FROM counter WHERE register='prova' AND year=2025"
                          ).fetchone()
    return row[0] if row else 0


def test_open_creates_the_schema_at_head_with_its_triggers(pg_url, pgdb):
    assert pgdb.engine.dialect.name == "postgresql"
    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            head_revision()
    with pgdb.engine.connect() as conn:
        assert expected_triggers(conn) <= existing_triggers(conn)
    report = verify(pgdb)
    assert report.ok, report.problems


def test_entries_are_numbered_one_to_n(pg_url, pgdb):
    refs = [_entry(pgdb, i) for i in range(5)]
    assert [r.number for r in refs] == [1, 2, 3, 4, 5]
    assert _numbers(pg_url) == [1, 2, 3, 4, 5] and _counter(pg_url) == 5
    report = verify(pgdb)
    assert report.ok, report.problems
    assert report.audit_rows == 3 + 3 * 5  # the user and its two roles, 3 rows per entry


def test_eight_threads_write_800_entries_without_gaps(pg_url, pgdb):
    errors, barrier = [], threading.Barrier(8)

    def work(t):
        barrier.wait(timeout=30)
        for i in range(100):
            try:
                _entry(pgdb, t * 1000 + i)
            except Exception as exc:  # every error counts: none may reach the user
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _numbers(pg_url) == list(range(1, 801))
    assert _counter(pg_url) == 800
    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT count(*) FROM register_entry_line").fetchone()[0] == 1600
        # the user and its two roles, then 3 rows per entry
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 3 + 3 * 800
    report = verify(pgdb)
    assert report.ok, report.problems


def test_rolled_back_transaction_leaves_no_gap(pg_url, pgdb):
    _entry(pgdb)
    with pytest.raises(RuntimeError):
        with write_transaction(pgdb) as conn:
            assert next_number(conn, "prova", 2025) == 2
            raise RuntimeError("interruzione simulata")
    assert _counter(pg_url) == 1
    assert _entry(pgdb).number == 2
    assert verify(pgdb).ok


@pytest.mark.parametrize("statement", [
    "DELETE FROM register_entry",
    "UPDATE register_entry SET number = 99 WHERE number = 2",
    "UPDATE register_entry SET entry_date = '2001-01-01'",
    "DELETE FROM register_entry_line",
    "UPDATE counter SET value = value - 1",
    "DELETE FROM audit_log",
    "UPDATE audit_log SET username = 'qualcuno'",
])
def test_raw_tampering_is_refused_by_the_triggers(pg_url, pgdb, statement):
    _entry(pgdb, 1)
    _entry(pgdb, 2)
    with psycopg.connect(pg_url) as con:
        with pytest.raises(psycopg.Error) as info:
            con.execute(statement)
    assert "Registro" in str(info.value) or "Contatore" in str(info.value)
    assert _numbers(pg_url) == [1, 2]
    assert verify(pgdb).ok


def test_tampering_through_the_application_becomes_a_register_error(pgdb):
    from sqlalchemy import text

    _entry(pgdb)
    with pytest.raises(RegisterError):
        with write_transaction(pgdb) as conn:
            conn.execute(text("DELETE FROM register_entry"))


def test_tampered_audit_row_is_detected(pg_url, pgdb):
    for i in range(4):
        _entry(pgdb, i)  # 13 audit rows
    with psycopg.connect(pg_url) as con:
        con.execute("ALTER TABLE audit_log DISABLE TRIGGER ALL")
        con.execute("UPDATE audit_log SET username = 'qualcun altro' WHERE id = 5")
    report = verify(pgdb)
    audit = [p.message for p in report.problems if p.check == "audit"]
    assert len(audit) == 1 and "riga 5 " in audit[0], report.problems
    # a disabled protection is as good as a missing one
    assert any(p.check == "protezioni" and "trg_audit_log_no_update" in p.message
               for p in report.problems), report.problems


def test_dropped_trigger_is_reported(pg_url, pgdb):
    _entry(pgdb)
    with psycopg.connect(pg_url) as con:
        con.execute("DROP TRIGGER trg_register_entry_no_delete ON register_entry")
    report = verify(pgdb)
    assert [p.check for p in report.problems] == ["protezioni"]
    assert "trg_register_entry_no_delete" in report.problems[0].message


def test_two_pcs_annulling_the_same_entry_one_wins_the_other_is_told(pgdb, pg_url):
    from iiss_desktop.domain.errors import DomainError
    from iiss_desktop.services.registers import annul_entry

    target = _entry(pgdb, 1)
    for i in range(2, 6):
        _entry(pgdb, i)
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def annul(k: int) -> None:
        start.wait()
        try:
            annul_entry(pgdb, entry_id=target.id, reason=f"errore materiale {k}", entry_date=DAY)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.message)

    threads = [threading.Thread(target=annul, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1
    assert all("già stata annullata" in o for o in outcomes if o != "ok")
    assert _numbers(pg_url) == [1, 2, 3, 4, 5, 6]
    assert verify(pgdb).ok


def test_two_pcs_starting_on_an_empty_database_migrate_it_once(pg_url):
    results: list[object] = []
    start = threading.Barrier(3)

    def open_it() -> None:
        start.wait()
        try:
            db = open_database(pg_url, create=True)
            results.append(head_revision() == current_revision(db))
            db.dispose()
        except Exception as exc:  # noqa: BLE001 - the test reports whatever happened
            results.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True, True, True]


# The prints whose queries differ most (registers, consistenza, snapshots, journals, window
# sums): each built on the PostgreSQL demo. Numbered documents take the latest recorded one.
_PG_PRINTS = [("personale", {}), ("registro", {"registro": "inv-mobili"}),
              ("riepilogo-inventari", {}), ("valori-inventario", {}),
              ("buono-carico", None), ("verbale-ricognizione", None),
              ("contratto-comodato", None), ("buono-scarico", None),
              ("verbale-passaggio", None), ("giornale-magazzino", {}),
              ("giacenze-magazzino", {}), ("consumi-magazzino", {}), ("riepilogo-dpi", {}),
              ("buono-prelevamento", None)]
_NUMBERED_PG_PRINTS = {name for name, options in _PG_PRINTS if options is None}


def test_demo_and_every_screen_and_print_work_on_postgresql(pg_url, qtbot, tmp_path):
    """The same models, queries, screens and reports on a shared PostgreSQL archive."""
    from iiss_desktop.demo import build_demo
    from iiss_desktop.domain.errors import StorageError
    from iiss_desktop.queries.registers import recent_documents
    from iiss_desktop.reports.catalog import get_report
    from iiss_desktop.ui.app import create_app
    from iiss_desktop.ui.main_window import MainWindow

    db = build_demo(pg_url)
    try:
        assert verify(db).ok
        # Opened again with --db and no --demo, it is still the demo: the demo's DSGA, no
        # first-user wizard, no password.
        from iiss_desktop.services.users import is_demo_archive
        from iiss_desktop.ui.users.dialogs import sign_in
        assert is_demo_archive(db)
        assert sign_in(None, db).username == "dsga"
        create_app()
        window = MainWindow(db)
        qtbot.addWidget(window)
        for title in ("Home", "Personale e turni", "Fondi", "Inventario", "Magazzino"):
            assert window.tab(title).model.rowCount() > 0
        # The work lists of every year: a year left out (NULL) is typed for PostgreSQL too.
        from iiss_desktop.queries import funds_lists, funds_movements, funds_residui
        from iiss_desktop.queries.procurement import list_invoices
        for listing in (funds_lists.list_commitments, funds_lists.list_liquidations,
                        funds_lists.list_payment_orders, funds_lists.list_variations,
                        funds_movements.list_receipt_orders, funds_residui.list_assessments,
                        list_invoices):
            assert listing(db), listing.__name__
        for name, options in _PG_PRINTS:
            if name in _NUMBERED_PG_PRINTS:
                spec = get_report(name)
                newest = recent_documents(db, spec.numbered)[0]
                year, number = newest.year, newest.number
                options = {"anno": year, "numero": number}
            out = get_report(name).build(db, tmp_path / f"{name}.pdf", **options)
            assert out.read_bytes().startswith(b"%PDF"), name
        with pytest.raises(StorageError):   # never over an existing archive
            build_demo(pg_url)
    finally:
        db.dispose()


def test_a_school_archive_on_postgresql_is_not_a_demo(pgdb):
    from iiss_desktop.services.users import is_demo_archive

    assert not is_demo_archive(pgdb)


def test_a_pc_stopped_inside_a_transaction_does_not_hold_the_others(pgdb):
    """Every write takes the write gate first: the server ends a transaction left idle (a PC
    whose network went away) after a minute, so the other PCs are not held longer."""
    with pgdb.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW idle_in_transaction_session_timeout").scalar() == "1min"
