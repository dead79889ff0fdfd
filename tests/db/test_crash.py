"""Power-cut simulation: a writer process is killed with SIGKILL at random moments.

After every kill the file must be intact and every committed entry complete: numbers
1..N with no gap, counter N, two lines per entry, one audit row per inserted row, a valid
audit chain. The next writer process starts (imports, opens the file) while the parent
checks, and begins writing only when told to.
"""
from __future__ import annotations

import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from tests.helpers.dbcheck import check_register_file
from tests.helpers.users import AUDIT_ROWS_PER_USER, act_as_office

WRITER = Path(__file__).resolve().parents[1] / "helpers" / "writer.py"
ITERATIONS = 50
SEED = 20260901


def _expect_line(proc: subprocess.Popen, expected: str, timeout: float = 60.0) -> None:
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    try:
        ready = sel.select(timeout)
        line = proc.stdout.readline() if ready else ""
    finally:
        sel.close()
    if line.strip() != expected:
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"processo di scrittura: atteso {expected!r}, "
                             f"ricevuto {line!r}\n{err}")


def _spawn(db_path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), str(db_path), "--wait"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _check(db_path: Path, previous: int, round_no: int) -> int:
    n = check_register_file(db_path, register="prova", year=2025, lines_per_entry=2,
                            extra_audit_rows=AUDIT_ROWS_PER_USER)
    # "pronto" means at least one commit in this round, and nothing committed is ever lost.
    assert n >= previous + 1, f"giro {round_no}: {n} registrazioni, prima {previous}"
    db = open_database(db_path)
    try:
        report = verify(db)
    finally:
        db.dispose()
    assert report.ok, f"giro {round_no}: {report.problems}"
    assert report.entries_checked == n
    assert report.audit_rows == 3 * n + 3  # the user and its two roles, then 3 rows per entry
    return n


def test_sigkill_during_writes_never_loses_or_breaks_anything(db_path):
    db = open_database(db_path, create=True)
    act_as_office(db, "scrittore")  # the writers share the name: one user row in the audit
    db.dispose()
    rng = random.Random(SEED)
    previous = 0
    proc = _spawn(db_path)
    try:
        for i in range(ITERATIONS):
            _expect_line(proc, "attesa")
            proc.stdin.write("via\n")
            proc.stdin.flush()
            _expect_line(proc, "pronto")
            time.sleep(rng.uniform(0.0, 0.4))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            assert proc.returncode == -signal.SIGKILL, f"giro {i}: uscito da solo"
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                stream.close()
            # The next writer boots and opens the file while this one's remains are checked.
            proc = _spawn(db_path) if i + 1 < ITERATIONS else None
            previous = _check(db_path, previous, i)
    finally:
        if proc is not None:
            proc.kill()
            proc.communicate()
    assert previous >= ITERATIONS
