"""Read side of the lavoro agile agreements: a person's agreements as plain rows (the scheda,
the print «accordo-agile»), and the agreements in force as domain objects for the checks of
the roster (``checks.check_agile_agreements``)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.errors import ValidationError
from ..domain.staff.agile import TOOLS, LavoroAgileAgreement
from ..domain.staff.band_text import format_weekdays
from ..models.staff import Employee
from ..models.staff_agile import StaffAgileAgreement
from .staff import PersonHeader, person_header


@dataclass(frozen=True, slots=True)
class AgreementRow:
    id: int
    person_id: int
    signed_on: date
    valid_from: date
    valid_to: date
    weekdays: frozenset[int]
    activities: tuple[str, ...]
    contact_band: str
    tools: str
    tools_label: str
    protocol: str
    annulled_on: date | None
    annul_reason: str

    @property
    def period(self) -> str:
        return f"dal {format_date(self.valid_from)} al {format_date(self.valid_to)}"

    @property
    def days_label(self) -> str:
        return format_weekdays(self.weekdays)

    def state(self, today: date) -> str:
        if self.annulled_on is not None:
            return f"annullato: {self.annul_reason}"
        if today < self.valid_from:
            return "da iniziare"
        return "concluso" if today > self.valid_to else "in vigore"


def _weekdays(text: str) -> frozenset[int]:
    return frozenset(int(x) for x in text.split(",") if x)


def _row(r: StaffAgileAgreement) -> AgreementRow:
    return AgreementRow(r.id, r.employee_id, r.signed_on, r.valid_from, r.valid_to,
                        _weekdays(r.weekdays), tuple(r.activities.splitlines()),
                        r.contact_band, r.tools, TOOLS.get(r.tools, r.tools), r.protocol,
                        r.annulled_on, r.annul_reason)


def agreement_rows(s, person_id: int) -> list[AgreementRow]:
    return [_row(r) for r in s.execute(
        select(StaffAgileAgreement).where(StaffAgileAgreement.employee_id == person_id)
        .order_by(StaffAgileAgreement.valid_from, StaffAgileAgreement.id)).scalars()]


@requires(READ)
def agreements_of(db: Database, person_id: int) -> list[AgreementRow]:
    """A person's lavoro agile agreements in date order, annulled ones included."""
    with read_session(db) as s:
        return agreement_rows(s, person_id)


def agreement_by_id(s, agreement_id: int | None) -> AgreementRow | None:
    """One agreement; None: the one signed last that is not annulled (None if there is none)."""
    q = select(StaffAgileAgreement)
    if agreement_id is not None:
        q = q.where(StaffAgileAgreement.id == agreement_id)
    else:
        q = q.where(StaffAgileAgreement.annulled_on.is_(None)).order_by(
            StaffAgileAgreement.signed_on.desc(), StaffAgileAgreement.id.desc())
    found = s.execute(q.limit(1)).scalars().first()
    return _row(found) if found is not None else None


def agreements_in_force(s, person_ids: Iterable[int], start: date | None = None,
                        end: date | None = None) -> list[LavoroAgileAgreement]:
    """The agreements not annulled of these people (touching ``start``-``end`` when given),
    as the domain checks them: with the person's profile."""
    ids = sorted(set(person_ids))
    if not ids:
        return []
    q = (select(StaffAgileAgreement, Employee.role)
         .join(Employee, Employee.id == StaffAgileAgreement.employee_id)
         .where(StaffAgileAgreement.employee_id.in_(ids),
                StaffAgileAgreement.annulled_on.is_(None)))
    if start is not None:
        q = q.where(StaffAgileAgreement.valid_to >= start)
    if end is not None:
        q = q.where(StaffAgileAgreement.valid_from <= end)
    out = []
    for r, role in s.execute(q).all():
        # What was recorded passed the checks, but a person's profile may have been corrected
        # since: a row the domain refuses now covers no day (the day shows its problem).
        try:
            out.append(LavoroAgileAgreement(
                r.employee_id, role, r.signed_on, r.valid_from, r.valid_to,
                _weekdays(r.weekdays), tuple(r.activities.splitlines())))
        except ValidationError:
            continue
    return out


@dataclass(frozen=True)
class AgreementDocument:
    agreement: AgreementRow
    person: PersonHeader          # on the first day of the agreement


@requires(READ)
def agreement_document(db: Database, agreement_id: int | None = None) -> AgreementDocument:
    """What the print of an agreement shows (default: the one signed last, not annulled)."""
    with read_session(db) as s:
        row = agreement_by_id(s, agreement_id)
        if row is None:
            raise ValidationError({"accordo": (
                f"Accordo di lavoro agile n. {agreement_id} inesistente."
                if agreement_id is not None else
                "Nessun accordo di lavoro agile registrato.")})
        person = person_header(s, row.person_id, row.valid_from)
    return AgreementDocument(row, person)
