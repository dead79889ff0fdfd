"""Demo values and art. 34 procedures: the default ammortamento rates, a sale awarded to the
better of two offers, a deserted sale of three chairs ceded free, a direct cession to another
school.

No rinnovo: the demo's oldest goods were taken in charge 7 years ago, and the rinnovo is due
every 10 years."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from ...db.engine import Database
from ...db.uow import read_session
from ...domain.inventory import states
from ...models.core import RegisterEntry
from ...models.inventory import Assignment, AssignmentItem, InventoryItem
from ...services.inventory import sale
from ...services.inventory.valuation import rates
from ..days import office_day
from ..users import acting_as


def _free_goods(db: Database, prefix: str, count: int) -> list[int]:
    """The last ``count`` goods described ``prefix…`` in use and not entrusted to anyone."""
    with read_session(db) as s:
        entrusted = set(s.execute(select(AssignmentItem.item_id).join(
            Assignment, Assignment.id == AssignmentItem.assignment_id)
            .where(Assignment.ended_on.is_(None))).scalars())
        rows = s.execute(select(InventoryItem.id, RegisterEntry.description)
                         .join(RegisterEntry, RegisterEntry.id == InventoryItem.entry_id)
                         .where(InventoryItem.status == states.IN_USE)
                         .order_by(InventoryItem.register, InventoryItem.number)).all()
    ids = [i for i, text in rows if text.startswith(prefix) and i not in entrusted]
    return ids[-count:] if len(ids) >= count else []


def generate_values_and_sales(db: Database, today: date) -> None:
    rates(db)    # the default rates, marked as such
    def day(n: int) -> date:   # n days ago, moved to a working day (never after today)
        return office_day(today - timedelta(days=n), not_after=today)

    laptops = _free_goods(db, "Personal computer portatile", 2)
    if laptops:
        with acting_as(db):     # decrees and avviso of the dirigente (art. 34)
            sid = sale.open_sale(db, laptops, "vendita", "mercato",
                                 {i: Decimal("40.00") for i in laptops},
                                 "Verbale n. 3 della commissione: portatili obsoleti, non più "
                                 "adatti alla didattica; valore dell'usato 40,00 € ciascuno.",
                                 "131", day(60))
            sale.publish(db, sid, day(55), day(40))
        # The office records the offers received.
        sale.add_offer(db, sid, "Mario Bianchi", Decimal("90.00"), day(50))
        sale.add_offer(db, sid, "Informatica Usata Srl", Decimal("120.00"), day(45))
        with acting_as(db):
            sale.award(db, sid, "142", day(35), payment="reversale n. 58",
                       executed_on=day(33))

    chairs = _free_goods(db, "Sedia per alunni, altezza 46 cm", 3)
    if chairs:
        with acting_as(db):
            sid = sale.open_sale(db, chairs, "vendita", "inventario", None,
                                 "Verbale n. 4 della commissione: sedie con telaio deformato, "
                                 "valore d'inventario al netto dell'ammortamento.", "132",
                                 day(60))
            sale.publish(db, sid, day(55), day(40))
            sale.declare_deserted(db, sid, day(38))
            sale.conclude_deserted(db, sid, "cessione_gratuita",
                                   "Associazione di volontariato «Il Ponte» di Velletri", None,
                                   "145", day(30), executed_on=day(28))

    boards = _free_goods(db, "Lavagna interattiva", 2)
    if boards:
        with acting_as(db):
            sid = sale.open_sale(db, boards, "cessione_ente", "inventario", None,
                                 "Verbale n. 5 della commissione: lavagne sostituite dai "
                                 "monitor interattivi, funzionanti ma non più usate.", "150",
                                 day(25))
            sale.conclude_cession(db, sid, "Istituto Comprensivo «Velletri Nord»", "151",
                                  day(20), executed_on=day(19))
