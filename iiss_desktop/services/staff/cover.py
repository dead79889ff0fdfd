"""Substitution of absent ATA staff (issue 16 item 5). Every write locks the absent person's
row first (the lock of the leave ledger), then the covering person's for a cover, so two PCs
giving the same colleague the last hours of a day wait for each other. Nothing is deleted: a
derogation or a cover recorded by mistake is annulled with its reason.

- ``record_derogation``: the motivated, written derogation for an absent collaboratore
  (safety, assistance to disabled pupils, minimum service): a supplente from the first day;
- ``annul_derogation``: withdrawn with its reason (the rule of c.332 applies again);
- ``record_cover``: a colleague of the same profile and plesso covers a day of the absence
  with ore eccedenti, within the 9 hours of his day (CCNL 2007 art. 51);
- ``annul_cover``: the cover annulled with its reason.
"""
from __future__ import annotations

from datetime import date

from ...areas.staff import DECIDE, PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.staff.fields import COVER, COVER_DEROGATION
from ...domain.staff.substitutions import DEROGATION_GROUNDS, check_cover, supplente_verdict
from ...models.staff_cover import StaffCover, StaffCoverDerogation
from ...models.staff_leave import StaffAbsence
from ...queries.staff_cover import active_derogation_in, cover_options_in
from .leave import _reason
from .rows import annul_row, locked_person


def _absence(s, absence_id: int):
    row = s.get(StaffAbsence, absence_id)
    if row is None:
        raise ValidationError({"absence_id": "Assenza inesistente."})
    person = locked_person(s, row.employee_id)
    s.refresh(row)
    if row.annulled_on is not None:
        raise ValidationError({"absence_id": (
            f"L'assenza è stata annullata il {format_date(row.annulled_on)}.")})
    return row, person


@requires(DECIDE)
def record_derogation(db: Database, absence_id: int, ground: str, reason: str,
                      on: date | None = None) -> int:
    """The dirigente's motivated derogation for an absent collaboratore, with its ground (a
    key of DEROGATION_GROUNDS) and the written reason. Returns its id."""
    text = COVER_DEROGATION["reason"].check(" ".join((reason or "").split()))
    with unit_of_work(db, reason="Deroga motivata per il supplente") as s:
        absence, person = _absence(s, absence_id)
        if person.role not in ("CS", "OP"):
            raise ValidationError({"derogation": "La deroga motivata vale per i collaboratori "
                                                 "scolastici."})
        # the rule checks the ground and the reason
        supplente_verdict(person.role, absence.starts_on, absence.ends_on, absence.starts_on,
                          derogation=ground or "-", derogation_reason=text)
        if ground not in DEROGATION_GROUNDS:
            raise ValidationError({"derogation": "Motivo della deroga non previsto."})
        if active_derogation_in(s, absence.id) is not None:
            raise ValidationError({"derogation": (
                "Per questa assenza c'è già una deroga: annullarla prima di registrarne "
                "un'altra.")})
        row = StaffCoverDerogation(absence_id=absence.id, ground=ground, reason=text,
                                   decided_on=on or date.today(),
                                   recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(DECIDE)
def annul_derogation(db: Database, derogation_id: int, reason: str,
                     on: date | None = None) -> None:
    with unit_of_work(db, reason="Annullamento di una deroga per il supplente") as s:
        annul_row(s, StaffCoverDerogation, derogation_id, _reason(reason), key="derogation_id",
                  missing="Deroga inesistente.", already="La deroga è già stata annullata",
                  lock=lambda s, row: _absence(s, row.absence_id), on=on)
        s.commit()


@requires(PREPARE)
def record_cover(db: Database, absence_id: int, day: date, person_id: int, minutes: int,
                 note: str = "") -> int:
    """``person_id`` covers the absence on ``day`` with ``minutes`` of ore eccedenti: a
    colleague of the same profile and plesso in service that day, within the 9 hours of his
    day less the cover he already gives. Returns its id."""
    text = COVER["note"].check(note or "")
    if not isinstance(day, date):
        raise ValidationError({"day": "Indicare il giorno della copertura."})
    with unit_of_work(db, reason="Copertura di un'assenza con ore eccedenti") as s:
        absence, _absent = _absence(s, absence_id)
        if not absence.starts_on <= day <= absence.ends_on:
            raise ValidationError({"day": (
                f"Il {format_date(day)} è fuori dall'assenza ({format_date(absence.starts_on)}"
                f" – {format_date(absence.ends_on)}).")})
        covering = locked_person(s, person_id)
        option = next((o for o in cover_options_in(s, absence, day)
                       if o.person_id == covering.id), None)
        check_cover(minutes, option, f"{covering.surname} {covering.name}")
        row = StaffCover(absence_id=absence.id, day=day, employee_id=covering.id,
                         minutes=minutes, note=text, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(PREPARE)
def annul_cover(db: Database, cover_id: int, reason: str, on: date | None = None) -> None:
    text = _reason(reason)
    with unit_of_work(db, reason="Annullamento di una copertura") as s:
        annul_row(s, StaffCover, cover_id, text, key="cover_id",
                  missing="Copertura inesistente.",
                  already="La copertura è già stata annullata",
                  lock=lambda s, row: locked_person(s, s.get(StaffAbsence, row.absence_id)
                                                    .employee_id), on=on)
        s.commit()
