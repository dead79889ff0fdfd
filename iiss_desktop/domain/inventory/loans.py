"""Comodato d'uso of goods to students (domain.md §7): the contracts' register and the checks."""
from __future__ import annotations

from ..errors import ValidationError, collect
from ..fields import Field, Record
from ..registers import RegisterSpec, define_register
from .registers import AREA

COMODATO_REGISTER = "inv-comodati"
define_register(RegisterSpec(COMODATO_REGISTER, "Contratti di comodato d'uso", AREA, yearly=True))
CONDITIONS = ("nuovo", "ottimo", "buono", "usurato", "danneggiato")

# The comodatario as the contract names him (domain.md §7: name, birth data, residence,
# codice fiscale, identity document): the fields added with migration 0013, declared once
# here for the model check, the service, the form and the contract.
PARENT = Record("loan", fields=(
    Field("parent_birth_place", "Luogo di nascita del comodatario", max_length=120,
          required=True, placeholder="es. Velletri (RM)"),
    Field("parent_birth_date", "Data di nascita del comodatario", kind="date", nullable=True,
          required=True, past_only=True),
    Field("parent_residence", "Residenza del comodatario", max_length=200, required=True,
          placeholder="es. Via Roma 12, 00049 Velletri (RM)"),
))


ADULT_YEARS = 18   # the comodatario signs a contract: a parent or guardian of age (art. 2 c.c.)


def check_parent(values: dict, start=None) -> dict:
    """The comodatario's birth data and residence as stored, or one ValidationError naming
    every field missing or wrong (a parent born in the future or not of age at ``start``, a
    residence too long)."""
    from ..dates import format_date

    errors = {}
    out = PARENT.check_all({f.name: values.get(f.name) for f in PARENT.fields}, errors)
    born = out.get("parent_birth_date")
    if born is not None and start is not None and "parent_birth_date" not in errors:
        try:
            adult_on = born.replace(year=born.year + ADULT_YEARS)
        except ValueError:                       # born on 29 February
            adult_on = born.replace(year=born.year + ADULT_YEARS, day=28)
        if adult_on > start:
            errors["parent_birth_date"] = (
                f"Data di nascita del comodatario {format_date(born)}: alla consegna del "
                f"{format_date(start)} non è maggiorenne (il contratto lo firma un genitore o "
                "tutore).")
    if errors:
        raise ValidationError(errors)
    return out


def check_loan(*, parent_name: str, parent_cf: str, student_name: str, start, due,
               items: int) -> str:
    """The comodatario is the parent or guardian (codice fiscale checked); the loan has an end."""
    from ..school import validate_person_cf

    errors = {}
    if not (parent_name or "").strip():
        errors["parent_name"] = "Indicare il genitore o tutore comodatario."
    if not (student_name or "").strip():
        errors["student_name"] = "Indicare l'alunno a cui è destinato il bene."
    cf = collect(errors, validate_person_cf, parent_cf, "parent_cf")
    if cf == "":
        errors["parent_cf"] = "Indicare il codice fiscale del comodatario."
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
