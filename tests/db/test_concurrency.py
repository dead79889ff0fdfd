"""Several processes write to one SQLite file at the same time (several windows, one PC)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from tests.helpers.dbcheck import check_register_file
from tests.helpers.users import AUDIT_ROWS_PER_USER, act_as_office

WRITER = Path(__file__).resolve().parents[1] / "helpers" / "writer.py"
PROCESSES = 4
ENTRIES = 500


def test_four_processes_write_2000_entries_without_gaps_or_errors(db_path):
    db = open_database(db_path, create=True)
    users = [f"postazione{i}" for i in range(PROCESSES)]
    for u in users:  # created up front: the audit then holds exactly one row per user
        act_as_office(db, u)
    db.dispose()

    procs = [subprocess.Popen([sys.executable, str(WRITER), str(db_path), "--count", str(ENTRIES),
                               "--user", u, "--wait"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for u in users]
    # Every process opens the file first; then all start writing at the same moment.
    for p in procs:
        assert p.stdout.readline().strip() == "attesa", p.stderr.read()
    for p in procs:
        p.stdin.write("via\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "Traceback" not in err, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    for u, r in zip(users, results):
        assert r["errors"] == 0, f"{u}: {r['messages']}"
        assert r["written"] == ENTRIES

    n = check_register_file(db_path, register="prova", year=2025, lines_per_entry=2,
                            extra_audit_rows=AUDIT_ROWS_PER_USER * PROCESSES)
    assert n == PROCESSES * ENTRIES
    db = open_database(db_path)
    try:
        report = verify(db)
        assert report.ok, report.problems
        with db.engine.connect() as conn:
            per_user = dict(conn.exec_driver_sql(
                "SELECT u.username, count(*) FROM register_entry e JOIN app_user u "
                "ON u.id = e.recorded_by_id GROUP BY u.username").fetchall())
    finally:
        db.dispose()
    assert per_user == {u: ENTRIES for u in users}
