"""Comodato d'uso: the numbered contract, the goods handed over and their return."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ...areas.inventory import LOANS, PREPARE
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.errors import DomainError, ValidationError, collect
from ...domain.inventory import states
from ...domain.inventory.loans import COMODATO_REGISTER, CONDITIONS, check_loan, check_parent
from ...domain.inventory.registers import item_label
from ...domain.registers import register_spec
from ...models.inventory import InventoryItem, Loan, LoanItem
from ..registers import LineInput, add_entry
from .discharge import _load_items
from .situations import require


@dataclass
class LoanInput:
    parent_name: str
    parent_cf: str
    student_name: str
    item_ids: list[int]
    start: date = field(default_factory=date.today)
    due: date | None = None
    class_name: str = ""
    id_document: str = ""
    contacts: str = ""
    criteria: str = ""
    condition: str = "buono"
    # domain.inventory.loans.PARENT: required for a new contract
    parent_birth_place: str = ""
    parent_birth_date: date | None = None
    parent_residence: str = ""


@requires(LOANS)
def lend(db: Database, data: LoanInput) -> tuple[int, int]:
    """Comodato d'uso: a numbered contract (yearly) with the goods handed over and their
    condition. The goods stay in the inventory, shown lent. Returns (id, number)."""
    errors = {}
    cf = collect(errors, lambda: check_loan(
        parent_name=data.parent_name, parent_cf=data.parent_cf, student_name=data.student_name,
        start=data.start, due=data.due, items=len(data.item_ids)))
    parent = collect(errors, check_parent, {"parent_birth_place": data.parent_birth_place,
                                            "parent_birth_date": data.parent_birth_date,
                                            "parent_residence": data.parent_residence},
                     data.start)
    if errors:
        raise ValidationError(errors)
    if data.condition not in CONDITIONS:
        raise ValidationError({"condition": "Stato del bene alla consegna non valido."})
    if data.start > date.today():
        raise ValidationError({"start": "La data di consegna è futura."})
    user = db.current_user
    with unit_of_work(db, user, reason="Comodato d'uso") as s:
        require_at(db, LOANS, s, item_ids=data.item_ids)
        items = _load_items(s, data.item_ids)
        require(s, items, states.LEND)
        ref = add_entry(s.connection(), spec=register_spec(COMODATO_REGISTER),
                        entry_date=data.start,
                        description=f"Comodato d'uso a {data.parent_name.strip()} per "
                                    f"{data.student_name.strip()}",
                        user=user,
                        lines=[LineInput(item_label(i.register, i.number), 1)
                               for i in items])
        loan = Loan(entry_id=ref.id, parent_name=data.parent_name.strip(), parent_cf=cf,
                    id_document=data.id_document.strip(), contacts=data.contacts.strip(),
                    student_name=data.student_name.strip(), class_name=data.class_name.strip(),
                    start=data.start, due=data.due, criteria=data.criteria.strip(), **parent)
        s.add(loan)
        s.flush()
        for item in items:
            s.add(LoanItem(loan_id=loan.id, item_id=item.id, condition_out=data.condition))
            item.status = states.STATUS.move(item.status, states.ON_LOAN)
        result = (loan.id, ref.number)
        s.commit()
    return result


@requires(PREPARE)
def return_loan(db: Database, *, loan_id: int, returned_on: date | None = None,
                condition: str = "buono", notes: str = "") -> None:
    """The return, with the inspection: the goods are held again (damage is noted)."""
    returned_on = returned_on or date.today()
    if condition not in CONDITIONS:
        raise ValidationError({"condition": "Stato del bene alla restituzione non valido."})
    with unit_of_work(db, reason="Restituzione del comodato") as s:
        loan = s.get(Loan, loan_id)
        if loan is None:
            raise DomainError("Contratto di comodato inesistente.")
        require_at(db, PREPARE, s, item_ids=s.execute(
            select(LoanItem.item_id).where(LoanItem.loan_id == loan.id)).scalars().all())
        if not states.LOAN.allows(states.loan_state(loan.returned_on), states.LOAN_RETURNED):
            raise DomainError(f"Il comodato è già stato restituito il "
                              f"{loan.returned_on:%d/%m/%Y}.")
        if returned_on < loan.start or returned_on > date.today():
            raise ValidationError({"returned_on": "Data di restituzione non valida."})
        if condition == "danneggiato" and len(notes.strip()) < 5:
            raise ValidationError({"notes": "Descrivere il danno riscontrato."})
        loan.returned_on, loan.return_notes = returned_on, notes.strip()
        for line in s.execute(select(LoanItem).where(LoanItem.loan_id == loan.id)).scalars():
            line.condition_back = condition
            item = s.get(InventoryItem, line.item_id)
            item.status = states.STATUS.move(item.status, states.IN_USE)
        s.commit()
