"""Demo working time for the current school year: a weekly pattern for each ATA person (shifts
of the collaboratori, rientri, five days of 7 h 12, two assistenti with days of lavoro agile, a
summer pattern from July) and a few days set by hand in the current week: extra cleaning, a
presidio with its reason, and one day over 9 hours that the checks flag."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear
from ..models.staff import Employee
from ..services.staff.art55 import grant_art55
from ..services.staff.roster import (
    DayInput,
    PatternInput,
    save_pattern,
    set_opening_hours,
    set_roster_days,
)
from .days import is_office_day, office_day

SIX = {wd: "07:30-13:30" for wd in range(6)}
SIX_8 = {wd: "08:00-14:00" for wd in range(6)}
FIVE = {wd: "07:30-14:42" for wd in range(5)}
AFTERNOON = {**{wd: "12:30-18:30 pomeriggio" for wd in range(5)}, 5: "07:30-13:30"}
RIENTRI = {0: "07:30-13:30", 1: "07:30-13:30; 14:00-17:00 rientro", 2: "07:30-13:30",
           3: "07:30-13:30; 14:00-17:00 rientro", 4: "07:30-13:30"}      # 30 h + 2 × 3 h

# surname -> (weekly days, description, lavoro agile weekdays)
PATTERNS = {
    "Ferri": (FIVE, "Cinque giorni", ()),
    "De Santis": (FIVE, "Cinque giorni, lavoro agile il mercoledì", (2,)),
    "Marchetti": (SIX_8, "Sei giorni", ()),
    "Nowak": ({wd: "07:45-14:57" for wd in range(5)}, "Cinque giorni, lavoro agile il venerdì",
              (4,)),
    "Russo": (RIENTRI, "Mattina con due rientri", ()),
    "D'Angelo": (SIX_8, "Sei giorni", ()),
    "Esposito": (FIVE, "Cinque giorni", ()),
    "Dvořák": (SIX_8, "Laboratori, sei giorni", ()),
    "Galli": (SIX_8, "Laboratori, sei giorni", ()),
    "Rinaldi": ({wd: "08:00-15:12" for wd in range(5)}, "Cinque giorni", ()),
    "Popescu": (SIX, "Turno antimeridiano", ()),
    "Bianchi": (SIX, "Turno antimeridiano", ()),
    "Ricci": (AFTERNOON, "Turno pomeridiano", ()),
    # 35 hours under art. 55 (ART55 below): Saturday one hour shorter
    "Lombardi": ({**AFTERNOON, 5: "07:30-12:30"}, "Turno pomeridiano, 35 ore (art. 55)", ()),
    "Costa": ({wd: "10:00-17:12" for wd in range(5)}, "Turno intermedio", ()),
    "Moretti": (SIX, "Turno antimeridiano", ()),
    "Barbieri": ({**{wd: "11:00-17:00 pomeriggio" for wd in range(5)}, 5: "08:00-14:00"},
                 "Turno pomeridiano", ()),
    "Fontana": ({0: "07:30-13:30", 2: "07:30-13:30", 4: "07:30-13:30"},
                "Part-time al 50 %: lunedì, mercoledì e venerdì", ()),
    "Țurcanu": (SIX_8, "Sei giorni", ()),
    "Santoro": (SIX, "Turno antimeridiano", ()),
    "Mariani": ({wd: "10:30-16:30" for wd in range(6)}, "Turno intermedio", ()),
    "Caruso": ({wd: "08:00-15:12" for wd in range(5)}, "Cinque giorni", ()),
}
# The sede is open 07:30-18:30 from Monday to Friday, more than 10 hours on 5 days: the
# collaboratrice on the afternoon shift works 35 hours (art. 55 CCNL 29/11/2007).
ART55 = {"Lombardi": ({"apertura_oltre_10_ore"}, {"turni"})}
SUMMER_SIX = {wd: "07:30-13:30" for wd in range(6)}
SUMMER_FIVE = {wd: "07:30-14:42" for wd in range(5)}


def generate_roster(db: Database, today: date | None = None,
                    ends: dict[str, date | None] | None = None) -> None:
    """``ends``: per surname the end of the contract in force: no pattern after it (an
    ex-LSU collaboratore gets the weeks of the month extended so far)."""
    today = today or date.today()
    ends = ends or {}
    year = SchoolYear.of(today)
    june = date(year.start.year + 1, 6, 30)
    with read_session(db) as s:
        people = {r.surname: (r.id, r.role) for r in s.execute(
            select(Employee.surname, Employee.id, Employee.role)
            .where(Employee.active.is_(True), Employee.role != "DS"))}
    for surname, (days, name, agile) in PATTERNS.items():
        if surname not in people:
            continue
        pid, role = people[surname]
        until = min(ends.get(surname) or year.end, year.end)
        if surname in ART55:
            school_cond, staff_cond = ART55[surname]
            grant_art55(db, pid, valid_from=year.start, valid_to=min(june, until),
                        school_conditions=school_cond, staff_conditions=staff_cond,
                        decided_on=office_day(year.start, not_after=today),
                        reference=f"Piano delle attività e contrattazione d'istituto, a.s. "
                                  f"{year.label}")
        save_pattern(db, pid, PatternInput(year.start, min(june, until), days, name=name,
                                           agile_weekdays=frozenset(agile)))
        if until > june:    # July and August: summer hours, mornings only, no lavoro agile
            summer = dict(days) if len(days) < 5 else (SUMMER_SIX if role == "CS"
                                                       else SUMMER_FIVE)
            save_pattern(db, pid, PatternInput(june + timedelta(days=1), until, summer,
                                               name="Orario estivo"))
    # opening hours of the plessi: the sede until 18:30 (evening courses and the office), the
    # primaria with the tempo pieno until 16:30, the infanzia closed on Saturday
    for code, weekdays, saturday in (("SEDE", "07:30-18:30", "07:30-13:30"),
                                     ("PRIM", "07:30-16:30", "07:30-13:30"),
                                     ("INF", "07:30-16:30", "")):
        set_opening_hours(db, year.start.year, code,
                          {**{wd: weekdays for wd in range(5)}, 5: saturday})
    monday = today - timedelta(days=today.weekday())
    if not (year.start <= monday and monday + timedelta(days=6) <= june):
        return
    hand = [
        # the Wednesday morning of a pomeridiano spent on extra cleaning of the gym
        ("Ricci", 2, DayInput("07:30-13:30", kind="pulizia",
                              note="Sanificazione della palestra")),
        # a presidio at the sede for the Consiglio d'istituto, in place of the morning
        ("Santoro", 3, DayInput("14:30-20:30 presidio", plesso="SEDE",
                                note="Seduta del Consiglio d'istituto")),
        # a mistake left for the checks to show: 6 h + 3 h 30 = 9 h 30 on one day
        ("Popescu", 1, DayInput("07:30-13:30; 14:00-17:30 straordinario",
                                note="Riunione scuola-famiglia")),
    ]
    for surname, wd, data in hand:
        day = monday + timedelta(days=wd)
        if surname in people and is_office_day(day) and not (ends.get(surname) or year.end) < day:
            set_roster_days(db, [(people[surname][0], day)], data)
