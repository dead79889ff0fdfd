"""The rules of the suppliers registry (albo fornitori / operatori economici): pure Python.

- Partita IVA: 11 digits with the Luhn check digit (stdnum.it.iva), stored "IT" + the digits
  as the FatturaPA writes it (IdPaese + IdCodice); a VAT number of another EU country is
  checked by its own rule (stdnum.eu.vat) and stored with its country prefix ("DE…").
- Codice fiscale: 16 characters for a person (stdnum.it.codicefiscale), 11 digits for a
  company or a body (its rule is the partita IVA's).
- PEC: an e-mail address; IBAN: check digits and the country's length (stdnum.iban).
- Conto corrente dedicato (L. 136/2010 art. 3 c.7) [C-3p]: the supplier declares the account
  (IBAN) with the generalità and codice fiscale of the persons who may operate on it, within 7
  days of its opening or of its first use for a public contract. Declarations are kept over
  time; the one in force is the latest (by date of the declaration) not revoked.
- DURC (documento unico di regolarità contributiva): issue date, expiry, outcome, protocol.
  The DURC online is valid 120 days from the check (D.M. 30/01/2015 art. 7) [U: the rule for
  every case]: the expiry is computed when not typed. «DURC scaduto» when today is past the
  expiry of the latest DURC (by issue date).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import ValidationError

DURC_VALIDITY_DAYS = 120     # [U] D.M. 30/01/2015 art. 7: 120 days from the check

DURC_OUTCOMES = {"regolare": "regolare", "non_regolare": "non regolare"}
# What the list and the prints say of a supplier's DURC.
DURC_STATES = {"valido": "DURC regolare", "scaduto": "DURC scaduto",
               "non_regolare": "DURC non regolare", "mancante": "DURC non acquisito"}
DECLARATION_KINDS = {"dgue": "DGUE",
                     "dichiarazione_sostitutiva": "Dichiarazione sostitutiva (DPR 445/2000)"}
CHECK_OUTCOMES = {"positivo": "requisiti confermati", "negativo": "requisiti non confermati"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ./-]{4,28}[0-9]$")


def _compact(text: str | None) -> str:
    return "".join((text or "").split()).upper().replace(".", "").replace("-", "")


def check_vat(text: str | None, field: str = "vat") -> str:
    """The partita IVA as stored: "IT" + 11 digits, or another EU country's prefix and
    number; "" when empty. ValidationError naming the field otherwise."""
    from stdnum.eu import vat
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.it import iva

    code = _compact(text)
    if not code:
        return ""
    foreign = len(code) > 2 and code[:2].isalpha() and code[:2] != "IT"
    if foreign:
        country = code[:2].lower()
        if country not in vat.MEMBER_STATES:
            raise ValidationError({field: (
                f"Partita IVA «{code}» non valida: «{code[:2]}» non è il prefisso di un paese "
                "dell'Unione europea (per un fornitore italiano scrivere le 11 cifre).")})
        try:
            return vat.validate(code)
        except StdnumError:
            raise ValidationError({field: (
                f"Partita IVA «{code}» non valida per il paese {code[:2]} (lunghezza o "
                "cifra di controllo errate).")}) from None
    digits = code.removeprefix("IT")
    if len(digits) != 11 or not digits.isdigit():
        raise ValidationError({field: (
            f"Partita IVA «{code}» non valida: sono 11 cifre (trovati {len(digits)} "
            "caratteri).")})
    try:
        iva.validate(digits)
    except StdnumError:
        raise ValidationError({field: (
            f"Partita IVA «{digits}» non valida: la cifra di controllo non corrisponde.")}) \
            from None
    return "IT" + digits


def vat_digits(vat: str) -> str:
    """The number without the country prefix, as written on a document ("IT0123…" -> "0123…")."""
    return vat[2:] if len(vat) > 2 and vat[:2].isalpha() else vat


def check_tax_code(text: str | None, field: str = "tax_code") -> str:
    """A codice fiscale: 16 characters (a person) or 11 digits (a company, a body)."""
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.it import codicefiscale

    code = _compact(text)
    if not code:
        return ""
    if len(code) not in (11, 16):
        raise ValidationError({field: (
            f"Codice fiscale «{code}» non valido: 16 caratteri per una persona, 11 cifre per "
            f"una società o un ente (trovati {len(code)}).")})
    try:
        return codicefiscale.validate(code)
    except StdnumError:
        what = "la cifra di controllo" if len(code) == 11 else "il carattere di controllo"
        raise ValidationError({field: (
            f"Codice fiscale «{code}» non valido: {what} non corrisponde o il formato è "
            "errato.")}) from None


def check_person_tax_code(text: str | None, field: str, label: str) -> str:
    """The codice fiscale of a person (16 characters), required."""
    code = _compact(text)
    if not code:
        raise ValidationError({field: f"Il campo «{label}» è obbligatorio."})
    if len(code) != 16:
        raise ValidationError({field: (
            f"{label} «{code}» non valido: il codice fiscale di una persona ha 16 caratteri.")})
    return check_tax_code(code, field)


def check_pec(text: str | None, field: str = "pec") -> str:
    value = (text or "").strip()
    if value and not _EMAIL.match(value):
        raise ValidationError({field: (
            f"PEC «{value}» non valida: un indirizzo come fornitore@pec.it.")})
    return value.lower()


def check_phone(text: str | None, field: str = "phone") -> str:
    value = " ".join((text or "").split())
    if value and not _PHONE.match(value):
        raise ValidationError({field: (
            f"Telefono «{value}» non valido: cifre, eventualmente con + iniziale, spazi, "
            "punti o trattini.")})
    return value


def check_iban(text: str | None, field: str = "iban") -> str:
    from stdnum import iban

    code = _compact(text)
    if not code:
        raise ValidationError({field: "Il campo «IBAN del conto dedicato» è obbligatorio."})
    if not iban.is_valid(code):
        raise ValidationError({field: (
            f"IBAN «{code}» non valido: cifre di controllo errate o lunghezza sbagliata per "
            f"il paese {code[:2]}.")})
    return code


def format_iban(code: str) -> str:
    """"IT60X0542811101000000123456" -> "IT60 X054 2811 1010 0000 0123 456"."""
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


def durc_expiry(issued_on: date) -> date:
    return issued_on + timedelta(days=DURC_VALIDITY_DAYS)


@dataclass(frozen=True)
class DurcFact:
    id: int
    issued_on: date
    expires_on: date
    outcome: str


def latest_durc(durcs: Iterable[DurcFact]) -> DurcFact | None:
    """The latest DURC by issue date (the later recorded on the same day)."""
    return max(durcs, key=lambda d: (d.issued_on, d.id), default=None)


def durc_state(latest: DurcFact | None, today: date) -> str:
    """A key of DURC_STATES: «scaduto» once today is past the expiry of the latest DURC."""
    if latest is None:
        return "mancante"
    if latest.outcome != "regolare":
        return "non_regolare"
    return "scaduto" if today > latest.expires_on else "valido"


def durc_text(latest: DurcFact | None, today: date) -> str:
    from ..dates import format_date

    state = durc_state(latest, today)
    if latest is None:
        return DURC_STATES[state]
    if state == "valido":
        return f"DURC regolare fino al {format_date(latest.expires_on)}"
    if state == "scaduto":
        return f"DURC scaduto il {format_date(latest.expires_on)}"
    return f"DURC non regolare del {format_date(latest.issued_on)}"


@dataclass(frozen=True)
class AccountFact:
    id: int
    iban: str
    declared_on: date
    revoked_on: date | None = None


def account_in_force(accounts: Sequence[AccountFact]) -> AccountFact | None:
    """The latest declaration (by its date, then the later recorded) not revoked."""
    live = [a for a in accounts if a.revoked_on is None]
    return max(live, key=lambda a: (a.declared_on, a.id), default=None)


def durc_refusal(durcs: Iterable[DurcFact], day: date, supplier: str, purpose: str) -> str:
    """Why the supplier's DURC does not allow ``purpose`` on ``day`` ("" when it is valid):
    the latest DURC issued by that day must be regolare and not expired."""
    from ..dates import format_date

    latest = latest_durc(d for d in durcs if d.issued_on <= day)
    state = durc_state(latest, day)
    if state == "valido":
        return ""
    when = format_date(day)
    if state == "mancante":
        return (f"{supplier}: nessun DURC acquisito alla data del {when}: {purpose} richiede "
                "un DURC regolare in corso di validità.")
    if state == "scaduto":
        return (f"{supplier}: il DURC è scaduto il {format_date(latest.expires_on)}, prima "
                f"del {when}: acquisire un DURC aggiornato per {purpose}.")
    return (f"{supplier}: il DURC del {format_date(latest.issued_on)} non è regolare: "
            f"{purpose} non è possibile.")
