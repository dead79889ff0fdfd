"""The Programma Annuale (D.I. 129/2018 arts. 4-6, 10): the chart of accounts, the forecasts,
the steps (proposta della Giunta, parere dei revisori, delibera del Consiglio), the variations
and the earmarked funds taken into the budget by decree of the dirigente.

Rules applied (domain/funds/rules.py): spending forecasts not above revenue (art. 5); the
fondo di riserva within its limit, a setting of each PA defaulting to 10 % of the dotazione
ordinaria [U]; forecasts change only while the PA is a proposal, afterwards by variation;
no variation in December without a recorded reason (art. 10); a variation never takes a
destination below what is already committed on it, nor a forecast below zero. The kinds
decided by the dirigente alone (decree for earmarked revenue, storno, prelievo dal fondo di
riserva) need the dirigente's permission; a prelievo by decree needing the Consiglio's
ratification within 30 days is [U] for D.I. 129 and is not enforced.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ...areas.funds import DECREE, PROGRAMME, VARY
from ...db.access import require, requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.numbering import next_number, sequence
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.funds import chart, rules
from ...domain.money import check_amount, format_money
from ...models.funds import (
    Commitment,
    Destination,
    EarmarkedFund,
    EarmarkedType,
    Programme,
    RevenueForecast,
    RevenueItem,
    SpendingForecast,
    SpendingType,
    Variation,
    VariationLine,
)

VARIATION_NUMBERS = sequence("fondi-variazioni")


# --- chart of accounts --------------------------------------------------------------------

def seed_chart_in(s) -> None:
    """The shipped chart (domain/funds/chart.py), for the rows still missing: under the write
    gate, so two PCs creating the first PA do not both insert it."""
    for model, accounts in ((RevenueItem, chart.REVENUE_ITEMS),
                            (Destination, chart.DESTINATIONS),
                            (SpendingType, chart.SPENDING_TYPES)):
        have = set(s.scalars(select(model.code)))
        for a in accounts:
            if a.code not in have:
                s.add(model(code=a.code, name=a.name, confirmed=a.confirmed))
    s.flush()


def _by_code(s, model, code: str, field: str, what: str):
    row = s.scalar(select(model).where(model.code == (code or "").strip().upper()))
    if row is None:
        if not (code or "").strip():
            raise ValidationError({field: f"Indicare {what}."})
        raise ValidationError({field: f"{what[0].upper()}{what[1:]} «{code}» non esiste nel "
                                      "piano dei conti."})
    return row


@requires(PROGRAMME)
def save_own_destination(db: Database, code: str, name: str) -> int:
    """An activity or project of the school under A, P or G (third level, «A03/1»)."""
    code = chart.check_third_level(code)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Indicare la denominazione dell'attività o del progetto."})
    with unit_of_work(db, reason="Attività o progetto della scuola") as s:
        seed_chart_in(s)
        parent = _by_code(s, Destination, chart.parent_of(code), "code", "la destinazione")
        row = s.scalar(select(Destination).where(Destination.code == code))
        if row is None:
            row = Destination(code=code, name=name, parent_id=parent.id, confirmed=True)
            s.add(row)
        else:
            row.name = name
        s.flush()
        s.commit()
        return row.id


_KINDS = {"entrata": RevenueItem, "destinazione": Destination, "tipo": SpendingType}


@requires(PROGRAMME)
def rename_default(db: Database, kind: str, code: str, name: str) -> None:
    """Correct the name of a shipped default that is not confirmed [U] (an entrata, a
    destination or a tipo di spesa); the confirmed names are those of the ministry's plan."""
    model = _KINDS.get(kind)
    if model is None:
        raise ValidationError({"kind": "Indicare entrata, destinazione o tipo di spesa."})
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Indicare la denominazione."})
    with unit_of_work(db, reason="Denominazione nel piano dei conti") as s:
        seed_chart_in(s)
        row = _by_code(s, model, code, "code", "la voce")
        if row.confirmed and row.name != name:
            raise DomainError(f"«{row.code} {row.name}» è una denominazione confermata del "
                              "piano dei conti ministeriale: non si modifica.", "name")
        row.name = name
        s.commit()


# --- the Programma Annuale -----------------------------------------------------------------

def _programme(s, year: int, *, lock: bool = False) -> Programme:
    rows = lock_rows(s, Programme, where=Programme.year == year) if lock else list(
        s.scalars(select(Programme).where(Programme.year == year)))
    if not rows:
        raise DomainError(f"Il Programma Annuale {year} non è stato ancora predisposto.", "year")
    return rows[0]


@requires(PROGRAMME)
def create_programme(db: Database, year: int, *, proposed_on: date | None = None,
                     reserve_limit_percent: Decimal = rules.RESERVE_LIMIT_PERCENT,
                     notes: str = "") -> int:
    """The Programma Annuale of ``year`` as a proposal, with the chart of accounts."""
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": "Indicare l'esercizio finanziario (anno solare)."})
    percent = check_amount(reserve_limit_percent, "reserve_limit", "limite del fondo di riserva")
    if not 0 <= percent <= 100:
        raise ValidationError({"reserve_limit": "Il limite del fondo di riserva è una "
                                                "percentuale tra 0 e 100."})
    if proposed_on is not None and proposed_on.year not in (year - 1, year):
        raise ValidationError({"proposed_on": f"La proposta del Programma Annuale {year} è "
                                              f"del {year - 1} (entro il 30 novembre) o, in "
                                              f"ritardo, del {year}."})
    with unit_of_work(db, reason=f"Programma Annuale {year}") as s:
        if s.scalar(select(Programme.id).where(Programme.year == year)) is not None:
            raise DomainError(f"Il Programma Annuale {year} esiste già.", "year")
        p = new_programme_in(s, year, proposed_on=proposed_on, reserve_limit_percent=percent,
                             notes=notes)
        s.commit()
        return p.id


def new_programme_in(s, year: int, *, proposed_on: date | None = None,
                     reserve_limit_percent: Decimal = rules.RESERVE_LIMIT_PERCENT,
                     notes: str = "") -> Programme:
    """A proposal of the PA of ``year`` (the caller checked that there is none), with the
    shipped chart of accounts."""
    seed_chart_in(s)
    p = Programme(year=year, state=rules.PROGRAMME.initial, proposed_on=proposed_on,
                  reserve_limit_bp=int(reserve_limit_percent * 100), notes=(notes or "").strip())
    s.add(p)
    s.flush()
    return p


def _totals_in(s, programme: Programme) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Definitive revenue, definitive spending, fondo di riserva and dotazione ordinaria."""
    def total(model, *where) -> Decimal:
        return s.scalar(select(func.coalesce(func.sum(model.amount), 0)).where(*where))

    def varied(side: str, *where) -> Decimal:
        return s.scalar(select(func.coalesce(func.sum(VariationLine.amount), 0))
                        .join(Variation, Variation.id == VariationLine.variation_id)
                        .where(Variation.programme_id == programme.id,
                               VariationLine.side == side, *where))

    cents = _dec
    pid = programme.id
    reserve = s.scalar(select(Destination.id).where(Destination.code == chart.RESERVE))
    ordinary = s.scalar(select(RevenueItem.id).where(RevenueItem.code
                                                     == chart.ORDINARY_ALLOCATION))
    revenue = cents(total(RevenueForecast, RevenueForecast.programme_id == pid)) + cents(
        varied("E"))
    spending = cents(total(SpendingForecast, SpendingForecast.programme_id == pid)) + cents(
        varied("U"))
    r98 = cents(total(SpendingForecast, SpendingForecast.programme_id == pid,
                      SpendingForecast.destination_id == reserve)) + cents(
        varied("U", VariationLine.destination_id == reserve))
    dotazione = cents(total(RevenueForecast, RevenueForecast.programme_id == pid,
                            RevenueForecast.revenue_item_id == ordinary)) + cents(
        varied("E", VariationLine.revenue_item_id == ordinary))
    return revenue, spending, r98, dotazione


def _check_programme(s, programme: Programme) -> None:
    revenue, spending, r98, dotazione = _totals_in(s, programme)
    rules.check_balance(revenue, spending)
    rules.check_reserve(r98, dotazione, Decimal(programme.reserve_limit_bp) / 100)


@requires(PROGRAMME)
def set_forecasts(db: Database, year: int, *, revenue: Mapping[str, Decimal] | None = None,
                  spending: Mapping[tuple[str, str], Decimal] | None = None) -> None:
    """Initial forecasts: ``revenue`` {voce «03/01»: amount}, ``spending`` {(destination
    «A01», tipo di spesa «02»): amount}. Only while the PA is a proposal; the whole PA must
    then balance and keep the fondo di riserva within its limit, or nothing is saved."""
    revenue, spending = dict(revenue or {}), dict(spending or {})
    checked_rev = {code: rules.forecast_amount(v, f"revenue.{code}", f"Previsione {code}")
                   for code, v in revenue.items()}
    checked_sp = {key: rules.forecast_amount(v, f"spending.{key[0]}",
                                             f"Previsione {key[0]} tipo {key[1]}")
                  for key, v in spending.items()}
    with unit_of_work(db, reason=f"Previsioni del Programma Annuale {year}") as s:
        p = _programme(s, year, lock=True)
        if p.state not in rules.EDITABLE:
            raise DomainError(not_editable(p), "year")
        write_forecasts_in(s, p, checked_rev, checked_sp)
        s.commit()


def not_editable(p: Programme) -> str:
    return (f"Il Programma Annuale {p.year} è «{rules.PROGRAMME.label(p.state)}»: le previsioni "
            "si modificano solo con una variazione.")


def write_forecasts_in(s, p: Programme, checked_rev: Mapping[str, Decimal],
                       checked_sp: Mapping[tuple[str, str], Decimal]) -> None:
    """Set the given forecasts of a proposal, then check the whole PA (equilibrio, fondo di
    riserva): a refusal leaves the transaction to be rolled back."""
    for code, amount in checked_rev.items():
        item = _by_code(s, RevenueItem, code, f"revenue.{code}", "la voce di entrata")
        row = s.scalar(select(RevenueForecast).where(
            RevenueForecast.programme_id == p.id, RevenueForecast.revenue_item_id == item.id))
        if row is None:
            s.add(RevenueForecast(programme_id=p.id, revenue_item_id=item.id, amount=amount))
        else:
            row.amount = amount
    for (dest_code, type_code), amount in checked_sp.items():
        dest = _by_code(s, Destination, dest_code, f"spending.{dest_code}", "la destinazione")
        kind = _by_code(s, SpendingType, type_code, f"spending.{dest_code}",
                        "il tipo di spesa")
        row = s.scalar(select(SpendingForecast).where(
            SpendingForecast.programme_id == p.id, SpendingForecast.destination_id == dest.id,
            SpendingForecast.spending_type_id == kind.id))
        if row is None:
            s.add(SpendingForecast(programme_id=p.id, destination_id=dest.id,
                                   spending_type_id=kind.id, amount=amount))
        else:
            row.amount = amount
    s.flush()
    _check_programme(s, p)


@requires(PROGRAMME)
def advance_programme(db: Database, year: int, target: str, on: date, *,
                      reference: str = "") -> None:
    """Record a step of the PA: «parere» (revisori) or «deliberato» (Consiglio d'istituto,
    ``reference`` the deliberation)."""
    if on is None or on > date.today():
        raise ValidationError({"on": "Indicare la data (non futura)."})
    with unit_of_work(db, reason=f"Iter del Programma Annuale {year}") as s:
        p = _programme(s, year, lock=True)
        p.state = rules.PROGRAMME.move(p.state, target)
        if target == "parere":
            p.opinion_on = on
        elif target == "deliberato":
            if not (reference or "").strip():
                raise ValidationError({"reference": "Indicare gli estremi della delibera del "
                                                    "Consiglio d'istituto."})
            p.approved_on, p.approval_ref = on, reference.strip()
            _check_programme(s, p)
            _check_provisional_covered(s, p)
        s.commit()


def _check_provisional_covered(s, p: Programme) -> None:
    """The impegni of the gestione provvisoria must fit in the approved forecasts."""
    from ...queries.funds import availability_in

    dests = s.execute(select(Destination.id, Destination.code).join(
        Commitment, Commitment.destination_id == Destination.id).where(
        Commitment.programme_id == p.id).distinct().order_by(Destination.code)).all()
    for dest_id, code in dests:
        a = availability_in(s, p.id, dest_id, code)
        if a.available < 0:
            raise ValidationError({"forecasts": (
                f"Le previsioni di {code} ({format_money(a.definitive)}) non coprono gli "
                f"impegni della gestione provvisoria ({format_money(a.committed)}).")})


# --- variations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class VariationLineInput:
    """A line of a variation: a voce di entrata («03/06») or a destination with its tipo di
    spesa («A01», «02»); ``amount`` signed (+ raises, − lowers the forecast)."""

    amount: Decimal
    revenue: str = ""
    destination: str = ""
    spending_type: str = ""


@dataclass
class VariationInput:
    year: int
    kind: str
    decided_on: date
    lines: Sequence[VariationLineInput] = field(default_factory=tuple)
    reason: str = ""
    act_ref: str = ""


@requires(VARY)
def record_variation(db: Database, data: VariationInput) -> int:
    """A variation of the PA (Mod. F/G): changes the definitive forecasts. Returns its id."""
    if data.kind in rules.BY_DECREE:
        require(db, DECREE)
    with unit_of_work(db, reason="Variazione al Programma Annuale") as s:
        vid = record_variation_in(s, data)
        s.commit()
        return vid


def _check_lines(data: VariationInput) -> list[tuple[VariationLineInput, Decimal]]:
    if not data.lines:
        raise ValidationError({"lines": "Indicare almeno una riga della variazione."})
    out = []
    for i, line in enumerate(data.lines, start=1):
        amount = check_amount(line.amount, "lines", f"importo della riga {i}")
        if amount == 0:
            raise ValidationError({"lines": f"Riga {i}: l'importo non può essere zero."})
        if bool(line.revenue) == bool(line.destination):
            raise ValidationError({"lines": f"Riga {i}: indicare una voce di entrata oppure "
                                            "una destinazione di spesa."})
        if line.destination and not line.spending_type:
            raise ValidationError({"lines": f"Riga {i}: indicare il tipo di spesa."})
        out.append((line, amount))
    revenue = sum((a for line, a in out if line.revenue), Decimal(0))
    spending = sum((a for line, a in out if line.destination), Decimal(0))
    if data.kind in ("storno", "prelievo"):
        if revenue or any(line.revenue for line, _ in out):
            raise ValidationError({"lines": "Uno storno o un prelievo sposta somme tra "
                                            "destinazioni di spesa: nessuna voce di entrata."})
        if spending != 0:
            raise ValidationError({"lines": f"Le righe dello storno devono dare somma zero "
                                            f"(somma attuale {format_money(spending)})."})
    if data.kind == "prelievo":
        from_reserve = [a for line, a in out if line.destination.upper() == chart.RESERVE]
        if not from_reserve or any(a > 0 for a in from_reserve):
            raise ValidationError({"lines": "Un prelievo riduce il fondo di riserva (R98) e "
                                            "aumenta altre destinazioni."})
    if data.kind == "decreto" and revenue != spending:
        raise ValidationError({"lines": f"Il decreto iscrive l'entrata finalizzata in entrata "
                                        f"({format_money(revenue)}) e in spesa "
                                        f"({format_money(spending)}) per lo stesso importo."})
    return out


def record_variation_in(s, data: VariationInput, earmarked_id: int | None = None) -> int:
    reason = rules.check_variation_reason(data.kind, data.decided_on, data.reason)
    lines = _check_lines(data)
    rules.check_in_year(data.decided_on, data.year, "decided_on", "Data della variazione")
    if data.decided_on > date.today():
        raise ValidationError({"decided_on": "La data della variazione non può essere futura."})
    p = _programme(s, data.year, lock=True)
    if p.state != "deliberato":
        raise DomainError(f"Il Programma Annuale {data.year} non è ancora deliberato: prima "
                          "della delibera si modificano le previsioni, non si registrano "
                          "variazioni.", "year")
    resolved = []
    for i, (line, amount) in enumerate(lines, start=1):
        if line.revenue:
            item = _by_code(s, RevenueItem, line.revenue, "lines", f"la voce della riga {i}")
            resolved.append(("E", item.id, None, None, amount, line.revenue))
        else:
            dest = _by_code(s, Destination, line.destination, "lines",
                            f"la destinazione della riga {i}")
            kind = _by_code(s, SpendingType, line.spending_type, "lines",
                            f"il tipo di spesa della riga {i}")
            resolved.append(("U", None, dest.id, kind.id, amount, dest.code))
    # The destinations lowered are locked (key order) and read under the gate: what is
    # already committed on them is what the other PCs committed before.
    lowered = sorted({r[2] for r in resolved if r[0] == "U" and r[4] < 0})
    lock_rows(s, Destination, lowered)
    number = next_number(s, VARIATION_NUMBERS, data.year)
    v = Variation(programme_id=p.id, year=data.year, number=number, kind=data.kind,
                  decided_on=data.decided_on, reason=reason,
                  act_ref=" ".join((data.act_ref or "").split()), earmarked_id=earmarked_id,
                  recorded_by_id=s.info["user"].id)
    s.add(v)
    s.flush()
    for i, (side, item_id, dest_id, type_id, amount, _code) in enumerate(resolved, start=1):
        s.add(VariationLine(variation_id=v.id, line_no=i, side=side, revenue_item_id=item_id,
                            destination_id=dest_id, spending_type_id=type_id, amount=amount))
    s.flush()
    _check_after_variation(s, p, resolved)
    _check_programme(s, p)
    return v.id


def _check_after_variation(s, p: Programme, resolved) -> None:
    """No forecast below zero, no destination below what is committed on it."""
    from ...queries.funds import availability_in

    for side, item_id, dest_id, type_id, _amount, code in resolved:
        if side == "E":
            initial = s.scalar(select(func.coalesce(func.sum(RevenueForecast.amount), 0)).where(
                RevenueForecast.programme_id == p.id, RevenueForecast.revenue_item_id == item_id))
            varied = s.scalar(select(func.coalesce(func.sum(VariationLine.amount), 0))
                              .join(Variation).where(Variation.programme_id == p.id,
                                                     VariationLine.revenue_item_id == item_id))
            if _dec(initial) + _dec(varied) < 0:
                raise ValidationError({"lines": f"La variazione porterebbe la previsione della "
                                                f"voce {code} sotto zero."})
            continue
        initial = s.scalar(select(func.coalesce(func.sum(SpendingForecast.amount), 0)).where(
            SpendingForecast.programme_id == p.id, SpendingForecast.destination_id == dest_id,
            SpendingForecast.spending_type_id == type_id))
        varied = s.scalar(select(func.coalesce(func.sum(VariationLine.amount), 0))
                          .join(Variation).where(Variation.programme_id == p.id,
                                                 VariationLine.destination_id == dest_id,
                                                 VariationLine.spending_type_id == type_id))
        if _dec(initial) + _dec(varied) < 0:
            raise ValidationError({"lines": f"La variazione porterebbe la previsione di {code} "
                                            "per il tipo di spesa indicato sotto zero."})
        a = availability_in(s, p.id, dest_id, code)
        if a.available < 0:
            raise ValidationError({"lines": (
                f"La variazione porterebbe {code} a {format_money(a.definitive)}, meno di "
                f"quanto già impegnato ({format_money(a.committed)}).")})


def _dec(value) -> Decimal:
    """A SUM over a Cents column comes back as integer cents (func.sum loses the type)."""
    from ...domain.money import from_cents

    return from_cents(value) if isinstance(value, int) else Decimal(value)


# --- earmarked funds -----------------------------------------------------------------------

@dataclass
class EarmarkedInput:
    year: int
    name: str
    legal_basis: str
    amount: Decimal
    assigned_on: date
    destination: str
    spending_types: Sequence[str]
    use_by: date
    report_by: date | None = None
    revenue: str = chart.EARMARKED_STATE
    note: str = ""


@requires(DECREE)
def record_earmarked_fund(db: Database, data: EarmarkedInput) -> tuple[int, int]:
    """A finanziamento vincolato, taken into the budget by decree of the dirigente (art. 10):
    the fund and its variation (entrata on ``revenue``, spesa on ``destination`` under the
    first allowed tipo di spesa), in one transaction. Returns (fund id, variation id)."""
    errors = {}
    name = " ".join((data.name or "").split())
    basis = " ".join((data.legal_basis or "").split())
    if not name:
        errors["name"] = "Indicare il finanziamento (es. «Risorse ex art. 31 DL 41/2021»)."
    if not basis:
        errors["legal_basis"] = "Indicare la base normativa (es. «DL 41/2021 art. 31 c.1»)."
    if not data.spending_types:
        errors["spending_types"] = "Indicare i tipi di spesa ammessi dal finanziamento."
    if not (data.destination or "").strip():
        errors["destination"] = "Indicare la destinazione (attività o progetto) di imputazione."
    if errors:
        raise ValidationError(errors)
    amount = rules.positive_amount(data.amount, "amount", "Importo assegnato")
    rules.check_in_year(data.assigned_on, data.year, "assigned_on", "Data di assegnazione")
    if data.use_by is None or data.use_by < data.assigned_on:
        raise ValidationError({"use_by": "Il termine per l'utilizzo deve seguire "
                                         "l'assegnazione."})
    if data.report_by is not None and data.report_by < data.use_by:
        raise ValidationError({"report_by": "Il termine per la rendicontazione non precede "
                                            "quello per l'utilizzo."})
    with unit_of_work(db, reason="Finanziamento vincolato") as s:
        p = _programme(s, data.year, lock=True)
        item = _by_code(s, RevenueItem, data.revenue, "revenue", "la voce di entrata")
        dest = _by_code(s, Destination, data.destination, "destination", "la destinazione")
        if not chart.is_spendable(dest.code):
            raise ValidationError({"destination": f"Su {dest.code} non si impegna: indicare "
                                                  "un'attività o un progetto."})
        types = [_by_code(s, SpendingType, c, "spending_types", "il tipo di spesa")
                 for c in dict.fromkeys(data.spending_types)]
        fund = EarmarkedFund(programme_id=p.id, name=name, legal_basis=basis,
                             note=" ".join((data.note or "").split()), amount=amount,
                             assigned_on=data.assigned_on, revenue_item_id=item.id,
                             destination_id=dest.id, use_by=data.use_by,
                             report_by=data.report_by, recorded_by_id=s.info["user"].id)
        s.add(fund)
        s.flush()
        for t in types:
            s.add(EarmarkedType(earmarked_id=fund.id, spending_type_id=t.id))
        vid = record_variation_in(s, VariationInput(
            data.year, "decreto", data.assigned_on,
            [VariationLineInput(amount, revenue=item.code),
             VariationLineInput(amount, destination=dest.code, spending_type=types[0].code)],
            reason=f"Iscrizione del finanziamento vincolato «{name}» ({basis})",
            act_ref=f"Assegnazione del {format_date(data.assigned_on)}"), earmarked_id=fund.id)
        s.commit()
        return fund.id, vid


def committed_on_fund_in(s, fund_id: int) -> Decimal:
    return _dec(s.scalar(select(func.coalesce(func.sum(Commitment.amount), 0))
                         .where(Commitment.earmarked_id == fund_id)))
