"""Inventory use cases: carico (taking goods in charge) and movements between rooms."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import unit_of_work
from ..domain import inventory as rules
from ..domain.errors import DomainError, ValidationError
from ..domain.money import check_amount
from ..domain.registers import register_spec
from ..models.inventory import InventoryItem, InventoryMovement
from ..models.school import Room
from .registers import LineInput, add_entry


@dataclass
class CaricoInput:
    """One carico: ``quantity`` identical goods, each with its own inventory number."""

    description: str
    category_register: str = "inv-mobili"
    category: str = ""
    subcategory: str = ""
    nature: str = "bene"
    quantity: int = 1
    unit_value: Decimal = Decimal("0")      # IVA included for institutional purchases
    universalita: bool = False               # bought together as a set (art. 31 c.5)
    valuation: str = "acquisto"
    entry_date: date = field(default_factory=date.today)
    room_id: int | None = None
    state: str = "buono"
    supplier: str = ""
    invoice_number: str = ""
    invoice_date: date | None = None
    cig: str = ""
    cup: str = ""
    funding: str = ""
    brand: str = ""
    model: str = ""
    serial_number: str = ""
    notes: str = ""
    owner: str = ""          # beni di terzi: the grantor (e.g. the Comune)
    grant_title: str = ""


@dataclass(frozen=True)
class CaricoResult:
    register: str
    numbers: list[int]
    buono_number: int
    buono_year: int
    reason: str


def _check(data: CaricoInput) -> tuple[str, Decimal]:
    errors: dict[str, str] = {}
    text = (data.description or "").strip()
    if not text:
        errors["description"] = "Indicare la descrizione del bene."
    if not 1 <= data.quantity <= 500:
        errors["quantity"] = "La quantità deve essere tra 1 e 500."
    if data.state not in rules.STATES:
        errors["state"] = "Stato di conservazione non valido."
    if data.valuation not in rules.VALUATIONS:
        errors["valuation"] = "Criterio di valutazione non valido."
    if data.room_id is None:
        errors["room_id"] = "Indicare il locale in cui si trova il bene."
    if data.serial_number.strip() and data.quantity != 1:
        errors["serial_number"] = "Il numero di serie vale per un solo bene: caricare uno alla volta."
    if data.category_register == "inv-terzi" and not data.owner.strip():
        errors["owner"] = "Per un bene di terzi indicare il proprietario (es. il Comune)."
    if errors:
        raise ValidationError(errors)
    value = check_amount(data.unit_value, "unit_value", "valore unitario")
    if value <= 0:
        raise ValidationError({"unit_value": "Il valore del bene deve essere maggiore di zero."})
    return text, value


def carico(db: Database, data: CaricoInput) -> CaricoResult:
    """Take goods in charge: one number per good in its register and a buono di carico, all in
    one transaction. Goods that the law does not inventory are refused with the reason."""
    text, value = _check(data)
    total = value * data.quantity
    dest = rules.destination(category_register=data.category_register, nature=data.nature,
                             unit_value=value,
                             universalita_value=total if data.universalita else None)
    if dest.register is None:
        raise DomainError(dest.reason, "nature")
    user = db.current_user
    serial = data.serial_number.strip() or None
    with unit_of_work(db, user, reason="Carico inventariale") as s:
        room = s.get(Room, data.room_id)
        if room is None or not room.active:
            raise ValidationError({"room_id": "Locale inesistente o non più in uso."})
        if serial and s.execute(select(InventoryItem.id).where(
                InventoryItem.serial_number == serial)).first():
            raise ValidationError({"serial_number": f"Il numero di serie «{serial}» è già "
                                                    "registrato per un altro bene."})
        conn = s.connection()
        spec = register_spec(dest.register)
        items = []
        for _ in range(data.quantity):
            ref = add_entry(conn, spec=spec, entry_date=data.entry_date, description=text,
                            user=user, amount=value,
                            reference=data.invoice_number.strip() or None)
            item = InventoryItem(
                entry_id=ref.id, register=dest.register, number=ref.number,
                category=data.category.strip(), subcategory=data.subcategory.strip(),
                nature=data.nature, site_id=room.site_id, room_id=room.id, state=data.state,
                value=value, valuation=data.valuation,
                universalita_value=total if data.universalita else None,
                supplier=data.supplier.strip(), invoice_number=data.invoice_number.strip(),
                invoice_date=data.invoice_date, cig=data.cig.strip().upper(),
                cup=data.cup.strip().upper(), funding=data.funding.strip(),
                brand=data.brand.strip(), model=data.model.strip(), serial_number=serial,
                notes=data.notes.strip(), owner=data.owner.strip(),
                grant_title=data.grant_title.strip())
            s.add(item)
            items.append(item)
        s.flush()
        title = rules.SHORT_NAMES.get(dest.register, spec.title)
        buono = add_entry(
            conn, spec=register_spec(rules.BUONO_CARICO), entry_date=data.entry_date,
            description=f"Buono di carico – {text} ({data.quantity} "
                        f"{'bene' if data.quantity == 1 else 'beni'}, {title})",
            user=user, amount=total if dest.inventoried else None,
            lines=[LineInput(f"n. {it.number} – {text}", 1, value) for it in items])
        for it in items:
            it.buono_entry_id = buono.id
        numbers = [it.number for it in items]
        s.commit()
    return CaricoResult(dest.register, numbers, buono.number, buono.year, dest.reason)


def move_item(db: Database, *, item_id: int, to_room_id: int, moved_on: date | None = None,
              reason: str = "") -> None:
    """A move between rooms is a recorded movement, and the item then knows its new place."""
    moved_on = moved_on or date.today()
    with unit_of_work(db, reason=reason or "Spostamento") as s:
        item = s.get(InventoryItem, item_id)
        room = s.get(Room, to_room_id)
        if item is None:
            raise DomainError("Bene inesistente.")
        if room is None or not room.active:
            raise ValidationError({"to_room_id": "Locale di destinazione inesistente."})
        if room.id == item.room_id:
            raise ValidationError({"to_room_id": "Il bene si trova già in questo locale."})
        if moved_on > date.today():
            raise ValidationError({"moved_on": "La data dello spostamento è futura."})
        s.add(InventoryMovement(item_id=item.id, moved_on=moved_on, from_room_id=item.room_id,
                                to_room_id=room.id, reason=reason.strip(),
                                recorded_by_id=getattr(db.current_user, "id", None)))
        item.room_id, item.site_id = room.id, room.site_id
        s.commit()


def discharge_items(db: Database, *, item_ids: list[int], decree_number: str, decree_date: date,
                    cause: str, motivation: str, reintegro: bool = False,
                    attachments: str = "") -> int:
    """Discarico by provvedimento of the dirigente (art. 33): the goods stay in the register,
    annotated, and leave the consistenza. Returns the id of the discharge."""
    from ..models.inventory import InventoryDischarge, InventoryDischargeItem
    from ..models.core import RegisterEntry

    number, text = rules.check_discharge(decree_number=decree_number, decree_date=decree_date,
                                         cause=cause, motivation=motivation, today=date.today())
    if not item_ids:
        raise ValidationError({"item_ids": "Scegliere almeno un bene da scaricare."})
    with unit_of_work(db, reason=f"Discarico, decreto n. {number}") as s:
        items = []
        for item_id in dict.fromkeys(item_ids):
            item = s.get(InventoryItem, item_id)
            if item is None:
                raise DomainError(f"Bene {item_id} inesistente.")
            label = f"{rules.SHORT_NAMES.get(item.register, item.register)} n. {item.number}"
            if item.status == "scaricato":
                raise DomainError(f"Il bene {label} è già stato scaricato.")
            if item.status == "in comodato":
                raise DomainError(f"Il bene {label} è in comodato: farlo restituire prima.")
            carico_date = s.get(RegisterEntry, item.entry_id).entry_date
            if decree_date < carico_date:
                raise ValidationError({"decree_date": f"Il decreto è anteriore al carico del bene "
                                                      f"{label}."})
            items.append(item)
        discharge = InventoryDischarge(decree_number=number, decree_date=decree_date,
                                       cause=cause, motivation=text, reintegro=reintegro,
                                       attachments=attachments.strip(),
                                       recorded_by_id=getattr(db.current_user, "id", None))
        s.add(discharge)
        s.flush()
        for item in items:
            s.add(InventoryDischargeItem(discharge_id=discharge.id, item_id=item.id))
            item.status = "scaricato"
        discharge_id = discharge.id
        s.commit()
    return discharge_id
