"""Demo punches (issue 16 item 3): the previous month and the current one up to yesterday for
five ATA people, as the badge terminal records them: entries and exits a few minutes around
the roster's bands, no punch on a day of absence or holiday. A few anomalies to fix: a missing
exit, a late arrival beyond the tolerance, an exit without entry annulled with its reason;
extra hours on two afternoons, an hour of them turned into a riposo compensativo.

The same every run for a given today (a seeded random generator)."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session, unit_of_work
from ..domain.staff.attendance import add_months
from ..domain.staff.profiles import ATA_ROLES
from ..models.staff import Employee
from ..models.staff_attendance import StaffPunch
from ..queries.staff_attendance import _absences
from ..queries.staff_roster import effective_days

PEOPLE = 5


def generate_attendance(db: Database, today: date | None = None) -> None:
    today = today or date.today()
    rng = random.Random(16)
    y, m = add_months(today, -1)
    start, end = date(y, m, 1), today - timedelta(days=1)
    with read_session(db) as s:
        ids = list(s.scalars(select(Employee.id).where(
            Employee.active.is_(True), Employee.role.in_(ATA_ROLES))
            .order_by(Employee.surname, Employee.name)))
        cells = effective_days(s, ids, start, end)
        worked = [pid for pid in ids if sum(1 for (p, _d), c in cells.items()
                                            if p == pid and c.bands) >= 10][:PEOPLE]
        absent = {pid: _absences(s, pid, start, end) for pid in worked}
    if not worked:
        return
    punches: list[tuple[int, date, int, str, str]] = []
    days = sorted({d for (p, d), c in cells.items() if p in worked and c.bands})
    # The anomalies, on working days of the previous month (dates fixed by their position).
    late_day, missing_day, extra_day = (days[3], days[7], days[11]) if len(days) > 11 else (
        None, None, None)
    for n, pid in enumerate(worked):
        for day in days:
            cell = cells.get((pid, day))
            if cell is None or not cell.bands or cell.lavoro_agile:
                continue
            if any(a <= day <= b and minutes is None for a, b, minutes, _c, _l in absent[pid]):
                continue
            bands = [b for b in cell.bands if not b.is_overtime]
            if not bands:
                continue
            first, last = bands[0].start, bands[-1].end
            entry = first + rng.randint(-6, 4)
            leave = last + rng.randint(0, 8)
            if n == 1 and day == late_day:
                entry = first + 25                       # ritardo beyond the tolerance
            if n == 2 and day in (extra_day, days[12] if len(days) > 12 else None):
                leave = last + 120                       # two hours of extra work
            punches.append((pid, day, entry, "E", ""))
            for a, b in zip(bands, bands[1:]):
                punches.append((pid, day, a.end, "U", ""))
                punches.append((pid, day, b.start, "E", ""))
            if n == 0 and day == missing_day:
                continue                                 # the exit is missing
            punches.append((pid, day, leave, "U", ""))
            if n == 3 and day == late_day:
                punches.append((pid, day, leave + 2, "U", "doppia"))
    with unit_of_work(db, reason="Dati dimostrativi: timbrature") as s:
        batch = f"timbrature-{start:%Y-%m}.csv"
        for pid, day, minute, direction, note in punches:
            s.add(StaffPunch(employee_id=pid, day=day, minute=minute, direction=direction,
                             source="import", batch=batch,
                             annulled_on=day + timedelta(days=1) if note else None,
                             annul_reason="Timbratura doppia al terminale" if note else ""))
        s.commit()
    if extra_day is not None and len(worked) > 2:
        from ..domain.errors import ValidationError
        from ..services.staff.attendance import add_hour_entry

        try:
            add_hour_entry(db, worked[2], days[12] if len(days) > 12 else extra_day, "riposo",
                           60, "Ore eccedenti autorizzate, a riposo su richiesta")
        except ValidationError:
            pass            # not enough credit that day: no riposo in the demo
