"""Errors that carry an Italian message meant for the clerk.

Every layer below the UI raises these; the UI shows ``message`` as it is
(and, for form errors, next to the field named by ``field``).
"""
from __future__ import annotations


class DomainError(Exception):
    """A rule of the office was not respected: nothing has been saved."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """Bad input. ``errors`` maps field names to messages (one or more)."""

    def __init__(self, errors: dict[str, str] | str, field: str | None = None):
        if isinstance(errors, str):
            errors = {field or "": errors}
        self.errors = dict(errors)
        first_field, first_msg = next(iter(self.errors.items()))
        super().__init__(first_msg if len(self.errors) == 1 else
                         "Controllare i campi evidenziati:\n" + "\n".join(
                             f"- {m}" for m in self.errors.values()), first_field or None)


def collect(errors: dict[str, str], check, *args):
    """``check(*args)``; when it refuses, None and its messages added to ``errors``. A form's
    checks all run, so that one ValidationError names every bad field at once."""
    try:
        return check(*args)
    except ValidationError as exc:
        errors.update(exc.errors)
        return None


class StorageError(DomainError):
    """The database cannot be used (missing, corrupt, full, busy, too new)."""


class StorageFullError(StorageError):
    pass


class DatabaseBusyError(StorageError):
    pass


class WriteConflict(DatabaseBusyError):
    """Another PC's transaction got in the way (deadlock, serialization failure, lock wait):
    nothing was saved and the whole action may simply run again (db.retry does)."""


class NetworkPathError(StorageError):
    pass


class NewerDatabaseError(StorageError):
    pass


class NotADatabaseError(StorageError):
    pass


class RegisterError(DomainError):
    """A legal-register rule was violated (numbering, annulment)."""
