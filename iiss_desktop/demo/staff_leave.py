"""Demo leave ledger (issue 16 items 1-2): the ferie, festività soppresse and permessi of the
a.s. 2020/21 allocated to the ATA staff in service then, a few uses (summer ferie, a permesso,
a permesso breve, a Covid vaccination and a quarantine), the residual ferie of two people
carried to 2021/22; and the current school year allocated to everyone, with the Christmas ferie
of the DSGA on his five-day week (1,2 a day) and a few days of others.

Figures by hand: Russo (AA), in service since 2009, whole 2020/21: 32 days; 2/8-21/8/2021
Monday-Saturday (no pattern recorded for 2020/21: six days [U]) = 18 days, 14 carried to
2021/22. In the current year Fontana, vertical part-time 50 % (Mon, Wed, Fri), in service since
2020 (30 days until three years are complete, then 32): 32 × 3/6 = 16 days; Ferri (DSGA) on
five days: 28-31/12 = 4 × 1,2 = 4,80 of his 32 days.

Requests of the current year in every state (item 4): two waiting for a decision, one
approved (its absence and use written), one refused with the reason, one approved then
withdrawn (the absence annulled, the use given back by a rettifica). The three days of lutto of
Ricci, a collaboratore (no supplente before the 8th day, L. 190/2014 art. 1 c.332), are
covered on the first day by the colleague of her plesso with the most ore eccedenti left
(item 5).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear
from ..domain.errors import ValidationError
from ..domain.staff.profiles import ATA_ROLES
from ..models.staff import Employee
from ..queries.staff_cover import absence_substitution
from ..queries.staff_leave import absence_requests as absence_requests_query
from ..services.staff import absence_requests, cover, leave
from .days import is_office_day, office_day, office_day_before

# surname -> (cause, first day, last day, minutes) in 2020/21
USES_2020 = (
    ("Russo", "ferie", date(2021, 8, 2), date(2021, 8, 21), None),
    ("De Santis", "ferie", date(2021, 7, 12), date(2021, 7, 24), None),
    ("De Santis", "permesso_personale", date(2021, 5, 3), date(2021, 5, 3), None),
    ("Marchetti", "permesso_breve", date(2021, 3, 15), date(2021, 3, 15), 120),
    ("Bianchi", "vaccino_covid", date(2021, 4, 13), date(2021, 4, 13), None),
    ("Bianchi", "ferie", date(2021, 7, 26), date(2021, 8, 13), None),
    ("Țurcanu", "quarantena_covid", date(2020, 11, 9), date(2020, 11, 18), None),
    ("Moretti", "ferie", date(2021, 7, 5), date(2021, 7, 31), None),
)
CARRIED_2020 = ("Russo", "De Santis")


def _uses_now(year: SchoolYear, today: date):
    """The current school year: Christmas ferie of the DSGA (Monday 28 - Thursday 31/12, five
    days a week: 4 × 1,2 = 4,80), the ponte of an assistente, Fontana's days on her pattern."""
    y = year.start_year
    return (
        ("Ferri", "ferie", date(y, 12, 28), date(y, 12, 31), None),
        ("Marchetti", "ferie", date(y, 11, 2), date(y, 11, 3), None),
        ("Fontana", "ferie", date(y, 12, 21), date(y, 12, 23), None),
        ("Russo", "permesso_personale_ore", date(y, 11, 12), date(y, 11, 12), 180),
        ("Bianchi", "malattia", date(y, 11, 16), date(y, 11, 20), None),
    )


def generate_leave(db: Database, today: date | None = None) -> None:
    today = today or date.today()
    current = SchoolYear.of(today)
    with read_session(db) as s:
        people = {r.surname: r.id for r in s.execute(
            select(Employee.surname, Employee.id).where(Employee.active.is_(True),
                                                        Employee.role.in_(ATA_ROLES)))}
    for year, uses in ((SchoolYear(2020), USES_2020), (current, _uses_now(current, today))):
        if year.start_year > current.start_year:
            continue
        on = office_day(year.start)
        for _surname, pid in sorted(people.items()):
            try:
                leave.allocate_year(db, pid, year.start_year, on=on)
            except ValidationError:      # no contract in that year
                continue
        for surname, cause, start, end, minutes in uses:
            if surname in people and is_office_day(start):
                leave.record_absence(db, people[surname], cause, start, end, minutes=minutes,
                                     document_ref="Prot. interno" if cause == "ferie" else "")
    if current.start_year > 2021:
        for surname in CARRIED_2020:
            if surname in people:
                leave.carry_over(db, people[surname], 2020, on=date(2021, 9, 1))


def _requests_now(year: SchoolYear):
    """(surname, cause, first day, last day, minutes, what happens to it, reason)."""
    y = year.start_year
    return (
        ("Russo", "ferie", date(y + 1, 4, 7), date(y + 1, 4, 9), None, "richiesta", ""),
        ("De Santis", "permesso_breve", date(y, 12, 15), date(y, 12, 15), 120, "richiesta",
         ""),
        ("Marchetti", "ferie", date(y, 12, 22), date(y, 12, 23), None, "approvata", ""),
        ("Ricci", "lutto", date(y, 12, 1), date(y, 12, 3), None, "approvata", ""),
        ("Bianchi", "ferie", date(y, 12, 9), date(y, 12, 11), None, "rifiutata",
         "Esigenze di servizio: scrutini del primo periodo"),
        ("Moretti", "ferie", date(y + 1, 2, 15), date(y + 1, 2, 17), None, "annullata",
         "Ritirata dal dipendente"),
    )


def generate_requests(db: Database, today: date | None = None) -> None:
    today = today or date.today()
    current = SchoolYear.of(today)
    with read_session(db) as s:
        people = {r.surname: r.id for r in s.execute(
            select(Employee.surname, Employee.id).where(Employee.active.is_(True),
                                                        Employee.role.in_(ATA_ROLES)))}
    for surname, cause, start, end, minutes, fate, reason in _requests_now(current):
        if surname not in people:
            continue
        # asked and decided on the office's last working day up to the start (never a
        # Sunday or a holiday, even when the demo is built on one)
        on = office_day_before(min(today, start))
        try:
            rid = absence_requests.record_request(
                db, people[surname], cause, start, end, minutes=minutes, requested_on=on)
        except ValidationError:          # not a working day of the person this year
            continue
        if fate in ("approvata", "annullata"):
            absence_requests.approve_request(db, rid, on=on)
        if fate == "rifiutata":
            absence_requests.refuse_request(db, rid, reason, on=on)
        elif fate == "annullata":
            absence_requests.cancel_request(db, rid, reason, on=on)
        elif fate == "approvata" and cause == "lutto":
            _cover_first_day(db, rid)


def _cover_first_day(db: Database, request_id: int) -> None:
    """2 hours of ore eccedenti on the first day of the absence, by the first colleague of the
    proposal (the most hours left that day)."""
    absence = next(r.absence_id for r in absence_requests_query(db) if r.id == request_id)
    sub = absence_substitution(db, absence)
    if sub.proposal and sub.proposal[0].available >= 120:
        cover.record_cover(db, absence, sub.day, sub.proposal[0].person_id, 120,
                           note="Sorveglianza e pulizia del piano")
