"""Discarico of goods by decree of the dirigente (art. 33), executed by a buono di scarico."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...areas.inventory import DISCHARGE
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import states
from ...domain.inventory.discharge import (
    cause_phrase,
    check_discharge,
    check_execution,
    check_reintegro,
)
from ...domain.inventory.registers import BUONO_SCARICO, good_ref, item_label
from ...domain.registers import register_spec
from ...models.core import RegisterEntry
from ...models.inventory import (
    InventoryDischarge,
    InventoryDischargeItem,
    InventoryItem,
)
from ..registers import LineInput, add_entry, entry_date_as
from .situations import require


def _load_items(s, item_ids) -> list[InventoryItem]:
    """The goods chosen by the clerk, each once, or a clear message for one that is gone."""
    items = []
    for item_id in dict.fromkeys(item_ids):
        item = s.get(InventoryItem, item_id)
        if item is None:
            raise DomainError(f"Bene {item_id} inesistente.")
        items.append(item)
    return items


@requires(DISCHARGE)
def discharge_items(db: Database, *, item_ids: list[int], decree_number: str, decree_date: date,
                    cause: str, motivation: str, reintegro: bool = False,
                    attachments: str = "", reintegro_amount: Decimal | None = None,
                    responsible: str = "", executed_on: date | None = None) -> int:
    """Discarico by provvedimento of the dirigente (art. 33): the goods stay in the register,
    annotated, and leave the consistenza; a buono di scarico (numbered per year) executes the
    decree on ``executed_on`` (today if not given). With ``reintegro`` the decree charges
    ``reintegro_amount`` to ``responsible``; without it, it states the ascertained absence of
    liability. Returns the discharge id."""
    with unit_of_work(db, reason=f"Discarico, decreto n. {(decree_number or '').strip()}") as s:
        require_at(db, DISCHARGE, s, item_ids=item_ids or ())
        discharge_id = discharge_items_in(
            s, db, item_ids=item_ids, decree_number=decree_number, decree_date=decree_date,
            cause=cause, motivation=motivation, reintegro=reintegro, attachments=attachments,
            reintegro_amount=reintegro_amount, responsible=responsible, executed_on=executed_on)
        s.commit()
    return discharge_id


def discharge_items_in(s, db: Database, *, item_ids, decree_number: str, decree_date: date,
                       cause: str, motivation: str, reintegro: bool = False,
                       attachments: str = "", reintegro_amount: Decimal | None = None,
                       responsible: str = "", allow_in_sale: int | None = None,
                       executed_on: date | None = None) -> int:
    """The discarico inside the caller's transaction (a sale awards and discharges at once).
    ``allow_in_sale``: the sale that is discharging its own goods. ``executed_on``: the date
    of the buono di scarico, today if not given."""
    today = date.today()
    number, text = check_discharge(decree_number=decree_number, decree_date=decree_date,
                                         cause=cause, motivation=motivation, today=today)
    executed_on = check_execution(executed_on or today, decree_date=decree_date,
                                        today=today)
    amount, who = check_reintegro(reintegro=reintegro, amount=reintegro_amount,
                                        responsible=responsible)
    if not item_ids:
        raise ValidationError({"item_ids": "Scegliere almeno un bene da scaricare."})
    items = []
    loaded = _load_items(s, item_ids)
    require(s, loaded, states.DISCHARGE, except_sale=allow_in_sale)
    for item in loaded:
        label = good_ref(item.register, item.number)
        carico_date = s.get(RegisterEntry, item.entry_id).entry_date
        if decree_date < carico_date:
            raise ValidationError({"decree_date": f"Il decreto è anteriore al carico del bene "
                                                  f"{label}."})
        items.append(item)
    discharge = InventoryDischarge(decree_number=number, decree_date=decree_date,
                                   cause=cause, motivation=text, reintegro=reintegro,
                                   attachments=attachments.strip(), reintegro_amount=amount,
                                   responsible=who,
                                   recorded_by_id=getattr(db.current_user, "id", None))
    # The buono di scarico is dated when the decree is executed: its register runs in order of
    # date within the year, so an earlier date than the year's last buono is refused.
    total = sum((it.value for it in items), Decimal("0.00"))
    try:
        buono = add_entry(
            s.connection(), spec=register_spec(BUONO_SCARICO), entry_date=executed_on,
            description=f"Buono di scarico – decreto n. {number} del {decree_date:%d/%m/%Y} "
                        f"({cause_phrase(cause)}, {len(items)} "
                        f"{'bene' if len(items) == 1 else 'beni'})",
            user=db.current_user, amount=total, reference=f"Decreto n. {number}",
            lines=[LineInput(item_label(it.register, it.number), 1, it.value)
                   for it in items])
    except ValidationError as error:
        raise entry_date_as(error, "executed_on", "Data del buono di scarico: ") from None
    discharge.buono_entry_id = buono.id
    s.add(discharge)
    s.flush()
    for item in items:
        s.add(InventoryDischargeItem(discharge_id=discharge.id, item_id=item.id))
        item.status = states.STATUS.move(item.status, states.DISCHARGED)
    s.flush()
    return discharge.id
