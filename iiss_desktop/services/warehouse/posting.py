"""The giornale core: a movement's lines numbered in «mag-giornale», valued at weighted average
cost and moved into the stock, inside the caller's unit of work.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...db.locking import create_missing, lock_rows
from ...domain import warehouse as rules
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.registers import register_spec
from ...models.core import RegisterEntry
from ...models.guard import check_row
from ...models.warehouse import Article, Balance, Movement, MovementLine, Storeroom
from ..registers import LineInput, add_entry

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


def lock_stock(s, article_ids, storeroom_ids=()) -> dict[tuple[int, int], Balance]:
    """Lock the stock rows of these articles (every storeroom), creating the missing ones of
    ``storeroom_ids`` first: the stock, the lots and the journal of an article are read to
    decide a movement only under this lock (docs/ARCHITECTURE.md, "Concurrency"). A movement
    calls it once, before its first read of the stock; posting calls it again (a no-op)."""
    articles = sorted({a for a in article_ids if a is not None})
    if not articles:
        return {}
    create_missing(s, Balance, [(a, st) for a in articles for st in storeroom_ids],
                   quantity=0, value_cents=0)
    return {(b.article_id, b.storeroom_id): b
            for b in lock_rows(s, Balance, where=Balance.article_id.in_(articles))}


def _post(s, *, kind: str, entry_date: date, storeroom_id: int, lines: list[_Line],
          description: str, annuls: RegisterEntry | None = None, **header) -> MovementRef:
    """Number the movement in the giornale, value its lines at weighted average cost, refuse
    negative stock, write lines and stock. Runs inside the caller's unit of work."""
    user = s.info["user"]
    # The movement's own texts first: an over-long supplier or document number is named as
    # such, not as the register description quoting it.
    header = check_row("warehouse_movement", header)
    if not lines:
        raise ValidationError({"lines": "Indicare almeno un articolo."})
    _revalue(s, lines, entry_date)
    # Only a carico's own values go on the register lines: every other line moves at the
    # average cost, which a back-dated carico may recompute (warehouse_movement_line has it).
    register_lines = [LineInput(
        f"{ln.article.code} – {ln.article.description} – "
        f"{_store_short(s, ln.storeroom_id)}: "
        f"{rules.format_quantity(ln.quantity, ln.article.unit)}",
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
    stock = lock_stock(s, by_article, {ln.storeroom_id for ln in lines})
    for article_id, idx in sorted(by_article.items()):
        art = lines[idx[0]].article
        later = s.execute(select(MovementLine.id).where(
            MovementLine.article_id == article_id, MovementLine.movement_date > entry_date)
            .limit(1)).first()
        # ``source`` indexes the whole movement: translate it to this article's lines.
        local = {g: k for k, g in enumerate(idx)}
        mine = [lines[i] for i in idx]
        sources = [None if ln.source is None else local[ln.source] for ln in mine]
        balances = {st: b for (a, st), b in stock.items() if a == article_id}
        if later is None:
            _value_incrementally(s, art, mine, sources, entry_date, balances)
        else:
            _value_from_history(s, art, mine, sources, entry_date, balances)


def _shortage(s, art: Article, storeroom_id: int, available: int, wanted: int) -> DomainError:
    name = _names(s, [storeroom_id]).get(storeroom_id, "?")
    return DomainError(rules.shortage_message(art.description, name, available, wanted,
                                              art.unit), "lines")


def _value_incrementally(s, art: Article, new: list[_Line], sources: list[int | None],
                         entry_date: date, balances: dict[int, Balance]) -> None:
    """From the stock rows (``balances``: the article's, by storeroom, locked)."""
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
        bal = balances[ln.storeroom_id]
        bal.quantity += ln.quantity
        bal.value_cents = bal.value_cents + value if bal.quantity else 0
        bal.last_date = entry_date


def _value_from_history(s, art: Article, new: list[_Line], sources: list[int | None],
                        entry_date: date, balances: dict[int, Balance]) -> None:
    """From the article's journal (read under the lock of its stock rows, ``balances``)."""
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
    missing = [(art.id, st) for st in totals if st not in balances]
    if missing:   # a storeroom of the article's history with no stock row (old archives)
        create_missing(s, Balance, missing, quantity=0, value_cents=0)
        balances.update((b.storeroom_id, b) for b in lock_rows(s, Balance, missing))
    for store, (q, v) in totals.items():
        bal = balances[store]
        bal.quantity, bal.value_cents, bal.last_date = q, (v if q else 0), last


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
