"""verify on the large demo (about 60,000 change-log rows) against a bare baseline: raw
sqlite3 reading every change-log row and hashing it once with SHA-256."""
from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path


def bench_verify(work: Path, size: str) -> dict:
    from iiss_desktop.db.schema import open_for_reading
    from iiss_desktop.db.verify import verify
    from iiss_desktop.demo import build_demo

    path = work / f"verify-{size}.db"
    build_demo(path, size=size).dispose()
    db = open_for_reading(path)
    start = time.perf_counter()
    report = verify(db)
    app = time.perf_counter() - start
    db.dispose()
    con = sqlite3.connect(path)
    start = time.perf_counter()
    for row in con.execute("SELECT id, at, user_id, username, action, entity, entity_id, "
                           "before, after, reason, prev_hash, hash FROM audit_log ORDER BY id"):
        hashlib.sha256(repr(row).encode("utf-8")).hexdigest()
    bare = time.perf_counter() - start
    con.close()
    return {"audit_rows": report.audit_rows, "ok": report.ok, "verify_s": app,
            "bare_read_and_hash_s": bare, "ratio": app / bare,
            "parts_s": {name: round(seconds, 3) for name, seconds in report.timings}}
