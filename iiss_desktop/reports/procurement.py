"""Printed documents of Acquisti: the Registro unico delle fatture (DL 66/2014 art. 42) with
the payment due date and the days each invoice has waited."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.money import format_money
from ..domain.procurement import rules
from ..queries.procurement import list_invoices, payment_days
from ..queries.school import get_heading
from .base import body_width, build_pdf, protocol_of
from .styles import get_styles
from .tables import chunked_table

if TYPE_CHECKING:
    from ..db.engine import Database

HEADERS = ["Reg. n.", "Ricevuta il", "Fornitore", "Documento", "Imponibile", "IVA", "Totale",
           "CIG / CUP", "Scadenza", "Pagata il", "Giorni"]


def build_invoice_register(db: Database, out: Path, anno: int | None = None,
                           oggi: date | None = None) -> Path:
    """Every invoice of register year ``anno`` in register order; «Giorni»: from receipt to
    payment, or to today for an invoice not yet paid (marked when past its due date)."""
    st = get_styles()
    year = anno or date.today().year
    today = oggi or date.today()
    invoices = sorted(list_invoices(db, year), key=lambda i: i.number)
    term = payment_days(db)
    rows = []
    taxable = tax = total = Decimal("0.00")
    for i in invoices:
        late = i.paid_on is None and i.status != "rifiutata" and today > i.payment_due
        paid_late = i.paid_on is not None and i.paid_on > i.payment_due
        days = "" if i.status == "rifiutata" else \
            f"{i.days_waited(today)}" + (" (scaduta)" if late else " (oltre la scadenza)"
                                          if paid_late else "")
        codes = " / ".join(c for c in (i.cig, i.cup) if c)
        document = f"{i.document_label} n. {i.invoice_number} del {format_date(i.invoice_date)}"
        if i.split_payment:
            document += " – scissione dei pagamenti"
        rows.append([str(i.number), format_date(i.received_on),
                     f"{i.supplier} ({i.supplier_vat})" if i.supplier_vat else i.supplier,
                     document, format_money(i.taxable), format_money(i.tax),
                     format_money(i.total), codes, format_date(i.payment_due),
                     format_date(i.paid_on) if i.paid_on else
                     rules.INVOICE.label(i.status), days])
        taxable, tax, total = taxable + i.taxable, tax + i.tax, total + i.total
    w = body_width(landscape=True)
    fixed = [14 * mm, 19 * mm, 0, 0, 23 * mm, 21 * mm, 23 * mm, 28 * mm, 19 * mm, 21 * mm,
             24 * mm]
    free = w - sum(fixed)
    fixed[2], fixed[3] = free * 0.45, free * 0.55
    story: list = []
    if not invoices:
        story.append(Paragraph(f"Nessuna fattura registrata nel {year}.", st.normal))
    story += chunked_table(HEADERS, rows, fixed, money_columns=(4, 5, 6, 10), landscape=True,
                           fixed_columns=(0, 1, 4, 5, 6, 8))
    story += [Spacer(1, 3 * mm), Paragraph(
        f"Fatture registrate: {len(invoices)} · imponibile {format_money(taxable)} · IVA "
        f"{format_money(tax)} · totale {format_money(total)}", st.heading)]
    subtitle = (f"Anno {year} · DL 66/2014 art. 42 · giorni dalla ricezione al pagamento (al "
                f"{format_date(today)} per le fatture non pagate); scadenza: quella indicata "
                f"nella fattura, altrimenti {term} giorni dalla ricezione")
    return build_pdf(out, heading=get_heading(db), title="Registro unico delle fatture",
                     story=story, subtitle=subtitle, landscape=True,
                     footer_text=f"Registro unico delle fatture {year}")


def build_received_invoice(db: Database, out: Path, anno: int | None = None,
                           numero: int | None = None) -> Path:
    """An invoice received, in a readable layout: supplier and school, document, lines, IVA
    summary, payment, references and the findings the import recorded."""
    from ..domain.errors import ValidationError
    from ..queries.procurement_scheda import invoice_id_of, invoice_scheda

    if not anno or not numero:
        raise ValidationError({"numero": "Indicare anno e numero del registro delle fatture."})
    st = get_styles()
    sch = invoice_scheda(db, invoice_id_of(db, anno, numero))
    w = body_width()
    story: list = [Paragraph(f"<b>{_x(sch.supplier)}</b><br/>{_x(sch.supplier_address)}"
                             f"<br/>P. IVA {_x(sch.supplier_vat)}", st.normal),
                   Spacer(1, 4 * mm)]
    fields = [[f.label, f.text] for f in sch.fields
              if f.name not in ("supplier", "vat", "address") and f.text]
    story += chunked_table(["Dato", "Valore"], fields, [50 * mm, w - 50 * mm])
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("Righe della fattura", st.heading))
    story += chunked_table(
        ["N.", "Descrizione", "Quantità", "Prezzo unitario", "Totale", "IVA"],
        [[str(r.number), r.description, f"{r.quantity} {r.unit}".strip(), r.unit_price,
          format_money(r.total), r.vat_rate + (f" ({r.nature})" if r.nature else "")]
         for r in sch.lines],
        [10 * mm, w - 110 * mm, 22 * mm, 28 * mm, 28 * mm, 22 * mm], money_columns=(2, 3, 4))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("Riepilogo IVA", st.heading))
    story += chunked_table(
        ["Aliquota", "Natura", "Imponibile", "Imposta", "Esigibilità"],
        [[v.rate, v.nature, format_money(v.taxable), format_money(v.tax), v.esigibilita]
         for v in sch.vat], [25 * mm, 25 * mm, 35 * mm, 35 * mm, w - 120 * mm],
        money_columns=(2, 3))
    taxable, tax, total, payable = sch.totals
    story += [Spacer(1, 3 * mm), Paragraph(
        f"Totale del documento {format_money(total)} · da pagare al fornitore "
        f"{format_money(payable)}", st.heading)]
    if sch.warning:
        story += [Spacer(1, 3 * mm), Paragraph(_x(sch.warning), st.normal)]
    # An invoice received is incoming mail: it carries the protocol it was given on arrival.
    return build_pdf(out, heading=get_heading(db), title=sch.title, story=story,
                     protocol=protocol_of(db, "fattura-ricevuta", anno, numero),
                     subtitle=f"Registro unico delle fatture n. {sch.number}/{sch.year} · "
                              f"{sch.state}",
                     footer_text=f"Fattura ricevuta, registro n. {sch.number}/{sch.year}")


def _x(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text or "")
