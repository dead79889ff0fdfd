"""What the scheda of a good changes: its editable fields (domain/inventory/fields.py
SCHEDA_EDITABLE) and its attachments. Each function is one user action in one transaction,
audited through the ORM."""
from __future__ import annotations

from sqlalchemy import func, select

from ...areas.inventory import LOAN_DOCUMENTS, PREPARE
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import states
from ...domain.inventory.fields import ITEM, SCHEDA_EDITABLE
from ...domain.inventory.registers import SHORT_NAMES, base_of, good_ref
from ...domain.procurement_codes import normalize_cig, normalize_cup
from ...models.inventory import Assignment, InventoryDischarge, InventoryItem
from .. import attachments

KIND = "inventory_item"


def _item(s, db: Database, item_id: int) -> InventoryItem:
    item = s.get(InventoryItem, item_id)
    if item is None:
        raise DomainError("Bene inesistente.")
    require_at(db, PREPARE, s, item_ids=[item_id])
    return item


def _clean(item: InventoryItem, values: dict) -> dict:
    """The values as stored, or every wrong field at once, each named by its label."""
    errors, clean = {}, {}
    base = base_of(item.register)
    for name, given in values.items():
        if name not in SCHEDA_EDITABLE:
            label = ITEM[name].label if name in ITEM.by_name else name
            raise ValidationError({name: f"Il campo «{label}» non si modifica dalla scheda "
                                         "del bene."})
        f = ITEM[name]
        if f.registers and not f.applies_to(base) and given not in (None, ""):
            errors[name] = (f"Il campo «{f.label}» si indica solo per "
                            + " e ".join(SHORT_NAMES[c] for c in f.registers) + ".")
            continue
        try:
            if name == "cig":
                clean[name] = normalize_cig(given)
            elif name == "cup":
                clean[name] = normalize_cup(given)
            elif name == "serial_number":   # as the carico stores it (the scanner's reading)
                f.check(given)
                clean[name] = "".join((given or "").split()).upper() or None
            else:
                clean[name] = f.check(given)
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    return clean


@requires(PREPARE)
def edit_item(db: Database, item_id: int, values: dict) -> int:
    """Correct the editable fields of a good still held; returns how many changed."""
    with unit_of_work(db, reason="Correzione dalla scheda del bene") as s:
        item = _item(s, db, item_id)
        situation = states.situation_of_status(item.status)
        if situation in states.GONE:
            raise DomainError(f"Il bene {good_ref(item.register, item.number)} è "
                              f"{states.SITUATIONS[situation]}: la sua scheda si consulta, "
                              "non si modifica.")
        clean = _clean(item, values)
        serial = clean.get("serial_number")
        if serial and serial != item.serial_number and s.execute(select(InventoryItem.id).where(
                func.upper(InventoryItem.serial_number) == serial,
                InventoryItem.id != item.id)).first():
            raise ValidationError({"serial_number": f"Il numero di serie «{serial}» è già "
                                                    "di un altro bene."})
        changed = [k for k, v in clean.items() if getattr(item, k) != v]
        for name in changed:
            setattr(item, name, clean[name])
        s.commit()
    return len(changed)


# The inventory's records whose scheda keeps attachments under the office's permission (the
# comodato, personal data, has its own below): the invoice of a good, the signed verbale of an
# affidamento, the signed decree of a discharge.
RECORDS = {KIND: InventoryItem, "inventory_assignment": Assignment,
           "inventory_discharge": InventoryDischarge}


def _record(s, db: Database, kind: str, record_id: int) -> None:
    model = RECORDS.get(kind)
    if model is None:
        raise DomainError(f"Gli allegati non si registrano per «{kind}».")
    if kind == KIND:
        _item(s, db, record_id)
    elif s.get(model, record_id) is None:
        raise DomainError("La scheda dell'allegato non esiste più.")


@requires(PREPARE)
def attach(db: Database, kind: str, record_id: int, path) -> int:
    """Attach a PDF or image file to a good, an affidamento or a discharge."""
    return attachments._attach_file(db, kind, record_id, path,
                                   lambda s: _record(s, db, kind, record_id))


@requires(PREPARE)
def withdraw_attachment(db: Database, kind: str, record_id: int, attachment_id: int,
                        reason: str) -> None:
    """Withdraw a wrong attachment, with the reason (it is never deleted)."""
    attachments._withdraw_file(db, kind, record_id, attachment_id, reason,
                              lambda s: _record(s, db, kind, record_id))


# --- The comodato's own attachments (the signed contract, the verbali) ---------------------
LOAN_KIND = "loan"


def _loan(s, loan_id: int):
    from ...models.inventory import Loan

    loan = s.get(Loan, loan_id)
    if loan is None:
        raise DomainError("Contratto di comodato inesistente.")
    return loan


@requires(LOAN_DOCUMENTS)
def attach_to_loan(db: Database, loan_id: int, path) -> int:
    """Attach a PDF or image to a comodato (the contract signed by the parent, scanned)."""
    return attachments._attach_file(db, LOAN_KIND, loan_id, path, lambda s: _loan(s, loan_id))


@requires(LOAN_DOCUMENTS)
def withdraw_loan_attachment(db: Database, loan_id: int, attachment_id: int,
                             reason: str) -> None:
    """Withdraw a wrong attachment of a comodato, with the reason (never deleted)."""
    attachments._withdraw_file(db, LOAN_KIND, loan_id, attachment_id, reason,
                              lambda s: _loan(s, loan_id))
