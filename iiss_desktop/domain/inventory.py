"""Inventory rules (D.I. 28 agosto 2018 n. 129, artt. 29-35; Linee guida, Nota M.I. 4083/2021).

Registers (art. 31 c.1), what is inventoried (art. 31 c.5-6, Linee guida §2.2), valuation
(art. 32) and the default ammortamento rates (domain.md §1.7, marked as defaults: the
school can change them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .dates import format_date
from .errors import ValidationError
from .money import format_money
from .registers import RegisterSpec, add_register_resolver, define_register

AREA = "inventory"

# Art. 31 c.1: one inventory per category, numbered progressively and never restarted
# (until a rinnovo opens new registers). Beni di terzi in a separate register (c.4).
REGISTERS = {
    "inv-mobili": "Inventario dei beni mobili",
    "inv-storico": "Inventario dei beni di valore storico-artistico",
    "inv-libri": "Inventario dei libri e del materiale bibliografico",
    "inv-valori": "Inventario dei valori mobiliari",
    "inv-veicoli": "Inventario dei veicoli e natanti",
    "inv-immobili": "Inventario dei beni immobili",
    "inv-terzi": "Inventario dei beni di terzi",
}
SHORT_NAMES = {
    "inv-mobili": "beni mobili", "inv-storico": "storico-artistici", "inv-libri": "libri",
    "inv-valori": "valori mobiliari", "inv-veicoli": "veicoli e natanti",
    "inv-immobili": "beni immobili", "inv-terzi": "beni di terzi", "inv-durevoli": "beni durevoli",
}


def item_label(register: str, number: int) -> str:
    """"beni mobili n. 12": how a good is named in messages, lists and contracts."""
    return f"{short_name(register)} n. {number}"


def good_ref(register: str, number: int) -> str:
    """"n. 12 (beni mobili)": a good after the word "bene" in a sentence ("Il bene n. 12 (beni
    mobili) è già stato scaricato"), where :func:`item_label` would read "il bene beni mobili
    n. 12". A series opened by a rinnovo: "n. 12 (beni mobili, rinnovo 2026)"."""
    base = base_of(register)
    name = SHORT_NAMES.get(base, register)
    year = series_year(register) if base in SHORT_NAMES else None
    return f"n. {number} ({name}, rinnovo {year})" if year else f"n. {number} ({name})"


# --- Series (rinnovo, domain.md §1.8) -------------------------------------------------------
# A rinnovo closes the current series of one inventory and opens a new one whose numbers
# restart from 1. The first series keeps the plain code ("inv-mobili"); the series opened by
# a rinnovo in 2026 is "inv-mobili.2026".
def series_code(base: str, year: int) -> str:
    if base not in REGISTERS:
        raise ValidationError({"register": "Inventario non valido."})
    return f"{base}.{year}"


def base_of(code: str) -> str:
    return (code or "").partition(".")[0]


def series_year(code: str) -> int | None:
    """The year of the rinnovo that opened this series; None for a first series."""
    suffix = (code or "").partition(".")[2]
    return int(suffix) if len(suffix) == 4 and suffix.isdigit() else None


def is_series_code(code: str) -> bool:
    return base_of(code) in REGISTERS and series_year(code) is not None


def short_name(code: str) -> str:
    """"beni mobili", or "beni mobili (rinnovo 2026)" for a series opened by a rinnovo."""
    base = base_of(code)
    name = SHORT_NAMES.get(base, code)
    year = series_year(code) if base in SHORT_NAMES else None
    return f"{name} (rinnovo {year})" if year else name


def register_title(code: str) -> str:
    base = base_of(code)
    title = REGISTERS.get(base) or ("Registro dei beni durevoli" if code == DURABLE_REGISTER
                                    else code)
    year = series_year(code) if base in REGISTERS else None
    return f"{title} (rinnovo {year})" if year else title


def code_of_short_name(name: str, default: str | None = None) -> str | None:
    """The register code shown as ``name`` in the grid (inverse of :func:`short_name`)."""
    for code, short in SHORT_NAMES.items():
        if short == name:
            return code
    head, _, tail = (name or "").partition(" (rinnovo ")
    code = code_of_short_name(head) if tail.endswith(")") else None
    year = tail[:-1]
    return f"{code}.{year}" if code in REGISTERS and year.isdigit() else default


# Not an inventory: the Linee guida recommend it for goods of 200 EUR or less, descriptive
# only (its values do not enter the conto del patrimonio).
DURABLE_REGISTER = "inv-durevoli"
# The buoni di carico are numbered per year.
BUONO_CARICO = "inv-buoni-carico"

for _code, _title in REGISTERS.items():
    define_register(RegisterSpec(_code, _title, AREA, yearly=False))


def _series_spec(code: str) -> RegisterSpec | None:
    """A series opened by a rinnovo is a register like the first one, defined when asked."""
    if not is_series_code(code):
        return None
    return RegisterSpec(code, register_title(code), AREA, yearly=False)


add_register_resolver(_series_spec)
define_register(RegisterSpec(DURABLE_REGISTER, "Registro dei beni durevoli", AREA, yearly=False))
define_register(RegisterSpec(BUONO_CARICO, "Buoni di carico", AREA, yearly=True))
# The buoni di scarico that execute a decree of discarico (art. 33), numbered per year.
BUONO_SCARICO = "inv-buoni-scarico"
define_register(RegisterSpec(BUONO_SCARICO, "Buoni di scarico", AREA, yearly=True))

THRESHOLD = Decimal("200.00")   # art. 31 c.5: IVA compresa

# What the good is, for the inventariability rule.
NATURES = {
    "bene": "Bene durevole",
    "consumo": "Materiale di facile consumo",
    "periodico": "Rivista o periodico",
    "biblioteca_classe": "Libro per la biblioteca di classe",
    "licenza": "Licenza d'uso di software",
}
NOT_INVENTORIED = {"consumo", "periodico", "biblioteca_classe", "licenza"}

VALUATIONS = {   # art. 32
    "acquisto": "prezzo di fattura",
    "produzione": "prezzo di costo",
    "donazione": "prezzo di stima",
    "rinvenimento": "prezzo di stima",
}

STATES = ("ottimo", "buono", "discreto", "mediocre", "inservibile")

# Default annual ammortamento rates (straight line), MEF scheme [U for schools]: editable.
DEFAULT_RATES = {
    "Mobili e arredi": Decimal("10"),
    "Macchinari per ufficio": Decimal("20"),
    "Hardware": Decimal("25"),
    "Attrezzature tecniche e scientifiche": Decimal("20"),
    "Mezzi di trasporto leggeri": Decimal("20"),
    "Mezzi di trasporto pesanti e macchine agricole": Decimal("10"),
    "Materiale bibliografico": Decimal("5"),
}


@dataclass(frozen=True)
class Destination:
    """Where a good goes when taken in charge."""

    register: str | None      # None: not recorded at all (consumables, periodicals...)
    reason: str

    @property
    def inventoried(self) -> bool:
        return self.register is not None and self.register != DURABLE_REGISTER


def destination(*, category_register: str, nature: str, unit_value: Decimal,
                universalita_value: Decimal | None = None) -> Destination:
    """Art. 31 c.5-6 and Linee guida §2.2: is the good inventoried, and where?

    ``unit_value`` is IVA included (institutional purchases). A good of 200 EUR or less is
    inventoried only as part of a universalità (a set bought together, e.g. identical
    chairs) worth more than 200 EUR; otherwise it goes to the registro dei beni durevoli.
    Beni di terzi are always recorded in their register: they are not the school's patrimony
    and the threshold does not apply.
    """
    if nature not in NATURES:
        raise ValidationError({"nature": "Natura del bene non valida."})
    if category_register not in REGISTERS:
        raise ValidationError({"register": "Inventario non valido."})
    if nature in NOT_INVENTORIED:
        return Destination(None, f"{NATURES[nature]}: non si inventaria (art. 31 c.5-6, "
                                 "Linee guida §2.2).")
    if category_register == "inv-terzi":
        return Destination("inv-terzi", "Bene di terzi: inventario separato (art. 31 c.4).")
    if unit_value > THRESHOLD:
        return Destination(category_register, f"Valore {format_money(unit_value)} oltre "
                                              "200,00 € IVA compresa.")
    if universalita_value is not None and universalita_value > THRESHOLD:
        return Destination(category_register,
                           f"Parte di una universalità di beni del valore di "
                           f"{format_money(universalita_value)}, oltre 200,00 € IVA compresa.")
    return Destination(DURABLE_REGISTER, f"Valore {format_money(unit_value)} non superiore a "
                                         "200,00 € IVA compresa: registro dei beni durevoli.")


def value_with_vat(imponibile: Decimal, vat_rate: Decimal, *, commercial: bool) -> Decimal:
    """Institutional purchases are recorded IVA included; commercial activity net of IVA."""
    from .money import quantize

    if commercial:
        return quantize(imponibile)
    return quantize(imponibile * (Decimal(100) + vat_rate) / Decimal(100))


def residual_value(value: Decimal, rate_percent: Decimal, full_years: int) -> Decimal:
    """Straight-line ammortamento: value less rate% per full year elapsed, never below zero."""
    from .money import quantize

    if full_years <= 0:
        return quantize(value)
    left = value - value * rate_percent / Decimal(100) * full_years
    return quantize(max(left, Decimal(0)))


def check_renewal(*, base: str, renewed_on, decree_number: str, decree_date, commission: str,
                  today) -> tuple[str, str]:
    """A rinnovo (at least every 10 years, with rivalutazione) is done by a commission appointed
    by decree of the dirigente (domain.md §1.8). Returns (decree number, commission)."""
    errors = {}
    if base not in REGISTERS:
        errors["base"] = "Scegliere l'inventario da rinnovare."
    if renewed_on is None:
        errors["renewed_on"] = "Indicare la data del rinnovo."
    elif renewed_on > today:
        errors["renewed_on"] = "La data del rinnovo è futura."
    number = (decree_number or "").strip()
    if not number:
        errors["decree_number"] = ("Indicare il decreto del Dirigente che nomina la commissione "
                                   "del rinnovo.")
    if decree_date is None:
        errors["decree_date"] = "Indicare la data del decreto."
    elif renewed_on is not None and decree_date > renewed_on:
        errors["decree_date"] = "Il decreto di nomina della commissione segue la data del rinnovo."
    members = (commission or "").strip()
    if len(members) < 5:
        errors["commission"] = "Indicare i componenti della commissione."
    if errors:
        raise ValidationError(errors)
    return number, members


# --- Labels ---------------------------------------------------------------------------------
# The label code uses letters, digits and "-" only: a USB scanner "types" it through the
# keyboard layout, and characters like "/" come out differently on Italian keyboards.
# A series opened by a rinnovo adds the two digits of its year: "MOB26".
LABEL_CODES = {"inv-mobili": "MOB", "inv-storico": "STO", "inv-libri": "LIB",
               "inv-valori": "VAL", "inv-veicoli": "VEI", "inv-immobili": "IMM",
               "inv-terzi": "TER", "inv-durevoli": "DUR"}
_LABEL_REGISTERS = {v: k for k, v in LABEL_CODES.items()}


def has_labels(code: str) -> bool:
    return code in LABEL_CODES or is_series_code(code)


def label_code(school_code: str, register: str, number: int) -> str:
    """"RMIC86400X-MOB-000012" (or "RMIC86400X-MOB26-000012" for the series of the rinnovo
    of 2026): school, register and number, as printed and scanned."""
    year = series_year(register)
    tag = LABEL_CODES[base_of(register)] + (f"{year % 100:02d}" if year else "")
    return f"{school_code.upper()}-{tag}-{number:06d}"


def _register_of_tag(tag: str) -> str | None:
    if tag in _LABEL_REGISTERS:
        return _LABEL_REGISTERS[tag]
    letters, digits = tag[:3], tag[3:]
    base = _LABEL_REGISTERS.get(letters)
    if base in REGISTERS and len(digits) == 2 and digits.isdigit():
        return series_code(base, 2000 + int(digits))
    return None


def parse_label(text: str, school_code: str) -> tuple[str, int]:
    """(register, number) of a scanned label of this school; anything else is refused.

    Both forms are read: "…-MOB-000012" (first series) and "…-MOB26-000012" (series opened
    by the rinnovo of 2026)."""
    raw = (text or "").strip().upper()
    parts = raw.split("-")
    register = _register_of_tag(parts[1]) if len(parts) == 3 else None
    if register is None or not parts[2].isdigit():
        raise ValidationError({"label": f"«{raw}» non è un'etichetta d'inventario."})
    if parts[0] != school_code.upper():
        raise ValidationError({"label": f"«{raw}» è un'etichetta di un altro istituto "
                                        f"({parts[0]})."})
    return register, int(parts[2])


# --- Ricognizione (physical check of a room) -----------------------------------------------
@dataclass
class RoomCheck:
    """The state of the check of one room while labels are scanned (domain.md §1.8)."""

    room_id: int
    expected: dict[tuple[str, int], str]             # (register, number) -> description here
    elsewhere: dict[tuple[str, int], str]             # known goods registered in other rooms
    found: list[tuple[str, int]]
    found_elsewhere: list[tuple[str, int]]
    unknown: list[str]

    _seen: set = field(default_factory=set)   # keys already classified (fast repeat check)

    @classmethod
    def start(cls, room_id: int, expected: dict, elsewhere: dict) -> "RoomCheck":
        return cls(room_id, dict(expected), dict(elsewhere), [], [], [])

    def scan(self, text: str, school_code: str) -> str:
        """Classify one scan: "trovato", "altrove", "ripetuto" or "sconosciuto"."""
        try:
            key = parse_label(text, school_code)
        except ValidationError:
            code = (text or "").strip().upper()
            if code in self.unknown:
                return "ripetuto"
            self.unknown.append(code)
            return "sconosciuto"
        if key in self._seen:
            return "ripetuto"              # a scanner often reads the same label twice
        if key in self.expected:
            self._seen.add(key)
            self.found.append(key)
            return "trovato"
        if key in self.elsewhere:
            self._seen.add(key)
            self.found_elsewhere.append(key)
            return "altrove"
        unknown = label_code(school_code, *key)
        if unknown in self.unknown:
            return "ripetuto"
        self.unknown.append(unknown)
        return "sconosciuto"

    @property
    def missing(self) -> list[tuple[str, int]]:
        found = set(self.found)
        return [k for k in self.expected if k not in found]


# --- Discarico (art. 33) --------------------------------------------------------------------
DISCHARGE_CAUSES = {
    "furto": "Furto",
    "forza_maggiore": "Causa di forza maggiore",
    "inservibilita": "Inservibilità (fuori uso)",
    "vendita": "Vendita (art. 34)",
    # Free after a deserted sale (c.3), or direct to a school or public body, also for a
    # price (c.4): the decree's motivation says which.
    "cessione": "Cessione (art. 34)",
}
# The cause inside a sentence or a note: "discarico per inservibilità", "(furto)".
_CAUSE_PHRASES = {"furto": "furto", "forza_maggiore": "causa di forza maggiore",
                  "inservibilita": "inservibilità", "vendita": "vendita", "cessione": "cessione"}
# Labels of earlier versions, still read in imported files.
OLD_CAUSE_LABELS = {"cessione gratuita": "cessione"}


def cause_phrase(cause: str) -> str:
    return _CAUSE_PHRASES.get(cause, cause or "")


def check_discharge(*, decree_number: str, decree_date, cause: str, motivation: str,
                    today) -> tuple[str, str]:
    """A good leaves the inventory only by a provvedimento of the dirigente (art. 33)."""
    errors = {}
    number = (decree_number or "").strip()
    text = (motivation or "").strip()
    if not number:
        errors["decree_number"] = ("Indicare il numero del provvedimento di discarico del "
                                   "Dirigente Scolastico: senza decreto non si scarica.")
    if decree_date is None:
        errors["decree_date"] = "Indicare la data del provvedimento di discarico."
    elif decree_date > today:
        errors["decree_date"] = "La data del provvedimento è futura."
    if cause not in DISCHARGE_CAUSES:
        errors["cause"] = "Scegliere la causa del discarico."
    if len(text) < 10:
        errors["motivation"] = "Motivare il discarico (almeno 10 caratteri)."
    if errors:
        raise ValidationError(errors)
    return number, text


def check_execution(executed_on: date, *, decree_date, today: date) -> date:
    """The buono di scarico executes the decree: on the decree's day or later, never in the
    future (a decree recorded late keeps the day the goods actually left)."""
    if executed_on > today:
        raise ValidationError({"executed_on": "La data del buono di scarico non può essere "
                                              "futura."})
    if decree_date is not None and executed_on < decree_date:
        raise ValidationError({"executed_on": f"Il buono di scarico del "
                                              f"{format_date(executed_on)} precede il decreto "
                                              f"del {format_date(decree_date)} che esegue."})
    return executed_on


def check_reintegro(*, reintegro: bool, amount, responsible: str):
    """Art. 33 c.2: the decree states the reintegro owed by the responsible persons (amount and
    who), or the ascertained absence of liability. Returns (amount or None, responsible)."""
    from decimal import Decimal as _D

    who = (responsible or "").strip()
    if not reintegro:
        if amount not in (None, _D(0)) or who:
            raise ValidationError({"reintegro": "Importo e responsabile del reintegro si "
                                                "indicano solo con «Con reintegro»."})
        return None, ""
    errors = {}
    if amount is None or amount <= 0:
        errors["reintegro_amount"] = ("Con il reintegro indicare l'importo da reintegrare "
                                      "(maggiore di zero).")
    if len(who) < 3:
        errors["responsible"] = "Con il reintegro indicare il responsabile tenuto a reintegrare."
    if errors:
        raise ValidationError(errors)
    from .money import check_amount

    return check_amount(amount, "reintegro_amount", "importo del reintegro"), who


# --- Comodato d'uso to students (domain.md §7) ---------------------------------------------
COMODATO_REGISTER = "inv-comodati"
define_register(RegisterSpec(COMODATO_REGISTER, "Contratti di comodato d'uso", AREA, yearly=True))
CONDITIONS = ("nuovo", "ottimo", "buono", "usurato", "danneggiato")


def check_loan(*, parent_name: str, parent_cf: str, student_name: str, start, due,
               items: int) -> str:
    """The comodatario is the parent or guardian (codice fiscale checked); the loan has an end."""
    from .school import validate_person_cf

    errors = {}
    if not (parent_name or "").strip():
        errors["parent_name"] = "Indicare il genitore o tutore comodatario."
    if not (student_name or "").strip():
        errors["student_name"] = "Indicare l'alunno a cui è destinato il bene."
    cf = ""
    try:
        cf = validate_person_cf(parent_cf, "parent_cf")
        if not cf:
            errors["parent_cf"] = "Indicare il codice fiscale del comodatario."
    except ValidationError as exc:
        errors.update(exc.errors)
    if start is None:
        errors["start"] = "Indicare la data di consegna."
    if due is None:
        errors["due"] = "Indicare la data di restituzione prevista."
    elif start is not None and due < start:
        errors["due"] = "La restituzione prevista è anteriore alla consegna."
    if items < 1:
        errors["item_ids"] = "Scegliere almeno un bene da consegnare."
    if errors:
        raise ValidationError(errors)
    return cf
