"""Turn database exceptions into Italian messages for the clerk."""
from __future__ import annotations

import re

from ..domain.errors import (
    DomainError,
    NotADatabaseError,
    RegisterError,
    StorageError,
    StorageFullError,
    ValidationError,
    WriteConflict,
)
from . import triggers

FULL = ("Spazio esaurito: l'archivio è pieno o il disco non ha più spazio libero. "
        "L'operazione è stata annullata e nessun dato è stato salvato. "
        "Liberare spazio su disco e riprovare.")
BUSY = ("L'archivio è occupato da un'altra operazione o da un'altra postazione. "
        "Nessun dato è stato salvato: riprovare tra qualche istante.")
BUSY_RETRIED = ("L'archivio è occupato da altre postazioni: l'operazione è stata ritentata "
                "{attempts} volte senza riuscire. Nessun dato è stato salvato: riprovare tra "
                "qualche istante; se il problema continua, controllare che nessuna postazione "
                "sia bloccata a metà di un'operazione.")
CORRUPT = ("Il file non è un archivio valido di iiss_desktop oppure è danneggiato. "
           "Ripristinare l'ultima copia di sicurezza (comando «iiss-desktop restore»).")
READONLY = ("L'archivio è in sola lettura: controllare i permessi del file e della cartella. "
            "Nessun dato è stato salvato.")
CONFLICT = ("Il dato è già presente nell'archivio, forse inserito un momento fa da un'altra "
            "postazione: nessuna modifica è stata salvata. Aggiornare la vista e riprovare.")
IO = ("Errore di lettura o scrittura sul disco. L'operazione è stata annullata. "
      "Controllare il disco e, se il problema persiste, ripristinare una copia di sicurezza.")

TOO_LONG = ("Un testo supera la lunghezza ammessa dall'archivio ({length} caratteri): "
            "nessun dato è stato salvato. Accorciarlo e riprovare.")
NUL = ("Un testo contiene il carattere nullo (NUL), che l'archivio non ammette: nessun dato "
       "è stato salvato.")
OUT_OF_RANGE = ("Un numero o un importo è fuori dai limiti ammessi dall'archivio: nessun dato "
                "è stato salvato.")
CANNOT_OPEN = ("Impossibile aprire o creare il file dell'archivio: controllare che la cartella "
               "esista e che si possa scrivere. Nessun dato è stato salvato.")
_TOO_LONG = re.compile(r"value too long for type character varying\((\d+)\)")

_TRIGGER_MESSAGES = (triggers.NO_DELETE_REGISTER, triggers.NO_RENUMBER,
                     triggers.NO_CHANGE_AUDIT, triggers.NO_DECREASE, triggers.NO_CHANGE_PROTECTION)


# PostgreSQL: deadlock_detected, serialization_failure, lock_not_available (lock_timeout).
TRANSIENT_SQLSTATES = frozenset({"40P01", "40001", "55P03"})


def is_transient(exc: BaseException) -> bool:
    """A failure caused only by another transaction running at the same moment: the
    transaction was rolled back as a whole and running the action again may succeed."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    low = str(orig).lower()
    return ("database is locked" in low or "database is busy" in low
            or "deadlock detected" in low or "could not serialize" in low
            or "could not obtain lock" in low or "lock timeout" in low)


def translate(exc: BaseException) -> DomainError:
    """Map a driver error to a DomainError; anything unknown is re-raised by the caller."""
    if isinstance(exc, DomainError):
        return exc
    text = str(getattr(exc, "orig", exc) or exc)
    low = text.lower()
    for msg in _TRIGGER_MESSAGES:
        if msg in text:
            return RegisterError(msg)
    if "database or disk is full" in low or "disk full" in low or "no space left" in low:
        return StorageFullError(FULL)
    if is_transient(exc):
        return WriteConflict(BUSY)
    if "unique constraint failed" in low or "duplicate key value" in low:
        return DomainError(CONFLICT)
    if "file is not a database" in low or "malformed" in low:
        return NotADatabaseError(CORRUPT)
    if "readonly database" in low or "read-only" in low:
        return StorageError(READONLY)
    if "disk i/o error" in low:
        return StorageError(IO)
    if "unable to open database file" in low:
        return StorageError(CANNOT_OPEN)
    # Last line of defence (models.guard checks every text before it gets here): never the
    # SQL and its parameters in front of the clerk.
    too_long = _TOO_LONG.search(low)
    if too_long:
        return ValidationError(TOO_LONG.format(length=too_long.group(1)))
    if "nul (0x00)" in low or "contain nul" in low:
        return ValidationError(NUL)
    if "out of range" in low or "numeric field overflow" in low:
        return ValidationError(OUT_OF_RANGE)
    return None  # type: ignore[return-value]

