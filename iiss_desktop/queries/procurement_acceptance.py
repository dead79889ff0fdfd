"""The acceptance of an order as the window and the verbale read it (plain rows): the order's
lines with what was delivered, the deliveries with their DDT, lines, verbale and carico, and
the carico each delivered line proposes (domain/procurement/acceptance.proposed_destination).
They name who received and verified: guarded by procurement.read."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..areas.procurement import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.errors import DomainError
from ..domain.procurement import acceptance as rules
from ..domain.procurement.procedure import quantity_text
from ..models.core import RegisterEntry
from ..models.procurement import (
    Delivery,
    DeliveryLine,
    Procedure,
    PurchaseOrder,
    PurchaseOrderLine,
    Supplier,
    Verification,
)
from ..models.warehouse import Movement


@dataclass(frozen=True, slots=True)
class OrderedLine:
    id: int
    line_no: int
    description: str
    quantity: str            # as printed
    unit: str
    unit_price: Decimal      # net of IVA
    vat_rate: str
    gross_unit_price: Decimal
    delivered: str           # by the deliveries in force, as printed


@dataclass(frozen=True, slots=True)
class DeliveredLine:
    id: int
    line_no: int
    description: str
    quantity: str            # as printed
    unit: str
    gross_unit_price: Decimal
    proposed: str            # acceptance.INVENTORY | WAREHOUSE | NONE (a service)
    proposed_reason: str
    destination: str         # "" until loaded
    carico: str              # what the carico created, as printed


@dataclass(frozen=True, slots=True)
class VerbaleRow:
    id: int
    year: int
    number: int
    kind: str
    verified_on: date
    verified_by: str
    outcome: str
    notes: str
    annulled_on: date | None
    annul_reason: str


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    delivered_on: date
    ddt_number: str
    ddt_date: date
    received_by: str
    notes: str
    annulled_on: date | None
    annul_reason: str
    lines: tuple[DeliveredLine, ...]
    verbali: tuple[VerbaleRow, ...]     # in force first, then the annulled

    @property
    def verbale(self) -> VerbaleRow | None:
        return next((v for v in self.verbali if v.annulled_on is None), None)

    @property
    def loaded(self) -> bool:
        """The carico is confirmed (a service's «nessun carico» too)."""
        return any(x.destination for x in self.lines)

    @property
    def stocked(self) -> bool:
        """Something went into Inventario or Magazzino: annulling needs those carichi
        annulled first."""
        return any(x.destination in (rules.INVENTORY, rules.WAREHOUSE) for x in self.lines)

    @property
    def state(self) -> str:
        if self.annulled_on is not None:
            return "annullata"
        v = self.verbale
        if v is None:
            return "da verificare"
        if v.outcome == rules.NOT_CONFORME:
            return "non conforme"
        return "caricata" if self.loaded else "da caricare"


@dataclass(frozen=True)
class AcceptanceFile:
    order_id: int
    order_year: int
    order_number: int
    ordered_on: date
    supplier: str
    object: str
    cig: str
    determina: str
    procedure_status: str
    lines: tuple[OrderedLine, ...]
    deliveries: tuple[DeliveryRow, ...]


def _carico_text(dl: DeliveryLine, buono: dict, movements: dict) -> str:
    if dl.destination == rules.INVENTORY:
        b = buono.get(dl.buono_entry_id)
        return (f"Inventario {dl.inventory_register} n. {dl.inventory_numbers}"
                + (f" (buono di carico n. {b})" if b else ""))
    if dl.destination == rules.WAREHOUSE:
        m = movements.get(dl.movement_id)
        return f"Magazzino, movimento n. {m}" if m else "Magazzino"
    if dl.destination == rules.NONE:
        return "Nessun carico (servizio)"
    return ""


@requires(READ)
def acceptance_file(db: Database, order_id: int) -> AcceptanceFile:
    with read_session(db) as s:
        order = s.get(PurchaseOrder, order_id)
        if order is None:
            raise DomainError("Ordine inesistente.")
        proc = s.get(Procedure, order.procedure_id)
        supplier = s.get(Supplier, order.supplier_id)
        lines = s.scalars(select(PurchaseOrderLine).where(
            PurchaseOrderLine.order_id == order.id).order_by(PurchaseOrderLine.line_no)).all()
        by_id = {x.id: x for x in lines}
        deliveries = s.scalars(select(Delivery).where(Delivery.order_id == order.id)
                               .order_by(Delivery.delivered_on, Delivery.id)).all()
        dlines = s.scalars(select(DeliveryLine).where(DeliveryLine.delivery_id.in_(
            [d.id for d in deliveries]))).all() if deliveries else []
        verbali = s.scalars(select(Verification).where(Verification.delivery_id.in_(
            [d.id for d in deliveries])).order_by(Verification.id)).all() if deliveries else []
        buono = {e.id: f"{e.number}/{e.year}" for e in s.scalars(select(RegisterEntry).where(
            RegisterEntry.id.in_([x.buono_entry_id for x in dlines if x.buono_entry_id])))}
        movements = {mid: f"{n}/{y}" for mid, n, y in s.execute(
            select(Movement.id, RegisterEntry.number, RegisterEntry.year).join(
                RegisterEntry, RegisterEntry.id == Movement.entry_id).where(
                Movement.id.in_([x.movement_id for x in dlines if x.movement_id])))}
    live = {d.id for d in deliveries if d.annulled_on is None}
    delivered: dict[int, Decimal] = {}
    for x in dlines:
        if x.delivery_id in live:
            delivered[x.order_line_id] = delivered.get(x.order_line_id, Decimal(0)) + \
                Decimal(x.quantity)
    ordered = tuple(OrderedLine(
        x.id, x.line_no, x.description, quantity_text(x.quantity), x.unit, x.unit_price,
        x.vat_rate, rules.gross_unit_price(x.unit_price, x.vat_rate),
        quantity_text(_stored(delivered.get(x.id, Decimal(0))))) for x in lines)
    rows = []
    for d in deliveries:
        mine = sorted((x for x in dlines if x.delivery_id == d.id),
                      key=lambda x: by_id[x.order_line_id].line_no)
        vs = sorted((v for v in verbali if v.delivery_id == d.id),
                    key=lambda v: (v.annulled_on is not None, v.id))
        kind = next((v.kind for v in vs if v.annulled_on is None), "")
        out = []
        for x in mine:
            ol = by_id[x.order_line_id]
            proposed, why = rules.proposed_destination(ol.unit_price, ol.vat_rate, ol.unit,
                                                       kind)
            out.append(DeliveredLine(x.id, ol.line_no, ol.description,
                                     quantity_text(x.quantity), ol.unit,
                                     rules.gross_unit_price(ol.unit_price, ol.vat_rate),
                                     proposed, why, x.destination,
                                     _carico_text(x, buono, movements)))
        rows.append(DeliveryRow(d.id, d.delivered_on, d.ddt_number, d.ddt_date, d.received_by,
                                d.notes, d.annulled_on, d.annul_reason, tuple(out),
                                tuple(VerbaleRow(v.id, v.year, v.number, v.kind,
                                                 v.verified_on, v.verified_by, v.outcome,
                                                 v.notes, v.annulled_on, v.annul_reason)
                                      for v in vs)))
    return AcceptanceFile(order.id, order.year, order.number, order.ordered_on, supplier.name,
                          proc.object, proc.cig, f"n. {proc.number}/{proc.year}", proc.status,
                          ordered, tuple(rows))


def _stored(q: Decimal) -> str:
    return str(int(q)) if q == q.to_integral() else format(q.normalize(), "f")


def order_of_verbale(db: Database, year: int, number: int) -> tuple[int, int]:
    """(order id, delivery id) of the verbale ``number``/``year``."""
    with read_session(db) as s:
        found = s.execute(select(Delivery.order_id, Delivery.id).join(
            Verification, Verification.delivery_id == Delivery.id).where(
            Verification.year == year, Verification.number == number)).first()
    if found is None:
        raise DomainError(f"Nessun verbale di verifica n. {number}/{year}.")
    return found[0], found[1]


def order_of_procedure(db: Database, procedure_id: int) -> int | None:
    with read_session(db) as s:
        return s.scalar(select(PurchaseOrder.id).where(
            PurchaseOrder.procedure_id == procedure_id))
