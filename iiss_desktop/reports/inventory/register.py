"""The buono di carico of the inventory."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ...domain.dates import format_date
from ...domain.inventory import registers as rules
from ...domain.money import format_cents
from ...queries.inventory.carico import buono_carico
from ...queries.school import get_heading, get_school_values
from ..base import body_width, build_pdf, protocol_of
from ..styles import get_styles
from ..tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from ..wording import dirigente_on, dsga_on

if TYPE_CHECKING:
    from ...db.engine import Database


# "… (40 beni, beni di terzi)": the count and register at the end of a buono's description.
_BUONO_TAIL = re.compile(r" \((\d+ beni?), ([^()]+)\)$")


def _buono_subtitle(description: str) -> str:
    """The description of the buono without the "Buono di carico – " prefix, its count and
    register after a dash: "Tablet (comodato agli alunni) – 30 beni, beni mobili" instead of
    "Tablet (comodato agli alunni) (30 beni, beni mobili)"."""
    text = (description or "").removeprefix("Buono di carico – ")
    return _BUONO_TAIL.sub(r" – \1, \2", text)


def build_buono_carico(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Buono di carico n. numero/anno: the goods taken in charge, with their numbers."""
    buono = buono_carico(db, anno, numero)
    items = buono.items
    st = get_styles()
    heading = get_heading(db)
    first = items[0] if items else None

    def both(a, b):
        return " / ".join(x or "—" for x in (a, b)) if a or b else "—"

    pairs = [("Data del carico", format_date(buono.entry_date)),
             ("Inventario", rules.register_title(first.register) if first else "—")]
    if first and first.owner:
        # Beni di terzi (art. 31 c.4): the grantor and the title of the grant.
        pairs += [("Concedente", first.owner),
                  ("Titolo della concessione", first.grant_title or "—")]
    else:
        pairs.append(("Fornitore / provenienza", (first.supplier or "—") if first else "—"))
    pairs += [
        ("Fattura", f"n. {first.invoice_number} del {format_date(first.invoice_date)}"
         if first and first.invoice_number and first.invoice_date else "—"),
        ("Fonte di finanziamento", (first.funding or "—") if first else "—"),
        ("Impegno / mandato", both(first.impegno, first.mandato) if first else "—"),
        ("CIG / CUP", both(first.cig, first.cup) if first else "—"),
    ]
    story = [key_value_table(pairs, width=body_width() * 0.75), Spacer(1, 4 * mm)]
    rows = [[str(i.number), i.description, " – ".join(p for p in (i.site, i.room) if p) or "—",
             format_cents(i.value)] for i in items]
    w = body_width()
    widths = [16 * mm, 0, 60 * mm, 26 * mm]
    widths[1] = w - sum(widths)
    story += chunked_table(["N. inv.", "Descrizione", "Collocazione", "Valore"], rows, widths,
                           money_columns=(3,), fixed_columns=(0, 3))
    total = sum(i.value for i in items)   # cents
    place = get_school_values(db)[0].get("comune") or ""
    day = buono.entry_date
    story.append(Spacer(1, 3 * mm))
    # The total stays on the page of the signatures: a page with the signatures alone would
    # not show what is being signed.
    story += keep_with_signatures(
        [Paragraph(f"<b>Beni presi in carico: {len(items)} – valore complessivo "
                   f"{escape(format_cents(total))}</b>", st.normal)],
        signature_block(["Il DSGA consegnatario", "Il Dirigente Scolastico"], place=place,
                        when=day, names=[dsga_on(db, day, heading.dsga),
                                         dirigente_on(db, day, heading.dirigente)],
                        width=w))
    return build_pdf(out, protocol=protocol_of(db, "buono-carico", anno, numero),
                     heading=heading,
                     title=f"Buono di carico n. {numero}/{anno}",
                     story=story, subtitle=_buono_subtitle(buono.description),
                     footer_text=f"Buono di carico {numero}/{anno}")
