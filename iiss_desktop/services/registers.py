"""Use cases of the legal-register core: record an entry, annul one.

Each call is one transaction: counter, entry, lines and audit rows are
committed together or not at all.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..areas.school import REGISTERS
from ..db.access import requires
from ..db.audit import AuditRecord, UserRef, append_sql
from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..db.numbering import next_number_sql
from ..db.uow import write_transaction
from ..domain.dates import utc_now
from ..domain.errors import RegisterError, ValidationError
from ..domain.money import check_amount, to_cents
from ..domain.registers import (
    MAX_REFERENCE,
    MAX_TEXT,
    check_annulment,
    check_new_entry,
    register_spec,
)
from ..domain.text import lower_first
from ..models.core import RegisterEntry
from ..models.guard import check_row


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


_ENTRY = RegisterEntry.__table__


ENTRY_FIELDS = ("register", "year", "number", "entry_date", "kind", "description", "amount",
                "reference", "annuls_id", "reason", "recorded_at", "recorded_by_id")
_INSERT_ENTRY = (f"INSERT INTO register_entry ({', '.join(ENTRY_FIELDS)}) "
                 f"VALUES ({', '.join('?' for _ in ENTRY_FIELDS)}) RETURNING id")
_INSERT_LINE = ("INSERT INTO register_entry_line (entry_id, line_no, description, quantity, amount)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id")
_PREVIOUS_ENTRY = ("SELECT number, entry_date FROM register_entry WHERE register = ? AND year = ? "
                   "AND number = ?")


def _stored(field: str, value):
    """Money goes to the database as integer cents (the Cents column type of the models)."""
    return to_cents(value) if field == "amount" and value is not None else value


def add_entry(conn, *, spec, entry_date, description, user, kind="entry", amount=None,
               reference=None, annuls_id=None, reason=None, lines=(),
               check_locked=None) -> EntryRef:
    """Counter, entry, lines and their audit rows, on one connection in one transaction.

    Plain SQL on the driver (db.driver_sql): this is the hottest write path of the application
    and must stay within a few times the cost of a bare INSERT+COMMIT.
    """
    with DriverSQL(conn) as sql:
        year = spec.year_of(entry_date)
        # The number first: on PostgreSQL it locks the counter row, so the checks below see
        # the entry that really precedes this one even when two PCs write at the same moment.
        number = next_number_sql(sql, spec.code, year)
        if check_locked is not None:
            check_locked(sql)  # checks that must see other PCs' committed work (lock now held)
        last = sql.first(_PREVIOUS_ENTRY, (spec.code, year, number - 1)) if number > 1 else None
        text = check_new_entry(description=description, entry_date=entry_date,
                               today=date.today(),
                               last_date=sql.to_date(last[1]) if last else None,
                               last_number=last[0] if last else 0)
        values = {"register": spec.code, "year": year, "number": number,
                  "entry_date": entry_date, "kind": kind, "description": text,
                  "amount": amount, "reference": reference, "annuls_id": annuls_id,
                  "reason": reason, "recorded_at": utc_now(), "recorded_by_id": user.id}
        values = check_row("register_entry", values)   # plain SQL: the ORM guard is not here
        entry_id = sql.first(_INSERT_ENTRY, [_stored(f, values[f]) for f in ENTRY_FIELDS])[0]
        records = [AuditRecord("insert", "register_entry", entry_id,
                               after={"id": entry_id, **values})]
        for i, line in enumerate(lines, start=1):
            row = {"entry_id": entry_id, "line_no": i, "description": line.description.strip(),
                   "quantity": line.quantity, "amount": line.amount}
            row = check_row("register_entry_line", row, where=f"Riga {i}: ")
            line_id = sql.first(_INSERT_LINE, tuple(_stored(k, v) for k, v in row.items()))[0]
            records.append(AuditRecord("insert", "register_entry_line", line_id,
                                       after={"id": line_id, **row}))
        append_sql(sql, records, user, reason)
    return EntryRef(entry_id, spec.code, year, number, entry_date)


def _user(db: Database, user: UserRef | None) -> UserRef:
    user = user or getattr(db, "current_user", None)
    if user is None or user.id is None:
        raise RegisterError("Nessun utente attivo: impossibile registrare.")
    return user


@requires(REGISTERS)
def register_entry(db: Database, *, register: str, entry_date: date, description: str,
                   amount: Decimal | None = None, reference: str | None = None,
                   lines: Sequence[LineInput] = (), user: UserRef | None = None) -> EntryRef:
    """Record a new entry with the next number of its register."""
    spec = register_spec(register)
    user = _user(db, user)
    if amount is not None:
        amount = check_amount(amount)
    if reference is not None and len(reference) > MAX_REFERENCE:
        raise ValidationError({"reference": f"Il riferimento supera i {MAX_REFERENCE} caratteri."})
    for i, line in enumerate(lines, start=1):
        text = (line.description or "").strip()
        if not text:
            raise ValidationError({"lines": f"Riga {i}: indicare la descrizione."})
        if len(text) > MAX_TEXT:
            raise ValidationError({"lines": f"Riga {i}: la descrizione supera i {MAX_TEXT} "
                                            "caratteri."})
        if line.amount is not None:
            check_amount(line.amount, "lines", f"importo della riga {i}")
    with write_transaction(db) as conn:
        return add_entry(conn, spec=spec, entry_date=entry_date, description=description,
                          user=user, amount=amount, reference=reference, lines=lines)


@requires(REGISTERS)
def annul_entry(db: Database, *, entry_id: int, reason: str, entry_date: date | None = None,
                user: UserRef | None = None) -> EntryRef:
    """Annul an entry: a new numbered row in the same register pointing at it, with the reason."""
    user = _user(db, user)
    with write_transaction(db) as conn:
        return annul_in(conn, entry_id=entry_id, reason=reason, entry_date=entry_date,
                        user=user)


def annul_in(conn, *, entry_id: int, reason: str, entry_date: date | None, user: UserRef
             ) -> EntryRef:
    """:func:`annul_entry` inside the caller's transaction (an area that changes its own rows
    with the annulment, e.g. the good whose carico is annulled)."""
    target = conn.execute(select(_ENTRY.c.register, _ENTRY.c.number, _ENTRY.c.entry_date,
                                 _ENTRY.c.kind).where(_ENTRY.c.id == entry_id)).first()
    if target is None:
        raise RegisterError(f"Registrazione {entry_id} inesistente.")
    when = entry_date or date.today()
    check_annulment(reason=reason, already_annulled_by=None,
                    is_annulment=target.kind == "annulment", number=target.number,
                    entry_date=target.entry_date, annulment_date=when)

    def not_annulled_yet(sql) -> None:
        # With the counter locked: another PC may have annulled it a moment ago.
        row = sql.first("SELECT number FROM register_entry WHERE annuls_id = ?", (entry_id,))
        check_annulment(reason=reason, already_annulled_by=row[0] if row else None,
                        is_annulment=False, number=target.number)

    return add_entry(
        conn, spec=register_spec(target.register), entry_date=when,
        user=user, kind="annulment",
        description=f"Annullamento della registrazione n. {target.number} "
                    f"del {target.entry_date:%d/%m/%Y}",
        annuls_id=entry_id, reason=reason.strip(), check_locked=not_annulled_yet)


def entry_date_as(exc: ValidationError, field: str, prefix: str = "") -> ValidationError:
    """The register refuses a date before its last entry: show it on the form's date field
    (``prefix`` names the date, e.g. "Data del buono di scarico: ")."""
    if "entry_date" not in exc.errors:
        return exc
    message = exc.errors["entry_date"]
    if prefix:
        message = prefix + lower_first(message)
    return ValidationError({field: message})
