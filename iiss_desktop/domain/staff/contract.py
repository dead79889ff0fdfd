"""The weekly hours a person owes: 36, a part-time share of them, or 35 under art. 55.

- 36 hours a week (CCNL 29/11/2007 art. 51 c.1) [C].
- Part-time: the share of the full-time week, so 50 % = 18 h. domain.md is silent on the
  computation [U]: we take the percentage of the 36 (or 35) hours, rounded to the minute, as a
  DSGA reads a part-time contract's "orario pari al 50 %".
- 35 hours (art. 55) [C]: only for staff on multi-shift schedules or with significant
  oscillations of the ordinary hours, in istituzioni educative, schools with an annexed
  azienda agraria, or schools open more than 10 hours a day on at least 3 days a week. Which
  conditions applied is recorded (``Art55Record``): without one school condition and one staff
  condition the 35-hour week is refused (misapplication led to Corte dei conti liability
  rulings, III sez. app. 482/2013 [C-3p]).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from ..errors import ValidationError
from .times import format_duration

FULL_TIME_MINUTES = 36 * 60      # 2160
ART55_MINUTES = 35 * 60          # 2100

ART55_SCHOOL_CONDITIONS = {
    "istituzione_educativa": "Istituzione educativa (convitto, educandato)",
    "azienda_agraria": "Istituto con azienda agraria annessa",
    "apertura_oltre_10_ore": "Apertura oltre 10 ore al giorno per almeno 3 giorni a settimana",
}
ART55_STAFF_CONDITIONS = {
    "turni": "Personale su più turni",
    "oscillazioni": "Orario con significative oscillazioni rispetto all'ordinario",
}


@dataclass(frozen=True)
class Art55Record:
    """Why this person works 35 hours: the conditions recorded and the decision taken at school
    level (date and reference, e.g. the contrattazione d'istituto)."""

    school_conditions: frozenset[str]
    staff_conditions: frozenset[str]
    decided_on: date | None = None
    reference: str = ""

    def __post_init__(self) -> None:
        errors = {}
        if not self.school_conditions or not self.school_conditions <= set(
                ART55_SCHOOL_CONDITIONS):
            errors["school_conditions"] = (
                "Per le 35 ore (art. 55 CCNL 29/11/2007) indicare quale condizione della scuola "
                "ricorre: istituzione educativa, azienda agraria annessa o apertura oltre 10 ore "
                "al giorno per almeno 3 giorni a settimana.")
        if not self.staff_conditions or not self.staff_conditions <= set(ART55_STAFF_CONDITIONS):
            errors["staff_conditions"] = (
                "Per le 35 ore (art. 55 CCNL 29/11/2007) indicare se il dipendente è su più "
                "turni o ha significative oscillazioni dell'orario ordinario.")
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class WorkingTime:
    """The hours owed each week: full time, ``part_time_percent`` of it, and the art. 55
    reduction when ``art55`` records its conditions."""

    part_time_percent: Fraction | int = 100
    art55: Art55Record | None = None

    # 2160 full time; 1080 at 50 %; 2100 under art. 55 (computed once: the checks read it for
    # every week of every person).
    weekly_minutes: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pct = Fraction(self.part_time_percent)
        if not 0 < pct <= 100:
            raise ValidationError({"part_time_percent": (
                f"Percentuale di part-time {float(pct):g} % non valida: indicare un valore "
                "maggiore di 0 e al massimo 100.")})
        object.__setattr__(self, "weekly_minutes", round(self.full_time_minutes * pct / 100))

    @property
    def full_time_minutes(self) -> int:
        return ART55_MINUTES if self.art55 else FULL_TIME_MINUTES

    @property
    def is_part_time(self) -> bool:
        return Fraction(self.part_time_percent) < 100

    @property
    def label(self) -> str:
        base = "35 ore (art. 55)" if self.art55 else "36 ore"
        if self.is_part_time:
            return (f"part-time {float(self.part_time_percent):g} % di {base}: "
                    f"{format_duration(self.weekly_minutes)}")
        return base


FULL_TIME = WorkingTime()
