"""The cash documents of the Fondi (D.I. 129/2018 artt. 12-17): the «Mandato di pagamento»
with every content of art. 17 c.1 (a: the order to the istituto cassiere; b: number and date;
c: amount in figures and in words, causale; d: the creditor with tax data; e: the activity or
project; f: the expenditure coding; g: the withholdings), the commitment and the liquidazione
it pays, the split payment of IVA when its invoice is under it, CIG and CUP, the signatures of
the DSGA and of the dirigente; the «Reversale d'incasso»; the «Distinta» of mandati and
reversali for the istituto cassiere, with totals and progressive totals.

Several mandati or reversali (``numero`` to ``ultimo``): one per page.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.money import format_money
from ..queries.funds_lists import programme_years
from ..queries.funds_movements import (
    PaymentOrderDoc,
    ReceiptOrderDoc,
    distinta,
    payment_order_documents,
    receipt_order_documents,
)
from ..queries.school import get_heading
from .base import body_width, build_pdf, protocol_of
from .funds_ledger import default_year, no_programme_pdf, signatures
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table

if TYPE_CHECKING:
    from ..db.engine import Database

ZERO = Decimal("0.00")
SPLIT_PAYMENT = "scissione dei pagamenti, art. 17-ter DPR 633/1972"


def _words(words: str) -> str:
    return f"euro {words}"


def _documents(db: Database, fetch, year: int, numero, ultimo, kind: str) -> list:
    if numero is None and ultimo is not None:
        numero = 1
    docs = fetch(db, year, numero, ultimo)
    if not docs:
        which = (f"n. {numero}" + (f"–{ultimo}" if ultimo not in (None, numero) else "")
                 if numero is not None else "emesso")
        raise DomainError(f"Nessun {kind} {which} nell'esercizio {year}.", "numero")
    return docs


# --- mandato -----------------------------------------------------------------------------------

def _tax_rows(m: PaymentOrderDoc) -> list[tuple[str, str]]:
    if m.creditor_tax_code and m.creditor_tax_code == m.creditor_vat:
        return [("Codice fiscale / Partita IVA", m.creditor_tax_code)]
    rows = []
    if m.creditor_tax_code:
        rows.append(("Codice fiscale", m.creditor_tax_code))
    if m.creditor_vat:
        rows.append(("Partita IVA", m.creditor_vat))
    return rows


def _payment_order(m: PaymentOrderDoc, st) -> list:
    cig = m.cig or (f"{m.invoice_cig} (indicato dalla fattura)" if m.invoice_cig else "—")
    method = (f"Bonifico bancario sul conto IBAN {m.creditor_iban}" if m.creditor_iban else
              "Senza IBAN: pagamento con quietanza del creditore presso l'istituto cassiere")
    info: list[tuple[str, str]] = [
        ("Esercizio finanziario", str(m.year)),
        ("Mandato n.", f"{m.number} del {format_date(m.issued_on)}"),
        ("Importo in cifre", format_money(m.amount)),
        ("Importo in lettere", _words(m.amount_words)),
        ("Causale", m.causale),
        ("Creditore", m.creditor_name),
        *_tax_rows(m)]
    if m.creditor_address:
        info.append(("Indirizzo", m.creditor_address))
    info += [
        ("Modalità di pagamento", method),
        ("Destinazione (attività / progetto)", f"{m.destination} – {m.destination_name}"),
        ("Tipo di spesa (conto)", f"{m.spending_type} – {m.spending_type_name}"),
        ("Imputazione", f"{m.destination}/{m.spending_type} – "
                        + (f"conto residui {m.residue_origin}" if m.residue_origin
                           else f"competenza {m.year}"))]
    if m.fund:
        info.append(("Finanziamento vincolato", m.fund))
    info += [
        ("Impegno", f"n. {m.commitment_number}/{m.commitment_year} del "
                    f"{format_date(m.committed_on)} di {format_money(m.commitment_amount)} – "
                    f"{m.commitment_description}" if m.commitment_number is not None else
                    f"Residuo passivo {m.commitment_year} importato dal programma precedente "
                    f"(riportato {format_money(m.commitment_amount)}) – "
                    f"{m.commitment_description}"),
        ("Liquidazione", f"n. {m.liquidation_number}/{m.liquidation_year} del "
                         f"{format_date(m.liquidated_on)} – {m.supply_check}"
                         + (f"; {m.document_ref}" if m.document_ref else ""))]
    if m.invoice:
        info.append(("Fattura elettronica", m.invoice))
    info += [("CIG", cig), ("CUP", m.cup or "—")]
    w = body_width()
    story: list = [Paragraph(escape(
        f"All'Istituto cassiere: si dispone il pagamento al creditore sotto indicato della "
        f"somma di {format_money(m.amount)} ({_words(m.amount_words)}) per la causale "
        f"indicata, con imputazione al Programma Annuale {m.year} (D.I. 129/2018 art. 17)."),
        st.normal), Spacer(1, 2 * mm), key_value_table(info, width=w, label_ratio=0.3),
        Spacer(1, 3 * mm)]
    amounts = [["Importo lordo del mandato", format_money(m.amount)]]
    if m.split_payment:
        if m.split_vat:
            amounts.append([f"IVA versata all'Erario ({SPLIT_PAYMENT})",
                            "− " + format_money(m.split_vat)])
        else:
            amounts.append([f"IVA della fattura, {format_money(m.invoice_vat)}, da versare "
                            f"all'Erario a parte ({SPLIT_PAYMENT})", ""])
    amounts.append(["Ritenute", "− " + format_money(m.withholdings)])
    label = ("Imponibile da pagare al fornitore" if m.split_vat else
             "Netto da pagare al creditore")
    amounts.append([Paragraph(escape(label), st.cell_bold),
                    Paragraph(escape(format_money(m.to_creditor)), st.cell_header_right)])
    return story + chunked_table(["Importi", ""], amounts, [w - 40 * mm, 40 * mm],
                                 money_columns=(1,))


def _build_documents(db: Database, out: Path, anno, numero, ultimo, *, fetch, kind: str,
                     title: str, body, subtitle: str) -> Path:
    """The mandati or reversali ``numero``…``ultimo`` of ``anno``, one per page (default:
    the last of the year); a single one carries its protocol number."""
    year = default_year(db, anno)
    docs = _documents(db, fetch, year, numero, ultimo, kind)
    st = get_styles()
    single = len(docs) == 1
    story: list = []
    for k, doc in enumerate(docs):
        if k:
            story.append(PageBreak())
        if not single:
            story.append(Paragraph(escape(f"{title} n. {doc.number} del "
                                          f"{format_date(doc.issued_on)}"), st.title))
        story += keep_with_signatures(body(doc, st), signatures(db, doc.issued_on,
                                                                landscape=False))
    plural = {"mandato": "Mandati di pagamento", "reversale": "Reversali d'incasso"}[kind]
    heading = (f"{title} n. {docs[0].ref}" if single else
               f"{plural} n. {docs[0].number}–{docs[-1].number}/{year}")
    protocol = protocol_of(db, kind, year, docs[0].number) if single else False
    return build_pdf(out, heading=get_heading(db), title=heading, story=story,
                     subtitle=subtitle, footer_text=heading, protocol=protocol)


def build_payment_order(db: Database, out: Path, anno: int | None = None,
                        numero: int | None = None, ultimo: int | None = None) -> Path:
    """Mandato ``numero`` of ``anno`` (default: the last of the year); with ``ultimo``, the
    mandati ``numero``…``ultimo``, one per page."""
    return _build_documents(db, out, anno, numero, ultimo, fetch=payment_order_documents,
                            kind="mandato", title="Mandato di pagamento", body=_payment_order,
                            subtitle="D.I. 129/2018 art. 17")


# --- reversale ---------------------------------------------------------------------------------

def _receipt_order(r: ReceiptOrderDoc, st) -> list:
    info = [("Esercizio finanziario", str(r.year)),
            ("Reversale n.", f"{r.number} del {format_date(r.issued_on)}"),
            ("Importo in cifre", format_money(r.amount)),
            ("Importo in lettere", _words(r.amount_words)),
            ("Debitore (versante)", r.debtor),
            ("Causale", r.causale),
            ("Aggregato di entrata", f"{r.aggregate} – {r.aggregate_name}"),
            ("Voce di entrata", f"{r.revenue} – {r.revenue_name}"),
            ("Imputazione", f"{r.revenue} – " + (f"conto residui {r.residue_origin}"
                                                 if r.residue_origin else
                                                 f"competenza {r.year}"))]
    return [Paragraph(escape(
        f"All'Istituto cassiere: si dispone la riscossione dal debitore sotto indicato della "
        f"somma di {format_money(r.amount)} ({_words(r.amount_words)}) per la causale "
        f"indicata, con imputazione alle entrate del Programma Annuale {r.year}."), st.normal),
        Spacer(1, 2 * mm), key_value_table(info, width=body_width(), label_ratio=0.3)]


def build_receipt_order(db: Database, out: Path, anno: int | None = None,
                        numero: int | None = None, ultimo: int | None = None) -> Path:
    """Reversale ``numero`` of ``anno`` (default: the last of the year); with ``ultimo``,
    the reversali ``numero``…``ultimo``, one per page."""
    return _build_documents(db, out, anno, numero, ultimo, fetch=receipt_order_documents,
                            kind="reversale", title="Reversale d'incasso", body=_receipt_order,
                            subtitle="D.I. 129/2018 artt. 12-13")


# --- distinta ----------------------------------------------------------------------------------

def _section(title: str, moves, before: Decimal, header: list[str], row_of, widths, st) -> list:
    story: list = [Paragraph(escape(title), st.heading)]
    if not moves:
        return story + [Paragraph("Nessun documento.", st.normal)]
    running = before
    rows = []
    for m in moves:
        running += m.amount
        rows.append([*row_of(m), format_money(m.amount), format_money(running)])
    total = sum((m.amount for m in moves), ZERO)
    ncols = len(header)
    rows.append(["", "", Paragraph(escape(f"Totale della distinta ({len(moves)} documenti)"),
                                   st.cell_bold), *[""] * (ncols - 5),
                 Paragraph(escape(format_money(total)), st.cell_header_right),
                 Paragraph(escape(format_money(running)), st.cell_header_right)])
    story += chunked_table(header, rows, widths, money_columns=(ncols - 2, ncols - 1),
                           fixed_columns=(0, 1), landscape=True)
    summary = [["Totale della distinta", format_money(total)],
               ["Totale dei documenti precedenti dell'esercizio", format_money(before)],
               [Paragraph("Totale progressivo dell'esercizio", st.cell_bold),
                Paragraph(escape(format_money(before + total)), st.cell_header_right)]]
    return story + [Spacer(1, 2 * mm), *chunked_table(
        ["Riepilogo", "Importo"], summary, [110 * mm, 36 * mm], money_columns=(1,),
        landscape=True)]


def build_distinta(db: Database, out: Path, anno: int | None = None, dal: date | None = None,
                   al: date | None = None, primo: int | None = None,
                   ultimo: int | None = None) -> Path:
    """The mandati and reversali of ``anno`` issued ``dal``…``al`` and numbered
    ``primo``…``ultimo`` (each optional)."""
    year = default_year(db, anno)
    title = f"Distinta dei mandati e delle reversali – esercizio {year}"
    if year not in {y for y, _ in programme_years(db)}:
        return no_programme_pdf(db, out, year, title)
    d = distinta(db, year, dal, al, primo, ultimo)
    st = get_styles()
    w = body_width(True)
    period = f"dal {format_date(d.start)} al {format_date(d.end)}"
    if primo is not None or ultimo is not None:
        period += (f", numeri {primo if primo is not None else 1}–"
                   f"{ultimo if ultimo is not None else 'ultimo'}")
    story: list = [Paragraph(escape(
        f"All'Istituto cassiere: si trasmettono i mandati di pagamento e le reversali d'incasso "
        f"dell'esercizio {year} sotto elencati ({period})."), st.normal)]
    free = w - (11 + 19 + 32 + 18 + 27 + 29) * mm
    story += _section("Mandati di pagamento", d.payments, d.payments_before,
                      ["N.", "Data", "Beneficiario", "C.F. / P. IVA", "Imputaz.", "Causale",
                       "Importo", "Progressivo"],
                      lambda m: [str(m.number), format_date(m.day), m.counterpart, m.tax_code,
                                 m.account, m.causale],
                      [11 * mm, 19 * mm, free * 0.45, 32 * mm, 18 * mm, free * 0.55, 27 * mm,
                       29 * mm], st)
    free = w - (11 + 19 + 18 + 27 + 29) * mm
    receipts = _section(
        "Reversali d'incasso", d.receipts, d.receipts_before,
        ["N.", "Data", "Debitore", "Voce", "Causale", "Importo", "Progressivo"],
        lambda m: [str(m.number), format_date(m.day), m.counterpart, m.account, m.causale],
        [11 * mm, 19 * mm, free * 0.4, 18 * mm, free * 0.6, 27 * mm, 29 * mm], st)
    # The last summary (a one-page table and its heading) stays with the signatures.
    last = receipts[-2:]
    story += [Spacer(1, 3 * mm), *receipts[:len(receipts) - len(last)],
              *keep_with_signatures(last, signatures(db, None))]
    return build_pdf(out, heading=get_heading(db), title=title, story=story, landscape=True,
                     subtitle=f"Per l'istituto cassiere – {period}", footer_text=title)
