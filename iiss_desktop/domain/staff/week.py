"""The dated weeks of a roster: what one person works on each day, as plain data.

A :class:`PersonWeek` is a Monday and up to seven :class:`WorkDay` rows of that week (fewer at
the edges of the school year, or when a day has nothing). The roster grid edits these; the
checks read them; a solver fills them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import SchoolYear, format_date
from ..errors import ValidationError
from .contract import FULL_TIME, WorkingTime
from .profiles import ROLES
from .times import TimeBand, check_no_overlap

ABSENCE_KINDS = {
    "riposo_compensativo": "Riposo compensativo",
    "permesso_breve": "Permesso breve",
}


@dataclass(frozen=True)
class DayAbsence:
    """Hours of a day not worked but justified: a riposo compensativo (art. 54 [C]) or a
    permesso breve (art. 16 [C]). Their ledger is the second staff issue's."""

    kind: str
    minutes: int

    def __post_init__(self) -> None:
        if self.kind not in ABSENCE_KINDS:
            raise ValidationError({"kind": f"Tipo di assenza oraria «{self.kind}» non previsto."})
        if self.minutes <= 0:
            raise ValidationError({"minutes": "Indicare la durata dell'assenza in minuti "
                                              "(maggiore di zero)."})


@dataclass(frozen=True)
class WorkDay:
    """One roster cell. ``credited``: minutes of the day counted as service without being
    worked (a holiday or closure falling on a working day of the pattern, an absence the
    second staff issue records). ``fixed``: the cell is set by hand and a solver must keep it.
    """

    day: date
    bands: tuple[TimeBand, ...] = ()
    lavoro_agile: bool = False
    credited: int = 0
    absences: tuple[DayAbsence, ...] = ()
    fixed: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "bands", check_no_overlap(
            tuple(self.bands), f"fasce del {format_date(self.day)}"))
        if self.credited < 0:
            raise ValidationError({"credited": "Le ore riconosciute non possono essere "
                                               "negative."})

    @property
    def worked(self) -> int:
        """Every minute worked, additional work included (what the 9 hours count)."""
        return sum(b.end - b.start for b in self.bands)

    @property
    def ordinary(self) -> int:
        """Minutes worked toward the contract's weekly hours (no straordinario)."""
        return sum(b.end - b.start for b in self.bands if b.kind != "straordinario")

    @property
    def justified(self) -> int:
        return self.credited + sum(a.minutes for a in self.absences)


@dataclass(frozen=True)
class PersonWeek:
    """``plurisettimanale``: the week is part of an orario plurisettimanale (art. 53), so its
    hours may differ from the contract's (up to 42; less in the weeks of recovery).
    ``partial``: the person's service or pattern begins or ends within the week (a contract
    from a Wednesday), so its hours are not compared with a whole week's."""

    person_id: int | str
    monday: date
    days: tuple[WorkDay, ...]
    plurisettimanale: bool = False
    partial: bool = False

    def __post_init__(self) -> None:
        if self.monday.weekday() != 0:
            raise ValidationError({"monday": f"La settimana deve iniziare di lunedì: il "
                                             f"{format_date(self.monday)} non lo è."})
        days = tuple(sorted(self.days, key=lambda d: d.day))
        sunday = self.monday + timedelta(days=6)
        for d in days:
            if not self.monday <= d.day <= sunday:
                raise ValidationError({"day": (
                    f"Il giorno {format_date(d.day)} non appartiene alla settimana dal "
                    f"{format_date(self.monday)} al {format_date(sunday)}.")})
        if len({d.day for d in days}) != len(days):
            raise ValidationError({"day": "Un giorno compare due volte nella settimana dal "
                                          f"{format_date(self.monday)}."})
        object.__setattr__(self, "days", days)

    @property
    def ordinary(self) -> int:
        return sum(d.ordinary for d in self.days)

    @property
    def counted(self) -> int:
        """Minutes counted toward the contract: ordinary work plus justified time."""
        return sum(d.ordinary + d.justified for d in self.days)

    @property
    def label(self) -> str:
        return f"settimana dal {format_date(self.monday)}"


@dataclass(frozen=True)
class StaffMember:
    """What the checks need to know of a person. ``pause_requested``: the employee asked for
    the pause of art. 51 past 6 continuous hours."""

    person_id: int | str
    name: str
    profile: str
    working_time: WorkingTime = FULL_TIME
    home_plesso: str | None = None
    pause_requested: bool = False

    def __post_init__(self) -> None:
        if self.profile not in ROLES:
            raise ValidationError({"profile": f"Profilo «{self.profile}» non previsto."})


def check_in_school_year(day: date, school_year: SchoolYear, field: str = "day") -> None:
    """A date of the school year's roster outside 1 September - 31 August is refused."""
    if day not in school_year:
        raise ValidationError({field: (
            f"Il {format_date(day)} è fuori dall'anno scolastico {school_year.label} "
            f"(dal {format_date(school_year.start)} al {format_date(school_year.end)}).")})


def check_weeks_in_year(weeks: list[PersonWeek] | tuple[PersonWeek, ...],
                        school_year: SchoolYear) -> None:
    for w in weeks:
        for d in w.days:
            check_in_school_year(d.day, school_year)


# The week's minutes, for the grids and the solver's objective (no checks here).
def week_minutes(week: PersonWeek) -> dict[date, int]:
    return {d.day: d.worked for d in week.days}

