"""The register of cleaning and sanitisation of the rooms (issue 14 item 7), filled by the
collaboratori scolastici under their own role (permission «Registro delle pulizie e
sanificazioni») and by the office. A collaboratore whose grant names a plesso records only
there. Append-only: a wrong entry is annulled with its reason and stays, marked (triggers of
migration 0027). Bad input names the field; nothing is saved."""
from __future__ import annotations

from ...areas.staff import CLEANING
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.errors import ValidationError, collect
from ...domain.staff.cleaning import CLEANING_ACTIONS, NEEDS_PRODUCT
from ...domain.staff.fields import CLEANING as FIELDS
from ...domain.staff.profiles import ATA_ROLES
from ...domain.staff.times import DAY_END, minutes_of
from ...models.school import Room, Site
from ...models.staff import Employee
from ...models.staff_emergency import StaffCleaning
from .rows import annul_reason, mark_annulled

ENTERED = ("employee_id", "day", "site_id", "room_id", "place", "action", "product", "note")


def clean_values(values: dict) -> dict:
    """The entry's values as stored, or ValidationError naming every bad field at once."""
    errors = {}
    out = FIELDS.check_all({name: values.get(name) for name in ENTERED}, errors)
    raw_time = values.get("time")
    if raw_time is None or (isinstance(raw_time, str) and not raw_time.strip()):
        errors["time"] = "Il campo «Ora» è obbligatorio."
    else:
        minutes = collect(errors, minutes_of, raw_time, "time")
        if minutes is not None and not 0 <= minutes < DAY_END:
            errors["time"] = f"Ora non valida: {raw_time}."
        out["at_minutes"] = minutes
    if "room_id" not in errors and "place" not in errors and out.get("room_id") is None \
            and not out.get("place"):
        errors["room_id"] = ("Il campo «Locale» è obbligatorio: scegliere il locale "
                             "dall'elenco o scriverlo in «Altro locale».")
    if out.get("action") in NEEDS_PRODUCT and not out.get("product"):
        errors["product"] = (f"Per «{CLEANING_ACTIONS[out['action']]}» indicare il prodotto "
                             "utilizzato.")
    if errors:
        raise ValidationError(errors)
    return out


@requires(CLEANING)
def record_cleaning(db: Database, values: dict) -> int:
    """Record one intervention. ``values``: employee_id (who did it), day, time («HH:MM»),
    site_id (the plesso), room_id (one of its rooms) or place (a locale named in words),
    action (a code of domain/staff/cleaning.CLEANING_ACTIONS), product, note."""
    clean = clean_values(values)
    with unit_of_work(db, reason="Registro delle pulizie") as s:
        site = s.get(Site, clean["site_id"])
        if site is None:
            raise ValidationError({"site_id": "Plesso inesistente."})
        if clean["room_id"] is not None:
            room = s.get(Room, clean["room_id"])
            if room is None:
                raise ValidationError({"room_id": "Locale inesistente."})
            if room.site_id != site.id:
                raise ValidationError({"room_id": (
                    f"Il locale «{room.name}» non è del plesso «{site.name}».")})
        require_at(db, CLEANING, s, site_ids=[site.id])
        person = s.get(Employee, clean["employee_id"])
        if person is None or person.role not in ATA_ROLES:
            raise ValidationError({"employee_id": "Indicare chi ha eseguito l'intervento: un "
                                                  "dipendente del personale ATA."})
        if not person.active:
            raise ValidationError({"employee_id": (
                f"{person.surname} {person.name} non è in servizio.")})
        row = StaffCleaning(recorded_by_id=s.info["user"].id, **clean)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(CLEANING)
def annul_cleaning(db: Database, entry_id: int, *, reason: str) -> None:
    """An entry recorded by mistake: it stays in the register, annulled, with its reason."""
    text = annul_reason(reason, FIELDS["annul_reason"].check, "annul_reason",
                        "Il campo «Motivo dell'annullamento» è obbligatorio.")
    with unit_of_work(db, reason="Annullamento nel registro delle pulizie") as s:
        found = lock_rows(s, StaffCleaning, [entry_id]) if entry_id is not None else []
        if not found:
            raise ValidationError({"entry_id": "Registrazione inesistente."})
        row = found[0]
        require_at(db, CLEANING, s, site_ids=[row.site_id])
        mark_annulled(row, text, key="entry_id",
                      already="La registrazione è già stata annullata")
        s.commit()
