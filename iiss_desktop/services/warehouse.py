"""Magazzino use cases: carico, scarico against an approved request, transfer, stocktake
adjustment, DPI distribution, storno; articles, storerooms and material requests.

Every movement is one numbered entry of the yearly giornale «mag-giornale» (add_entry), its
lines, the stock per (article, storeroom) and the audit rows, in one transaction: a refused
movement (stock too low, expired lot, request not approved) leaves nothing but the refusal.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.uow import unit_of_work
from ..domain import warehouse as rules
from ..domain.dates import format_date
from ..domain.errors import DomainError, ValidationError
from ..domain.money import check_amount, to_cents
from ..domain.registers import check_annulment, register_spec
from ..domain.text import lower_first
from ..models.core import RegisterEntry
from ..models.school import Site
from ..models.warehouse import (Article, Balance, Lot, Movement, MovementLine, Request,
                                RequestLine, Storeroom)
from .registers import LineInput, add_entry

log = logging.getLogger(__name__)


# --- master data -------------------------------------------------------------------------

def save_storeroom(db: Database, values: dict, storeroom_id: int | None = None) -> int:
    """Create or change a storeroom (one per plesso, or per department of a plesso)."""
    code = (values.get("code") or "").strip().upper()
    name = (values.get("name") or "").strip()
    errors = {}
    if not code:
        errors["code"] = "Indicare il codice del magazzino."
    elif len(code) > 20 or " " in code:
        errors["code"] = "Il codice del magazzino ha al massimo 20 caratteri, senza spazi."
    if not name:
        errors["name"] = "Indicare il nome del magazzino."
    if not values.get("site_id"):
        errors["site_id"] = "Indicare il plesso del magazzino."
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Anagrafica magazzini") as s:
        if s.get(Site, values["site_id"]) is None:
            raise ValidationError({"site_id": "Plesso inesistente."})
        clash = s.execute(select(Storeroom.id).where(Storeroom.code == code)).scalar()
        if clash is not None and clash != storeroom_id:
            raise ValidationError({"code": f"Il codice «{code}» è già di un altro magazzino."})
        room = s.get(Storeroom, storeroom_id) if storeroom_id else Storeroom()
        if room is None:
            raise DomainError("Magazzino inesistente.")
        room.code, room.name, room.site_id = code, name, values["site_id"]
        if "room_id" in values or storeroom_id is None:   # an edit without rooms keeps it
            room.room_id = values.get("room_id")
        room.department = (values.get("department") or "").strip()
        room.active = values.get("active", True)
        s.add(room)
        s.flush()
        s.commit()
        return room.id


def save_article(db: Database, values: dict, article_id: int | None = None) -> int:
    """Create or change an article. The code is what the barcode reader types.

    Only the master record changes: the giornale keeps the texts it was written with, and
    code, unit and lot tracking are frozen after the first movement (the journal cites them
    and the stock is counted in that unit and those lots)."""
    code = (values.get("code") or "").strip().upper()
    text = (values.get("description") or "").strip()
    unit = (values.get("unit") or "").strip()
    errors = {}
    if not code:
        errors["code"] = "Indicare il codice dell'articolo."
    elif len(code) > 40 or " " in code:
        errors["code"] = "Il codice ha al massimo 40 caratteri, senza spazi."
    if not text:
        errors["description"] = "Indicare la descrizione dell'articolo."
    elif len(text) > 300:
        errors["description"] = "La descrizione ha al massimo 300 caratteri."
    if not unit:
        errors["unit"] = "Scegliere l'unità di misura."
    elif unit not in rules.UNITS:
        errors["unit"] = (f"Unità di misura «{unit}» non prevista: scegliere tra "
                          f"{', '.join(rules.UNITS)}.")
    min_milli = 0
    if "unit" not in errors:
        try:
            min_milli = _minimum(values.get("min_stock"), unit)
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Anagrafica articoli di magazzino") as s:
        clash = s.execute(select(Article.id).where(Article.code == code)).scalar()
        if clash is not None and clash != article_id:
            raise ValidationError({"code": f"Il codice «{code}» è già di un altro articolo."})
        art = s.get(Article, article_id) if article_id else Article(code=code, unit=unit)
        if art is None:
            raise DomainError("Articolo inesistente.")
        lots = bool(values.get("tracks_lots"))
        if article_id:
            # Frozen in the database too (0006 PROTECTIONS): the giornale cites them.
            if art.code != code:
                raise ValidationError({"code": f"Il codice «{art.code}» non si cambia: per un "
                                               "codice diverso creare un nuovo articolo e "
                                               "mettere questo fuori uso."})
            if art.unit != unit:
                raise ValidationError({"unit": "L'unità di misura non si cambia: le giacenze "
                                               f"sono in {rules.unit_of(art.unit).plural}."})
            if bool(art.tracks_lots) != lots and _has_lines(s, article_id):
                raise ValidationError({"tracks_lots": "La gestione a lotti non si cambia dopo "
                                                      "il primo movimento."})
        art.code, art.unit, art.description = code, unit, text
        art.category = (values.get("category") or "").strip()
        art.min_stock = min_milli
        art.supplier = (values.get("supplier") or "").strip()
        art.tracks_lots = lots
        art.is_dpi = bool(values.get("is_dpi"))
        art.active = values.get("active", True)
        art.notes = (values.get("notes") or "").strip()
        s.add(art)
        s.flush()
        s.commit()
        return art.id


def _minimum(value, unit: str) -> int:
    """The scorta minima in thousandths; zero or empty means no alert."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        if isinstance(value, str):
            return rules.parse_quantity(value, unit, field="min_stock", allow_zero=True)
        return rules.check_quantity(value, unit, field="min_stock", allow_zero=True)
    except ValidationError as exc:
        message = exc.errors.get("min_stock", exc.message)
        raise ValidationError({"min_stock": "Scorta minima: " + lower_first(message)}) from None


def _has_lines(s, article_id: int) -> bool:
    return s.execute(select(MovementLine.id).where(MovementLine.article_id == article_id)
                     .limit(1)).first() is not None


# --- inputs --------------------------------------------------------------------------------

@dataclass
class ItemInput:
    """One article of a movement. ``quantity`` in the article's unit: typed text ("2,5") or
    a Decimal/int. ``value``: total of the line, IVA included (carico only)."""

    article_id: int
    quantity: str | Decimal | int
    value: Decimal | None = None
    lot: str = ""
    expiry: date | None = None


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
class RequestInput:
    requested_on: date
    requester: str
    destination_kind: str
    destination: str
    lines: list[tuple[int, str | Decimal | int]]     # (article_id, quantity)
    destination_site_id: int | None = None
    storeroom_id: int | None = None
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


@dataclass(frozen=True)
class MovementRef:
    movement_id: int
    number: int
    year: int


@dataclass
class _Line:
    article: Article
    storeroom_id: int
    quantity: int                 # signed thousandths
    value: int | None = None      # fixed cents (priced), else None
    lot_id: int | None = None
    source: int | None = None     # index of the mirrored line in this movement
    source_line_id: int | None = None
    source_value: int | None = None
    request_line_id: int | None = None
    stored: MovementLine | None = field(default=None, repr=False)


# --- the journal core ------------------------------------------------------------------

def _names(s, ids) -> dict[int, str]:
    return dict(s.execute(select(Storeroom.id, Storeroom.name).where(Storeroom.id.in_(ids))).all())


def _article(s, article_id: int, row: int | None = None) -> Article:
    art = s.get(Article, article_id) if article_id is not None else None
    if art is None:
        where = f"Riga {row}: " if row else ""
        raise ValidationError({"lines": f"{where}articolo inesistente."})
    return art


def _storeroom(s, storeroom_id: int | None, fieldname: str = "storeroom_id") -> Storeroom:
    room = s.get(Storeroom, storeroom_id) if storeroom_id else None
    if room is None or not room.active:
        raise ValidationError({fieldname: "Indicare un magazzino esistente e in uso."})
    return room


def _quantity(item: ItemInput, art: Article) -> int:
    if isinstance(item.quantity, str):
        return rules.parse_quantity(item.quantity, art.unit, label=art.description)
    return rules.check_quantity(item.quantity, art.unit, label=art.description)


def _post(s, *, kind: str, entry_date: date, storeroom_id: int, lines: list[_Line],
          description: str, annuls: RegisterEntry | None = None, **header) -> MovementRef:
    """Number the movement in the giornale, value its lines at weighted average cost, refuse
    negative stock, write lines and stock. Runs inside the caller's unit of work."""
    user = s.info["user"]
    if not lines:
        raise ValidationError({"lines": "Indicare almeno un articolo."})
    _revalue(s, lines, entry_date)
    # Only a carico's own values go on the register lines: every other line moves at the
    # average cost, which a back-dated carico may recompute (warehouse_movement_line has it).
    register_lines = [LineInput(
        f"{ln.article.code} – {ln.article.description} – "
        f"{_store_short(s, ln.storeroom_id)}: {rules.format_quantity(ln.quantity, ln.article.unit)}",
        None, Decimal(ln.value) / 100 if kind == "carico" and ln.value is not None else None)
        for ln in lines]
    priced = sum(ln.value for ln in lines if ln.value is not None and ln.quantity > 0)
    ref = add_entry(s.connection(), spec=register_spec(rules.GIORNALE), entry_date=entry_date,
                    description=description, user=user,
                    kind="annulment" if annuls is not None else "entry",
                    annuls_id=annuls.id if annuls is not None else None,
                    reason=header.get("reason") if annuls is not None else None,
                    amount=Decimal(priced) / 100 if kind == "carico" else None,
                    reference=(header.get("document_ref") or None) if kind == "carico" else None,
                    lines=register_lines)
    mov = Movement(entry_id=ref.id, kind=kind, movement_date=entry_date,
                   storeroom_id=storeroom_id, recorded_by_id=user.id, **header)
    s.add(mov)
    s.flush()
    for i, ln in enumerate(lines, start=1):
        source_id = ln.source_line_id
        if ln.source is not None:
            source_id = lines[ln.source].stored.id
        ln.stored = MovementLine(movement_id=mov.id, line_no=i, movement_date=entry_date,
                                 article_id=ln.article.id, storeroom_id=ln.storeroom_id,
                                 lot_id=ln.lot_id, quantity=ln.quantity,
                                 value_cents=ln.value, priced=ln.value is not None and
                                 ln.source is None and ln.source_line_id is None and
                                 ln.quantity > 0 and kind == "carico",
                                 source_line_id=source_id, request_line_id=ln.request_line_id)
        s.add(ln.stored)
        if i < len(lines) and lines[i].source is not None:
            s.flush()   # the next line points at this one
    s.flush()
    return MovementRef(mov.id, ref.number, ref.year)


def _store_short(s, storeroom_id: int) -> str:
    return s.get(Storeroom, storeroom_id).code


def _revalue(s, lines: list[_Line], entry_date: date) -> None:
    """Give every new line its value and move the stock, article by article.

    Usually the movement is the latest of its article: the valuation starts from the stock
    rows. When it is back-dated (a December DDT recorded in January, in the old year's
    numbering) that article's journal is valued again from the start and the later lines get
    their new values: one article, no cascade over the rest of the journal.
    """
    by_article: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        by_article.setdefault(ln.article.id, []).append(i)
    for article_id, idx in by_article.items():
        art = lines[idx[0]].article
        later = s.execute(select(MovementLine.id).where(
            MovementLine.article_id == article_id, MovementLine.movement_date > entry_date)
            .limit(1)).first()
        # ``source`` indexes the whole movement: translate it to this article's lines.
        local = {g: k for k, g in enumerate(idx)}
        mine = [lines[i] for i in idx]
        sources = [None if ln.source is None else local[ln.source] for ln in mine]
        if later is None:
            _value_incrementally(s, art, mine, sources, entry_date)
        else:
            _value_from_history(s, art, mine, sources, entry_date)


def _shortage(s, art: Article, storeroom_id: int, available: int, wanted: int) -> DomainError:
    name = _names(s, [storeroom_id]).get(storeroom_id, "?")
    return DomainError(rules.shortage_message(art.description, name, available, wanted,
                                              art.unit), "lines")


def _value_incrementally(s, art: Article, new: list[_Line], sources: list[int | None],
                         entry_date: date) -> None:
    balances = {b.storeroom_id: b for b in s.execute(
        select(Balance).where(Balance.article_id == art.id)).scalars()}
    opening = [rules.ValuedLine(b.storeroom_id, b.quantity, b.value_cents)
               for b in balances.values() if b.quantity or b.value_cents]
    offset = len(opening)
    valued = opening + [rules.ValuedLine(
        ln.storeroom_id, ln.quantity, ln.value if ln.value is not None else ln.source_value,
        None if src is None else offset + src) for ln, src in zip(new, sources)]
    try:
        values = rules.value_lines(valued)
    except rules.NegativeStock as exc:
        bad = new[exc.index - offset]
        raise _shortage(s, art, bad.storeroom_id, exc.available, -bad.quantity) from None
    for ln, value in zip(new, values[offset:]):
        ln.value = value
        bal = balances.get(ln.storeroom_id)
        if bal is None:
            bal = balances[ln.storeroom_id] = Balance(article_id=art.id,
                                                       storeroom_id=ln.storeroom_id,
                                                       quantity=0, value_cents=0)
            s.add(bal)
        bal.quantity += ln.quantity
        bal.value_cents = bal.value_cents + value if bal.quantity else 0
        bal.last_date = entry_date


def _value_from_history(s, art: Article, new: list[_Line], sources: list[int | None],
                        entry_date: date) -> None:
    old = s.execute(select(MovementLine).where(MovementLine.article_id == art.id).order_by(
        MovementLine.movement_date, MovementLine.movement_id, MovementLine.line_no)).scalars().all()
    before = [ln for ln in old if ln.movement_date <= entry_date]
    after = [ln for ln in old if ln.movement_date > entry_date]
    position = {ln.id: k for k, ln in enumerate(before)}
    valued: list[rules.ValuedLine] = []

    def add_old(ln: MovementLine) -> None:
        source = position.get(ln.source_line_id) if ln.source_line_id else None
        valued.append(rules.ValuedLine(ln.storeroom_id, ln.quantity,
                                       ln.value_cents if ln.priced else None, source))
        position[ln.id] = len(valued) - 1

    for ln in before:
        add_old(ln)
    first_new = len(valued)
    for ln, src in zip(new, sources):
        source = (first_new + src if src is not None else
                  position.get(ln.source_line_id) if ln.source_line_id else None)
        valued.append(rules.ValuedLine(ln.storeroom_id, ln.quantity, ln.value, source))
    for ln in after:
        add_old(ln)
    try:
        values = rules.value_lines(valued)
    except rules.NegativeStock as exc:
        if first_new <= exc.index < first_new + len(new):
            bad = new[exc.index - first_new]
            raise _shortage(s, art, bad.storeroom_id, exc.available, -bad.quantity) from None
        raise DomainError(
            f"Movimento retrodatato al {format_date(entry_date)} rifiutato: «{art.description}» "
            f"nel magazzino «{_names(s, [exc.storeroom]).get(exc.storeroom)}» andrebbe sotto "
            f"zero in un movimento successivo.", "lines") from None
    for ln, value in zip(new, values[first_new:first_new + len(new)]):
        ln.value = value
    for ln, value in zip(after, values[first_new + len(new):]):
        if ln.value_cents != value:
            ln.value_cents = value
    totals: dict[int, list[int]] = {}
    for vl, value in zip(valued, values):
        q, v = totals.setdefault(vl.storeroom, [0, 0])
        totals[vl.storeroom] = [q + vl.quantity, v + value]
    last = max([entry_date] + [ln.movement_date for ln in after])
    for store, (q, v) in totals.items():
        bal = s.get(Balance, (art.id, store))
        if bal is None:
            bal = Balance(article_id=art.id, storeroom_id=store)
            s.add(bal)
        bal.quantity, bal.value_cents, bal.last_date = q, (v if q else 0), last


# --- lots ------------------------------------------------------------------------------------

def _lot_for_carico(s, art: Article, item: ItemInput, row: int, on: date) -> int | None:
    code = (item.lot or "").strip().upper()
    if not art.tracks_lots:
        return None
    if not code:
        raise ValidationError({"lines": f"Riga {row}: «{art.description}» è gestito a lotti: "
                                        "indicare il lotto e la scadenza."})
    lot = s.execute(select(Lot).where(Lot.article_id == art.id, Lot.code == code)).scalar()
    expiry = item.expiry or (lot.expiry if lot is not None else None)
    if expiry is not None and expiry < on:
        raise ValidationError({"lines": f"Riga {row}: il lotto «{code}» di «{art.description}» "
                                        f"è scaduto il {format_date(expiry)}: non si prende "
                                        "in carico."})
    if lot is None:
        lot = Lot(article_id=art.id, code=code, expiry=item.expiry)
        s.add(lot)
        s.flush()
    elif item.expiry and lot.expiry and item.expiry != lot.expiry:
        raise ValidationError({"lines": f"Riga {row}: il lotto «{code}» è già registrato con "
                                        f"scadenza {format_date(lot.expiry)}."})
    return lot.id


def _lot_stock(s, lot_id: int, storeroom_id: int) -> int:
    return s.execute(select(func.coalesce(func.sum(MovementLine.quantity), 0)).where(
        MovementLine.lot_id == lot_id, MovementLine.storeroom_id == storeroom_id)).scalar()


def _allocate_lots(s, art: Article, storeroom: Storeroom, wanted: int, lot_code: str,
                   on: date, taken: dict[int, int] | None = None) -> list[tuple[int | None, int]]:
    """(lot_id, quantity) pairs for an outgoing quantity. A named lot must be in date and in
    stock; otherwise the lots expiring first are used (expired ones never).

    ``taken`` (lot id -> thousandths) is what earlier lines of the same movement already take
    from this storeroom: two lines of the same article never hand out the same pieces twice.
    It is updated with this allocation."""
    if not art.tracks_lots:
        return [(None, wanted)]
    taken = {} if taken is None else taken
    out = _allocate(s, art, storeroom, wanted, lot_code, on, taken)
    for lot_id, part in out:
        taken[lot_id] = taken.get(lot_id, 0) + part
    return out


def _allocate(s, art, storeroom, wanted, lot_code, on, taken) -> list[tuple[int | None, int]]:
    lots = s.execute(select(Lot).where(Lot.article_id == art.id).order_by(
        Lot.expiry.is_(None), Lot.expiry, Lot.id)).scalars().all()
    if lot_code.strip():
        lot = next((x for x in lots if x.code == lot_code.strip().upper()), None)
        if lot is None:
            raise ValidationError({"lot": f"Lotto «{lot_code}» di «{art.description}» "
                                          "inesistente."})
        rules.check_lot(article=art.description, lot=lot.code, expiry=lot.expiry, on=on)
        have = _lot_stock(s, lot.id, storeroom.id) - taken.get(lot.id, 0)
        if have < wanted:
            raise DomainError(rules.shortage_message(f"{art.description}, lotto {lot.code}",
                                                     storeroom.name, have, wanted, art.unit),
                              "lines")
        return [(lot.id, wanted)]
    out, left, expired = [], wanted, 0
    for lot in lots:
        have = _lot_stock(s, lot.id, storeroom.id) - taken.get(lot.id, 0)
        if have <= 0:
            continue
        if lot.expiry is not None and lot.expiry < on:
            expired += have
            continue
        take = min(have, left)
        out.append((lot.id, take))
        left -= take
        if not left:
            return out
    available = wanted - left
    note = (f" (altri {rules.format_quantity(expired, art.unit)} sono di lotti scaduti: non "
            "si distribuiscono)" if expired else "")
    raise DomainError(rules.shortage_message(art.description, storeroom.name, available, wanted,
                                             art.unit)[:-1] + note + ".", "lines")


# --- carico ----------------------------------------------------------------------------------

def carico(db: Database, data: CaricoInput) -> MovementRef:
    """Buono di versamento: goods into a storeroom from an order, a DDT, an invoice (price IVA
    included), or a free supply at zero or estimated value."""
    if data.document_kind not in rules.DOCUMENT_KINDS:
        raise ValidationError({"document_kind": "Indicare il documento di provenienza."})
    if data.document_kind != "gratuita" and not data.supplier.strip():
        raise ValidationError({"supplier": "Indicare il fornitore."})
    with unit_of_work(db, reason="Carico di magazzino") as s:
        ref = carico_in(s, data)
        s.commit()
    return ref


def carico_in(s, data: CaricoInput) -> MovementRef:
    """``carico`` inside an open unit of work (the demo posts a year in one transaction)."""
    room = _storeroom(s, data.storeroom_id)
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


# --- material requests ------------------------------------------------------------------------

def create_request(db: Database, data: RequestInput) -> int:
    """A richiesta di materiale, waiting for the DSGA. Returns its id."""
    errors = {}
    if not data.requester.strip():
        errors["requester"] = "Indicare chi richiede il materiale."
    if data.destination_kind not in rules.RECIPIENT_KINDS:
        errors["destination_kind"] = "Indicare se il materiale è per un ufficio, un plesso, " \
                                     "un laboratorio o una persona."
    if not data.destination.strip():
        errors["destination"] = "Indicare l'ufficio, il plesso o il laboratorio."
    if not data.lines:
        errors["lines"] = "Indicare almeno un articolo."
    if data.requested_on > date.today():
        errors["requested_on"] = "La data della richiesta non può essere futura."
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Richiesta di materiale") as s:
        rid = create_request_in(s, data)
        s.commit()
        return rid


def create_request_in(s, data: RequestInput) -> int:
    year = data.requested_on.year
    number = (s.execute(select(func.max(Request.number)).where(Request.year == year))
              .scalar() or 0) + 1
    req = Request(year=year, number=number, requested_on=data.requested_on,
                  requester=data.requester.strip(), destination_kind=data.destination_kind,
                  destination=data.destination.strip(),
                  destination_site_id=data.destination_site_id,
                  storeroom_id=data.storeroom_id, notes=data.notes.strip(),
                  status="presentata", recorded_by_id=s.info["user"].id)
    s.add(req)
    s.flush()
    seen = set()
    for row, (article_id, quantity) in enumerate(data.lines, start=1):
        art = _article(s, article_id, row)
        if art.id in seen:
            raise ValidationError({"lines": f"Riga {row}: «{art.description}» è già nella "
                                            "richiesta."})
        seen.add(art.id)
        qty = _quantity(ItemInput(art.id, quantity), art)
        s.add(RequestLine(request_id=req.id, line_no=row, article_id=art.id,
                          requested=qty, delivered=0))
    s.flush()
    return req.id


def decide_request(db: Database, *, request_id: int, approve: bool, decided_on: date,
                   approved: dict[int, str | Decimal | int] | None = None, note: str = "",
                   decided_by: str = "") -> None:
    """The DSGA approves (cutting quantities if needed: ``approved`` by article id; missing
    articles are approved as requested) or refuses with a reason."""
    with unit_of_work(db, reason="Decisione su una richiesta di materiale") as s:
        decide_request_in(s, request_id=request_id, approve=approve, decided_on=decided_on,
                          approved=approved, note=note, decided_by=decided_by)
        s.commit()


def decide_request_in(s, *, request_id: int, approve: bool, decided_on: date,
                      approved: dict | None = None, note: str = "", decided_by: str = "") -> None:
    req = s.get(Request, request_id)
    if req is None:
        raise DomainError("Richiesta inesistente.")
    if req.status != "presentata":
        raise DomainError(f"La richiesta n. {req.number}/{req.year} è già "
                          f"{req.status}: non si decide di nuovo.")
    if decided_on > date.today():
        raise ValidationError({"decided_on": "La data della decisione non può essere futura."})
    if decided_on < req.requested_on:
        raise ValidationError({"decided_on": "La decisione non può precedere la richiesta "
                                             f"del {format_date(req.requested_on)}."})
    if not approve:
        if len(note.strip()) < 5:
            raise ValidationError({"note": "Indicare il motivo del rifiuto."})
        req.status = "respinta"
    else:
        approved = approved or {}
        lines = s.execute(select(RequestLine).where(RequestLine.request_id == req.id)
                          .order_by(RequestLine.line_no)).scalars().all()
        for line in lines:
            art = s.get(Article, line.article_id)
            qty = line.requested
            if line.article_id in approved:
                raw = approved[line.article_id]
                qty = (rules.parse_quantity(raw, art.unit, field="approved",
                                            label=art.description, allow_zero=True)
                       if isinstance(raw, str) else
                       rules.check_quantity(raw, art.unit, field="approved",
                                            label=art.description, allow_zero=True))
            rules.check_approval(line.requested, qty, article=art.description, unit=art.unit)
            line.approved = qty
        if not any(line.approved for line in lines):
            raise ValidationError({"approved": "Nessuna quantità approvata: per non dare "
                                               "nulla, respingere la richiesta."})
        req.status = "approvata"
    req.decided_on = decided_on
    req.decided_by = decided_by.strip() or s.info["user"].full_name or "DSGA"
    req.decision_note = note.strip()
    s.flush()


def withdraw(db: Database, data: WithdrawalInput) -> MovementRef:
    """Buono di prelevamento against an approved request (one of possibly several)."""
    try:
        return _withdraw(db, data)
    except DomainError as exc:
        refuse_log(exc, "prelievo")
        raise


def _withdraw(db: Database, data: WithdrawalInput) -> MovementRef:
    with unit_of_work(db, reason="Prelievo di magazzino") as s:
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
    req.status = rules.request_state_after([(ln.approved or 0, ln.delivered)
                                            for ln in req_lines.values()])
    return ref


def _out_of(lines: list[_Line], art: Article) -> int:
    """What the lines already built for this movement take out of stock for ``art``."""
    return sum(-x.quantity for x in lines if x.article.id == art.id and x.quantity < 0)


def _check_stock(s, art: Article, room: Storeroom, qty: int) -> None:
    """The plain check first: the message names article, storeroom and what is there."""
    bal = s.get(Balance, (art.id, room.id))
    have = bal.quantity if bal else 0
    if qty > have:
        raise DomainError(rules.shortage_message(art.description, room.name, have, qty,
                                                 art.unit), "lines")


def _check_lot_stock(s, art: Article, room: Storeroom, lot_id: int, qty: int) -> None:
    """A storno of a carico takes back the same lot: refused if that lot was handed out."""
    have = _lot_stock(s, lot_id, room.id)
    if qty > have:
        lot = s.get(Lot, lot_id)
        raise DomainError(rules.shortage_message(f"{art.description}, lotto {lot.code}",
                                                 room.name, have, qty, art.unit), "lines")


def refuse_log(exc: DomainError, action: str) -> None:
    """A refused movement leaves no row: only this line in the log, for support."""
    log.info("Magazzino, %s rifiutato: %s", action, exc.message)


# --- transfer, stocktake, DPI ---------------------------------------------------------------

def transfer(db: Database, *, from_storeroom_id: int, to_storeroom_id: int, entry_date: date,
             lines: list[ItemInput], reason: str = "") -> MovementRef:
    """Movimento interno: out of one storeroom at its average cost, into the other at the
    same value. The total stock and value of the school do not change."""
    if from_storeroom_id == to_storeroom_id:
        raise ValidationError({"to_storeroom_id": "Scegliere un magazzino di destinazione "
                                                  "diverso da quello di partenza."})
    with unit_of_work(db, reason="Trasferimento tra magazzini") as s:
        ref = transfer_in(s, from_storeroom_id=from_storeroom_id,
                          to_storeroom_id=to_storeroom_id, entry_date=entry_date, lines=lines,
                          reason=reason)
        s.commit()
    return ref


def transfer_in(s, *, from_storeroom_id: int, to_storeroom_id: int, entry_date: date,
                lines: list[ItemInput], reason: str = "") -> MovementRef:
    src = _storeroom(s, from_storeroom_id, "from_storeroom_id")
    dst = _storeroom(s, to_storeroom_id, "to_storeroom_id")
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


def stocktake(db: Database, *, storeroom_id: int, entry_date: date,
              counts: dict[str, str | Decimal | int], reason: str) -> MovementRef | None:
    """Inventario fisico: ``counts`` by article code (as the barcode reader types it, or by
    hand); differences from the book stock are posted as one rettifica with the reason.
    Returns None when nothing differs."""
    with unit_of_work(db, reason="Inventario fisico di magazzino") as s:
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


def _latest_lot(s, art: Article) -> int | None:
    if not art.tracks_lots:
        return None
    return s.execute(select(Lot.id).where(Lot.article_id == art.id).order_by(
        Lot.expiry.desc(), Lot.id.desc()).limit(1)).scalar()


def distribute_dpi(db: Database, *, storeroom_id: int, entry_date: date,
                   deliveries: list[DpiDelivery], handed_by: str = "") -> list[MovementRef]:
    """DPI to plessi and staff: one numbered movement per recipient, each its own dated
    receipt; all recipients or none."""
    if not deliveries:
        raise ValidationError({"deliveries": "Indicare almeno un destinatario."})
    with unit_of_work(db, reason="Distribuzione di DPI") as s:
        refs = distribute_dpi_in(s, storeroom_id=storeroom_id, entry_date=entry_date,
                                 deliveries=deliveries, handed_by=handed_by)
        s.commit()
    return refs


def distribute_dpi_in(s, *, storeroom_id: int, entry_date: date, deliveries: list[DpiDelivery],
                      handed_by: str = "") -> list[MovementRef]:
    refs = []
    room = _storeroom(s, storeroom_id)
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

def annul_movement(db: Database, *, movement_id: int, reason: str,
                   entry_date: date | None = None) -> MovementRef:
    """Storno: a new numbered entry that annuls the movement and moves everything back at the
    same values. The original stays in the giornale, struck through on paper."""
    with unit_of_work(db, reason="Storno di un movimento di magazzino") as s:
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
        req.status = rules.request_state_after([(x.approved or 0, x.delivered) for x in rls])
    ref = _post(s, kind="storno", entry_date=when, storeroom_id=mov.storeroom_id,
                lines=lines, annuls=entry,
                description=f"Storno della registrazione n. {entry.number} del "
                            f"{format_date(entry.entry_date)}",
                annuls_movement_id=mov.id, to_storeroom_id=mov.to_storeroom_id,
                reason=text)
    return ref


