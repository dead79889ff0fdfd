"""The demo's fragile worker (art. 15 DL 41/2021): an assistente amministrativo in service in
2020/21 whom the medico competente recognised as fragile in March 2021, on lavoro agile until
the end of June, with the employer's prescriptions only (no diagnosis)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..models.staff import Employee, StaffContract
from ..services.staff.health import record_fragile_status


def generate_fragile(db: Database) -> None:
    with read_session(db) as s:
        pid = s.scalar(select(Employee.id).join(
            StaffContract, StaffContract.employee_id == Employee.id).where(
            Employee.role == "AA", StaffContract.annulled_on.is_(None),
            StaffContract.starts_on <= date(2020, 9, 1)).order_by(Employee.surname,
                                                                   Employee.id).limit(1))
    if pid is None:
        return
    record_fragile_status(db, pid, {
        "checked_on": date(2021, 3, 10), "outcome": "fragile", "measure": "lavoro_agile",
        "prescriptions": "Evitare il contatto diretto con il pubblico; postazione in stanza "
                         "singola nei giorni in presenza.",
        "legal_basis": "dl41_art15", "valid_from": date(2021, 3, 15),
        "valid_to": date(2021, 6, 30), "protocol": "0001873/VII.6"})
