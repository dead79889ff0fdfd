"""The bands of a day as a clerk types and reads them: «07:30-13:30», «8-14; 15-18 rientro».

Bands are separated by «;» or «,»; each is a start and an end («-» or «–»), hours as «8», «8:00»
or «8.00», optionally followed by the kind of band (a word of ``BAND_WORDS``). An empty text is
a day without work. Errors name the field and the band that is wrong.
"""
from __future__ import annotations

import re

from ..errors import ValidationError
from .times import BAND_KINDS, TimeBand, check_no_overlap, format_time

# The words a clerk may type after a band, and the kind they mean.
BAND_WORDS = {
    "servizio": "servizio", "mattina": "mattina", "antimeridiano": "mattina",
    "pomeriggio": "pomeriggio", "pomeridiano": "pomeriggio", "rientro": "rientro",
    "pulizia": "pulizia", "presidio": "presidio", "straordinario": "straordinario",
}
# The short word written after a band on the grid and in prints (servizio: nothing).
BAND_SHORT = {"servizio": "", "mattina": "mattina", "pomeriggio": "pomeriggio",
              "rientro": "rientro", "pulizia": "pulizia", "presidio": "presidio",
              "straordinario": "straordinario"}
assert set(BAND_SHORT) == set(BAND_KINDS)

_HOUR = r"(\d{1,2})(?:[:.](\d{2}))?"
_BAND = re.compile(rf"^\s*{_HOUR}\s*[-–]\s*{_HOUR}\s*([a-zà]*)\s*$", re.IGNORECASE)


def _minutes(h: str, m: str | None, piece: str, field: str) -> int:
    hours, minutes = int(h), int(m or 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValidationError({field: f"«{piece.strip()}»: {h}:{m or '00'} non è un'ora "
                                      "valida."})
    return hours * 60 + minutes


def parse_bands(text: str, *, plesso: str | None = None, kind: str = "servizio",
                reason: str = "", field: str = "fasce") -> tuple[TimeBand, ...]:
    """«07:30-13:30; 14:00-17:00 rientro» -> two bands at ``plesso``; ``kind`` for the bands
    that name none. ``reason`` is kept on every band (the reason of an evening shift)."""
    bands = []
    for piece in re.split(r"[;,]", text or ""):
        if not piece.strip():
            continue
        found = _BAND.match(piece)
        if not found:
            raise ValidationError({field: (
                f"«{piece.strip()}» non è una fascia oraria: scrivere inizio e fine, per "
                "esempio «07:30-13:30» o «8-14»; più fasce separate da «;».")})
        h1, m1, h2, m2, word = found.groups()
        band_kind = kind
        if word:
            band_kind = BAND_WORDS.get(word.lower())
            if band_kind is None:
                raise ValidationError({field: (
                    f"«{piece.strip()}»: «{word}» non è un tipo di fascia; usare "
                    + ", ".join(sorted(set(BAND_WORDS))) + ".")})
        start = _minutes(h1, m1, piece, field)
        end = _minutes(h2, m2, piece, field)
        try:
            bands.append(TimeBand(start, end, band_kind, plesso, reason))
        except ValidationError as exc:
            raise ValidationError({field: " ".join(exc.errors.values())}) from None
    return check_no_overlap(tuple(bands), field)


def format_bands(bands) -> str:
    """The inverse of :func:`parse_bands`: «07:30-13:30; 14:00-17:00 rientro»."""
    out = []
    for b in bands:
        word = BAND_SHORT[b.kind]
        out.append(f"{format_time(b.start)}-{format_time(b.end)}" + (f" {word}" if word else ""))
    return "; ".join(out)


def parse_weekdays(text: str, field: str = "agile_weekdays") -> frozenset[int]:
    """«mercoledì, venerdì» or «mer ven» -> {2, 4}; empty: none."""
    from ..dates import WEEKDAYS_IT

    out = set()
    for word in re.split(r"[\s,;]+", (text or "").strip().lower()):
        if not word:
            continue
        found = [i for i, name in enumerate(WEEKDAYS_IT) if name.lower().startswith(word[:3])]
        if len(word) < 3 or not found:
            raise ValidationError({field: f"«{word}» non è un giorno della settimana: scrivere "
                                          "per esempio «mercoledì, venerdì»."})
        out.add(found[0])
    return frozenset(out)


def format_weekdays(days) -> str:
    from ..dates import WEEKDAYS_IT

    return ", ".join(WEEKDAYS_IT[d].lower() for d in sorted(days))
