"""The training of each person (issue 14 item 7): a course attended, its kind, hours, date,
provider and the reference of the certificate. Kept by the personnel office (permission
«Anagrafica e contratti del personale»). Append-only: a wrong record is annulled with its
reason (triggers of migration 0027). Bad input names the field; nothing is saved."""
from __future__ import annotations

from datetime import date

from ...areas.staff import REGISTRY
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.errors import ValidationError, collect
from ...domain.staff.fields import TRAINING as FIELDS
from ...domain.staff.training import parse_hours
from ...models.staff import Employee
from ...models.staff_emergency import StaffTraining
from .rows import annul_reason, mark_annulled

ENTERED = ("course", "kind", "day", "provider", "certificate", "note")


@requires(REGISTRY)
def add_training(db: Database, person_id: int, *, course: str, kind: str, hours, day: date,
                 provider: str, certificate: str = "", note: str = "") -> int:
    """A course attended by the person: ``hours`` as «8», «1,5» or «2:30» (or a number)."""
    given = {"course": course, "kind": kind, "day": day, "provider": provider,
             "certificate": certificate, "note": note}
    errors = {}
    clean = FIELDS.check_all(given, errors)
    clean["minutes"] = collect(errors, parse_hours, hours)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Formazione del personale") as s:
        found = lock_rows(s, Employee, [person_id]) if person_id is not None else []
        if not found:
            raise ValidationError({"employee_id": "Dipendente inesistente."})
        row = StaffTraining(employee_id=found[0].id, recorded_by_id=s.info["user"].id, **clean)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(REGISTRY)
def annul_training(db: Database, training_id: int, *, reason: str) -> None:
    """A training recorded by mistake: it stays, annulled, with its reason."""
    text = annul_reason(reason, FIELDS["annul_reason"].check, "annul_reason",
                        "Il campo «Motivo dell'annullamento» è obbligatorio.")
    with unit_of_work(db, reason="Annullamento di una formazione") as s:
        found = lock_rows(s, StaffTraining, [training_id]) if training_id is not None else []
        if not found:
            raise ValidationError({"training_id": "Formazione inesistente."})
        row = found[0]
        mark_annulled(row, text, key="training_id",
                      already="La formazione è già stata annullata")
        s.commit()
