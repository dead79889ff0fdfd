"""Custody use cases (art. 30 and 35): appointments, affidamenti and riconsegne of laboratory
goods, the maintenance log. Each function is one user action in one transaction."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from ...areas.inventory import ASSIGN, CARICO, CUSTODY, PREPARE
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import read_session, unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import custody as rules
from ...domain.inventory import states
from ...domain.inventory.carico import STATES
from ...domain.inventory.registers import good_ref, item_label
from ...domain.registers import register_spec
from ...models.core import RegisterEntry
from ...models.inventory import (
    Assignment,
    AssignmentItem,
    CustodyRole,
    InventoryItem,
    MaintenanceRecord,
)
from ...models.school import Room, Site
from ...models.staff import Employee
from ..registers import LineInput, add_entry, entry_date_as
from .situations import require


@dataclass(frozen=True)
class VerbaleRef:
    """A numbered verbale of the register of affidamenti: what the clerk prints next."""

    assignment_id: int
    number: int
    year: int


def _employee_name(db: Database, employee_id: int) -> str:
    with read_session(db) as s:
        person = s.get(Employee, employee_id)
        return f"{person.name} {person.surname}" if person else ""


# --- Consegnatario, sostituti, sub-consegnatari (art. 30) ------------------------------------
@requires(CUSTODY)
def appoint(db: Database, *, role: str, person_name: str = "", employee_id: int | None = None,
            site_id: int | None = None, decree_number: str = "", decree_date: date | None = None,
            started_on: date | None = None, notes: str = "") -> int:
    """Record an appointment. A new consegnatario (or sub-consegnatario of the same plesso)
    ends the one in office the day before: one holder at a time, the history kept."""
    started_on = started_on or date.today()
    with unit_of_work(db, reason=f"Nomina: {rules.ROLES.get(role, role)}") as s:
        if employee_id is not None:
            person = s.get(Employee, employee_id)
            if person is None:
                raise ValidationError({"employee_id": "Dipendente inesistente."})
            person_name = person_name or f"{person.name} {person.surname}"
        name, number = rules.check_role(role=role, person_name=person_name, site_id=site_id,
                                        decree_number=decree_number, decree_date=decree_date,
                                        started_on=started_on, today=date.today())
        if site_id is not None:
            site = s.get(Site, site_id)
            if site is None or not site.active:
                raise ValidationError({"site_id": "Plesso inesistente o non più attivo."})
        require_at(db, CUSTODY, s, site_ids=[site_id])
        if role in rules.SINGLE_HOLDER:
            q = select(CustodyRole).where(CustodyRole.role == role,
                                          CustodyRole.ended_on.is_(None))
            if role == "sub_consegnatario":
                q = q.where(CustodyRole.site_id == site_id)
            for current in s.execute(q).scalars():
                if started_on <= current.started_on:
                    raise ValidationError({"started_on": (
                        f"{current.person_name} è {rules.ROLES[role].lower()} dal "
                        f"{format_date(current.started_on)}: la nuova nomina deve decorrere "
                        "da un giorno successivo.")})
                current.ended_on = started_on - timedelta(days=1)
        row = CustodyRole(role=role, person_name=name, employee_id=employee_id, site_id=site_id,
                          decree_number=number, decree_date=decree_date, started_on=started_on,
                          notes=(notes or "").strip())
        s.add(row)
        s.flush()
        role_id = row.id
        s.commit()
    return role_id


@requires(CUSTODY)
def end_role(db: Database, *, role_id: int, ended_on: date | None = None) -> None:
    """The end of an appointment (revoca, trasferimento, pensione): the row stays."""
    ended_on = ended_on or date.today()
    with unit_of_work(db, reason="Cessazione dell'incarico") as s:
        row = s.get(CustodyRole, role_id)
        if row is None:
            raise DomainError("Nomina inesistente.")
        require_at(db, CUSTODY, s, site_ids=[row.site_id])
        if row.ended_on is not None:
            raise DomainError(f"L'incarico di {row.person_name} è già cessato il "
                              f"{format_date(row.ended_on)}.")
        rules.check_end(started_on=row.started_on, ended_on=ended_on, today=date.today())
        row.ended_on = ended_on
        s.commit()


# --- Affidamento and riconsegna (art. 35) ------------------------------------------------------
def _entrustable(s, item_ids) -> list[tuple[InventoryItem, str]]:
    """The goods, each once, with their carico entry; refused with the good's name when the
    rule of affidamento does not allow it (states.RULES[ASSIGN])."""
    items = []
    for item_id in dict.fromkeys(item_ids):
        item = s.get(InventoryItem, item_id)
        if item is None:
            raise DomainError(f"Bene {item_id} inesistente.", "item_ids")
        items.append(item)
    require(s, items, states.ASSIGN, field="item_ids")
    return [(item, s.get(RegisterEntry, item.entry_id)) for item in items]


@requires(ASSIGN)
def assign(db: Database, *, item_ids: list[int], assignee_name: str, assignee_role: str,
           room_id: int | None, started_on: date | None, ds_indication: str,
           condition: str = "buono", employee_id: int | None = None) -> VerbaleRef:
    """Affidamento of laboratory goods: a numbered verbale in the register of affidamenti
    listing the goods (the elenco descrittivo), and the goods then answer to the affidatario."""
    started_on = started_on or date.today()
    if employee_id is not None and not (assignee_name or "").strip():
        assignee_name = _employee_name(db, employee_id)
    name, indication = rules.check_assignment(
        assignee_name=assignee_name, assignee_role=assignee_role, room_id=room_id,
        started_on=started_on, ds_indication=ds_indication, condition=condition,
        items=len(item_ids or ()), states=STATES, today=date.today())
    user = db.current_user
    with unit_of_work(db, user, reason="Affidamento dei beni (art. 35)") as s:
        room = s.get(Room, room_id)
        if room is None:
            raise ValidationError({"room_id": "Locale inesistente."})
        if employee_id is not None and s.get(Employee, employee_id) is None:
            raise ValidationError({"employee_id": "Dipendente inesistente."})
        require_at(db, ASSIGN, s, site_ids=[room.site_id], item_ids=item_ids or ())
        goods = _entrustable(s, item_ids)
        for item, entry in goods:
            if started_on < entry.entry_date:
                raise ValidationError({"started_on": (
                    f"L'affidamento è anteriore al carico del bene "
                    f"{good_ref(item.register, item.number)}, "
                    f"del {format_date(entry.entry_date)}.")})
        site = s.get(Site, room.site_id)
        try:
            ref = add_entry(
                s.connection(), spec=register_spec(rules.AFFIDAMENTI), entry_date=started_on,
                description=f"Verbale di affidamento a {name} "
                            f"({rules.ASSIGNEE_ROLES[assignee_role].lower()}), "
                            f"{room.name} – {site.name}",
                user=user, reference=indication[:120],
                lines=[LineInput(f"{item_label(i.register, i.number)} – {e.description}", 1)
                       for i, e in goods])
        except ValidationError as exc:
            raise entry_date_as(exc, "started_on") from None
        assignment = Assignment(entry_id=ref.id, assignee_name=name, assignee_role=assignee_role,
                                employee_id=employee_id, room_id=room.id, started_on=started_on,
                                ds_indication=indication)
        s.add(assignment)
        s.flush()
        for item, _entry in goods:
            s.add(AssignmentItem(assignment_id=assignment.id, item_id=item.id,
                                 condition_out=condition))
        result = VerbaleRef(assignment.id, ref.number, ref.year)
        s.commit()
    return result


# The riconsegna is to the DSGA (art. 35): the consegnatario takes the goods back in charge and
# signs the verbale with the affidatario, who must not record his own discharge of custody.
@requires(CARICO)
def riconsegna(db: Database, *, assignment_id: int, returned_on: date | None = None,
               condition_back: str | Mapping[int, str] = "buono", notes: str = "") -> VerbaleRef:
    """Riconsegna to the DSGA: a second numbered verbale with the state of each good (one
    condition for all, or one per item id), which ends the affidamento."""
    returned_on = returned_on or date.today()
    user = db.current_user
    with unit_of_work(db, user, reason="Riconsegna dei beni affidati (art. 35)") as s:
        assignment = s.get(Assignment, assignment_id)
        if assignment is None:
            raise DomainError("Affidamento inesistente.")
        require_at(db, CARICO, s, room_ids=[assignment.room_id])
        first = s.get(RegisterEntry, assignment.entry_id)
        if not states.ASSIGNMENT.allows(states.assignment_state(assignment.ended_on),
                                        states.ASSIGNMENT_RETURNED):
            raise DomainError(f"Il verbale n. {first.number}/{first.year} è già stato chiuso "
                              f"con la riconsegna del {format_date(assignment.ended_on)}.")
        rules.check_end(started_on=assignment.started_on, ended_on=returned_on,
                        today=date.today(), field="returned_on")
        lines = s.execute(select(AssignmentItem).where(
            AssignmentItem.assignment_id == assignment.id)
            .order_by(AssignmentItem.id)).scalars().all()
        back = {}
        for line in lines:
            state = (condition_back if isinstance(condition_back, str)
                     else condition_back.get(line.item_id))
            if state not in STATES:
                item = s.get(InventoryItem, line.item_id)
                raise ValidationError({"condition_back": (
                    f"Indicare lo stato alla riconsegna del bene "
                    f"{good_ref(item.register, item.number)}.")})
            back[line.item_id] = state
        text = (notes or "").strip()
        if any(STATES.index(back[x.item_id]) > STATES.index(x.condition_out)
               for x in lines) and len(text) < 5:
            raise ValidationError({"notes": "Alcuni beni tornano in stato peggiore: descrivere "
                                            "i danni o le mancanze riscontrate."})
        items = {x.item_id: s.get(InventoryItem, x.item_id) for x in lines}
        labels = {i: item_label(it.register, it.number) for i, it in items.items()}
        try:
            ref = add_entry(
                s.connection(), spec=register_spec(rules.AFFIDAMENTI), entry_date=returned_on,
                description=f"Verbale di riconsegna di {assignment.assignee_name} "
                            f"(affidamento n. {first.number}/{first.year})",
                user=user,
                lines=[LineInput(f"{labels[x.item_id]} – stato: {back[x.item_id]}", 1)
                       for x in lines])
        except ValidationError as exc:
            raise entry_date_as(exc, "returned_on") from None
        for line in lines:
            line.condition_back = back[line.item_id]
            # The riconsegna is an inspection: the register shows the state it found.
            items[line.item_id].state = back[line.item_id]
        assignment.ended_on, assignment.end_entry_id = returned_on, ref.id
        assignment.end_notes = text
        result = VerbaleRef(assignment.id, ref.number, ref.year)
        s.commit()
    return result


# --- Maintenance log ---------------------------------------------------------------------------
@requires(PREPARE)
def add_maintenance(db: Database, *, item_id: int, done_on: date | None, kind: str,
                    description: str, done_by: str = "", cost: Decimal | None = None,
                    warranty_until: date | None = None, correction_of: int | None = None) -> int:
    """One line of the log of a good. Lines are never changed: a mistake is corrected by a
    new line (``correction_of`` names the line it corrects)."""
    text, amount = rules.check_maintenance(done_on=done_on, kind=kind, description=description,
                                           cost=cost, warranty_until=warranty_until,
                                           today=date.today())
    with unit_of_work(db, reason="Registro delle manutenzioni") as s:
        item = s.get(InventoryItem, item_id)
        if item is None:
            raise DomainError("Bene inesistente.")
        require_at(db, PREPARE, s, site_ids=[item.site_id])
        good = good_ref(item.register, item.number)
        require(s, [item], states.MAINTENANCE)
        carico_date = s.get(RegisterEntry, item.entry_id).entry_date
        if done_on < carico_date:
            raise ValidationError({"done_on": f"L'intervento è anteriore al carico del bene "
                                              f"{good}, del {format_date(carico_date)}."})
        if correction_of is not None:
            wrong = s.get(MaintenanceRecord, correction_of)
            if wrong is None or wrong.item_id != item.id:
                raise DomainError("L'intervento da rettificare non è di questo bene.")
            text = f"Rettifica della registrazione del {format_date(wrong.done_on)}: {text}"
        row = MaintenanceRecord(item_id=item.id, done_on=done_on, kind=kind, description=text,
                                done_by=" ".join((done_by or "").split()), cost=amount,
                                warranty_until=warranty_until,
                                recorded_by_id=getattr(db.current_user, "id", None))
        s.add(row)
        s.flush()
        row_id = row.id
        s.commit()
    return row_id
