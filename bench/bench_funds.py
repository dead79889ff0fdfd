"""The availability check of one impegno with 50,000 impegni in the year (issue 15: under
5 ms), against a hand-written SQL aggregate over the same rows in the same run; and one whole
impegno (gate, lock, check, register entry, audit) for scale."""
from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

DESTS = ("A01", "A02", "A03", "P01")


def bench_funds(work: Path, impegni: int) -> dict:
    from bench_user import act_as_bench

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.db.uow import read_session
    from iiss_desktop.queries.funds import availability_in
    from iiss_desktop.services.funds.programme import (
        advance_programme,
        create_programme,
        set_forecasts,
    )
    from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending

    path = work / "funds.db"
    path.unlink(missing_ok=True)
    db = open_database(path, create=True)
    act_as_bench(db)
    year = 2025
    big = Decimal("9000000.00")
    create_programme(db, year)
    set_forecasts(db, year, revenue={"06/01": big * len(DESTS)},
                  spending={(d, "02"): big for d in DESTS})
    advance_programme(db, year, "deliberato", date(year, 1, 2), reference="Delibera n. 1")
    db.dispose()
    con = sqlite3.connect(path)
    ids = dict(con.execute("SELECT code, id FROM funds_destination"))
    pid = con.execute("SELECT id FROM funds_programme").fetchone()[0]
    # Rows only (no register entries): what the check reads is the sum of these.
    con.executemany(
        "INSERT INTO funds_commitment (entry_id, year, number, committed_on, programme_id, "
        "destination_id, spending_type_id, amount, description, creditor_name, cig, cup, "
        "status) VALUES (?, ?, ?, '2025-03-01', ?, ?, 2, ?, 'Acquisto', '', '', '', "
        "'impegnato')",
        [(-i, year, 100_000 + i, pid, ids[DESTS[i % len(DESTS)]], 1000 + i % 5000)
         for i in range(1, impegni + 1)])
    con.commit()
    bare = ("SELECT (SELECT SUM(amount) FROM funds_spending_forecast WHERE programme_id = ? "
            "AND destination_id = ?), (SELECT SUM(amount) FROM funds_commitment "
            "WHERE programme_id = ? AND destination_id = ?)")
    db = open_database(path)
    act_as_bench(db)
    check_ms, bare_ms = [], []
    with read_session(db) as s:
        for _ in range(7):   # alternated: other work on the machine only ever adds time
            t = time.perf_counter()
            availability_in(s, pid, ids["A03"], "A03")
            check_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            con.execute(bare, (pid, ids["A03"], pid, ids["A03"])).fetchone()
            bare_ms.append((time.perf_counter() - t) * 1000)
    con.close()
    whole = []
    for i in range(5):
        t = time.perf_counter()
        commit_spending(db, CommitmentInput(year, date(year, 3, 2), "A03", "02",
                                            Decimal("10.00"), f"Prova {i}"))
        whole.append((time.perf_counter() - t) * 1000)
    db.dispose()
    check, base = statistics.median(check_ms), statistics.median(bare_ms)
    return {"impegni": impegni, "check_ms": check, "bare_sql_ms": base,
            "ratio": check / base if base else None,
            "whole_impegno_ms": statistics.median(whole), "target_check_ms": 5}
