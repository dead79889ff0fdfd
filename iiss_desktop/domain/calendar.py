"""The school's calendar: national holidays seeded from ``holidays``, plus what the office adds.

From 2026, 4 October (San Francesco d'Assisi) is a national holiday again
(L. 151/2025); the ``holidays`` package knows it. Patron saints of towns that
are not provincial capitals, regional school calendars and office closures
(chiusure prefestive) are added by the office and stay editable.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import format_date
from .errors import ValidationError

KINDS = {
    "festivita": "Festività nazionale",
    "patrono": "Santo patrono",
    "chiusura": "Chiusura degli uffici",
    "sospensione": "Sospensione delle lezioni",
}
# Kinds on which the office is closed (deadlines move to the next working day).
OFFICE_CLOSED = {"festivita", "patrono", "chiusura"}


@dataclass(frozen=True)
class Holiday:
    day: date
    kind: str
    description: str
    source: str  # "legge" (seeded) or "scuola" (added by the office)


def national_holidays(year: int, subdiv: str | None = None) -> list[Holiday]:
    """Italian public holidays of ``year`` (with the province's patron if ``subdiv`` is given)."""
    import holidays

    national = holidays.country_holidays("IT", years=year, language="it_IT")
    out = {d: Holiday(d, "festivita", _tidy(name), "legge") for d, name in national.items()}
    if subdiv:
        local = holidays.country_holidays("IT", subdiv=subdiv, years=year, language="it_IT")
        for d, name in local.items():
            if d not in out:
                out[d] = Holiday(d, "patrono", _tidy(name), "legge")
    return sorted(out.values(), key=lambda h: h.day)


def _tidy(name: str) -> str:
    """The library joins an observance to 1 November ("Giorno dell'unità nazionale; Ognissanti"):
    the office closes for Ognissanti, so print that."""
    parts = [p.strip() for p in name.split(";")]
    kept = [p for p in parts if "unità nazionale" not in p.lower()]
    return "; ".join(kept or parts)


def check_day(day: date | None, kind: str, description: str) -> str:
    errors = {}
    if day is None:
        errors["day"] = "Indicare la data."
    if kind not in KINDS:
        errors["kind"] = "Tipo di giorno non valido."
    text = (description or "").strip()
    if not text:
        errors["description"] = "Indicare la descrizione (es. «Santo patrono»)."
    if errors:
        raise ValidationError(errors)
    return text


def is_working_day(day: date, closed_days: set[date], *, saturday_open: bool = False) -> bool:
    """Office working day: not Sunday, not Saturday unless the office opens then, not closed."""
    if day.weekday() == 6 or (day.weekday() == 5 and not saturday_open):
        return False
    return day not in closed_days


def next_working_day(day: date, closed_days: set[date], *, saturday_open: bool = False) -> date:
    """A deadline falling on a closed day moves to the next working day."""
    while not is_working_day(day, closed_days, saturday_open=saturday_open):
        day += timedelta(days=1)
    return day


def describe(h: Holiday) -> str:
    return f"{format_date(h.day)} – {h.description}"
