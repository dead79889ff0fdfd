"""The scheda of an invoice received: what the file says (supplier, document, lines, IVA
summary, payment, references), its findings, its history in the office (received, entered
in the register, tied to its liquidazione, paid) and the documents it appears in."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.money import format_money, from_cents
from ..domain.procurement import matching as m
from ..domain.procurement import rules
from ..domain.procurement.fatturapa import DOCUMENT_TYPES, ESIGIBILITA
from .procurement import _day, payment_days_of
from .scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable


@dataclass(frozen=True)
class LineRow:
    number: int
    description: str
    quantity: str
    unit: str
    unit_price: str
    total: Decimal
    vat_rate: str
    nature: str


@dataclass(frozen=True)
class VatRow:
    rate: str
    nature: str
    taxable: Decimal
    tax: Decimal
    esigibilita: str


@dataclass(frozen=True)
class InvoiceScheda:
    id: int
    year: int
    number: int
    title: str
    state: str
    warning: str
    fields: tuple[FieldLine, ...]
    lines: tuple[LineRow, ...]
    vat: tuple[VatRow, ...]
    history: list[HistoryRow]
    documents: list[DocumentRef]
    supplier: str
    supplier_vat: str
    supplier_address: str
    totals: tuple[Decimal, Decimal, Decimal, Decimal]     # taxable, tax, total, payable


_HEAD = (
    "SELECT i.year, i.number, i.received_on, i.document_type, i.invoice_number, "
    "i.invoice_date, i.currency, i.causale, i.taxable, i.tax, i.total, i.payable, "
    "i.split_payment, i.due_on, i.iban, i.cig, i.cup, i.order_reference, i.warnings, "
    "i.status, i.office_code, i.transmission_format, i.paid_on, s.name, s.vat, s.tax_code, "
    "s.address, f.name, f.schema_problems, f.sha256, l.number, l.year, l.liquidated_on, "
    "m.number, m.year, m.issued_on, i.order_id, i.match_kind, i.inventory_note, "
    "i.supplier_id "
    "FROM procurement_invoice i JOIN procurement_supplier s ON s.id = i.supplier_id "
    "JOIN procurement_invoice_file f ON f.id = i.file_id "
    "LEFT JOIN funds_liquidation l ON l.id = i.liquidation_id "
    "LEFT JOIN funds_payment_order m ON m.id = i.payment_order_id WHERE i.id = :i")


def _match(db: Database, invoice_id: int, order_id, kind: str, facts: m.InvoiceFacts):
    """The matched order's label, the differences from it and (year, number, day)."""
    if not order_id:
        return "non abbinata", (), None
    with read_session(db) as s:
        o = s.execute(text(
            "SELECT o.year, o.number, o.ordered_on, o.supplier_id, s.vat, p.cig, o.total, "
            "COALESCE((SELECT SUM(CASE WHEN i.document_type = 'TD04' THEN -i.total ELSE "
            "i.total END) FROM procurement_invoice i WHERE i.order_id = o.id AND i.id <> :i "
            "AND i.status <> 'rifiutata'), 0), s.name "
            "FROM procurement_order o JOIN procurement_procedure p ON p.id = o.procedure_id "
            "JOIN procurement_supplier s ON s.id = o.supplier_id WHERE o.id = :o"),
            {"o": order_id, "i": invoice_id}).one()
    order = m.OrderFacts(order_id, o[0], o[1], o[3], o[4] or "", o[5] or "", from_cents(o[6]),
                         from_cents(o[7]))
    label = (f"Ordine n. {o[1]}/{o[0]} del {format_date(_day(o[2]))} – {o[8]} "
             f"({m.MATCH_KINDS.get(kind, kind)}; residuo da fatturare, questa fattura "
             f"esclusa: {format_money(order.remaining)})")
    return label, m.differences(facts, order), (o[0], o[1], o[2])


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


def _number(value) -> str:
    """A quantity as the file writes it («2.50»), in Italian («2,5»); as is if unreadable."""
    d = _decimal(value)
    if d is None:
        return str(value or "")
    text = f"{d.normalize():f}"
    whole, _sep, frac = text.partition(".")
    return f"{int(whole):,}".replace(",", ".") + (f",{frac}" if frac else "") \
        if whole.lstrip("-").isdigit() else text


def _price(value) -> str:
    """A unit price: in euro to the cent, with more decimals when the file has them (FatturaPA
    allows eight)."""
    d = _decimal(value)
    if d is None:
        return str(value or "")
    if d == d.quantize(Decimal("0.01")):
        return format_money(d.quantize(Decimal("0.01")))
    return f"{_number(d)}\u00a0€"


def _rate(value) -> str:
    """An IVA rate «22.00» as «22 %»."""
    d = _decimal(value)
    return f"{_number(d)} %" if d is not None else str(value or "")


def invoice_scheda(db: Database, invoice_id: int) -> InvoiceScheda:
    from ..areas import all_reports

    with read_session(db) as s:
        h = s.execute(text(_HEAD), {"i": invoice_id}).first()
        if h is None:
            raise DomainError("Fattura inesistente nel registro.")
        lines = s.execute(text(
            "SELECT line_no, description, quantity, unit, unit_price, total, vat_rate, nature "
            "FROM procurement_invoice_line WHERE invoice_id = :i ORDER BY line_no, id"),
            {"i": invoice_id}).all()
        vat = s.execute(text(
            "SELECT rate, nature, taxable, tax, esigibilita FROM procurement_invoice_vat "
            "WHERE invoice_id = :i ORDER BY id"), {"i": invoice_id}).all()
        term = payment_days_of(s)
    (year, number, received, kind, inv_no, inv_date, currency, causale, taxable, tax, total,
     payable, split, due, iban, cig, cup, order, warnings, status, office, fmt, paid_on,
     supplier, vat_no, tax_code, address, file_name, schema, sha, l_no, l_year, l_day,
     m_no, m_year, m_day, order_id, match_kind, inventory_note, supplier_id) = h
    match, diffs, order_row = _match(db, invoice_id, order_id, match_kind, m.InvoiceFacts(
        supplier_id, vat_no or "", cig or "", order or "", from_cents(total), kind))
    label = DOCUMENT_TYPES.get(kind, kind)
    money = [from_cents(v) for v in (taxable, tax, total, payable)]
    fields = [
        FieldLine("supplier", "Fornitore", supplier),
        FieldLine("vat", "Partita IVA / codice fiscale",
                  " · ".join(v for v in (vat_no, tax_code) if v)),
        FieldLine("address", "Sede del fornitore", address),
        FieldLine("document", "Documento",
                  f"{label} n. {inv_no} del {format_date(_day(inv_date))}"),
        FieldLine("causale", "Causale", causale),
        FieldLine("totals", "Importi",
                  f"imponibile {format_money(money[0])} · IVA {format_money(money[1])} · "
                  f"totale {format_money(money[2])}"
                  + ("" if currency == "EUR" else f" (importi in {currency})")),
        FieldLine("payable", "Da pagare al fornitore",
                  format_money(money[3]) + (" (scissione dei pagamenti: l'IVA all'Erario)"
                                            if split else "")),
        FieldLine("due", "Scadenza del pagamento",
                  format_date(_day(due)) if due else
                  f"{format_date(rules.payment_due(_day(received), None, term))}: {term} "
                  "giorni dalla ricezione (la fattura non la indica)"),
        FieldLine("iban", "IBAN indicato in fattura", iban),
        FieldLine("codes", "CIG / CUP", " / ".join(c for c in (cig, cup) if c)),
        FieldLine("order", "Riferimento dell'ordine", order),
        FieldLine("order_id", "Ordine abbinato", match),
        FieldLine("differences", "Differenze dall'ordine", " ".join(diffs)
                  if diffs else ("nessuna" if order_id else "")),
        FieldLine("inventory_note", "Beni pagati (numeri d'inventario, D.I. 129/2018 "
                  "art. 17 c.3)", inventory_note or ""),
        FieldLine("office", "Codice univoco ufficio", f"{office} ({fmt})"),
        FieldLine("file", "File ricevuto", f"{file_name} (SHA-256 {sha[:16]}…)"),
    ]
    history = [HistoryRow(_day(received), "Ricezione",
                          f"Registrata al n. {number}/{year} del registro unico delle fatture",
                          f"Registro unico delle fatture {year}", 0, 0)]
    if l_no:
        history.append(HistoryRow(_day(l_day), "Liquidazione", f"Liquidazione n. {l_no}/"
                                  f"{l_year}", "", 1, 0))
    if m_no:
        history.append(HistoryRow(_day(m_day), "Pagamento", f"Mandato n. {m_no}/{m_year}",
                                  f"Mandato n. {m_no}/{m_year}", 2, 0))
    specs = {r.name: r for r in all_reports()}
    documents = [DocumentRef("fattura-ricevuta", f"{label} n. {inv_no} (registro n. "
                             f"{number}/{year})", _day(received),
                             (("anno", year), ("numero", number))),
                 DocumentRef("registro-fatture", f"Registro unico delle fatture {year}",
                             _day(received), (("anno", year),))]
    if m_no:
        documents.append(DocumentRef("mandato", f"Mandato n. {m_no}/{m_year}", _day(m_day),
                                     (("anno", m_year), ("numero", m_no))))
    if order_row is not None:
        o_year, o_no, o_day = order_row
        documents.append(DocumentRef("lettera-ordine", f"Lettera d'ordine n. {o_no}/{o_year}",
                                     _day(o_day), (("anno", o_year), ("numero", o_no))))
    findings = [p for p in (schema or "").splitlines() + (warnings or "").splitlines() if p]
    return InvoiceScheda(
        invoice_id, year, number, f"{label} n. {inv_no} del {format_date(_day(inv_date))} – "
        f"{supplier}", rules.INVOICE.label(status),
        ("Avvertenze: " + " ".join(findings)) if findings else "", tuple(fields),
        tuple(LineRow(r[0], r[1], _number(r[2]), r[3], _price(r[4]), from_cents(r[5]),
                      _rate(r[6]), r[7]) for r in lines),
        tuple(VatRow(_rate(r[0]), r[1], from_cents(r[2]), from_cents(r[3]),
                     ESIGIBILITA.get(r[4], "immediata")) for r in vat),
        in_date_order(history), printable(db, documents, specs), supplier, vat_no, address,
        tuple(money))


def invoice_id_of(db: Database, year: int, number: int) -> int:
    with read_session(db) as s:
        found = s.execute(text("SELECT id FROM procurement_invoice WHERE year = :y AND "
                               "number = :n"), {"y": year, "n": number}).scalar()
    if found is None:
        raise DomainError(f"Nessuna fattura al n. {number}/{year} del registro.")
    return found
