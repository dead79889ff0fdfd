"""Ricognizione use cases: record the verbale of a room, take in charge a good found there.

The verbale covers the whole room: every good registered there on the day of the check gets
an outcome, so that "not checked" can never be confused with "present" (domain.md §1.8).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...areas.inventory import CARICO, PREPARE
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import read_session, unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import ricognizione as rules
from ...domain.inventory import states
from ...domain.inventory.registers import item_label
from ...domain.registers import register_spec
from ...models.core import RegisterEntry
from ...models.inventory import (
    InventoryDischarge,
    InventoryDischargeItem,
    InventoryItem,
    RenewalMapEntry,
    Ricognizione,
    RicognizioneLine,
    RicognizioneRead,
)
from ...models.school import Room, Site
from ..registers import LineInput, add_entry
from .carico import CaricoInput, carico
from .movements import record_move
from .situations import situations

MAX_LISTED = 6   # goods named in a message before "e altri N"


@dataclass(frozen=True)
class OutcomeInput:
    """One line of the verbale: a registered good (item_id) or a good found but not recorded
    (item_id None, with the label read if any, a description and a value of stima)."""

    outcome: str
    item_id: int | None = None
    code: str = ""
    state: str = ""
    reason: str = ""
    description: str = ""
    estimated_value: Decimal | None = None


@dataclass(frozen=True)
class ScanInput:
    """One label read during the check, in order: the code, what it turned out to be
    (trovato, altrove, ripetuto, sconosciuto) and why, as the screen said it."""

    code: str
    result: str
    detail: str = ""


@dataclass(frozen=True)
class CheckResult:
    check_id: int
    number: int
    year: int
    discharge_item_ids: tuple[int, ...]    # proposed for discarico (mancanti, inservibili)
    carico_line_ids: tuple[int, ...]       # goods found but not recorded: to take in charge


def _listed(labels: list[str]) -> str:
    shown = ", ".join(labels[:MAX_LISTED])
    more = len(labels) - MAX_LISTED
    return shown + (f" e altri {more}" if more > 0 else "")


def _labels(db: Database, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    with read_session(db) as s:
        return {i.id: _label(i) for i in s.execute(
            select(InventoryItem).where(InventoryItem.id.in_(ids))).scalars()}


def _clean_outcomes(db: Database, outcomes: list[OutcomeInput]) -> list[rules.CleanOutcome]:
    """The rules of each line, with every bad row named (by its good) in one message."""
    cleaned, problems = [], []
    for i, o in enumerate(outcomes, start=1):
        try:
            cleaned.append(rules.check_outcome(
                outcome=o.outcome, state=o.state, reason=o.reason, description=o.description,
                estimated_value=o.estimated_value))
        except ValidationError as exc:
            problems += [(i, o, m) for m in exc.errors.values()]
            continue
        if o.outcome != rules.IGNORED and (o.item_id is None) != (o.outcome == "non_registrato"):
            problems.append((i, o, "un bene non registrato non ha un numero d'inventario."
                             if o.item_id else "indicare il bene registrato a cui si riferisce."))
    if problems:
        labels = _labels(db, [o.item_id for _, o, _ in problems if o.item_id is not None])
        raise ValidationError({"outcomes": "\n".join(
            f"{labels.get(o.item_id) or o.code or f'Riga {i}, bene non registrato'}: {m}"
            for i, o, m in problems)})
    return cleaned


def _goods_in_consistenza(s, at: date, room_id: int | None = None,
                          item_ids: list[int] | None = None) -> dict[int, InventoryItem]:
    """Goods held at ``at`` (the rule of queries.inventory.consistenza): loaded on or before that
    day, not annulled, not yet discharged by decree nor carried to a new series by a rinnovo."""
    annulment = RegisterEntry.__table__.alias("annulment")
    annul = select(annulment.c.id).where(annulment.c.annuls_id == InventoryItem.entry_id)
    discharged = (select(InventoryDischargeItem.id)
                  .join(InventoryDischarge,
                        InventoryDischarge.id == InventoryDischargeItem.discharge_id)
                  .where(InventoryDischargeItem.item_id == InventoryItem.id,
                         InventoryDischarge.decree_date <= at))
    new_item = InventoryItem.__table__.alias("new_item")
    new_entry = RegisterEntry.__table__.alias("new_entry")
    renewed = (select(RenewalMapEntry.id)
               .join(new_item, new_item.c.id == RenewalMapEntry.new_item_id)
               .join(new_entry, new_entry.c.id == new_item.c.entry_id)
               .where(RenewalMapEntry.old_item_id == InventoryItem.id,
                      new_entry.c.entry_date <= at))
    q = (select(InventoryItem)
         .join(RegisterEntry, RegisterEntry.id == InventoryItem.entry_id)
         .where(RegisterEntry.entry_date <= at, ~annul.exists(), ~discharged.exists(),
                ~renewed.exists(),
                # closed by a rinnovo whose map is not recorded: never expected again
                InventoryItem.status != states.RENEWED))
    if room_id is not None:
        q = q.where(InventoryItem.room_id == room_id)
    if item_ids is not None:
        q = q.where(InventoryItem.id.in_(item_ids))
    return {item.id: item for item in s.execute(q).scalars()}


def _label(item: InventoryItem) -> str:
    return item_label(item.register, item.number)


@requires(PREPARE)
def record_check(db: Database, room_id: int, checked_on: date, outcomes: list[OutcomeInput],
                 commission: str = "", general: bool = True, notes: str = "",
                 scans: list[ScanInput] | None = None) -> CheckResult:
    """The verbale of the ricognizione of one room, in one transaction: its number, one line per
    outcome, every label read (``scans``, in order), and what follows at once (new state,
    documented transfer of goods found here).

    A read marked "ignorato" (by mistake, or a good no longer in the registers) stays on the
    verbale with its reason; it is no outcome of a good (not counted, nothing follows)."""
    if checked_on is None:
        raise ValidationError({"checked_on": "Indicare la data della ricognizione."})
    if checked_on > date.today():
        raise ValidationError({"checked_on": f"La data {format_date(checked_on)} è futura: la "
                                             "ricognizione si verbalizza dopo averla fatta."})
    cleaned = _clean_outcomes(db, outcomes)
    scans = [ScanInput(" ".join((x.code or "").split()).upper()[:60] or "—", x.result,
                       " ".join((x.detail or "").split())) for x in scans or ()]
    bad = [x.result for x in scans if x.result not in rules.SCAN_RESULTS]
    if bad:
        raise ValidationError({"scans": f"Esito di lettura non valido: «{bad[0]}»."})
    ignored = [(o, c) for o, c in zip(outcomes, cleaned) if c.outcome == rules.IGNORED]
    pairs = [(o, c) for o, c in zip(outcomes, cleaned) if c.outcome != rules.IGNORED]
    outcomes, cleaned = [o for o, _ in pairs], [c for _, c in pairs]
    ids = [o.item_id for o in outcomes if o.item_id is not None]
    twice = sorted(i for i, n in Counter(ids).items() if n > 1)
    codes = Counter(o.code.strip().upper() for o in outcomes
                    if o.item_id is None and o.code.strip())
    twice_codes = sorted(c for c, n in codes.items() if n > 1)
    user = db.current_user
    with unit_of_work(db, user, reason="Ricognizione dei beni") as s:
        room = s.get(Room, room_id)
        if room is None:
            raise ValidationError({"room_id": "Locale inesistente."})
        require_at(db, PREPARE, s, site_ids=[room.site_id])
        site = s.get(Site, room.site_id)
        if twice or twice_codes:
            named = [_label(s.get(InventoryItem, i)) if s.get(InventoryItem, i) else str(i)
                     for i in twice] + twice_codes
            raise ValidationError({"outcomes": "Un bene compare due volte nel verbale: "
                                               f"{_listed(named)}."})
        expected = _goods_in_consistenza(s, checked_on, room_id=room.id)
        held = _goods_in_consistenza(s, checked_on, item_ids=ids) if ids else {}
        found = situations(s, [i for i in (s.get(InventoryItem, x) for x in ids) if i])
        problems = []
        for i, o in enumerate(outcomes, start=1):
            if o.item_id is None:
                continue
            item = s.get(InventoryItem, o.item_id)
            if item is None:
                problems.append(f"Riga {i}: bene {o.item_id} inesistente.")
                continue
            label = _label(item)
            if o.item_id not in held:
                # Gone by now (discharged, annulled, renewed): the rule says why; otherwise
                # not yet loaded on that day. A verbale dated before a later discharge checks
                # the good, which was held then.
                here = found[item.id]
                problems.append(states.refusal(states.RICOGNIZIONE, here.state, **here.facts)
                                or f"{label}: il bene non risulta in carico al "
                                   f"{format_date(checked_on)} (non ancora caricato, scaricato "
                                   "o annullato).")
            elif o.outcome == "spostato" and item.room_id == room.id:
                problems.append(f"{label}: il bene è registrato in questo locale: "
                                "l'esito è «confermato», non «spostato».")
            elif o.outcome in rules.FOR_GOODS_OF_THE_ROOM and o.item_id not in expected:
                problems.append(f"{label}: il bene è registrato in un altro locale: "
                                "se si trova qui l'esito è «spostato».")
        if problems:
            raise ValidationError({"outcomes": "\n".join(problems)})
        missing = [item for item_id, item in sorted(expected.items()) if item_id not in ids]
        if missing:
            raise ValidationError({"outcomes": (
                f"Manca l'esito di {len(missing)} "
                f"{'bene registrato' if len(missing) == 1 else 'beni registrati'} nel locale: "
                f"{_listed([_label(m) for m in missing])}. Il verbale riguarda tutti i beni "
                "del locale: indicare per ciascuno se è presente, mancante o altro.")})
        if room.active is False and any(o.outcome == "spostato" for o in outcomes):
            raise ValidationError({"room_id": "Locale non più in uso: non vi si spostano beni."})

        # Summary lines of the register entry: goods and value per outcome.
        summary: dict[str, list] = {}
        for o, c in zip(outcomes, cleaned):
            value = c.estimated_value if o.item_id is None else held[o.item_id].value
            acc = summary.setdefault(c.outcome, [0, Decimal("0")])
            acc[0] += 1
            acc[1] += value
        lines = [LineInput(rules.OUTCOME_SHORT[k], summary[k][0], summary[k][1])
                 for k in rules.OUTCOMES if k in summary]
        place = f"{site.name} – {room.name}" if site else room.name
        try:
            ref = add_entry(s.connection(), spec=register_spec(rules.REGISTER),
                            entry_date=checked_on, user=user, lines=lines,
                            description=f"Ricognizione dei beni – {place}"
                                        + (" (ricognizione generale)" if general else ""))
        except ValidationError as exc:
            raise ValidationError({("checked_on" if k == "entry_date" else k): m
                                   for k, m in exc.errors.items()}) from None
        check = Ricognizione(entry_id=ref.id, site_id=room.site_id, room_id=room.id,
                               checked_on=checked_on, general=bool(general),
                               commission=(commission or "").strip(), notes=(notes or "").strip())
        s.add(check)
        s.flush()
        why = f"Ricognizione, verbale n. {ref.number}/{ref.year}: bene trovato in questo locale"
        recorded = []
        for o, c in ignored:
            s.add(RicognizioneLine(check_id=check.id, item_id=o.item_id,
                                   code=o.code.strip().upper()[:60], outcome=c.outcome,
                                   reason=c.reason, description=c.description))
        for seq, x in enumerate(scans, start=1):
            s.add(RicognizioneRead(check_id=check.id, seq=seq, code=x.code, result=x.result,
                                   detail=x.detail))
        for o, c in zip(outcomes, cleaned):
            item = held.get(o.item_id) if o.item_id is not None else None
            line = RicognizioneLine(
                check_id=check.id, item_id=o.item_id,
                code=o.code.strip().upper()[:60],
                outcome=c.outcome, state=c.state, reason=c.reason, description=c.description,
                estimated_value=c.estimated_value)
            s.add(line)
            recorded.append(line)
            if item is None:
                continue
            if c.outcome == "spostato":
                record_move(s, item, room, moved_on=checked_on, reason=why,
                            recorded_by_id=getattr(user, "id", None))
            # A verbale dated before a later discharge leaves the discharged good as it is.
            if c.state and item.status in states.HELD_STATUSES:
                item.state = c.state
        s.flush()
        result = CheckResult(
            check.id, ref.number, ref.year,
            tuple(o.item_id for o, c in zip(outcomes, cleaned)
                  if c.outcome in rules.PROPOSE_DISCHARGE),
            tuple(line.id for line in recorded if line.outcome == "non_registrato"))
        s.commit()
    return result


@dataclass(frozen=True)
class FoundCarico:
    register: str
    number: int
    item_id: int
    buono_number: int
    buono_year: int


def _found_line(s, line_id: int) -> tuple[RicognizioneLine, Ricognizione, RegisterEntry]:
    line = s.get(RicognizioneLine, line_id)
    if line is None:
        raise DomainError("Riga del verbale di ricognizione inesistente.")
    check = s.get(Ricognizione, line.check_id)
    entry = s.get(RegisterEntry, check.entry_id)
    if line.outcome != "non_registrato":
        raise DomainError("Si prendono in carico solo i beni trovati ma non registrati.")
    if line.new_item_id is not None:
        done = s.get(InventoryItem, line.new_item_id)
        raise DomainError(f"Il bene è già stato preso in carico ({_label(done)}).")
    if s.execute(select(RegisterEntry.id).where(RegisterEntry.annuls_id == entry.id)).first():
        raise DomainError(f"Il verbale n. {entry.number}/{entry.year} è stato annullato.")
    return line, check, entry


@requires(CARICO)
def carico_found(db: Database, line_id: int, data: CaricoInput) -> FoundCarico:
    """Carico of a good found at the ricognizione but not recorded (valued by stima, art. 32),
    linked to its line of the verbale. Room, value and description default to the verbale's.

    The carico and the link to the line are one transaction.
    """
    with read_session(db) as s:
        line, check, entry = _found_line(s, line_id)
        room_id, checked_on = check.room_id, check.checked_on
        value, text = line.estimated_value, line.description
        ref = f"verbale di ricognizione n. {entry.number}/{entry.year}"
    if data.quantity != 1:
        raise ValidationError({"quantity": "Un bene rinvenuto si prende in carico da solo "
                                           "(quantità 1)."})
    if data.entry_date < checked_on:
        raise ValidationError({"entry_date": "Il carico non può precedere la ricognizione del "
                                             f"{format_date(checked_on)}."})
    note = f"Rinvenuto alla ricognizione ({ref} del {format_date(checked_on)})."
    data = replace(
        data, room_id=data.room_id or room_id,
        unit_value=data.unit_value if data.unit_value and data.unit_value > 0 else value,
        description=(data.description or "").strip() or text,
        notes=f"{note} {data.notes.strip()}".strip())
    linked = {}

    def link(s, items) -> None:
        line = s.get(RicognizioneLine, line_id)
        if line.new_item_id is not None:   # another PC took it in charge in the meantime
            raise DomainError("Il bene era già stato preso in carico da un'altra postazione.")
        line.new_item_id = items[0].id
        s.flush()
        linked["id"] = items[0].id

    done = carico(db, data, also=link)
    return FoundCarico(done.register, done.numbers[0], linked["id"], done.buono_number,
                       done.buono_year)
