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
