"""Vendita and cessione of goods out of use (D.I. 129/2018 art. 34; domain.md §1.10).

1. goods out of use are ceded by decree of the dirigente, after an internal commission has set
   their value: inventory value less ammortamento, or the used-market value of similar goods;
2. sale by a notice on the school website, offers by a deadline, award to the best offer; the
   decree of discarico (art. 33) records the payment;
3. a deserted sale: private negotiation or free cession; failing that, disposal as waste;
4. goods no longer usable may be ceded directly to other schools or public bodies.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..errors import DomainError, ValidationError
from .states import SALE

KINDS = {
    "vendita": "Vendita con avviso pubblico (art. 34 c.1-2)",
    "cessione_ente": "Cessione diretta a scuole o enti pubblici (art. 34 c.4)",
}
BASES = {
    "inventario": "valore d'inventario al netto dell'ammortamento",
    "mercato": "valore dell'usato per beni simili, stimato dalla commissione",
}
# After a deserted sale (art. 34 c.3): how the goods leave, and the cause of their discarico.
DESERTED_WAYS = {
    "trattativa_privata": ("Vendita a trattativa privata", "vendita"),
    "cessione_gratuita": ("Cessione gratuita", "cessione"),
    "smaltimento": ("Smaltimento nel rispetto della normativa ambientale", "inservibilita"),
}
# The states of a sale and their changes: declared once, in states.SALE.
STATUSES = dict(SALE.labels)
OPEN = tuple(s for s in SALE.states if s in SALE.open)     # goods still waiting to leave


def check_opening(*, kind: str, basis: str, decree_number: str, decree_date: date | None,
                  commission_report: str, items: int, today: date) -> tuple[str, str]:
    errors = {}
    if kind not in KINDS:
        errors["kind"] = "Scegliere vendita o cessione diretta."
    if basis not in BASES:
        errors["valuation_basis"] = "Scegliere il criterio di valutazione della commissione."
    number = (decree_number or "").strip()
    if not number:
        errors["decree_number"] = "Indicare il numero del decreto del Dirigente Scolastico."
    if decree_date is None:
        errors["decree_date"] = "Indicare la data del decreto."
    elif decree_date > today:
        errors["decree_date"] = "La data del decreto è futura."
    report = (commission_report or "").strip()
    if len(report) < 10:
        errors["commission_report"] = ("Indicare il verbale della commissione che ha valutato "
                                       "i beni (almeno 10 caratteri).")
    if items < 1:
        errors["item_ids"] = "Scegliere almeno un bene."
    if errors:
        raise ValidationError(errors)
    return number, report


def check_publication(*, published_on: date | None, deadline: date | None, opened_on: date | None,
                      today: date) -> None:
    errors = {}
    if published_on is None:
        errors["published_on"] = "Indicare la data di pubblicazione dell'avviso."
    elif published_on > today:
        errors["published_on"] = "La data di pubblicazione è futura."
    elif opened_on is not None and published_on < opened_on:
        errors["published_on"] = "L'avviso non può precedere il decreto che dispone la vendita."
    if deadline is None:
        errors["offers_deadline"] = "Indicare il termine per le offerte."
    elif published_on is not None and deadline <= published_on:
        errors["offers_deadline"] = "Il termine per le offerte deve seguire la pubblicazione."
    if errors:
        raise ValidationError(errors)


def check_offer(*, bidder: str, amount: Decimal | None, received_on: date | None,
                published_on: date | None, deadline: date | None, today: date) -> str:
    if published_on is None or deadline is None:
        raise DomainError("L'avviso di vendita non è ancora stato pubblicato: non si ricevono "
                          "offerte.")
    errors = {}
    name = (bidder or "").strip()
    if len(name) < 3:
        errors["bidder"] = "Indicare chi presenta l'offerta."
    if amount is None or amount <= 0:
        errors["amount"] = "L'offerta deve essere un importo maggiore di zero."
    if received_on is None:
        errors["received_on"] = "Indicare la data di ricezione dell'offerta."
    elif received_on > today:
        errors["received_on"] = "La data di ricezione è futura."
    elif received_on > deadline:
        errors["received_on"] = (f"Offerta ricevuta dopo il termine del "
                                 f"{deadline:%d/%m/%Y}: non è ammessa.")
    elif received_on < published_on:
        errors["received_on"] = "Offerta anteriore alla pubblicazione dell'avviso."
    if errors:
        raise ValidationError(errors)
    return name


def best_offer(offers, base_total: Decimal):
    """The highest offer not below the base total; between equal offers the first received.
    ``offers``: objects with ``amount`` and ``received_on`` (and ``id``)."""
    valid = [o for o in offers if o.amount >= base_total]
    if not valid:
        return None
    return max(valid, key=lambda o: (o.amount, -o.received_on.toordinal(), -o.id))
