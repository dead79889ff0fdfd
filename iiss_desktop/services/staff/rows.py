"""What the staff services share on the rows they write: the person locked before the read
that feeds a write, and the annulment of a row (never deleted: marked, with its reason)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ...db.locking import lock_rows
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...models.staff import Employee


def locked_person(s, person_id: int) -> Employee:
    found = lock_rows(s, Employee, [person_id])
    if not found:
        raise ValidationError({"employee_id": "Dipendente inesistente."})
    return found[0]


def annul_reason(value: str, check: Callable[[str], str], key: str, missing: str) -> str:
    """The reason of an annulment, checked by its field declaration; required."""
    text = check(value)
    if not text:
        raise ValidationError({key: missing})
    return text


def mark_annulled(row, text: str, *, key: str, already: str, on: date | None = None) -> None:
    """Annul ``row`` (locked by the caller) with its reason; ``already`` names it when it was
    annulled before («L'orario è già stato annullato»)."""
    if row.annulled_on is not None:
        raise ValidationError({key: f"{already} il {format_date(row.annulled_on)}."})
    row.annulled_on, row.annul_reason = on or date.today(), text



def annul_row(s, model, row_id: int, text: str, *, key: str, missing: str, already: str,
              lock: Callable | None = None, on: date | None = None) -> None:
    """Annul the ``model`` row ``row_id`` with its reason, in the caller's transaction: the
    person it belongs to locked first (``lock(s, row)``; by default its ``employee_id``), then
    the row read again and marked. ``missing`` is the message when the row does not exist."""
    row = s.get(model, row_id)
    if row is None:
        raise ValidationError({key: missing})
    (lock or (lambda s_, r: locked_person(s_, r.employee_id)))(s, row)
    s.refresh(row)
    mark_annulled(row, text, key=key, already=already, on=on)
