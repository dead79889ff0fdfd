"""Verify, Personale: the hours each weekly pattern plans a week (``weekly_minutes``, what the
grid and the prints total) rebuilt from its bands, additional work (straordinario) excluded."""
from __future__ import annotations

from sqlalchemy import text


def check_staff_patterns(conn, report) -> None:
    from ..domain.dates import format_date
    from ..domain.staff.times import format_duration
    from .verify_images import _table_names

    if "staff_pattern" not in _table_names(conn):
        return
    for surname, name, start, end, stored, rebuilt in conn.execute(text(
            "SELECT e.surname, e.name, p.valid_from, p.valid_to, p.weekly_minutes, "
            "COALESCE((SELECT SUM(b.\"end\" - b.start) FROM staff_pattern_band b "
            "  WHERE b.pattern_id = p.id AND b.kind <> 'straordinario'), 0) "
            "FROM staff_pattern p JOIN employee e ON e.id = p.employee_id "
            "ORDER BY e.surname, e.name, p.valid_from")):
        if int(stored) != int(rebuilt):
            start = start if not isinstance(start, str) else _iso(start)
            end = end if not isinstance(end, str) else _iso(end)
            report.add("personale", f"Orario di {surname} {name} dal {format_date(start)} al "
                                    f"{format_date(end)}: registrate "
                                    f"{format_duration(int(stored))} settimanali, le fasce ne "
                                    f"sommano {format_duration(int(rebuilt))}")


def _iso(value: str):
    from datetime import date

    return date.fromisoformat(value[:10])
