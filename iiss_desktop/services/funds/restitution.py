"""Restitution to the ministry of the unused part of an earmarked fund (issue 15 item 8).

Unused = assigned − committed on the fund − already restituted (queries/funds_cash.py). The
restitution is an impegno, a liquidazione and a mandato on the fund's destination (through
services/funds/spending.py; the impegno is not tied to the fund, since the fund's deadline for
use has usually passed when the unused part goes back), then a restitution row linking the
mandato to the fund. A restitution above the unused amount is refused before anything is
written. [U]: the tipo di spesa charged and the ministry's account (IBAN of the Tesoreria
provinciale, capo XIII) come from the caller, not from a confirmed ministry note.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...areas.funds import LIQUIDATE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.errors import ValidationError
from ...domain.funds import rules
from ...domain.funds.creditor import Creditor, check_creditor
from ...domain.money import format_money
from ...models.funds import Destination, EarmarkedFund
from ...models.funds_cash import Restitution
from ...queries.funds_cash import unused_in
from .spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)


@dataclass
class RestitutionInput:
    earmarked_id: int
    restituted_on: date
    amount: Decimal | str
    spending_type: str              # the tipo di spesa charged, e.g. «02»
    ministry: Creditor              # with the IBAN of the account the money goes back to


def _checked(s, data: RestitutionInput, amount: Decimal) -> tuple[int, str, str]:
    rows = lock_rows(s, EarmarkedFund, [data.earmarked_id])
    if not rows:
        raise ValidationError({"earmarked_id": "Finanziamento vincolato inesistente."})
    fund = rows[0]
    unused = unused_in(s, fund.id)
    if amount > unused:
        raise ValidationError({"amount": (
            f"Importo: {format_money(amount)} supera la parte non utilizzata del "
            f"finanziamento «{fund.name}» ({format_money(unused)}).")})
    return fund.id, s.get(Destination, fund.destination_id).code, fund.name


@requires(LIQUIDATE)
def restitute_unused(db: Database, data: RestitutionInput, *, commit_as=nullcontext) -> int:
    """``commit_as``: the context of the dirigente's impegno (see services/funds/cash.py)."""
    amount = rules.positive_amount(data.amount, "amount", "Importo da restituire")
    ministry = check_creditor(data.ministry, needs_iban=True)
    if data.restituted_on is None:
        raise ValidationError({"restituted_on": "Indicare la data della restituzione."})
    year = data.restituted_on.year
    with unit_of_work(db, reason="Restituzione di un finanziamento vincolato") as s:
        fund_id, destination, name = _checked(s, data, amount)
    causale = f"Restituzione della parte non utilizzata del finanziamento «{name}»"[:500]
    with commit_as():
        c = commit_spending(db, CommitmentInput(year, data.restituted_on, destination,
                                                data.spending_type, amount, causale,
                                                ministry.name))
    liq = liquidate(db, LiquidationInput(c.id, data.restituted_on, amount,
                                         "Economia accertata sul finanziamento"))
    order = issue_payment_order(db, PaymentOrderInput(liq.id, data.restituted_on, causale,
                                                      ministry))
    with unit_of_work(db, reason="Restituzione di un finanziamento vincolato") as s:
        # the unused amount again, under the lock: another PC may have committed meanwhile
        _checked(s, data, amount)
        row = Restitution(earmarked_id=fund_id, payment_order_id=order.id,
                          restituted_on=data.restituted_on, amount=amount,
                          recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return row.id
