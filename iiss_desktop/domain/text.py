"""Text helpers: accent-insensitive keys for sorting and searching; the first letter of a
text placed after a colon."""
from __future__ import annotations

import re
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


# --- what may be stored -------------------------------------------------------------------------
# Every text is stored in NFC ("è" one code point, however it was typed or pasted), so that
# searching, sorting, the length of a column and the audit hash see one form. Control
# characters are refused: a NUL cannot be stored on PostgreSQL, the others are invisible and
# come only from a broken file or a paste. A multi-line field keeps newline and tab.
_NAMES = {"\x00": "il carattere nullo (NUL)", "\n": "un a capo", "\r": "un a capo",
          "\t": "una tabulazione", "\u2028": "un a capo", "\u2029": "un a capo"}


def normalize_text(text: str, *, multiline: bool = False) -> str:
    """NFC; in a multi-line text every line break becomes "\\n"."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def bad_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character that may not be stored, in words ("il carattere nullo (NUL)"), or
    None. Checked after normalize_text."""
    if text.isprintable():
        return None         # the common case, in C: no control, separator or surrogate
    for c in text:
        if multiline and c in "\n\t":
            continue
        category = unicodedata.category(c)
        if category in ("Cc", "Cs", "Zl", "Zp"):
            return _NAMES.get(c) or (f"un carattere non valido (U+{ord(c):04X})"
                                     if category == "Cs" else
                                     f"un carattere di controllo (U+{ord(c):04X})")
    return None


def text_problem(text: str, *, max_length: int | None = None, multiline: bool = False
                 ) -> str | None:
    """Why ``text`` (already normalised) cannot be stored, as the end of a sentence about the
    field ("supera 200 caratteri (ne ha 240)"), or None."""
    bad = bad_character(text, multiline=multiline)
    if bad is not None:
        return f"contiene {bad}, che non è ammesso"
    if max_length is not None and len(text) > max_length:
        return f"supera {max_length} caratteri (ne ha {len(text)})"
    return None


def visible(text: str, limit: int = 60) -> str:
    """A text shown in a message: control characters as ⟨U+0000⟩, cut after ``limit``."""
    shown = "".join(f"⟨U+{ord(c):04X}⟩" if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")
                    else c for c in text[:limit])
    return shown + ("…" if len(text) > limit else "")


# --- cells of a CSV file opened by a spreadsheet -----------------------------------------------
# A cell beginning with one of these is run as a formula by Excel and LibreOffice
# (=HYPERLINK(…) sends data away). OWASP's rule: prefix a single quote. A plain number
# ("-12,50") is harmless and stays a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def spreadsheet_safe(text: str) -> str:
    """The text of a CSV cell that a spreadsheet shows and never runs. A text already
    beginning with quotes before such a character gets one more, so that
    ``spreadsheet_text`` gives back exactly what was exported."""
    if text.lstrip("'").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_text(cell: str) -> str:
    """The inverse of ``spreadsheet_safe``, for a cell read back from a CSV file."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def sentences(parts) -> str:
    """Findings, each a sentence, as one text: «Il CIG …; l'elemento … .»"""
    text = "; ".join(p.strip().rstrip(".") for p in parts if p and p.strip())
    return (text[:1].upper() + text[1:] + ".") if text else ""
