"""Text helpers shared by sorting and searching: accent-insensitive keys."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters that do not decompose into a base letter + accent (Ł, Ø, Đ, ß...).
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: "Țurcanu" -> "turcanu", "Città" -> "citta"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sort_key(text: str | None) -> tuple[str, str]:
    """Alphabetical order as an Italian reader expects, ties broken by the exact text."""
    text = text or ""
    return fold(text), text
