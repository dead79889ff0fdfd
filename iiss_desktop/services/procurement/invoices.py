"""Importing FatturaPA files: each invoice an entry of the «Registro unico delle fatture».

A received file (a plain XML, a signed p7m, or one member of a ZIP) is imported whole or not
at all, in one transaction: its bytes as received, its supplier (created from the invoice
when the office has none with that VAT number), and every invoice it carries with its lines
and IVA summary, each numbered in the register «acquisti-fatture». A file is refused, and
nothing of it stored, when it cannot be read as an invoice, when it breaks the official schema
and the clerk did not confirm (``accept_schema_errors``: the findings then stay on the file
and on its invoices), or when it, or one of its invoices, was imported already.

Every write runs under the write gate (db/locking.py), so the duplicate checks and the
supplier lookup see what other PCs committed; the unique columns (the file's SHA-256, the
invoice's duplicate key) hold even so.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from ...areas.procurement import INVOICES
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.money import to_cents
from ...domain.procurement import rules
from ...domain.procurement.envelope import unwrap
from ...domain.procurement.fatturapa import (
    FatturaPAError,
    Invoice,
    arithmetic_problems,
    code_problems,
    read_fatturapa,
)
from ...domain.registers import MAX_TEXT
from ...models.procurement import Invoice as InvoiceRow
from ...models.procurement import InvoiceFile, InvoiceLine, InvoiceVat, Supplier
from ..registers import add_entry
from .matching import propose_at_import

MAX_SCHEMA_SHOWN = 5


@dataclass(frozen=True)
class ReadInvoice:
    """An invoice as the import shows it (and, once stored, its register number)."""

    file: str
    supplier_name: str
    supplier_vat: str
    number: str
    on: date
    document_type: str
    total: Decimal
    payable: Decimal
    cig: str
    cup: str
    warnings: tuple[str, ...] = ()
    register_year: int | None = None
    register_number: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class FileOutcome:
    file: str
    invoices: tuple[ReadInvoice, ...] = ()
    schema_problems: tuple[str, ...] = ()
    refused: str = ""            # why nothing of this file was (or would be) stored

    @property
    def ok(self) -> bool:
        return not self.refused


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileOutcome, ...]
    skipped: tuple[str, ...] = ()     # archive members that are not invoices
    stored: bool = False              # False for a preview
    refused_count: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "refused_count", sum(1 for f in self.files if f.refused))

    @property
    def invoices(self) -> list[ReadInvoice]:
        return [i for f in self.files if f.ok for i in f.invoices]


@dataclass(frozen=True)
class _Parsed:
    name: str
    data: bytes
    invoices: tuple[Invoice, ...] = ()
    schema: tuple[str, ...] = ()
    refused: str = ""


def _read(received: Iterable[tuple[str, bytes]]) -> tuple[list[_Parsed], list[str]]:
    parsed: list[_Parsed] = []
    skipped: list[str] = []
    for name, data in received:
        try:
            files, others = unwrap(name, data)
        except FatturaPAError as exc:
            parsed.append(_Parsed(name, data, refused=exc.message))
            continue
        skipped.extend(others)
        for xml in files:
            try:
                invoices = tuple(read_fatturapa(xml.data, xml.name))
            except FatturaPAError as exc:
                parsed.append(_Parsed(xml.name, xml.data, refused=exc.message))
                continue
            schema = tuple(str(p) for p in invoices[0].schema_problems)
            # a p7m is kept as received: its bytes, not the XML taken out of it
            parsed.append(_Parsed(xml.name, xml.original, invoices, schema))
    return parsed, skipped


def _schema_refusal(schema: Sequence[str]) -> str:
    shown = "; ".join(p.rstrip(".") for p in schema[:MAX_SCHEMA_SHOWN])
    more = f" (e altre {len(schema) - MAX_SCHEMA_SHOWN} difformità)" \
        if len(schema) > MAX_SCHEMA_SHOWN else ""
    return (f"non conforme allo schema ufficiale FatturaPA: {shown}{more}. Per importarlo "
            "comunque serve una conferma esplicita; l'avvertenza resta sulla fattura.")


def _shown(inv: Invoice) -> ReadInvoice:
    return ReadInvoice(file=inv.file, supplier_name=inv.supplier.name,
                       supplier_vat=inv.supplier.vat or inv.supplier.tax_code,
                       number=inv.number, on=inv.on, document_type=inv.document_type,
                       total=inv.total, payable=inv.payable_to_supplier, cig=inv.cig,
                       cup=inv.cup, warnings=arithmetic_problems(inv) + code_problems(inv))


def _key(inv: Invoice) -> str:
    supplier, kind, number, year, total = inv.key
    return rules.duplicate_key(supplier, kind, number, year, to_cents(total))


def preview_invoice_files(received: Iterable[tuple[str, bytes]], *,
                          accept_schema_errors: bool = False) -> ImportReport:
    """What an import would do, without the database: the invoices read from each file and
    why a file would be refused (the duplicates are known only on import)."""
    parsed, skipped = _read(received)
    files = []
    for p in parsed:
        refused = p.refused or ("" if accept_schema_errors or not p.schema
                                else _schema_refusal(p.schema))
        files.append(FileOutcome(p.name, tuple(_shown(i) for i in p.invoices), p.schema,
                                 refused))
    return ImportReport(tuple(files), tuple(skipped), stored=False)


@requires(INVOICES)
def import_invoice_files(db: Database, received: Iterable[tuple[str, bytes]], *,
                         accept_schema_errors: bool = False,
                         received_on: date | None = None) -> ImportReport:
    """Import every file; each is stored whole or refused whole (``FileOutcome.refused``)."""
    received_on = received_on or date.today()
    if received_on > date.today():
        raise ValidationError({"received_on": "La data di ricezione non può essere futura."})
    parsed, skipped = _read(received)
    outcomes = []
    for p in parsed:
        if p.refused:
            outcomes.append(FileOutcome(p.name, refused=p.refused))
        elif p.schema and not accept_schema_errors:
            outcomes.append(FileOutcome(p.name, tuple(_shown(i) for i in p.invoices),
                                        p.schema, _schema_refusal(p.schema)))
        else:
            outcomes.append(_store(db, p, received_on))
    return ImportReport(tuple(outcomes), tuple(skipped), stored=True)


def _store(db: Database, p: _Parsed, received_on: date) -> FileOutcome:
    sha = hashlib.sha256(p.data).hexdigest()
    try:
        with unit_of_work(db, reason="Importazione di una fattura elettronica") as s:
            refusal = _duplicate(s, sha, p.invoices)
            if refusal:
                return FileOutcome(p.name, tuple(_shown(i) for i in p.invoices), p.schema,
                                   refusal)
            user = s.info["user"]
            file_row = InvoiceFile(name=p.name[:300], sha256=sha, size=len(p.data),
                                   data=p.data, schema_problems="\n".join(p.schema),
                                   schema_accepted_by_id=user.id if p.schema else None,
                                   received_on=received_on, recorded_by_id=user.id)
            s.add(file_row)
            s.flush()
            stored = [_store_invoice(s, inv, file_row.id, received_on, user)
                      for inv in p.invoices]
            s.commit()
            return FileOutcome(p.name, tuple(stored), p.schema)
    except ValidationError as exc:
        # a field the register or the guard refuses (a date before the register's last entry,
        # a text too long): this file is refused, the others go on
        return FileOutcome(p.name, tuple(_shown(i) for i in p.invoices), p.schema,
                           exc.message)
    except IntegrityError:
        # another PC imported the same file or invoice between our check and our insert
        return FileOutcome(p.name, tuple(_shown(i) for i in p.invoices), p.schema,
                           "già importato da un'altra postazione in questo momento.")


def _duplicate(s, sha: str, invoices: Sequence[Invoice]) -> str:
    known = s.execute(select(InvoiceRow.year, InvoiceRow.number, InvoiceFile.received_on)
                      .join(InvoiceFile, InvoiceFile.id == InvoiceRow.file_id)
                      .where(InvoiceFile.sha256 == sha)).first()
    if known is None and s.scalar(select(InvoiceFile.id).where(InvoiceFile.sha256 == sha)):
        return "questo file è già stato importato."
    if known is not None:
        return (f"questo file è già stato importato il {format_date(known.received_on)} "
                f"(registro delle fatture n. {known.number}/{known.year}).")
    keys = {_key(inv): inv for inv in invoices}
    if len(keys) < len(invoices):
        return "il file contiene due volte la stessa fattura."
    twin = s.execute(select(InvoiceRow.duplicate_key, InvoiceRow.year, InvoiceRow.number)
                     .where(InvoiceRow.duplicate_key.in_(keys))).first()
    if twin is not None:
        inv = keys[twin.duplicate_key]
        return (f"la fattura n. {inv.number} del {format_date(inv.on)} di "
                f"{inv.supplier.name} è già registrata (registro delle fatture n. "
                f"{twin.number}/{twin.year}): fattura duplicata.")
    return ""


def _supplier(s, inv: Invoice) -> int:
    """The office's supplier with the invoice's VAT number or codice fiscale, or a new one
    (under the write gate: no other PC creates it meanwhile)."""
    party = inv.supplier
    conditions = [Supplier.vat == party.vat] if party.vat else []
    if party.tax_code:
        conditions.append(Supplier.tax_code == party.tax_code)
    found = s.scalar(select(Supplier.id).where(or_(*conditions)).order_by(Supplier.id)) \
        if conditions else None
    if found is not None:
        return found
    row = Supplier(name=party.name[:200] or "(senza denominazione)", vat=party.vat[:30],
                   tax_code=party.tax_code[:16], address=party.address[:300],
                   iban=inv.iban[:34])
    s.add(row)
    s.flush()
    return row.id


def _store_invoice(s, inv: Invoice, file_id: int, received_on: date, user) -> ReadInvoice:
    shown = _shown(inv)
    supplier_id = _supplier(s, inv)
    label = f"{inv.document_label} n. {inv.number} del {format_date(inv.on)} – " \
            f"{inv.supplier.name}"
    ref = add_entry(s.connection(), spec=rules.INVOICES, entry_date=received_on,
                    description=label[:MAX_TEXT], user=user, amount=inv.total)
    order = next((r.document_id for r in inv.references if r.kind == "ordine"), "")
    due = min((p.due for p in inv.payments if p.due), default=None)
    row = InvoiceRow(
        entry_id=ref.id, year=ref.year, number=ref.number, received_on=received_on,
        file_id=file_id, body=inv.body, supplier_id=supplier_id,
        transmission_format=inv.transmission_format[:5], office_code=inv.office_code[:7],
        document_type=inv.document_type[:4], invoice_number=inv.number[:20],
        invoice_date=inv.on, currency=inv.currency[:3], causale=inv.causale,
        taxable=inv.taxable, tax=inv.tax, total=inv.total, payable=inv.payable_to_supplier,
        split_payment=inv.split_payment, due_on=due, iban=inv.iban[:34], cig=inv.cig[:15],
        cup=inv.cup[:15], order_reference=order[:20], warnings="\n".join(shown.warnings),
        duplicate_key=_key(inv)[:120], status=rules.INVOICE.initial,
        recorded_by_id=user.id)
    s.add(row)
    s.flush()
    for line in inv.lines:
        s.add(InvoiceLine(invoice_id=row.id, line_no=line.number, description=line.description,
                          quantity="" if line.quantity is None else str(line.quantity),
                          unit=line.unit[:10], unit_price=str(line.unit_price),
                          total=_cents(line.total), vat_rate=str(line.vat_rate),
                          nature=line.nature[:4]))
    for vat in inv.vat:
        s.add(InvoiceVat(invoice_id=row.id, rate=str(vat.rate), taxable=vat.taxable,
                         tax=vat.tax, esigibilita=vat.esigibilita[:1], nature=vat.nature[:4]))
    s.flush()
    propose_at_import(s, row)       # the order it bills, when exactly one fits
    return replace(shown, register_year=ref.year, register_number=ref.number, id=row.id)


def _cents(value: Decimal) -> Decimal:
    """A line total of up to 8 decimals, to the cent (half up, as the FatturaPA rounds)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
