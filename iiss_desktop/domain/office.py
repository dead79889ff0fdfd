"""Rules of the front desk's appointments and of the register of visitors (issue 19 item 1).

Times are whole minutes from midnight (domain/staff/times.py). Appointments are booked within
the front desk's public opening hours that the Piano delle attività in force on the day
states (its «sportello» rows); where no adopted Piano states them, the office receives
8:00–13:00 Monday to Saturday, a default of this program [U]. The register is kept for the
days the school sets (14 by default, [U]: the directive asked for a register, not for a
term), then purged every day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import national_holidays
from .dates import WEEKDAYS_IT
from .errors import ValidationError
from .staff.times import format_time, minutes_of

# Offices a visitor is received by; a school may write another.
OFFICES = ("Segreteria didattica", "Ufficio del personale", "Ufficio contabilità",
           "Protocollo", "Dirigenza", "DSGA")
DEFAULT_RETENTION_DAYS = 14
DEFAULT_MARK = "(valore predefinito)"


@dataclass(frozen=True, slots=True)
class Opening:
    """The front desk open to the public on ``weekday`` (0 Monday) from ``start`` to ``end``."""

    weekday: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OpeningHours:
    openings: tuple[Opening, ...]
    source: str          # where the hours come from, as the screen and the refusals say it

    def of(self, weekday: int) -> tuple[Opening, ...]:
        return tuple(o for o in self.openings if o.weekday == weekday)

    @property
    def note(self) -> str:
        return f"{describe(self.openings)} ({self.source})"


DEFAULT_HOURS = OpeningHours(tuple(Opening(d, 8 * 60, 13 * 60) for d in range(6)),
                             "orario predefinito [U]: il Piano delle attività in vigore non "
                             "lo indica")


def _bands(openings) -> str:
    return " e ".join(f"{format_time(o.start)}–{format_time(o.end)}"
                      for o in sorted(openings, key=lambda o: o.start))


def _days(days: list[int]) -> str:
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"dal {WEEKDAYS_IT[days[0]]} al {WEEKDAYS_IT[days[-1]]}"
    names = [WEEKDAYS_IT[d] for d in days]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} e {names[-1]}"


def describe(openings) -> str:
    """«dal lunedì al venerdì 08:30–12:30; sabato 09:00–12:00»: the weekdays with the same
    hours together."""
    by_day: dict[int, str] = {}
    for d in sorted({o.weekday for o in openings}):
        by_day[d] = _bands([o for o in openings if o.weekday == d])
    groups: dict[str, list[int]] = {}
    for d, bands in by_day.items():
        groups.setdefault(bands, []).append(d)
    if not groups:
        return "nessuna apertura al pubblico"
    return "; ".join(f"{_days(days)} {bands}" for bands, days in groups.items())


BOOKED, ARRIVED, CANCELLED = "prenotato", "arrivato", "annullato"
STATES = {BOOKED: "Prenotato", ARRIVED: "Arrivato", CANCELLED: "Annullato"}

# Columns the change log records as «(valore riservato)»: it is kept for ever, the register
# only for the retention.
APPOINTMENT_SECRET = ("visitor_name", "phone", "purpose", "person_to_meet")
VISIT_SECRET = ("visitor_name", "birth_date", "residence", "phone", "purpose",
                "person_visited")


def required_text(value, field: str, label: str, limit: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: f"Indicare {label}."})
    if len(text) > limit:
        raise ValidationError({field: f"{label[0].upper()}{label[1:]}: al massimo {limit} "
                                      "caratteri."})
    return text


def check_slot(day: date, start, end, hours: OpeningHours = DEFAULT_HOURS) -> tuple[int, int]:
    """The slot in minutes, within one of the front desk's public openings of ``day``."""
    if day is None:
        raise ValidationError({"day": "Indicare il giorno dell'appuntamento."})
    if start in (None, ""):
        raise ValidationError({"slot_start": "Indicare l'inizio della fascia oraria."})
    if end in (None, ""):
        raise ValidationError({"slot_end": "Indicare la fine della fascia oraria."})
    s, e = minutes_of(start, "slot_start"), minutes_of(end, "slot_end")
    if e <= s:
        raise ValidationError({"slot_end": "La fascia oraria finisce dopo l'inizio."})
    if is_holiday(day):
        raise ValidationError({"day": f"Il {day:%d/%m/%Y} è festivo: lo sportello non "
                                      "riceve."})
    openings = hours.of(day.weekday())
    if not openings:
        raise ValidationError({"day": f"Il {WEEKDAYS_IT[day.weekday()]} lo sportello non "
                                      f"riceve il pubblico. Orario: {hours.note}."})
    if not any(o.start <= s and e <= o.end for o in openings):
        raise ValidationError({"slot_start": (
            f"La fascia {format_time(s)}–{format_time(e)} è fuori dall'orario dello "
            f"sportello del {WEEKDAYS_IT[day.weekday()]} ({_bands(openings)}). Orario: "
            f"{hours.note}.")})
    return s, e


def is_holiday(day: date) -> bool:
    return any(h.day == day for h in national_holidays(day.year))


def check_retention(days) -> int:
    try:
        value = int(days)
    except (TypeError, ValueError):
        raise ValidationError({"retention_days": "Indicare i giorni di conservazione."}) \
            from None
    if not 1 <= value <= 365:
        raise ValidationError({"retention_days": "La conservazione va da 1 a 365 giorni."})
    return value


def purge_limit(today: date, retention_days: int) -> date:
    """The last day purged: registrations of that day and before are deleted."""
    return today - timedelta(days=retention_days + 1)


def retention_label(days: int | None) -> str:
    if days is None:
        return f"{DEFAULT_RETENTION_DAYS} giorni {DEFAULT_MARK}"
    return f"{days} giorni"
