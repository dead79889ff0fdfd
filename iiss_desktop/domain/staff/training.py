"""The training of the staff, person by person (issue 14 item 7): course, kind, hours, date,
provider and the reference of the certificate (attestato).

Kinds: the emergency's training on hygiene and prevention (the DS's directive for the a.s.
2020/21, «attività di informazione e formazione sulle misure di prevenzione
igienico-sanitarie»; seed deck), the workers' safety training of D.Lgs. 81/2008 art. 37
(general and specific training, the five-yearly update: Accordo Stato-Regioni 21/12/2011
[U: not in domain.md]), first aid and fire wardens (D.M. 388/2003, D.M. 2/9/2021 [U]),
privacy, digital skills, the training of the profile in the Piano delle attività (art. 53
CCNL 2007, «Piano di formazione»; seed deck).

Hours are stored in minutes (a course of 1 h 30 is 90), read as «8», «1,5» or «2:30».
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..errors import ValidationError

EMERGENZA_IGIENE = "emergenza_igiene"
SICUREZZA_GENERALE = "sicurezza_generale"
SICUREZZA_SPECIFICA = "sicurezza_specifica"
SICUREZZA_AGGIORNAMENTO = "sicurezza_aggiornamento"
PRIMO_SOCCORSO = "primo_soccorso"
ANTINCENDIO = "antincendio"
PRIVACY = "privacy"
DIGITALE = "digitale"
PROFILO = "profilo"
ALTRO = "altro"

TRAINING_KINDS = {
    EMERGENZA_IGIENE: "Formazione emergenza: igiene e prevenzione",
    SICUREZZA_GENERALE: "Sicurezza sul lavoro: formazione generale (D.Lgs. 81/2008)",
    SICUREZZA_SPECIFICA: "Sicurezza sul lavoro: formazione specifica (D.Lgs. 81/2008)",
    SICUREZZA_AGGIORNAMENTO: "Sicurezza sul lavoro: aggiornamento (D.Lgs. 81/2008)",
    PRIMO_SOCCORSO: "Addetti al primo soccorso",
    ANTINCENDIO: "Addetti antincendio ed evacuazione",
    PRIVACY: "Protezione dei dati personali",
    DIGITALE: "Competenze digitali e didattica digitale integrata",
    PROFILO: "Formazione del profilo professionale (Piano delle attività)",
    ALTRO: "Altra formazione",
}
MAX_MINUTES = 200 * 60        # a course longer than 200 hours is a typing error

_HM = re.compile(r"^\s*(\d{1,3}):(\d{2})\s*$")


def kind_label(code: str) -> str:
    return TRAINING_KINDS.get(code, code)


def parse_hours(value, field: str = "hours") -> int:
    """«8», «1,5», «2:30», 8, Decimal("1.5") -> minutes (480, 90, 150)."""
    if isinstance(value, bool) or value is None or (isinstance(value, str) and
                                                     not value.strip()):
        raise ValidationError({field: "Il campo «Ore» è obbligatorio."})
    minutes = None
    if isinstance(value, int):
        minutes = value * 60
    elif isinstance(value, Decimal):
        minutes = value * 60
    else:
        text = str(value).strip().lower().removesuffix("ore").removesuffix("h").strip()
        m = _HM.match(text)
        if m:
            if int(m.group(2)) > 59:
                raise ValidationError({field: f"«{value}»: i minuti vanno da 00 a 59."})
            minutes = int(m.group(1)) * 60 + int(m.group(2))
        else:
            try:
                minutes = Decimal(text.replace(",", ".")) * 60
            except InvalidOperation:
                raise ValidationError({field: (
                    f"«{value}» non è una durata: indicare le ore come 8, 1,5 o 2:30.")}) from None
    if isinstance(minutes, Decimal):
        if not minutes.is_finite() or minutes != minutes.to_integral_value():
            raise ValidationError({field: f"«{value}»: indicare la durata al minuto."})
        minutes = int(minutes)
    if not 0 < minutes <= MAX_MINUTES:
        raise ValidationError({field: (
            f"Durata di {value} ore non valida: più di 0 e al massimo {MAX_MINUTES // 60} ore.")})
    return minutes


def hours_text(minutes: int) -> str:
    """90 -> «1,5», 480 -> «8», 150 -> «2,5», 100 -> «1:40»."""
    h, m = divmod(minutes, 60)
    if m == 0:
        return str(h)
    quarters = {15: "25", 30: "5", 45: "75"}
    if m in quarters:
        return f"{h},{quarters[m]}"
    return f"{h}:{m:02d}"
