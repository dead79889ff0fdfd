"""Proposta dei turni (issue 18): 60 staff, 3 plessi, one month and one week, solved by CP-SAT
on 2 workers (targets: month < 10 s, week < 2 s), with the objective, the solver's bound and
the gap; against a bare baseline in the same run: a greedy fill of the same needs with the same
bands (the first free person of the list for each need), which covers without any fairness.

    python bench/run.py --only roster_proposal
"""
from __future__ import annotations

import time
from datetime import date, timedelta

PLESSI = ("SEDE", "PRIMARIA", "INFANZIA")


def _problem(first: date, last: date):
    from iiss_desktop.domain.staff.contract import WorkingTime
    from iiss_desktop.domain.staff.coverage import CoverageNeed, Preference, RosterProblem
    from iiss_desktop.domain.staff.proposal import ProposalContext
    from iiss_desktop.domain.staff.week import StaffMember

    staff = []
    for i in range(48):                      # 16 collaboratori per plesso, 4 of them at 50 %
        plesso = PLESSI[i % 3]
        staff.append(StaffMember(i + 1, f"Collaboratore {i + 1}", "CS",
                                 WorkingTime(50 if i % 12 == 11 else 100), plesso))
    for i in range(48, 58):                  # the office at the SEDE
        staff.append(StaffMember(i + 1, f"Assistente {i + 1}", "AA", WorkingTime(), "SEDE"))
    for i in range(58, 60):                  # not in the opening hours: not moved
        staff.append(StaffMember(i + 1, f"Tecnico {i + 1}", "AT", WorkingTime(), "SEDE"))
    needs = []
    for p in PLESSI:
        for wd in range(5):
            needs.append(CoverageNeed.of(p, wd, "07:30", "14:00", 5))
            needs.append(CoverageNeed.of(p, wd, "14:00", "18:00", 3))
    needs.append(CoverageNeed.of("SEDE", 5, "07:30", "13:30", 3))
    for wd in range(6):
        needs.append(CoverageNeed.of("SEDE", wd, "08:00", "14:00", 3, "AA"))
    days = tuple(first + timedelta(days=k) for k in range((last - first).days + 1))
    absences = {(3, d): "in ferie" for d in days[2:5]}
    absences |= {(17, d): "assente" for d in days[8:10]}
    agile = frozenset((pid, d) for pid in (49, 50) for d in days if d.weekday() == 4)
    prefs = tuple(Preference(pid, pid % 5, "mattina", 2) for pid in range(1, 30, 3))
    context = ProposalContext(absences=absences, agile_days=agile,
                              plesso_names={p: p.capitalize() for p in PLESSI})
    return RosterProblem(tuple(staff), tuple(needs), days, prefs), context


def greedy(problem, context) -> tuple[dict, int]:
    """The bare baseline: day by day, for each need, the first people of the list free that
    day, of the profile and home plesso, with hours left in the week, one band of the share."""
    from iiss_desktop.domain.staff.proposal import AFTERNOON_AFTER, daily_share, open_weekdays

    n_open = len(open_weekdays(problem.needs))
    cells: dict = {}
    left: dict = {}
    for d in problem.days:
        if d.weekday() == 0 or not left:
            left = {m.person_id: m.working_time.weekly_minutes for m in problem.staff}
        for n in sorted((n for n in problem.needs if n.weekday == d.weekday()),
                        key=lambda n: -n.start):
            for _k in range(n.staff):
                for m in problem.staff:
                    share = daily_share(m, n_open)
                    if (m.profile != n.profile or m.home_plesso != n.plesso
                            or (m.person_id, d) in cells or (m.person_id, d) in context.absences
                            or left[m.person_id] < share):
                        continue
                    start = max(n.start, n.end - share)
                    cells[(m.person_id, d)] = (start, start + share)
                    left[m.person_id] -= share
                    break
    afternoons: dict = {}
    for (pid, _d), (_s, e) in cells.items():
        afternoons[pid] = afternoons.get(pid, 0) + (e > AFTERNOON_AFTER)
    cs = [afternoons.get(m.person_id, 0) for m in problem.staff
          if m.profile == "CS" and m.working_time.weekly_minutes == 2160]
    return cells, max(cs) - min(cs)


def _run(first: date, last: date, time_limit: float) -> dict:
    from iiss_desktop.domain.staff.proposal import propose

    problem, context = _problem(first, last)
    t = time.perf_counter()
    _cells, greedy_spread = greedy(problem, context)
    bare = time.perf_counter() - t
    t = time.perf_counter()
    p = propose(problem, context, time_limit=time_limit, workers=2)
    wall = time.perf_counter() - t
    cs = [c.afternoons for pid, c in p.fairness.items()
          if pid <= 48 and pid % 12 != 0]
    return {"days": len(problem.days), "staff": len(problem.staff), "needs": len(problem.needs),
            "status": p.status, "wall_s": round(wall, 2), "solver_s": round(p.seconds, 2),
            "objective": p.objective, "best_bound": p.best_bound, "gap": round(p.gap, 4),
            "problems": len(p.problems), "uncovered": len(p.blockers),
            "afternoon_spread": max(cs) - min(cs) if cs else 0,
            "greedy_afternoon_spread": greedy_spread,
            "greedy_ms": round(bare * 1000, 1), "ratio": round(wall / bare, 1)}


def bench_roster_proposal(month_limit: float = 9.0, week_limit: float = 1.5) -> dict:
    # importing OR-Tools is paid once, outside the figures
    from ortools.sat.python import cp_model  # noqa: F401

    month = _run(date(2026, 11, 2), date(2026, 11, 29), month_limit)
    week = _run(date(2026, 11, 9), date(2026, 11, 15), week_limit)
    return {"month": month, "week": week, "target": "month < 10 s, week < 2 s"}


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(bench_roster_proposal(), indent=2))
