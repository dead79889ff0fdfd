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
from .times import TimeBand, format_duration

# The tools of the work done remotely (CCNL 2019-21 art. 13: the agreement names them; L.
# 81/2017 art. 18 c.2: the employer is responsible for the safety and good working of the
# technological tools it assigns [C-3p]).
TOOLS = {
    "istituto": "Dotazione informatica fornita dall'istituto",
    "proprio": "Dispositivi propri del dipendente, con accesso ai servizi dell'istituto",
}
# The hours in which nobody is contacted (fascia di inoperabilità): the night from 22:00 to
# 6:00 at least [U: the CCNL 2019-21 art. 14 has a fascia di inoperabilità including the
# night; the 22-6 span is the reading of the other comparti's contracts, domain.md is silent].
NIGHT_FROM, NIGHT_TO = 22 * 60, 6 * 60


def check_contact_bands(bands: tuple[TimeBand, ...], daily_minutes: int,
                        field: str = "contact_band") -> None:
    """The fascia di contattabilità: at least one band, none in the night of the fascia di
    inoperabilità, in all no longer than the average working day of the contract (CCNL
    2019-21 art. 14 c.1 a [C-3p]: «non può essere superiore all'orario medio giornaliero di
    lavoro»; the average day is read as the weekly hours over five days [U])."""
    if not bands:
        raise ValidationError({field: "Indicare la fascia di contattabilità, per esempio "
                                      "«09:00-12:00»."})
    for b in bands:
        if b.start < NIGHT_TO or b.end > NIGHT_FROM:
            raise ValidationError({field: (
                f"La fascia {b.label} cade nella fascia di inoperabilità notturna (dalle 22:00 "
                "alle 6:00), in cui il dipendente non è contattabile.")})
    total = sum(b.minutes for b in bands)
    if total > daily_minutes:
        raise ValidationError({field: (
            f"La fascia di contattabilità dura {format_duration(total)}: non può superare "
            f"l'orario medio giornaliero di lavoro ({format_duration(daily_minutes)}, CCNL "
            "2019-21 art. 14).")})


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
