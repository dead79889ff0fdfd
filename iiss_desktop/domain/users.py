"""Rules on user names, passwords, recovery codes and the delay after failed logins.

Plain values only: hashing lives in ``services.passwords``, storage in ``services.users``.
"""
from __future__ import annotations

import math
import re
import secrets
from datetime import datetime

from .errors import DomainError, ValidationError

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")

# reliability.md §3.1: after 5 failed attempts, a growing delay. The wait doubles at every
# further failure (1, 2, 4 … seconds) up to 5 minutes: never locked out for good.
FREE_ATTEMPTS = 5
MAX_DELAY_SECONDS = 300

# Recovery codes: 20 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
# about 98 bits, printed in groups of 4.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECOVERY_LENGTH = 20

LOGIN_FAILED = "Nome utente o password non corretti."


def normalize_username(text: str) -> str:
    return (text or "").strip().lower()


def check_username(text: str) -> str:
    """The username as stored (lowercase), or ValidationError on ``username``."""
    name = normalize_username(text)
    if not name:
        raise ValidationError({"username": "Indicare il nome utente (es. «mrossi»)."})
    if not USERNAME_RE.match(name):
        raise ValidationError({"username": f"Nome utente «{name}» non valido: da 2 a 80 caratteri "
                                           "tra lettere senza accento, cifre, punto, trattino e "
                                           "trattino basso, senza spazi."})
    return name


def check_password(password: str | None, username: str = "", field: str = "password") -> str:
    """The password if acceptable, or ValidationError on ``field``. Spaces count: a passphrase
    of ordinary words is welcome."""
    password = password or ""
    if not password.strip():
        raise ValidationError({field: "Indicare la password."})
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationError({field: f"La password è troppo corta: almeno {PASSWORD_MIN_LENGTH} "
                                      "caratteri (anche una frase di più parole)."})
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValidationError({field: f"La password supera {PASSWORD_MAX_LENGTH} caratteri."})
    if username and password.strip().lower() == normalize_username(username):
        raise ValidationError({field: "La password non può essere uguale al nome utente."})
    return password


def login_delay(failures: int) -> int:
    """Seconds to wait after ``failures`` consecutive failed attempts (0: none)."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)


def seconds_to_wait(failures: int, last_failed_at: datetime | None, now: datetime) -> int:
    """Whole seconds still to wait before the next attempt is accepted (0: go ahead)."""
    delay = login_delay(failures)
    if not delay or last_failed_at is None:
        return 0
    left = delay - (now - last_failed_at).total_seconds()
    return max(0, math.ceil(left))


def _seconds_text(n: int) -> str:
    if n >= 120:
        minutes = math.ceil(n / 60)
        return f"{minutes} minuti"
    return "1 secondo" if n == 1 else f"{n} secondi"


class LoginDelayed(DomainError):
    """Too many failed attempts: the next one is accepted after ``wait_seconds``.
    ``delay`` is the whole wait of this step (1, 2, 4 … s), ``failures`` the count so far."""

    def __init__(self, wait_seconds: int, delay: int, failures: int):
        super().__init__(f"Troppi tentativi non riusciti: per sicurezza attendere "
                         f"{_seconds_text(wait_seconds)} prima di riprovare.", "password")
        self.wait_seconds = wait_seconds
        self.delay = delay
        self.failures = failures


class LoginFailed(DomainError):
    """Wrong name or password (the message never tells which). ``wait_seconds``: the delay
    now imposed before the next attempt (0 if none)."""

    def __init__(self, wait_seconds: int = 0, failures: int = 0, *, secret: str = "password"):
        message = LOGIN_FAILED if secret == "password" else \
            f"Nome utente o {secret} non corretti."
        if wait_seconds:
            message += (f" Troppi tentativi: il prossimo sarà possibile tra "
                        f"{_seconds_text(wait_seconds)}.")
        super().__init__(message, "password" if secret == "password" else "code")
        self.wait_seconds = wait_seconds
        self.delay = wait_seconds
        self.failures = failures


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def normalize_recovery_code(text: str) -> str:
    """The code as hashed: capitals, without the spaces and dashes of the printed groups."""
    return re.sub(r"[\s\-]", "", (text or "").upper())
