"""What the inventory puts on the start page: comodato returns due, the five-year
ricognizione, the passaggio di consegne after a DSGA's cessation."""
from __future__ import annotations

from datetime import date

from ...areas.inventory import LOAN_DOCUMENTS
from ...db.access import current_principal
from ...db.engine import Database
from ...domain.access import allowed
from ..home import HomeItem
from .handover import handover_home_items
from .items import open_loans
from .ricognizione import ricognizione_due

LOAN_WARNING_DAYS = 15


def home_items(db: Database, today: date) -> list[HomeItem]:
    items: list[HomeItem] = []
    # The loans name the students: only for who may read the comodato contracts.
    loans = open_loans(db) if allowed(current_principal(db), LOAN_DOCUMENTS) else []
    for loan in loans:
        late = (today - loan.due).days
        if late > 0 or (loan.due - today).days <= LOAN_WARNING_DAYS:
            what = f"Comodato n. {loan.ref}: {loan.student}" + (
                f" ({loan.class_name})" if loan.class_name else "")
            detail = (f"restituzione scaduta da {late} giorni" if late > 0 else
                      f"restituzione entro {LOAN_WARNING_DAYS} giorni") + \
                f" – {loan.items} {'bene' if loan.items == 1 else 'beni'}"
            items.append(HomeItem(loan.due, "comodato", what, detail,
                                  "warning" if late > 0 else "info"))
    ric = ricognizione_due(db, today)
    if ric.has_goods:   # the five-year term of the physical check of the goods
        items.append(HomeItem(ric.due, "scadenza", "Ricognizione quinquennale dei beni",
                              ric.detail, ric.level))
    items.extend(handover_home_items(db, today, HomeItem))
    return items
