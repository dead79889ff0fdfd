"""The roster as the clerk opens it (issue 14): ``queries.staff_roster.roster`` for one month of
60 ATA staff with a pattern each and some days set by hand, every schedule check over the
school year included, on a real SQLite archive. Baseline in the same run: raw sqlite3 reading
the same patterns and bands and summing the minutes of each person's month.

    python bench/run.py --only roster
"""
from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import date, timedelta
from pathlib import Path


def _archive(path: Path, n_staff: int):
    from bench_user import act_as_bench

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.demo.staff import demo_codice_fiscale
    from iiss_desktop.services import school
    from iiss_desktop.services.staff import registry
    from iiss_desktop.services.staff.roster import (
        DayInput,
        PatternInput,
        save_pattern,
        set_roster_days,
    )

    db = open_database(path, create=True)
    act_as_bench(db)
    site = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    school.seed_calendar(db, 2026)
    school.seed_calendar(db, 2027)
    shapes = ({wd: "07:30-13:30" for wd in range(6)}, {wd: "07:30-14:42" for wd in range(5)},
              {**{wd: "12:30-18:30 pomeriggio" for wd in range(5)}, 5: "07:30-13:30"})
    ids = []
    for i in range(n_staff):
        born = date(1960 + i % 35, 1 + i % 12, 1 + i % 28)
        pid = registry.save_person(db, {
            "surname": f"Dipendente{chr(65 + i % 26)}{i}", "name": "Prova", "role": "CS",
            "site_id": site, "codice_fiscale": demo_codice_fiscale(
                f"Dipendente{i}", "Prova", "F", born)})
        save_pattern(db, pid, PatternInput(date(2026, 9, 1), date(2027, 6, 30),
                                           shapes[i % 3]))
        ids.append(pid)
    for k, pid in enumerate(ids[::6]):       # a presidio a week for every sixth person
        day = date(2026, 11, 2) + timedelta(days=7 * (k % 4) + k % 5)
        set_roster_days(db, [(pid, day)], DayInput("14:30-20:30 presidio", note="Elezioni"))
    return db


def _bare(path: Path, start: date, end: date) -> int:
    con = sqlite3.connect(path)
    try:
        total = 0
        for wd_minutes in con.execute(
                "SELECT p.employee_id, b.weekday, SUM(b.\"end\" - b.start) FROM staff_pattern p "
                "JOIN staff_pattern_band b ON b.pattern_id = p.id WHERE p.annulled_on IS NULL "
                "GROUP BY p.employee_id, b.weekday"):
            total += wd_minutes[2]
        con.execute("SELECT employee_id, day FROM staff_roster_day WHERE day BETWEEN ? AND ?",
                    (start.isoformat(), end.isoformat())).fetchall()
        return total
    finally:
        con.close()


def bench_roster(work: Path, n_staff: int = 60, runs: int = 7) -> dict:
    from iiss_desktop.queries.staff_roster import roster

    path = Path(work) / "roster.db"
    path.unlink(missing_ok=True)
    db = _archive(path, n_staff)
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    app, bare = [], []
    view = None
    for _ in range(runs):
        t = time.perf_counter()
        _bare(path, start, end)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        view = roster(db, start, end)
        app.append(time.perf_counter() - t)
    db.dispose()
    return {"staff": n_staff, "days": len(view.days), "cells": len(view.cells),
            "problems": view.problem_count, "month_s": statistics.median(app),
            "bare_ms": statistics.median(bare) * 1000,
            "ratio": statistics.median(app) / statistics.median(bare),
            "target": "month grid < 1 s"}


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(bench_roster(Path(tmp)), indent=2))
