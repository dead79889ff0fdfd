"""Vendita and cessione of goods out of use (art. 34): from the decree to the discarico.

A sale: open_sale (decree of the DS, values set by the commission) -> publish (avviso on the
website, deadline) -> add_offer ... -> award (best offer not below the base total: discarico
"vendita" with the payment in its motivation) or declare_deserted -> conclude_deserted
(trattativa privata, cessione gratuita or smaltimento). A direct cession to a school or public
body: open_sale(kind="cessione_ente") -> conclude_cession. Each step is one transaction; the
discarico is written in the same transaction as the step that concludes the procedure.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...areas.inventory import DISCHARGE, PREPARE
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import registers as inv
from ...domain.inventory import sale as rules
from ...domain.inventory import states
from ...domain.inventory import valuation as vrules
from ...domain.money import ZERO, check_amount, format_money
from ...models.core import RegisterEntry
from ...models.inventory import Sale, SaleItem, SaleOffer
from .discharge import _load_items, discharge_items_in
from .situations import require
from .valuation import rate_map


@requires(DISCHARGE)
def open_sale(db: Database, item_ids: list[int], kind: str, valuation_basis: str,
              base_values: dict[int, Decimal] | None, commission_report: str,
              decree_number: str, decree_date: date, notes: str = "") -> int:
    """The decree of the dirigente that puts goods out of use on sale (or cedes them), with
    the values set by the commission. ``base_values`` (item id -> value) are required for a
    market valuation; for "inventario" they default to the value less ammortamento at the
    decree date. Returns the sale id."""
    ids = list(dict.fromkeys(item_ids))
    number, report = rules.check_opening(kind=kind, basis=valuation_basis,
                                         decree_number=decree_number, decree_date=decree_date,
                                         commission_report=commission_report, items=len(ids),
                                         today=date.today())
    rates = rate_map(db) if valuation_basis == "inventario" else {}
    with unit_of_work(db, reason=f"Vendita o cessione di beni fuori uso, decreto n. {number}") as s:
        require_at(db, DISCHARGE, s, item_ids=ids)
        values = {}
        goods = _load_items(s, ids)
        require(s, goods, states.OPEN_SALE)
        for item in goods:
            good = inv.good_ref(item.register, item.number)
            carico_date = s.get(RegisterEntry, item.entry_id).entry_date
            if decree_date < carico_date:
                raise ValidationError({"decree_date": f"Il decreto è anteriore al carico del "
                                                      f"bene {good}."})
            given = (base_values or {}).get(item.id)
            if given is None and valuation_basis == "mercato":
                raise ValidationError({"base_values": f"Indicare il valore stimato dalla "
                                                      f"commissione per il bene {good}."})
            if given is None:
                given = vrules.current_value(item.value, rates.get(vrules.category_key(
                    item.category)), carico_date, decree_date, item.register)
            value = check_amount(given, "base_values", f"valore del bene {good}")
            if value < 0:
                raise ValidationError({"base_values": f"Il valore del bene {good} è negativo."})
            values[item.id] = value
        sale = Sale(kind=kind, decree_number=number, decree_date=decree_date,
                    valuation_basis=valuation_basis, commission_report=report,
                    status=states.SALE.initial, notes=(notes or "").strip())
        s.add(sale)
        s.flush()
        for item_id, value in values.items():
            s.add(SaleItem(sale_id=sale.id, item_id=item_id, base_value=value))
        sale_id = sale.id
        s.commit()
    return sale_id


def _sale(s, sale_id: int) -> Sale:
    sale = s.get(Sale, sale_id)
    if sale is None:
        raise DomainError(f"Procedura di vendita n. {sale_id} inesistente.")
    return sale


def _base_total(s, sale_id: int) -> Decimal:
    return sum(s.execute(select(SaleItem.base_value).where(SaleItem.sale_id == sale_id))
               .scalars(), ZERO)


def _item_ids(s, sale_id: int) -> list[int]:
    return list(s.execute(select(SaleItem.item_id).where(SaleItem.sale_id == sale_id)
                          .order_by(SaleItem.id)).scalars())


@requires(DISCHARGE)
def publish(db: Database, sale_id: int, published_on: date, offers_deadline: date) -> None:
    """The avviso is published on the website (and communicated to the students)."""
    with unit_of_work(db, reason="Pubblicazione dell'avviso di vendita") as s:
        sale = _sale(s, sale_id)
        if sale.kind != "vendita":
            raise DomainError("Una cessione diretta a scuole o enti non richiede l'avviso.")
        if not states.SALE.allows(sale.status, "pubblicata"):
            raise DomainError(f"L'avviso della vendita n. {sale.id} è già stato pubblicato.")
        rules.check_publication(published_on=published_on, deadline=offers_deadline,
                                opened_on=sale.decree_date, today=date.today())
        sale.published_on, sale.offers_deadline = published_on, offers_deadline
        sale.status = states.SALE.move(sale.status, "pubblicata")
        s.commit()


@requires(PREPARE)
def add_offer(db: Database, sale_id: int, bidder: str, amount: Decimal,
              received_on: date, notes: str = "") -> int:
    """An offer received by the deadline (refused after it, and for amounts not above zero)."""
    with unit_of_work(db, reason="Offerta per la vendita di beni fuori uso") as s:
        sale = _sale(s, sale_id)
        if sale.status not in states.SALE_TAKES_OFFERS:
            raise DomainError(f"La vendita n. {sale.id} è {rules.STATUSES[sale.status]}: non si "
                              "ricevono altre offerte.")
        name = rules.check_offer(bidder=bidder, amount=amount, received_on=received_on,
                                 published_on=sale.published_on, deadline=sale.offers_deadline,
                                 today=date.today())
        value = check_amount(amount, "amount", "offerta")
        offer = SaleOffer(sale_id=sale.id, bidder=name, amount=value, received_on=received_on,
                          notes=(notes or "").strip())
        s.add(offer)
        s.flush()
        offer_id = offer.id
        s.commit()
    return offer_id


def _after_deadline(sale: Sale, when: date, field: str, target: str) -> None:
    if not states.SALE.allows(sale.status, target):
        raise DomainError(f"La vendita n. {sale.id} è {rules.STATUSES[sale.status]}.")
    if when <= sale.offers_deadline:
        raise ValidationError({field: f"Le offerte si valutano dopo il termine del "
                                      f"{format_date(sale.offers_deadline)}."})
    if when > date.today():
        raise ValidationError({field: "La data è futura."})


@requires(DISCHARGE)
def award(db: Database, sale_id: int, decree_number: str, decree_date: date,
          payment: str = "", executed_on: date | None = None) -> int:
    """Award to the best offer not below the base total, and discharge the goods (cause
    "vendita") by the decree, which records the payment. Returns the discharge id."""
    with unit_of_work(db, reason=f"Aggiudicazione della vendita, decreto n. {decree_number}") as s:
        sale = _sale(s, sale_id)
        if decree_date is None:
            raise ValidationError({"decree_date": "Indicare la data del decreto."})
        _after_deadline(sale, decree_date, "decree_date", "aggiudicata")
        base = _base_total(s, sale.id)
        offers = s.execute(select(SaleOffer).where(SaleOffer.sale_id == sale.id)).scalars().all()
        if not offers:
            raise DomainError(f"Nessuna offerta ricevuta per la vendita n. {sale.id}: "
                              "dichiararla deserta.")
        best = rules.best_offer(offers, base)
        if best is None:
            raise DomainError(f"Nessuna offerta raggiunge il prezzo base di "
                              f"{format_money(base)}: la vendita n. {sale.id} va dichiarata "
                              "deserta.")
        paid = (payment or "").strip()
        motivation = (f"Vendita di beni fuori uso (art. 34 D.I. 129/2018), avviso pubblicato il "
                      f"{format_date(sale.published_on)}, offerte entro il "
                      f"{format_date(sale.offers_deadline)}: {len(offers)} "
                      f"{'offerta ricevuta' if len(offers) == 1 else 'offerte ricevute'}. "
                      f"Aggiudicata a {best.bidder}, migliore offerta, per "
                      f"{format_money(best.amount)} (prezzo base {format_money(base)}). "
                      + (f"Pagamento: {paid}." if paid else
                         "Il corrispettivo è versato all'istituto cassiere prima del ritiro "
                         "dei beni."))
        discharge_id = discharge_items_in(
            s, db, item_ids=_item_ids(s, sale.id), decree_number=decree_number,
            decree_date=decree_date, cause="vendita", motivation=motivation,
            attachments="Verbale della commissione; avviso di vendita; offerte ricevute",
            allow_in_sale=sale.id, executed_on=executed_on)
        sale.status = states.SALE.move(sale.status, "aggiudicata")
        sale.awarded_offer_id = best.id
        sale.counterpart, sale.discharge_id = best.bidder, discharge_id
        s.commit()
    return discharge_id


@requires(DISCHARGE)
def declare_deserted(db: Database, sale_id: int, declared_on: date | None = None) -> None:
    """The deadline passed with no valid offer: the sale is deserted (art. 34 c.3)."""
    declared_on = declared_on or date.today()
    with unit_of_work(db, reason="Vendita deserta") as s:
        sale = _sale(s, sale_id)
        _after_deadline(sale, declared_on, "declared_on", "deserta")
        base = _base_total(s, sale.id)
        offers = s.execute(select(SaleOffer).where(SaleOffer.sale_id == sale.id)).scalars().all()
        if rules.best_offer(offers, base) is not None:
            raise DomainError(f"La vendita n. {sale.id} ha un'offerta valida: aggiudicarla.")
        sale.status = states.SALE.move(sale.status, "deserta")
        sale.notes = (sale.notes + "\n" if sale.notes else "") + \
            f"Dichiarata deserta il {format_date(declared_on)}."
        s.commit()


def _conclude(s, db, sale: Sale, *, cause: str, motivation: str, counterpart: str,
              decree_number: str, decree_date: date, attachments: str,
              executed_on: date | None) -> int:
    discharge_id = discharge_items_in(
        s, db, item_ids=_item_ids(s, sale.id), decree_number=decree_number,
        decree_date=decree_date, cause=cause, motivation=motivation, attachments=attachments,
        allow_in_sale=sale.id, executed_on=executed_on)
    sale.status = states.SALE.move(sale.status, "conclusa")
    sale.counterpart, sale.discharge_id = counterpart, discharge_id
    return discharge_id


@requires(DISCHARGE)
def conclude_deserted(db: Database, sale_id: int, way: str, counterpart: str,
                      amount: Decimal | None, decree_number: str, decree_date: date,
                      executed_on: date | None = None) -> int:
    """After a deserted sale: trattativa privata (for a price), cessione gratuita, or
    smaltimento as waste. Returns the discharge id."""
    if way not in rules.DESERTED_WAYS:
        raise ValidationError({"way": "Scegliere come si cedono i beni dopo la vendita deserta."})
    title, cause = rules.DESERTED_WAYS[way]
    who = (counterpart or "").strip()
    if len(who) < 3:
        raise ValidationError({"counterpart": "Indicare l'acquirente, il cessionario o la ditta "
                                              "che smaltisce i beni."})
    if way == "trattativa_privata":
        if amount is None or amount <= 0:
            raise ValidationError({"amount": "Indicare il prezzo pattuito (maggiore di zero)."})
        amount = check_amount(amount, "amount", "prezzo")
    elif amount not in (None, ZERO):
        raise ValidationError({"amount": f"{title}: non si indica un prezzo."})
    with unit_of_work(db, reason=f"Conclusione della vendita deserta: {title.lower()}") as s:
        sale = _sale(s, sale_id)
        if sale.status != "deserta":
            raise DomainError(f"La vendita n. {sale.id} non è deserta "
                              f"({rules.STATUSES[sale.status]}).")
        price = f" per {format_money(amount)}" if amount else ""
        motivation = (f"Vendita con avviso del {format_date(sale.published_on)} andata deserta "
                      f"(art. 34 c.3 D.I. 129/2018). {title}{price}; destinatario: {who}.")
        discharge_id = _conclude(s, db, sale, cause=cause, motivation=motivation,
                                 counterpart=who, decree_number=decree_number,
                                 decree_date=decree_date, executed_on=executed_on,
                                 attachments="Verbale della commissione; avviso di vendita "
                                             "andato deserto")
        s.commit()
    return discharge_id


@requires(DISCHARGE)
def conclude_cession(db: Database, sale_id: int, counterpart: str, decree_number: str,
                     decree_date: date, executed_on: date | None = None) -> int:
    """Direct cession to another school or public body (art. 34 c.4): discarico "cessione"."""
    who = (counterpart or "").strip()
    if len(who) < 3:
        raise ValidationError({"counterpart": "Indicare la scuola o l'ente pubblico cessionario."})
    with unit_of_work(db, reason="Cessione diretta di beni fuori uso") as s:
        sale = _sale(s, sale_id)
        if sale.kind != "cessione_ente":
            raise DomainError(f"La procedura n. {sale.id} è una vendita con avviso, non una "
                              "cessione diretta.")
        if sale.status != "aperta":
            raise DomainError(f"La cessione n. {sale.id} è già {rules.STATUSES[sale.status]}.")
        # "destinatario:" rather than "a {who}": an ente's name takes an article of its own
        # ("all'Istituto…", "alla Parrocchia…") that no rule can guess.
        motivation = (f"Beni non più utilizzabili per i fini istituzionali ceduti direttamente, "
                      f"a trattativa privata (art. 34 c.4 D.I. 129/2018); destinatario: {who}.")
        discharge_id = _conclude(s, db, sale, cause="cessione", motivation=motivation,
                                 counterpart=who, decree_number=decree_number,
                                 decree_date=decree_date, executed_on=executed_on,
                                 attachments="Verbale della commissione; accettazione del "
                                             "cessionario")
        s.commit()
    return discharge_id
