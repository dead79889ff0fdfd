"""Deadlines of the office for the start page (D.I. 129/2018, see domain.md §3.2).

A deadline that falls on a day the office is closed moves to the next working
day; the start page says so. The Ministry often extends the consuntivo dates
by note: the dates here are the ordinary ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .calendar import next_working_day
from .dates import format_date

# (month, day, title, reference); the year is the one in which the deadline falls.
ANNUAL_DEADLINES = (
    (3, 15, "Conto consuntivo dell'esercizio precedente: predisposizione del DSGA e invio ai "
            "revisori", "D.I. 129/2018 art. 23"),
    (4, 15, "Conto consuntivo: parere dei revisori dei conti", "D.I. 129/2018 art. 23"),
    (4, 30, "Conto consuntivo: approvazione del Consiglio d'istituto", "D.I. 129/2018 art. 23"),
    (6, 30, "Verifica dello stato di attuazione e assestamento del Programma Annuale",
     "D.I. 129/2018 art. 10"),
    (11, 30, "Programma Annuale dell'esercizio successivo: predisposizione e invio ai revisori",
     "D.I. 129/2018 art. 5"),
    (12, 31, "Programma Annuale: approvazione del Consiglio d'istituto", "D.I. 129/2018 art. 5"),
)


@dataclass(frozen=True)
class Deadline:
    due: date
    title: str
    reference: str
    note: str = ""

    @property
    def label(self) -> str:
        return format_date(self.due)


def upcoming_deadlines(today: date, closed_days: set[date],
                       horizon_days: int = 150) -> list[Deadline]:
    out = []
    for year in (today.year, today.year + 1):
        for month, day, title, ref in ANNUAL_DEADLINES:
            legal = date(year, month, day)
            due = next_working_day(legal, closed_days)
            note = ("" if due == legal
                    else f"Scadenza del {format_date(legal)} in giorno di chiusura")
            if 0 <= (due - today).days <= horizon_days:
                out.append(Deadline(due, title, ref, note))
    return sorted(out, key=lambda d: d.due)
