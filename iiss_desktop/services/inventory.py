"""Inventory use cases: carico (taking goods in charge) and movements between rooms."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.uow import unit_of_work
from ..domain import inventory as rules
from ..domain.errors import DomainError, ValidationError
from ..domain.money import check_amount
from ..domain.procurement_codes import normalize_cig, normalize_cup
from ..domain.registers import register_spec
from ..models.inventory import InventoryItem, InventoryMovement
from ..models.school import Room
from .registers import LineInput, add_entry, entry_date_as


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
    impegno: str = ""        # references in the accounts (D.I. 129/2018 art. 17 c.3)
    mandato: str = ""
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
    for normalize, code in ((normalize_cig, data.cig), (normalize_cup, data.cup)):
        try:
            normalize(code)    # stored below as strip().upper(), the same text once valid
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    value = check_amount(data.unit_value, "unit_value", "valore unitario")
    if value <= 0:
        raise ValidationError({"unit_value": "Il valore del bene deve essere maggiore di zero."})
    return text, value


def carico(db: Database, data: CaricoInput, *, also=None) -> CaricoResult:
    """Take goods in charge: one number per good in its register and a buono di carico, all in
    one transaction. Goods that the law does not inventory are refused with the reason.

    ``also(session, items)`` runs in the same transaction before the commit: the record that
    caused the carico (e.g. the ricognizione's line) is linked atomically with it."""
    text, value = _check(data)
    total = value * data.quantity
    dest = rules.destination(category_register=data.category_register, nature=data.nature,
                             unit_value=value,
                             universalita_value=total if data.universalita else None)
    if dest.register is None:
        raise DomainError(dest.reason, "nature")
    user = db.current_user
    # As the scanner reads it: no spaces, capitals ("sn-1 " and "SN-1" are the same good).
    serial = "".join(data.serial_number.split()).upper() or None
    with unit_of_work(db, user, reason="Carico inventariale") as s:
        room = s.get(Room, data.room_id)
        if room is None or not room.active:
            raise ValidationError({"room_id": "Locale inesistente o non più in uso."})
        if serial and s.execute(select(InventoryItem.id).where(
                func.upper(InventoryItem.serial_number) == serial)).first():
            raise ValidationError({"serial_number": f"Il numero di serie «{serial}» è già "
                                                    "registrato per un altro bene."})
        conn = s.connection()
        # After a rinnovo the goods are taken in charge in the series it opened.
        register = open_series_code(s, dest.register)
        spec = register_spec(register)
        items = []
        for _ in range(data.quantity):
            ref = add_entry(conn, spec=spec, entry_date=data.entry_date, description=text,
                            user=user, amount=value,
                            reference=data.invoice_number.strip() or None)
            item = InventoryItem(
                entry_id=ref.id, register=register, number=ref.number,
                category=data.category.strip(), subcategory=data.subcategory.strip(),
                nature=data.nature, site_id=room.site_id, room_id=room.id, state=data.state,
                value=value, valuation=data.valuation,
                universalita_value=total if data.universalita else None,
                supplier=data.supplier.strip(), invoice_number=data.invoice_number.strip(),
                invoice_date=data.invoice_date, cig=data.cig.strip().upper(),
                cup=data.cup.strip().upper(), funding=data.funding.strip(),
                impegno=data.impegno.strip(), mandato=data.mandato.strip(),
                brand=data.brand.strip(), model=data.model.strip(), serial_number=serial,
                notes=data.notes.strip(), owner=data.owner.strip(),
                grant_title=data.grant_title.strip())
            s.add(item)
            items.append(item)
        s.flush()
        title = rules.short_name(register)
        buono = add_entry(
            conn, spec=register_spec(rules.BUONO_CARICO), entry_date=data.entry_date,
            description=f"Buono di carico – {text} ({data.quantity} "
                        f"{'bene' if data.quantity == 1 else 'beni'}, {title})",
            user=user, amount=total if dest.inventoried else None,
            lines=[LineInput(f"n. {it.number} – {text}", 1, value) for it in items])
        for it in items:
            it.buono_entry_id = buono.id
        if also is not None:
            also(s, items)
        numbers = [it.number for it in items]
        s.commit()
    return CaricoResult(register, numbers, buono.number, buono.year, dest.reason)


def open_series_code(s, base: str) -> str:
    """The series of ``base`` now open for carichi: the plain code until a rinnovo."""
    from ..models.inventory import RegisterSeries

    if base not in rules.REGISTERS:
        return base
    code = s.execute(select(RegisterSeries.code).where(
        RegisterSeries.base == base, RegisterSeries.closed_on.is_(None))
        .order_by(RegisterSeries.opened_on.desc(), RegisterSeries.id.desc())).scalar()
    return code or base


def move_item(db: Database, *, item_id: int, to_room_id: int, moved_on: date | None = None,
              reason: str = "") -> None:
    """A move between rooms is a recorded movement, and the item then knows its new place."""
    move_items(db, item_ids=[item_id], to_room_id=to_room_id, moved_on=moved_on, reason=reason)


def move_items(db: Database, *, item_ids: list[int], to_room_id: int,
               moved_on: date | None = None, reason: str = "") -> int:
    """Several goods moved to one room (a laboratory refitted, a class changing room): one
    recorded movement each, all in one transaction or none. Returns how many were moved."""
    from ..models.core import RegisterEntry

    moved_on = moved_on or date.today()
    if moved_on > date.today():
        raise ValidationError({"moved_on": "La data dello spostamento è futura."})
    if not item_ids:
        raise ValidationError({"item_ids": "Scegliere almeno un bene da spostare."})
    with unit_of_work(db, reason=reason or "Spostamento") as s:
        room = s.get(Room, to_room_id)
        if room is None or not room.active:
            raise ValidationError({"to_room_id": "Locale di destinazione inesistente."})
        items = _load_items(s, item_ids)
        here = []
        for item in items:
            good = rules.good_ref(item.register, item.number)
            if item.status in _GONE:
                raise DomainError(f"Il bene {good} {_GONE[item.status]}: non si sposta.")
            if room.id == item.room_id:
                here.append(rules.item_label(item.register, item.number))
            carico_date = s.get(RegisterEntry, item.entry_id).entry_date
            if moved_on < carico_date:
                raise ValidationError({"moved_on": f"Lo spostamento è anteriore al carico del "
                                                   f"bene {good}, del {carico_date:%d/%m/%Y}."})
        if here:
            raise ValidationError({"to_room_id": (
                "Il bene si trova già in questo locale." if len(items) == 1 else
                f"Già in questo locale: {', '.join(here)}.")})
        for item in items:
            record_move(s, item, room, moved_on=moved_on, reason=reason,
                        recorded_by_id=getattr(db.current_user, "id", None))
        s.commit()
    return len(items)


# Goods no longer held by the school under this number, and why.
_GONE = {"scaricato": "è stato scaricato", "annullato": "ha il carico annullato",
         "rinnovato": "è stato riportato con un nuovo numero nel rinnovo"}


def annul_carico(db: Database, *, item_id: int, reason: str,
                 annulled_on: date | None = None) -> int:
    """A carico recorded by mistake (a duplicate, the wrong inventory, a good never delivered)
    is annulled, never deleted: an annulment row of its register states the reason, the number
    stays used (never given to another good) and the good leaves the consistenza. A good that
    exists is taken out only by a decree of discarico (art. 33). Returns the annulment's
    number in the register."""
    from .custody import refuse_if_entrusted
    from .registers import annul_in

    with unit_of_work(db, reason=f"Annullamento di carico: {(reason or '').strip()}") as s:
        item = s.get(InventoryItem, item_id)
        if item is None:
            raise DomainError("Bene inesistente.")
        label = rules.good_ref(item.register, item.number)
        if item.status in _GONE:
            raise DomainError(f"Il bene {label} {_GONE[item.status]}: il carico non si annulla.")
        if item.status == "in comodato":
            raise DomainError(f"Il bene {label} è in comodato d'uso: farlo restituire prima.")
        refuse_if_entrusted(s, item, "")
        in_sale = goods_in_open_sales(s, [item.id])
        if in_sale:
            raise DomainError(f"Il bene {label} è in una procedura di vendita o cessione in "
                              f"corso (n. {in_sale[item.id]}).")
        ref = annul_in(s.connection(), entry_id=item.entry_id, reason=reason,
                       entry_date=annulled_on, user=db.current_user)
        item.status = "annullato"
        s.commit()
    return ref.number


def record_move(s, item: InventoryItem, room: Room, *, moved_on: date, reason: str,
                recorded_by_id: int | None) -> None:
    """The movement row and the item's new place, inside the caller's transaction (a move, or
    a good found elsewhere at a ricognizione)."""
    s.add(InventoryMovement(item_id=item.id, moved_on=moved_on, from_room_id=item.room_id,
                            to_room_id=room.id, reason=reason.strip(),
                            recorded_by_id=recorded_by_id))
    item.room_id, item.site_id = room.id, room.site_id


def _load_items(s, item_ids) -> list[InventoryItem]:
    """The goods chosen by the clerk, each once, or a clear message for one that is gone."""
    items = []
    for item_id in dict.fromkeys(item_ids):
        item = s.get(InventoryItem, item_id)
        if item is None:
            raise DomainError(f"Bene {item_id} inesistente.")
        items.append(item)
    return items


def discharge_items(db: Database, *, item_ids: list[int], decree_number: str, decree_date: date,
                    cause: str, motivation: str, reintegro: bool = False,
                    attachments: str = "", reintegro_amount: Decimal | None = None,
                    responsible: str = "", executed_on: date | None = None) -> int:
    """Discarico by provvedimento of the dirigente (art. 33): the goods stay in the register,
    annotated, and leave the consistenza; a buono di scarico (numbered per year) executes the
    decree on ``executed_on`` (today if not given). With ``reintegro`` the decree charges
    ``reintegro_amount`` to ``responsible``; without it, it states the ascertained absence of
    liability. Returns the discharge id."""
    with unit_of_work(db, reason=f"Discarico, decreto n. {(decree_number or '').strip()}") as s:
        discharge_id = discharge_in_session(
            s, db, item_ids=item_ids, decree_number=decree_number, decree_date=decree_date,
            cause=cause, motivation=motivation, reintegro=reintegro, attachments=attachments,
            reintegro_amount=reintegro_amount, responsible=responsible, executed_on=executed_on)
        s.commit()
    return discharge_id


def discharge_in_session(s, db: Database, *, item_ids, decree_number: str, decree_date: date,
                         cause: str, motivation: str, reintegro: bool = False,
                         attachments: str = "", reintegro_amount: Decimal | None = None,
                         responsible: str = "", allow_in_sale: int | None = None,
                         executed_on: date | None = None) -> int:
    """The discarico inside the caller's transaction (a sale awards and discharges at once).
    ``allow_in_sale``: the sale that is discharging its own goods. ``executed_on``: the date
    of the buono di scarico, today if not given."""
    from ..models.core import RegisterEntry
    from ..models.inventory import InventoryDischarge, InventoryDischargeItem
    from .custody import refuse_if_entrusted

    today = date.today()
    number, text = rules.check_discharge(decree_number=decree_number, decree_date=decree_date,
                                         cause=cause, motivation=motivation, today=today)
    executed_on = rules.check_execution(executed_on or today, decree_date=decree_date,
                                        today=today)
    amount, who = rules.check_reintegro(reintegro=reintegro, amount=reintegro_amount,
                                        responsible=responsible)
    if not item_ids:
        raise ValidationError({"item_ids": "Scegliere almeno un bene da scaricare."})
    in_sale = goods_in_open_sales(s, item_ids, except_sale=allow_in_sale)
    items = []
    for item in _load_items(s, item_ids):
        label = rules.good_ref(item.register, item.number)
        if item.status == "scaricato":
            raise DomainError(f"Il bene {label} è già stato scaricato.")
        if item.status == "annullato":
            raise DomainError(f"Il bene {label} ha il carico annullato: non si scarica.")
        if item.status == "rinnovato":
            raise DomainError(f"Il bene {label} è stato riportato con un nuovo numero nel "
                              "rinnovo dell'inventario: scaricare il bene della nuova serie.")
        if item.status == "in comodato":
            raise DomainError(f"Il bene {label} è in comodato: farlo restituire prima.")
        if item.id in in_sale:
            raise DomainError(f"Il bene {label} è in una procedura di vendita o cessione in "
                              f"corso (n. {in_sale[item.id]}): si scarica con la sua conclusione.")
        refuse_if_entrusted(s, item, ", annotando nel verbale il bene mancante o guasto")
        carico_date = s.get(RegisterEntry, item.entry_id).entry_date
        if decree_date < carico_date:
            raise ValidationError({"decree_date": f"Il decreto è anteriore al carico del bene "
                                                  f"{label}."})
        items.append(item)
    discharge = InventoryDischarge(decree_number=number, decree_date=decree_date,
                                   cause=cause, motivation=text, reintegro=reintegro,
                                   attachments=attachments.strip(), reintegro_amount=amount,
                                   responsible=who,
                                   recorded_by_id=getattr(db.current_user, "id", None))
    # The buono di scarico is dated when the decree is executed: its register runs in order of
    # date within the year, so an earlier date than the year's last buono is refused.
    total = sum((it.value for it in items), Decimal("0.00"))
    try:
        buono = add_entry(
            s.connection(), spec=register_spec(rules.BUONO_SCARICO), entry_date=executed_on,
            description=f"Buono di scarico – decreto n. {number} del {decree_date:%d/%m/%Y} "
                        f"({rules.cause_phrase(cause)}, {len(items)} "
                        f"{'bene' if len(items) == 1 else 'beni'})",
            user=db.current_user, amount=total, reference=f"Decreto n. {number}",
            lines=[LineInput(rules.item_label(it.register, it.number), 1, it.value)
                   for it in items])
    except ValidationError as error:
        raise entry_date_as(error, "executed_on", "Data del buono di scarico: ") from None
    discharge.buono_entry_id = buono.id
    s.add(discharge)
    s.flush()
    for item in items:
        s.add(InventoryDischargeItem(discharge_id=discharge.id, item_id=item.id))
        item.status = "scaricato"
    s.flush()
    return discharge.id


def goods_in_open_sales(s, item_ids, except_sale: int | None = None) -> dict[int, int]:
    """item id -> sale id, for the goods among ``item_ids`` in a sale not yet concluded."""
    from ..domain.sale import OPEN
    from ..models.inventory import Sale, SaleItem

    ids = list(dict.fromkeys(item_ids))
    if not ids:
        return {}
    q = (select(SaleItem.item_id, Sale.id).join(Sale, Sale.id == SaleItem.sale_id)
         .where(SaleItem.item_id.in_(ids), Sale.status.in_(OPEN)))
    if except_sale is not None:
        q = q.where(Sale.id != except_sale)
    return {item_id: sale_id for item_id, sale_id in s.execute(q)}


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


def lend(db: Database, data: LoanInput) -> tuple[int, int]:
    """Comodato d'uso: a numbered contract (yearly) with the goods handed over and their
    condition. The goods stay in the inventory, shown "in comodato". Returns (id, number)."""
    from ..models.inventory import Loan, LoanItem

    cf = rules.check_loan(parent_name=data.parent_name, parent_cf=data.parent_cf,
                          student_name=data.student_name, start=data.start, due=data.due,
                          items=len(data.item_ids))
    if data.condition not in rules.CONDITIONS:
        raise ValidationError({"condition": "Stato del bene alla consegna non valido."})
    if data.start > date.today():
        raise ValidationError({"start": "La data di consegna è futura."})
    user = db.current_user
    with unit_of_work(db, user, reason="Comodato d'uso") as s:
        items = []
        for item in _load_items(s, data.item_ids):
            good = rules.good_ref(item.register, item.number)
            if item.status == "in comodato":
                raise DomainError(f"Il bene {good} è già in comodato.")
            if item.status != "in uso":
                raise DomainError(f"Il bene {good} non è disponibile ({item.status}).")
            items.append(item)
        ref = add_entry(s.connection(), spec=register_spec(rules.COMODATO_REGISTER),
                        entry_date=data.start,
                        description=f"Comodato d'uso a {data.parent_name.strip()} per "
                                    f"{data.student_name.strip()}",
                        user=user,
                        lines=[LineInput(rules.item_label(i.register, i.number), 1)
                               for i in items])
        loan = Loan(entry_id=ref.id, parent_name=data.parent_name.strip(), parent_cf=cf,
                    id_document=data.id_document.strip(), contacts=data.contacts.strip(),
                    student_name=data.student_name.strip(), class_name=data.class_name.strip(),
                    start=data.start, due=data.due, criteria=data.criteria.strip())
        s.add(loan)
        s.flush()
        for item in items:
            s.add(LoanItem(loan_id=loan.id, item_id=item.id, condition_out=data.condition))
            item.status = "in comodato"
        result = (loan.id, ref.number)
        s.commit()
    return result


def return_loan(db: Database, *, loan_id: int, returned_on: date | None = None,
                condition: str = "buono", notes: str = "") -> None:
    """The return, with the inspection: the goods are back "in uso" (damage is noted)."""
    from ..models.inventory import Loan, LoanItem

    returned_on = returned_on or date.today()
    if condition not in rules.CONDITIONS:
        raise ValidationError({"condition": "Stato del bene alla restituzione non valido."})
    with unit_of_work(db, reason="Restituzione del comodato") as s:
        loan = s.get(Loan, loan_id)
        if loan is None:
            raise DomainError("Contratto di comodato inesistente.")
        if loan.returned_on is not None:
            raise DomainError(f"Il comodato è già stato restituito il "
                              f"{loan.returned_on:%d/%m/%Y}.")
        if returned_on < loan.start or returned_on > date.today():
            raise ValidationError({"returned_on": "Data di restituzione non valida."})
        if condition == "danneggiato" and len(notes.strip()) < 5:
            raise ValidationError({"notes": "Descrivere il danno riscontrato."})
        loan.returned_on, loan.return_notes = returned_on, notes.strip()
        for line in s.execute(select(LoanItem).where(LoanItem.loan_id == loan.id)).scalars():
            line.condition_back = condition
            s.get(InventoryItem, line.item_id).status = "in uso"
        s.commit()
