"""The procedure file of a purchase, as pure rules: the request from an office, plesso or
laboratory, its approval or refusal, the determina a contrarre with the checks the law ties
to it, the quotations and their comparison, the order.

- Request (richiesta d'acquisto): approved or refused, with its reason, by the DSGA or the
  dirigente; only an approved request becomes a procedure (states: ``REQUEST``).
- Determina a contrarre (D.Lgs 36/2023 art. 17; D.I. 129/2018 art. 44): object, amount
  net of IVA, the procedure proposed on its date (thresholds.propose_procedure); the clerk
  may choose a stricter procedure, a looser one only with its motivation. Above the limit the
  Consiglio d'istituto set for the dirigente (D.I. 129 art. 45 c.2 lett. a; a school setting)
  the determina cites the Consiglio's deliberation. Outside a Consip convenzione (L. 296/2006
  c.449) and, from 5,000 EUR, outside the MePA (c.450) the determina gives its motivation,
  unless it is a purchase of DL 137/2020 art. 21 (didattica digitale integrata) made in
  derogation. CIG 10 and CUP 15 characters (domain/procurement_codes.py).
- Coverage: the DSGA attests the financial coverage on the destination of the Programma
  Annuale (and, if any, on the earmarked fund), a content of the determina itself: the
  determina and its impegno are written together or not at all, so a determina refused for
  want of availability takes no number.
- Quotations (confronto di preventivi): the operators invited, their offers, the criterion
  (lowest price or another stated one), the chosen offer; the award is checked against the
  rotation principle (rotation.py) and recorded among the supplier's awards.
- Order (lettera d'ordine): lines with quantity and unit price (what the acceptance and the
  matching of the invoice will read), delivery terms, invoicing data (codice univoco
  ufficio, split payment).

States are declared as tables (domain/lifecycle.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..errors import ValidationError
from ..lifecycle import Lifecycle
from ..money import format_money
from ..registers import RegisterSpec, define_register
from .thresholds import (
    ABOVE_EU,
    MEPA_FROM,
    PROCEDURES,
    Proposal,
    procedure_label,
    stricter_or_equal,
)

DETERMINE = define_register(RegisterSpec("acquisti-determine", "Registro delle determine a "
                                         "contrarre", "procurement", yearly=True))
ORDERS = define_register(RegisterSpec("acquisti-ordini", "Registro degli ordini", "procurement",
                                      yearly=True))

UNIT_KINDS = {"ufficio": "Ufficio", "plesso": "Plesso", "laboratorio": "Laboratorio"}
DECIDERS = {"dsga": "DSGA", "dirigente": "Dirigente scolastico"}

REQUEST = Lifecycle(
    "la richiesta d'acquisto",
    {"presentata": "presentata", "approvata": "approvata", "respinta": "respinta",
     "in_procedura": "in procedura"},
    {"presentata": frozenset({"approvata", "respinta"}),
     "approvata": frozenset({"in_procedura"}),
     "respinta": frozenset(),
     "in_procedura": frozenset()},
    initial="presentata", open=frozenset({"presentata", "approvata"}))

# The acceptance (acceptance.py): «consegnata» from the first delivery, «collaudata» when
# every line is delivered and each delivery has its conforming verbale; an annulled delivery
# or verbale takes the procedure back. «fatturata» belongs to the matching of the invoice.
PROCEDURE = Lifecycle(
    "la procedura",
    {"determina": "determina adottata", "affidata": "affidata", "ordinata": "ordine emesso",
     "consegnata": "consegnata", "collaudata": "collaudata"},
    {"determina": frozenset({"affidata"}),
     "affidata": frozenset({"ordinata"}),
     "ordinata": frozenset({"consegnata"}),
     "consegnata": frozenset({"ordinata", "collaudata"}),
     "collaudata": frozenset({"consegnata", "ordinata"})},
    initial="determina", open=frozenset({"determina", "affidata", "ordinata", "consegnata"}))

LOWEST_PRICE = "prezzo_piu_basso"
CRITERIA = {LOWEST_PRICE: "minor prezzo",
            "altro": "altro criterio indicato nella determina"}
MIN_MOTIVATION = 10


def _said(text: str) -> str:
    return " ".join((text or "").split())


@dataclass(frozen=True)
class DeterminaFacts:
    """What the checks of a determina read (already typed and normalised)."""

    decided_on: date
    amount: Decimal                 # net of IVA
    procedure: str                  # the one chosen
    procedure_motivation: str = ""
    council_deliberation: str = ""
    via_consip: bool = False
    consip_motivation: str = ""
    via_mepa: bool = False
    mepa_motivation: str = ""
    ddi_derogation: bool = False    # DL 137/2020 art. 21


def check_determina(facts: DeterminaFacts, proposal: Proposal,
                    dirigente_limit: Decimal | None) -> tuple[str, ...]:
    """The notes the determina prints about its checks; ValidationError naming each field
    the law requires and the clerk left empty."""
    errors: dict[str, str] = {}
    if facts.procedure not in PROCEDURES:
        errors["procedure"] = "Scegliere la procedura di affidamento."
    elif not stricter_or_equal(facts.procedure, proposal.procedure) and \
            len(_said(facts.procedure_motivation)) < MIN_MOTIVATION:
        errors["procedure_motivation"] = (
            f"Alla data della determina per {format_money(facts.amount)} la procedura "
            f"prevista è «{proposal.label}»: una procedura meno rigorosa "
            f"(«{procedure_label(facts.procedure, proposal.law)}») richiede la motivazione.")
    notes = [f"Procedura proposta: {proposal.label}.", *proposal.notes]
    if dirigente_limit is not None and facts.amount > dirigente_limit:
        if not _said(facts.council_deliberation):
            errors["council_deliberation"] = (
                f"L'importo di {format_money(facts.amount)} supera il limite di "
                f"{format_money(dirigente_limit)} fissato dal Consiglio d'istituto per il "
                "dirigente (D.I. 129/2018 art. 45 c.2 lett. a): indicare la delibera del "
                "Consiglio.")
        else:
            notes.append(f"Oltre il limite del dirigente: {_said(facts.council_deliberation)}.")
    if proposal.procedure == ABOVE_EU and not _said(facts.council_deliberation) and \
            "council_deliberation" not in errors:
        errors["council_deliberation"] = (
            "Sopra la soglia europea il Consiglio d'istituto delibera sulla determina (D.I. "
            "129/2018 art. 45 c.1 lett. i): indicare la delibera.")
    if facts.via_consip:
        notes.append("Acquisto tramite convenzione Consip (L. 296/2006 c.449).")
    elif len(_said(facts.consip_motivation)) < MIN_MOTIVATION and not facts.ddi_derogation:
        errors["consip_motivation"] = (
            "Acquisto fuori convenzione Consip: indicare la motivazione (nessuna convenzione "
            "attiva, beni non compresi, prezzo inferiore ai parametri; L. 296/2006 c.449).")
    if not facts.via_consip and _said(facts.consip_motivation):
        notes.append(f"Fuori convenzione Consip: {_said(facts.consip_motivation)}.")
    if facts.amount >= MEPA_FROM and not facts.via_consip:
        if facts.via_mepa:
            notes.append("Acquisto sul MePA o su una piattaforma certificata (L. 296/2006 "
                         "c.450).")
        elif len(_said(facts.mepa_motivation)) >= MIN_MOTIVATION:
            notes.append(f"Fuori dal MePA: {_said(facts.mepa_motivation)}.")
        elif not facts.ddi_derogation:
            errors["mepa_motivation"] = (
                f"Da {format_money(MEPA_FROM)} l'acquisto si fa sul MePA (L. 296/2006 c.450): "
                "indicare la motivazione per acquistare fuori dal mercato elettronico.")
    if facts.ddi_derogation:
        notes.append("Acquisto per la didattica digitale integrata in deroga al codice dei "
                     "contratti (DL 137/2020 art. 21), in mancanza degli strumenti Consip e "
                     "MePA.")
    if errors:
        raise ValidationError(errors)
    return tuple(notes)


# --- quotations ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Offer:
    id: int
    supplier: str
    amount: Decimal | None          # None: invited, no offer received


def best_offer(offers: list[Offer]) -> Offer | None:
    """The lowest offer received (the first invited among equal ones); None if none came."""
    received = [o for o in offers if o.amount is not None]
    return min(received, key=lambda o: (o.amount, o.id)) if received else None


def check_choice(offers: list[Offer], chosen_id: int, criterion: str, criterion_text: str
                 ) -> str:
    """The reason printed for the chosen offer; ValidationError when the choice does not
    follow the criterion (a higher offer under the lowest price) or lacks its words."""
    chosen = next((o for o in offers if o.id == chosen_id), None)
    if chosen is None or chosen.amount is None:
        raise ValidationError({"quote_id": "Scegliere un preventivo ricevuto."})
    if criterion not in CRITERIA:
        raise ValidationError({"criterion": "Scegliere il criterio di scelta del preventivo."})
    best = best_offer(offers)
    if criterion == LOWEST_PRICE:
        if chosen.amount > best.amount:
            raise ValidationError({"quote_id": (
                f"Con il criterio del minor prezzo si sceglie l'offerta di {best.supplier} "
                f"({format_money(best.amount)}), non quella di {chosen.supplier} "
                f"({format_money(chosen.amount)}).")})
        received = sum(1 for o in offers if o.amount is not None)
        return (f"Offerta di minor prezzo tra {received} preventiv"
                f"{'o ricevuto' if received == 1 else 'i ricevuti'}.")
    if len(_said(criterion_text)) < MIN_MOTIVATION:
        raise ValidationError({"criterion_text": (
            "Indicare il criterio della scelta diverso dal minor prezzo (ad esempio qualità, "
            "tempi di consegna, assistenza).")})
    return f"Criterio: {_said(criterion_text)}."


# --- order lines --------------------------------------------------------------------------------
def parse_quantity(text, field: str = "quantity") -> Decimal:
    """A quantity typed "3" or "2,5" (up to 3 decimals), greater than zero."""
    raw = str(text if text is not None else "").strip().replace(",", ".")
    try:
        q = Decimal(raw)
    except InvalidOperation:
        raise ValidationError({field: f"Quantità «{text}» non valida: un numero maggiore di "
                                      "zero, ad esempio 3 o 2,5."}) from None
    if not q.is_finite() or q <= 0 or q != q.quantize(Decimal("0.001")):
        raise ValidationError({field: f"Quantità «{text}» non valida: un numero maggiore di "
                                      "zero con al più tre decimali."})
    return q


def stored_quantity(q: Decimal) -> str:
    """The quantity as stored: "3", "2.5" (the FatturaPA's decimal point)."""
    return str(int(q)) if q == q.to_integral() else format(q.normalize(), "f")


def quantity_text(stored: str) -> str:
    """The stored quantity as printed: "3", "2,5"."""
    return stored.replace(".", ",")


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return (quantity * unit_price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def vat_of(net: Decimal, rate: Decimal) -> Decimal:
    return (net * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


SPLIT_PAYMENT_NOTE = ("Fattura elettronica con scissione dei pagamenti (art. 17-ter DPR "
                      "633/1972): l'IVA è versata dall'istituto all'Erario.")


def split_order_lines(text: str) -> list[tuple[str, str, str, str, str]]:
    """The lines of an order typed one per row as «descrizione; quantità; unità; prezzo
    unitario; IVA %» (unit and IVA may be left out: "" and "22"): (description, quantity,
    unit, unit price, rate) as typed; ValidationError naming the row that has too few parts."""
    out, errors = [], {}
    for n, row in enumerate((r for r in (text or "").splitlines() if r.strip()), start=1):
        parts = [p.strip() for p in row.split(";")]
        if len(parts) == 3:
            parts = [parts[0], parts[1], "", parts[2], "22"]
        elif len(parts) == 4:
            parts.append("22")
        if len(parts) != 5 or not parts[0]:
            errors[f"line{n}"] = (f"Riga {n}: scrivere «descrizione; quantità; unità; prezzo "
                                  f"unitario; IVA %», trovato «{row.strip()[:60]}».")
            continue
        out.append(tuple(parts))
    if errors:
        raise ValidationError({"lines": " ".join(errors.values())})
    if not out:
        raise ValidationError({"lines": "L'ordine ha almeno una riga."})
    return out
