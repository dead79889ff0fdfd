"""Demo staff: DS, DSGA and ATA staff spread across the plessi."""
from __future__ import annotations

import random
import unicodedata
from datetime import date

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import unit_of_work
from ..domain.staff.profiles import ATA_ROLES
from ..domain.staff.registry import check_areas
from ..models.school import Site
from ..models.staff import Employee

# (surname, name, sex, role, site code, contract)
STAFF = [
    ("Colonna", "Maria Grazia", "F", "DS", "SEDE", "tempo indeterminato"),
    ("Ferri", "Alessandro", "M", "DSGA", "SEDE", "tempo indeterminato"),
    ("De Santis", "Paola", "F", "AA", "SEDE", "tempo indeterminato"),
    ("Marchetti", "Luca", "M", "AA", "SEDE", "tempo indeterminato"),
    ("Nowak", "Łucja", "F", "AA", "SEDE", "tempo indeterminato"),
    ("Russo", "Giovanna", "F", "AA", "SEDE", "tempo indeterminato"),
    ("D'Angelo", "Nicolò", "M", "AA", "SEDE", "tempo determinato"),
    ("Esposito", "Carmela", "F", "AA", "PRIM", "tempo indeterminato"),
    ("Dvořák", "Tomáš", "M", "AT", "SEDE", "tempo indeterminato"),
    ("Galli", "Federico", "M", "AT", "SEDE", "tempo indeterminato"),
    ("Rinaldi", "Simona", "F", "AT", "PRIM", "tempo determinato"),
    ("Popescu", "Ștefan", "M", "CS", "SEDE", "tempo indeterminato"),
    ("Bianchi", "Rosaria", "F", "CS", "SEDE", "tempo indeterminato"),
    ("Ricci", "Antonio", "M", "CS", "SEDE", "tempo indeterminato"),
    ("Lombardi", "Anna", "F", "CS", "SEDE", "tempo indeterminato"),
    ("Costa", "Fabrizio", "M", "CS", "SEDE", "tempo determinato"),
    ("Moretti", "Giuseppina", "F", "CS", "PRIM", "tempo indeterminato"),
    ("Barbieri", "Salvatore", "M", "CS", "PRIM", "tempo indeterminato"),
    ("Fontana", "Lucia", "F", "CS", "PRIM", "tempo indeterminato"),
    ("Țurcanu", "Elena", "F", "CS", "PRIM", "tempo determinato"),
    ("Santoro", "Vincenzo", "M", "CS", "INF", "tempo indeterminato"),
    ("Mariani", "Teresa", "F", "CS", "INF", "tempo indeterminato"),
    ("Caruso", "Domenica", "F", "CS", "INF", "tempo determinato"),
]

MONTHS = "ABCDEHLMPRST"
SURNAMES = ("Rossi", "Ferrari", "Romano", "Colombo", "Greco", "Conti", "Gallo", "Mancini",
            "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola")
NAMES_F = ("Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Martina", "Laura", "Elisa")
NAMES_M = ("Marco", "Andrea", "Matteo", "Davide", "Stefano", "Paolo", "Roberto", "Simone")


def _letters(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return "".join(c for c in plain if c.isalpha())


def _code(text: str, is_name: bool) -> str:
    letters = _letters(text)
    cons = [c for c in letters if c not in "AEIOU"]
    vows = [c for c in letters if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vows) + "XXX")[:3]


def demo_codice_fiscale(surname: str, name: str, sex: str, born: date) -> str:
    """A codice fiscale built with the official rules (valid check character)."""
    from stdnum.it import codicefiscale

    day = born.day + (40 if sex == "F" else 0)
    body = (f"{_code(surname, False)}{_code(name, True)}{born.year % 100:02d}"
            f"{MONTHS[born.month - 1]}{day:02d}L719")  # L719: Velletri
    return body + codicefiscale.calc_check_digit(body)


def generate_staff(db: Database, rng: random.Random, size: str) -> None:
    people = list(STAFF)
    if size == "large":  # supply staff of past years, for big-list benchmarks
        for _i in range(1500):
            sex = rng.choice("FM")
            name = rng.choice(NAMES_F if sex == "F" else NAMES_M)
            people.append((rng.choice(SURNAMES), name, sex, rng.choice(("AA", "CS", "CS", "AT")),
                           rng.choice(("SEDE", "PRIM", "INF")), "tempo determinato"))
    with unit_of_work(db, reason="Dati dimostrativi") as s:
        sites = dict(s.execute(select(Site.code, Site.id)).all())
        used = set()
        for surname, name, sex, role, site, contract in people:
            born = date(rng.randint(1962, 1996), rng.randint(1, 12), rng.randint(1, 28))
            cf = demo_codice_fiscale(surname, name, sex, born)
            if cf in used:
                continue
            used.add(cf)
            hired = date(rng.randint(2003, 2024), 9, 1)
            slug = _letters(name)[:1].lower() + "." + _letters(surname).lower()
            a2007, a2024 = check_areas(role, None, None) if role in ATA_ROLES else ("", "")
            s.add(Employee(surname=surname, name=name, codice_fiscale=cf, role=role,
                           contract=contract, site_id=sites.get(site),
                           email=f"{slug}@icrodari.edu.it", hired_on=hired,
                           area_2007=a2007, area_2024=a2024, service_since=hired,
                           active=len(used) <= len(STAFF)))
        s.commit()
    from .staff_agile import generate_agile
    from .staff_contracts import generate_contracts
    from .staff_emergency import generate_emergency
    from .staff_leave import generate_leave, generate_requests
    from .staff_plan import generate_staff_plan
    from .staff_roster import generate_roster

    generate_roster(db, ends=generate_contracts(db))
    generate_agile(db)        # the agreements of the demo's days of lavoro agile
    generate_staff_plan(db)   # the Piano delle attività of the a.s. 2026/27
    generate_emergency(db)    # organico Covid 2020/21, register of cleaning, training
    generate_leave(db)        # ferie and permessi of 2020/21 and of the current year
    generate_requests(db)     # requests of the current year in every state
    from .staff_attendance import generate_attendance

    generate_attendance(db)   # punches of the previous month and of this one
