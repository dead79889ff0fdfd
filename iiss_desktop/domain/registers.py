"""The catalogue of legal registers and the rules every register follows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import format_date
from .errors import RegisterError, ValidationError


@dataclass(frozen=True)
class RegisterSpec:
    """A register: its code, printed title, area, and whether numbering restarts every year.

    Inventory registers (D.I. 129/2018 art. 31) never restart: their year is 0.
    """

    code: str
    title: str
    area: str = ""
    yearly: bool = True

    def year_of(self, entry_date: date) -> int:
        return entry_date.year if self.yearly else 0


_REGISTERS: dict[str, RegisterSpec] = {}


def define_register(spec: RegisterSpec) -> RegisterSpec:
    existing = _REGISTERS.get(spec.code)
    if existing and existing != spec:
        raise ValueError(f"Registro «{spec.code}» già definito in modo diverso")
    _REGISTERS[spec.code] = spec
    return spec


# Registers whose codes are made at run time (the series opened by an inventory rinnovo):
# a resolver returns the spec of a code it recognises, else None.
_RESOLVERS: list = []


def add_register_resolver(resolver) -> None:
    """``resolver(code) -> RegisterSpec | None``, asked for a code not defined yet."""
    if resolver not in _RESOLVERS:
        _RESOLVERS.append(resolver)


def register_spec(code: str) -> RegisterSpec:
    try:
        return _REGISTERS[code]
    except KeyError:
        for resolver in _RESOLVERS:
            spec = resolver(code)
            if spec is not None:
                return define_register(spec)
        raise RegisterError(f"Registro «{code}» sconosciuto.") from None


def all_registers() -> list[RegisterSpec]:
    return sorted(_REGISTERS.values(), key=lambda s: (s.area, s.title))


MIN_REASON = 5
MAX_REFERENCE = 120
MAX_TEXT = 500


def check_new_entry(*, description: str, entry_date: date, today: date,
                    last_date: date | None, last_number: int) -> str:
    """Rules for a new entry; returns the cleaned description."""
    text = (description or "").strip()
    errors = {}
    if not text:
        errors["description"] = "Indicare la descrizione della registrazione."
    elif len(text) > MAX_TEXT:
        errors["description"] = f"La descrizione supera i {MAX_TEXT} caratteri."
    if entry_date > today:
        errors["entry_date"] = (f"La data {format_date(entry_date)} è futura: "
                                "non si registra in anticipo.")
    elif last_date is not None and entry_date < last_date:
        # Numbering is progressive in time: n. 12 cannot be dated before n. 11.
        errors["entry_date"] = (f"La data {format_date(entry_date)} è anteriore all'ultima "
                                f"registrazione (n. {last_number} del {format_date(last_date)}).")
    if errors:
        raise ValidationError(errors)
    return text


def check_annulment(*, reason: str, already_annulled_by: int | None, is_annulment: bool,
                    number: int, entry_date: date | None = None,
                    annulment_date: date | None = None) -> str:
    text = (reason or "").strip()
    if entry_date and annulment_date and annulment_date < entry_date:
        raise ValidationError({"entry_date": f"L'annullamento non può essere datato "
                                             f"{format_date(annulment_date)}, prima della "
                                             f"registrazione n. {number} del "
                                             f"{format_date(entry_date)}."})
    if is_annulment:
        raise RegisterError(f"La registrazione n. {number} è già un annullamento: "
                            "non si annulla un annullamento.")
    if already_annulled_by is not None:
        raise RegisterError(f"La registrazione n. {number} è già stata annullata "
                            f"(annullamento n. {already_annulled_by}).")
    if len(text) < MIN_REASON:
        raise ValidationError({"reason": "Indicare il motivo dell'annullamento "
                                         f"(almeno {MIN_REASON} caratteri)."})
    return text
