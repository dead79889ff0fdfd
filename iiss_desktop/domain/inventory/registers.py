"""The inventory registers (D.I. 129/2018 art. 31 c.1), their series after a rinnovo, and how a
good is named in messages and documents.
"""
from __future__ import annotations

from ..errors import ValidationError
from ..registers import RegisterSpec, add_register_resolver, define_register

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
