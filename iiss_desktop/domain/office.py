"""Rules of the front desk's appointments and of the register of visitors (issue 19 item 1).

Times are whole minutes from midnight (domain/staff/times.py). Until the Piano delle attività
states the front desk's opening hours, the office receives 8:00–13:00 Monday to Saturday, a
default of this program [U]. The register is kept for the days the school sets (14 by
default, [U]: the directive asked for a register, not for a term), then purged every day.
"""
from __future__ import annotations

from datetime import date, timedelta

from .calendar import national_holidays
from .errors import ValidationError
from .staff.times import format_time, minutes_of

# Offices a visitor is received by; a school may write another.
OFFICES = ("Segreteria didattica", "Ufficio del personale", "Ufficio contabilità",
           "Protocollo", "Dirigenza", "DSGA")
OPENING = (8 * 60, 13 * 60)          # [U] until the Piano delle attività states them
OPENING_DAYS = frozenset(range(6))   # Monday..Saturday
OPENING_NOTE = "8:00–13:00 dal lunedì al sabato (orario predefinito [U])"
DEFAULT_RETENTION_DAYS = 14
DEFAULT_MARK = "(valore predefinito)"

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


def check_slot(day: date, start, end) -> tuple[int, int]:
    """The slot in minutes, within the front desk's opening hours of ``day``."""
    if day is None:
        raise ValidationError({"day": "Indicare il giorno dell'appuntamento."})
    if start in (None, ""):
        raise ValidationError({"slot_start": "Indicare l'inizio della fascia oraria."})
    if end in (None, ""):
        raise ValidationError({"slot_end": "Indicare la fine della fascia oraria."})
    s, e = minutes_of(start, "slot_start"), minutes_of(end, "slot_end")
    if e <= s:
        raise ValidationError({"slot_end": "La fascia oraria finisce dopo l'inizio."})
    if day.weekday() not in OPENING_DAYS:
        raise ValidationError({"day": f"Lo sportello non riceve la domenica: {OPENING_NOTE}."})
    if is_holiday(day):
        raise ValidationError({"day": f"Il {day:%d/%m/%Y} è festivo: lo sportello non "
                                      "riceve."})
    if s < OPENING[0] or e > OPENING[1]:
        raise ValidationError({"slot_start": f"La fascia {format_time(s)}–{format_time(e)} è "
                                             f"fuori dall'orario dello sportello: "
                                             f"{OPENING_NOTE}."})
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
