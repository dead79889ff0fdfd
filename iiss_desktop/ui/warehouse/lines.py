"""Article lines typed (or scanned) in a box, one per row: "CODICE quantità [lotto]", e.g.
"CARTA-A4-80 20" or "DPI-GEL 50 L2026-07". Still used by the approval (cut quantities), the
withdrawal (proposed from the request) and the transfer; carico, richiesta and DPI
distribution use the line grid (line_grid.py)."""
from __future__ import annotations

from ...domain.errors import ValidationError
from ...queries.warehouse import article_by_code
from ...services.warehouse import ItemInput


def parse_lines(db, text: str, *, field: str = "lines") -> list[ItemInput]:
    items = []
    for row, raw in enumerate((text or "").splitlines(), start=1):
        parts = raw.split()
        if not parts:
            continue
        code = parts[0]
        art = article_by_code(db, code)
        if art is None:
            raise ValidationError({field: f"Riga {row}: codice «{code}» sconosciuto: nessun "
                                          "articolo di magazzino ha questo codice."})
        if len(parts) < 2:
            raise ValidationError({field: f"Riga {row}: indicare la quantità di "
                                          f"«{art.description}» dopo il codice."})
        qty, rest = parts[1], parts[2:]
        if rest and rest[0].isalpha() and len(rest[0]) <= 8 and not any(c.isdigit()
                                                                        for c in rest[0]):
            qty, rest = f"{qty} {rest[0]}", rest[1:]     # "2,5 l": the unit typed after it
        items.append(ItemInput(art.id, qty, None, rest[0] if rest else ""))
    if not items:
        raise ValidationError({field: "Indicare almeno un articolo (codice e quantità)."})
    return items
