"""The day rules and the coverage sweep agree with a naive minute-by-minute reading of the same
bands, on random days (hypothesis)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iiss_desktop.domain.staff.checks import check_day
from iiss_desktop.domain.staff.coverage import Assignment, CoverageNeed, check_coverage
from iiss_desktop.domain.staff.times import TimeBand
from iiss_desktop.domain.staff.week import StaffMember, WorkDay

from .helpers import MONDAY

# Sorted distinct minutes between 05:00 and 23:00, paired into bands that never overlap.
cuts = st.lists(st.integers(300, 1380), min_size=2, max_size=8, unique=True).map(sorted)


def bands_of(points: list[int]) -> tuple[TimeBand, ...]:
    return tuple(TimeBand(a, b) for a, b in zip(points[::2], points[1::2]))


def naive_longest_stretch(bands) -> int:
    """Walk the day minute by minute: work adds to the stretch, a gap of 30 minutes ends it."""
    busy = [False] * 1440
    for b in bands:
        for m in range(b.start, b.end):
            busy[m] = True
    longest = stretch = idle = 0
    for m in range(1440):
        if busy[m]:
            stretch, idle = stretch + 1, 0
            longest = max(longest, stretch)
        else:
            idle += 1
            if idle >= 30:
                stretch = 0
    return longest


@given(cuts, st.booleans())
def test_day_rules_match_a_minute_by_minute_reading(points, asked):
    bands = bands_of(points)
    if not bands:
        return
    member = StaffMember(1, "Prova", "AA", pause_requested=asked)
    rules = [p.rule for p in check_day(member, WorkDay(MONDAY, bands))]
    worked = sum(b.end - b.start for b in bands)
    assert ("max_giornaliero" in rules) == (worked > 540)
    longest = naive_longest_stretch(bands)
    assert ("pausa_obbligatoria" in rules) == (longest > 432)
    if not longest > 432:
        assert ("pausa_richiesta" in rules) == (asked and longest > 360)
    assert rules.count("turno_serale") == sum(b.end > 1200 for b in bands)


@given(st.lists(cuts, min_size=0, max_size=4), st.integers(1, 3))
def test_uncovered_minutes_match_a_minute_by_minute_count(people, staff):
    need = CoverageNeed(plesso="SEDE", weekday=0, start=450, end=990, staff=staff)
    members, cells = [], []
    present = [0] * 1440
    for i, points in enumerate(people):
        members.append(StaffMember(i, f"P{i}", "CS", home_plesso="SEDE"))
        for b in bands_of(points):
            cells.append(Assignment(i, MONDAY, b, "SEDE"))
            for m in range(b.start, b.end):
                present[m] += 1
    short = sum(1 for m in range(need.start, need.end) if present[m] < staff)
    problems = check_coverage([need], cells, members, [MONDAY])
    spans = [tuple(int(x[:2]) * 60 + int(x[3:]) for x in p.cell.split()[1].split("–"))
             for p in problems]
    assert sum(e - s for s, e in spans) == short
    assert all(b[0] > a[1] for a, b in zip(spans, spans[1:]))     # maximal: never adjacent
