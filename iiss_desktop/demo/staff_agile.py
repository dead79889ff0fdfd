"""Demo lavoro agile agreements: the two assistenti amministrative whose weekly patterns have
days of lavoro agile (demo/staff_roster.py: De Santis on Wednesday, Nowak on Friday) have an
individual agreement for those days over the current school year to 30/6, so no day of the
demo roster is agile without one; De Santis also had one for the previous year (concluded)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear
from ..models.staff import Employee
from ..services.staff.agile import sign_agreement

# surname -> (weekdays, activities, fascia di contattabilità, tools)
AGREEMENTS = {
    "De Santis": ("mercoledì", (
        "Istruttoria delle pratiche del personale (ricostruzioni di carriera, pensioni)",
        "Inserimento dei contratti e delle assenze nel sistema informativo del Ministero",
        "Predisposizione dei decreti e delle comunicazioni al personale"),
        "09:00-12:00", "istituto"),
    "Nowak": ("venerdì", (
        "Protocollo informatico e smistamento della posta elettronica certificata",
        "Aggiornamento dell'albo online e dell'amministrazione trasparente",
        "Istruttoria degli acquisti sul MePA"),
        "09:30-12:30", "proprio"),
}
PROTOCOLS = {"De Santis": "0004181/VII.1", "Nowak": "0004183/VII.1"}


def generate_agile(db: Database, today: date | None = None) -> None:
    today = today or date.today()
    year = SchoolYear.of(today)
    june = date(year.start.year + 1, 6, 30)
    signed = year.start - timedelta(days=4)
    with read_session(db) as s:
        people = dict(s.execute(select(Employee.surname, Employee.id)
                                .where(Employee.active.is_(True),
                                       Employee.surname.in_(AGREEMENTS))).all())
    for surname, (days, activities, band, tools) in AGREEMENTS.items():
        if surname not in people:
            continue
        if surname == "De Santis":       # the previous school year's, concluded on 30/6
            last = SchoolYear(year.start.year - 1)
            sign_agreement(db, people[surname], signed_on=last.start - timedelta(days=3),
                           valid_from=last.start, valid_to=date(last.start.year + 1, 6, 30),
                           weekdays=days, activities=activities[:2], contact_band=band,
                           tools=tools, protocol="0003977/VII.1")
        sign_agreement(db, people[surname], signed_on=signed, valid_from=year.start,
                       valid_to=june, weekdays=days, activities=activities,
                       contact_band=band, tools=tools, protocol=PROTOCOLS[surname])
