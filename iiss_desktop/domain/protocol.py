"""The protocol number a printed document receives from the school's protocol register.

DPR 445/2000 art. 57: the protocol number is progressive, of at least seven digits, and the
numbering starts again every calendar year. So a number identifies one document within the
year of its protocol date; the same number in another year is another registration. Schools
write it bare («1234», «0001234») or with the classification of the titolario or the
direction («0001234/VI.3», «1234/U»): the digits before the first «/» are the number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import format_date
from .errors import ValidationError

MAX_NUMBER = 40
_NUMBER = re.compile(r"(\d{1,7})((?:/[0-9A-Za-z.\-]{1,20})*)")


@dataclass(frozen=True)
class ProtocolMark:
    number: str
    on: date

    @property
    def text(self) -> str:
        return f"Prot. n. {self.number} del {format_date(self.on)}"


def normalize_number(number: str) -> str:
    """«1234 / VI.3» -> «1234/VI.3»; the field is named in the message when it is not a
    protocol number."""
    text = re.sub(r"\s*/\s*", "/", (number or "").strip())
    if not text:
        raise ValidationError({"protocol_number": "Indicare il numero di protocollo."})
    if len(text) > MAX_NUMBER or not _NUMBER.fullmatch(text):
        raise ValidationError({"protocol_number": (
            f"«{text[:MAX_NUMBER]}» non è un numero di protocollo: cifre (fino a sette), "
            "eventualmente seguite da «/» e dalla classificazione (es. 0001234/VI.3).")})
    return text


def progressive(number: str) -> int:
    """The progressive number of the year: «0001234/VI.3» -> 1234."""
    return int(number.split("/", 1)[0])


def check_protocol(number: str, on: date | None, *, document_date: date, today: date
                   ) -> ProtocolMark:
    """A protocol for a document dated ``document_date``: given today or before, never before
    the document exists."""
    text = normalize_number(number)
    if on is None:
        raise ValidationError({"protocol_date": "Indicare la data del protocollo."})
    if on > today:
        raise ValidationError({"protocol_date": f"La data del protocollo ({format_date(on)}) "
                                                "è futura."})
    if on < document_date:
        raise ValidationError({"protocol_date": (
            f"La data del protocollo ({format_date(on)}) precede quella del documento "
            f"({format_date(document_date)}).")})
    return ProtocolMark(text, on)


def check_correction_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if len(text) < 5:
        raise ValidationError({"reason": "Indicare il motivo della correzione del protocollo."})
    return text
