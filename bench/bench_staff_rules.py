"""Every schedule rule for 60 ATA staff over a school year (issue 14: under 1 s), against a bare
baseline in the same run: a plain loop over the same bands summing minutes per day and week.

    python bench/run.py --only staff_rules
"""
from __future__ import annotations

import statistics
import time
from datetime import date, timedelta


def _roster(n_staff: int, n_weeks: int):
    from iiss_desktop.domain.dates import SchoolYear
    from iiss_desktop.domain.staff.agile import LavoroAgileAgreement
    from iiss_desktop.domain.staff.contract import Art55Record, WorkingTime
    from iiss_desktop.domain.staff.coverage import CoverageNeed
    from iiss_desktop.domain.staff.patterns import (
        WeeklyPattern,
        five_days_of_7h12,
        same_bands,
        six_days_of_six,
        with_rientri,
    )
    from iiss_desktop.domain.staff.week import StaffMember

    year = SchoolYear(2026)
    plessi = ("SEDE", "PRIMARIA", "INFANZIA")
    profiles = ("CS", "CS", "CS", "AA", "AT", "CS")
    staff, patterns, agreements = [], {}, []
    for i in range(n_staff):
        profile = "DSGA" if i == 0 else profiles[i % len(profiles)]
        plesso = plessi[i % 3]
        half = i % 10 == 9
        art55 = i % 10 == 4 and profile == "CS"
        wt = WorkingTime(50 if half else 100, Art55Record(
            frozenset({"apertura_oltre_10_ore"}), frozenset({"turni"})) if art55 else None)
        shape = i % 4
        if half:
            days = same_bands((0, 2, 4), "08:00", "14:00", plesso)
        elif art55:     # 35 h: 5 x 7 h, on shifts
            days = {**same_bands((0, 2, 4), "07:30", "14:30", plesso, "mattina"),
                    **same_bands((1, 3), "11:30", "18:30", plesso, "pomeriggio")}
        elif shape == 0:
            days = six_days_of_six("07:30" if i % 2 else "10:30", plesso)
        elif shape == 1:
            days = five_days_of_7h12("07:30", plesso)
        elif shape == 2:
            days = with_rientri(same_bands(range(5), "08:00", "14:00", plesso),
                                {1: ("14:30", "17:30"), 3: ("14:30", "17:30")}, plesso)
        else:
            days = {**same_bands((0, 2, 4), "07:30", "13:30", plesso, "mattina"),
                    **same_bands((1, 3, 5), "13:00", "19:00", plesso, "pomeriggio")}
        agile = frozenset({4}) if profile in ("AA", "DSGA") and shape == 1 else frozenset()
        if agile:
            agreements.append(LavoroAgileAgreement(
                i + 1, profile, date(2026, 9, 1), year.start, year.end, agile,
                ("Protocollo informatico", "Pratiche del personale")))
        staff.append(StaffMember(i + 1, f"Dipendente {i + 1}", profile, wt, plesso,
                                 pause_requested=i % 7 == 0))
        patterns[i + 1] = WeeklyPattern(i + 1, year.start, year.end, days, wt,
                                        agile_weekdays=agile)
    # a peak: the office (AA) on plurisettimanale in September (3 weeks of 42 h) recovered in
    # three weeks of 30 h in the summer
    peak = same_bands(range(6), "07:30", "14:30")        # 6 x 7 h = 42 h
    light = same_bands(range(6), "08:00", "13:00")       # 6 x 5 h = 30 h
    holidays = {date(2026, 11, 1), date(2026, 12, 8), date(2026, 12, 25), date(2026, 12, 26),
                date(2027, 1, 1), date(2027, 1, 6), date(2027, 3, 29), date(2027, 4, 25),
                date(2027, 5, 1), date(2027, 6, 2), date(2027, 8, 15)}
    first = date(2026, 9, 7)
    mondays = [first + timedelta(weeks=k) for k in range(n_weeks)]
    weeks = {}
    for m in staff:
        own = []
        for k, monday in enumerate(mondays):
            full = not m.working_time.is_part_time
            if full and m.profile == "AA" and k in (1, 2, 3):
                p = WeeklyPattern(m.person_id, monday, monday + timedelta(days=6), peak,
                                  m.working_time, plurisettimanale=True)
            elif full and m.profile == "AA" and k in (44, 45, 46):
                p = WeeklyPattern(m.person_id, monday, monday + timedelta(days=6), light,
                                  m.working_time, plurisettimanale=True)
            else:
                p = patterns[m.person_id]
            own.append(p.week(monday, holidays))
        weeks[m.person_id] = own
    # the sede stays open until 18:00 from Monday to Wednesday (10 h 30: the art. 55 condition)
    needs = [CoverageNeed.of(pl, wd, "07:30", "16:30", staff=2) for pl in plessi
             for wd in range(6)]
    needs += [CoverageNeed.of("SEDE", wd, "16:30", "18:00") for wd in range(3)]
    return year, staff, weeks, needs, holidays, agreements


def _bare(staff, weeks) -> int:
    """The same bands, summed per day and week, compared with 9 h and the contract: the cost of
    walking the data, nothing more."""
    flagged = 0
    for m in staff:
        owed = m.working_time.weekly_minutes
        for w in weeks[m.person_id]:
            total = 0
            for d in w.days:
                day = 0
                for b in d.bands:
                    day += b.end - b.start
                if day > 540:
                    flagged += 1
                total += day + d.credited
            if total != owed:
                flagged += 1
    return flagged


def bench_staff_rules(n_staff: int = 60, n_weeks: int = 52, runs: int = 7) -> dict:
    from iiss_desktop.domain.staff.checks import check_roster

    year, staff, weeks, needs, holidays, agreements = _roster(n_staff, n_weeks)
    app, bare, problems = [], [], []
    for _ in range(runs):        # alternate, so both see the same background load
        t = time.perf_counter()
        _bare(staff, weeks)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        problems = check_roster(staff, weeks, year, needs, holidays, agreements)
        app.append(time.perf_counter() - t)
    days = sum(len(w.days) for ws in weeks.values() for w in ws)
    by_rule: dict[str, int] = {}
    for p in problems:
        by_rule[p.rule] = by_rule.get(p.rule, 0) + 1
    return {"staff": n_staff, "weeks": n_weeks, "days": days, "needs": len(needs),
            "check_s": statistics.median(app), "check_best_s": min(app),
            "bare_ms": statistics.median(bare) * 1000,
            "ratio": statistics.median(app) / statistics.median(bare),
            "problems": by_rule, "target": "check < 1 s"}


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(bench_staff_rules(), indent=2))
