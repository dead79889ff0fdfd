"""Demo emergency staffing (issue 14 item 7): the organico Covid budget of the a.s. 2020/21
(the USR's assignment and a later integration, the daily cost of each profile typed from
NoiPA's figures), the Covid contracts it paid and a supplenza on a Covid post, all within the
budget; the register of cleaning of the last three weeks in the three plessi, filled by
their collaboratori; the training of the current school year (the course on hygiene and
prevention for every collaboratore, the safety update for the others) and the Covid course of
2020/21 for the organico Covid.

Figures (worked out by hand, domain/staff/covid_budget.py): Țurcanu (CS) 14/9/2020-9/6/2021
269 days × 56,48 = 15.193,12; D'Angelo (AA) 1/10/2020-9/6/2021 252 × 62,90 = 15.850,80;
Costa (CS, 50 %) 269 × 56,48 × 50 % = 7.596,56; Caruso's supplenza for Țurcanu 11/1-29/1/2021
19 × 56,48 = 1.073,12. Total 39.713,60 of 42.000,00: residual 2.286,40.

Its own seeded random generator: the shared one is left as the other areas expect it."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear
from ..models.school import CalendarDay, Room, Site
from ..models.staff import Employee, StaffContract
from ..services.staff import cleaning, emergency, registry, training
from .days import is_office_day
from .users import acting_as

SEED = 20200914
RATES_2020 = {"CS": Decimal("56.48"), "AA": Decimal("62.90"), "AT": Decimal("62.90")}
RATE_SOURCE = "Nota USR per il Lazio prot. AOODRLA 37502 del 14/12/2020 (importi NoiPA)"
BUDGET_2020 = (
    ("assegnazione", Decimal("36000.00"), "AOODRLA 24810", date(2020, 9, 3),
     "Risorse dell'art. 231-bis DL 34/2020 (DD.MM. 95 e 109/2020): contratti del personale "
     "ATA aggiuntivo fino al termine delle lezioni"),
    ("integrazione", Decimal("6000.00"), "AOODRLA 37502", date(2020, 12, 14),
     "Importi rideterminati sui dati NoiPA e risorse per le sostituzioni del personale "
     "contrattualizzato Covid"),
)
# surname -> (kind, start, end, part-time %, note): the 2020/21 contracts added here
# (Țurcanu's Covid contract is in demo/staff_contracts.py)
CONTRACTS_2020 = {
    "D'Angelo": ("covid", date(2020, 10, 1), date(2021, 6, 9), 100,
                 "Organico aggiuntivo Covid-19: supporto alla segreteria didattica"),
    "Costa": ("covid", date(2020, 9, 14), date(2021, 6, 9), 50,
              "Organico aggiuntivo Covid-19, part-time al 50 %"),
    "Caruso": ("supplenza_breve", date(2021, 1, 11), date(2021, 1, 29), 100,
               "Supplenza su posto Covid: sostituzione di Țurcanu, assente dal 4/1/2021"),
}

# The cleaning of each plesso: (morning people, afternoon people); the rooms by name.
CLEANERS = {"SEDE": (("Popescu", "Bianchi"), ("Ricci", "Lombardi", "Costa")),
            "PRIM": (("Moretti", "Țurcanu", "Fontana"), ("Barbieri",)),
            "INF": (("Santoro", "Caruso"), ("Mariani",))}
PART_TIME_DAYS = {"Fontana": {0, 2, 4}}       # 50 %: Monday, Wednesday, Friday
AIRED = {"SEDE": ("Aula 1A", "Aula 1B", "Aula 2A", "Aula 2C", "Aula 3B", "Biblioteca"),
         "PRIM": ("Aula 1A", "Aula 2B", "Aula 3A", "Aula 4B", "Aula 5A"),
         "INF": ("Sezione A", "Sezione B", "Sezione C")}
TOILETS = ("Servizi igienici piano terra", "Servizi igienici primo piano")
SWEPT = {"SEDE": ("Laboratorio di informatica", "Laboratorio di scienze", "Aula magna",
                  "Aula di musica"),
         "PRIM": ("Laboratorio di informatica", "Aula 1B", "Aula 3B"),
         "INF": ("Salone",)}
BIG_ROOM = {"SEDE": "Palestra", "PRIM": "Palestra", "INF": "Salone"}
DISINFECTANT = "Detergente disinfettante a base di cloro attivo 0,1 %"
PEROXIDE = "Perossido di idrogeno 0,5 % (PMC)"
NEUTRAL = "Detergente neutro"
CLEANING_DAYS = 15      # the office days before today with entries


def _people(db) -> dict[str, tuple[int, str, int | None]]:
    with read_session(db) as s:
        return {r.surname: (r.id, r.role, r.site_id) for r in s.execute(
            select(Employee.surname, Employee.id, Employee.role, Employee.site_id)
            .where(Employee.active.is_(True)))}


def generate_covid_budget(db: Database) -> None:
    people = _people(db)
    contracts = {}
    for surname, (kind, start, end, pct, note) in CONTRACTS_2020.items():
        if surname in people:
            contracts[surname] = registry.add_contract(
                db, people[surname][0], kind=kind, starts_on=start, ends_on=end,
                part_time_percent=pct, note=note)
    for profile, cost in RATES_2020.items():
        emergency.set_daily_cost(db, 2020, profile, cost, RATE_SOURCE)
    for kind, amount, number, day, text in BUDGET_2020:
        emergency.add_budget_row(db, 2020, kind=kind, amount=amount, note_number=number,
                                 note_date=day, description=text)
    if "Caruso" in contracts and "Țurcanu" in people:
        from ..queries.staff_emergency import covid_substitution_choices

        covid, _subs = covid_substitution_choices(db, 2020)
        absent = next(c.id for c in covid if c.text.startswith("Țurcanu"))
        emergency.charge_substitution(db, contracts["Caruso"], absent,
                                      note="Assenza per quarantena dal 4/1/2021")


def _school_days(db, today: date, count: int) -> list[date]:
    """The last ``count`` days before today the plessi were open: no Sunday, holiday,
    patron day or closure of the school calendar."""
    with read_session(db) as s:
        closed = set(s.execute(select(CalendarDay.day)).scalars())
    days, day = [], today - timedelta(days=1)
    while len(days) < count and day > today - timedelta(days=90):
        if is_office_day(day) and day not in closed:
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)


def _entries(code: str, day: date, people, rooms, rng: random.Random) -> list[dict]:
    morning, afternoon = CLEANERS[code]

    def present(names):
        return [n for n in names if n in people
                and day.weekday() in PART_TIME_DAYS.get(n, set(range(6)))]

    am, pm = present(morning), present(afternoon)
    out = []

    def add(who, minutes, action, room, product="", note=""):
        values = {"employee_id": people[who][0], "day": day,
                  "time": f"{minutes // 60:02d}:{minutes % 60:02d}", "action": action,
                  "product": product, "note": note, "room_id": rooms.get(room),
                  "place": "" if room in rooms else room}
        out.append(values)

    if am:
        add(rng.choice(am), 8 * 60 + rng.choice((0, 10, 20)), "aerazione",
            rng.choice(AIRED[code]))
        add(rng.choice(am), 10 * 60 + rng.choice((15, 30, 45)), "igienizzazione",
            TOILETS[0] if code == "INF" else rng.choice(TOILETS), DISINFECTANT)
    if day.weekday() == 5:           # Saturday: the morning only
        return out
    if pm:
        add(rng.choice(pm), 14 * 60 + rng.choice((0, 20, 40)), "pulizia_ordinaria",
            rng.choice(SWEPT[code]), NEUTRAL)
        if day.weekday() == 4:
            add(rng.choice(pm), 16 * 60 + 30, "sanificazione", BIG_ROOM[code], PEROXIDE)
    if code in ("PRIM", "INF") and (am or pm) and "Mensa" in rooms:
        add(rng.choice(pm or am), 13 * 60 + 45, "pulizia_approfondita", "Mensa",
            "Sgrassatore per superfici a contatto con alimenti")
    return out


def generate_cleaning_log(db: Database, today: date, rng: random.Random) -> None:
    people = _people(db)
    with read_session(db) as s:
        sites = dict(s.execute(select(Site.code, Site.id)).all())
        rooms = {}
        for site_id, room_id, name in s.execute(select(Room.site_id, Room.id, Room.name)):
            rooms.setdefault(site_id, {})[name] = room_id
    days = _school_days(db, today, CLEANING_DAYS)
    for code in ("SEDE", "PRIM", "INF"):
        if code not in sites:
            continue
        site_rooms = rooms.get(sites[code], {})
        for n, day in enumerate(days):
            if code == "INF" and day.weekday() == 5:
                continue                 # the infanzia is closed on Saturday
            entries = _entries(code, day, people, site_rooms, rng)
            if code == "SEDE" and n == len(days) // 2 and day.weekday() < 5:
                entries.append({"employee_id": people["Ricci"][0], "day": day,
                                "time": "15:10", "action": "sanificazione_straordinaria",
                                "room_id": site_rooms.get("Aula 2B"), "place": "",
                                "product": PEROXIDE,
                                "note": "Caso sospetto di malattia infettiva segnalato dal "
                                        "referente: aula sanificata prima del rientro"})
            for values in entries:
                values["site_id"] = sites[code]
                if code == "SEDE":       # the collaboratore records the sede's own work
                    with acting_as(db, "collaboratore"):
                        cleaning.record_cleaning(db, values)
                else:
                    cleaning.record_cleaning(db, values)


def _course_day(start: date, offset: int, today: date) -> date | None:
    """A weekday from Monday to Friday ``offset`` days after ``start``, before today."""
    day = start + timedelta(days=offset)
    while day.weekday() > 4 or not is_office_day(day):
        day += timedelta(days=1)
    return day if day < today else None


def generate_training(db: Database, today: date) -> None:
    people = _people(db)
    year = SchoolYear.of(today)
    hygiene = _course_day(year.start, 15, today) or _course_day(
        SchoolYear(year.start_year - 1).start, 15, today)
    safety = _course_day(year.start, 35, today) or _course_day(
        SchoolYear(year.start_year - 1).start, 35, today)
    # Somebody hired in the year after the course takes it a week after starting (or not
    # yet).
    with read_session(db) as s:
        started = {pid: start for pid, start in s.execute(
            select(StaffContract.employee_id, func.min(StaffContract.starts_on))
            .where(StaffContract.annulled_on.is_(None), StaffContract.starts_on >= year.start,
                   StaffContract.starts_on <= today)
            .group_by(StaffContract.employee_id))}
    n = 0
    for _surname, (pid, role, _site) in sorted(people.items()):
        if role == "DS":
            continue
        course_day = hygiene if role == "CS" else safety
        start = started.get(pid)
        if start is not None and course_day is not None and start >= course_day:
            course_day = _course_day(start, 7, today)
        if course_day is None:
            continue
        n += 1
        if role == "CS":
            training.add_training(
                db, pid, course="Igiene degli ambienti, prevenzione delle infezioni e uso "
                                 "sicuro dei prodotti di sanificazione",
                kind="emergenza_igiene", hours="3", day=course_day,
                provider="RSPP dell'istituto con il medico competente",
                certificate=f"Attestato n. {n}/{course_day.year}")
        else:
            training.add_training(
                db, pid, course="Aggiornamento quinquennale della formazione dei lavoratori",
                kind="sicurezza_aggiornamento", hours="6", day=course_day,
                provider="Rete di scuole dell'ambito 16 per la sicurezza",
                certificate=f"Attestato n. {n}/{course_day.year}")
    for surname in ("Țurcanu", "Costa", "D'Angelo"):     # the organico Covid of 2020/21
        if surname in people:
            training.add_training(
                db, people[surname][0], course="Formazione del personale dell'organico "
                                               "aggiuntivo Covid-19: protocollo di sicurezza",
                kind="emergenza_igiene", hours="2", day=date(2020, 10, 7),
                provider="RSPP dell'istituto", certificate="Registro presenze 2020/21")


def generate_emergency(db: Database, today: date | None = None) -> None:
    today = today or date.today()
    rng = random.Random(SEED)
    generate_covid_budget(db)
    generate_cleaning_log(db, today, rng)
    generate_training(db, today)
    from .staff_health import generate_fragile

    generate_fragile(db)      # one fragile worker of 2020/21 (art. 15 DL 41/2021)
