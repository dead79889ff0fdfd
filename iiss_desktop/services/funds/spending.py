"""The spending cycle (D.I. 129/2018 arts. 15-17): impegno by the dirigente, liquidazione by
the DSGA after the check of regular supply, mandato di pagamento; each numbered without gaps
per year in its register (fondi-impegni, fondi-liquidazioni, fondi-mandati).

The availability check of an impegno (art. 15: «nei limiti dello specifico stanziamento») is
made in the transaction that writes the impegno, after the write gate (``unit_of_work``) and
with the destination's row locked: two PCs committing on the same destination at once are
serialised, and the second sees the first's impegno. An impegno above the remainder is
refused; one that leaves less than ``rules.NEAR_LIMIT_PERCENT`` of the appropriation is
accepted with a warning. An impegno on an earmarked fund must be of a tipo di spesa the fund
allows, dated by its deadline for use, on its destination and within its amount. Nothing is
committed on R98, D100 or Z01; so no mandato is ever issued on the fondo di riserva
(D.I. 44/2001 [C], D.I. 129 [U]). Gestione provvisoria (art. 6, 1/12 of the previous year's
appropriations before the PA is approved) is not handled yet: impegni need the delibera.
The split payment of IVA is not handled yet. An impegno not wholly paid at year end is a
residuo passivo (services/funds/residui.py): in the next year a liquidazione and a mandato
pay it «in conto residui» (``residue_id`` set), within what remains of it, without touching
the competence availability of that year.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ...areas.funds import COMMIT, LIQUIDATE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.funds import chart, rules
from ...domain.funds.creditor import Creditor, check_creditor
from ...domain.funds.fields import COMMITMENT, PAYMENT_ORDER
from ...domain.funds.words import amount_in_words
from ...domain.money import format_money
from ...domain.procurement_codes import normalize_cig, normalize_cup
from ...domain.registers import MAX_TEXT
from ...models.funds import (
    Commitment,
    Destination,
    EarmarkedFund,
    EarmarkedType,
    Liquidation,
    PaymentOrder,
    SpendingType,
)
from ...queries.funds import availability_in
from ..registers import add_entry, entry_date_as
from .programme import _by_code, _dec, _programme, committed_on_fund_in
from .residui import check_year_open, radiated_on_commitment, residue_of


@dataclass
class CommitmentInput:
    year: int
    committed_on: date
    destination: str            # «A01», «A03/1»
    spending_type: str          # «02»
    amount: Decimal | str
    description: str
    creditor_name: str = ""
    earmarked_id: int | None = None
    cig: str = ""
    cup: str = ""


@dataclass(frozen=True)
class Recorded:
    id: int
    year: int
    number: int
    warning: str = ""


def _text(value: str, field: str, label: str, *, required: bool = True,
          max_length: int = MAX_TEXT) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise ValidationError({field: f"Indicare il campo «{label}»."})
    if len(text) > max_length:
        raise ValidationError({field: f"Il campo «{label}» supera i {max_length} caratteri."})
    return text


def _validated(data: CommitmentInput) -> tuple[Decimal, str, str, str]:
    errors = {}
    if not (data.destination or "").strip():
        errors["destination"] = ("Indicare la destinazione dell'impegno (attività, progetto o "
                                 "gestione: ad esempio A01 o P02/4).")
    if not (data.spending_type or "").strip():
        errors["spending_type"] = "Indicare il tipo di spesa dell'impegno."
    if not (data.description or "").strip():
        errors["description"] = "Indicare l'oggetto dell'impegno."
    if errors:
        raise ValidationError(errors)
    amount = rules.positive_amount(data.amount, "amount", "Importo dell'impegno")
    rules.check_in_year(data.committed_on, data.year, "committed_on", "Data dell'impegno")
    return (amount, COMMITMENT["description"].check(data.description),
            normalize_cig(data.cig), normalize_cup(data.cup))


@requires(COMMIT)
def commit_spending(db: Database, data: CommitmentInput) -> Recorded:
    """An impegno di spesa, numbered in «fondi-impegni»; refused above the remaining
    appropriation of its destination. ``warning`` says when little is left."""
    with unit_of_work(db, reason="Impegno di spesa") as s:
        recorded = commit_in(s, data)
        s.commit()
        return recorded


def commit_in(s, data: CommitmentInput) -> Recorded:
    """The impegno written in the caller's transaction (not committed): what
    ``commit_spending`` does, for a use case of another area that must take its impegno in
    the same transaction as its own rows (the coverage of a procedure d'acquisto). The caller
    holds the permission of its own act."""
    amount, description, cig, cup = _validated(data)
    creditor = COMMITMENT["creditor_name"].check(data.creditor_name)
    p = _programme(s, data.year)
    check_year_open(s, data.year, "committed_on")
    dest = _by_code(s, Destination, data.destination, "destination", "la destinazione")
    kind = _by_code(s, SpendingType, data.spending_type, "spending_type",
                    "il tipo di spesa")
    if not chart.is_spendable(dest.code):
        raise ValidationError({"destination": (
            f"Su {dest.code} ({dest.name}) non si assumono impegni: il fondo di riserva "
            "si utilizza con un prelievo verso un'altra destinazione." if dest.code
            == chart.RESERVE else f"Su {dest.code} ({dest.name}) non si assumono "
            "impegni: indicare un'attività, un progetto o una gestione.")})
    # Lock the destination, then read what is committed on it (ARCHITECTURE «Concurrency»).
    lock_rows(s, Destination, [dest.id])
    if data.earmarked_id is not None:
        lock_rows(s, EarmarkedFund, [data.earmarked_id])
        _check_fund(s, data, dest, kind, amount)
    a = availability_in(s, p.id, dest.id, dest.code)
    if p.state == "deliberato":
        problem = rules.availability_problem(dest.code, a.definitive, a.committed, amount)
        if problem:
            raise ValidationError({"amount": problem})
        warning = rules.availability_warning(dest.code, a.definitive, a.committed, amount)
    else:
        warning = _provisional(s, data, dest, a.committed, amount)
    try:
        ref = add_entry(s.connection(), spec=rules.IMPEGNI, entry_date=data.committed_on,
                        description=f"{dest.code} – {description}", user=s.info["user"],
                        amount=amount, reference=cig or None)
    except ValidationError as exc:
        raise entry_date_as(exc, "committed_on", "Data dell'impegno: ") from None
    c = Commitment(entry_id=ref.id, year=ref.year, number=ref.number,
                   committed_on=data.committed_on, programme_id=p.id,
                   destination_id=dest.id, spending_type_id=kind.id,
                   earmarked_id=data.earmarked_id, amount=amount, description=description,
                   creditor_name=creditor, cig=cig, cup=cup,
                   status=rules.COMMITMENT.initial, recorded_by_id=s.info["user"].id)
    s.add(c)
    s.flush()
    return Recorded(c.id, ref.year, ref.number, warning)


def _provisional(s, data: CommitmentInput, dest, committed: Decimal, amount: Decimal) -> str:
    """Gestione provvisoria (art. 6 c.1 [C]): before the delibera the dirigente commits within
    a twelfth of the previous year's definitive appropriation of the destination; read as a
    twelfth for each month up to the impegno's (January 1/12, February 2/12…) [U]."""
    from ...models.funds import Programme

    previous = s.scalar(select(Programme).where(Programme.year == data.year - 1))
    if previous is None or previous.state != "deliberato":
        raise DomainError(f"Il Programma Annuale {data.year} non è ancora deliberato e non c'è "
                          f"un Programma Annuale {data.year - 1} deliberato per la gestione "
                          "provvisoria (art. 6): non si assumono impegni.", "year")
    before = availability_in(s, previous.id, dest.id, dest.code).definitive
    month = data.committed_on.month
    limit = rules.provisional_limit(before, month)
    if committed + amount > limit:
        raise ValidationError({"amount": (
            f"Gestione provvisoria (art. 6): su {dest.code} si impegnano al massimo {month}/12 "
            f"della previsione definitiva {data.year - 1} ({format_money(before)}), cioè "
            f"{format_money(limit)}; già impegnati {format_money(committed)}, disponibili "
            f"{format_money(limit - committed)}.")})
    return (f"Gestione provvisoria (art. 6): impegno entro {month}/12 degli stanziamenti "
            f"definitivi {data.year - 1} di {dest.code}.")


def _check_fund(s, data: CommitmentInput, dest, kind, amount: Decimal) -> None:
    fund = s.get(EarmarkedFund, data.earmarked_id)
    if fund is None:
        raise ValidationError({"earmarked_id": "Finanziamento vincolato inesistente."})
    allowed = set(s.scalars(select(SpendingType.code).join(
        EarmarkedType, EarmarkedType.spending_type_id == SpendingType.id).where(
        EarmarkedType.earmarked_id == fund.id)))
    if kind.code not in allowed:
        raise ValidationError({"spending_type": (
            f"Il finanziamento «{fund.name}» ({fund.legal_basis}) non ammette spese di tipo "
            f"{kind.code} ({kind.name}): tipi ammessi {', '.join(sorted(allowed))}.")})
    if data.committed_on > fund.use_by:
        raise ValidationError({"committed_on": (
            f"Il finanziamento «{fund.name}» si poteva utilizzare entro il "
            f"{format_date(fund.use_by)}: l'impegno del {format_date(data.committed_on)} è "
            "fuori termine.")})
    if fund.destination_id != dest.id and dest.parent_id != fund.destination_id:
        fund_dest = s.get(Destination, fund.destination_id)
        raise ValidationError({"destination": (
            f"Il finanziamento «{fund.name}» è iscritto su {fund_dest.code}: l'impegno va "
            "sulla stessa destinazione.")})
    left = fund.amount - committed_on_fund_in(s, fund.id)
    if amount > left:
        raise ValidationError({"amount": (
            f"Sul finanziamento «{fund.name}» restano {format_money(left)} da impegnare "
            f"(assegnati {format_money(fund.amount)}).")})


# --- liquidazione ---------------------------------------------------------------------------

@dataclass
class LiquidationInput:
    commitment_id: int
    liquidated_on: date
    amount: Decimal | str
    supply_check: str           # «Verbale di regolare fornitura del 12/03/2026»
    document_ref: str = ""      # the invoice: «Fattura n. 12 del 10/03/2026»


def _liquidated_in(s, commitment_id: int) -> Decimal:
    return _dec(s.scalar(select(func.coalesce(func.sum(Liquidation.amount), 0))
                         .where(Liquidation.commitment_id == commitment_id)))


@requires(LIQUIDATE)
def liquidate(db: Database, data: LiquidationInput) -> Recorded:
    """A liquidazione on an impegno (art. 16 c.1), numbered in «fondi-liquidazioni»."""
    amount = rules.positive_amount(data.amount, "amount", "Importo liquidato")
    check = _text(data.supply_check, "supply_check", "Verifica della regolare fornitura",
                  max_length=300)
    document = _text(data.document_ref, "document_ref", "Documento giustificativo",
                     required=False, max_length=120)
    if data.liquidated_on is None:
        raise ValidationError({"liquidated_on": "Indicare la data della liquidazione."})
    with unit_of_work(db, reason="Liquidazione della spesa") as s:
        recorded = liquidate_in(s, data, amount, check, document)
        s.commit()
        return recorded


def liquidate_in(s, data: LiquidationInput, amount: Decimal | None = None,
                 check: str | None = None, document: str | None = None) -> Recorded:
    """The liquidazione inside the caller's transaction (the Acquisti liquidation of an
    invoice writes it with its mandato at once); the caller commits."""
    if amount is None:
        amount = rules.positive_amount(data.amount, "amount", "Importo liquidato")
        check = _text(data.supply_check, "supply_check", "Verifica della regolare fornitura",
                      max_length=300)
        document = _text(data.document_ref, "document_ref", "Documento giustificativo",
                         required=False, max_length=120)
    rows = lock_rows(s, Commitment, [data.commitment_id])
    if not rows:
        raise ValidationError({"commitment_id": "Impegno inesistente."})
    c = rows[0]
    if data.liquidated_on < c.committed_on:
        raise ValidationError({"liquidated_on": f"La liquidazione non precede l'impegno "
                                                f"n. {c.number} del "
                                                f"{format_date(c.committed_on)}."})
    year = data.liquidated_on.year
    check_year_open(s, year, "liquidated_on")
    residue = None
    if year != c.year:      # a later year: the residuo passivo carried into it
        residue = residue_of(s, year, commitment_id=c.id, field="liquidated_on")
    left = c.amount - _liquidated_in(s, c.id) - radiated_on_commitment(s, c.id)
    if amount > left:
        raise ValidationError({"amount": f"L'impegno n. {c.number}/{c.year} di "
                                         f"{format_money(c.amount)} ha ancora "
                                         f"{format_money(left)} da liquidare."})
    try:
        ref = add_entry(s.connection(), spec=rules.LIQUIDAZIONI,
                        entry_date=data.liquidated_on,
                        description=f"Liquidazione sull'impegno n. {c.number}/{c.year} – "
                                    f"{c.description}"[:MAX_TEXT],
                        user=s.info["user"], amount=amount, reference=document or None)
    except ValidationError as exc:
        raise entry_date_as(exc, "liquidated_on", "Data della liquidazione: ") from None
    row = Liquidation(entry_id=ref.id, year=ref.year, number=ref.number,
                      liquidated_on=data.liquidated_on, commitment_id=c.id, amount=amount,
                      supply_check=check, document_ref=document,
                      status=rules.LIQUIDATION.initial,
                      residue_id=residue.id if residue is not None else None,
                      recorded_by_id=s.info["user"].id)
    s.add(row)
    c.status = rules.COMMITMENT.move(
        c.status, "liquidato" if amount == left else "liquidato in parte")
    s.flush()
    return Recorded(row.id, ref.year, ref.number)


# --- mandato di pagamento ---------------------------------------------------------------------

@dataclass
class PaymentOrderInput:
    liquidation_id: int
    issued_on: date
    causale: str
    creditor: Creditor = field(default_factory=lambda: Creditor(""))
    by_transfer: bool = True        # bonifico: the IBAN is required
    withholdings: Decimal | str = Decimal("0.00")


@requires(LIQUIDATE)
def issue_payment_order(db: Database, data: PaymentOrderInput) -> Recorded:
    """The mandato di pagamento of a liquidazione (art. 17): number and date, amount in figures
    and in words, causale, creditor with tax data, destination, tipo di spesa, withholdings,
    CIG and CUP of the impegno. Numbered in «fondi-mandati»."""
    causale = PAYMENT_ORDER["causale"].check(data.causale)
    creditor = check_creditor(data.creditor, needs_iban=data.by_transfer)
    withholdings = Decimal("0.00")
    if data.withholdings not in (None, "", 0, Decimal(0)):
        withholdings = rules.forecast_amount(data.withholdings, "withholdings", "Ritenute")
    if data.issued_on is None:
        raise ValidationError({"issued_on": "Indicare la data del mandato."})
    with unit_of_work(db, reason="Mandato di pagamento") as s:
        recorded = issue_payment_order_in(s, data, causale, creditor, withholdings)
        s.commit()
        return recorded


def issue_payment_order_in(s, data: PaymentOrderInput, causale: str | None = None,
                           creditor: Creditor | None = None,
                           withholdings: Decimal | None = None) -> Recorded:
    """The mandato inside the caller's transaction; the caller commits."""
    if causale is None:
        causale = PAYMENT_ORDER["causale"].check(data.causale)
        creditor = check_creditor(data.creditor, needs_iban=data.by_transfer)
        withholdings = Decimal("0.00")
        if data.withholdings not in (None, "", 0, Decimal(0)):
            withholdings = rules.forecast_amount(data.withholdings, "withholdings",
                                                 "Ritenute")
    rows = lock_rows(s, Liquidation, [data.liquidation_id])
    if not rows:
        raise ValidationError({"liquidation_id": "Liquidazione inesistente."})
    liq = rows[0]
    c = s.get(Commitment, liq.commitment_id)
    if data.issued_on < liq.liquidated_on:
        raise ValidationError({"issued_on": f"Il mandato non precede la liquidazione "
                                            f"n. {liq.number} del "
                                            f"{format_date(liq.liquidated_on)}."})
    liq.status = rules.LIQUIDATION.move(
        liq.status, "pagata", f"La liquidazione n. {liq.number}/{liq.year} è già stata "
                              "pagata con un mandato.")
    if withholdings > liq.amount:
        raise ValidationError({"withholdings": "Le ritenute superano l'importo del "
                                               "mandato."})
    year = data.issued_on.year
    check_year_open(s, year, "issued_on")
    residue = None
    if year != c.year:      # in conto residui: within what remains of the residuo
        residue = residue_of(s, year, commitment_id=c.id, field="issued_on")
        if liq.amount > residue.remaining:
            raise ValidationError({"issued_on": (
                f"Il residuo passivo dell'impegno n. {c.number}/{c.year} ha ancora "
                f"{format_money(residue.remaining)} da pagare: la liquidazione è di "
                f"{format_money(liq.amount)}.")})
        residue.remaining = residue.remaining - liq.amount
    try:
        ref = add_entry(s.connection(), spec=rules.MANDATI, entry_date=data.issued_on,
                        description=f"{creditor.name} – {causale}"[:MAX_TEXT],
                        user=s.info["user"], amount=liq.amount, reference=c.cig or None)
    except ValidationError as exc:
        raise entry_date_as(exc, "issued_on", "Data del mandato: ") from None
    order = PaymentOrder(
        entry_id=ref.id, year=ref.year, number=ref.number, issued_on=data.issued_on,
        liquidation_id=liq.id, commitment_id=c.id, destination_id=c.destination_id,
        spending_type_id=c.spending_type_id, amount=liq.amount, withholdings=withholdings,
        amount_words=amount_in_words(liq.amount), causale=causale,
        creditor_name=creditor.name, creditor_tax_code=creditor.tax_code,
        creditor_vat=creditor.vat_number, creditor_iban=creditor.iban, cig=c.cig,
        cup=c.cup, residue_id=residue.id if residue is not None else None,
        recorded_by_id=s.info["user"].id)
    s.add(order)
    s.flush()
    return Recorded(order.id, ref.year, ref.number)
