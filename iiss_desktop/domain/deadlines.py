"""Deadlines of the office for the start page (D.I. 129/2018, see domain.md §3.2).

A deadline that falls on a day the office is closed moves to the next working
day; the start page says so. The Ministry often extends the consuntivo dates
by note: the office records each extension (``Extension``, stored per year and key) and the
start page shows the date in force with the act that moved it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .calendar import next_working_day
from .dates import format_date


@dataclass(frozen=True)
class AnnualDeadline:
    key: str            # stored with an extension (school_deadline_extension.key)
    month: int
    day: int
    title: str
    reference: str


# The year of each is the one in which the deadline falls.
ANNUAL_DEADLINES = (
    AnnualDeadline("consuntivo-predisposizione", 3, 15,
                   "Conto consuntivo dell'esercizio precedente: predisposizione del DSGA e "
                   "invio ai revisori", "D.I. 129/2018 art. 23"),
    AnnualDeadline("consuntivo-parere", 4, 15, "Conto consuntivo: parere dei revisori dei "
                                               "conti", "D.I. 129/2018 art. 23"),
    AnnualDeadline("consuntivo-delibera", 4, 30, "Conto consuntivo: approvazione del Consiglio "
                                                 "d'istituto", "D.I. 129/2018 art. 23"),
    AnnualDeadline("assestamento", 6, 30, "Verifica dello stato di attuazione e assestamento "
                                          "del Programma Annuale", "D.I. 129/2018 art. 10"),
    AnnualDeadline("programma-predisposizione", 11, 30,
                   "Programma Annuale dell'esercizio successivo: predisposizione e invio ai "
                   "revisori", "D.I. 129/2018 art. 5"),
    AnnualDeadline("programma-delibera", 12, 31, "Programma Annuale: approvazione del "
                                                 "Consiglio d'istituto", "D.I. 129/2018 art. 5"),
)
BY_KEY = {d.key: d for d in ANNUAL_DEADLINES}
NOTE_MAX = 300


@dataclass(frozen=True)
class Extension:
    """A deadline moved by the Ministry (a note extending it), recorded by the office."""

    due: date
    note: str           # the act that moves it: «nota MI prot. n. 1234 del 10/03/2027»


@dataclass(frozen=True)
class Deadline:
    due: date
    title: str
    reference: str
    note: str = ""
    key: str = ""
    ordinary: date | None = None     # the date of the rule, before extensions and closures

    @property
    def label(self) -> str:
        return format_date(self.due)


def ordinary_date(key: str, year: int) -> date:
    d = BY_KEY[key]
    return date(year, d.month, d.day)


def check_extension(key: str, year: int, due, note: str) -> tuple[date, str]:
    """The extended date (after the ordinary one, within a year of it) and the act that
    extends it; ValidationError naming the field otherwise."""
    from .errors import ValidationError

    if key not in BY_KEY:
        raise ValidationError({"key": "Scadenza sconosciuta."})
    ordinary = ordinary_date(key, year)
    if not isinstance(due, date):
        raise ValidationError({"due": "Indicare la nuova data della scadenza."})
    if due <= ordinary:
        raise ValidationError({"due": f"Una proroga sposta la scadenza dopo il "
                                      f"{format_date(ordinary)}."})
    if (due - ordinary).days > 366:
        raise ValidationError({"due": f"La nuova data supera di oltre un anno la scadenza del "
                                      f"{format_date(ordinary)}: controllare l'anno."})
    text = " ".join((note or "").split())
    if not text:
        raise ValidationError({"note": "Indicare l'atto che proroga la scadenza (ad esempio la "
                                       "nota del Ministero con numero e data)."})
    if len(text) > NOTE_MAX:
        raise ValidationError({"note": f"Il campo «Atto di proroga» supera {NOTE_MAX} "
                                       "caratteri."})
    return due, text


def deadlines_of_year(year: int, closed_days: set[date],
                      extensions: Mapping[tuple[int, str], Extension] | None = None
                      ) -> list[Deadline]:
    """Every deadline falling in ``year``, with its extension and the move past a closure."""
    extensions = extensions or {}
    out = []
    for d in ANNUAL_DEADLINES:
        ordinary = date(year, d.month, d.day)
        ext = extensions.get((year, d.key))
        legal = ext.due if ext else ordinary
        due = next_working_day(legal, closed_days)
        notes = []
        if ext:
            notes.append(f"prorogata dal {format_date(ordinary)} ({ext.note})")
        if due != legal:
            notes.append(f"scadenza del {format_date(legal)} in giorno di chiusura")
        note = "; ".join(notes)
        out.append(Deadline(due, d.title, d.reference, note[:1].upper() + note[1:], d.key,
                            ordinary))
    return out


def upcoming_deadlines(today: date, closed_days: set[date], horizon_days: int = 150,
                       extensions: Mapping[tuple[int, str], Extension] | None = None
                       ) -> list[Deadline]:
    out = [d for year in (today.year - 1, today.year, today.year + 1)
           for d in deadlines_of_year(year, closed_days, extensions)
           if 0 <= (d.due - today).days <= horizon_days]
    return sorted(out, key=lambda d: d.due)
