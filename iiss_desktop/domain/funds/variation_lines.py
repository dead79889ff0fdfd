"""The lines of a variation as the clerk types them, one a line: a voce di entrata and its
amount («03/06 12.480,35»), or a destination, its tipo di spesa and the amount («A01 02
12.480,35»); a reduction has its minus («A02 03 -600,00»). Amounts in the Italian form the
money module reads; codes as the chart writes them (a destination «a3» is read «A03»)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ValidationError
from ..money import parse_money

_REVENUE = re.compile(r"^\d{1,2}/\d{1,2}$")
_DESTINATION = re.compile(r"^[A-Za-z]\d{1,3}(/\d{1,2})?$")


@dataclass(frozen=True)
class TypedLine:
    revenue: str
    destination: str
    spending_type: str
    amount: object          # a Decimal


def _amount(text: str, n: int):
    try:
        return parse_money(text, "lines", allow_negative=True)
    except ValidationError as exc:
        raise ValidationError({"lines": f"Riga {n}: {exc.message}"}) from None


def parse_lines(text: str) -> list[TypedLine]:
    out = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        parts = raw.split()
        if not parts:
            continue
        code = parts[0]
        if _REVENUE.match(code):
            if len(parts) != 2:
                raise ValidationError({"lines": f"Riga {n}: per un'entrata scrivere la voce e "
                                                "l'importo, ad esempio «03/06 12.480,35»."})
            major, minor = code.split("/")
            out.append(TypedLine(f"{int(major):02d}/{int(minor):02d}", "", "",
                                 _amount(parts[1], n)))
        elif _DESTINATION.match(code):
            if len(parts) != 3 or not parts[1].isdigit():
                raise ValidationError({"lines": f"Riga {n}: per una spesa scrivere la "
                                                "destinazione, il tipo di spesa e l'importo, "
                                                "ad esempio «A01 02 1.500,00»."})
            head, _, sub = code.upper().partition("/")
            dest = head[0] + head[1:].zfill(2) + (f"/{int(sub)}" if sub else "")
            out.append(TypedLine("", dest, f"{int(parts[1]):02d}", _amount(parts[2], n)))
        else:
            raise ValidationError({"lines": f"Riga {n}: «{code}» non è una voce di entrata "
                                            "(03/06) né una destinazione (A01)."})
    if not out:
        raise ValidationError({"lines": "Indicare almeno una riga della variazione."})
    return out
