"""Inventory labels: the code printed on a good and read back by the scanner."""
from __future__ import annotations

from ..errors import ValidationError
from .registers import REGISTERS, base_of, is_series_code, series_code, series_year

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
