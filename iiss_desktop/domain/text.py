"""Text helpers: accent-insensitive keys for sorting and searching; the first letter of a
text placed after a colon."""
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


def _title_case(word: str) -> bool:
    """"Usata", "Rossi" (a capital then lowercase letters), not "ISEE", "di" or "«Il"."""
    return len(word) > 1 and word[0].isupper() and word[1].islower()


def lower_first(text: str) -> str:
    """``text`` with its first letter in lowercase when it begins with an ordinary word, for a
    text placed after a colon or a semicolon ("Riga 2: la quantità…", "Considerato che: furto
    nel laboratorio").

    Kept as typed: an acronym ("PC portatile", "DSGA"), a single capital ("I beni"), a proper
    name of two capitalised words ("Informatica Usata Srl", "Giulia Serra").
    """
    text = text or ""
    words = text.split(" ", 2)
    first = words[0]
    if len(first) < 2 or not first[0].isupper():
        return text
    if not (first[1].islower() or (first[1] == "'" and len(first) > 2)):
        return text
    if len(words) > 1 and _title_case(words[1]):
        return text
    return first[0].lower() + text[1:]
