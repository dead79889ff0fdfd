"""Monitoring of the purchases (issue 17 item 6): per procedure its state and what is missing
(CIG, a valid DURC of the awardee, the verbale, an invoice matched to the order, the payment of
the invoices), and per invoice its payment term (the due date it states, else the school's
term from its receipt: ``procurement_setting.payment_days``, by default 30 days, [U], D.Lgs
231/2002) with the days it took or is taking. The same rows feed the work list of
the Acquisti tab, the start page, the print «acquisti-per-fondo» (the ministry's monitoraggi
of earmarked funds) and the export for Amministrazione trasparente (L. 190/2012 art. 1 c.32).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..areas.procurement import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.money import format_money
from ..domain.procurement import acceptance as acc
from ..domain.procurement import procedure as proc_rules
from ..domain.procurement import rules
from ..domain.procurement import suppliers as sup
from ..domain.procurement.thresholds import procedure_label_on
from ..models.funds import EarmarkedFund, Liquidation
from ..models.procurement import (
    Delivery,
    Invoice,
    Procedure,
    PurchaseOrder,
    Quote,
    Supplier,
    SupplierAward,
    SupplierDurc,
    Verification,
)
from .procurement import payment_days_of

NO_FUND = "Fondi non vincolati"


@dataclass(frozen=True)
class InvoiceTerm:
    invoice_id: int
    ref: str                   # «3/2021» of the register
    number: str
    received_on: date
    due_on: date               # the stated due date, else received + the school's term
    paid_on: date | None
    days: int                  # to the payment, or so far
    late: bool
    total: Decimal


@dataclass(frozen=True)
class Monitored:
    id: int
    year: int
    number: int
    decided_on: date
    object: str
    state: str
    state_label: str
    cig: str
    procedure: str             # its label
    fund: str                  # the earmarked fund, or NO_FUND
    supplier: str
    invited: tuple[str, ...]
    awarded: Decimal | None
    ordered_on: date | None
    last_verified_on: date | None
    liquidated: Decimal
    missing: tuple[str, ...]
    invoices: tuple[InvoiceTerm, ...]

    @property
    def missing_text(self) -> str:
        return "; ".join(self.missing) if self.missing else "nulla"

    @property
    def completed_on(self) -> date | None:
        """When the purchase was completed: its last payment, once nothing is missing."""
        paid = [i.paid_on for i in self.invoices if i.paid_on]
        return max(paid) if paid and not self.missing else None


def _terms(rows, today: date, days: int) -> tuple[InvoiceTerm, ...]:
    out = []
    for i in rows:
        due = rules.payment_due(i.received_on, i.due_on, days)
        end = i.paid_on or today
        out.append(InvoiceTerm(i.id, f"{i.number}/{i.year}", i.invoice_number, i.received_on,
                               due, i.paid_on, (end - i.received_on).days, end > due,
                               i.total))
    return tuple(out)


@requires(READ)
def monitoring(db: Database, today: date | None = None, year: int | None = None
               ) -> list[Monitored]:
    """Every procedure (of ``year``, if given), the latest first."""
    today = today or date.today()
    with read_session(db) as s:
        q = select(Procedure).order_by(Procedure.year.desc(), Procedure.number.desc())
        if year is not None:
            q = q.where(Procedure.year == year)
        procedures = s.scalars(q).all()
        names = dict(s.execute(select(Supplier.id, Supplier.name)).all())
        term = payment_days_of(s)
        funds = dict(s.execute(select(EarmarkedFund.id, EarmarkedFund.name)).all())
        awards = {a.id: a for a in s.scalars(select(SupplierAward))}
        durcs: dict[int, list] = defaultdict(list)
        for d in s.scalars(select(SupplierDurc)):
            durcs[d.supplier_id].append(sup.DurcFact(d.id, d.issued_on, d.expires_on,
                                                     d.outcome))
        quotes: dict[int, list[str]] = defaultdict(list)
        for q_ in s.scalars(select(Quote).order_by(Quote.id)):
            quotes[q_.procedure_id].append(names.get(q_.supplier_id, ""))
        orders = {o.procedure_id: o for o in s.scalars(select(PurchaseOrder))}
        verified: dict[int, date] = {}
        for order_id, day in s.execute(
                select(Delivery.order_id, Verification.verified_on)
                .join(Verification, Verification.delivery_id == Delivery.id)
                .where(Delivery.annulled_on.is_(None), Verification.annulled_on.is_(None),
                       Verification.outcome.in_((acc.CONFORME, acc.WITH_RESERVE)))):
            verified[order_id] = max(day, verified.get(order_id, day))
        invoices: dict[int, list] = defaultdict(list)
        for i in s.scalars(select(Invoice).where(Invoice.order_id.is_not(None),
                                                 Invoice.status != "rifiutata")
                           .order_by(Invoice.year, Invoice.number)):
            invoices[i.order_id].append(i)
        liquidated: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for commitment_id, amount in s.execute(select(Liquidation.commitment_id,
                                                      Liquidation.amount)):
            liquidated[commitment_id] += amount
        out = []
        for p in procedures:
            award = awards.get(p.award_id) if p.award_id else None
            order = orders.get(p.id)
            billed = invoices.get(order.id, []) if order else []
            missing = []
            if not p.cig:
                missing.append("CIG mancante")
            done = bool(billed) and all(i.paid_on for i in billed)
            if award is not None and not done:
                state = sup.durc_state(sup.latest_durc(
                    d for d in durcs[award.supplier_id] if d.issued_on <= today), today)
                if state != "valido":
                    missing.append(f"DURC {sup.DURC_STATES[state].removeprefix('DURC ')}")
            if order is not None and order.id not in verified:
                missing.append("verbale di verifica mancante")
            if order is not None and order.id in verified and not billed:
                missing.append("fattura non abbinata")
            unpaid = sum(1 for i in billed if not i.paid_on)
            if unpaid:
                missing.append("fattura non pagata" if unpaid == 1
                               else f"{unpaid} fatture non pagate")
            out.append(Monitored(
                p.id, p.year, p.number, p.decided_on, p.object, p.status,
                proc_rules.PROCEDURE.label(p.status), p.cig,
                procedure_label_on(p.procedure, p.decided_on)
                + (" – in deroga, DL 137/2020 art. 21" if p.ddi_derogation else ""),
                funds.get(p.earmarked_id, NO_FUND) if p.earmarked_id else NO_FUND,
                names.get(award.supplier_id, "") if award else "", tuple(quotes[p.id]),
                award.amount if award else None, order.ordered_on if order else None,
                verified.get(order.id) if order else None,
                liquidated[p.commitment_id] if p.commitment_id else Decimal("0.00"),
                tuple(missing), _terms(billed, today, term)))
    return out


# --- Amministrazione trasparente (L. 190/2012 art. 1 c.32) --------------------------------------
TRANSPARENCY_HEADERS = ("CIG", "Struttura proponente", "Oggetto del bando",
                        "Procedura di scelta del contraente", "Operatori invitati",
                        "Aggiudicatario", "Importo di aggiudicazione",
                        "Tempi di completamento", "Importo delle somme liquidate")


def transparency_rows(db: Database, year: int, proposer: str,
                      today: date | None = None) -> list[tuple[str, ...]]:
    """One row per procedure of the year, in the order of the determine."""
    from ..domain.dates import format_date

    rows = []
    for m in sorted(monitoring(db, today, year), key=lambda m: m.number):
        start = m.ordered_on or m.decided_on
        end = m.completed_on
        rows.append((m.cig, proposer, m.object, m.procedure, ", ".join(m.invited),
                     m.supplier, format_money(m.awarded) if m.awarded is not None else "",
                     f"dal {format_date(start)}" + (f" al {format_date(end)}" if end
                                                    else " (in corso)"),
                     format_money(m.liquidated)))
    return rows
