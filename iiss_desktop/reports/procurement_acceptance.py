"""The verbale di verifica di conformità (or certificato di regolare esecuzione) of a delivery:
the order and its determina, the DDT, the lines delivered, who verified, the outcome and the
notes, the carico each line made (inventory numbers, warehouse movement); an annulled verbale
prints its annulment and reason."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.errors import ValidationError
from ..domain.money import format_money
from ..domain.procurement.acceptance import OUTCOMES, VERIFICATION_KINDS
from ..queries.procurement_acceptance import acceptance_file, order_of_verbale
from ..queries.school import get_heading
from .base import body_width, build_pdf, protocol_of
from .funds_ledger import signatures
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table

if TYPE_CHECKING:
    from ..db.engine import Database



def _code_of(day) -> str:
    """The article of the verifica di conformità in force on ``day``: D.Lgs 36/2023 art. 116
    from 1 July 2023, before it D.Lgs 50/2016 art. 102."""
    from datetime import date

    return "D.Lgs 36/2023 art. 116" if day >= date(2023, 7, 1) else "D.Lgs 50/2016 art. 102"

def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def build_verbale(db: Database, out: Path, anno: int | None = None,
                  numero: int | None = None) -> Path:
    """The verbale ``numero``/``anno`` of «acquisti-collaudi»."""
    if not anno or not numero:
        raise ValidationError({"numero": "Indicare anno e numero del verbale."})
    order_id, delivery_id = order_of_verbale(db, anno, numero)
    f = acceptance_file(db, order_id)
    d = next(x for x in f.deliveries if x.id == delivery_id)
    v = next(x for x in d.verbali if x.year == anno and x.number == numero)
    st = get_styles()
    w = body_width()
    kind = VERIFICATION_KINDS.get(v.kind, v.kind)
    # a certificato di regolare esecuzione closes services too: no «DDT», no «merce»
    certificate = v.kind == "regolare_esecuzione"
    document = (("Documento di consegna o di esecuzione",
                 f"{d.ddt_number} del {format_date(d.ddt_date)}") if certificate else
                ("Documento di trasporto", f"DDT n. {d.ddt_number} del {format_date(d.ddt_date)}"))
    info = [("Oggetto", f.object),
            ("Determina a contrarre", f.determina),
            ("Ordine", f"n. {f.order_number}/{f.order_year} del {format_date(f.ordered_on)}"),
            ("Fornitore", f.supplier), ("CIG", f.cig or "—"),
            document,
            ("Consegna", f"il {format_date(d.delivered_on)}, ricevuta da {d.received_by}"
                         + (f" – {d.notes}" if d.notes else ""))]
    story: list = [key_value_table(info, width=w, label_ratio=0.3), Spacer(1, 3 * mm),
                   _p("Forniture e prestazioni eseguite e carico" if certificate
                      else "Merce consegnata e carico", st.heading)]
    rows = [[str(x.line_no), x.description, f"{x.quantity} {x.unit}".strip(),
             format_money(x.gross_unit_price), x.carico or "da caricare"] for x in d.lines]
    story += chunked_table(["N.", "Descrizione", "Quantità", "Prezzo unit. IVA incl.",
                            "Carico"], rows,
                           [10 * mm, w - 128 * mm, 22 * mm, 30 * mm, 66 * mm],
                           money_columns=(2, 3))
    story += [Spacer(1, 3 * mm), _p("Esito della verifica", st.heading),
              _p(f"Il giorno {format_date(v.verified_on)} {v.verified_by} "
                 + ("ha accertato la regolare esecuzione di quanto indicato" if certificate else
                    "ha eseguito la verifica di conformità della fornitura indicata")
                 + f" ({_code_of(v.verified_on)}; D.I. 129/2018), verificando quantità, qualità "
                 "e corrispondenza all'ordine.", st.normal),
              Spacer(1, 2 * mm),
              key_value_table([("Esito", OUTCOMES.get(v.outcome, v.outcome)),
                               ("Note", v.notes or "—")], width=w, label_ratio=0.3)]
    if v.annulled_on is not None:
        story += [Spacer(1, 2 * mm),
                  _p(f"VERBALE ANNULLATO il {format_date(v.annulled_on)}: {v.annul_reason}",
                     st.heading)]
    closing = [Spacer(1, 2 * mm),
               _p(f"Il verificatore: {v.verified_by}", st.normal)]
    story += keep_with_signatures(closing, signatures(db, v.verified_on, landscape=False))
    title = (f"Certificato di regolare esecuzione n. {v.number}/{v.year}" if certificate
             else f"Verbale di {kind} n. {v.number}/{v.year}")
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=f"{f.supplier} · {document[1]}", footer_text=title,
                     protocol=protocol_of(db, "verbale-collaudo", v.year, v.number))
