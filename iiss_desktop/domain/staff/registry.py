"""The staff registry's rules on plain values: codice fiscale, areas, contracts over time.

A contract is one period of service with one kind and one working time; what changes (an
ex-LSU proroga, the change from part-time to full time) is a new period that follows the
previous one, so the history reads as a list of periods and nothing is rewritten.

- Kinds (issue 14 item 1): tempo indeterminato (no end date: a cessazione closes it);
  tempo determinato to 30/6 (termine delle attività didattiche) or to 31/8 (annuale);
  supplenza breve e saltuaria; organico Covid until the end of lessons; ex-LSU, extended
  month by month; assistente tecnico assigned to an istituto comprensivo for the emergency.
  Every kind but the tempo indeterminato needs an end date.
- [U] readings of ours, not in domain.md: the organico Covid ends by 30/6 of its school year
  (the end of lessons falls before); an ex-LSU proroga ends on the last day of a month; the
  part-time share is any percentage above 0 and at most 100 (the 50 % minimum of O.M.
  446/1997 for school staff is not checked).
- The periods of one person never overlap (annulled ones aside); the end that counts is the
  closing date when the contract was closed early, else its end date.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from ..dates import format_date
from ..errors import ValidationError
from .profiles import AREAS_2007, AREAS_2024, PROFILE_AREAS, ROLES

INDETERMINATO = "indeterminato"
DETERMINATO_3006 = "determinato_3006"
DETERMINATO_3108 = "determinato_3108"
SUPPLENZA_BREVE = "supplenza_breve"
COVID = "covid"
EX_LSU = "ex_lsu"
AT_IC = "at_ic"

CONTRACT_KINDS = {
    INDETERMINATO: "Tempo indeterminato",
    DETERMINATO_3006: "Tempo determinato fino al 30/6",
    DETERMINATO_3108: "Tempo determinato fino al 31/8",
    SUPPLENZA_BREVE: "Supplenza breve e saltuaria",
    COVID: "Organico Covid (fino al termine delle lezioni)",
    EX_LSU: "Ex LSU (prorogato di mese in mese)",
    AT_IC: "Assistente tecnico assegnato a istituto comprensivo (emergenza)",
}
EXTENDABLE = frozenset({EX_LSU, COVID, SUPPLENZA_BREVE, AT_IC})

POSIZIONI_ECONOMICHE = {"": "Nessuna", "prima": "Prima posizione economica (art. 50)",
                        "seconda": "Seconda posizione economica (art. 50)"}

INCARICO_SOURCES = {
    "incarichi_specifici": "Fondo per gli incarichi specifici (MOF, art. 47 CCNL 2007)",
    "fis": "Fondo dell'istituzione scolastica (contrattazione d'istituto)",
    "programma_annuale": "Progetto del Programma Annuale",
    "altro": "Altra fonte",
}

FULL_TIME_BP = 10_000   # percentages are stored in hundredths of a percent: 83,33 % = 8333


def contract_label(kind: str) -> str:
    return CONTRACT_KINDS.get(kind, kind)


# --- the person ----------------------------------------------------------------------------
def check_codice_fiscale(value: str | None) -> str:
    """The codice fiscale upper-cased, or ValidationError naming the field."""
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.it import codicefiscale

    text = (value or "").strip().upper().replace(" ", "")
    if not text:
        raise ValidationError({"codice_fiscale": "Il campo «Codice fiscale» è obbligatorio."})
    try:
        return codicefiscale.validate(text)
    except StdnumError as exc:
        why = {"InvalidLength": "deve avere 16 caratteri",
               "InvalidChecksum": "il carattere di controllo non corrisponde",
               "InvalidFormat": "il formato non è quello di un codice fiscale",
               "InvalidComponent": "la data di nascita non è valida"}.get(
                   type(exc).__name__, "non è valido")
        raise ValidationError({"codice_fiscale": (
            f"Codice fiscale «{text}» non valido: {why}.")}) from None


def check_areas(profile: str, area_2007: str | None, area_2024: str | None
                ) -> tuple[str, str]:
    """The areas under the two classifications (the profile's defaults when not given)."""
    if profile not in PROFILE_AREAS:
        raise ValidationError({"role": f"«{ROLES.get(profile, profile)}» non è un profilo del "
                                       "personale ATA."})
    old, new = PROFILE_AREAS[profile]
    a7 = old[0] if area_2007 is None else area_2007
    a24 = new[0] if area_2024 is None else area_2024
    errors = {}
    if a7 not in old:
        errors["area_2007"] = (f"Area «{AREAS_2007.get(a7, a7)}» (CCNL 2007) non ammessa per "
                               f"il profilo «{ROLES[profile]}»: "
                               + ", ".join(AREAS_2007.get(a, "nessuna") for a in old) + ".")
    if a24 not in new:
        errors["area_2024"] = (f"Area «{AREAS_2024.get(a24, a24)}» (CCNL 2019-21) non ammessa "
                               f"per il profilo «{ROLES[profile]}»: "
                               + ", ".join(AREAS_2024[a] for a in new) + ".")
    if errors:
        raise ValidationError(errors)
    return a7, a24


def years_of_service(service_since: date | None, on: date) -> int | None:
    """Whole years from ``service_since`` to ``on`` (None when not recorded)."""
    if service_since is None:
        return None
    years = on.year - service_since.year - ((on.month, on.day)
                                            < (service_since.month, service_since.day))
    return max(years, 0)


# --- contracts -----------------------------------------------------------------------------
def part_time_bp(value) -> int:
    """A percentage (83.33, "83,33", Decimal) as hundredths of a percent, checked."""
    if value is None or value == "":
        return FULL_TIME_BP
    try:
        pct = Decimal(str(value).replace(",", ".").replace("%", "").strip())
    except InvalidOperation:
        raise ValidationError({"part_time_percent": (
            f"Percentuale di part-time «{value}» non valida: indicare un numero come 50 o "
            "83,33.")}) from None
    if not pct.is_finite() or not 0 < pct <= 100 or pct != pct.quantize(Decimal("0.01")):
        raise ValidationError({"part_time_percent": (
            f"Percentuale di part-time {value} % non valida: indicare un valore maggiore di 0 "
            "e al massimo 100, con al massimo due decimali.")})
    return int(pct * 100)


def percent_of(bp: int) -> Decimal:
    return (Decimal(bp) / 100).quantize(Decimal("0.01"))


def percent_text(bp: int) -> str:
    """83,33 % / 100 % as an Italian reader writes them."""
    pct = percent_of(bp)
    text = f"{pct:f}".rstrip("0").rstrip(".") if "." in f"{pct:f}" else f"{pct:f}"
    return text.replace(".", ",") + " %"


def _last_of_month(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def school_year_end(day: date) -> date:
    """31/8 of the school year that ``day`` falls in (1/9 to 31/8)."""
    return date(day.year + (day.month >= 9), 8, 31)


def check_contract(kind: str, starts_on, ends_on, *, profile: str,
                   assigned_school: str = "") -> None:
    """ValidationError naming the field for a contract that cannot stand on its own."""
    if kind not in CONTRACT_KINDS:
        raise ValidationError({"kind": f"«{kind}» non è un tipo di contratto ammesso: "
                                       + ", ".join(CONTRACT_KINDS.values()) + "."})
    label = CONTRACT_KINDS[kind]
    if not isinstance(starts_on, date):
        raise ValidationError({"starts_on": "Il campo «Inizio del contratto» è obbligatorio."})
    if ends_on is not None and not isinstance(ends_on, date):
        raise ValidationError({"ends_on": "Il campo «Fine del contratto» deve essere una data."})
    if kind == INDETERMINATO:
        if ends_on is not None:
            raise ValidationError({"ends_on": (
                "Un contratto a tempo indeterminato non ha data di fine: per la cessazione "
                "chiudere il contratto con la data e il motivo.")})
        return
    if ends_on is None:
        raise ValidationError({"ends_on": (
            f"Il contratto «{label}» è a tempo determinato: indicare la data di fine.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": (
            f"La fine del contratto ({format_date(ends_on)}) precede l'inizio "
            f"({format_date(starts_on)}).")})
    if kind == DETERMINATO_3006 and (ends_on.month, ends_on.day) != (6, 30):
        raise ValidationError({"ends_on": (
            f"Il contratto «{label}» termina il 30/6, non il {format_date(ends_on)}.")})
    if kind == DETERMINATO_3108 and (ends_on.month, ends_on.day) != (8, 31):
        raise ValidationError({"ends_on": (
            f"Il contratto «{label}» termina il 31/8, non il {format_date(ends_on)}.")})
    if kind in (DETERMINATO_3006, DETERMINATO_3108) and ends_on > school_year_end(starts_on):
        raise ValidationError({"ends_on": (
            f"Il contratto «{label}» termina nell'anno scolastico in cui inizia (entro il "
            f"{format_date(school_year_end(starts_on))}).")})
    if kind == COVID:
        last = date(school_year_end(starts_on).year, 6, 30)
        if ends_on > last:
            raise ValidationError({"ends_on": (
                f"Il contratto «{label}» dura al più fino al termine delle lezioni: entro il "
                f"{format_date(last)}.")})
    if kind == AT_IC:
        if profile != "AT":
            raise ValidationError({"kind": (
                f"Il contratto «{label}» è solo per il profilo di assistente tecnico.")})
        if not (assigned_school or "").strip():
            raise ValidationError({"assigned_school": (
                "Indicare l'istituto comprensivo a cui l'assistente tecnico è assegnato.")})


def check_extension(kind: str, previous_end: date, until) -> date:
    """The first day of a proroga (the day after ``previous_end``), or ValidationError."""
    label = CONTRACT_KINDS.get(kind, kind)
    if kind not in EXTENDABLE:
        raise ValidationError({"kind": f"Il contratto «{label}» non si proroga."})
    if not isinstance(until, date):
        raise ValidationError({"ends_on": "Indicare la data di fine della proroga."})
    start = previous_end + timedelta(days=1)
    if until < start:
        raise ValidationError({"ends_on": (
            f"La proroga deve terminare dopo la fine del periodo precedente "
            f"({format_date(previous_end)}).")})
    if kind == EX_LSU and not _last_of_month(until):
        raise ValidationError({"ends_on": (
            f"Il contratto ex LSU si proroga di mese in mese: la proroga termina l'ultimo "
            f"giorno di un mese, non il {format_date(until)}.")})
    return start


@dataclass(frozen=True)
class Period:
    """One contract period as the overlap check sees it."""

    id: int | None
    starts_on: date
    ends_on: date | None       # None: open-ended
    label: str = ""

    def overlaps(self, other: Period) -> bool:
        a_end = self.ends_on or date.max
        b_end = other.ends_on or date.max
        return self.starts_on <= b_end and other.starts_on <= a_end

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= (self.ends_on or date.max)


def effective_end(ends_on: date | None, closed_on: date | None) -> date | None:
    if closed_on is not None and (ends_on is None or closed_on < ends_on):
        return closed_on
    return ends_on


def check_no_overlap(new: Period, existing: Iterable[Period]) -> None:
    for other in existing:
        if other.id != new.id and new.overlaps(other):
            until = (f"al {format_date(other.ends_on)}" if other.ends_on
                     else "senza data di fine")
            raise ValidationError({"starts_on": (
                f"Il periodo si sovrappone a un altro contratto della stessa persona "
                f"({other.label}, dal {format_date(other.starts_on)} {until}): chiudere "
                "prima quel contratto o correggere le date.")})
