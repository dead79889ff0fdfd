"""The acceptance of an order (domain/procurement/acceptance.py): the delivery with its DDT,
the verbale of the verifica di conformità (or the certificato di regolare esecuzione), the
carico of the accepted lines in Inventario and Magazzino.

Each use case is one transaction under the write gate; the order's procedure is locked first.
The carico runs the Inventario carico (services.inventory.carico.carico_in: a number each,
gap-free, and a buono di carico per line) and the Magazzino carico (services.warehouse
.movements.carico_in: one buono di versamento with every consumable line) in the same
transaction as the record on the delivered lines of what they created: all or nothing. Their
own permissions are checked too (inventory.carico for the plesso of the room, warehouse
.movements for the storeroom's plesso).

Nothing is deleted: a delivery or a verbale recorded by mistake is annulled with its reason
(the verbale by an annulment row of «acquisti-collaudi»), and only before the carico.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...areas.procurement import PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain import warehouse as wh_rules
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.procurement import acceptance as rules
from ...domain.procurement import procedure as proc_rules
from ...domain.procurement.fields import DELIVERY, VERIFICATION
from ...models.funds import Commitment
from ...models.procurement import (
    Delivery,
    DeliveryLine,
    Procedure,
    PurchaseOrder,
    PurchaseOrderLine,
    Supplier,
    Verification,
)
from ...models.warehouse import Article
from ..inventory.carico import CaricoInput as InventoryCarico
from ..inventory.carico import carico_in as inventory_carico_in
from ..registers import add_entry, annul_in, entry_date_as
from ..warehouse.movements import CaricoInput as WarehouseCarico
from ..warehouse.movements import carico_in as warehouse_carico_in
from ..warehouse.posting import ItemInput
from .procedures import _clean, _locked


def _balances(s, order_id: int, skip_delivery: int | None = None
              ) -> dict[int, rules.LineBalance]:
    lines = s.scalars(select(PurchaseOrderLine).where(PurchaseOrderLine.order_id == order_id)
                      .order_by(PurchaseOrderLine.line_no)).all()
    delivered: dict[int, Decimal] = {}
    for dl in s.scalars(select(DeliveryLine).join(Delivery, Delivery.id ==
                                                  DeliveryLine.delivery_id).where(
            Delivery.order_id == order_id, Delivery.annulled_on.is_(None))):
        if dl.delivery_id != skip_delivery:
            delivered[dl.order_line_id] = delivered.get(dl.order_line_id, Decimal(0)) + \
                Decimal(dl.quantity)
    return {x.id: rules.LineBalance(x.line_no, Decimal(x.quantity),
                                    delivered.get(x.id, Decimal(0))) for x in lines}


def _procedure_of_order(s, order_id) -> tuple[PurchaseOrder, Procedure]:
    order = s.get(PurchaseOrder, order_id) if isinstance(order_id, int) else None
    if order is None:
        raise ValidationError({"order_id": "Ordine inesistente."})
    return order, _locked(s, Procedure, order.procedure_id, "order_id", "Procedura")


def _settle_state(s, order: PurchaseOrder, proc: Procedure) -> None:
    """The procedure's state from its deliveries and verbali: «ordinata» with none,
    «collaudata» when every line is delivered and each delivery has a conforming verbale,
    «consegnata» otherwise."""
    deliveries = s.scalars(select(Delivery.id).where(Delivery.order_id == order.id,
                                                     Delivery.annulled_on.is_(None))).all()
    if not deliveries:
        target = "ordinata"
    else:
        complete = all(b.delivered >= b.ordered for b in _balances(s, order.id).values())
        verified = {d for d, in s.execute(select(Verification.delivery_id).where(
            Verification.delivery_id.in_(deliveries), Verification.annulled_on.is_(None),
            Verification.outcome != rules.NOT_CONFORME))}
        target = "collaudata" if complete and verified >= set(deliveries) else "consegnata"
    if target != proc.status:
        proc.status = proc_rules.PROCEDURE.move(proc.status, target)


# --- the delivery -------------------------------------------------------------------------------
@dataclass
class DeliveryInput:
    order_id: int
    delivered_on: date
    ddt_number: str
    ddt_date: date
    received_by: str
    # order line id -> quantity delivered ("3", "2,5"); empty: everything still to deliver
    quantities: dict[int, str | Decimal] = field(default_factory=dict)
    notes: str = ""


@requires(PREPARE)
def record_delivery(db: Database, data: DeliveryInput) -> int:
    """A delivery of the order with its DDT and the quantity of each line it brought."""
    clean = _clean(DELIVERY, {"delivered_on": data.delivered_on,
                              "ddt_number": data.ddt_number, "ddt_date": data.ddt_date,
                              "received_by": data.received_by, "notes": data.notes})
    if clean["ddt_date"] > clean["delivered_on"]:
        raise ValidationError({"ddt_date": "Il DDT non può essere successivo alla consegna."})
    wanted: dict[int, Decimal] = {}
    errors: dict[str, str] = {}
    for line_id, text in (data.quantities or {}).items():
        if str(text).strip() in ("", "0"):
            continue
        try:
            wanted[line_id] = proc_rules.parse_quantity(text, f"line{line_id}")
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Acquisti: consegna con DDT") as s:
        order, proc = _procedure_of_order(s, data.order_id)
        if proc.status not in ("ordinata", "consegnata"):
            raise DomainError(f"La procedura è «{proc_rules.PROCEDURE.label(proc.status)}»: "
                              "non si registrano altre consegne.")
        if clean["delivered_on"] < order.ordered_on:
            raise ValidationError({"delivered_on": (
                f"La consegna non può precedere l'ordine del {format_date(order.ordered_on)}.")})
        balances = _balances(s, order.id)
        if not data.quantities:
            wanted = {k: b.ordered - b.delivered for k, b in balances.items()
                      if b.ordered > b.delivered}
        rules.check_delivered(balances, wanted)
        row = Delivery(order_id=order.id, recorded_by_id=s.info["user"].id, **clean)
        s.add(row)
        s.flush()
        for line_id, q in wanted.items():
            if q:
                s.add(DeliveryLine(delivery_id=row.id, order_line_id=line_id,
                                   quantity=proc_rules.stored_quantity(q)))
        s.flush()
        _settle_state(s, order, proc)
        new_id = row.id
        s.commit()
    return new_id


def _locked_delivery(s, delivery_id) -> tuple[Delivery, PurchaseOrder, Procedure]:
    found = s.get(Delivery, delivery_id) if isinstance(delivery_id, int) else None
    if found is None:
        raise ValidationError({"delivery_id": "Consegna inesistente."})
    order, proc = _procedure_of_order(s, found.order_id)
    delivery = _locked(s, Delivery, found.id, "delivery_id", "Consegna")
    return delivery, order, proc


def _loaded(s, delivery_id: int) -> bool:
    """Whether the delivery went into Inventario or Magazzino: a line confirmed «nessun
    carico» (a service) created nothing there, and does not block an annulment."""
    return s.scalar(select(DeliveryLine.id).where(
        DeliveryLine.delivery_id == delivery_id,
        DeliveryLine.destination.in_((rules.INVENTORY, rules.WAREHOUSE)))) is not None


@requires(PREPARE)
def annul_delivery(db: Database, delivery_id: int, *, reason: str,
                   annulled_on: date | None = None) -> None:
    """A delivery recorded by mistake, annulled with its reason (with its verbale), only
    before its carico."""
    text = rules.check_reason(reason, "della consegna")
    when = annulled_on or date.today()
    with unit_of_work(db, reason=f"Acquisti: annullamento della consegna: {text}") as s:
        delivery, order, proc = _locked_delivery(s, delivery_id)
        if delivery.annulled_on is not None:
            raise DomainError("La consegna è già annullata.")
        if _loaded(s, delivery.id):
            raise DomainError("La consegna è già caricata in inventario o in magazzino: "
                              "annullare prima quei carichi.")
        if when < delivery.delivered_on:
            raise ValidationError({"annulled_on": "L'annullamento non può precedere la "
                                                  "consegna."})
        for v in s.scalars(select(Verification).where(Verification.delivery_id == delivery.id,
                                                      Verification.annulled_on.is_(None))):
            _annul_verification(s, v, text, when)
        delivery.annulled_on, delivery.annul_reason = when, text
        s.flush()
        _settle_state(s, order, proc)
        s.commit()


# --- the verbale --------------------------------------------------------------------------------
@dataclass
class VerificationInput:
    delivery_id: int
    verified_on: date
    verified_by: str
    outcome: str
    kind: str = "conformita"
    notes: str = ""


@dataclass(frozen=True)
class Verified:
    id: int
    year: int
    number: int
    state: str              # the procedure's


@requires(PREPARE)
def record_verification(db: Database, data: VerificationInput) -> Verified:
    """The verbale of the verifica di conformità of a delivery, numbered in «acquisti-collaudi»
    (one in force per delivery); a conforming one completes the acceptance when every line is
    delivered."""
    clean = _clean(VERIFICATION, {"verified_on": data.verified_on, "kind": data.kind,
                                  "verified_by": data.verified_by, "outcome": data.outcome,
                                  "notes": data.notes})
    if clean["outcome"] == rules.NOT_CONFORME and not clean["notes"]:
        raise ValidationError({"notes": "Un esito non conforme indica nelle note che cosa non "
                                        "è conforme."})
    if clean["outcome"] == rules.WITH_RESERVE and not clean["notes"]:
        raise ValidationError({"notes": "Indicare nelle note le riserve."})
    with unit_of_work(db, reason="Acquisti: verbale di verifica di conformità") as s:
        delivery, order, proc = _locked_delivery(s, data.delivery_id)
        if delivery.annulled_on is not None:
            raise DomainError("La consegna è annullata: non si verifica.")
        if s.scalar(select(Verification.number).where(
                Verification.delivery_id == delivery.id,
                Verification.annulled_on.is_(None))) is not None:
            raise DomainError("La consegna ha già il suo verbale: per correggerlo annullarlo "
                              "con il motivo e registrarne un altro.")
        if clean["verified_on"] < delivery.delivered_on:
            raise ValidationError({"verified_on": (
                f"La verifica non può precedere la consegna del "
                f"{format_date(delivery.delivered_on)}.")})
        supplier = s.get(Supplier, order.supplier_id)
        try:
            ref = add_entry(s.connection(), spec=rules.COLLAUDI,
                            entry_date=clean["verified_on"],
                            description=f"Verbale di {rules.VERIFICATION_KINDS[clean['kind']]}"
                                        f" – ordine n. {order.number}/{order.year} – "
                                        f"{supplier.name} – DDT {delivery.ddt_number}",
                            user=s.info["user"], reference=proc.cig or None)
        except ValidationError as exc:
            raise entry_date_as(exc, "verified_on", "Data della verifica: ") from None
        row = Verification(delivery_id=delivery.id, entry_id=ref.id, year=ref.year,
                           number=ref.number, recorded_by_id=s.info["user"].id, **clean)
        s.add(row)
        s.flush()
        _settle_state(s, order, proc)
        result = Verified(row.id, ref.year, ref.number, proc.status)
        s.commit()
    return result


def _annul_verification(s, v: Verification, text: str, when: date) -> None:
    if when < v.verified_on:
        raise ValidationError({"annulled_on": "L'annullamento non può precedere il verbale."})
    annul_in(s.connection(), entry_id=v.entry_id, reason=text, entry_date=when,
             user=s.info["user"])
    v.annulled_on, v.annul_reason = when, text


@requires(PREPARE)
def annul_verification(db: Database, verification_id: int, *, reason: str,
                       annulled_on: date | None = None) -> None:
    """A verbale recorded by mistake: an annulment row of «acquisti-collaudi» with the reason;
    only before the carico of its delivery."""
    text = rules.check_reason(reason, "del verbale")
    when = annulled_on or date.today()
    with unit_of_work(db, reason=f"Acquisti: annullamento del verbale: {text}") as s:
        v = s.get(Verification, verification_id) if isinstance(verification_id, int) else None
        if v is None:
            raise ValidationError({"verification_id": "Verbale inesistente."})
        delivery, order, proc = _locked_delivery(s, v.delivery_id)
        if v.annulled_on is not None:
            raise DomainError("Il verbale è già annullato.")
        if _loaded(s, delivery.id):
            raise DomainError("La consegna è già caricata in inventario o in magazzino: "
                              "annullare prima quei carichi.")
        _annul_verification(s, v, text, when)
        s.flush()
        _settle_state(s, order, proc)
        s.commit()


# --- the carico ---------------------------------------------------------------------------------
@dataclass
class LineCarico:
    """The clerk's choice for one delivered line: where it goes and with what."""

    delivery_line_id: int
    destination: str                    # acceptance.INVENTORY | WAREHOUSE | NONE
    category_register: str = "inv-mobili"  # inventory
    room_id: int | None = None           # inventory
    article_id: int | None = None        # warehouse
    description: str = ""                # inventory: as the register prints it (default the line's)
    lot: str = ""                        # warehouse: an article tracks_lots needs it
    expiry: date | None = None           # warehouse: the lot's expiry
    # warehouse: unità dell'articolo per unità ordinata (20 scatole da 50 pezzi: 50, 1000
    # pezzi caricati, same value); None is 1. Typed text ("50", "2,5") is accepted too.
    per_unit: Decimal | None = None


@dataclass
class CaricoInput:
    delivery_id: int
    entry_date: date
    lines: list[LineCarico]
    storeroom_id: int | None = None      # warehouse


@dataclass(frozen=True)
class LineLoaded:
    line_no: int
    destination: str
    text: str                # «Inventario n. 12–15 (buono di carico n. 3/2021)»


@dataclass(frozen=True)
class Loaded:
    lines: tuple[LineLoaded, ...]
    movement_number: int | None
    movement_year: int | None


def _numbers_text(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


LOT_LENGTH = 40      # models.warehouse.Lot.code


def _stock_quantity(s, c: LineCarico, delivered: str, line_no: int) -> str | Decimal:
    """The quantity a warehouse line loads, in the article's unit: the delivered quantity
    times the article's units per ordered unit. Checked here, before any carico, and keyed on
    the order line: the article, its units (per{n}) and the lot of an article tracked by lot
    (lot{n})."""
    if c.article_id is None:
        raise ValidationError({f"line{line_no}": (
            f"Riga {line_no}: scegliere l'articolo di magazzino.")})
    errors: dict[str, str] = {}
    per = Decimal(1)
    try:
        per = rules.parse_per_unit(c.per_unit, line_no)
    except ValidationError as exc:
        errors.update(exc.errors)
    art = s.get(Article, c.article_id) if isinstance(c.article_id, int) else None
    if art is None:
        raise ValidationError({f"line{line_no}": (
            f"Riga {line_no}: articolo di magazzino inesistente.")})
    if art.tracks_lots and not (c.lot or "").strip():
        errors[f"lot{line_no}"] = (
            f"Riga {line_no}: l'articolo «{art.description}» è gestito a lotti: indicare il "
            "lotto e la scadenza.")
    elif len((c.lot or "").strip()) > LOT_LENGTH:
        errors[f"lot{line_no}"] = (f"Riga {line_no}: il lotto supera {LOT_LENGTH} "
                                   "caratteri.")
    if errors:
        raise ValidationError(errors)
    if c.per_unit is None or str(c.per_unit).strip() == "":
        return delivered
    q = Decimal(delivered)
    quantity = q * per
    key = f"per{line_no}"
    try:
        wh_rules.check_quantity(quantity, art.unit, field=key, label=art.description)
    except ValidationError as exc:
        why = exc.errors[key]
        raise ValidationError({key: f"Riga {line_no}: {_qty_text(q)} × {_qty_text(per)} "
                                    f"unità per unità ordinata: {why[:1].lower()}{why[1:]}"}
                              ) from None
    return quantity


def _qty_text(q: Decimal) -> str:
    return proc_rules.quantity_text(proc_rules.stored_quantity(q))


@requires(PREPARE)
def confirm_carico(db: Database, data: CaricoInput) -> Loaded:
    """The carico of a verified delivery, line by line as the clerk confirmed it: the goods
    go to Inventario (a number each, a buono di carico per line), the consumables to the
    Magazzino (one buono di versamento), a service to neither; each delivered line records
    what its carico created. A warehouse line loads the delivered quantity times its
    ``per_unit`` (the article's units per ordered unit) at the line's value, in its lot (an
    article tracked by lot needs one: refused on lot{n}); lot, expiry and per_unit of the
    other lines are ignored. One transaction: a refusal leaves nothing written."""
    if not isinstance(data.entry_date, date):
        raise ValidationError({"entry_date": "Indicare la data del carico."})
    if data.entry_date > date.today():
        raise ValidationError({"entry_date": "La data del carico non può essere futura."})
    if not data.lines:
        raise ValidationError({"lines": "Indicare dove si caricano le righe consegnate."})
    with unit_of_work(db, reason="Acquisti: carico della consegna collaudata") as s:
        delivery, order, proc = _locked_delivery(s, data.delivery_id)
        if delivery.annulled_on is not None:
            raise DomainError("La consegna è annullata: non si carica.")
        verbale = s.scalars(select(Verification).where(
            Verification.delivery_id == delivery.id,
            Verification.annulled_on.is_(None))).first()
        if verbale is None:
            raise DomainError("Prima del carico serve il verbale di verifica di conformità.")
        if verbale.outcome == rules.NOT_CONFORME:
            raise DomainError(f"Il verbale n. {verbale.number}/{verbale.year} è non conforme: "
                              "la merce non si carica.")
        if data.entry_date < verbale.verified_on:
            raise ValidationError({"entry_date": (
                f"Il carico non può precedere la verifica del "
                f"{format_date(verbale.verified_on)}.")})
        rows = {dl.id: (dl, ol) for dl, ol in s.execute(
            select(DeliveryLine, PurchaseOrderLine).join(
                PurchaseOrderLine, PurchaseOrderLine.id == DeliveryLine.order_line_id)
            .where(DeliveryLine.delivery_id == delivery.id))}
        chosen = {c.delivery_line_id: c for c in data.lines}
        missing = [ol.line_no for k, (_dl, ol) in rows.items() if k not in chosen]
        if set(chosen) - set(rows):
            raise ValidationError({"lines": "Riga non compresa nella consegna."})
        if missing:
            raise ValidationError({"lines": "Indicare la destinazione di ogni riga consegnata "
                                            f"(manca la riga {missing[0]})."})
        if any(dl.destination for dl, _ol in rows.values()):
            raise DomainError("La consegna è già caricata.")
        supplier = s.get(Supplier, order.supplier_id)
        commitment = s.get(Commitment, proc.commitment_id) if proc.commitment_id else None
        impegno = f"n. {commitment.number}/{commitment.year}" if commitment else ""
        order_ref = f"Ordine n. {order.number}/{order.year}"
        # The warehouse lines checked first, every one: their errors together, nothing loaded.
        quantities: dict[int, str | Decimal] = {}
        errors: dict[str, str] = {}
        for key, (dl, ol) in rows.items():
            if chosen[key].destination == rules.WAREHOUSE:
                try:
                    quantities[key] = _stock_quantity(s, chosen[key], dl.quantity, ol.line_no)
                except ValidationError as exc:
                    errors.update(exc.errors)
        if errors:
            raise ValidationError(errors)
        out: list[LineLoaded] = []
        stock: list[tuple[DeliveryLine, PurchaseOrderLine, ItemInput]] = []
        for key in sorted(rows, key=lambda k: rows[k][1].line_no):
            dl, ol = rows[key]
            c = chosen[key]
            if c.destination not in rules.DESTINATIONS:
                raise ValidationError({f"line{ol.line_no}": (
                    f"Riga {ol.line_no}: scegliere inventario, magazzino o nessun carico.")})
            q = Decimal(dl.quantity)
            gross = rules.gross_unit_price(ol.unit_price, ol.vat_rate)
            if c.destination == rules.INVENTORY:
                n = rules.inventory_quantity(q, ol.line_no)
                try:
                    done = inventory_carico_in(s, db, InventoryCarico(
                        description=(c.description or ol.description).strip(),
                        category_register=c.category_register, quantity=n,
                        unit_value=Decimal(0), imponibile=ol.unit_price,
                        vat_rate=Decimal(ol.vat_rate), entry_date=data.entry_date,
                        room_id=c.room_id, supplier=supplier.name, cig=proc.cig,
                        impegno=impegno,
                        cup=proc.cup))
                except ValidationError as exc:
                    raise ValidationError({f"line{ol.line_no}" if k not in ("room_id",) else
                                           k: f"Riga {ol.line_no}: {v}"
                                           for k, v in exc.errors.items()}) from None
                except DomainError as exc:
                    raise DomainError(f"Riga {ol.line_no}: {exc.message}") from None
                dl.destination, dl.inventory_register = rules.INVENTORY, done.register
                dl.inventory_numbers = _numbers_text(done.numbers)
                dl.buono_entry_id, dl.loaded_on = done.buono_entry_id, data.entry_date
                out.append(LineLoaded(ol.line_no, rules.INVENTORY, (
                    f"Inventario n. {dl.inventory_numbers} (buono di carico n. "
                    f"{done.buono_number}/{done.buono_year})")))
            elif c.destination == rules.WAREHOUSE:
                quantity = quantities[key]
                value = (q * gross).quantize(Decimal("0.01"))
                stock.append((dl, ol, ItemInput(c.article_id, quantity, value,
                                                lot=(c.lot or "").strip(), expiry=c.expiry)))
            else:
                dl.destination, dl.loaded_on = rules.NONE, data.entry_date
                out.append(LineLoaded(ol.line_no, rules.NONE, "Nessun carico"))
        movement = None
        if stock:
            if data.storeroom_id is None:
                raise ValidationError({"storeroom_id": "Scegliere il magazzino del carico."})
            from ...areas.warehouse import MOVEMENTS
            from ...db.access import require_at

            require_at(db, MOVEMENTS, s, storeroom_ids=[data.storeroom_id])
            movement = warehouse_carico_in(s, WarehouseCarico(
                storeroom_id=data.storeroom_id, entry_date=data.entry_date,
                lines=[item for _dl, _ol, item in stock], document_kind="ddt",
                document_ref=delivery.ddt_number, document_date=delivery.ddt_date,
                supplier=supplier.name, order_ref=order_ref, impegno=impegno,
                received_by=delivery.received_by,
                notes=f"Verbale n. {verbale.number}/{verbale.year}"))
            for dl, ol, _item in stock:
                dl.destination, dl.movement_id = rules.WAREHOUSE, movement.movement_id
                dl.loaded_on = data.entry_date
                out.append(LineLoaded(ol.line_no, rules.WAREHOUSE, (
                    f"Magazzino, movimento n. {movement.number}/{movement.year}")))
        s.flush()
        result = Loaded(tuple(sorted(out, key=lambda x: x.line_no)),
                        movement.number if movement else None,
                        movement.year if movement else None)
        s.commit()
    return result
