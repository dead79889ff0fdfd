"""The procedure file of a purchase (domain/procurement/procedure.py): the request and its
decision, the determina a contrarre with the DSGA's attestation of coverage and its impegno,
the quotations with the award, the order letter.

Each use case is one transaction under the write gate (unit_of_work); the rows that decide
what is written (the request, the procedure, the supplier) are locked first. The determina
is numbered in «acquisti-determine» and takes its impegno in Fondi (services.funds.spending
.commit_in) in the same transaction: a refusal of Fondi (availability, earmarked fund) leaves
neither the procedure nor its number. Orders are numbered in «acquisti-ordini».

Who: the office (procurement.prepare) records requests, quotations and orders; the DSGA or
the dirigente decide on a request (procurement.approve); the determina and the award are acts
of the dirigente (procurement.sign, D.Lgs 36/2023 art. 17), the determina carrying the
DSGA's attestation of coverage.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...areas.procurement import APPROVE, PREPARE, SIGN
from ...areas.school import SETTINGS
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.access import DIRIGENTE
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.money import format_money
from ...domain.procurement import procedure as rules
from ...domain.procurement.fields import ORDER, ORDER_LINE, PROCEDURE, QUOTE, REQUEST
from ...domain.procurement.rotation import ProposedAward, check_rotation
from ...domain.procurement.thresholds import propose_procedure
from ...domain.procurement_codes import normalize_cig, normalize_cup
from ...models.funds import Commitment, Destination
from ...models.procurement import (
    Procedure,
    ProcurementSetting,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseRequest,
    Quote,
    Supplier,
    SupplierAward,
)
from ..funds.spending import CommitmentInput, commit_in
from ..registers import add_entry, entry_date_as
from .suppliers import _history


def _clean(record, values: dict) -> dict:
    clean, errors = {}, {}
    for name, value in values.items():
        try:
            clean[name] = record[name].check(value)
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    return clean


def _locked(s, model, row_id, field: str, what: str):
    found = lock_rows(s, model, [row_id]) if isinstance(row_id, int) else []
    if not found:
        raise ValidationError({field: f"{what} inesistente: forse è stata modificata da "
                                      "un'altra postazione."})
    return found[0]


# --- the request --------------------------------------------------------------------------------
@dataclass
class RequestInput:
    requested_on: date
    unit_kind: str              # ufficio | plesso | laboratorio
    unit: str
    requested_by: str
    object: str
    reason: str
    amount: Decimal | str       # estimated, IVA included


@requires(PREPARE)
def submit_request(db: Database, data: RequestInput) -> int:
    """A purchase request from an office, plesso or laboratory, «presentata»."""
    clean = _clean(REQUEST, {"requested_on": data.requested_on, "unit_kind": data.unit_kind,
                             "unit": data.unit, "requested_by": data.requested_by,
                             "object": data.object, "reason": data.reason,
                             "amount": data.amount})
    if clean["amount"] <= 0:
        raise ValidationError({"amount": "L'importo stimato deve essere maggiore di zero."})
    with unit_of_work(db, reason="Acquisti: richiesta d'acquisto") as s:
        row = PurchaseRequest(status=rules.REQUEST.initial, recorded_by_id=s.info["user"].id,
                              **clean)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(APPROVE)
def decide_request(db: Database, request_id: int, *, approve: bool, decided_on: date,
                   note: str = "") -> str:
    """Approve or refuse a request (the reason is required for a refusal); the new state."""
    clean = _clean(REQUEST, {"decided_on": decided_on, "decision_note": note})
    if clean["decided_on"] is None:
        raise ValidationError({"decided_on": "Indicare la data della decisione."})
    if not approve and len(clean["decision_note"]) < rules.MIN_MOTIVATION:
        raise ValidationError({"decision_note": "Indicare il motivo del rifiuto della "
                                                "richiesta."})
    target = "approvata" if approve else "respinta"
    with unit_of_work(db, reason="Acquisti: decisione sulla richiesta d'acquisto") as s:
        row = _locked(s, PurchaseRequest, request_id, "request_id", "Richiesta d'acquisto")
        row.status = rules.REQUEST.move(row.status, target, (
            f"La richiesta è già «{rules.REQUEST.label(row.status)}»: non si decide di "
            "nuovo."))
        if clean["decided_on"] < row.requested_on:
            raise ValidationError({"decided_on": (
                f"La decisione non può precedere la richiesta del "
                f"{format_date(row.requested_on)}.")})
        user = s.info["user"]
        row.decided_on = clean["decided_on"]
        row.decision_note = clean["decision_note"]
        row.decided_as = "dirigente" if DIRIGENTE in getattr(user, "roles", ()) else "dsga"
        row.decided_by_id = user.id
        s.commit()
    return target


# --- the determina a contrarre ------------------------------------------------------------------
@dataclass
class DeterminaInput:
    request_id: int
    decided_on: date
    object: str
    kind: str                   # thresholds.SUPPLIES | WORKS
    sector: str                 # CPV
    amount: Decimal | str       # estimated, net of IVA
    procedure: str
    rup: str
    destination: str
    spending_type: str
    vat_rate: str = "22"
    procedure_motivation: str = ""
    council_deliberation: str = ""
    via_consip: bool = False
    consip_motivation: str = ""
    via_mepa: bool = False
    mepa_motivation: str = ""
    ddi_derogation: bool = False
    cig: str = ""
    cup: str = ""
    earmarked_id: int | None = None
    coverage_attested: bool = False     # the DSGA's visto on the determina
    commitment_id: int | None = None    # an impegno already taken in Fondi, to tie instead


@dataclass(frozen=True)
class Adopted:
    id: int
    year: int
    number: int
    commitment: str             # «n. 5/2021»
    notes: tuple[str, ...]
    warning: str = ""


def settings_of(s) -> tuple[Decimal | None, bool]:
    row = s.get(ProcurementSetting, 1)
    return (row.dirigente_limit, row.central_authority) if row else (None, True)


def gross(amount: Decimal, vat_rate: str) -> Decimal:
    return amount + rules.vat_of(amount, Decimal(vat_rate))


def _vat_rate(text: str) -> str:
    raw = (text or "").strip().replace(",", ".").rstrip("%").strip() or "22"
    try:
        rate = Decimal(raw)
    except ArithmeticError:
        rate = Decimal(-1)
    if not rate.is_finite() or not 0 <= rate <= 100 or rate != rate.quantize(Decimal("0.01")):
        raise ValidationError({"vat_rate": f"Aliquota IVA «{text}» non valida: ad esempio 22, "
                                           "10, 4 o 0 per un servizio esente."})
    return format(rate.normalize(), "f")


@requires(SIGN)
def adopt_determina(db: Database, data: DeterminaInput) -> Adopted:
    """The determina a contrarre of an approved request, numbered in «acquisti-determine»,
    with its checks (domain/procurement/procedure.check_determina) and the DSGA's attestation
    of coverage, which takes the impegno on the destination (IVA included) in the same
    transaction; or ties the impegno already taken in Fondi (``commitment_id``)."""
    clean = _clean(PROCEDURE, {
        "decided_on": data.decided_on, "object": data.object, "kind": data.kind,
        "sector": data.sector, "amount": data.amount, "procedure": data.procedure,
        "rup": data.rup, "destination": data.destination, "spending_type": data.spending_type,
        "procedure_motivation": data.procedure_motivation,
        "council_deliberation": data.council_deliberation,
        "consip_motivation": data.consip_motivation, "mepa_motivation": data.mepa_motivation})
    errors = {}
    for name, check in (("cig", normalize_cig), ("cup", normalize_cup),
                        ("vat_rate", _vat_rate)):
        try:
            clean[name] = check(getattr(data, name))
        except ValidationError as exc:
            errors.update(exc.errors)
    if clean["amount"] <= 0:
        errors["amount"] = "L'importo stimato, al netto dell'IVA, deve essere maggiore di zero."
    if not data.coverage_attested and data.commitment_id is None:
        errors["coverage_attested"] = ("Manca l'attestazione della copertura finanziaria del "
                                       "DSGA: la determina non si adotta senza.")
    if errors:
        raise ValidationError(errors)
    for name in ("via_consip", "via_mepa", "ddi_derogation"):
        clean[name] = bool(getattr(data, name))
    with unit_of_work(db, reason="Acquisti: determina a contrarre") as s:
        request = _locked(s, PurchaseRequest, data.request_id, "request_id",
                          "Richiesta d'acquisto")
        request.status = rules.REQUEST.move(request.status, "in_procedura", (
            f"La richiesta è «{rules.REQUEST.label(request.status)}»: solo una richiesta "
            "approvata diventa una procedura."))
        if request.decided_on and clean["decided_on"] < request.decided_on:
            raise ValidationError({"decided_on": (
                f"La determina non può precedere l'approvazione della richiesta del "
                f"{format_date(request.decided_on)}.")})
        limit, central = settings_of(s)
        proposal = propose_procedure(clean["kind"], clean["amount"], clean["decided_on"],
                                     central=central, dirigente_limit=limit,
                                     ddi_devices=clean["ddi_derogation"])
        notes = rules.check_determina(rules.DeterminaFacts(
            clean["decided_on"], clean["amount"], clean["procedure"],
            clean["procedure_motivation"], clean["council_deliberation"],
            clean["via_consip"], clean["consip_motivation"], clean["via_mepa"],
            clean["mepa_motivation"], clean["ddi_derogation"]), proposal, limit)
        try:
            ref = add_entry(s.connection(), spec=rules.DETERMINE,
                            entry_date=clean["decided_on"],
                            description=f"Determina a contrarre – {clean['object']}",
                            user=s.info["user"], amount=clean["amount"],
                            reference=clean["cig"] or None)
        except ValidationError as exc:
            raise entry_date_as(exc, "decided_on", "Data della determina: ") from None
        total = gross(clean["amount"], clean["vat_rate"])
        warning = ""
        if data.commitment_id is None:
            try:
                recorded = commit_in(s, CommitmentInput(
                    clean["decided_on"].year, clean["decided_on"], clean["destination"],
                    clean["spending_type"], total, clean["object"], "",
                    earmarked_id=data.earmarked_id, cig=clean["cig"], cup=clean["cup"]))
            except ValidationError as exc:     # Fondi's refusal, on the determina's fields
                raise ValidationError({"decided_on" if k == "committed_on" else k: v
                                       for k, v in exc.errors.items()}) from None
            commitment_id, warning = recorded.id, recorded.warning
            commitment = f"n. {recorded.number}/{recorded.year}"
        else:
            commitment_id, commitment = _tie(s, data.commitment_id, clean, total)
        row = Procedure(request_id=request.id, entry_id=ref.id, year=ref.year,
                        number=ref.number, proposed_procedure=proposal.procedure,
                        notes="\n".join(notes), earmarked_id=data.earmarked_id,
                        status=rules.PROCEDURE.initial, coverage_on=clean["decided_on"],
                        coverage_by_id=s.info["user"].id, commitment_id=commitment_id,
                        recorded_by_id=s.info["user"].id, **clean)
        s.add(row)
        s.flush()
        result = Adopted(row.id, ref.year, ref.number, commitment, notes, warning)
        s.commit()
    return result


def _tie(s, commitment_id: int, clean: dict, total: Decimal) -> tuple[int, str]:
    """An impegno already in Fondi, on the determina's destination, for at least its amount
    and tied to no other procedure."""
    found = lock_rows(s, Commitment, [commitment_id]) if isinstance(commitment_id, int) else []
    if not found:
        raise ValidationError({"commitment_id": "Impegno di spesa inesistente."})
    c = found[0]
    ref = f"n. {c.number}/{c.year}"
    dest = s.get(Destination, c.destination_id)
    if dest.code != clean["destination"]:
        raise ValidationError({"commitment_id": (
            f"L'impegno {ref} è su {dest.code}, la determina su {clean['destination']}.")})
    if c.amount < total:
        raise ValidationError({"commitment_id": (
            f"L'impegno {ref} è di {format_money(c.amount)}: non copre i "
            f"{format_money(total)} della determina, IVA inclusa.")})
    other = s.scalar(select(Procedure.number).where(Procedure.commitment_id == c.id))
    if other is not None:
        raise ValidationError({"commitment_id": (
            f"L'impegno {ref} copre già la determina n. {other}.")})
    return c.id, ref


# --- quotations and award -----------------------------------------------------------------------
@requires(PREPARE)
def invite_operators(db: Database, procedure_id: int, supplier_ids: Sequence[int], *,
                     invited_on: date) -> list[int]:
    """The operators of the albo invited to quote (each once per procedure)."""
    day = _clean(QUOTE, {"invited_on": invited_on})["invited_on"]
    if not supplier_ids:
        raise ValidationError({"supplier_id": "Scegliere almeno un operatore da invitare."})
    with unit_of_work(db, reason="Acquisti: operatori invitati a presentare preventivo") as s:
        proc = _locked(s, Procedure, procedure_id, "procedure_id", "Procedura")
        if proc.status != rules.PROCEDURE.initial:
            raise DomainError(f"La procedura è «{rules.PROCEDURE.label(proc.status)}»: non "
                              "si invitano altri operatori.")
        if day < proc.decided_on:
            raise ValidationError({"invited_on": (
                f"L'invito non può precedere la determina del {format_date(proc.decided_on)}.")})
        already = set(s.scalars(select(Quote.supplier_id).where(
            Quote.procedure_id == proc.id)))
        ids = []
        for sid in supplier_ids:
            supplier = s.get(Supplier, sid) if isinstance(sid, int) else None
            if supplier is None or not supplier.active:
                raise ValidationError({"supplier_id": "Operatore inesistente o non attivo "
                                                      "nell'albo dei fornitori."})
            if sid in already:
                raise ValidationError({"supplier_id": f"«{supplier.name}» è già invitato."})
            already.add(sid)
            q = Quote(procedure_id=proc.id, supplier_id=sid, invited_on=day,
                      recorded_by_id=s.info["user"].id)
            s.add(q)
            s.flush()
            ids.append(q.id)
        s.commit()
    return ids


@requires(PREPARE)
def record_offer(db: Database, quote_id: int, *, received_on: date, amount,
                 notes: str = "") -> None:
    """The offer of an invited operator (net of IVA)."""
    clean = _clean(QUOTE, {"received_on": received_on, "amount": amount, "notes": notes})
    if clean["received_on"] is None:
        raise ValidationError({"received_on": "Indicare la data del preventivo."})
    if clean["amount"] is None or clean["amount"] <= 0:
        raise ValidationError({"amount": "L'importo del preventivo deve essere maggiore di "
                                         "zero."})
    with unit_of_work(db, reason="Acquisti: preventivo ricevuto") as s:
        q = _locked(s, Quote, quote_id, "quote_id", "Richiesta di preventivo")
        proc = _locked(s, Procedure, q.procedure_id, "procedure_id", "Procedura")
        if proc.status != rules.PROCEDURE.initial:
            raise DomainError("Il preventivo è già stato scelto: la procedura è "
                              f"«{rules.PROCEDURE.label(proc.status)}».")
        if clean["received_on"] < q.invited_on:
            raise ValidationError({"received_on": (
                f"Il preventivo non può precedere l'invito del {format_date(q.invited_on)}.")})
        q.received_on, q.amount, q.notes = clean["received_on"], clean["amount"], clean["notes"]
        s.commit()


@dataclass(frozen=True)
class Awarded:
    award_id: int
    supplier: str
    amount: Decimal
    reason: str             # why this offer
    rotation: str           # what the rotation check said


@requires(SIGN)
def choose_offer(db: Database, procedure_id: int, quote_id: int, *, awarded_on: date,
                 criterion: str = rules.LOWEST_PRICE, criterion_text: str = "",
                 motivation: str = "") -> Awarded:
    """The offer chosen by the criterion (lowest price or the one stated), checked against
    the rotation principle (art. 49) and recorded among the supplier's awards. Refused when
    the supplier has no regular DURC valid on the day of the award."""
    from .liquidation import durc_refusal_in

    if not isinstance(awarded_on, date):
        raise ValidationError({"awarded_on": "Indicare la data dell'affidamento."})
    if awarded_on > date.today():
        raise ValidationError({"awarded_on": "La data dell'affidamento non può essere futura."})
    with unit_of_work(db, reason="Acquisti: scelta del preventivo e affidamento") as s:
        proc = _locked(s, Procedure, procedure_id, "procedure_id", "Procedura")
        proc.status = rules.PROCEDURE.move(proc.status, "affidata", (
            f"La procedura è «{rules.PROCEDURE.label(proc.status)}»: l'affidamento è già "
            "registrato."))
        quotes = list(s.execute(select(Quote, Supplier.name).join(
            Supplier, Supplier.id == Quote.supplier_id).where(Quote.procedure_id == proc.id)
            .order_by(Quote.id)))
        offers = [rules.Offer(q.id, name, q.amount) for q, name in quotes]
        reason = rules.check_choice(offers, quote_id, criterion, criterion_text)
        chosen = next(q for q, _name in quotes if q.id == quote_id)
        if awarded_on < chosen.received_on:
            raise ValidationError({"awarded_on": (
                f"L'affidamento non può precedere il preventivo del "
                f"{format_date(chosen.received_on)}.")})
        supplier = lock_rows(s, Supplier, [chosen.supplier_id])[0]
        refusal = durc_refusal_in(s, supplier, awarded_on, "l'affidamento")
        if refusal:
            raise ValidationError({"quote_id": refusal})
        text = " ".join((motivation or "").split())
        verdict = check_rotation(_history(s), ProposedAward(
            supplier.id, proc.sector, chosen.amount, awarded_on, text))
        if verdict.forbidden:
            raise ValidationError({"motivation": verdict.reason})
        award = SupplierAward(supplier_id=supplier.id, awarded_on=awarded_on,
                              object=proc.object, sector=proc.sector, amount=chosen.amount,
                              cig=proc.cig, rotation_exception=verdict.exception,
                              motivation=text if verdict.exception == "motivata" else "",
                              recorded_by_id=s.info["user"].id)
        s.add(award)
        s.flush()
        chosen.chosen = True
        proc.award_id, proc.criterion = award.id, criterion
        proc.criterion_text = " ".join((criterion_text or "").split())[:300]
        if proc.commitment_id is not None:      # the impegno now names its creditor
            c = s.get(Commitment, proc.commitment_id)
            if not c.creditor_name:
                c.creditor_name = supplier.name
        result = Awarded(award.id, supplier.name, chosen.amount, reason, verdict.reason)
        s.commit()
    return result


# --- the order ----------------------------------------------------------------------------------
@dataclass
class OrderLineInput:
    description: str
    quantity: str | Decimal
    unit_price: Decimal | str
    unit: str = ""
    vat_rate: str = "22"


@dataclass
class OrderInput:
    procedure_id: int
    ordered_on: date
    delivery_place: str
    lines: list[OrderLineInput] = field(default_factory=list)
    delivery_terms: str = ""
    delivery_by: date | None = None
    cig: str = ""          # when the CIG came after the determina


@dataclass(frozen=True)
class Ordered:
    id: int
    year: int
    number: int
    total: Decimal


def _lines(lines: Sequence[OrderLineInput]) -> list[dict]:
    if not lines:
        raise ValidationError({"lines": "L'ordine ha almeno una riga."})
    out, errors = [], {}
    for n, line in enumerate(lines, start=1):
        try:
            clean = _clean(ORDER_LINE, {"description": line.description, "unit": line.unit,
                                        "unit_price": line.unit_price})
            q = rules.parse_quantity(line.quantity, "quantity")
            clean["vat_rate"] = _vat_rate(line.vat_rate)
        except ValidationError as exc:
            errors.update({f"line{n}_{k}": f"Riga {n}: {v}" for k, v in exc.errors.items()})
            continue
        if clean["unit_price"] <= 0:
            errors[f"line{n}_unit_price"] = f"Riga {n}: il prezzo unitario è maggiore di zero."
            continue
        total = rules.line_total(q, clean["unit_price"])
        out.append({**clean, "line_no": n, "quantity": rules.stored_quantity(q),
                    "total": total})
    if errors:
        raise ValidationError(errors)
    return out


@requires(PREPARE)
def issue_order(db: Database, data: OrderInput) -> Ordered:
    """The order letter to the awardee, numbered in «acquisti-ordini»: its lines (quantity ×
    unit price, net of IVA) may not exceed the award nor, IVA included, the impegno."""
    clean = _clean(ORDER, {"ordered_on": data.ordered_on,
                           "delivery_place": data.delivery_place,
                           "delivery_terms": data.delivery_terms,
                           "delivery_by": data.delivery_by})
    lines = _lines(data.lines)
    cig = normalize_cig(data.cig)
    taxable = sum((line["total"] for line in lines), Decimal("0.00"))
    # The IVA on each rate's taxable, as the invoice's summary computes it (DatiRiepilogo).
    by_rate: dict[str, Decimal] = {}
    for line in lines:
        by_rate[line["vat_rate"]] = by_rate.get(line["vat_rate"], Decimal("0.00")) + \
            line["total"]
    tax = sum((rules.vat_of(v, Decimal(r)) for r, v in by_rate.items()), Decimal("0.00"))
    with unit_of_work(db, reason="Acquisti: lettera d'ordine") as s:
        proc = _locked(s, Procedure, data.procedure_id, "procedure_id", "Procedura")
        proc.status = rules.PROCEDURE.move(proc.status, "ordinata", (
            "L'ordine si emette dopo l'affidamento, una volta sola: la procedura è "
            f"«{rules.PROCEDURE.label(proc.status)}»."))
        award = s.get(SupplierAward, proc.award_id)
        if clean["ordered_on"] < award.awarded_on:
            raise ValidationError({"ordered_on": (
                f"L'ordine non può precedere l'affidamento del "
                f"{format_date(award.awarded_on)}.")})
        if clean["delivery_by"] is not None and clean["delivery_by"] < clean["ordered_on"]:
            raise ValidationError({"delivery_by": "La consegna non può precedere l'ordine."})
        if taxable > award.amount:
            raise ValidationError({"lines": (
                f"Le righe dell'ordine sommano {format_money(taxable)} al netto dell'IVA: "
                f"oltre l'affidamento di {format_money(award.amount)}.")})
        if proc.commitment_id is not None:
            c = s.get(Commitment, proc.commitment_id)
            if taxable + tax > c.amount:
                raise ValidationError({"lines": (
                    f"L'ordine, IVA inclusa, è di {format_money(taxable + tax)}: oltre "
                    f"l'impegno n. {c.number}/{c.year} di {format_money(c.amount)}.")})
        if cig and not proc.cig:
            proc.cig = cig
        supplier = s.get(Supplier, award.supplier_id)
        try:
            ref = add_entry(s.connection(), spec=rules.ORDERS, entry_date=clean["ordered_on"],
                            description=f"Ordine a {supplier.name} – {proc.object}",
                            user=s.info["user"], amount=taxable + tax,
                            reference=proc.cig or None)
        except ValidationError as exc:
            raise entry_date_as(exc, "ordered_on", "Data dell'ordine: ") from None
        order = PurchaseOrder(procedure_id=proc.id, entry_id=ref.id, year=ref.year,
                              number=ref.number, supplier_id=supplier.id, taxable=taxable,
                              tax=tax, total=taxable + tax, recorded_by_id=s.info["user"].id,
                              **clean)
        s.add(order)
        s.flush()
        for line in lines:
            s.add(PurchaseOrderLine(order_id=order.id, **line))
        s.flush()
        result = Ordered(order.id, ref.year, ref.number, taxable + tax)
        s.commit()
    return result


# --- settings -----------------------------------------------------------------------------------
@requires(SIGN)
def set_dirigente_limit(db: Database, limit, *, central_authority: bool = True) -> None:
    """The limit the Consiglio d'istituto set for the dirigente's affidamenti (art. 45 c.2
    lett. a; None: none set) and the kind of EU threshold the school applies."""
    from ...domain.procurement.fields import SETTING

    value = SETTING["dirigente_limit"].check(limit)
    if value is not None and value <= 0:
        raise ValidationError({"dirigente_limit": "Il limite è maggiore di zero."})
    with unit_of_work(db, reason="Acquisti: limite del dirigente") as s:
        found = lock_rows(s, ProcurementSetting, [1])
        row = found[0] if found else ProcurementSetting(id=1)
        if not found:
            s.add(row)
        row.dirigente_limit = value
        row.central_authority = bool(central_authority)
        s.commit()


@requires(SETTINGS)
def set_payment_days(db: Database, days) -> None:
    """The term for paying an invoice that states no due date, in days from its receipt: a
    school setting, by default 30 (D.Lgs 231/2002 art. 4 [U]); the law lets a public body agree
    up to 60 days (art. 4 c.4), so 1 to 60 days are accepted."""
    from ...domain.procurement.fields import SETTING

    value = SETTING["payment_days"].check(days)
    if not 1 <= value <= 60:
        raise ValidationError({"payment_days": "Il termine di pagamento va da 1 a 60 giorni "
                                               "dalla ricezione (D.Lgs 231/2002 art. 4)."})
    with unit_of_work(db, reason="Acquisti: termine di pagamento delle fatture") as s:
        found = lock_rows(s, ProcurementSetting, [1])
        row = found[0] if found else ProcurementSetting(id=1)
        if not found:
            s.add(row)
        row.payment_days = value
        s.commit()
