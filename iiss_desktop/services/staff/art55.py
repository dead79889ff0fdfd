"""The 35-hour week of art. 55 CCNL 29/11/2007, granted to a person for a period with the
conditions that justify it (domain/staff/contract.Art55Record refuses a grant without one
school condition and one staff condition). From its first day the person's patterns must add
up to 35 hours (or the part-time share of 35), and the roster checks that the opening hours
recorded bear out the condition «apertura oltre 10 ore» (checks.check_art55).

Kept by the personnel office (staff.registry), in one transaction each, after locking the
person's row: two grants on the same days are refused. A wrong grant is annulled, never
deleted."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from ...areas.staff import REGISTRY
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import ValidationError
from ...domain.staff.contract import (
    ART55_SCHOOL_CONDITIONS,
    ART55_STAFF_CONDITIONS,
    Art55Record,
)
from ...domain.staff.fields import ART55
from ...domain.staff.profiles import ATA_ROLES, role_label
from ...domain.staff.week import check_in_school_year
from ...models.staff_roster import StaffArt55
from .rows import annul_reason, locked_person, mark_annulled


@requires(REGISTRY)
def grant_art55(db: Database, person_id: int, *, valid_from: date, valid_to: date,
                school_conditions: Iterable[str], staff_conditions: Iterable[str],
                decided_on: date | None = None, reference: str = "") -> int:
    """Record the 35-hour week of a person from ``valid_from`` to ``valid_to`` (one school
    year: the conditions are decided each year), with the conditions that apply."""
    for name, value in (("valid_from", valid_from), ("valid_to", valid_to)):
        if not isinstance(value, date):
            raise ValidationError({name: f"Indicare il campo «{ART55[name].label}»."})
    if valid_to < valid_from:
        raise ValidationError({"valid_to": (
            f"Le 35 ore terminano il {format_date(valid_to)}, prima di iniziare il "
            f"{format_date(valid_from)}.")})
    year = SchoolYear.of(valid_from)
    check_in_school_year(valid_to, year, "valid_to")
    record = Art55Record(frozenset(school_conditions), frozenset(staff_conditions),
                         decided_on, ART55["reference"].check(reference))
    with unit_of_work(db, reason="Settimana di 35 ore (art. 55)") as s:
        person = locked_person(s, person_id)
        if person.role not in ATA_ROLES:
            raise ValidationError({"employee_id": (
                f"Le 35 ore dell'art. 55 riguardano il personale ATA, non il profilo "
                f"«{role_label(person.role)}».")})
        clash = s.execute(select(StaffArt55).where(
            StaffArt55.employee_id == person.id, StaffArt55.annulled_on.is_(None),
            StaffArt55.valid_from <= valid_to,
            StaffArt55.valid_to >= valid_from)).scalars().first()
        if clash is not None:
            raise ValidationError({"valid_from": (
                f"Dal {format_date(clash.valid_from)} al {format_date(clash.valid_to)} "
                f"{person.surname} {person.name} ha già le 35 ore: annullare quella "
                "registrazione prima di farne una nuova negli stessi giorni.")})
        row = StaffArt55(employee_id=person.id, valid_from=valid_from, valid_to=valid_to,
                         decided_on=record.decided_on, reference=record.reference,
                         recorded_by_id=s.info["user"].id,
                         **{c: c in record.school_conditions for c in ART55_SCHOOL_CONDITIONS},
                         **{c: c in record.staff_conditions for c in ART55_STAFF_CONDITIONS})
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(REGISTRY)
def annul_art55(db: Database, grant_id: int, reason: str, on: date | None = None) -> None:
    text = annul_reason(reason, ART55["annul_reason"].check, "annul_reason",
                        "Indicare il motivo dell'annullamento.")
    with unit_of_work(db, reason="Annullamento delle 35 ore (art. 55)") as s:
        row = s.get(StaffArt55, grant_id)
        if row is None:
            raise ValidationError({"grant_id": "Registrazione delle 35 ore inesistente."})
        locked_person(s, row.employee_id)
        s.refresh(row)
        mark_annulled(row, text, key="grant_id",
                      already="La registrazione è già stata annullata", on=on)
        s.commit()
