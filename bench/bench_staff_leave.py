"""Every leave balance of 60 ATA staff over a school year recomputed after a change of the school
calendar (issue 16: under 1 s), on a real SQLite archive: a holiday added on a day most of them
have ferie (Tuesday 22/12/2026), whose corrections the calendar service writes in its own
transaction (services/staff/leave.recount_calendar_in), then every balance of the year read
from the ledger (queries/staff_leave.leave_balances). The next run removes the holiday again
(the corrections undone by new rows). Also timed: every absence of the year counted again over
the whole calendar (``recount_all_s``) and the statements of all 60 with their arithmetic
(``statements_s``, queries/staff_leave.leave_statements).

Baseline in the same run: raw sqlite3 summing the same ledger rows per person and account.

    python bench/run.py --only staff_leave
"""
from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

YEAR = 2026
HOLIDAY = date(2026, 12, 22)


def _archive(path: Path, n_staff: int):
    from bench_user import act_as_bench

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.demo.staff import demo_codice_fiscale
    from iiss_desktop.services import school
    from iiss_desktop.services.staff import leave, registry
    from iiss_desktop.services.staff.roster import PatternInput, save_pattern

    db = open_database(path, create=True)
    act_as_bench(db)
    site = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    school.seed_calendar(db, 2026)
    school.seed_calendar(db, 2027)
    shapes = ({wd: "07:30-13:30" for wd in range(6)}, {wd: "07:30-14:42" for wd in range(5)},
              {**{wd: "12:30-18:30 pomeriggio" for wd in range(5)}, 5: "07:30-13:30"})
    for i in range(n_staff):
        born = date(1960 + i % 35, 1 + i % 12, 1 + i % 28)
        pid = registry.save_person(db, {
            "surname": f"Dipendente{chr(65 + i % 26)}{i}", "name": "Prova",
            "role": ("CS", "AA", "AT")[i % 3], "site_id": site,
            "service_since": date(2005, 9, 1),
            "codice_fiscale": demo_codice_fiscale(f"Dipendente{i}", "Prova", "F", born)})
        registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2005, 9, 1))
        save_pattern(db, pid, PatternInput(date(2026, 9, 1), date(2027, 8, 31), shapes[i % 3]))
        leave.allocate_year(db, pid, YEAR, on=date(2026, 9, 1))
        summer = date(2027, 7, 5) + timedelta(weeks=i % 4)
        for cause, start, end, minutes in (
                ("ferie", date(2026, 12, 21), date(2026, 12, 23), None),
                ("ferie", summer, summer + timedelta(days=11), None),
                ("permesso_personale", date(2027, 3, 2) + timedelta(days=i % 3), None, None),
                ("permesso_breve", date(2027, 2, 8) + timedelta(days=i % 5), None, 120)):
            leave.record_absence(db, pid, cause, start, end, minutes=minutes)
    return db


def _bare(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT employee_id, account, SUM(amount) FROM staff_leave_entry "
                           "WHERE school_year = ? GROUP BY employee_id, account",
                           (YEAR,)).fetchall()
        return len(rows)
    finally:
        con.close()


def bench_staff_leave(work: Path, n_staff: int = 60, runs: int = 7) -> dict:
    from iiss_desktop.db.uow import unit_of_work
    from iiss_desktop.domain.dates import SchoolYear
    from iiss_desktop.queries.staff_leave import leave_balances, leave_statements
    from iiss_desktop.services import school
    from iiss_desktop.services.staff.leave import recount_calendar_in

    path = Path(work) / "staff_leave.db"
    path.unlink(missing_ok=True)
    t = time.perf_counter()
    db = _archive(path, n_staff)
    build_s = time.perf_counter() - t
    app, bare, balances = [], [], {}
    for k in range(runs):          # alternate, so both see the same background load
        t = time.perf_counter()
        _bare(path)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        if k % 2 == 0:
            school.save_calendar_day(db, HOLIDAY, "festivita", "Festività deliberata")
        else:
            school.remove_calendar_day(db, HOLIDAY)
        balances = leave_balances(db, YEAR)
        app.append(time.perf_counter() - t)
    t = time.perf_counter()
    _year, statements = leave_statements(db, YEAR)
    statements_s = time.perf_counter() - t
    year = SchoolYear(YEAR)
    days = [year.start + timedelta(days=i) for i in range((year.end - year.start).days + 1)]
    t = time.perf_counter()
    with unit_of_work(db, reason="Prova: ricalcolo") as s:
        written = recount_calendar_in(s, days, date(2027, 8, 31))
        s.rollback()
    recount_all = time.perf_counter() - t
    with sqlite3.connect(path) as con:
        entries = con.execute("SELECT count(*) FROM staff_leave_entry").fetchone()[0]
        absences = con.execute("SELECT count(*) FROM staff_absence").fetchone()[0]
    assert sum(len(st.accounts) for st in statements) == sum(map(len, balances.values()))
    db.dispose()
    return {"staff": n_staff, "absences": absences, "ledger_rows": entries,
            "balances": sum(map(len, balances.values())), "build_s": build_s,
            "time_s": statistics.median(app), "best_s": min(app),
            "bare_ms": statistics.median(bare) * 1000,
            "ratio": statistics.median(app) / statistics.median(bare),
            "recount_all_s": recount_all, "recount_all_rows": written,
            "statements_s": statements_s,
            "target": "calendar change + every balance < 1 s"}


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(json.dumps(bench_staff_leave(Path(tempfile.mkdtemp())), indent=2))
