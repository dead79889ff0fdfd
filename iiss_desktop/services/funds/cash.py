"""Fondo economale per le minute spese (D.I. 129/2018 art. 21; rules in domain/funds/cash.py).

The advance, each reintegro and the closing are documents of the spending and revenue cycle:
they are issued through services/funds/spending.py (impegno, liquidazione, mandato) and
revenue.py (reversale), each its own transaction, and then linked to the fund in one more.
Everything those calls can refuse is checked first, so a refusal saves nothing; a crash
between them leaves a mandato without its link, which ``verify`` reports (the fund's cash no
longer matches). The expenses are one transaction each, with the fund's row locked before the
cash left is read (ARCHITECTURE «Concurrency»).
"""
from __future__ import annotations

from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ...areas.funds import LIQUIDATE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.funds import cash as rules_cash
from ...domain.funds import rules
from ...domain.funds.creditor import Creditor, check_creditor
from ...domain.registers import MAX_TEXT
from ...models.funds import Commitment, Destination, PaymentOrder, SpendingType
from ...models.funds_cash import CashExpense, CashFund, CashReimbursement
from ..registers import add_entry, annul_in, entry_date_as
from .programme import _by_code, _dec, _programme
from .revenue import AssessmentInput, assess_and_collect
from .spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    _text,
    commit_spending,
    issue_payment_order,
    liquidate,
)


@dataclass
class FundInput:
    year: int
    size: Decimal | str
    max_expense: Decimal | str
    decided_on: date                 # the Consiglio's delibera
    decision_ref: str                # «Delibera n. 5 del 20/12/2020»
    destination: str                 # «A01»
    advance_on: date
    dsga: Creditor                   # the DSGA who receives the advance


@dataclass
class ExpenseInput:
    year: int
    spent_on: date
    amount: Decimal | str
    description: str
    creditor_name: str
    destination: str
    spending_type: str
    document_ref: str = ""


def _mandato(db, year: int, day: date, destination: str, kind: str, amount: Decimal,
             causale: str, dsga: Creditor, commit_as=nullcontext) -> int:
    """Impegno, liquidazione and mandato to the DSGA (cash: no IBAN needed). The impegno is
    the dirigente's act (art. 15): ``commit_as`` gives the context it is taken under (the
    demo acts as its dirigente); by default the current user, who then needs both roles."""
    with commit_as():
        c = commit_spending(db, CommitmentInput(year, day, destination, kind, amount, causale,
                                                dsga.name))
    liq = liquidate(db, LiquidationInput(c.id, day, amount, "Rendiconto del fondo economale"))
    return issue_payment_order(db, PaymentOrderInput(liq.id, day, causale, dsga,
                                                     by_transfer=False)).id


@requires(LIQUIDATE)
def open_fund(db: Database, data: FundInput, *, commit_as=nullcontext) -> int:
    """The fund of a year with the Consiglio's limits and the advance to the DSGA (a mandato
    of the fund's size on its destination)."""
    size = rules.positive_amount(data.size, "size", "Consistenza del fondo")
    max_expense = rules.positive_amount(data.max_expense, "max_expense",
                                        "Limite per singola spesa")
    rules_cash.check_limits(size, max_expense)
    ref = _text(data.decision_ref, "decision_ref", "Delibera del Consiglio d'istituto",
                max_length=120)
    if data.decided_on is None:
        raise ValidationError({"decided_on": "Indicare la data della delibera del Consiglio."})
    rules.check_in_year(data.advance_on, data.year, "advance_on", "Data dell'anticipo")
    dsga = check_creditor(data.dsga, needs_iban=False)
    with unit_of_work(db, reason="Fondo economale") as s:
        p = _programme(s, data.year)
        dest = _by_code(s, Destination, data.destination, "destination", "la destinazione")
        if s.scalar(select(CashFund.id).where(CashFund.year == data.year)):
            raise ValidationError({"year": f"Il fondo economale {data.year} è già costituito."})
        programme_id, dest_id, dest_code = p.id, dest.id, dest.code
    order_id = _mandato(db, data.year, data.advance_on, dest_code, rules_cash.ADVANCE_TYPE,
                        size, f"Anticipo al DSGA del fondo economale {data.year}", dsga,
                        commit_as)
    with unit_of_work(db, reason="Fondo economale") as s:
        fund = CashFund(year=data.year, programme_id=programme_id, size=size,
                        max_expense=max_expense, decided_on=data.decided_on, decision_ref=ref,
                        destination_id=dest_id, advance_order_id=order_id, advance=size,
                        cash=size, closing_amount=Decimal("0.00"),
                        recorded_by_id=s.info["user"].id)
        s.add(fund)
        s.flush()
        s.commit()
        return fund.id


def _fund(s, year: int) -> CashFund:
    fund_id = s.scalar(select(CashFund.id).where(CashFund.year == year))
    if fund_id is None:
        raise ValidationError({"year": f"Il fondo economale {year} non è costituito."})
    return lock_rows(s, CashFund, [fund_id])[0]


def _running_contract(s, year: int, creditor: str) -> Commitment | None:
    """An impegno still open (not fully liquidated) for the same creditor: art. 21 excludes
    minute spese on a running contract."""
    return s.scalars(select(Commitment).where(
        Commitment.year == year, Commitment.status.in_(rules.COMMITMENT.open),
        func.lower(Commitment.creditor_name) == creditor.lower())).first()


@requires(LIQUIDATE)
def record_expense(db: Database, data: ExpenseInput) -> tuple[int, int]:
    """A minuta spesa, numbered in «fondi-minute-spese». Returns (id, number)."""
    amount = rules.positive_amount(data.amount, "amount", "Importo")
    description = _text(data.description, "description", "Descrizione", max_length=300)
    creditor = _text(data.creditor_name, "creditor_name", "Fornitore", max_length=200)
    document = _text(data.document_ref, "document_ref", "Documento", required=False,
                     max_length=120)
    rules.check_in_year(data.spent_on, data.year, "spent_on", "Data della spesa")
    with unit_of_work(db, reason="Minuta spesa") as s:
        fund = _fund(s, data.year)
        if fund.closed_on is not None:
            raise ValidationError({"spent_on": f"Data della spesa: il fondo economale è stato "
                                               f"chiuso il {format_date(fund.closed_on)}."})
        dest = _by_code(s, Destination, data.destination, "destination", "la destinazione")
        kind = _by_code(s, SpendingType, data.spending_type, "spending_type",
                        "il tipo di spesa")
        running = _running_contract(s, data.year, creditor)
        if running is not None:
            raise ValidationError({"creditor_name": (
                f"Fornitore: per «{running.creditor_name}» è aperto l'impegno n. "
                f"{running.number}/{running.year}; sul contratto in corso non si paga con il "
                "fondo economale.")})
        rules_cash.check_expense(amount, max_expense=fund.max_expense, cash=fund.cash)
        same_day = s.scalar(select(func.coalesce(func.sum(CashExpense.amount), 0)).where(
            CashExpense.fund_id == fund.id, CashExpense.annulled.is_(False),
            CashExpense.spent_on == data.spent_on,
            func.lower(CashExpense.creditor_name) == creditor.lower()))
        rules_cash.check_not_split(amount, _dec(same_day), creditor,
                                   max_expense=fund.max_expense)
        try:
            ref = add_entry(s.connection(), spec=rules_cash.MINUTE_SPESE,
                            entry_date=data.spent_on,
                            description=f"{creditor} – {description}"[:MAX_TEXT],
                            user=s.info["user"], amount=amount, reference=document or None)
        except ValidationError as exc:
            raise entry_date_as(exc, "spent_on", "Data della spesa: ") from None
        row = CashExpense(entry_id=ref.id, fund_id=fund.id, year=ref.year, number=ref.number,
                          spent_on=data.spent_on, amount=amount, description=description,
                          creditor_name=creditor, document_ref=document,
                          destination_id=dest.id, spending_type_id=kind.id,
                          recorded_by_id=s.info["user"].id)
        s.add(row)
        fund.cash = fund.cash - amount
        s.flush()
        s.commit()
        return row.id, ref.number


@requires(LIQUIDATE)
def annul_expense(db: Database, expense_id: int, reason: str, on: date) -> int:
    """An annulment entry in the register (with its reason); the cash comes back."""
    with unit_of_work(db, reason="Annullamento di una minuta spesa") as s:
        rows = lock_rows(s, CashExpense, [expense_id])
        if not rows:
            raise ValidationError({"expense_id": "Spesa inesistente."})
        e = rows[0]
        fund = lock_rows(s, CashFund, [e.fund_id])[0]
        if e.reimbursement_id is not None:
            raise ValidationError({"expense_id": f"La spesa n. {e.number} è già stata "
                                                 "reintegrata: non si annulla."})
        ref = annul_in(s.connection(), entry_id=e.entry_id, reason=reason, entry_date=on,
                       user=s.info["user"])
        e.annulled = True
        fund.cash = fund.cash + e.amount
        s.flush()
        s.commit()
        return ref.number


@requires(LIQUIDATE)
def reimburse(db: Database, year: int, presented_on: date, dsga: Creditor, *,
              commit_as=nullcontext) -> int:
    """The reintegro of the expenses presented and not yet repaid: one mandato per destination
    and tipo di spesa of the expenses, for their sum."""
    rules.check_in_year(presented_on, year, "presented_on", "Data del reintegro")
    dsga = check_creditor(dsga, needs_iban=False)
    groups: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    with unit_of_work(db, reason="Reintegro del fondo economale") as s:
        fund = _fund(s, year)
        if fund.closed_on is not None:
            raise ValidationError({"presented_on": "Il fondo economale è chiuso."})
        pending = s.execute(
            select(CashExpense.id, CashExpense.amount, Destination.code, SpendingType.code)
            .join(Destination, Destination.id == CashExpense.destination_id)
            .join(SpendingType, SpendingType.id == CashExpense.spending_type_id)
            .where(CashExpense.fund_id == fund.id, CashExpense.annulled.is_(False),
                   CashExpense.reimbursement_id.is_(None),
                   CashExpense.spent_on <= presented_on)).all()
        if not pending:
            raise ValidationError({"presented_on": "Nessuna spesa da reintegrare."})
        for _, amount, dest, kind in pending:
            groups[(dest, kind)] += amount
        ids = [r[0] for r in pending]
    orders = [_mandato(db, year, presented_on, dest, kind, amount,
                       f"Reintegro del fondo economale {year}", dsga, commit_as)
              for (dest, kind), amount in sorted(groups.items())]
    with unit_of_work(db, reason="Reintegro del fondo economale") as s:
        fund = _fund(s, year)
        numbers = s.scalars(select(PaymentOrder.number).where(PaymentOrder.id.in_(orders))
                            .order_by(PaymentOrder.number)).all()
        total = sum(groups.values(), Decimal("0.00"))
        r = CashReimbursement(fund_id=fund.id, presented_on=presented_on, amount=total,
                              orders=", ".join(f"{n}/{year}" for n in numbers),
                              recorded_by_id=s.info["user"].id)
        s.add(r)
        s.flush()
        for e in lock_rows(s, CashExpense, ids):
            e.reimbursement_id = r.id
        fund.cash = fund.cash + total
        s.flush()
        s.commit()
        return r.id


@requires(LIQUIDATE)
def close_fund(db: Database, year: int, closed_on: date, dsga_name: str) -> Decimal:
    """The closing at year end: the cash left returned by a reversale (entrata 99/01)."""
    rules.check_in_year(closed_on, year, "closed_on", "Data di chiusura")
    with unit_of_work(db, reason="Chiusura del fondo economale") as s:
        fund = _fund(s, year)
        if fund.closed_on is not None:
            raise ValidationError({"closed_on": "Il fondo economale è già chiuso."})
        cash = fund.cash
    receipt_id = None
    if cash > 0:
        # The cash given back is accertata when it comes in (art. 13-14): an accertamento of
        # the same amount, on the DSGA's rendiconto, and its reversale.
        _, receipt = assess_and_collect(db, AssessmentInput(
            year, closed_on, rules_cash.CLOSING_REVENUE, cash, dsga_name,
            f"Restituzione della cassa residua del fondo economale {year}",
            f"Rendiconto di chiusura del fondo economale {year}", closed_on), closed_on)
        receipt_id = receipt.id
    with unit_of_work(db, reason="Chiusura del fondo economale") as s:
        fund = _fund(s, year)
        fund.closed_on = closed_on
        fund.closing_receipt_id = receipt_id
        fund.closing_amount = cash
        fund.cash = fund.cash - cash
        s.flush()
        s.commit()
        return cash

