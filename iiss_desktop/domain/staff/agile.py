"""Lavoro agile of ATA staff: the individual agreement (CCNL 2019-21 art. 13 [C]).

Voluntary, for assistenti amministrativi, assistenti tecnici and the DSGA, not for the
collaboratori scolastici (domain.md 5.7 [C-3p]). The agreement records the days of the week,
the activities that can be done remotely and its period; an agreement for a profile that
cannot have it is refused as bad input, and a roster day of lavoro agile for such a profile is
a problem of ``checks.check_agile``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..dates import WEEKDAYS_IT, format_date
from ..errors import ValidationError
from .profiles import LAVORO_AGILE_ROLES, ROLES


@dataclass(frozen=True)
class LavoroAgileAgreement:
    person_id: int | str
    profile: str
    signed_on: date
    valid_from: date
    valid_to: date
    weekdays: frozenset[int]
    activities: tuple[str, ...]

    def __post_init__(self) -> None:
        errors = {}
        if self.profile not in LAVORO_AGILE_ROLES:
            name = ROLES.get(self.profile, self.profile)
            errors["profile"] = (
                f"Il lavoro agile non è previsto per il profilo «{name}»: "
                "solo assistenti amministrativi, assistenti tecnici e DSGA "
                "(CCNL 2019-21 artt. 10-16).")
        if self.valid_to < self.valid_from:
            errors["valid_to"] = (f"L'accordo termina il {format_date(self.valid_to)}, prima di "
                                  f"iniziare il {format_date(self.valid_from)}.")
        if not self.weekdays or not self.weekdays <= set(range(6)):
            errors["weekdays"] = "Indicare i giorni di lavoro agile (da lunedì a sabato)."
        if not [a for a in self.activities if a.strip()]:
            errors["activities"] = "Indicare le attività che si possono svolgere a distanza."
        if errors:
            raise ValidationError(errors)

    def covers(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to and day.weekday() in self.weekdays

    @property
    def days_label(self) -> str:
        return ", ".join(WEEKDAYS_IT[d] for d in sorted(self.weekdays))
