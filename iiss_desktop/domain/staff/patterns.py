"""Weekly working-time patterns per person and period (CCNL 29/11/2007 artt. 51-55).

A pattern is the week the Piano delle attività gives a person for a period: for each weekday
(0 = lunedì … 5 = sabato) one or more time bands (a morning, a rientro, a shift), the flexible
entry and exit bands of art. 53, the days of lavoro agile, and whether it is an orario
plurisettimanale. The usual shapes have helpers: six days of 6 hours, five days of 7 h 12 min
(both 36 h: art. 51 [C], the five-day spread [C-3p]), and the rientri.

Bad input is refused with a ValidationError naming the field: a period that ends before it
starts or leaves the school year (1 September - 31 August), overlapping bands, and an ordinary
pattern that does not add up to the contract's weekly hours (the 36, the part-time share, the
35 of art. 55). A plurisettimanale pattern may differ from them: the checks of ``checks`` say
whether its weeks stay within 42 hours and are recovered.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..dates import WEEKDAYS_IT, SchoolYear, format_date
from ..errors import ValidationError
from .contract import FULL_TIME, WorkingTime
from .times import TimeBand, check_no_overlap, format_duration, format_time, minutes_of
from .week import PersonWeek, WorkDay


@dataclass(frozen=True)
class FlexBand:
    """Orario flessibile (art. 53 [C]): entry between ``entry_from`` and ``entry_to``, exit
    between ``exit_from`` and ``exit_to`` (minutes)."""

    entry_from: int
    entry_to: int
    exit_from: int
    exit_to: int

    def __post_init__(self) -> None:
        errors = {}
        if self.entry_to < self.entry_from:
            errors["entry_to"] = (f"La fascia di ingresso {format_time(self.entry_from)}–"
                                  f"{format_time(self.entry_to)} termina prima di iniziare.")
        if self.exit_to < self.exit_from:
            errors["exit_to"] = (f"La fascia di uscita {format_time(self.exit_from)}–"
                                 f"{format_time(self.exit_to)} termina prima di iniziare.")
        if not errors and self.exit_from <= self.entry_from:
            errors["exit_from"] = "La fascia di uscita deve seguire quella di ingresso."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def of(cls, entry_from, entry_to, exit_from, exit_to) -> FlexBand:
        return cls(minutes_of(entry_from, "entry_from"), minutes_of(entry_to, "entry_to"),
                   minutes_of(exit_from, "exit_from"), minutes_of(exit_to, "exit_to"))

    def allows(self, band: TimeBand) -> bool:
        return (self.entry_from <= band.start <= self.entry_to
                and self.exit_from <= band.end <= self.exit_to)


@dataclass(frozen=True)
class WeeklyPattern:
    person_id: int | str
    valid_from: date
    valid_to: date
    days: Mapping[int, tuple[TimeBand, ...]]
    working_time: WorkingTime = FULL_TIME
    flex: FlexBand | None = None
    agile_weekdays: frozenset[int] = field(default_factory=frozenset)
    plurisettimanale: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        errors: dict[str, str] = {}
        if self.valid_to < self.valid_from:
            errors["valid_to"] = (f"Il periodo termina il {format_date(self.valid_to)}, prima "
                                  f"di iniziare il {format_date(self.valid_from)}.")
        elif SchoolYear.of(self.valid_from) != SchoolYear.of(self.valid_to):
            year = SchoolYear.of(self.valid_from)
            errors["valid_to"] = (
                f"Il {format_date(self.valid_to)} è fuori dall'anno scolastico {year.label} "
                f"(dal {format_date(year.start)} al {format_date(year.end)}): un orario vale "
                "per un solo anno scolastico.")
        days = {}
        for wd, bands in self.days.items():
            if wd not in range(7):
                raise ValidationError({"days": f"Giorno della settimana {wd} non valido."})
            days[wd] = check_no_overlap(tuple(bands), f"fasce di {WEEKDAYS_IT[wd]}")
        object.__setattr__(self, "days", dict(sorted(days.items())))
        if self.agile_weekdays - {wd for wd, b in days.items() if b}:
            errors["agile_weekdays"] = ("Un giorno di lavoro agile deve essere un giorno di "
                                        "lavoro dell'orario.")
        owed = self.working_time.weekly_minutes
        if not self.plurisettimanale and self.ordinary_minutes != owed:
            gap = owed - self.ordinary_minutes
            errors["days"] = (
                f"L'orario settimanale somma {format_duration(self.ordinary_minutes)}, ma il "
                f"contratto ({self.working_time.label}) prevede {format_duration(owed)} "
                f"({format_duration(abs(gap))} " + ("in meno)." if gap > 0 else "in più)."))
        if errors:
            raise ValidationError(errors)

    def ordinary_of(self, weekday: int) -> int:
        return sum(b.minutes for b in self.days.get(weekday, ()) if not b.is_overtime)

    @property
    def ordinary_minutes(self) -> int:
        return sum(self.ordinary_of(wd) for wd in self.days)

    @property
    def working_weekdays(self) -> tuple[int, ...]:
        return tuple(wd for wd, bands in self.days.items() if bands)

    def covers(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def week(self, monday: date, holidays: Iterable[date] = ()) -> PersonWeek:
        """The dated week this pattern gives from ``monday``, within its period. A holiday
        (festività, santo patrono) on a working day counts as that day's hours: domain.md is
        silent [U]; a DSGA does not make staff recover a national holiday. A closure of the
        office (chiusura prefestiva) is not credited here: it is covered by ferie or recuperi,
        which the absences record."""
        off = set(holidays)
        days = []
        for wd in self.working_weekdays:
            day = monday + timedelta(days=wd)
            if not self.covers(day):
                continue
            if day in off:
                days.append(WorkDay(day, credited=self.ordinary_of(wd)))
                continue
            agile = wd in self.agile_weekdays
            bands = self.days[wd]
            if agile:   # worked from home: no plesso is covered that day
                bands = tuple(TimeBand(b.start, b.end, b.kind, None, b.reason) for b in bands)
            days.append(WorkDay(day, bands, lavoro_agile=agile))
        partial = not (self.covers(monday) and self.covers(monday + timedelta(days=6)))
        return PersonWeek(self.person_id, monday, tuple(days), self.plurisettimanale, partial)


def same_bands(weekdays: Iterable[int], start: str, end: str, plesso: str | None = None,
               kind: str = "servizio") -> dict[int, tuple[TimeBand, ...]]:
    band = TimeBand.of(start, end, kind, plesso)
    return {wd: (band,) for wd in weekdays}


def six_days_of_six(start: str = "08:00", plesso: str | None = None) -> dict:
    """36 h as lunedì-sabato, 6 continuous hours each (art. 51 c.1 [C])."""
    end = format_time(minutes_of(start) + 360)
    return same_bands(range(6), start, end, plesso)


def five_days_of_7h12(start: str = "07:30", plesso: str | None = None) -> dict:
    """36 h as lunedì-venerdì, 7 h 12 min each: no pause required (art. 51 [C-3p])."""
    end = format_time(minutes_of(start) + 432)
    return same_bands(range(5), start, end, plesso)


def with_rientri(days: Mapping[int, tuple[TimeBand, ...]],
                 rientri: Mapping[int, tuple[str, str]],
                 plesso: str | None = None) -> dict[int, tuple[TimeBand, ...]]:
    """Add afternoon rientri to some days: ``{1: ("14:30", "17:30")}``."""
    out = {wd: tuple(b) for wd, b in days.items()}
    for wd, (start, end) in rientri.items():
        out[wd] = out.get(wd, ()) + (TimeBand.of(start, end, "rientro", plesso),)
    return out
