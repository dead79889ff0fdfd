"""Demo: the general ricognizione of about three years ago, room by room.

Mostly confirmed goods; one interactive whiteboard found in the next classroom (a documented
transfer), one student chair broken beyond repair (proposed for fuori uso), one laptop of the
lab missing: the Dirigente discharged it a few weeks later (furto, denuncia against unknown
persons). The two laptops stolen last year were still in the lab on the day of the check.
"""
from __future__ import annotations

from datetime import date, timedelta

from ...db.engine import Database
from ...domain.calendar import national_holidays, next_working_day
from ...domain.dates import format_date
from ...domain.inventory.ricognizione import add_years
from ...queries.inventory.ricognizione import GoodRef, goods_held
from ...queries.school import list_rooms
from ...services.inventory.discharge import discharge_items
from ...services.inventory.ricognizione import OutcomeInput, record_check
from ..users import acting_as

COMMISSION = ("Sig.ra Anna Moretti, assistente amministrativa; Prof. Carlo Fabbri, docente; "
              "Sig. Tomáš Dvořák, assistente tecnico")


def _working_day(day: date) -> date:
    """The first day from ``day`` on which the office is open (no weekend, no holiday)."""
    closed = {h.day for year in (day.year, day.year + 1) for h in national_holidays(year)}
    return next_working_day(day, closed)


def _first(goods: list[GoodRef], prefix: str, *, last: bool = False) -> GoodRef | None:
    found = sorted((g for g in goods if g.description.startswith(prefix)),
                   key=lambda g: (g.register, g.number))
    return (found[-1] if last else found[0]) if found else None


def demo_ricognizione(db: Database, today: date) -> None:
    # One working day for every room: the goods held that day are the ones checked.
    day = _working_day(add_years(today, -3))
    held = goods_held(db, day)
    names = {r.id: (r.site_code, r.name) for r in list_rooms(db)}
    by_room: dict[int, list[GoodRef]] = {}
    for g in held:
        if g.room_id is not None:
            by_room.setdefault(g.room_id, []).append(g)
    room_of = {v: k for k, v in names.items()}
    aula_1a, aula_2a = room_of.get(("SEDE", "Aula 1A")), room_of.get(("SEDE", "Aula 2A"))
    lab = room_of.get(("SEDE", "Laboratorio di informatica"))
    lim = _first(by_room.get(aula_1a, []), "Lavagna interattiva")
    chair = _first(by_room.get(aula_2a, []), "Sedia per alunni", last=True)
    laptop = _first(by_room.get(lab, []), "Personal computer", last=True)
    # The whiteboard is found in Aula 2A: that room is checked first, so that Aula 1A no
    # longer expects it.
    order = sorted(by_room, key=lambda r: (r != aula_2a, names[r]))
    missing_ref = None
    for k, room_id in enumerate(order):
        outcomes = []
        for g in sorted(by_room[room_id], key=lambda g: (g.register, g.number)):
            if lim and g.id == lim.id:
                continue
            if chair and g.id == chair.id:
                outcomes.append(OutcomeInput("inservibile", item_id=g.id,
                                             reason="Struttura della seduta spezzata, non "
                                                    "riparabile in sicurezza"))
            elif laptop and g.id == laptop.id:
                outcomes.append(OutcomeInput(
                    "mancante", item_id=g.id,
                    reason="Non rinvenuto nel laboratorio né negli altri locali del plesso; "
                           "l'ultimo utilizzo registrato risale a due settimane prima"))
            else:
                outcomes.append(OutcomeInput("confermato", item_id=g.id))
        if room_id == aula_2a and lim:
            outcomes.append(OutcomeInput("spostato", item_id=lim.id,
                                         reason="Installata nell'aula 2A a inizio anno"))
        result = record_check(db, room_id, day, outcomes, commission=COMMISSION, general=True,
                              notes="Ricognizione generale quinquennale dei beni." if k == 0
                              else "")
        if room_id == lab:
            missing_ref = (result.number, result.year)
    if laptop and missing_ref:
        number, year = missing_ref
        decreed = _working_day(day + timedelta(days=21))
        with acting_as(db):     # the decree of the dirigente (art. 33)
            discharge_items(
                db, item_ids=[laptop.id], decree_number="392", decree_date=decreed,
                executed_on=_working_day(decreed + timedelta(days=2)), cause="furto",
                motivation=f"Bene non rinvenuto alla ricognizione del {format_date(day)} "
                           f"(verbale n. {number}/{year}); denuncia di furto contro "
                           "ignoti ai Carabinieri di Velletri. Non emergono "
                           "responsabilità del personale.",
                attachments="Verbale di ricognizione; relazione del DSGA; denuncia")
