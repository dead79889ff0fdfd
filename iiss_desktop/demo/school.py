"""Demo school, plessi, rooms and calendar."""
from __future__ import annotations

import random
from datetime import date

from ..db.engine import Database
from ..services.school import save_calendar_day, save_room, save_school, save_site, seed_calendar

SCHOOL = {
    "denominazione": "Istituto Comprensivo «Gianni Rodari»",
    "codice_meccanografico": "RMIC86400X",
    "codice_fiscale": "97123450583",
    "codice_univoco": "UFA7QZ",
    "indirizzo": "Via dei Glicini, 12",
    "cap": "00049",
    "comune": "Velletri",
    "provincia": "RM",
    "telefono": "06 9630 1234",
    "email": "rmic86400x@istruzione.it",
    "pec": "rmic86400x@pec.istruzione.it",
    "dirigente": "Prof.ssa Maria Grazia Colonna",
    "dsga": "Dott. Alessandro Ferri",
}

SITES = [
    ({"code": "SEDE", "name": "Scuola secondaria di I grado «Gianni Rodari»",
      "kind": "Secondaria di I grado", "codice_meccanografico": "RMMM86401Y",
      "indirizzo": "Via dei Glicini, 12", "comune": "Velletri", "is_main": True},
     [("Presidenza", "1", "ufficio"), ("Ufficio DSGA", "1", "ufficio"),
      ("Segreteria del personale", "1", "ufficio"), ("Segreteria didattica", "1", "ufficio"),
      ("Archivio", "S1", "archivio"), ("Magazzino", "S1", "magazzino"),
      ("Laboratorio di informatica", "2", "laboratorio"),
      ("Laboratorio di scienze", "2", "laboratorio"), ("Aula di musica", "2", "aula"),
      ("Biblioteca", "T", "biblioteca"), ("Aula magna", "T", "aula"), ("Palestra", "T", "palestra")]
     + [(f"Aula {c}{s}", "1" if c == 1 else "2", "aula") for c in (1, 2, 3) for s in "ABC"]),
    ({"code": "PRIM", "name": "Scuola primaria «Carlo Collodi»", "kind": "Primaria",
      "codice_meccanografico": "RMEE86402Z", "indirizzo": "Piazza Cairoli, 4",
      "comune": "Velletri"},
     [("Ufficio di plesso", "T", "ufficio"), ("Laboratorio di informatica", "1", "laboratorio"),
      ("Mensa", "T", "mensa"), ("Palestra", "T", "palestra"), ("Magazzino", "T", "magazzino")]
     + [(f"Aula {c}{s}", "T" if c <= 2 else "1", "aula") for c in range(1, 6) for s in "AB"]),
    ({"code": "INF", "name": "Scuola dell'infanzia «Il Girasole»", "kind": "Infanzia",
      "codice_meccanografico": "RMAA86403T", "indirizzo": "Via Lata, 211",
      "comune": "Velletri"},
     [("Sezione A", "T", "aula"), ("Sezione B", "T", "aula"), ("Sezione C", "T", "aula"),
      ("Salone", "T", "salone"), ("Mensa", "T", "mensa"), ("Magazzino", "T", "magazzino")]),
]


def generate_school(db: Database, rng: random.Random, size: str) -> None:
    from ..paths import resource_path

    save_school(db, SCHOOL, logo_png=resource_path("report_assets", "demo_logo.png").read_bytes())
    for site_values, rooms in SITES:
        site_id = save_site(db, site_values)
        for name, floor, kind in rooms:
            save_room(db, {"site_id": site_id, "name": name, "floor": floor, "kind": kind})
        if size == "large":
            for n in range(1, 41):
                save_room(db, {"site_id": site_id, "name": f"Aula aggiuntiva {n:02d}",
                               "floor": str(n % 3), "kind": "aula"})
    today = date.today()
    for year in sorted({today.year - 1, today.year, today.year + 1}):
        seed_calendar(db, year)
        # Velletri's patron, San Clemente (23 November): not a provincial capital, so the
        # office adds it by hand, as the real office would.
        save_calendar_day(db, date(year, 11, 23), "patrono", "San Clemente, patrono di Velletri")
        save_calendar_day(db, date(year, 12, 24), "chiusura", "Chiusura prefestiva degli uffici")
        save_calendar_day(db, date(year, 8, 14), "chiusura", "Chiusura prefestiva degli uffici")
    from .users import generate_staff_users

    generate_staff_users(db)   # the other roles, some limited to the plesso where they work
