"""Times of the day as whole minutes from midnight, and the time bands of a working day.

Minutes are plain integers (08:00 = 480, 7 h 12 min = 432): sums and comparisons stay exact
and cheap, and a roster of a whole school year is checked in milliseconds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from ..errors import ValidationError

DAY_END = 24 * 60

# What a band of work is. Only "straordinario" is work beyond the hours owed (prestazione
# aggiuntiva, art. 51 c.3 [C]: it counts toward the 9 hours of the day, not toward the
# contract's weekly hours). "pulizia" and "presidio" are the emergency's extra cleaning and
# presidio shifts, ordinary service of their own type on the roster (issue 14 item 5).
BAND_KINDS = {
    "servizio": "Servizio",
    "mattina": "Turno antimeridiano",
    "pomeriggio": "Turno pomeridiano",
    "rientro": "Rientro pomeridiano",
    "pulizia": "Pulizia straordinaria",
    "presidio": "Presidio",
    "straordinario": "Prestazione aggiuntiva (straordinario)",
}
OVERTIME = "straordinario"

_HHMM = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_time(text: str, field: str = "ora") -> int:
    """"7:30", "07.30" -> 450. "24:00" is the end of the day; anything else is refused."""
    m = _HHMM.match(text or "")
    if not m:
        raise ValidationError({field: f"«{(text or '').strip()}» non è un orario valido "
                                      "(formato hh:mm)."})
    h, mnt = int(m.group(1)), int(m.group(2))
    if mnt > 59 or h > 24 or (h == 24 and mnt):
        raise ValidationError({field: f"«{text.strip()}» non è un orario esistente."})
    return h * 60 + mnt


def minutes_of(value: time | int | str, field: str = "ora") -> int:
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, str):
        return parse_time(value, field)
    return value


def format_time(minutes: int) -> str:
    """450 -> "07:30"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_duration(minutes: int) -> str:
    """432 -> "7 h 12 min", 540 -> "9 h", 30 -> "30 min"."""
    sign = "-" if minutes < 0 else ""
    h, m = divmod(abs(minutes), 60)
    if not h:
        return f"{sign}{m} min"
    return f"{sign}{h} h" + (f" {m:02d} min" if m else "")


@dataclass(frozen=True)
class TimeBand:
    """One stretch of work on a day: ``start``-``end`` in minutes, the kind of band, where it
    is worked (a plesso's code; None on a lavoro agile day) and, for work past 20:00, the
    recorded reason (art. 53, turnazione)."""

    start: int
    end: int
    kind: str = "servizio"
    plesso: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        errors = {}
        if not 0 <= self.start < DAY_END or not 0 < self.end <= DAY_END:
            errors["start"] = (f"La fascia {format_time(self.start)}–{format_time(self.end)} "
                               "non è un orario della giornata (00:00–24:00).")
        elif self.end <= self.start:
            errors["end"] = (f"La fascia {format_time(self.start)}–{format_time(self.end)} "
                             "termina prima di iniziare: indicare un'ora di fine successiva "
                             "all'ora di inizio.")
        if self.kind not in BAND_KINDS:
            errors["kind"] = f"Tipo di fascia «{self.kind}» non previsto."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def of(cls, start: time | int | str, end: time | int | str, kind: str = "servizio",
           plesso: str | None = None, reason: str = "") -> TimeBand:
        """``TimeBand.of("08:00", "14:00")``; times as text, ``datetime.time`` or minutes."""
        return cls(minutes_of(start, "start"), minutes_of(end, "end"), kind, plesso, reason)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_overtime(self) -> bool:
        return self.kind == OVERTIME

    @property
    def label(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"


def check_no_overlap(bands: tuple[TimeBand, ...], field: str = "fasce") -> tuple[TimeBand, ...]:
    """The bands of one day, sorted; two bands of one person that overlap are refused."""
    ordered = tuple(sorted(bands, key=lambda b: (b.start, b.end)))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise ValidationError({field: f"Le fasce {a.label} e {b.label} si sovrappongono."})
    return ordered
