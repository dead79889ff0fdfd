"""Residui attivi e passivi (D.I. 129/2018 art. 12 c.2; domain.md §3.6): the carry at year end,
the radiation at the riaccertamento, and the checks the other services make on them.

- ``carry_residui(db, from_year)``: once per year (a second carry is refused). For year N it
  records into N+1, keeping the year of origin, the voce or destination, the debtor or
  creditor and the amount: every accertamento of N not wholly collected (residuo attivo),
  every impegno of N not wholly paid (residuo passivo), and every residuo managed in N not
  yet extinguished (it keeps its own origin year). The figures are those of the records at
  the moment of the carry, read under the lock of the Programma Annuale of N; afterwards no
  movement dated in N is accepted (the year is closed: ``check_year_open``).
- In N+1 a reversale collects a residuo attivo, a liquidazione and a mandato pay a residuo
  passivo «in conto residui»: they never touch the competence availability of N+1 (which
  counts only the impegni of N+1).
- ``radiate_residue``: the dirigente cancels (a part of) a residuo no longer due, with the
  reason; a row of its own (funds_residue_radiation), the residuo stays with a lower
  remainder. [U] the riaccertamento by decree of the dirigente is this program's reading.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ...areas.funds import DECREE, PROGRAMME
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.funds import rules
from ...domain.money import format_money
from ...models.funds import (
    Assessment,
    Commitment,
    Liquidation,
    PaymentOrder,
    Programme,
    ReceiptOrder,
)
from ...models.funds_residui import Residue, ResidueCarry, ResidueRadiation
from .programme import _dec, _programme

ZERO = Decimal("0.00")
MIN_REASON = 10


def check_year_open(s, year: int, field: str) -> None:
    """No movement is dated in a year whose residui have been carried: the figures carried
    would no longer be those of the records."""
    carried = s.scalar(select(ResidueCarry.carried_on).where(ResidueCarry.from_year == year))
    if carried is not None:
        raise ValidationError({field: (
            f"L'esercizio {year} è chiuso: i residui sono stati riportati al {year + 1} il "
            f"{format_date(carried)}. Registrare il movimento nell'esercizio {year + 1} "
            "(in conto residui).")})


def residue_of(s, year: int, *, assessment_id: int | None = None,
               commitment_id: int | None = None, field: str) -> Residue:
    """The residuo managed in ``year`` of an accertamento or an impegno of an earlier year,
    locked; refused when there is none (not carried, or carried at zero)."""
    where = (Residue.assessment_id == assessment_id if assessment_id is not None
             else Residue.commitment_id == commitment_id)
    rows = lock_rows(s, Residue, where=(Residue.year == year) & where)
    if not rows:
        what = "l'accertamento" if assessment_id is not None else "l'impegno"
        raise ValidationError({field: (
            f"Per {what} di un esercizio precedente non c'è un residuo nell'esercizio {year}: "
            f"riportare prima i residui dell'esercizio {year - 1}, o registrare il movimento "
            "nell'esercizio di origine.")})
    return rows[0]


def radiated_in(s, residue_ids) -> Decimal:
    ids = list(residue_ids)
    if not ids:
        return ZERO
    return _dec(s.scalar(select(func.coalesce(func.sum(ResidueRadiation.amount), 0))
                         .where(ResidueRadiation.residue_id.in_(ids))))


def radiated_on_commitment(s, commitment_id: int) -> Decimal:
    ids = s.scalars(select(Residue.id).where(Residue.commitment_id == commitment_id)).all()
    return radiated_in(s, ids)


def radiated_on_assessment(s, assessment_id: int) -> Decimal:
    ids = s.scalars(select(Residue.id).where(Residue.assessment_id == assessment_id)).all()
    return radiated_in(s, ids)


# --- the carry -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Carried:
    from_year: int
    active_count: int
    active_total: Decimal
    passive_count: int
    passive_total: Decimal


def _sum(s, column, *where) -> dict[int, Decimal]:
    return {k: _dec(v) for k, v in s.execute(select(column, func.sum(
        column.table.c.amount)).where(*where).group_by(column))}


@requires(PROGRAMME)
def carry_residui(db: Database, from_year: int, carried_on: date | None = None) -> Carried:
    """The residui of ``from_year`` recorded into ``from_year + 1`` (once per year)."""
    carried_on = carried_on or date.today()
    if carried_on.year <= from_year:
        raise ValidationError({"carried_on": (
            f"I residui del {from_year} si riportano a esercizio chiuso, dal "
            f"01/01/{from_year + 1}: il {format_date(carried_on)} è ancora nell'esercizio.")})
    if carried_on > date.today():
        raise ValidationError({"carried_on": "La data del riporto non può essere futura."})
    into = from_year + 1
    with unit_of_work(db, reason=f"Riporto dei residui {from_year} al {into}") as s:
        _programme(s, from_year, lock=True)     # the carry and the movements of N serialise
        done = s.scalar(select(ResidueCarry).where(ResidueCarry.from_year == from_year))
        if done is not None:
            raise DomainError(
                f"I residui dell'esercizio {from_year} sono già stati riportati al {into} il "
                f"{format_date(done.carried_on)}: il riporto si fa una sola volta.", "year")
        rows = list(_competence_residui(s, from_year)) + list(_older_residui(s, from_year))
        active = [r for r in rows if r["kind"] == "A"]
        passive = [r for r in rows if r["kind"] == "P"]
        carry = ResidueCarry(from_year=from_year, carried_on=carried_on,
                             active_total=sum((r["amount"] for r in active), ZERO),
                             passive_total=sum((r["amount"] for r in passive), ZERO),
                             recorded_by_id=s.info["user"].id)
        s.add(carry)
        s.flush()
        for r in rows:
            s.add(Residue(carry_id=carry.id, year=into, remaining=r["amount"], **r))
        s.flush()
        s.commit()
        return Carried(from_year, len(active), carry.active_total, len(passive),
                       carry.passive_total)


def _competence_residui(s, year: int):
    collected = _sum(s, ReceiptOrder.assessment_id)
    for a in s.scalars(select(Assessment).where(Assessment.year == year)
                       .order_by(Assessment.number)):
        left = a.amount - collected.get(a.id, ZERO)
        if left > 0:
            yield {"origin_year": year, "kind": "A", "assessment_id": a.id,
                   "revenue_item_id": a.revenue_item_id, "counterpart": a.debtor,
                   "description": a.description, "amount": left}
    paid = _sum(s, PaymentOrder.commitment_id)
    p = s.scalar(select(Programme.id).where(Programme.year == year))
    for c in s.scalars(select(Commitment).where(Commitment.programme_id == p)
                       .order_by(Commitment.number)):
        left = c.amount - paid.get(c.id, ZERO)
        if left > 0:
            yield {"origin_year": year, "kind": "P", "commitment_id": c.id,
                   "destination_id": c.destination_id, "spending_type_id": c.spending_type_id,
                   "counterpart": c.creditor_name, "description": c.description,
                   "amount": left}


def _older_residui(s, year: int):
    for r in s.scalars(select(Residue).where(Residue.year == year, Residue.remaining > 0)
                       .order_by(Residue.kind, Residue.origin_year, Residue.id)):
        yield {"origin_year": r.origin_year, "kind": r.kind, "assessment_id": r.assessment_id,
               "commitment_id": r.commitment_id, "revenue_item_id": r.revenue_item_id,
               "destination_id": r.destination_id, "spending_type_id": r.spending_type_id,
               "counterpart": r.counterpart, "description": r.description,
               "amount": r.remaining, "previous_id": r.id}


# --- radiation (riaccertamento) ----------------------------------------------------------------

@dataclass
class RadiationInput:
    residue_id: int
    radiated_on: date
    reason: str
    amount: Decimal | str | None = None     # None: all that remains
    act_ref: str = ""


@requires(DECREE)
def radiate_residue(db: Database, data: RadiationInput) -> int:
    """Cancel (a part of) a residuo no longer due, with the reason, by the dirigente: a
    radiation row; the residuo stays with its remainder lowered. Returns the row's id."""
    reason = " ".join((data.reason or "").split())
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": "Indicare il motivo della radiazione (almeno "
                                         f"{MIN_REASON} caratteri): credito inesigibile, "
                                         "economia di spesa, prescrizione…"})
    amount = None
    if data.amount not in (None, ""):
        amount = rules.positive_amount(data.amount, "amount", "Importo radiato")
    act = " ".join((data.act_ref or "").split())
    if len(act) > 120:
        raise ValidationError({"act_ref": "Il decreto supera i 120 caratteri."})
    if data.radiated_on is None or data.radiated_on > date.today():
        raise ValidationError({"radiated_on": "Indicare la data della radiazione (non "
                                              "futura)."})
    with unit_of_work(db, reason="Radiazione di un residuo") as s:
        rows = lock_rows(s, Residue, [data.residue_id])
        if not rows:
            raise ValidationError({"residue_id": "Residuo inesistente."})
        r = rows[0]
        rules.check_in_year(data.radiated_on, r.year, "radiated_on", "Data della radiazione")
        check_year_open(s, r.year, "radiated_on")
        limit = r.remaining
        if r.kind == "P":
            # A part already liquidated is due to the creditor: it is paid, not radiated.
            # by its impegno, or by the residuo alone when imported without one
            on = (Liquidation.commitment_id == r.commitment_id, PaymentOrder.commitment_id
                  == r.commitment_id) if r.commitment_id is not None else (
                Liquidation.residue_id == r.id, PaymentOrder.residue_id == r.id)
            liquidated = _dec(s.scalar(select(func.coalesce(func.sum(Liquidation.amount), 0))
                                       .where(on[0])))
            paid = _dec(s.scalar(select(func.coalesce(func.sum(PaymentOrder.amount), 0))
                                 .where(on[1])))
            limit = min(limit, r.remaining - (liquidated - paid))
        amount = limit if amount is None else amount
        if amount <= 0 or amount > limit:
            raise ValidationError({"amount": (
                f"Del residuo si possono radiare al massimo {format_money(max(limit, ZERO))} "
                f"(da {'riscuotere' if r.kind == 'A' else 'pagare'} "
                f"{format_money(r.remaining)}, esclusa la parte già liquidata).")})
        row = ResidueRadiation(residue_id=r.id, radiated_on=data.radiated_on, amount=amount,
                               reason=reason, act_ref=act, recorded_by_id=s.info["user"].id)
        s.add(row)
        r.remaining = r.remaining - amount
        s.flush()
        s.commit()
        return row.id


# --- the fondo di cassa at 1 January -------------------------------------------------------

@requires(PROGRAMME)
def set_cash_opening(db: Database, year: int, amount: Decimal | str) -> None:
    """The fondo di cassa at 1 January of the first year the archive holds (the istituto
    cassiere's figure); every later year starts from the previous year's 31 December."""
    amount = rules.forecast_amount(amount, "cash_opening", "Fondo di cassa al 1° gennaio")
    with unit_of_work(db, reason=f"Fondo di cassa al 1° gennaio {year}") as s:
        p = _programme(s, year, lock=True)
        if s.scalar(select(Programme.id).where(Programme.year == year - 1)) is not None:
            raise ValidationError({"cash_opening": (
                f"Il fondo di cassa al 01/01/{year} è quello al 31/12/{year - 1} dell'esercizio "
                "precedente, già nell'archivio: non si registra a mano.")})
        p.cash_opening = amount
        s.commit()
