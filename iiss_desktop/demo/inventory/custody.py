"""Demo custody: the DSGA consegnatario, a sostituto, a sub-consegnatario for each plesso
other than the main one, two affidamenti of laboratory goods (one returned), a move between
plessi for the prospetto, and the maintenance log of some computers. Deterministic."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from ...db.engine import Database
from ...db.uow import read_session
from ...domain.inventory import states
from ...models.core import RegisterEntry
from ...models.inventory import InventoryItem
from ...models.school import Room, Site
from ...models.staff import Employee
from ...queries.school import get_heading
from ...services.inventory.custody import add_maintenance, appoint, assign, riconsegna
from ..users import acting_as

# Teachers are not in the staff table: named by hand (plesso code, name).
SUB_CONSEGNATARI = {"PRIM": "Ins. Patrizia Valentini", "INF": "Ins. Rita Colasanti"}


def _goods(s, prefix: str, site: str, room: str) -> list[int]:
    return [i for i, text in s.execute(
        select(InventoryItem.id, RegisterEntry.description)
        .join(RegisterEntry, RegisterEntry.id == InventoryItem.entry_id)
        .join(Room, Room.id == InventoryItem.room_id).join(Site, Site.id == Room.site_id)
        .where(InventoryItem.status == states.IN_USE, Site.code == site, Room.name == room)
        .order_by(InventoryItem.register, InventoryItem.number)) if text.startswith(prefix)]


def generate_custody(db: Database, today: date) -> None:
    with read_session(db) as s:
        staff = {(e.surname, e.role): e.id for e in s.execute(select(Employee)).scalars()}
        sites = dict(s.execute(select(Site.code, Site.id)).all())
        rooms = {(code, name): rid for code, name, rid in s.execute(
            select(Site.code, Room.name, Room.id).join(Site, Site.id == Room.site_id))}
        laptops = _goods(s, "Personal computer", "SEDE", "Laboratorio di informatica")
        microscopes = _goods(s, "Microscopio", "SEDE", "Laboratorio di scienze")
        notebooks = _goods(s, "Notebook", "SEDE", "Segreteria didattica")
    # The previous DSGA held the goods until 31 August two years ago; the current one from
    # the next day (the passaggio di consegne of demo/inventory/handover.py).
    from .handover import PREVIOUS_DSGA

    dsga = get_heading(db).dsga
    with acting_as(db):     # appointments are the dirigente's (art. 30)
        appoint(db, role="consegnatario", person_name=PREVIOUS_DSGA,
                started_on=date(today.year - 6, 9, 1),
                notes="DSGA titolare: consegnatario dei beni (art. 30 c.1).")
        appoint(db, role="consegnatario", person_name=dsga,
                employee_id=staff.get(("Ferri", "DSGA")), started_on=date(today.year - 2, 9, 1),
                notes="DSGA titolare: consegnatario dei beni (art. 30 c.1).")
        appoint(db, role="sostituto", employee_id=staff.get(("De Santis", "AA")),
                decree_number="2417", decree_date=date(today.year - 1, 9, 2),
                started_on=date(today.year - 1, 9, 2),
                notes="Per le assenze e gli impedimenti temporanei del DSGA.")
        for k, (code, name) in enumerate(SUB_CONSEGNATARI.items()):
            appoint(db, role="sub_consegnatario", person_name=name, site_id=sites[code],
                    decree_number=str(2418 + k), decree_date=date(today.year - 1, 9, 2),
                    started_on=date(today.year - 1, 9, 4))

    # Art. 35: the microscopes to the director of the science lab (returned at the end of
    # the year), five laptops to the lab's assistente tecnico (still entrusted). The DSGA
    # entrusts them, on the dirigente's written indication cited in each verbale.
    first = date(today.year - 1, 9, 20)
    scienze = assign(db, item_ids=microscopes[:4], assignee_name="Prof.ssa Giulia Serra",
                     assignee_role="direttore_laboratorio",
                     room_id=rooms[("SEDE", "Laboratorio di scienze")], started_on=first,
                     ds_indication=f"nota del DS prot. n. 3120 del 15/09/{first.year}")
    assign(db, item_ids=laptops[:5], assignee_name="",
           employee_id=staff.get(("Dvořák", "AT")), assignee_role="assistente_tecnico",
           room_id=rooms[("SEDE", "Laboratorio di informatica")],
           started_on=first + timedelta(days=10),
           ds_indication=f"nota del DS prot. n. 3188 del 25/09/{first.year}")
    # The riconsegna is to the DSGA, the demo's own user.
    riconsegna(db, assignment_id=scienze.assignment_id,
               returned_on=date(today.year - 1, 12, 20),
               condition_back={microscopes[0]: "buono", microscopes[1]: "buono",
                               microscopes[2]: "discreto", microscopes[3]: "buono"},
               notes="Un microscopio con la manopola del fuoco micrometrico dura.")

    # A move between plessi this year, so that the prospetti have a variation to show.
    from ...services.inventory.movements import move_item

    with read_session(db) as s:
        keyboard = _goods(s, "Tastiera musicale", "SEDE", "Aula di musica")
    if keyboard:
        move_item(db, item_id=keyboard[0], to_room_id=rooms[("PRIM", "Aula 5A")],
                  moved_on=min(date(today.year, 1, 20), today),
                  reason="Laboratorio musicale della primaria")

    # Maintenance of computers.
    plan = [
        (laptops[0], date(today.year - 2, 11, 8), "riparazione",
         "Sostituzione del disco con SSD 512 GB dopo un guasto", "Informatica Srl",
         Decimal("89.00"), date(today.year, 11, 8)),
        (laptops[0], date(today.year - 1, 9, 5), "aggiornamento",
         "Aggiornamento del sistema operativo e del software didattico", "Tomáš Dvořák",
         None, None),
        (laptops[1], date(today.year - 1, 2, 14), "manutenzione",
         "Pulizia interna, pasta termica, controllo della batteria", "Tomáš Dvořák",
         None, None),
        (laptops[2], date(today.year - 1, 10, 3), "verifica_sicurezza",
         "Verifica dell'alimentatore e del cavo (CEI 62-5): esito regolare",
         "Elettrotecnica Velletrana Snc", Decimal("35.00"), None),
        (notebooks[0], date(today.year - 1, 12, 10), "riparazione",
         "Sostituzione della tastiera (tasti non funzionanti)", "Informatica Srl",
         Decimal("64.50"), date(today.year, 12, 10)),
    ]
    for item_id, day, kind, text, by, cost, warranty in plan:
        add_maintenance(db, item_id=item_id, done_on=min(day, today), kind=kind,
                        description=text, done_by=by, cost=cost,
                        warranty_until=warranty if warranty is None or warranty >= day else None)
