"""Two or more PCs committing on the same destination at once cannot exceed it: the
availability is read under the write gate, in the transaction that writes the impegno
(docs/ARCHITECTURE.md «Concurrency»). Real processes, on SQLite and on PostgreSQL.

A03 has 10.000,00 (tests/services/funds/helpers.py); 4 PCs × 10 impegni of 300,00 ask for
12.000,00: exactly 33 impegni fit (33 × 300,00 = 9.900,00, a 34th would make 10.200,00), the
other 7 are refused for lack of availability, numbered 1..33 without gaps.
"""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.queries.funds import availability
from tests.helpers.users import act_as_office
from tests.services.funds.helpers import approved_programme

WRITER = Path(__file__).resolve().parents[2] / "helpers" / "funds_writer.py"
PCS, EACH = 4, 10


def _race(target: str) -> list[dict]:
    db = open_database(target, create=True)
    act_as_office(db, "mrossi")
    users = [f"postazione{i}" for i in range(PCS)]
    for u in users:
        act_as_office(db, u)
    approved_programme(db)
    db.dispose()
    procs = [subprocess.Popen([sys.executable, str(WRITER), target, "--user", u,
                               "--count", str(EACH), "--amount", "300.00"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for u in users]
    for p in procs:     # every PC opens the archive first, then all start at once
        assert p.stdout.readline().strip() == "attesa", p.stderr.read()
    for p in procs:
        p.stdin.write("via\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def _check(target: str, results: list[dict], numbers: list[int]) -> None:
    assert sum(r["errors"] for r in results) == 0, results
    assert sum(r["committed"] for r in results) == 33
    assert sum(r["refused"] for r in results) == PCS * EACH - 33
    assert numbers == list(range(1, 34))
    db = open_database(target)
    try:
        a = availability(db, 2026, "A03")
        assert (a.committed, a.available) == (Decimal("9900.00"), Decimal("100.00"))
        report = verify(db, anchors=False)
        assert report.ok, report.problems
    finally:
        db.dispose()


def test_four_pcs_on_sqlite_cannot_over_commit(db_path):
    import sqlite3

    results = _race(str(db_path))
    with sqlite3.connect(db_path) as con:
        numbers = [n for (n,) in con.execute(
            "SELECT number FROM funds_commitment WHERE year = 2026 ORDER BY number")]
    _check(str(db_path), results, numbers)


@pytest.mark.postgres
def test_four_pcs_on_postgresql_cannot_over_commit(pg_url):
    import psycopg

    results = _race(pg_url)
    with psycopg.connect(pg_url) as con:
        numbers = [n for (n,) in con.execute(
            "SELECT number FROM funds_commitment WHERE year = 2026 ORDER BY number")]
    _check(pg_url, results, numbers)
