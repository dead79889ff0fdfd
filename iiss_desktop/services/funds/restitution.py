"""Restitution to the ministry of the unused part of an earmarked fund (issue 15 item 8), in
the two acts of the two people who sign them (D.I. 129/2018 artt. 15-17):

1. ``commit_restitution`` (the dirigente): the impegno on the fund's destination and the
   restitution row, in one transaction under the fund's lock. The unused part (assigned −
   committed on the fund − restituted, queries/funds_cash.py) drops at once, so a second
   restitution or an impegno on the fund meanwhile cannot spend it twice. The impegno is not
   tied to the fund: its deadline for use has usually passed when the unused part goes back.
2. ``pay_restitution`` (the DSGA): the liquidazione («economia accertata») and the mandato to
   the ministry's account, in one transaction; the restitution then names its mandato.

A restitution above the unused amount is refused with nothing written. [U]: the tipo di spesa
charged and the ministry's account (IBAN of the Tesoreria provinciale, capo XIII) come from
the clerk, not from a confirmed ministry note.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...areas.funds import COMMIT, LIQUIDATE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.funds import rules
from ...domain.funds.creditor import Creditor
from ...domain.money import format_money
from ...models.funds import Commitment, Destination, EarmarkedFund
from ...models.funds_cash import Restitution
from ...queries.funds_cash import unused_in
from .spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_in,
    liquidate_in,
    pay_in,
)


@dataclass
class RestitutionInput:
    earmarked_id: int
    committed_on: date
    amount: Decimal | str
    spending_type: str              # the tipo di spesa charged, e.g. «02»
    creditor_name: str = "Ministero dell'Istruzione e del Merito"


@dataclass(frozen=True)
class Committed:
    restitution_id: int
    commitment_year: int
    commitment_number: int


@requires(COMMIT)
def commit_restitution(db: Database, data: RestitutionInput) -> Committed:
    """The dirigente's impegno to give back ``amount`` of the fund's unused part."""
    amount = rules.positive_amount(data.amount, "amount", "Importo da restituire")
    if data.committed_on is None:
        raise ValidationError({"committed_on": "Indicare la data dell'impegno."})
    with unit_of_work(db, reason="Restituzione di un finanziamento vincolato: impegno") as s:
        rows = lock_rows(s, EarmarkedFund, [data.earmarked_id]) if data.earmarked_id else []
        if not rows:
            raise ValidationError({"earmarked_id": "Finanziamento vincolato inesistente."})
        fund = rows[0]
        unused = unused_in(s, fund.id)
        if amount > unused:
            raise ValidationError({"amount": (
                f"Importo: {format_money(amount)} supera la parte non utilizzata del "
                f"finanziamento «{fund.name}» ({format_money(unused)}).")})
        destination = s.get(Destination, fund.destination_id).code
        causale = f"Restituzione della parte non utilizzata del finanziamento «{fund.name}»"
        c = commit_in(s, CommitmentInput(data.committed_on.year, data.committed_on,
                                         destination, data.spending_type, amount,
                                         causale[:500], data.creditor_name))
        row = Restitution(earmarked_id=fund.id, commitment_id=c.id, payment_order_id=None,
                          restituted_on=data.committed_on, amount=amount,
                          recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return Committed(row.id, c.year, c.number)


@dataclass
class PaymentInput:
    restitution_id: int
    paid_on: date
    ministry: Creditor              # with the IBAN of the account the money goes back to


@requires(LIQUIDATE)
def pay_restitution(db: Database, data: PaymentInput) -> tuple[int, int]:
    """The DSGA's liquidazione and mandato of a restitution; returns the mandato's (year,
    number)."""
    with unit_of_work(db, reason="Restituzione di un finanziamento vincolato: mandato") as s:
        rows = lock_rows(s, Restitution, [data.restitution_id]) if data.restitution_id else []
        if not rows:
            raise ValidationError({"restitution_id": "Restituzione inesistente."})
        r = rows[0]
        c = s.get(Commitment, r.commitment_id)
        if r.payment_order_id is not None:
            raise ValidationError({"restitution_id": (
                f"La restituzione dell'impegno n. {c.number}/{c.year} è già stata pagata.")})
        if data.paid_on is not None and data.paid_on < r.restituted_on:
            raise ValidationError({"paid_on": (
                f"Il mandato non precede l'impegno di restituzione del "
                f"{format_date(r.restituted_on)}.")})
        liq = liquidate_in(s, LiquidationInput(c.id, data.paid_on, r.amount,
                                               "Economia accertata sul finanziamento"))
        order = pay_in(s, PaymentOrderInput(liq.id, data.paid_on, c.description,
                                            data.ministry))
        r.payment_order_id = order.id
        s.flush()
        s.commit()
        return order.year, order.number
