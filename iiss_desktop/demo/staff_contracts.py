"""Demo contracts over time for the ATA staff (issue 14 item 8): tempo indeterminato from the
hiring date, supplenze to 30/6 of the current school year, a part-time assistente, an ex-LSU
collaboratore extended month by month, an assistente tecnico assigned to an istituto
comprensivo in the emergency, and past organico Covid contracts of 2020/21."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear
from ..models.staff import Employee
from ..services.staff.registry import add_contract, extend_contract

PART_TIME = {"Fontana": 50}          # 50 % of 36 h = 18 h (three days of 6 h)


def _month_ends(start: date, until: date) -> list[date]:
    out, day = [], start
    while day <= until:
        nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        out.append(date.fromordinal(nxt.toordinal() - 1))
        day = nxt
    return out


def generate_contracts(db: Database, today: date | None = None) -> dict[str, date | None]:
    """Returns, per surname, the end of the contract in force (None: indeterminato)."""
    today = today or date.today()
    year = SchoolYear.of(today)
    june = date(year.start.year + 1, 6, 30)
    with read_session(db) as s:
        people = s.execute(select(Employee.id, Employee.surname, Employee.role,
                                  Employee.contract, Employee.hired_on)
                           .where(Employee.active.is_(True), Employee.role != "DS")).all()
    ends: dict[str, date | None] = {}
    for p in people:
        if p.surname == "Caruso":       # ex-LSU: a month at a time since September
            months = _month_ends(year.start, today)
            first = add_contract(db, p.id, kind="ex_lsu", starts_on=year.start,
                                 ends_on=months[0], note="Convenzione ex LSU")
            for end in months[1:]:
                first = extend_contract(db, first, until=end, note="Proroga mensile")
            ends[p.surname] = months[-1]
        elif p.surname == "Rinaldi":    # the emergency's assistente tecnico for the IC
            add_contract(db, p.id, kind="at_ic", starts_on=year.start, ends_on=june,
                         assigned_school="Istituto comprensivo «Gianni Rodari» di Velletri")
            ends[p.surname] = june
        elif p.contract == "tempo determinato":
            if p.surname == "Țurcanu":  # organico Covid in 2020/21, before this supplenza
                add_contract(db, p.id, kind="covid", starts_on=date(2020, 9, 14),
                             ends_on=date(2021, 6, 9), note="Organico aggiuntivo Covid-19")
            add_contract(db, p.id, kind="determinato_3006", starts_on=year.start,
                         ends_on=june)
            ends[p.surname] = june
        else:
            add_contract(db, p.id, kind="indeterminato",
                         starts_on=p.hired_on or date(2005, 9, 1),
                         part_time_percent=PART_TIME.get(p.surname, 100))
            ends[p.surname] = None
    return ends
