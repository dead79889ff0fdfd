"""The situation of goods inside a transaction (domain.inventory.states), from their stored
status and the records still open about them, and the refusal of an action the rule does not
allow. Every inventory use case that acts on goods asks here: one rule, one message."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ...domain.inventory import states
from ...domain.inventory.registers import good_ref
from ...models.core import RegisterEntry
from ...models.inventory import Assignment, AssignmentItem, InventoryItem


@dataclass(frozen=True)
class Situation:
    state: str
    facts: dict = field(default_factory=dict)   # good, assignee, verbale, sale


def goods_in_open_sales(s, item_ids, except_sale: int | None = None) -> dict[int, int]:
    """item id -> sale id, for the goods among ``item_ids`` in a sale not yet concluded."""
    from ...models.inventory import Sale, SaleItem

    ids = list(dict.fromkeys(item_ids))
    if not ids:
        return {}
    q = (select(SaleItem.item_id, Sale.id).join(Sale, Sale.id == SaleItem.sale_id)
         .where(SaleItem.item_id.in_(ids), Sale.status.in_(states.SALE.open)))
    if except_sale is not None:
        q = q.where(Sale.id != except_sale)
    return {item_id: sale_id for item_id, sale_id in s.execute(q)}


def situations(s, items: list[InventoryItem], *,
               except_sale: int | None = None) -> dict[int, Situation]:
    """item id -> its situation, in three queries whatever the number of goods.
    ``except_sale``: the sale concluding its own goods (they count as held for it)."""
    ids = [it.id for it in items]
    if not ids:
        return {}
    annulled = set(s.execute(select(RegisterEntry.annuls_id).where(
        RegisterEntry.annuls_id.in_([it.entry_id for it in items]))).scalars())
    entrusted = {}
    for item_id, name, number, year in s.execute(
            select(AssignmentItem.item_id, Assignment.assignee_name, RegisterEntry.number,
                   RegisterEntry.year)
            .join(Assignment, Assignment.id == AssignmentItem.assignment_id)
            .join(RegisterEntry, RegisterEntry.id == Assignment.entry_id)
            .where(AssignmentItem.item_id.in_(ids), Assignment.ended_on.is_(None))):
        entrusted.setdefault(item_id, (name, f"{number}/{year}"))
    in_sale = goods_in_open_sales(s, ids, except_sale=except_sale)
    out = {}
    for it in items:
        facts = {"good": good_ref(it.register, it.number)}
        if it.id in entrusted:
            facts["assignee"], facts["verbale"] = entrusted[it.id]
        if it.id in in_sale:
            facts["sale"] = in_sale[it.id]
        state = states.situation(it.status, annulled=it.entry_id in annulled,
                                 entrusted=it.id in entrusted, in_sale=it.id in in_sale)
        out[it.id] = Situation(state, facts)
    return out


def require(s, items: list[InventoryItem], action: str, *, field: str | None = None,
            except_sale: int | None = None) -> dict[int, Situation]:
    """The situations of ``items``, after refusing (DomainError, nothing written) the first
    good, in the clerk's order, for which ``action`` is not allowed."""
    found = situations(s, items, except_sale=except_sale)
    for it in items:
        here = found[it.id]
        states.check(action, here.state, field, **here.facts)
    return found
