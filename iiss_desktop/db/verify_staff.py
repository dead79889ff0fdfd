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


def check_staff_leave(conn, report) -> None:
    """Personale: every leave balance rebuilt from its ledger rows. No balance is stored
    (models/staff_leave.py): it is always the sum of the rows, so what can drift is the rows
    themselves or their link to the absences. Checked: no balance below zero (a use beyond the
    balance is refused, a rettifica may not take it below zero); an annulled absence has given
    back all it took; an absence in force took something; a row of an absence belongs to the
    absence's person."""
    from ..domain.staff.leave import ACCOUNTS, format_amount
    from .verify_images import _table_names

    if "staff_leave_entry" not in _table_names(conn):
        return
    names = {pid: f"{surname} {name}" for pid, surname, name in conn.execute(text(
        "SELECT id, surname, name FROM employee"))}
    for pid, account, year, total in conn.execute(text(
            "SELECT employee_id, account, school_year, SUM(amount) FROM staff_leave_entry "
            "GROUP BY employee_id, account, school_year ORDER BY employee_id, account, "
            "school_year")):
        if int(total) < 0:
            label, unit = ACCOUNTS.get(account, (account, "giorni"))
            report.add("personale", f"{label} dell'a.s. {year}/{(year + 1) % 100:02d} di "
                                    f"{names.get(pid, pid)}: la somma dei movimenti è "
                                    f"{format_amount(int(total), unit)}, sotto zero")
    for absence_id, pid, annulled, account, total, owners in conn.execute(text(
            "SELECT a.id, a.employee_id, a.annulled_on, l.account, SUM(l.amount), "
            "  SUM(CASE WHEN l.employee_id <> a.employee_id THEN 1 ELSE 0 END) "
            "FROM staff_absence a JOIN staff_leave_entry l ON l.absence_id = a.id "
            "GROUP BY a.id, a.employee_id, a.annulled_on, l.account ORDER BY a.id")):
        label, unit = ACCOUNTS.get(account, (account, "giorni"))
        who = names.get(pid, pid)
        if owners:
            report.add("personale", f"Assenza {absence_id} di {who}: movimenti di {label} "
                                    "intestati a un altro dipendente")
        if annulled is not None and int(total) != 0:
            report.add("personale", f"Assenza {absence_id} di {who}, annullata: i movimenti "
                                    f"di {label} sommano {format_amount(int(total), unit)} "
                                    "invece di zero")
        elif annulled is None and int(total) >= 0:
            report.add("personale", f"Assenza {absence_id} di {who}: nessuna fruizione di "
                                    f"{label} nei movimenti")


def check_staff_hours(conn, report) -> None:
    """Personale: the hour balances rebuilt from their rows. No balance is stored
    (models/staff_attendance.py): it is the sum of the day results computed from the punches
    and of the manual rows, so what can drift is the rows. Checked: an annulled punch or row
    has its reason; a punch has a direction and a time of the day; the riposi compensativi
    used in a school year do not exceed those earned (the services refuse it: a row changed
    outside them shows here)."""
    from ..domain.staff.times import format_duration
    from .verify_images import _table_names

    if "staff_punch" not in _table_names(conn):
        return
    names = {pid: f"{surname} {name}" for pid, surname, name in conn.execute(text(
        "SELECT id, surname, name FROM employee"))}
    for table, label in (("staff_punch", "Timbratura"), ("staff_hour_entry", "Movimento orario")):
        for rid, pid in conn.execute(text(
                f"SELECT id, employee_id FROM {table} WHERE annulled_on IS NOT NULL "
                "AND TRIM(annul_reason) = '' ORDER BY id")):
            report.add("personale", f"{label} {rid} di {names.get(pid, pid)}: annullata senza "
                                    "motivo")
    for rid, pid in conn.execute(text(
            "SELECT id, employee_id FROM staff_punch WHERE direction NOT IN ('E', 'U') "
            "OR minute < 0 OR minute >= 1440 ORDER BY id")):
        report.add("personale", f"Timbratura {rid} di {names.get(pid, pid)}: verso o ora non "
                                "validi")
    # The school year of a day: from 1 September (year of the day, or the one before);
    # summed here, since SQLite and PostgreSQL have no common function for a date's parts.
    totals: dict[tuple[int, int], int] = {}
    for pid, day, kind, minutes in conn.execute(text(
            "SELECT employee_id, day, kind, minutes FROM staff_hour_entry "
            "WHERE annulled_on IS NULL AND kind IN ('riposo', 'riposo_fruito')")):
        day = str(day)
        year = int(day[:4]) - (0 if int(day[5:7]) >= 9 else 1)
        sign = 1 if kind == "riposo" else -1
        totals[(pid, year)] = totals.get((pid, year), 0) + sign * int(minutes)
    for (pid, year), total in sorted(totals.items()):
        if int(total) < 0:
            report.add("personale", f"Riposi compensativi dell'a.s. {year}/"
                                    f"{(int(year) + 1) % 100:02d} di {names.get(pid, pid)}: "
                                    "fruiti oltre quelli maturati "
                                    f"({format_duration(-int(total))})")
