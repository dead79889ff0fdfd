"""Which encrypted backups to keep: N daily, N weekly, N monthly (grandfather-father-son).

A backup is kept when it is the newest of one of the ``daily`` most recent days that have a
backup, or of one of the ``weekly`` most recent ISO weeks, or of one of the ``monthly`` most
recent months. The newest backup of all is therefore always kept (if any count is > 0).
Periods without a backup do not count: a school closed in August keeps its July copies.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

# The defaults offered by the settings dialog (and used by the command line's --ruota).
DEFAULT_DAILY, DEFAULT_WEEKLY, DEFAULT_MONTHLY = 7, 4, 12
MAX_KEEP = 120


@dataclass(frozen=True)
class Retention:
    daily: int = DEFAULT_DAILY
    weekly: int = DEFAULT_WEEKLY
    monthly: int = DEFAULT_MONTHLY

    def __post_init__(self):
        from .errors import ValidationError

        for name in ("daily", "weekly", "monthly"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 0 <= value <= MAX_KEEP:
                raise ValidationError({name: f"Numero di copie da conservare da 0 a {MAX_KEEP}."})
        if self.daily + self.weekly + self.monthly == 0:
            raise ValidationError({"daily": "Conservare almeno una copia."})


    @property
    def horizon(self) -> str:
        """How far back the oldest copy kept goes, with a backup every working day: what the
        privacy notice tells the visitors (their data are in the copies of those days)."""
        if self.monthly:
            return "un mese" if self.monthly == 1 else f"{self.monthly} mesi"
        if self.weekly:
            return "una settimana" if self.weekly == 1 else f"{self.weekly} settimane"
        return "un giorno" if self.daily == 1 else f"{self.daily} giorni"


def _newest_per_period(stamps: list[datetime], period: Callable[[datetime], tuple],
                       count: int) -> set[datetime]:
    kept: dict[tuple, datetime] = {}
    for stamp in sorted(stamps, reverse=True):     # newest first
        key = period(stamp)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = stamp
    return set(kept.values())


def to_keep(stamps: Iterable[datetime], retention: Retention = Retention()) -> set[datetime]:
    """The moments (of ``stamps``) whose backups the rotation keeps."""
    stamps = list(stamps)
    return (_newest_per_period(stamps, lambda s: (s.year, s.month, s.day), retention.daily)
            | _newest_per_period(stamps, lambda s: tuple(s.isocalendar())[:2], retention.weekly)
            | _newest_per_period(stamps, lambda s: (s.year, s.month), retention.monthly))
