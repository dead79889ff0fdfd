"""The creditor's identification and tax data on a mandato di pagamento (D.I. 129/2018 art. 17
c.1 lett. d [C]): a codice fiscale (16 characters for a person, 11 digits for a body) or a
partita IVA, each with its check character verified (python-stdnum), and the IBAN of the
account to pay, with its check digits. Which of them the istituto cassiere wants for each
kind of payment is not confirmed [U]: one of codice fiscale / partita IVA is required, the
IBAN when the payment is by bank transfer.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationError


@dataclass(frozen=True)
class Creditor:
    name: str
    tax_code: str = ""      # codice fiscale
    vat_number: str = ""    # partita IVA
    iban: str = ""


def _compact(text: str) -> str:
    return "".join((text or "").split()).upper()


def check_tax_code(text: str, field: str = "creditor_tax_code") -> str:
    from stdnum.it import codicefiscale, iva

    code = _compact(text)
    if len(code) == 11 and code.isdigit():
        ok = iva.is_valid(code)         # a body's codice fiscale: the partita IVA's rule
    else:
        ok = codicefiscale.is_valid(code)
    if not ok:
        raise ValidationError({field: f"Il codice fiscale del creditore «{code}» non è valido "
                                      "(carattere di controllo errato o formato non "
                                      "riconosciuto)."})
    return code


def check_vat_number(text: str, field: str = "creditor_vat") -> str:
    from stdnum.it import iva

    code = _compact(text).removeprefix("IT")
    if not iva.is_valid(code):
        raise ValidationError({field: f"La partita IVA del creditore «{code}» non è valida "
                                      "(11 cifre con cifra di controllo)."})
    return code


def check_iban(text: str, field: str = "creditor_iban") -> str:
    from stdnum import iban

    code = _compact(text)
    if not iban.is_valid(code):
        raise ValidationError({field: f"L'IBAN del creditore «{code}» non è valido (cifre di "
                                      "controllo errate o lunghezza sbagliata)."})
    return code


def check_creditor(creditor: Creditor, *, needs_iban: bool = False) -> Creditor:
    """The creditor cleaned, or a ValidationError naming every wrong field."""
    errors: dict[str, str] = {}
    name = " ".join((creditor.name or "").split())
    if not name:
        errors["creditor_name"] = "Indicare il creditore (denominazione o nome e cognome)."
    tax_code = vat = iban_code = ""
    if not _compact(creditor.tax_code) and not _compact(creditor.vat_number):
        errors["creditor_tax_code"] = ("Indicare i dati fiscali del creditore: codice fiscale "
                                       "o partita IVA (art. 17 c.1 lett. d).")
    for field, raw, check in (("creditor_tax_code", creditor.tax_code, check_tax_code),
                              ("creditor_vat", creditor.vat_number, check_vat_number),
                              ("creditor_iban", creditor.iban, check_iban)):
        if not _compact(raw):
            continue
        try:
            value = check(raw, field)
        except ValidationError as exc:
            errors.update(exc.errors)
            continue
        if field == "creditor_tax_code":
            tax_code = value
        elif field == "creditor_vat":
            vat = value
        else:
            iban_code = value
    if needs_iban and not _compact(creditor.iban):
        errors["creditor_iban"] = "Indicare l'IBAN del creditore per il pagamento con bonifico."
    if errors:
        raise ValidationError(errors)
    return Creditor(name, tax_code, vat, iban_code)
