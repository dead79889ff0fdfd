"""Printed documents of a procedure d'acquisto: the determina a contrarre (with the checks it
records and the DSGA's attestation of coverage), the confronto dei preventivi and the order
letter (CIG, CUP, delivery, invoicing data: codice univoco ufficio, split payment)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.errors import ValidationError
from ..domain.money import format_money
from ..domain.procurement.procedure import SPLIT_PAYMENT_NOTE
from ..domain.procurement.thresholds import KINDS
from ..queries.procurement_procedures import (
    ProcedureFile,
    procedure_file,
    request_of_determina,
    request_of_order,
)
from ..queries.school import get_heading
from .base import body_width, build_pdf, protocol_of
from .funds_ledger import signatures
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table

if TYPE_CHECKING:
    from ..db.engine import Database


CODE_36 = "il D.Lgs 36/2023 (art. 17 e art. 50)"
CODE_50 = "il D.Lgs 50/2016 (art. 32 c.2 e art. 36) e il DL 76/2020 (art. 1 c.2)"


def _file(db, anno, numero, *, order: bool = False) -> ProcedureFile:
    if not anno or not numero:
        raise ValidationError({"numero": "Indicare anno e numero "
                                         + ("dell'ordine." if order else "della determina.")})
    find = request_of_order if order else request_of_determina
    return procedure_file(db, find(db, anno, numero))


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def build_determina(db: Database, out: Path, anno: int | None = None,
                    numero: int | None = None) -> Path:
    """The determina a contrarre ``numero``/``anno``."""
    f = _file(db, anno, numero)
    st = get_styles()
    w = body_width()
    info = [("Oggetto", f.object),
            ("Richiesta", f"{f.unit} ({f.requested_by}), del {format_date(f.requested_on)}: "
                          f"{f.request_reason}"),
            ("Tipo di contratto", KINDS.get(f.kind, f.kind) + f" – CPV {f.sector}"),
            ("Importo stimato", f"{format_money(f.amount)} al netto dell'IVA "
                                f"(IVA {f.vat_rate} %)"),
            ("Procedura", f.procedure + ("" if f.procedure == f.proposed else
                                         f" (proposta dalle soglie: {f.proposed})")),
            ("CIG", f.cig or "da acquisire prima dell'affidamento"),
            ("CUP", f.cup or "—"),
            ("Responsabile unico del progetto" if f.code_36 else
             "Responsabile unico del procedimento (art. 31 D.Lgs 50/2016)", f.rup),
            ("Imputazione", f"Programma Annuale {f.year}, {f.destination}/{f.spending_type}"
                            + (f" – {f.fund}" if f.fund else ""))]
    if f.procedure_motivation:
        info.append(("Motivazione della procedura", f.procedure_motivation))
    if f.council_deliberation:
        info.append(("Delibera del Consiglio d'istituto", f.council_deliberation))
    story: list = [
        _p("IL DIRIGENTE SCOLASTICO", st.heading),
        _p(f"Visti {CODE_36 if f.code_36 else CODE_50}, il D.I. 129/2018 (artt. 44-45), la "
           "L. 296/2006 (art. 1 c.449-450) e il Programma Annuale dell'esercizio; vista la "
           "richiesta d'acquisto indicata; ritenuto di procedere come segue,", st.normal),
        Spacer(1, 2 * mm), _p("DETERMINA", st.heading),
        _p(f"di avviare la procedura per «{f.object}», per un importo stimato di "
           f"{format_money(f.amount)} al netto dell'IVA, con le modalità e le verifiche "
           "sotto indicate.", st.normal),
        Spacer(1, 2 * mm), key_value_table(info, width=w, label_ratio=0.3),
        Spacer(1, 3 * mm), _p("Verifiche", st.heading)]
    story += [_p("– " + n, st.normal) for n in f.notes]
    coverage = (f"Il DSGA attesta la copertura finanziaria della spesa di "
                f"{format_money(f.commitment_amount)} IVA inclusa su {f.destination}/"
                f"{f.spending_type}" + (f" ({f.fund})" if f.fund else "")
                + f": impegno {f.commitment}." if f.commitment else
                "Copertura finanziaria: da attestare.")
    closing = [Spacer(1, 3 * mm), _p("Copertura finanziaria", st.heading),
               _p(coverage, st.normal), Spacer(1, 2 * mm),
               _p("La presente determina è pubblicata nella sezione «Amministrazione "
                  "trasparente» del sito dell'istituto.", st.normal)]
    story += keep_with_signatures(closing, signatures(db, f.determina_on, landscape=False))
    title = f"Determina a contrarre n. {f.number}/{f.year}"
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=f"del {format_date(f.determina_on)} · {f.object}",
                     footer_text=title, protocol=protocol_of(db, "determina", f.year,
                                                             f.number))


def build_quote_comparison(db: Database, out: Path, anno: int | None = None,
                           numero: int | None = None) -> Path:
    """The confronto dei preventivi of determina ``numero``/``anno``."""
    f = _file(db, anno, numero)
    st = get_styles()
    w = body_width()
    rows = []
    for q in f.quotes:
        rows.append([q.supplier, q.vat, format_date(q.invited_on),
                     format_date(q.received_on) if q.received_on else "non pervenuto",
                     format_money(q.amount) if q.amount is not None else "—", q.notes,
                     "scelto" if q.chosen else ""])
    story: list = [_p(f"Determina a contrarre n. {f.number}/{f.year} del "
                      f"{format_date(f.determina_on)}: {f.object}. Importo stimato "
                      f"{format_money(f.amount)} al netto dell'IVA; {f.procedure}.", st.normal),
                   Spacer(1, 3 * mm)]
    if not rows:
        story.append(_p("Nessun operatore invitato a presentare preventivo.", st.normal))
    else:
        story += chunked_table(
            ["Operatore", "P. IVA", "Invitato il", "Ricevuto il", "Importo (netto IVA)",
             "Note", "Esito"], rows,
            [w - 142 * mm, 26 * mm, 19 * mm, 22 * mm, 27 * mm, 32 * mm, 16 * mm],
            money_columns=(4,))
    story.append(Spacer(1, 3 * mm))
    if f.awarded_supplier:
        text = (f"Criterio: {f.criterion}" + (f" – {f.criterion_text}" if f.criterion_text
                                              else "")
                + f". Preventivo scelto: {f.awarded_supplier}, "
                f"{format_money(f.awarded_amount)} al netto dell'IVA; affidamento del "
                f"{format_date(f.awarded_on)}"
                + (f" (deroga alla rotazione: {f.rotation})" if f.rotation else "") + ".")
    else:
        text = "La scelta del preventivo non è ancora registrata."
    closing = [_p(text, st.normal)]
    story += keep_with_signatures(closing, signatures(db, f.awarded_on, landscape=False))
    title = f"Confronto dei preventivi – determina n. {f.number}/{f.year}"
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=f.object, footer_text=title,
                     protocol=protocol_of(db, "confronto-preventivi", f.year, f.number))


def build_order_letter(db: Database, out: Path, anno: int | None = None,
                       numero: int | None = None) -> Path:
    """The order letter ``numero``/``anno`` to the awardee."""
    f = _file(db, anno, numero, order=True)
    st = get_styles()
    w = body_width()
    story: list = [_p(f"Spett.le {f.order_supplier}", st.normal),
                   _p(" · ".join(x for x in (f.order_supplier_address,
                                             f"P. IVA {f.order_supplier_vat}"
                                             if f.order_supplier_vat else "",
                                             f"PEC {f.order_supplier_pec}"
                                             if f.order_supplier_pec else "") if x),
                      st.normal),
                   Spacer(1, 3 * mm),
                   _p(f"Oggetto: ordine per «{f.object}» – CIG {f.cig or '—'}"
                      + (f" – CUP {f.cup}" if f.cup else ""), st.heading),
                   _p(f"In esecuzione della determina a contrarre n. {f.number}/{f.year} del "
                      f"{format_date(f.determina_on)} e dell'affidamento del "
                      f"{format_date(f.awarded_on)}, si ordina quanto segue, alle condizioni "
                      "del preventivo presentato.", st.normal), Spacer(1, 2 * mm)]
    rows = [[str(x.line_no), x.description, f"{x.quantity} {x.unit}".strip(),
             format_money(x.unit_price), f"{x.vat_rate} %", format_money(x.total)]
            for x in f.order_lines]
    story += chunked_table(["N.", "Descrizione", "Quantità", "Prezzo unitario", "IVA",
                            "Importo"], rows,
                           [10 * mm, w - 106 * mm, 22 * mm, 28 * mm, 16 * mm, 30 * mm],
                           money_columns=(2, 3, 4, 5))
    story += [Spacer(1, 2 * mm), key_value_table([
        ("Imponibile", format_money(f.order_taxable)),
        ("IVA", format_money(f.order_tax)),
        ("Totale dell'ordine", format_money(f.order_total))], width=w * 0.5,
        label_ratio=0.5), Spacer(1, 3 * mm)]
    delivery = [("Luogo di consegna", f.delivery_place),
                ("Condizioni di consegna", f.delivery_terms or "—"),
                ("Consegna entro il", format_date(f.delivery_by) if f.delivery_by else "—")]
    invoicing = [
        ("Fattura elettronica", f"intestata all'istituto, codice fiscale "
                                f"{f.school_tax_code or '—'}, codice univoco ufficio "
                                f"{f.office_code or '—'}"),
        ("Da indicare in fattura", f"CIG {f.cig or '—'}"
                                   + (f", CUP {f.cup}" if f.cup else "")
                                   + f", ordine n. {f.order_number}/{f.order_year}"),
        ("Scissione dei pagamenti", SPLIT_PAYMENT_NOTE if f.order_tax else
         "Non si applica: operazione senza IVA."),
        ("Tracciabilità", "Pagamento sul conto corrente dedicato comunicato ai sensi della "
                          "L. 136/2010 art. 3, previa verifica della regolarità contributiva "
                          "(DURC)."),
        ("Impegno di spesa", f"{f.commitment} su {f.destination}/{f.spending_type}")]
    story += [_p("Consegna", st.heading), key_value_table(delivery, width=w, label_ratio=0.3),
              Spacer(1, 3 * mm), _p("Fatturazione e pagamento", st.heading)]
    closing = [key_value_table(invoicing, width=w, label_ratio=0.3)]
    story += keep_with_signatures(closing, signatures(db, f.ordered_on, landscape=False))
    title = f"Lettera d'ordine n. {f.order_number}/{f.order_year}"
    return build_pdf(out, heading=get_heading(db), title=title, story=story,
                     subtitle=f"del {format_date(f.ordered_on)} · {f.order_supplier}",
                     footer_text=title, protocol=protocol_of(db, "lettera-ordine",
                                                             f.order_year, f.order_number))
