"""A whole action runs again after a real deadlock or lock timeout on PostgreSQL (db/retry.py);
after the last attempt the clerk gets an Italian message. Two real connections, no mocks."""
from __future__ import annotations

import logging
import threading
import time
from datetime import date
from decimal import Decimal

import psycopg
import pytest

from iiss_desktop.db.retry import RETRIES, run_action
from iiss_desktop.db.schema import open_database
from iiss_desktop.domain.errors import DatabaseBusyError, WriteConflict
from iiss_desktop.services.school import save_site
from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
from iiss_desktop.services.warehouse.movements import CaricoInput, carico
from iiss_desktop.services.warehouse.posting import ItemInput
from tests.helpers.users import act_as_office

pytestmark = pytest.mark.postgres
DAY = date(2025, 10, 6)
GATE = "SELECT 1 FROM audit_head WHERE id = 1 FOR UPDATE"
STOCK_ROW = "SELECT 1 FROM warehouse_balance WHERE article_id = %s FOR UPDATE"


@pytest.fixture
def office(pg_url):
    db = open_database(pg_url, create=True)
    act_as_office(db, "mrossi")
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    store = save_storeroom(db, {"code": "MAG", "name": "Magazzino sede", "site_id": site})
    arts = [save_article(db, {"code": f"ART-{i}", "description": f"Articolo {i}",
                              "unit": "pz"}) for i in (1, 2)]
    yield db, store, arts
    db.dispose()


def _load(db, store, art):
    return carico(db, CaricoInput(storeroom_id=store, entry_date=DAY, supplier="Ditta Srl",
                                  lines=[ItemInput(art, 2, Decimal("10.00"))]))


def _with_options(pg_url, user, options: str):
    """The same archive, its sessions started with these server settings."""
    db = open_database(pg_url + "?options=" + options.replace(" ", "%20").replace("=", "%3D"))
    db.current_user = user
    return db


def _impatient(pg_url, user):
    """The server gives up a lock wait after 100 ms (lock_timeout): a real 55P03 instead of a
    long wait."""
    return _with_options(pg_url, user, "-c lock_timeout=100")


def _wait_until_someone_waits(pg_url, timeout=30.0):
    with psycopg.connect(pg_url, autocommit=True) as con:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if con.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("nessuna transazione in attesa di un lock")


def _giornale(pg_url):
    with psycopg.connect(pg_url) as con:
        return [r[0] for r in con.execute("SELECT number FROM register_entry WHERE register = "
                                          "'mag-giornale' ORDER BY number")]


def test_a_carico_chosen_as_deadlock_victim_runs_again_and_succeeds(pg_url, office, caplog):
    db, store, (art, _other) = office
    _load(db, store, art)                        # the stock row exists
    # The other PC waits 60 s before looking for deadlocks, the service 3 s: the service's
    # transaction is the one the server cancels (3 s leave this test time to close the cycle).
    victim = _with_options(pg_url, db.current_user, "-c deadlock_timeout=3000")
    caplog.set_level(logging.INFO, logger="iiss_desktop.db.retry")
    try:
        with psycopg.connect(pg_url) as other:
            other.execute("SET deadlock_timeout = '60s'")
            other.execute(STOCK_ROW, (art,))
            outcome = {}
            worker = threading.Thread(
                target=lambda: outcome.update(ref=_load(victim, store, art)))
            worker.start()
            _wait_until_someone_waits(pg_url)   # the carico holds the gate, waits the row
            other.execute(GATE)                  # ... and now each waits for the other
            other.rollback()
            worker.join(timeout=60)
    finally:
        victim.dispose()
    assert outcome["ref"].number == 2
    assert _giornale(pg_url) == [1, 2]
    retried = [r.getMessage() for r in caplog.records if "ripetuto" in r.getMessage()]
    assert len(retried) == 1 and "40P01" in retried[0] and "carico" in retried[0], retried


def test_after_the_last_retry_the_clerk_gets_an_italian_message(pg_url, office, caplog):
    db, store, (art, _other) = office
    impatient = _impatient(pg_url, db.current_user)
    caplog.set_level(logging.INFO, logger="iiss_desktop.db.retry")
    try:
        with psycopg.connect(pg_url) as other:
            other.execute(GATE)                  # a PC stuck half-way through a save
            with pytest.raises(DatabaseBusyError) as info:
                _load(impatient, store, art)
            other.rollback()
    finally:
        impatient.dispose()
    assert not isinstance(info.value, WriteConflict)
    assert info.value.message.startswith("L'archivio è occupato da altre postazioni")
    assert f"ritentata {RETRIES + 1} volte" in info.value.message
    assert "Nessun dato è stato salvato" in info.value.message
    assert len([r for r in caplog.records if "ripetuto" in r.getMessage()]) == RETRIES
    assert _giornale(pg_url) == []


def test_a_nested_service_leaves_the_retry_to_the_outer_action(pg_url, office, caplog):
    db, store, (art, _other) = office
    impatient = _impatient(pg_url, db.current_user)
    caplog.set_level(logging.INFO, logger="iiss_desktop.db.retry")
    seen = []

    def outer(database):
        seen.append(1)
        if len(seen) == 1:
            with pytest.raises(WriteConflict):   # the inner service does not retry by itself
                _load(database, store, art)
            raise WriteConflict("prova")
        return _load(database, store, art)

    try:
        with psycopg.connect(pg_url) as other:
            other.execute(GATE)
            worker = threading.Thread(target=lambda: seen.append(
                run_action(outer, impatient, (), {})))
            worker.start()
            end = time.monotonic() + 30
            while not seen and time.monotonic() < end:
                time.sleep(0.01)
            time.sleep(0.3)                      # let the first attempt time out on the gate
            other.rollback()
            worker.join(timeout=60)
    finally:
        impatient.dispose()
    assert seen[0] == 1 and seen[-1].number == 1
    retried = [r.getMessage() for r in caplog.records if "ripetuto" in r.getMessage()]
    assert retried and all(m.startswith("test_a_nested_service") for m in retried), retried


def test_an_action_that_already_committed_a_part_is_not_run_again(pg_url, office):
    db, store, (art, other_art) = office
    _load(db, store, other_art)
    impatient = _impatient(pg_url, db.current_user)
    runs = []

    def two_saves(database):
        runs.append(1)
        _load(database, store, art)              # committed
        return _load(database, store, other_art)  # waits for the stock row, times out

    try:
        with psycopg.connect(pg_url) as other:
            other.execute(STOCK_ROW, (other_art,))
            with pytest.raises(WriteConflict):
                run_action(two_saves, impatient, (), {})
            other.rollback()
    finally:
        impatient.dispose()
    assert runs == [1]
    assert _giornale(pg_url) == [1, 2]           # the first save once, not once per attempt
