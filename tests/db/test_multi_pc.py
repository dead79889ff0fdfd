"""Several PCs on one archive at once, through the real services (docs/ARCHITECTURE.md,
"Concurrency: locks, order, retries"): gap-free numbers, stock equal to its journal, no error
reaching the clerk. PostgreSQL: 8 processes; SQLite: 4 processes with two busy CPU loops and,
at the start, another window holding the write lock longer than the busy timeout.

The issue's harness ran 8 × 250 calls; here 8 × 40 on PostgreSQL and 4 × 60 on SQLite
(~500 and ~350 service calls) keep each test well under a minute on a small machine.
IISS_MULTI_PC_CALLS=250 runs the harness's size (each process makes that many calls).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.services.school import save_room, save_site
from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
from tests.helpers.users import act_as_office

WORKER = Path(__file__).resolve().parents[1] / "helpers" / "office_worker.py"
BUSY_LOOP = "while True: pass"
CALLS = os.environ.get("IISS_MULTI_PC_CALLS")
# Another window holds the write lock longer than SQLite's busy timeout (5 s), as a big
# import does: the clerks who save meanwhile wait for it instead of being refused.
LONG_WRITER = ("import sqlite3, sys, time;"
               " con = sqlite3.connect(sys.argv[1], isolation_level=None);"
               " con.execute('BEGIN IMMEDIATE'); print('preso', flush=True); time.sleep(6.5);"
               " con.execute('ROLLBACK')")


def _setup(target, users) -> dict:
    db = open_database(target, create=True)
    try:
        for u in users:  # created up front: first starts have a test of their own
            act_as_office(db, u)
        site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
        room = save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})
        stores = [save_storeroom(db, {"code": f"MAG-{i}", "name": f"Magazzino {i}",
                                      "site_id": site}) for i in (1, 2)]
        arts = [save_article(db, {"code": f"ART-{i}", "description": f"Articolo {i}",
                                  "unit": "pz"}) for i in (1, 2)]
        lot = save_article(db, {"code": "GEL", "description": "Gel igienizzante",
                                "unit": "pz", "tracks_lots": True})
    finally:
        db.dispose()
    return {"room": room, "storerooms": stores, "articles": arts + [lot], "lot_article": lot}


def _run(target, users, argv_of, busy_loops=0, before_start=None) -> tuple[list[dict], float]:
    """Start one process per user; all begin at the same moment (``before_start()`` just
    before). Returns their results and the wall time from the start signal to the last one
    done."""
    loops = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(busy_loops)]
    try:
        procs = [subprocess.Popen([sys.executable, str(WORKER), str(target), "--user", u,
                                   *argv_of(i)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for i, u in enumerate(users)]
        for p in procs:
            line = p.stdout.readline().strip()
            assert line == "attesa", p.stderr.read()
        if before_start is not None:
            before_start()
        start = time.perf_counter()
        for p in procs:
            p.stdin.write("via\n")
            p.stdin.flush()
        results = []
        for p in procs:
            out, err = p.communicate(timeout=600)
            assert p.returncode == 0, err
            assert "Traceback" not in err, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results, time.perf_counter() - start
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def _journal_matches_stock(conn) -> list[str]:
    """Every stock row equals its journal replayed in order (quantity and value), and every
    journal key has its stock row."""
    running: dict[tuple[int, int], list[int]] = {}
    for art, store, qty, value in conn.execute(text(
            "SELECT article_id, storeroom_id, quantity, value_cents "
            "FROM warehouse_movement_line ORDER BY movement_id, line_no")):
        q, v = running.setdefault((art, store), [0, 0])
        q += qty
        running[art, store] = [q, v + value if q else 0]
    stock = {(a, s): [q, v] for a, s, q, v in conn.execute(text(
        "SELECT article_id, storeroom_id, quantity, value_cents FROM warehouse_balance"))}
    return [f"articolo {k[0]} magazzino {k[1]}: giornale {running.get(k)} giacenza "
            f"{stock.get(k)}" for k in sorted(set(running) | set(stock))
            if running.get(k, [0, 0]) != stock.get(k, [0, 0])]


def _check_archive(target, results, seconds, label):
    errors = {r["errors"] for r in results}
    messages = [m for r in results for m in r["messages"]]
    assert errors == {0}, messages
    db = open_database(target)
    try:
        report = verify(db)
        assert report.ok, report.problems     # every register 1..N, counters, audit chain
        with db.engine.connect() as conn:
            assert _journal_matches_stock(conn) == []
            requests = conn.execute(text(
                "SELECT year, count(*), min(number), max(number), count(DISTINCT number) "
                "FROM warehouse_request GROUP BY year")).all()
    finally:
        db.dispose()
    for _year, n, low, high, distinct in requests:
        assert (low, high, distinct) == (1, n, n)
    services = sum(r["services"] for r in results)
    retries = sum(r["retries"] for r in results)
    print(f"\n{label}: {len(results)} processi, {services} chiamate ai servizi in {seconds:.1f} s"
          f" = {services / seconds:.1f} chiamate/s, {retries} ripetute")


@pytest.mark.postgres
def test_eight_pcs_mixed_calls_on_postgres(pg_url):
    users = [f"postazione{i}" for i in range(8)]
    setup = _setup(pg_url, users)
    results, seconds = _run(pg_url, users, lambda i: [
        "--setup", json.dumps(setup), "--calls", CALLS or "40", "--seed", str(i)])
    _check_archive(pg_url, results, seconds, "PostgreSQL")


def test_four_processes_mixed_calls_on_sqlite_with_busy_cpu(db_path):
    users = [f"finestra{i}" for i in range(4)]
    setup = _setup(db_path, users)
    holders = []

    def long_writer():
        holders.append(subprocess.Popen([sys.executable, "-c", LONG_WRITER, str(db_path)],
                                        stdout=subprocess.PIPE, text=True))
        assert holders[0].stdout.readline().strip() == "preso"

    try:
        results, seconds = _run(db_path, users, lambda i: [
            "--setup", json.dumps(setup), "--calls", CALLS or "60", "--seed", str(100 + i)],
            busy_loops=2, before_start=long_writer)
    finally:
        for h in holders:
            h.wait(timeout=60)
    _check_archive(db_path, results, seconds, "SQLite (con una scrittura lunga 6,5 s all'inizio)")


@pytest.mark.postgres
def test_eight_simultaneous_first_starts_with_the_same_user(pg_url):
    results, _seconds = _run(pg_url, ["segreteria"] * 8, lambda i: ["--first-start"])
    assert [r["errors"] for r in results] == [0] * 8, [r["messages"] for r in results]
    db = open_database(pg_url)
    try:
        with db.engine.connect() as conn:
            users = conn.execute(text("SELECT username FROM app_user")).scalars().all()
            grants = conn.execute(text("SELECT count(*) FROM user_role_grant")).scalar()
        report = verify(db)
    finally:
        db.dispose()
    assert users == ["segreteria"]
    assert grants == 2          # the dirigente's and the DSGA's roles, once each
    assert report.ok, report.problems

