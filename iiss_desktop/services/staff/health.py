"""The fragile worker (domain/staff/health.py): the dirigente and the DSGA record the giudizio
of the medico competente with the measure and the prescriptions, annul a wrong one with its
reason, and read them; every read is written to the change log («lettura»), in the same
transaction that reads, so a read cannot happen without its trace. Nothing of these rows
goes to the lists, the exports or the posted rosters: they read other tables."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ...areas.staff import HEALTH
from ...db.access import requires
from ...db.audit import AuditRecord, append
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.errors import ValidationError, collect
from ...domain.staff.fields import FRAGILE
from ...domain.staff.health import LEGAL_BASES, MEASURES, OUTCOMES, check_period
from ...models.staff_health import StaffFragileStatus
from .rows import annul_reason, locked_person, mark_annulled

READ_ACTION = "lettura"
ENTERED = ("checked_on", "outcome", "measure", "prescriptions", "legal_basis", "valid_from",
           "valid_to", "protocol")


@dataclass(frozen=True)
class FragileRow:
    id: int
    checked_on: date
    outcome: str
    measure: str
    prescriptions: str
    legal_basis: str
    valid_from: date
    valid_to: date | None
    protocol: str
    annulled_on: date | None
    annul_reason: str

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome, self.outcome)

    @property
    def measure_label(self) -> str:
        return MEASURES.get(self.measure, self.measure)

    @property
    def legal_basis_label(self) -> str:
        return LEGAL_BASES.get(self.legal_basis, self.legal_basis)

    def in_force_on(self, day: date) -> bool:
        return (self.annulled_on is None and self.valid_from <= day
                and (self.valid_to is None or day <= self.valid_to))


@requires(HEALTH)
def record_fragile_status(db: Database, person_id: int, values: dict) -> int:
    """The giudizio of the medico competente on ``person_id`` and what it means for the work."""
    errors = {}
    clean = FRAGILE.check_all({name: values.get(name) for name in ENTERED}, errors)
    if not errors:
        collect(errors, check_period, clean["checked_on"], clean["valid_from"],
                clean["valid_to"])
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Lavoratore fragile: giudizio del medico competente") as s:
        person = locked_person(s, person_id)
        row = StaffFragileStatus(employee_id=person.id, recorded_by_id=s.info["user"].id,
                                 **clean)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(HEALTH)
def annul_fragile_status(db: Database, status_id: int, reason: str) -> None:
    text = annul_reason(reason, FRAGILE["annul_reason"].check, "annul_reason",
                        "Indicare il motivo dell'annullamento.")
    with unit_of_work(db, reason="Lavoratore fragile: annullamento") as s:
        found = lock_rows(s, StaffFragileStatus, [status_id]) if isinstance(status_id, int) \
            else []
        if not found:
            raise ValidationError({"status_id": "Dato inesistente."})
        mark_annulled(found[0], text, key="status_id",
                      already="Il giudizio è già stato annullato")
        s.commit()


@requires(HEALTH)
def read_fragile_status(db: Database, person_id: int) -> list[FragileRow]:
    """The person's rows, the latest first; the read itself goes to the change log."""
    if not isinstance(person_id, int):
        raise ValidationError({"employee_id": "Dipendente inesistente."})
    with unit_of_work(db, reason="Lavoratore fragile: consultazione") as s:
        rows = s.execute(select(StaffFragileStatus).where(
            StaffFragileStatus.employee_id == person_id).order_by(
            StaffFragileStatus.valid_from.desc(), StaffFragileStatus.id.desc())).scalars().all()
        out = [FragileRow(r.id, r.checked_on, r.outcome, r.measure, r.prescriptions,
                          r.legal_basis, r.valid_from, r.valid_to, r.protocol, r.annulled_on,
                          r.annul_reason) for r in rows]
        append(s, [AuditRecord(READ_ACTION, "staff_fragile_status", f"employee/{person_id}")])
        s.commit()
    return out
