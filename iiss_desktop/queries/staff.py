"""Read side of staff master data."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.text import sort_key
from ..models.school import Site
from ..models.staff import Employee


@dataclass(frozen=True, slots=True)
class EmployeeRow:
    id: int
    surname: str
    name: str
    role: str
    contract: str
    site: str
    codice_fiscale: str
    email: str
    active: bool


@requires(READ)
def list_employees(db: Database, *, include_inactive: bool = False) -> list[EmployeeRow]:
    q = (select(Employee.id, Employee.surname, Employee.name, Employee.role, Employee.contract,
                Site.name.label("site"), Employee.codice_fiscale, Employee.email,
                Employee.active)
         .outerjoin(Site, Site.id == Employee.site_id)
         .order_by(Employee.surname, Employee.name))
    if not include_inactive:
        q = q.where(Employee.active.is_(True))
    with read_session(db) as s:
        rows = [EmployeeRow(**{**r._asdict(), "site": r.site or "",
                               "codice_fiscale": r.codice_fiscale or ""})
                for r in s.execute(q).all()]
    # SQL sorts by character code (Ł, Ș, Ț after Z): sort as an Italian reader expects.
    return sorted(rows, key=lambda r: (sort_key(r.surname), sort_key(r.name)))
