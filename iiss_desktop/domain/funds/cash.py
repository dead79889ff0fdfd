"""Fondo economale per le minute spese (D.I. 129/2018 art. 21), the rules without the database.

From the rule text (domain.md §3): the Consiglio d'istituto sets the fund's size and the
maximum of one expense; the DSGA holds the fund (an advance by mandato); the fund is
reintegrated on presentation of the expenses paid; at the end of the financial year the cash
left is paid back by a reversale. An expense is not allowed on a running contract, nor may a
purchase be split to stay under the maximum. [U]: the voci used (the advance on the fund's
destination with tipo di spesa 99 «Partite di giro», the closing on entrata 99/01) follow the
piano dei conti's partite di giro and are not confirmed against the ministry's notes.
"""
from __future__ import annotations

from decimal import Decimal

from ..errors import ValidationError
from ..money import format_money
from ..registers import RegisterSpec, define_register

MINUTE_SPESE = define_register(RegisterSpec("fondi-minute-spese",
                                            "Registro delle minute spese (fondo economale)",
                                            "funds", yearly=True))
ADVANCE_TYPE = "99"          # [U] tipo di spesa of the advance: partite di giro
CLOSING_REVENUE = "99/01"    # [U] «Reintegro anticipo al DSGA (fondo economale)»


def cash_left(advance: Decimal, expenses: Decimal, reimbursed: Decimal,
              closed: Decimal) -> Decimal:
    """The cash the DSGA holds: advance − expenses + reintegri − the closing reversale."""
    return advance - expenses + reimbursed - closed


def check_expense(amount: Decimal, *, max_expense: Decimal, cash: Decimal) -> None:
    if amount > max_expense:
        raise ValidationError({"amount": (
            f"Importo: {format_money(amount)} supera il limite di {format_money(max_expense)} "
            "per singola spesa fissato dal Consiglio d'istituto.")})
    if amount > cash:
        raise ValidationError({"amount": (
            f"Importo: {format_money(amount)} supera la cassa residua del fondo economale "
            f"({format_money(cash)}).")})


def check_not_split(amount: Decimal, same_day: Decimal, creditor: str, *,
                    max_expense: Decimal) -> None:
    """No splitting a purchase to stay under the maximum: the expenses of one day with one
    supplier together stay within it. [U] «same day, same supplier» is this program's
    reading of the ban, not a rule of the text."""
    if same_day and same_day + amount > max_expense:
        raise ValidationError({"amount": (
            f"Importo: con le spese dello stesso giorno presso «{creditor}» "
            f"({format_money(same_day)}) si supera il limite di {format_money(max_expense)} "
            "per singola spesa: un acquisto non si fraziona.")})


def check_limits(size: Decimal, max_expense: Decimal) -> None:
    if max_expense > size:
        raise ValidationError({"max_expense": "Il limite per singola spesa non può superare "
                                              "la consistenza del fondo."})
