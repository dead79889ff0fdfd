"""The school's master data: validation rules and the heading printed on documents."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ValidationError

# Codice meccanografico: 2 letters of the province, 2 of the school type, 6 alphanumerics
# (e.g. RMIC8AB00X). The last character is a check character whose algorithm the Ministry
# does not publish, so only the shape is checked.
_MECCANOGRAFICO = re.compile(r"^[A-Z]{2}[A-Z]{2}[A-Z0-9]{6}$")
# Codice univoco ufficio (IPA) for electronic invoicing: 6 alphanumeric characters.
_CODICE_UNIVOCO = re.compile(r"^[A-Z0-9]{6}$")


# The school's master data (the columns of the `school` row that forms and headings use).
SCHOOL_FIELDS = ("denominazione", "codice_meccanografico", "codice_fiscale", "codice_univoco",
                 "indirizzo", "cap", "comune", "provincia", "telefono", "email", "pec",
                 "dirigente", "dsga")


@dataclass(frozen=True)
class SchoolHeading:
    """What every printed document shows at the top of its pages."""

    denominazione: str
    codice_meccanografico: str = ""
    codice_fiscale: str = ""
    indirizzo: str = ""
    comune: str = ""
    telefono: str = ""
    email: str = ""
    pec: str = ""
    dirigente: str = ""
    dsga: str = ""
    logo_png: bytes | None = field(default=None, repr=False)

    @property
    def address_line(self) -> str:
        return " – ".join(p for p in (self.indirizzo, self.comune) if p)

    @property
    def codes_line(self) -> str:
        parts = []
        if self.codice_meccanografico:
            parts.append(f"Cod. mecc. {self.codice_meccanografico}")
        if self.codice_fiscale:
            parts.append(f"C.F. {self.codice_fiscale}")
        if self.pec:
            parts.append(f"PEC {self.pec}")
        return " · ".join(parts)


def validate_school(values: dict) -> dict:
    """Normalise and check the school's master data; raise ValidationError naming each bad field."""
    from stdnum.it import codicefiscale

    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    errors: dict[str, str] = {}
    if not out.get("denominazione"):
        errors["denominazione"] = "Indicare la denominazione dell'istituto."
    mecc = (out.get("codice_meccanografico") or "").upper()
    out["codice_meccanografico"] = mecc
    if not mecc:
        errors["codice_meccanografico"] = "Indicare il codice meccanografico."
    elif not _MECCANOGRAFICO.match(mecc):
        errors["codice_meccanografico"] = (
            f"Codice meccanografico «{mecc}» non valido: 10 caratteri, es. RMIC8AB00X.")
    cf = (out.get("codice_fiscale") or "").replace(" ", "")
    out["codice_fiscale"] = cf
    if cf:
        if not (cf.isdigit() and len(cf) == 11 and codicefiscale.is_valid(cf)):
            errors["codice_fiscale"] = (
                f"Codice fiscale dell'istituto «{cf}» non valido (11 cifre con cifra di "
                "controllo).")
    cu = (out.get("codice_univoco") or "").upper().replace(" ", "")
    out["codice_univoco"] = cu
    if cu and not _CODICE_UNIVOCO.match(cu):
        errors["codice_univoco"] = (f"Codice univoco ufficio «{cu}» non valido: 6 caratteri "
                                    "alfanumerici.")
    email_fields = {"email": "e-mail", "pec": "PEC"}
    for key, label in email_fields.items():
        v = out.get(key) or ""
        if v and not re.match(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", v):
            errors[key] = f"Indirizzo {label} «{v}» non valido."
    if errors:
        raise ValidationError(errors)
    return out


def validate_person_cf(cf: str, field: str = "codice_fiscale") -> str:
    """A person's codice fiscale (16 characters, omocodia allowed)."""
    from stdnum.it import codicefiscale

    value = (cf or "").upper().replace(" ", "")
    if not value:
        return ""
    if len(value) != 16 or not codicefiscale.is_valid(value):
        raise ValidationError({field: f"Codice fiscale «{value}» non valido."})
    return value
