"""Who answers for the goods (D.I. 129/2018 art. 30 and 35; domain.md §1.2), and the
maintenance log of a good.

- the consegnatario is the DSGA (art. 30 c.1); sostituti (c.2) and sub-consegnatari of a
  plesso (c.3) are appointed by decree of the Dirigente Scolastico;
- laboratory goods are entrusted by the DSGA, on binding indication of the DS, to the
  teachers or technical staff using them, by a verbale in two copies; the riconsegna is
  another verbale and ends the affidamento (art. 35).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..dates import format_date
from ..errors import ValidationError, collect
from ..money import check_amount
from ..registers import RegisterSpec, define_register

AREA = "inventory"

ROLES = {
    "consegnatario": "Consegnatario (DSGA)",
    "sostituto": "Sostituto del consegnatario",
    "sub_consegnatario": "Sub-consegnatario",
}
# Roles held by one person at a time (per plesso for the sub-consegnatario): a new
# appointment ends the previous one. Sostituti may be more than one (art. 30 c.2).
SINGLE_HOLDER = {"consegnatario", "sub_consegnatario"}
NEEDS_DECREE = {"sostituto", "sub_consegnatario"}

# Art. 35: to whom laboratory material is entrusted.
ASSIGNEE_ROLES = {
    "docente": "Docente",
    "itp": "Insegnante tecnico-pratico",
    "assistente_tecnico": "Assistente tecnico",
    "direttore_laboratorio": "Docente direttore di laboratorio",
}

# Verbali di affidamento and of riconsegna share one yearly register.
AFFIDAMENTI = "inv-affidamenti"
define_register(RegisterSpec(AFFIDAMENTI, "Verbali di affidamento e riconsegna", AREA,
                             yearly=True))

MAINTENANCE_KINDS = {
    "manutenzione": "Manutenzione",
    "riparazione": "Riparazione",
    "aggiornamento": "Aggiornamento",
    "verifica_sicurezza": "Verifica di sicurezza",
}


def _not_future(errors: dict, field: str, day: date | None, what: str, today: date) -> None:
    if day is not None and day > today:
        errors[field] = f"La data {what} ({format_date(day)}) è futura."


def check_role(*, role: str, person_name: str, site_id: int | None, decree_number: str,
               decree_date: date | None, started_on: date | None,
               today: date) -> tuple[str, str]:
    """An appointment: (clean name, clean decree number), or every error at once.

    Sostituto and sub-consegnatario exist only by decree of the DS (art. 30 c.2-3); a
    sub-consegnatario answers for the goods of one plesso.
    """
    errors: dict[str, str] = {}
    name = " ".join((person_name or "").split())
    number = (decree_number or "").strip()
    if role not in ROLES:
        errors["role"] = "Scegliere il ruolo: consegnatario, sostituto o sub-consegnatario."
    if not name:
        errors["person_name"] = "Indicare la persona nominata."
    if role in NEEDS_DECREE:
        what = ROLES[role].lower()
        if not number:
            errors["decree_number"] = (f"Il {what} è nominato con decreto del Dirigente "
                                       "Scolastico (art. 30 D.I. 129/2018): indicarne il numero.")
        if decree_date is None:
            errors["decree_date"] = "Indicare la data del decreto di nomina."
    if role == "sub_consegnatario" and site_id is None:
        errors["site_id"] = "Indicare il plesso affidato al sub-consegnatario."
    if role != "sub_consegnatario" and site_id is not None:
        errors["site_id"] = "Solo il sub-consegnatario è nominato per un plesso."
    if started_on is None:
        errors["started_on"] = "Indicare la data di decorrenza della nomina."
    _not_future(errors, "decree_date", decree_date, "del decreto", today)
    _not_future(errors, "started_on", started_on, "di decorrenza", today)
    if errors:
        raise ValidationError(errors)
    return name, number


def check_end(*, started_on: date, ended_on: date | None, today: date,
              field: str = "ended_on") -> None:
    """The end of a role or of an affidamento: not before its start, not in the future."""
    if ended_on is None:
        raise ValidationError({field: "Indicare la data di cessazione."})
    if ended_on > today:
        raise ValidationError({field: f"La data {format_date(ended_on)} è futura."})
    if ended_on < started_on:
        raise ValidationError({field: f"La data {format_date(ended_on)} è anteriore "
                                      f"all'inizio ({format_date(started_on)})."})


def check_assignment(*, assignee_name: str, assignee_role: str, room_id: int | None,
                     started_on: date | None, ds_indication: str, condition: str,
                     items: int, states, today: date) -> tuple[str, str]:
    """An affidamento (art. 35): (clean name, clean DS indication)."""
    errors: dict[str, str] = {}
    name = " ".join((assignee_name or "").split())
    indication = (ds_indication or "").strip()
    if not name:
        errors["assignee_name"] = "Indicare l'affidatario."
    if assignee_role not in ASSIGNEE_ROLES:
        errors["assignee_role"] = ("L'affidatario è un docente, un insegnante tecnico-pratico, "
                                   "un assistente tecnico o il direttore di laboratorio.")
    if room_id is None:
        errors["room_id"] = "Indicare il laboratorio, gabinetto od officina."
    if started_on is None:
        errors["started_on"] = "Indicare la data dell'affidamento."
    _not_future(errors, "started_on", started_on, "dell'affidamento", today)
    if not indication:
        errors["ds_indication"] = ("Indicare l'atto del Dirigente Scolastico che individua "
                                   "l'affidatario (art. 35: indicazione vincolante).")
    if condition not in states:
        errors["condition"] = "Stato dei beni alla consegna non valido."
    if items < 1:
        errors["item_ids"] = "Scegliere almeno un bene da affidare."
    if errors:
        raise ValidationError(errors)
    return name, indication


def check_maintenance(*, done_on: date | None, kind: str, description: str,
                      cost: Decimal | None, warranty_until: date | None,
                      today: date) -> tuple[str, Decimal | None]:
    """One line of the maintenance log: (clean description, cost)."""
    errors: dict[str, str] = {}
    text = (description or "").strip()
    if done_on is None:
        errors["done_on"] = "Indicare la data dell'intervento."
    _not_future(errors, "done_on", done_on, "dell'intervento", today)
    if kind not in MAINTENANCE_KINDS:
        errors["kind"] = "Scegliere il tipo di intervento."
    if len(text) < 5:
        errors["description"] = "Descrivere l'intervento (almeno 5 caratteri)."
    if warranty_until is not None and done_on is not None and warranty_until < done_on:
        errors["warranty_until"] = ("La garanzia non può scadere prima dell'intervento "
                                    f"({format_date(done_on)}).")
    amount = None
    if cost is not None:
        amount = collect(errors, check_amount, cost, "cost", "costo")
        if amount is not None and amount < 0:
            errors["cost"] = "Il costo non può essere negativo."
    if errors:
        raise ValidationError(errors)
    return text, amount
