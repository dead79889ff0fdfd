"""Magazzino movements: carico, scarico against an approved request, transfer, stocktake
adjustment, DPI distribution and storno.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ...areas.warehouse import MOVEMENTS
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain import warehouse as rules
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError, WriteConflict
from ...domain.money import check_amount, to_cents
from ...domain.registers import check_annulment
from ...models.core import RegisterEntry
from ...models.warehouse import Article, Movement, MovementLine, Request, RequestLine, Storeroom
from .lots import _allocate_lots, _check_lot_stock, _latest_lot, _lot_for_carico
from .posting import (
    ItemInput,
    MovementRef,
    _article,
    _check_stock,
    _Line,
    _out_of,
    _post,
    _quantity,
    _storeroom,
    lock_stock,
)

log = logging.getLogger(__name__)


@dataclass
class CaricoInput:
    storeroom_id: int
    entry_date: date
    lines: list[ItemInput]
    document_kind: str = "ddt"
    document_ref: str = ""
    document_date: date | None = None
    supplier: str = ""
    funding: str = ""
    order_ref: str = ""
    impegno: str = ""
    handed_by: str = ""        # who delivers (the supplier's courier, the Commissario's staff)
    received_by: str = ""      # who takes the goods in (the DSGA or a delegate)
    notes: str = ""


@dataclass
class WithdrawalInput:
    request_id: int
    storeroom_id: int
    entry_date: date
    lines: list[ItemInput]
    handed_by: str = ""
    received_by: str = ""


@dataclass
class DpiDelivery:
    recipient: str
    destination_kind: str
    destination: str
    lines: list[ItemInput]
    destination_site_id: int | None = None


# --- carico ----------------------------------------------------------------------------------

@requires(MOVEMENTS)
def carico(db: Database, data: CaricoInput) -> MovementRef:
    """Buono di versamento: goods into a storeroom from an order, a DDT, an invoice (price IVA
    included), or a free supply at zero or estimated value."""
    if data.document_kind not in rules.DOCUMENT_KINDS:
        raise ValidationError({"document_kind": "Indicare il documento di provenienza."})
    if data.document_kind != "gratuita" and not data.supplier.strip():
        raise ValidationError({"supplier": "Indicare il fornitore."})
    with unit_of_work(db, reason="Carico di magazzino") as s:
        require_at(db, MOVEMENTS, s, storeroom_ids=[data.storeroom_id])
        ref = carico_in(s, data)
        s.commit()
    return ref


def carico_in(s, data: CaricoInput) -> MovementRef:
    """``carico`` inside an open unit of work (the demo posts a year in one transaction)."""
    room = _storeroom(s, data.storeroom_id)
    lock_stock(s, [item.article_id for item in data.lines])   # before any read of the stock
    lines = []
    for row, item in enumerate(data.lines, start=1):
        art = _article(s, item.article_id, row)
        qty = _quantity(item, art)
        if item.value is None:
            raise ValidationError({"lines": f"Riga {row}: indicare il valore di "
                                            f"«{art.description}» (zero se gratuito)."})
        value = check_amount(item.value, "lines", f"valore della riga {row}")
        if value < 0:
            raise ValidationError({"lines": f"Riga {row}: il valore non può essere "
                                            "negativo."})
        if value == 0 and data.document_kind != "gratuita":
            raise ValidationError({"lines": f"Riga {row}: valore zero ammesso solo per "
                                            "una fornitura gratuita."})
        lines.append(_Line(art, room.id, qty, to_cents(value),
                           lot_id=_lot_for_carico(s, art, item, row, data.entry_date)))
    doc = rules.DOCUMENT_KINDS[data.document_kind].split(" (")[0]
    what = f"{doc} {data.document_ref.strip()}".strip()
    if data.document_date:
        what += f" del {format_date(data.document_date)}"
    who = data.supplier.strip() or "fornitura gratuita"
    ref = _post(s, kind="carico", entry_date=data.entry_date, storeroom_id=room.id,
                lines=lines, description=f"Carico – {what} – {who} – {room.name}",
                supplier=data.supplier.strip(), document_kind=data.document_kind,
                document_ref=data.document_ref.strip(), document_date=data.document_date,
                funding=data.funding.strip(), order_ref=data.order_ref.strip(),
                impegno=data.impegno.strip(), handed_by=data.handed_by.strip(),
                recipient=data.received_by.strip(), reason=data.notes.strip())
    return ref


@requires(MOVEMENTS)
def withdraw(db: Database, data: WithdrawalInput) -> MovementRef:
    """Buono di prelevamento against an approved request (one of possibly several)."""
    try:
        return _withdraw(db, data)
    except WriteConflict:
        raise           # not a refusal: db.retry runs the action again
    except DomainError as exc:
        refuse_log(exc, "prelievo")
        raise


def _withdraw(db: Database, data: WithdrawalInput) -> MovementRef:
    with unit_of_work(db, reason="Prelievo di magazzino") as s:
        require_at(db, MOVEMENTS, s, storeroom_ids=[data.storeroom_id])
        ref = withdraw_in(s, data)
        s.commit()
    return ref


def withdraw_in(s, data: WithdrawalInput) -> MovementRef:
    req = s.get(Request, data.request_id)
    if req is None:
        raise DomainError("Richiesta inesistente.")
    if req.status not in rules.OPEN_FOR_WITHDRAWAL:
        why = {"presentata": "non è ancora stata approvata dal DSGA",
               "respinta": "è stata respinta", "evasa": "è già stata evasa del tutto"}
        raise DomainError(f"Prelievo rifiutato: la richiesta n. {req.number}/{req.year} "
                          f"{why.get(req.status, req.status)}.")
    if data.entry_date < req.decided_on:
        raise ValidationError({"entry_date": "Il prelievo non può precedere l'approvazione "
                                             f"del {format_date(req.decided_on)}."})
    room = _storeroom(s, data.storeroom_id)
    lock_stock(s, [item.article_id for item in data.lines])   # before any read of the stock
    req_lines = {ln.article_id: ln for ln in s.execute(
        select(RequestLine).where(RequestLine.request_id == req.id)).scalars()}
    lines: list[_Line] = []
    taken: dict[int, int] = {}
    for row, item in enumerate(data.lines, start=1):
        art = _article(s, item.article_id, row)
        rl = req_lines.get(art.id)
        if rl is None:
            raise ValidationError({"lines": f"Riga {row}: «{art.description}» non è nella "
                                            f"richiesta n. {req.number}/{req.year}."})
        qty = _quantity(item, art)
        rules.check_withdrawal(approved=rl.approved or 0, delivered=rl.delivered,
                               quantity=qty, article=art.description, unit=art.unit,
                               request_no=req.number)
        _check_stock(s, art, room, qty + _out_of(lines, art))
        for lot_id, part in _allocate_lots(s, art, room, qty, item.lot, data.entry_date, taken):
            lines.append(_Line(art, room.id, -part, lot_id=lot_id, request_line_id=rl.id))
        rl.delivered += qty
    ref = _post(s, kind="scarico", entry_date=data.entry_date, storeroom_id=room.id,
                lines=lines,
                description=f"Scarico – richiesta n. {req.number}/{req.year} – "
                            f"{req.destination} ({data.received_by.strip() or req.requester})",
                request_id=req.id, recipient=data.received_by.strip() or req.requester,
                destination_kind=req.destination_kind, destination=req.destination,
                destination_site_id=req.destination_site_id or room.site_id,
                handed_by=data.handed_by.strip())
    req.status = rules.REQUEST.move(req.status, rules.request_state_after(
        [(ln.approved or 0, ln.delivered) for ln in req_lines.values()]))
    return ref


def refuse_log(exc: DomainError, action: str) -> None:
    """A refused movement leaves no row: only this line in the log, for support."""
    log.info("Magazzino, %s rifiutato: %s", action, exc.message)


# --- transfer, stocktake, DPI ---------------------------------------------------------------

@requires(MOVEMENTS)
def transfer(db: Database, *, from_storeroom_id: int, to_storeroom_id: int, entry_date: date,
             lines: list[ItemInput], reason: str = "") -> MovementRef:
    """Movimento interno: out of one storeroom at its average cost, into the other at the
    same value. The total stock and value of the school do not change."""
    if from_storeroom_id == to_storeroom_id:
        raise ValidationError({"to_storeroom_id": "Scegliere un magazzino di destinazione "
                                                  "diverso da quello di partenza."})
    with unit_of_work(db, reason="Trasferimento tra magazzini") as s:
        require_at(db, MOVEMENTS, s, storeroom_ids=[from_storeroom_id, to_storeroom_id])
        ref = transfer_in(s, from_storeroom_id=from_storeroom_id,
                          to_storeroom_id=to_storeroom_id, entry_date=entry_date, lines=lines,
                          reason=reason)
        s.commit()
    return ref


def transfer_in(s, *, from_storeroom_id: int, to_storeroom_id: int, entry_date: date,
                lines: list[ItemInput], reason: str = "") -> MovementRef:
    src = _storeroom(s, from_storeroom_id, "from_storeroom_id")
    dst = _storeroom(s, to_storeroom_id, "to_storeroom_id")
    lock_stock(s, [item.article_id for item in lines])   # before any read of the stock
    out: list[_Line] = []
    taken: dict[int, int] = {}
    for row, item in enumerate(lines, start=1):
        art = _article(s, item.article_id, row)
        qty = _quantity(item, art)
        _check_stock(s, art, src, qty + _out_of(out, art))
        for lot_id, part in _allocate_lots(s, art, src, qty, item.lot, entry_date, taken):
            out.append(_Line(art, src.id, -part, lot_id=lot_id))
            out.append(_Line(art, dst.id, part, lot_id=lot_id, source=len(out) - 1))
    ref = _post(s, kind="trasferimento", entry_date=entry_date, storeroom_id=src.id,
                lines=out, description=f"Trasferimento da «{src.name}» a «{dst.name}»",
                to_storeroom_id=dst.id, destination_kind="plesso", destination=dst.name,
                destination_site_id=dst.site_id, reason=reason.strip())
    return ref


@requires(MOVEMENTS)
def stocktake(db: Database, *, storeroom_id: int, entry_date: date,
              counts: dict[str, str | Decimal | int], reason: str) -> MovementRef | None:
    """Inventario fisico: ``counts`` by article code (as the barcode reader types it, or by
    hand); differences from the book stock are posted as one rettifica with the reason.
    Returns None when nothing differs."""
    with unit_of_work(db, reason="Inventario fisico di magazzino") as s:
        require_at(db, MOVEMENTS, s, storeroom_ids=[storeroom_id])
        ref = stocktake_in(s, storeroom_id=storeroom_id, entry_date=entry_date, counts=counts,
                           reason=reason)
        s.commit()
    return ref


def stocktake_in(s, *, storeroom_id: int, entry_date: date,
                 counts: dict[str, str | Decimal | int], reason: str) -> MovementRef | None:
    """``stocktake`` inside an open unit of work. The book stock is the journal at the end of
    ``entry_date`` (a count dated 31/12 and recorded in January ignores January's movements)."""
    if len((reason or "").strip()) < 5:
        raise ValidationError({"reason": "Indicare il motivo della rettifica (es. inventario "
                                         "fisico di fine anno)."})
    room = _storeroom(s, storeroom_id)
    counted: dict[int, int] = {}
    arts: dict[int, Article] = {}
    for code, quantity in counts.items():
        key = (code or "").strip().upper()
        art = s.execute(select(Article).where(Article.code == key)).scalar()
        if art is None:
            raise ValidationError({"counts": f"Codice «{code.strip()}» sconosciuto: nessun "
                                             "articolo di magazzino ha questo codice."})
        arts[art.id] = art
        counted[art.id] = (rules.parse_quantity(quantity, art.unit, field="counts",
                                                label=art.description, allow_zero=True)
                           if isinstance(quantity, str) else
                           rules.check_quantity(quantity, art.unit, field="counts",
                                                label=art.description, allow_zero=True))
    lock_stock(s, counted)   # the journal below is read under the stock rows' lock
    expected = dict(s.execute(
        select(MovementLine.article_id, func.sum(MovementLine.quantity)).where(
            MovementLine.storeroom_id == room.id, MovementLine.movement_date <= entry_date,
            MovementLine.article_id.in_(list(counted)))
        .group_by(MovementLine.article_id)).all())
    diffs = rules.stocktake_differences(expected, counted)
    if not diffs:
        return None
    lines: list[_Line] = []
    for d in diffs:
        art = arts[d.article_id]
        if d.difference < 0:
            for lot_id, part in _allocate_lots(s, art, room, -d.difference, "", date.min):
                lines.append(_Line(art, room.id, -part, lot_id=lot_id))
        else:
            lines.append(_Line(art, room.id, d.difference, lot_id=_latest_lot(s, art)))
    return _post(s, kind="rettifica", entry_date=entry_date, storeroom_id=room.id,
                 lines=lines, description=f"Rettifica inventariale – {room.name} – "
                                          f"{reason.strip()}", reason=reason.strip())


@requires(MOVEMENTS)
def distribute_dpi(db: Database, *, storeroom_id: int, entry_date: date,
                   deliveries: list[DpiDelivery], handed_by: str = "") -> list[MovementRef]:
    """DPI to plessi and staff: one numbered movement per recipient, each its own dated
    receipt; all recipients or none."""
    if not deliveries:
        raise ValidationError({"deliveries": "Indicare almeno un destinatario."})
    with unit_of_work(db, reason="Distribuzione di DPI") as s:
        require_at(db, MOVEMENTS, s, storeroom_ids=[storeroom_id])
        refs = distribute_dpi_in(s, storeroom_id=storeroom_id, entry_date=entry_date,
                                 deliveries=deliveries, handed_by=handed_by)
        s.commit()
    return refs


def distribute_dpi_in(s, *, storeroom_id: int, entry_date: date, deliveries: list[DpiDelivery],
                      handed_by: str = "") -> list[MovementRef]:
    refs = []
    room = _storeroom(s, storeroom_id)
    lock_stock(s, [item.article_id for d in deliveries for item in d.lines])
    for n, d in enumerate(deliveries, start=1):
        if not d.recipient.strip():
            raise ValidationError({"recipient": f"Destinatario {n}: indicare il nome."})
        if d.destination_kind not in rules.RECIPIENT_KINDS:
            raise ValidationError({"destination_kind": f"Destinatario {n}: tipo non valido."})
        lines: list[_Line] = []
        taken: dict[int, int] = {}
        for row, item in enumerate(d.lines, start=1):
            art = _article(s, item.article_id, row)
            if not art.is_dpi:
                raise ValidationError({"lines": f"«{art.description}» non è un DPI: "
                                                "consegnarlo con una richiesta."})
            qty = _quantity(item, art)
            _check_stock(s, art, room, qty + _out_of(lines, art))
            for lot_id, part in _allocate_lots(s, art, room, qty, item.lot, entry_date, taken):
                lines.append(_Line(art, room.id, -part, lot_id=lot_id))
        refs.append(_post(
            s, kind="dpi", entry_date=entry_date, storeroom_id=room.id, lines=lines,
            description=f"Distribuzione DPI – {d.destination.strip()} "
                        f"({d.recipient.strip()})",
            recipient=d.recipient.strip(), destination_kind=d.destination_kind,
            destination=d.destination.strip(),
            destination_site_id=d.destination_site_id or room.site_id,
            handed_by=handed_by.strip()))
    return refs


# --- corrections -------------------------------------------------------------------------------

@requires(MOVEMENTS)
def annul_movement(db: Database, *, movement_id: int, reason: str,
                   entry_date: date | None = None) -> MovementRef:
    """Storno: a new numbered entry that annuls the movement and moves everything back at the
    same values. The original stays in the giornale, struck through on paper."""
    with unit_of_work(db, reason="Storno di un movimento di magazzino") as s:
        mov = s.get(Movement, movement_id)
        require_at(db, MOVEMENTS, s, storeroom_ids=[mov.storeroom_id, mov.to_storeroom_id]
                   if mov is not None else ())
        ref = annul_movement_in(s, movement_id=movement_id, reason=reason,
                                entry_date=entry_date)
        s.commit()
    return ref


def annul_movement_in(s, *, movement_id: int, reason: str,
                      entry_date: date | None = None) -> MovementRef:
    """``annul_movement`` inside an open unit of work."""
    when = entry_date or date.today()
    mov = s.get(Movement, movement_id)
    if mov is None:
        raise DomainError("Movimento inesistente.")
    entry = s.get(RegisterEntry, mov.entry_id)
    done = s.execute(select(RegisterEntry.number).where(
        RegisterEntry.annuls_id == entry.id)).scalar()
    text = check_annulment(reason=reason, already_annulled_by=done,
                           is_annulment=entry.kind == "annulment", number=entry.number,
                           entry_date=entry.entry_date, annulment_date=when)
    originals = s.execute(select(MovementLine).where(MovementLine.movement_id == mov.id)
                          .order_by(MovementLine.line_no)).scalars().all()
    lock_stock(s, [ln.article_id for ln in originals])   # before any read of the stock
    lines = []
    for ln in originals:
        art = s.get(Article, ln.article_id)
        if ln.quantity > 0:
            room = s.get(Storeroom, ln.storeroom_id)
            _check_stock(s, art, room, ln.quantity + _out_of(lines, art))
            if ln.lot_id is not None:
                _check_lot_stock(s, art, room, ln.lot_id, ln.quantity + sum(
                    -x.quantity for x in lines if x.lot_id == ln.lot_id and
                    x.storeroom_id == room.id and x.quantity < 0))
        lines.append(_Line(art, ln.storeroom_id, -ln.quantity, lot_id=ln.lot_id,
                           source_line_id=ln.id, source_value=-ln.value_cents))
    if mov.request_id is not None:
        req = s.get(Request, mov.request_id)
        for ln in originals:
            if ln.request_line_id:
                rl = s.get(RequestLine, ln.request_line_id)
                rl.delivered += ln.quantity    # the quantity was negative: back to deliver
        rls = s.execute(select(RequestLine).where(RequestLine.request_id == req.id)).scalars()
        req.status = rules.REQUEST.move(req.status, rules.request_state_after(
            [(x.approved or 0, x.delivered) for x in rls]))
    ref = _post(s, kind="storno", entry_date=when, storeroom_id=mov.storeroom_id,
                lines=lines, annuls=entry,
                description=f"Storno della registrazione n. {entry.number} del "
                            f"{format_date(entry.entry_date)}",
                annuls_movement_id=mov.id, to_storeroom_id=mov.to_storeroom_id,
                reason=text)
    return ref
