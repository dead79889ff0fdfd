"""The codes that tie a purchase to its procedure: CIG and CUP (pure rules, no Qt, no DB).

- CIG, Codice Identificativo Gara (ANAC): exactly 10 characters, letters and digits.
- CUP, Codice Unico di Progetto (DIPE): exactly 15 characters, letters and digits.

Both are optional on a carico (a donation has neither): an empty text stays empty. A code
is stored upper-cased after trimming the spaces around it; spaces inside are an error, not
guessed away.
"""
from __future__ import annotations

from .errors import ValidationError

CIG_LENGTH = 10
CUP_LENGTH = 15

# The "atteso …" of a row error of the inventory import (domain.inventory.import_).
CIG_EXPECTED = f"un CIG di {CIG_LENGTH} caratteri tra lettere e cifre"
CUP_EXPECTED = f"un CUP di {CUP_LENGTH} caratteri tra lettere e cifre"


def _normalize(text: str | None, *, name: str, field: str, length: int) -> str:
    typed = (text or "").strip()
    code = typed.upper()
    # isascii: "À" or "²" are letters/digits for Python, not in a code issued by ANAC or DIPE.
    if not code or (len(code) == length and code.isascii() and code.isalnum()):
        return code
    count = "" if len(typed) == length else f" ({len(typed)} caratteri)"
    shown = typed if len(typed) <= 40 else typed[:40] + "…"
    raise ValidationError({field: f"{name}: attesi {length} caratteri tra lettere e cifre, "
                                  f"trovato «{shown}»{count}."})


def normalize_cig(text: str | None) -> str:
    """The CIG as stored ("z1a2b3c4d5 " -> "Z1A2B3C4D5"), "" if none; a wrong one raises
    ``ValidationError({"cig": …})``."""
    return _normalize(text, name="CIG", field="cig", length=CIG_LENGTH)


def normalize_cup(text: str | None) -> str:
    """The CUP as stored (15 letters and digits, upper-cased), "" if none; a wrong one raises
    ``ValidationError({"cup": …})``."""
    return _normalize(text, name="CUP", field="cup", length=CUP_LENGTH)
