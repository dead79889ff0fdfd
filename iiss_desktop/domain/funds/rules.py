"""Rules of the Programma Annuale and of the spending cycle (D.I. 129/2018 Titolo I).

- Financial year = calendar year (art. 2 [C-3p]): every date of a movement falls in it.
- Balance (art. 5 [C-3p]): total spending forecasts not above total revenue forecasts.
- Fondo di riserva R98 (art. 8 [U]): at most ``RESERVE_LIMIT_PERCENT`` of the dotazione
  ordinaria (10 % under D.I. 129 is [U]; 5 % in D.I. 44/2001 [C]): a setting of each PA.
- Variations (art. 10 [C-3p]): by decree of the dirigente for earmarked revenue and for
  storni and prelievi dal fondo di riserva, by deliberation of the Consiglio otherwise; none in
  December without a recorded reason (exceptional and motivated cases only).
- Impegno (art. 15 [C-3p]): within the remaining appropriation of the destination
  (definitive forecast − impegni); never on R98, D100, Z01. Liquidazione (art. 16 c.1 [C])
  after the check of regular supply; mandato (art. 17 [C]) with amount in words and the
  creditor's tax data.

States are declared as tables (domain/lifecycle.py).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..dates import format_date
from ..errors import ValidationError
from ..lifecycle import Lifecycle
from ..money import check_amount, format_money, parse_money
from ..registers import RegisterSpec, define_register

# --- registers: numbered without gaps per year (foundation register core) -----------------
IMPEGNI = define_register(RegisterSpec("fondi-impegni", "Registro degli impegni di spesa",
                                       "funds", yearly=True))
LIQUIDAZIONI = define_register(RegisterSpec("fondi-liquidazioni", "Registro delle liquidazioni",
                                            "funds", yearly=True))
MANDATI = define_register(RegisterSpec("fondi-mandati", "Registro dei mandati di pagamento",
                                       "funds", yearly=True))
REVERSALI = define_register(RegisterSpec("fondi-reversali", "Registro delle reversali d'incasso",
                                         "funds", yearly=True))
# Art. 13-14 [C-3p]: the accertamento by the DSGA on a document, before the riscossione.
ACCERTAMENTI = define_register(RegisterSpec("fondi-accertamenti",
                                            "Registro degli accertamenti di entrata", "funds",
                                            yearly=True))

# --- settings -----------------------------------------------------------------------------
RESERVE_LIMIT_PERCENT = Decimal("10")   # [U] D.I. 129/2018: 10 % of the dotazione ordinaria
# An impegno that leaves less than this share of the definitive appropriation is accepted with
# a warning (an office choice, not a rule of law).
NEAR_LIMIT_PERCENT = Decimal("10")
MIN_REASON = 10

FUND_WARNING_DAYS = 30     # an earmarked fund's deadline shown this many days ahead

# --- Programma Annuale: proposta della Giunta -> parere dei revisori -> delibera del CdI ----
# The Consiglio may approve even without the parere (art. 5 [C-3p]).
PROGRAMME = Lifecycle(
    "il Programma Annuale",
    {"proposta": "proposto dalla Giunta", "parere": "con il parere dei revisori",
     "deliberato": "deliberato dal Consiglio d'istituto"},
    {"proposta": frozenset({"parere", "deliberato"}),
     "parere": frozenset({"deliberato"}),
     "deliberato": frozenset()},
    initial="proposta", open=frozenset({"proposta", "parere"}))
# Forecasts change only while the PA is a proposal; afterwards only by variation.
EDITABLE = frozenset({"proposta"})

# --- spending cycle: impegno -> liquidazione -> mandato ------------------------------------
COMMITMENT = Lifecycle(
    "l'impegno",
    {"impegnato": "impegnato", "liquidato in parte": "liquidato in parte",
     "liquidato": "liquidato"},
    {"impegnato": frozenset({"liquidato in parte", "liquidato"}),
     "liquidato in parte": frozenset({"liquidato in parte", "liquidato"}),
     "liquidato": frozenset()},
    initial="impegnato", open=frozenset({"impegnato", "liquidato in parte"}))
LIQUIDATION = Lifecycle(
    "la liquidazione",
    {"da pagare": "da pagare", "pagata": "pagata con mandato"},
    {"da pagare": frozenset({"pagata"}), "pagata": frozenset()},
    initial="da pagare", open=frozenset({"da pagare"}))

# --- variations ----------------------------------------------------------------------------
VARIATION_KINDS = {
    "decreto": "Decreto del Dirigente (entrate finalizzate)",
    "delibera": "Delibera del Consiglio d'istituto",
    "storno": "Storno tra destinazioni",
    "prelievo": "Prelievo dal fondo di riserva",
}
# Kinds the dirigente decides alone (art. 10 c.5 [C-3p]; prelievo [U for 129]).
BY_DECREE = frozenset({"decreto", "storno", "prelievo"})


def _amount(value, field: str, label: str) -> Decimal:
    """Typed text («1.234,56», parsed by domain.money) or a Decimal; the message names the
    field by its Italian label."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError({field: f"Indicare il campo «{label}»."})
    if not isinstance(value, str):
        return check_amount(value, field, label)
    try:
        return parse_money(value, field, allow_negative=True)
    except ValidationError as exc:
        raise ValidationError({field: f"Il campo «{label}»: {exc.errors[field]}"}) from None


def positive_amount(value, field: str, label: str) -> Decimal:
    """An amount above zero, with at most two decimals: typed text («1.234,56») or a Decimal."""
    amount = _amount(value, field, label)
    if amount < 0:
        raise ValidationError({field: f"Il campo «{label}» non può essere negativo."})
    if amount == 0:
        raise ValidationError({field: f"Il campo «{label}» deve essere maggiore di zero."})
    return amount


def forecast_amount(value, field: str, label: str) -> Decimal:
    """A forecast: zero allowed, never negative."""
    amount = _amount(value, field, label)
    if amount < 0:
        raise ValidationError({field: f"Il campo «{label}» non può essere negativo."})
    return amount


def check_in_year(day: date | None, year: int, field: str, label: str) -> date:
    if day is None:
        raise ValidationError({field: f"Indicare il campo «{label}»."})
    if day.year != year:
        raise ValidationError({field: f"{label}: il {format_date(day)} non è nell'esercizio "
                                      f"finanziario {year} (dal 01/01/{year} al 31/12/{year})."})
    return day


def check_balance(revenue: Decimal, spending: Decimal) -> None:
    if spending > revenue:
        raise ValidationError({"forecasts": (
            f"Le spese previste ({format_money(spending)}) superano le entrate previste "
            f"({format_money(revenue)}) di {format_money(spending - revenue)}: il Programma "
            "Annuale deve essere in equilibrio.")})


def reserve_limit(ordinary_allocation: Decimal, percent: Decimal) -> Decimal:
    from ..money import quantize

    return quantize(ordinary_allocation * percent / 100)


def check_reserve(reserve: Decimal, ordinary_allocation: Decimal, percent: Decimal) -> None:
    limit = reserve_limit(ordinary_allocation, percent)
    if reserve > limit:
        raise ValidationError({"R98": (
            f"Il fondo di riserva ({format_money(reserve)}) supera il limite del "
            f"{percent:g} % della dotazione ordinaria ({format_money(ordinary_allocation)}): "
            f"al massimo {format_money(limit)}.")})


def check_variation_reason(kind: str, decided_on: date, reason: str) -> str:
    text = " ".join((reason or "").split())
    if kind not in VARIATION_KINDS:
        raise ValidationError({"kind": "Indicare il tipo di variazione: decreto del Dirigente, "
                                       "delibera del Consiglio, storno o prelievo dal fondo "
                                       "di riserva."})
    if decided_on.month == 12 and len(text) < MIN_REASON:
        raise ValidationError({"reason": (
            "Nel mese di dicembre le variazioni al Programma Annuale sono ammesse solo in casi "
            "eccezionali e motivati (art. 10): indicare il motivo (almeno "
            f"{MIN_REASON} caratteri).")})
    return text


def provisional_limit(previous_definitive: Decimal, month: int) -> Decimal:
    """Gestione provvisoria (art. 6 c.1): a twelfth of the previous year's definitive
    appropriation for each month up to ``month`` (cumulative reading [U]), to the cent."""
    from ..money import quantize

    return quantize(previous_definitive * month / 12)


def availability_problem(destination: str, definitive: Decimal, committed: Decimal,
                         amount: Decimal) -> str | None:
    """Why committing ``amount`` on ``destination`` is refused, or None."""
    remaining = definitive - committed
    if amount > remaining:
        return (f"Impegno di {format_money(amount)} superiore alla disponibilità di "
                f"{destination}: previsione definitiva {format_money(definitive)}, già "
                f"impegnati {format_money(committed)}, disponibili {format_money(remaining)}.")
    return None


def availability_warning(destination: str, definitive: Decimal, committed: Decimal,
                         amount: Decimal) -> str:
    left = definitive - committed - amount
    if definitive > 0 and left * 100 < definitive * NEAR_LIMIT_PERCENT:
        return (f"Attenzione: dopo questo impegno su {destination} restano disponibili "
                f"{format_money(left)}, meno del {NEAR_LIMIT_PERCENT:g} % della previsione "
                f"definitiva ({format_money(definitive)}).")
    return ""
