"""A small office for the Piano delle attività tests: two plessi, two collaboratori and a
draft of the a.s. 2026/27 with one section, the dotazione and the assignments."""
from __future__ import annotations

from datetime import date

from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.services import school
from iiss_desktop.services.staff import plan, registry

DRAFTED = date(2026, 9, 15)


def make_office(db) -> tuple[int, int]:
    """Plessi SEDE and INF and two collaboratori: (Rossi id, Bianchi id)."""
    sede = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    school.save_site(db, {"code": "INF", "name": "Infanzia «Il Girasole»"})
    people = []
    for surname, name, sex in (("Rossi", "Maria", "F"), ("Bianchi", "Luca", "M")):
        cf = demo_codice_fiscale(surname, name, sex, date(1975, 4, 3))
        people.append(registry.save_person(db, {"surname": surname, "name": name,
                                                "codice_fiscale": cf, "role": "CS",
                                                "site_id": sede}))
    return people[0], people[1]


def draft_plan(db, office: tuple[int, int]) -> int:
    """Version 1 in bozza: the «orario» section, 2 CS posts at SEDE and 1 at INF, Rossi on
    the ground floor of SEDE and Bianchi at INF."""
    rossi, bianchi = office
    plan_id = plan.create_plan(db, 2026, drafted_on=DRAFTED)
    plan.save_section(db, plan_id, "orario", "Orario ordinario 7.30-14.42 dal lunedì al venerdì.")
    plan.set_staffing(db, plan_id, [
        {"profile": "CS", "site_code": "SEDE", "posts": 2, "need_note": "Due piani, palestra"},
        {"profile": "CS", "site_code": "INF", "posts": 1}])
    plan.set_assignments(db, plan_id, [
        {"employee_id": rossi, "place_kind": "piano", "place": "Piano terra",
         "site_code": "SEDE", "duties": "Vigilanza all'ingresso"},
        {"employee_id": bianchi, "place_kind": "plesso", "place": "", "site_code": "INF"}])
    return plan_id
