"""The states of an inventory good, and what may be done to it in each (D.I. 129/2018 artt.
31-35; domain.md §1): the one rule that services, queries, reports and the Inventario tab use.

A good's **situation** comes from what is stored in ``inventory_item.status`` and from the
records still open about it:

- stored: *in uso* (held), *in comodato* (lent: written by the comodato, back to *in uso* with
  the restituzione), *scaricato* (discharged by decree, art. 33), *annullato* (carico recorded
  by mistake and annulled; an annulment row in the register counts the same), *rinnovato*
  (carried by a rinnovo to a new series: the good lives on under its new number);
- derived from an open record: *affidato* (an affidamento whose verbale has no riconsegna yet,
  art. 35) and *in vendita* (in a sale or cessione not yet concluded, art. 34).

:data:`RULES` says, for every action on a good and every situation, whether the action is
allowed (``ALLOWED``) or refused, and why (an Italian sentence, with ``{good}`` and the facts
of the open record: ``{assignee}``, ``{verbale}``, ``{sale}``). :func:`refusal` gives the
sentence or None, :func:`check` raises the DomainError.

The lives of a comodato, an affidamento and a sale are declared here too (:data:`LOAN`,
:data:`ASSIGNMENT`, :data:`SALE`), with the changes of the stored status (:data:`STATUS`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..errors import DomainError
from ..lifecycle import Lifecycle

# --- What inventory_item.status stores --------------------------------------------------------
IN_USE, ON_LOAN = "in uso", "in comodato"
DISCHARGED, ANNULLED, RENEWED = "scaricato", "annullato", "rinnovato"
STATUS = Lifecycle(
    "il bene",
    {IN_USE: "in uso", ON_LOAN: "in comodato", DISCHARGED: "scaricato",
     ANNULLED: "annullato", RENEWED: "rinnovato"},
    {IN_USE: frozenset({ON_LOAN, DISCHARGED, ANNULLED, RENEWED}),
     ON_LOAN: frozenset({IN_USE}),               # the restituzione
     DISCHARGED: frozenset(), ANNULLED: frozenset(), RENEWED: frozenset()},
    initial=IN_USE, open=frozenset({IN_USE, ON_LOAN}))
STATUSES = STATUS.states
# Still in the consistenza under this number / no longer (no custode, no label, no action).
HELD_STATUSES = tuple(s for s in STATUSES if s in STATUS.open)
GONE_STATUSES = tuple(s for s in STATUSES if s not in STATUS.open)

# --- Situations ---------------------------------------------------------------------------------
HELD, LENT, ENTRUSTED, IN_SALE = "held", "lent", "entrusted", "in_sale"
GONE_DISCHARGED, GONE_ANNULLED, GONE_RENEWED = "discharged", "annulled", "renewed"
SITUATIONS = {
    HELD: "in uso",
    LENT: "in comodato",
    ENTRUSTED: "affidato con verbale",
    IN_SALE: "in vendita o cessione",
    GONE_DISCHARGED: "scaricato",
    GONE_ANNULLED: "annullato",
    GONE_RENEWED: "rinnovato",
}
# The situation a stored status gives when no open record says more.
_OF_STATUS = {IN_USE: HELD, ON_LOAN: LENT, DISCHARGED: GONE_DISCHARGED,
              ANNULLED: GONE_ANNULLED, RENEWED: GONE_RENEWED}
GONE = frozenset({GONE_DISCHARGED, GONE_ANNULLED, GONE_RENEWED})
IN_CONSISTENZA = frozenset(SITUATIONS) - GONE


def situation(status: str, *, annulled: bool = False, entrusted: bool = False,
              in_sale: bool = False) -> str:
    """The situation of a good from its stored status and its open records: ``annulled``
    (an annulment row in its register), ``entrusted`` (an open affidamento), ``in_sale`` (a
    sale not concluded). What the good has become (discharged, annulled, renewed) comes
    first, then the comodato, the affidamento, the sale."""
    if status not in _OF_STATUS:
        raise DomainError(f"Situazione del bene «{status}» sconosciuta.")
    found = _OF_STATUS[status]
    if found in GONE:
        return found
    if annulled:
        return GONE_ANNULLED
    if found == LENT:
        return LENT
    if entrusted:
        return ENTRUSTED
    if in_sale:
        return IN_SALE
    return HELD


def situation_of_status(status: str) -> str:
    """The situation as far as the stored status tells (what the grid shows)."""
    return situation(status)


# --- Actions on a good --------------------------------------------------------------------------
MOVE = "move"                  # spostamento tra locali
ASSIGN = "assign"              # affidamento con verbale (art. 35)
LEND = "lend"                  # comodato d'uso
OPEN_SALE = "open_sale"        # decreto di vendita o cessione (art. 34)
DISCHARGE = "discharge"        # discarico con decreto (art. 33)
ANNUL = "annul"                # annullamento del carico errato
RENEW = "renew"                # riportato nel rinnovo dell'inventario
LABEL = "label"                # stampa dell'etichetta
MAINTENANCE = "maintenance"    # registro degli interventi
RICOGNIZIONE = "ricognizione"  # esito nel verbale di ricognizione
ACTIONS = {
    MOVE: "Spostamento",
    ASSIGN: "Affidamento",
    LEND: "Comodato d'uso",
    OPEN_SALE: "Vendita o cessione",
    DISCHARGE: "Discarico",
    ANNUL: "Annullamento del carico",
    RENEW: "Rinnovo dell'inventario",
    LABEL: "Etichetta",
    MAINTENANCE: "Intervento di manutenzione",
    RICOGNIZIONE: "Esito della ricognizione",
}
ALLOWED = None

_DISCHARGED = "Il bene {good} è stato scaricato"
_ANNULLED = "Il bene {good} ha il carico annullato"
_RENEWED = "Il bene {good} è stato riportato con un nuovo numero nel rinnovo"
_LENT = "Il bene {good} è in comodato d'uso: farlo restituire prima."
_ENTRUSTED = ("Il bene {good} è affidato a {assignee} (verbale n. {verbale}): registrarne "
              "prima la riconsegna")
_IN_SALE = "Il bene {good} è in una procedura di vendita o cessione in corso (n. {sale})"


def _gone(tail: str, *, renewed: str | None = None) -> dict[str, str]:
    """The three situations of a good no longer held under this number, with one ending."""
    return {GONE_DISCHARGED: f"{_DISCHARGED}{tail}", GONE_ANNULLED: f"{_ANNULLED}{tail}",
            GONE_RENEWED: f"{_RENEWED}{renewed or tail}"}


RULES: Mapping[str, Mapping[str, str | None]] = {
    # Where a good is: recorded for every good the school still holds, wherever it is used.
    MOVE: {HELD: ALLOWED, LENT: ALLOWED, ENTRUSTED: ALLOWED, IN_SALE: ALLOWED,
           **_gone(": non si sposta.")},
    # Art. 35: the affidatario answers for the goods of the verbale until the riconsegna; a
    # good lent, already entrusted or waiting to leave by a sale is not entrusted again.
    ASSIGN: {HELD: ALLOWED, LENT: _LENT,
             ENTRUSTED: ("Il bene {good} è già affidato a {assignee} (verbale n. {verbale}): "
                         "serve prima la riconsegna."),
             IN_SALE: _IN_SALE + ": non si affida.",
             **_gone(": non si affida.",
                     renewed=": si affida con il numero della nuova serie.")},
    # Comodato: a good held and free; the affidatario answers for an entrusted one (art. 35).
    LEND: {HELD: ALLOWED,
           LENT: "Il bene {good} è già in comodato: registrarne prima la restituzione.",
           ENTRUSTED: _ENTRUSTED + ".",
           IN_SALE: _IN_SALE + ": non si dà in comodato.",
           **_gone(": non si dà in comodato.",
                   renewed=": si dà in comodato con il numero della nuova serie.")},
    # Art. 34: goods out of use put on sale by decree; each good in one procedure at a time.
    OPEN_SALE: {HELD: ALLOWED,
                LENT: "Il bene {good} non si può vendere o cedere: è in comodato.",
                ENTRUSTED: _ENTRUSTED + ", poi destinarlo alla vendita o alla cessione.",
                IN_SALE: ("Il bene {good} è già in una vendita o cessione in corso "
                          "(n. {sale})."),
                **_gone(": non si vende né si cede.",
                        renewed=": si vende o si cede con il numero della nuova serie.")},
    # Art. 33: the decree takes out a good held; art. 35: an entrusted good comes back with
    # the riconsegna first; art. 34: a good in a sale leaves with the sale's conclusion.
    DISCHARGE: {HELD: ALLOWED,
                LENT: "Il bene {good} è in comodato: farlo restituire prima.",
                ENTRUSTED: _ENTRUSTED + ", annotando nel verbale il bene mancante o guasto.",
                IN_SALE: _IN_SALE + ": si scarica con la sua conclusione.",
                GONE_DISCHARGED: "Il bene {good} è già stato scaricato.",
                GONE_ANNULLED: _ANNULLED + ": non si scarica.",
                GONE_RENEWED: (_RENEWED + " dell'inventario: scaricare il bene della nuova "
                               "serie.")},
    # A carico recorded by mistake: annulled only while nobody else holds the good by a
    # contract, a verbale or a sale; a good that has left is annotated, not annulled.
    ANNUL: {HELD: ALLOWED, LENT: _LENT, ENTRUSTED: _ENTRUSTED + ".", IN_SALE: _IN_SALE + ".",
            **_gone(": il carico non si annulla.")},
    # Rinnovo (domain.md §1.8): every good of the consistenza is carried under a new number;
    # open documents name the old number, so they are closed first. Goods that have left are
    # simply not carried.
    RENEW: {HELD: ALLOWED,
            LENT: ("Beni in comodato: {goods}. Registrare la restituzione prima del rinnovo: "
                   "il contratto riporta il vecchio numero."),
            ENTRUSTED: ("Beni affidati con verbale non ancora chiuso: {goods}. Registrare la "
                        "riconsegna prima del rinnovo e affidarli di nuovo con i nuovi "
                        "numeri."),
            IN_SALE: ("Beni in una vendita o cessione in corso: {goods}. Concludere la "
                      "procedura prima del rinnovo."),
            **_gone(": non è nella consistenza e non si riporta nel rinnovo.")},
    # Art. 31 c.3: each good carries its number; a number that has left gets no new label.
    LABEL: {HELD: ALLOWED, LENT: ALLOWED, ENTRUSTED: ALLOWED, IN_SALE: ALLOWED,
            **_gone(": non si stampa l'etichetta.",
                    renewed=": stampare l'etichetta con il numero della nuova serie.")},
    # Art. 30 c.1 c): the consegnatario maintains the goods held, wherever they are.
    MAINTENANCE: {HELD: ALLOWED, LENT: ALLOWED, ENTRUSTED: ALLOWED, IN_SALE: ALLOWED,
                  **_gone(": non si registrano interventi.",
                          renewed=": registrare l'intervento sul bene della nuova serie.")},
    # Ricognizione (domain.md §1.8): the goods of the consistenza are checked.
    RICOGNIZIONE: {HELD: ALLOWED, LENT: ALLOWED, ENTRUSTED: ALLOWED, IN_SALE: ALLOWED,
                   **_gone(": non è più in carico e non si verifica.")},
}

# Every action has a word for every situation: a new situation or action without its rule
# fails at import, not at the clerk's desk.
for _action, _row in RULES.items():
    if set(_row) != set(SITUATIONS):
        raise ValueError(f"states.RULES[{_action}]: {set(SITUATIONS) ^ set(_row)}")
if set(RULES) != set(ACTIONS):
    raise ValueError(f"states.RULES: {set(ACTIONS) ^ set(RULES)}")


def allowed(action: str, state: str) -> bool:
    return RULES[action][state] is ALLOWED


def allowed_states(action: str) -> frozenset[str]:
    return frozenset(s for s, why in RULES[action].items() if why is ALLOWED)


def refusal(action: str, state: str, **facts) -> str | None:
    """Why ``action`` is refused to a good in ``state`` (None if allowed). ``facts`` fill the
    sentence: ``good`` (as :func:`registers.good_ref` names it), ``assignee`` and
    ``verbale`` ("3/2025") for an entrusted good, ``sale`` for one in a sale, ``goods`` (the
    list) for the rinnovo."""
    why = RULES[action][state]
    if why is ALLOWED:
        return None
    return why.format_map(_Facts(facts))


def check(action: str, state: str, field: str | None = None, **facts) -> None:
    """The DomainError of :func:`refusal`, if any."""
    why = refusal(action, state, **facts)
    if why is not None:
        raise DomainError(why, field)


class _Facts(dict):
    def __missing__(self, key: str) -> str:
        return "—"


# --- SQL filters from the same declaration ---------------------------------------------------
def sql_list(statuses: Iterable[str]) -> str:
    """"'scaricato', 'rinnovato', 'annullato'": stored statuses as SQL literals, for the
    ``IN (...)`` of a query text. Only declared statuses (no quote can get in)."""
    values = list(statuses)
    unknown = [s for s in values if s not in STATUSES]
    if unknown or not values:
        raise ValueError(f"not stored statuses: {unknown or 'none'}")
    return ", ".join(f"'{s}'" for s in values)


def sql_params(statuses: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """("?, ?", ("in uso", "in comodato")): the same as bind parameters."""
    values = tuple(statuses)
    sql_list(values)   # the same check
    return ", ".join("?" * len(values)), values


HELD_SQL = sql_list(HELD_STATUSES)
GONE_SQL = sql_list(GONE_STATUSES)

# --- The lives of the records that make a good lent, entrusted or on sale --------------------
# Comodato d'uso: open until the restituzione, which ends it (loan.returned_on).
LOAN_OPEN, LOAN_RETURNED = "in corso", "restituito"
LOAN = Lifecycle("il comodato", {LOAN_OPEN: "in corso", LOAN_RETURNED: "restituito"},
                 {LOAN_OPEN: frozenset({LOAN_RETURNED}), LOAN_RETURNED: frozenset()},
                 initial=LOAN_OPEN, open=frozenset({LOAN_OPEN}))


def loan_state(returned_on) -> str:
    return LOAN_OPEN if returned_on is None else LOAN_RETURNED


# Affidamento (art. 35): open until the verbale di riconsegna (inventory_assignment.ended_on).
ASSIGNMENT_OPEN, ASSIGNMENT_RETURNED = "in corso", "riconsegnato"
ASSIGNMENT = Lifecycle(
    "l'affidamento", {ASSIGNMENT_OPEN: "in corso", ASSIGNMENT_RETURNED: "riconsegnato"},
    {ASSIGNMENT_OPEN: frozenset({ASSIGNMENT_RETURNED}), ASSIGNMENT_RETURNED: frozenset()},
    initial=ASSIGNMENT_OPEN, open=frozenset({ASSIGNMENT_OPEN}))


def assignment_state(ended_on) -> str:
    return ASSIGNMENT_OPEN if ended_on is None else ASSIGNMENT_RETURNED


# Vendita o cessione (art. 34): decree -> avviso -> award or deserted -> conclusion; a direct
# cession to a school or public body is concluded from the decree (c.4).
SALE = Lifecycle(
    "la vendita",
    {"aperta": "in preparazione", "pubblicata": "avviso pubblicato",
     "aggiudicata": "aggiudicata", "deserta": "deserta", "conclusa": "conclusa"},
    {"aperta": frozenset({"pubblicata", "conclusa"}),
     "pubblicata": frozenset({"aggiudicata", "deserta"}),
     "deserta": frozenset({"conclusa"}),
     "aggiudicata": frozenset(), "conclusa": frozenset()},
    initial="aperta", open=frozenset({"aperta", "pubblicata", "deserta"}))
# Offers are received until the award (after the avviso, checked with its dates).
SALE_TAKES_OFFERS = frozenset({"aperta", "pubblicata"})
