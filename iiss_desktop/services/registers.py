"""Use cases of the legal-register core: record an entry, annul one.

Each call is one transaction: counter, entry, lines and audit rows are
committed together or not at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Sequence

from sqlalchemy import func, select

from ..db.audit import UserRef
from ..db.engine import Database
from ..db.numbering import next_number
from ..db.uow import unit_of_work
from ..domain.dates import utc_now
from ..domain.errors import RegisterError
from ..domain.money import quantize
from ..domain.registers import check_annulment, check_new_entry, register_spec
from ..models.core import RegisterEntry, RegisterEntryLine


@dataclass(frozen=True)
class EntryRef:
    id: int
    register: str
    year: int
    number: int
    entry_date: date


@dataclass(frozen=True)
class LineInput:
    description: str
    quantity: int | None = None
    amount: Decimal | None = None


def _last_entry(session, register: str, year: int):
    return session.execute(
        select(RegisterEntry.number, RegisterEntry.entry_date)
        .where(RegisterEntry.register == register, RegisterEntry.year == year)
        .order_by(RegisterEntry.number.desc()).limit(1)).first()


def _add_entry(session, *, spec, entry_date, description, user, kind="entry", amount=None,
               reference=None, annuls_id=None, reason=None, lines=()) -> RegisterEntry:
    year = spec.year_of(entry_date)
    last = _last_entry(session, spec.code, year)
    text = check_new_entry(description=description, entry_date=entry_date, today=date.today(),
                           last_date=last.entry_date if last else None,
                           last_number=last.number if last else 0)
    number = next_number(session, spec.code, year)
    entry = RegisterEntry(register=spec.code, year=year, number=number, entry_date=entry_date,
                          kind=kind, description=text,
                          amount=quantize(amount) if amount is not None else None,
                          reference=reference, annuls_id=annuls_id, reason=reason,
                          recorded_at=utc_now(), recorded_by_id=user.id)
    session.add(entry)
    session.flush()
    for i, line in enumerate(lines, start=1):
        session.add(RegisterEntryLine(
            entry_id=entry.id, line_no=i, description=line.description.strip(),
            quantity=line.quantity,
            amount=quantize(line.amount) if line.amount is not None else None))
    return entry


def _user(db: Database, user: UserRef | None) -> UserRef:
    user = user or getattr(db, "current_user", None)
    if user is None or user.id is None:
        raise RegisterError("Nessun utente attivo: impossibile registrare.")
    return user


def register_entry(db: Database, *, register: str, entry_date: date, description: str,
                   amount: Decimal | None = None, reference: str | None = None,
                   lines: Sequence[LineInput] = (), user: UserRef | None = None) -> EntryRef:
    """Record a new entry with the next number of its register."""
    spec = register_spec(register)
    user = _user(db, user)
    with unit_of_work(db, user) as session:
        entry = _add_entry(session, spec=spec, entry_date=entry_date, description=description,
                           user=user, amount=amount, reference=reference, lines=lines)
        ref = EntryRef(entry.id, entry.register, entry.year, entry.number, entry.entry_date)
        session.commit()
    return ref


def annul_entry(db: Database, *, entry_id: int, reason: str, entry_date: date | None = None,
                user: UserRef | None = None) -> EntryRef:
    """Annul an entry: a new numbered row in the same register pointing at it, with the reason."""
    user = _user(db, user)
    with unit_of_work(db, user, reason=reason) as session:
        target = session.get(RegisterEntry, entry_id)
        if target is None:
            raise RegisterError(f"Registrazione {entry_id} inesistente.")
        annulled_by = session.execute(
            select(RegisterEntry.number).where(RegisterEntry.annuls_id == entry_id)).scalar()
        text = check_annulment(reason=reason, already_annulled_by=annulled_by,
                               is_annulment=target.kind == "annulment", number=target.number)
        spec = register_spec(target.register)
        when = entry_date or date.today()
        entry = _add_entry(
            session, spec=spec, entry_date=when, user=user, kind="annulment",
            description=f"Annullamento della registrazione n. {target.number} "
                        f"del {target.entry_date:%d/%m/%Y}",
            annuls_id=target.id, reason=text)
        ref = EntryRef(entry.id, entry.register, entry.year, entry.number, entry.entry_date)
        session.commit()
    return ref


def count_entries(db: Database, register: str, year: int) -> int:
    with unit_of_work(db) as session:
        return session.execute(select(func.count()).select_from(RegisterEntry).where(
            RegisterEntry.register == register, RegisterEntry.year == year)).scalar_one()
