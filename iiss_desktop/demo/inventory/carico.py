"""Demo inventory: a few hundred goods across registers, plessi and rooms."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from ...db.engine import Database
from ...db.uow import read_session
from ...domain.inventory import states
from ...models.core import RegisterEntry
from ...models.inventory import InventoryItem
from ...models.school import Room, Site
from ...services.inventory.carico import CaricoInput, carico
from ..days import office_day
from ..users import acting_as

D = Decimal
# (years ago, description, register, category, quantity, unit value, universalità, site, room,
#  supplier, funding, owner)
GOODS = [
    (7, "Banco biposto per alunni", "inv-terzi", "Mobili e arredi", 40, D("89.00"), False,
     "PRIM", "Aula 1A", "", "", "Comune di Velletri"),
    (6, "Armadio metallico a due ante", "inv-mobili", "Mobili e arredi", 2, D("230.00"), False,
     "SEDE", "Archivio", "Arredi Castelli Srl", "A01 Funzionamento generale", ""),
    (6, "Enciclopedia Treccani, 12 volumi", "inv-libri", "Materiale bibliografico", 1,
     D("450.00"), False, "SEDE", "Biblioteca", "Libreria Mondadori Velletri",
     "A03 Didattica", ""),
    (5, "Lavagna interattiva multimediale 75\"", "inv-mobili", "Hardware", 9, D("1450.00"),
     False, "SEDE", "Aula 1A", "Tecnoscuola Spa", "PON FESR Ambienti digitali", ""),
    (5, "Sedia per alunni, altezza 46 cm", "inv-mobili", "Mobili e arredi", 24, D("45.00"), True,
     "SEDE", "Aula 2A", "Arredi Castelli Srl", "A01 Funzionamento generale", ""),
    (4, "Tablet 10\" con custodia (comodato d'uso agli alunni)", "inv-mobili", "Hardware", 30,
     D("210.00"), False, "SEDE", "Magazzino", "Informatica Srl", "Art. 120 D.L. 18/2020", ""),
    (4, "Personal computer portatile 15\"", "inv-mobili", "Hardware", 25, D("650.00"), False,
     "SEDE", "Laboratorio di informatica", "Informatica Srl",
     "PON FESR Smart class", ""),
    (3, "Microscopio ottico binoculare", "inv-mobili", "Attrezzature tecniche e scientifiche",
     6, D("380.00"), False, "SEDE", "Laboratorio di scienze", "Didattica Scientifica Srl",
     "A03 Didattica", ""),
    (3, "Mouse ottico USB", "inv-mobili", "Hardware", 20, D("15.00"), False,
     "SEDE", "Laboratorio di informatica", "Informatica Srl", "A03 Didattica", ""),
    (2, "Stampante multifunzione laser A4", "inv-mobili", "Macchinari per ufficio", 3,
     D("320.00"), False, "SEDE", "Segreteria del personale", "Ufficio Facile Srl",
     "A02 Funzionamento amministrativo", ""),
    (2, "Sedia per alunni, altezza 38 cm", "inv-mobili", "Mobili e arredi", 20, D("39.00"), True,
     "PRIM", "Aula 2A", "Arredi Castelli Srl", "A01 Funzionamento generale", ""),
    (1, "Notebook per la segreteria", "inv-mobili", "Hardware", 4, D("780.00"), False,
     "SEDE", "Segreteria didattica", "Informatica Srl", "A02 Funzionamento amministrativo", ""),
    (1, "Tastiera musicale 61 tasti", "inv-mobili", "Attrezzature tecniche e scientifiche", 2,
     D("240.00"), False, "SEDE", "Aula di musica", "Musica Viva Snc", "A03 Didattica", ""),
    (0, "Tavolo per attività motorie", "inv-terzi", "Mobili e arredi", 6, D("120.00"), False,
     "INF", "Salone", "", "", "Comune di Velletri"),
]


def _goods(db: Database, prefix: str, count: int) -> list[int]:
    with read_session(db) as s:
        rows = s.execute(select(InventoryItem.id, RegisterEntry.description)
                         .join(RegisterEntry, RegisterEntry.id == InventoryItem.entry_id)
                         .order_by(InventoryItem.register, InventoryItem.number)).all()
    return [i for i, text in rows if text.startswith(prefix)][:count]


def _one_board_per_classroom(db: Database, rooms: dict, today: date) -> None:
    """The nine interactive whiteboards of the PON were delivered to Aula 1A and installed one
    per classroom the same day (a DSGA would not believe nine LIMs in one room)."""
    from ...services.inventory.movements import move_items

    boards = _goods(db, "Lavagna interattiva", 9)
    with read_session(db) as s:
        day = s.execute(select(RegisterEntry.entry_date)
                        .join(InventoryItem, InventoryItem.entry_id == RegisterEntry.id)
                        .where(InventoryItem.id == boards[0])).scalar()
    # Not Aula 2A: the ricognizione finds there the board of Aula 1A, carried over.
    classrooms = ("Aula 1B", "Aula 1C", "Aula 2B", "Aula 2C", "Aula 3A", "Aula 3B", "Aula 3C",
                  "Aula magna")
    for board, room in zip(boards[1:], classrooms):
        move_items(db, item_ids=[board], to_room_id=rooms[("SEDE", room)], moved_on=day,
                   reason="Installazione della lavagna nell'aula (PON FESR Ambienti digitali)")


def _discharges(db: Database, today: date) -> None:
    """Two laptops stolen last year."""
    from ...services.inventory.discharge import discharge_items

    laptops = _goods(db, "Personal computer", 2)
    with acting_as(db):     # the decree of the dirigente (art. 33)
        discharge_items(db, item_ids=laptops, decree_number="114",
                        decree_date=office_day(date(today.year - 1, 3, 12)), cause="furto",
                        motivation="Furto nel laboratorio di informatica, denuncia ai "
                                   "Carabinieri di Velletri del 10/03.",
                        attachments="Denuncia di furto; relazione del DSGA",
                        executed_on=office_day(date(today.year - 1, 3, 14)))


def _broken_printer(db: Database, today: date) -> None:
    """A printer declared inservibile a few days ago: the year's last buono di scarico, after
    those of the sales (the register of the buoni runs in order of date)."""
    from ...services.inventory.discharge import discharge_items

    printers = _goods(db, "Stampante", 1)
    decreed = office_day(today - timedelta(days=5), not_after=today)
    with acting_as(db):
        discharge_items(db, item_ids=printers, decree_number="158", decree_date=decreed,
                        cause="inservibilita", executed_on=decreed,
                        motivation="Guasto non riparabile: la riparazione costa più del "
                                   "valore residuo (verbale del tecnico).")


FAMILIES = [("Rossi", "Marco", "M", "Giulia"), ("Bianchi", "Laura", "F", "Matteo"),
            ("Popa", "Ioana", "F", "Andrei"), ("Esposito", "Gennaro", "M", "Sara"),
            ("Kowalski", "Anna", "F", "Piotr"), ("Greco", "Davide", "M", "Sofia"),
            ("El Amrani", "Fatima", "F", "Youssef"), ("Conti", "Paolo", "M", "Elena"),
            ("Ricci", "Chiara", "F", "Luca"), ("Marino", "Stefano", "M", "Aurora")]


def _loans(db: Database, today: date) -> None:
    """Tablets lent to students: last year's (some returned, two overdue) and this year's."""
    from ...services.inventory.loans import LoanInput, lend, return_loan
    from ..staff import demo_codice_fiscale

    with read_session(db) as s:
        tablets = [i for i, text in s.execute(
            select(InventoryItem.id, RegisterEntry.description)
            .join(RegisterEntry, RegisterEntry.id == InventoryItem.entry_id)
            .where(InventoryItem.status == states.IN_USE)
            .order_by(InventoryItem.number)) if text.startswith("Tablet")]
    start_past = office_day(date(today.year - 1, 10, 1))
    due_past = office_day(date(today.year, 6, 30) if today > date(today.year, 6, 30) else today,
                          not_after=today)
    plan = [(start_past, due_past, k < 4) for k in range(6)]
    plan += [(office_day(today - timedelta(days=40)),
              office_day(today + timedelta(days=10 if k == 0 else 200)), False)
             for k in range(4)]
    classes = ("1A", "2A", "3A", "1B", "2B", "3B", "3C", "2C", "1C", "3A")
    for k, ((surname, parent, sex, child), (start, due, returned)) in enumerate(
            zip(FAMILIES, plan)):
        born = date(1978 + k, 1 + k, 10 + k)
        cf = demo_codice_fiscale(surname, parent, sex, born)
        with acting_as(db):     # the dirigente signs the contract for the school
            loan_id, _ = lend(db, LoanInput(
                parent_name=f"{parent} {surname}", parent_cf=cf,
                student_name=f"{child} {surname}", class_name=classes[k],
                item_ids=[tablets[k]], start=start, due=due,
                id_document=f"Carta d'identità CA{10000 + k}AB", contacts=f"333 12{k}45 6{k}",
                parent_birth_place=BIRTH_PLACES[k % len(BIRTH_PLACES)], parent_birth_date=born,
                parent_residence=f"Via {STREETS[k % len(STREETS)]} {3 + 7 * k}, "
                                 "00049 Velletri (RM)",
                criteria="Graduatoria ISEE per la didattica digitale integrata",
                condition="buono"))
        if returned and due <= today:
            return_loan(db, loan_id=loan_id, returned_on=office_day(due - timedelta(days=10)),
                        condition="buono")


BIRTH_PLACES = ("Velletri (RM)", "Roma", "Lariano (RM)", "Genzano di Roma (RM)", "Latina")
STREETS = ("Roma", "Garibaldi", "dei Volsci", "Appia Nuova", "San Francesco")


# The goods bought from this day on are loaded by ``generate_inventory_late``, after the
# Acquisti demo has loaded the 2021 deliveries it accepts (a register runs in order of date).
LATE_FROM = date(2021, 1, 1)
_LATER: dict[int, list] = {}     # id(db) -> the late goods' carichi, drawn with the early ones


def generate_inventory(db: Database, rng: random.Random, size: str) -> None:
    """The goods loaded before LATE_FROM. Every good's state is drawn here, in the order of
    GOODS, so that the demo's random sequence does not depend on when a good is loaded."""
    today = date.today()
    with read_session(db) as s:
        rooms = {(code, name): rid for code, name, rid in s.execute(
            select(Site.code, Room.name, Room.id).join(Site, Site.id == Room.site_id))}
    copies = 1 if size == "small" else 60
    serial = 0
    early, late = [], []
    for years, text, register, category, qty, value, univ, site, room, supplier, funding, owner \
            in GOODS:
        when = date(today.year - years, 10, 15) if years else today - timedelta(days=20)
        when = office_day(min(when, today), not_after=today)
        for _ in range(copies):
            serial += 1
            (early if when < LATE_FROM else late).append(CaricoInput(
                description=text, category_register=register, category=category,
                quantity=qty, unit_value=value, universalita=univ, entry_date=when,
                room_id=rooms[(site, room)], state=rng.choice(("ottimo", "buono", "buono")),
                supplier=supplier, invoice_number=f"FT {serial}/{when.year}" if supplier else "",
                invoice_date=when if supplier else None, funding=funding, owner=owner,
                grant_title="Concessione in uso, delibera della Giunta comunale" if owner else "",
                valuation="acquisto" if supplier else "donazione"))
    for data in early:
        carico(db, data)
    _LATER[id(db)] = [late, rooms]


def generate_inventory_late(db: Database, rng: random.Random, size: str) -> None:
    """The goods from LATE_FROM on, then the year's moves, discharges, loans, custody,
    ricognizione, sales and the DSGA handover."""
    del rng, size
    today = date.today()
    late, rooms = _LATER.pop(id(db))
    for data in late:
        carico(db, data)
    _one_board_per_classroom(db, rooms, today)
    _discharges(db, today)
    _loans(db, today)
    # --- demo: custody ---
    from .custody import generate_custody
    generate_custody(db, today)
    # --- demo: ricognizione ---
    from .ricognizione import demo_ricognizione
    demo_ricognizione(db, today)
    # --- demo: values-sale ---
    from .values import generate_values_and_sales

    generate_values_and_sales(db, today)
    _broken_printer(db, today)
    # --- demo: comodato-handover ---
    from .handover import demo_handover

    demo_handover(db, today)
