"""The procedure files as the Acquisti tab, the scheda and the prints read them (plain rows,
no ORM objects): the list of requests with their procedure, and the whole file of one
(request, determina with its checks and impegno, quotations, award, order and its lines).
They name the persons who asked and decided: guarded by procurement.read."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..areas.procurement import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.money import format_money
from ..domain.procurement import procedure as rules
from ..domain.procurement.acceptance import OUTCOMES
from ..domain.procurement.rotation import EXCEPTIONS
from ..domain.procurement.thresholds import (
    KINDS,
    PROCEDURES,
    Proposal,
    procedure_label,
    propose_procedure,
    regime_on,
)
from ..models.funds import Commitment, EarmarkedFund
from ..models.procurement import (
    Delivery,
    Procedure,
    ProcurementSetting,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseRequest,
    Quote,
    Supplier,
    SupplierAward,
    Verification,
)
from ..models.school import School
from .scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable


def procedure_proposal(db: Database, kind: str, amount: Decimal, day: date,
                       ddi_devices: bool = False) -> Proposal:
    """What thresholds.propose_procedure says on ``day`` with the school's settings (the
    dirigente's limit, central or sub-central thresholds): what the determina form shows."""
    with read_session(db) as s:
        row = s.get(ProcurementSetting, 1)
        limit, central = (row.dirigente_limit, row.central_authority) if row else (None, True)
    return propose_procedure(kind, amount, day, central=central, dirigente_limit=limit,
                             ddi_devices=ddi_devices)


def dirigente_limit(db: Database) -> Decimal | None:
    with read_session(db) as s:
        row = s.get(ProcurementSetting, 1)
        return row.dirigente_limit if row else None


@dataclass(frozen=True, slots=True)
class ProcedureRow:
    request_id: int
    procedure_id: int | None
    requested_on: date
    unit: str
    requested_by: str
    object: str
    amount: Decimal          # the request's estimate, IVA included
    state: str               # request state, or the procedure's once it has one
    state_label: str
    determina: str           # «n. 3/2021 del 04/03/2021»
    determina_year: int | None
    determina_number: int | None
    decided_on: date | None
    procedure: str           # its short name
    net_amount: Decimal | None
    cig: str
    commitment: str          # «n. 5/2021»
    supplier: str
    order: str
    order_year: int | None
    order_number: int | None
    quotes: int              # offers received / invited: «2/3»


def state_of(request_status: str, procedure_status: str | None) -> tuple[str, str]:
    if procedure_status:
        return procedure_status, rules.PROCEDURE.label(procedure_status)
    return request_status, f"richiesta {rules.REQUEST.label(request_status)}"


STATES = ((*[(k, f"richiesta {v}") for k, v in rules.REQUEST.labels.items()
             if k != "in_procedura"], *rules.PROCEDURE.labels.items()))


@requires(READ)
def list_procedures(db: Database) -> list[ProcedureRow]:
    """Every request with its procedure, the newest first."""
    with read_session(db) as s:
        rows = s.execute(
            select(PurchaseRequest, Procedure, Commitment.number, Commitment.year,
                   Supplier.name, PurchaseOrder.year, PurchaseOrder.number,
                   PurchaseOrder.ordered_on)
            .outerjoin(Procedure, Procedure.request_id == PurchaseRequest.id)
            .outerjoin(Commitment, Commitment.id == Procedure.commitment_id)
            .outerjoin(SupplierAward, SupplierAward.id == Procedure.award_id)
            .outerjoin(Supplier, Supplier.id == SupplierAward.supplier_id)
            .outerjoin(PurchaseOrder, PurchaseOrder.procedure_id == Procedure.id)
            .order_by(PurchaseRequest.requested_on.desc(), PurchaseRequest.id.desc())).all()
        quotes: dict[int, list[int]] = {}
        for pid, amount in s.execute(select(Quote.procedure_id, Quote.amount)):
            got = quotes.setdefault(pid, [0, 0])
            got[1] += 1
            got[0] += amount is not None
    out = []
    for r, p, c_no, c_year, supplier, o_year, o_no, o_day in rows:
        state, label = state_of(r.status, p.status if p else None)
        q = quotes.get(p.id) if p else None
        out.append(ProcedureRow(
            r.id, p.id if p else None, r.requested_on, r.unit, r.requested_by, r.object,
            r.amount, state, label,
            f"n. {p.number}/{p.year} del {format_date(p.decided_on)}" if p else "",
            p.year if p else None, p.number if p else None, p.decided_on if p else None,
            PROCEDURES[p.procedure].split(" (")[0] if p else "", p.amount if p else None,
            p.cig if p else "", f"n. {c_no}/{c_year}" if c_no else "", supplier or "",
            f"n. {o_no}/{o_year} del {format_date(o_day)}" if o_no else "", o_year, o_no,
            f"{q[0]}/{q[1]}" if q else ""))
    return out


# --- the file of one procedure ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: int
    supplier_id: int
    supplier: str
    vat: str
    invited_on: date
    received_on: date | None
    amount: Decimal | None
    notes: str
    chosen: bool


@dataclass(frozen=True, slots=True)
class OrderLineRow:
    line_no: int
    description: str
    quantity: str            # as printed: "2,5"
    unit: str
    unit_price: Decimal
    vat_rate: str
    total: Decimal


@dataclass(frozen=True)
class ProcedureFile:
    request_id: int
    procedure_id: int | None
    title: str
    state: str
    state_label: str
    # the request
    requested_on: date
    unit_kind: str
    unit: str
    requested_by: str
    request_object: str
    request_reason: str
    request_amount: Decimal
    decided_on: date | None
    decided_as: str
    decision_note: str
    # the determina (None when no procedure yet)
    year: int | None = None
    number: int | None = None
    determina_on: date | None = None
    object: str = ""
    kind: str = ""
    sector: str = ""
    amount: Decimal | None = None
    vat_rate: str = ""
    proposed: str = ""
    code_36: bool = True      # decided under D.Lgs 36/2023 (else DL 76/2020)
    procedure: str = ""
    procedure_motivation: str = ""
    council_deliberation: str = ""
    via_consip: bool = False
    consip_motivation: str = ""
    via_mepa: bool = False
    mepa_motivation: str = ""
    ddi_derogation: bool = False
    notes: tuple[str, ...] = ()
    cig: str = ""
    cup: str = ""
    rup: str = ""
    destination: str = ""
    spending_type: str = ""
    fund: str = ""
    commitment: str = ""
    commitment_amount: Decimal | None = None
    # quotations and award
    quotes: tuple[QuoteRow, ...] = ()
    criterion: str = ""
    criterion_text: str = ""
    awarded_on: date | None = None
    awarded_supplier: str = ""
    awarded_amount: Decimal | None = None
    rotation: str = ""
    # the order
    order_year: int | None = None
    order_number: int | None = None
    ordered_on: date | None = None
    order_supplier: str = ""
    order_supplier_vat: str = ""
    order_supplier_address: str = ""
    order_supplier_pec: str = ""
    delivery_place: str = ""
    delivery_terms: str = ""
    delivery_by: date | None = None
    order_taxable: Decimal | None = None
    order_tax: Decimal | None = None
    order_total: Decimal | None = None
    order_lines: tuple[OrderLineRow, ...] = ()
    office_code: str = ""
    school_tax_code: str = ""
    dsga: str = ""
    dirigente: str = ""
    fields: tuple[FieldLine, ...] = ()
    history: tuple[HistoryRow, ...] = ()
    documents: tuple[DocumentRef, ...] = ()

    @property
    def determina_ref(self) -> str:
        return f"n. {self.number}/{self.year} del {format_date(self.determina_on)}" \
            if self.number else ""

    @property
    def order_ref(self) -> str:
        return f"n. {self.order_number}/{self.order_year} del {format_date(self.ordered_on)}" \
            if self.order_number else ""


def _label(procedure: str, day: date) -> str:
    """The procedure's name citing the rule in force on ``day``."""
    try:
        return procedure_label(procedure, regime_on(day).law)
    except DomainError:
        return procedure_label(procedure)


def _code_36(day: date) -> bool:
    try:
        return regime_on(day).code_36
    except DomainError:
        return True


def _yes(flag: bool) -> str:
    return "sì" if flag else "no"


@requires(READ)
def procedure_file(db: Database, request_id: int) -> ProcedureFile:
    """The whole file of the request ``request_id`` and its procedure."""
    from ..areas import all_reports

    with read_session(db) as s:
        r = s.get(PurchaseRequest, request_id)
        if r is None:
            raise DomainError("Richiesta d'acquisto inesistente.")
        p = s.scalar(select(Procedure).where(Procedure.request_id == r.id))
        school = s.get(School, 1)
        base = dict(request_id=r.id, procedure_id=p.id if p else None,
                    requested_on=r.requested_on, unit_kind=r.unit_kind, unit=r.unit,
                    requested_by=r.requested_by, request_object=r.object,
                    request_reason=r.reason, request_amount=r.amount,
                    decided_on=r.decided_on, decided_as=rules.DECIDERS.get(r.decided_as, ""),
                    decision_note=r.decision_note,
                    office_code=school.codice_univoco if school else "",
                    school_tax_code=school.codice_fiscale if school else "",
                    dsga=school.dsga if school else "",
                    dirigente=school.dirigente if school else "")
        state, label = state_of(r.status, p.status if p else None)
        history = [HistoryRow(r.requested_on, "Richiesta",
                              f"{rules.UNIT_KINDS.get(r.unit_kind, '')} {r.unit}: "
                              f"{r.object} ({format_money(r.amount)}), richiesta da "
                              f"{r.requested_by}", "", 0)]
        if r.decided_on:
            history.append(HistoryRow(
                r.decided_on, "Decisione",
                f"Richiesta {'respinta' if r.status == 'respinta' else 'approvata'} dal "
                f"{rules.DECIDERS.get(r.decided_as, r.decided_as)}"
                + (f": {r.decision_note}" if r.decision_note else ""), "", 1))
        fields = [FieldLine("unit", "Richiesta da",
                            f"{rules.UNIT_KINDS.get(r.unit_kind, '')} – {r.unit} "
                            f"({r.requested_by})"),
                  FieldLine("object", "Richiesta", f"{r.object} – {r.reason}"),
                  FieldLine("amount", "Importo stimato (IVA inclusa)", format_money(r.amount))]
        if r.decided_on:
            fields.append(FieldLine("decision", "Decisione", history[-1].description
                                    + f" il {format_date(r.decided_on)}"))
        if p is None:
            return ProcedureFile(title=f"Richiesta d'acquisto – {r.object}", state=state,
                                 state_label=label, fields=tuple(fields),
                                 history=tuple(in_date_order(history)), **base)
        c = s.get(Commitment, p.commitment_id) if p.commitment_id else None
        fund = s.get(EarmarkedFund, p.earmarked_id) if p.earmarked_id else None
        quotes = tuple(QuoteRow(q.id, q.supplier_id, name, vat, q.invited_on, q.received_on,
                                q.amount, q.notes, q.chosen)
                       for q, name, vat in s.execute(
                           select(Quote, Supplier.name, Supplier.vat)
                           .join(Supplier, Supplier.id == Quote.supplier_id)
                           .where(Quote.procedure_id == p.id).order_by(Quote.id)))
        award = s.get(SupplierAward, p.award_id) if p.award_id else None
        awarded = s.get(Supplier, award.supplier_id) if award else None
        o = s.scalar(select(PurchaseOrder).where(PurchaseOrder.procedure_id == p.id))
        lines, o_supplier = (), None
        if o is not None:
            o_supplier = s.get(Supplier, o.supplier_id)
            lines = tuple(OrderLineRow(x.line_no, x.description,
                                       rules.quantity_text(x.quantity), x.unit, x.unit_price,
                                       x.vat_rate, x.total)
                          for x in s.scalars(select(PurchaseOrderLine).where(
                              PurchaseOrderLine.order_id == o.id)
                              .order_by(PurchaseOrderLine.line_no)))
        # the acceptance (queries/procurement_acceptance.py has the whole of it)
        deliveries = s.execute(select(Delivery.delivered_on, Delivery.ddt_number,
                                      Delivery.annulled_on).where(
            Delivery.order_id == o.id).order_by(Delivery.id)).all() if o else []
        verbali = s.execute(select(Verification.year, Verification.number,
                                   Verification.verified_on, Verification.outcome,
                                   Verification.annulled_on).join(
            Delivery, Delivery.id == Verification.delivery_id).where(
            Delivery.order_id == o.id).order_by(Verification.id)).all() if o else []
    determina = f"Determina a contrarre n. {p.number}/{p.year}"
    history.append(HistoryRow(p.decided_on, "Determina a contrarre",
                              f"{_label(p.procedure, p.decided_on)} per {format_money(p.amount)} "
                              "al netto dell'IVA; copertura finanziaria attestata dal DSGA"
                              + (f", impegno n. {c.number}/{c.year} di "
                                 f"{format_money(c.amount)}" if c else ""), determina, 2))
    for q in quotes:
        history.append(HistoryRow(q.invited_on, "Invito", f"Richiesta di preventivo a "
                                  f"{q.supplier}", "", 3, q.id))
        if q.received_on:
            history.append(HistoryRow(q.received_on, "Preventivo",
                                      f"{q.supplier}: {format_money(q.amount)}", "", 4, q.id))
    if award:
        history.append(HistoryRow(award.awarded_on, "Affidamento",
                                  f"A {awarded.name} per {format_money(award.amount)} "
                                  f"({rules.CRITERIA.get(p.criterion, '')})", "", 5))
    if o is not None:
        history.append(HistoryRow(o.ordered_on, "Ordine", f"Ordine n. {o.number}/{o.year} a "
                                  f"{o_supplier.name}: {format_money(o.total)} IVA inclusa",
                                  f"Lettera d'ordine n. {o.number}/{o.year}", 6))
    fields += [
        FieldLine("determina", "Determina a contrarre",
                  f"n. {p.number}/{p.year} del {format_date(p.decided_on)} – {p.object}"),
        FieldLine("procedure", "Procedura", _label(p.procedure, p.decided_on)
                  + ("" if p.procedure == p.proposed_procedure else
                     f" (proposta: {_label(p.proposed_procedure, p.decided_on)}"
                     + (f"; motivazione: {p.procedure_motivation}" if p.procedure_motivation
                        else "") + ")")),
        FieldLine("net", "Importo stimato al netto dell'IVA",
                  f"{format_money(p.amount)} ({KINDS.get(p.kind, p.kind)}, CPV {p.sector}, "
                  f"IVA {p.vat_rate} %)"),
        FieldLine("codes", "CIG / CUP", " / ".join(x for x in (p.cig, p.cup) if x) or
                  "da acquisire"),
        FieldLine("rup", "RUP", p.rup),
        FieldLine("consip", "Convenzione Consip", _yes(p.via_consip)
                  + (f" – {p.consip_motivation}" if p.consip_motivation else "")),
        FieldLine("mepa", "MePA", _yes(p.via_mepa)
                  + (f" – {p.mepa_motivation}" if p.mepa_motivation else "")
                  + (" – deroga DL 137/2020 art. 21" if p.ddi_derogation else "")),
        FieldLine("funds", "Copertura finanziaria",
                  f"{p.destination}/{p.spending_type}"
                  + (f" – {fund.name}" if fund else "")
                  + (f"; impegno n. {c.number}/{c.year} di {format_money(c.amount)}"
                     if c else "")),
    ]
    if p.council_deliberation:
        fields.append(FieldLine("council", "Delibera del Consiglio d'istituto",
                                p.council_deliberation))
    if award:
        fields.append(FieldLine("award", "Affidamento",
                                f"{awarded.name}, {format_money(award.amount)} del "
                                f"{format_date(award.awarded_on)}"
                                + (f" – deroga alla rotazione: "
                                   f"{EXCEPTIONS[award.rotation_exception]}"
                                   if award.rotation_exception else "")))
    if o is not None:
        fields.append(FieldLine("order", "Ordine",
                                f"n. {o.number}/{o.year} del {format_date(o.ordered_on)}: "
                                f"{format_money(o.total)} IVA inclusa, consegna a "
                                f"{o.delivery_place}"))
    for d in deliveries:
        history.append(HistoryRow(d.delivered_on, "Consegna", f"DDT n. {d.ddt_number}"
                                  + (f" (annullata il {format_date(d.annulled_on)})"
                                     if d.annulled_on else "")))
    for v in verbali:
        history.append(HistoryRow(v.verified_on, "Verbale di verifica",
                                  f"n. {v.number}/{v.year}: {OUTCOMES.get(v.outcome, '')}"
                                  + (f" (annullato il {format_date(v.annulled_on)})"
                                     if v.annulled_on else "")))
    specs = {x.name: x for x in all_reports()}
    documents = [DocumentRef("determina", determina, p.decided_on,
                             (("anno", p.year), ("numero", p.number)))]
    if quotes:
        documents.append(DocumentRef("confronto-preventivi", "Confronto dei preventivi",
                                     max((q.received_on or q.invited_on) for q in quotes),
                                     (("anno", p.year), ("numero", p.number))))
    if o is not None:
        documents.append(DocumentRef("lettera-ordine", f"Lettera d'ordine n. {o.number}/"
                                     f"{o.year}", o.ordered_on,
                                     (("anno", o.year), ("numero", o.number))))
    for v in verbali:
        documents.append(DocumentRef("verbale-collaudo", f"Verbale di verifica n. {v.number}/"
                                     f"{v.year}", v.verified_on,
                                     (("anno", v.year), ("numero", v.number))))
    return ProcedureFile(
        title=f"{determina} – {p.object}", state=state, state_label=label,
        year=p.year, number=p.number, determina_on=p.decided_on, object=p.object,
        kind=p.kind, sector=p.sector, amount=p.amount, vat_rate=p.vat_rate,
        proposed=_label(p.proposed_procedure, p.decided_on),
        procedure=_label(p.procedure, p.decided_on), code_36=_code_36(p.decided_on),
        procedure_motivation=p.procedure_motivation,
        council_deliberation=p.council_deliberation, via_consip=p.via_consip,
        consip_motivation=p.consip_motivation, via_mepa=p.via_mepa,
        mepa_motivation=p.mepa_motivation, ddi_derogation=p.ddi_derogation,
        notes=tuple(n for n in p.notes.splitlines() if n), cig=p.cig, cup=p.cup, rup=p.rup,
        destination=p.destination, spending_type=p.spending_type,
        fund=f"{fund.name} ({fund.legal_basis})" if fund else "",
        commitment=f"n. {c.number}/{c.year}" if c else "",
        commitment_amount=c.amount if c else None, quotes=quotes,
        criterion=rules.CRITERIA.get(p.criterion, ""), criterion_text=p.criterion_text,
        awarded_on=award.awarded_on if award else None,
        awarded_supplier=awarded.name if awarded else "",
        awarded_amount=award.amount if award else None,
        rotation=EXCEPTIONS.get(award.rotation_exception, "") if award else "",
        order_year=o.year if o else None, order_number=o.number if o else None,
        ordered_on=o.ordered_on if o else None,
        order_supplier=o_supplier.name if o_supplier else "",
        order_supplier_vat=o_supplier.vat if o_supplier else "",
        order_supplier_address=o_supplier.address if o_supplier else "",
        order_supplier_pec=o_supplier.pec if o_supplier else "",
        delivery_place=o.delivery_place if o else "",
        delivery_terms=o.delivery_terms if o else "",
        delivery_by=o.delivery_by if o else None,
        order_taxable=o.taxable if o else None, order_tax=o.tax if o else None,
        order_total=o.total if o else None, order_lines=lines,
        fields=tuple(fields), history=tuple(in_date_order(history)),
        documents=tuple(printable(db, documents, specs)), **base)


def request_of_determina(db: Database, year: int, number: int) -> int:
    with read_session(db) as s:
        found = s.scalar(select(Procedure.request_id).where(Procedure.year == year,
                                                            Procedure.number == number))
    if found is None:
        raise DomainError(f"Nessuna determina a contrarre n. {number}/{year}.")
    return found


def request_of_order(db: Database, year: int, number: int) -> int:
    with read_session(db) as s:
        found = s.scalar(select(Procedure.request_id).join(
            PurchaseOrder, PurchaseOrder.procedure_id == Procedure.id).where(
            PurchaseOrder.year == year, PurchaseOrder.number == number))
    if found is None:
        raise DomainError(f"Nessuna lettera d'ordine n. {number}/{year}.")
    return found


@dataclass(frozen=True, slots=True)
class FundChoice:
    id: int
    name: str
    destination: str


def earmarked_choices(db: Database, year: int) -> list[FundChoice]:
    """The earmarked funds of the Programma Annuale ``year`` a determina may draw on."""
    from ..models.funds import Destination, Programme

    with read_session(db) as s:
        rows = s.execute(select(EarmarkedFund.id, EarmarkedFund.name, Destination.code)
                         .join(Destination, Destination.id == EarmarkedFund.destination_id)
                         .join(Programme, Programme.id == EarmarkedFund.programme_id)
                         .where(Programme.year == year).order_by(EarmarkedFund.id)).all()
    return [FundChoice(i, n, d) for i, n, d in rows]


def approved_requests(db: Database) -> list[tuple[int, str]]:
    """(id, text) of the requests approved and still without a determina."""
    with read_session(db) as s:
        rows = s.execute(select(PurchaseRequest.id, PurchaseRequest.object,
                                PurchaseRequest.unit, PurchaseRequest.amount)
                         .where(PurchaseRequest.status == "approvata")
                         .order_by(PurchaseRequest.id)).all()
    return [(i, f"{o} – {u} ({format_money(a)})") for i, o, u, a in rows]
