"""The revenue cycle (D.I. 129/2018 art. 13-14): the accertamento by the DSGA, then the
riscossione by reversale d'incasso. Both numbered without gaps per year in their registers
(«fondi-accertamenti», «fondi-reversali»).

- Accertamento: on a suitable document (its reference and date), the debtor, the reason and
  the amount of a credit on a voce di entrata of the year's Programma Annuale (a voce with a
  forecast or a variation; the partite di giro, aggregato 99, always [U]); optionally the
  earmarked fund it brings in. It is capped by nothing else: an entrata above the forecast is
  accertata and then taken into the budget by variation.
- Reversale: collects an accertamento, never above what remains to collect on it. On an
  accertamento of its own year it is «in conto competenza»; on one of an earlier year it
  collects the residuo attivo carried into its year («in conto residui», services/funds/
  residui.py). The accertamento's row is locked before what was collected on it is read,
  in the transaction that writes the reversale (ARCHITECTURE «Concurrency»).
Signatories and exact contents of the reversale under D.I. 129 are [U] (likely the dirigente
and the DSGA).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ...areas.funds import COLLECT
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.funds import chart, rules
from ...domain.funds.fields import ASSESSMENT
from ...domain.funds.words import amount_in_words
from ...domain.money import format_money
from ...domain.registers import MAX_TEXT
from ...models.funds import (
    Assessment,
    EarmarkedFund,
    ReceiptOrder,
    RevenueForecast,
    RevenueItem,
    Variation,
    VariationLine,
)
from ...models.funds_residui import Residue
from ..registers import add_entry, entry_date_as
from .programme import _by_code, _dec, _programme
from .residui import check_year_open, radiated_on_assessment, residue_of
from .spending import Recorded, _text

PARTITE_DI_GIRO = "99"      # [U] aggregato of the partite di giro: no forecast needed


@dataclass
class AssessmentInput:
    year: int
    assessed_on: date
    revenue: str                # «03/01»
    amount: Decimal | str
    debtor: str
    description: str            # the reason of the credit
    document_ref: str           # «Nota MI prot. n. 23072 del 30/09/2021»
    document_date: date | None
    earmarked_id: int | None = None


def _in_programme(s, programme_id: int, item: RevenueItem) -> bool:
    if chart.aggregate_of(item.code) == PARTITE_DI_GIRO:
        return True
    forecast = s.scalar(select(RevenueForecast.id).where(
        RevenueForecast.programme_id == programme_id,
        RevenueForecast.revenue_item_id == item.id))
    varied = s.scalar(select(VariationLine.id).join(
        Variation, Variation.id == VariationLine.variation_id).where(
        Variation.programme_id == programme_id, VariationLine.revenue_item_id == item.id)
        .limit(1))
    return forecast is not None or varied is not None


@requires(COLLECT)
def record_assessment(db: Database, data: AssessmentInput) -> Recorded:
    """An accertamento di entrata, numbered in «fondi-accertamenti»."""
    if not (data.revenue or "").strip():
        raise ValidationError({"revenue": "Indicare la voce di entrata (es. 03/01)."})
    amount = rules.positive_amount(data.amount, "amount", "Importo accertato")
    debtor = ASSESSMENT["debtor"].check(data.debtor)
    description = ASSESSMENT["description"].check(data.description)
    document = ASSESSMENT["document_ref"].check(data.document_ref)
    rules.check_in_year(data.assessed_on, data.year, "assessed_on", "Data dell'accertamento")
    if data.document_date is None:
        raise ValidationError({"document_date": "Indicare la data del documento."})
    if data.document_date > data.assessed_on:
        raise ValidationError({"document_date": (
            f"Il documento del {format_date(data.document_date)} è successivo "
            f"all'accertamento del {format_date(data.assessed_on)}.")})
    with unit_of_work(db, reason="Accertamento di entrata") as s:
        p = _programme(s, data.year)
        check_year_open(s, data.year, "assessed_on")
        item = _by_code(s, RevenueItem, data.revenue, "revenue", "la voce di entrata")
        if not _in_programme(s, p.id, item):
            raise ValidationError({"revenue": (
                f"La voce {item.code} ({item.name}) non è nel Programma Annuale {data.year}: "
                "iscriverla prima con una variazione.")})
        if data.earmarked_id is not None:
            fund = s.get(EarmarkedFund, data.earmarked_id)
            if fund is None or fund.programme_id != p.id:
                raise ValidationError({"earmarked_id": "Finanziamento vincolato inesistente "
                                                       f"nell'esercizio {data.year}."})
            if fund.revenue_item_id != item.id:
                fund_item = s.get(RevenueItem, fund.revenue_item_id)
                raise ValidationError({"revenue": (
                    f"Il finanziamento «{fund.name}» è iscritto sulla voce {fund_item.code}: "
                    "l'accertamento va sulla stessa voce.")})
        try:
            ref = add_entry(s.connection(), spec=rules.ACCERTAMENTI,
                            entry_date=data.assessed_on,
                            description=f"{item.code} – {debtor} – {description}"[:MAX_TEXT],
                            user=s.info["user"], amount=amount, reference=document or None)
        except ValidationError as exc:
            raise entry_date_as(exc, "assessed_on", "Data dell'accertamento: ") from None
        row = Assessment(entry_id=ref.id, year=ref.year, number=ref.number,
                         assessed_on=data.assessed_on, programme_id=p.id,
                         revenue_item_id=item.id, earmarked_id=data.earmarked_id,
                         amount=amount, debtor=debtor, description=description,
                         document_ref=document, document_date=data.document_date,
                         recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return Recorded(row.id, ref.year, ref.number)


def collected_in(s, assessment_id: int) -> Decimal:
    return _dec(s.scalar(select(func.coalesce(func.sum(ReceiptOrder.amount), 0))
                         .where(ReceiptOrder.assessment_id == assessment_id)))


@dataclass
class ReceiptInput:
    assessment_id: int | None
    issued_on: date
    amount: Decimal | str | None = None     # None: all that remains to collect
    causale: str = ""                       # "": the accertamento's
    debtor: str = ""                        # "": the accertamento's (who pays)
    # A residuo attivo imported without its accertamento (residui_import): collected alone.
    residue_id: int | None = None


@dataclass(frozen=True)
class _Collecting:
    """What a reversale collects: an accertamento of its year, the residuo attivo of an older
    accertamento, or an imported residuo alone (``assessment`` None)."""

    assessment: Assessment | None
    residue: Residue | None
    left: Decimal
    on: str                 # «Sull'accertamento n. 3/2021», «Sul residuo attivo…»
    debtor: str
    causale: str
    revenue_item_id: int


def _imported_residue(s, residue_id: int, year: int) -> _Collecting:
    rows = lock_rows(s, Residue, [residue_id])
    if not rows or rows[0].kind != "A":
        raise ValidationError({"assessment_id": "Residuo attivo inesistente."})
    z = rows[0]
    if z.assessment_id is not None:
        raise ValidationError({"assessment_id": "Il residuo ha il suo accertamento: "
                                                "indicare l'accertamento."})
    if z.year != year:
        raise ValidationError({"issued_on": (
            f"Il residuo attivo è gestito nell'esercizio {z.year}: la reversale va datata "
            f"nel {z.year}.")})
    return _Collecting(None, z, z.remaining,
                       f"Sul residuo attivo {z.origin_year} importato ({z.counterpart})",
                       z.counterpart, z.description, z.revenue_item_id)


def _collecting(s, data: ReceiptInput) -> _Collecting:
    year = data.issued_on.year
    if data.residue_id is not None and not data.assessment_id:
        return _imported_residue(s, data.residue_id, year)
    rows = lock_rows(s, Assessment, [data.assessment_id]) if data.assessment_id else []
    if not rows:
        raise ValidationError({"assessment_id": "Indicare l'accertamento da riscuotere."})
    a = rows[0]
    if year < a.year or data.issued_on < a.assessed_on:
        raise ValidationError({"issued_on": (
            f"La reversale non precede l'accertamento n. {a.number}/{a.year} del "
            f"{format_date(a.assessed_on)}.")})
    if year == a.year:
        left = a.amount - collected_in(s, a.id) - radiated_on_assessment(s, a.id)
        return _Collecting(a, None, left, f"Sull'accertamento n. {a.number}/{a.year}",
                           a.debtor, a.description, a.revenue_item_id)
    residue = residue_of(s, year, assessment_id=a.id, field="assessment_id")
    return _Collecting(a, residue, residue.remaining,
                       f"Sul residuo attivo n. {a.number}/{a.year}", a.debtor, a.description,
                       a.revenue_item_id)


@requires(COLLECT)
def issue_receipt_order(db: Database, data: ReceiptInput) -> Recorded:
    """A reversale d'incasso on an accertamento (or a residuo attivo), numbered in
    «fondi-reversali»."""
    amount = None
    if data.amount not in (None, ""):
        amount = rules.positive_amount(data.amount, "amount", "Importo della reversale")
    if data.issued_on is None:
        raise ValidationError({"issued_on": "Indicare la data della reversale."})
    with unit_of_work(db, reason="Reversale d'incasso") as s:
        what = _collecting(s, data)
        year = data.issued_on.year
        p = _programme(s, year)
        check_year_open(s, year, "issued_on")
        left = what.left
        amount = left if amount is None else amount
        if amount <= 0 or amount > left:
            total = what.assessment.amount if what.residue is None else what.residue.amount
            raise ValidationError({"amount": (
                f"{what.on} di {format_money(total)} restano da riscuotere "
                f"{format_money(max(left, Decimal('0.00')))}.")})
        debtor = _text(data.debtor or what.debtor, "debtor", "Debitore", max_length=200)
        causale = _text(data.causale or what.causale, "causale", "Causale", max_length=500)
        item = s.get(RevenueItem, what.revenue_item_id)
        try:
            ref = add_entry(s.connection(), spec=rules.REVERSALI, entry_date=data.issued_on,
                            description=f"{item.code} – {debtor} – {causale}"[:MAX_TEXT],
                            user=s.info["user"], amount=amount)
        except ValidationError as exc:
            raise entry_date_as(exc, "issued_on", "Data della reversale: ") from None
        row = ReceiptOrder(entry_id=ref.id, year=ref.year, number=ref.number,
                           issued_on=data.issued_on, programme_id=p.id,
                           revenue_item_id=item.id, amount=amount,
                           amount_words=amount_in_words(amount), debtor=debtor,
                           causale=causale,
                           assessment_id=what.assessment.id if what.assessment else None,
                           residue_id=what.residue.id if what.residue is not None else None,
                           recorded_by_id=s.info["user"].id)
        s.add(row)
        if what.residue is not None:
            what.residue.remaining = what.residue.remaining - amount
        s.flush()
        s.commit()
        return Recorded(row.id, ref.year, ref.number)


@requires(COLLECT)
def assess_and_collect(db: Database, data: AssessmentInput, issued_on: date,
                       causale: str = "") -> tuple[Recorded, Recorded]:
    """An accertamento and its whole riscossione (a reversale of the same amount): for the
    revenue known only when it comes in (the fondo economale's cash given back)."""
    a = record_assessment(db, data)
    return a, issue_receipt_order(db, ReceiptInput(a.id, issued_on, causale=causale))
