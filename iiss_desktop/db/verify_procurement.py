"""Verify, Acquisti: every FatturaPA file kept still hashes to its SHA-256, every invoice's
totals still equal the sum of its IVA summary (what the register entry counted), and every
order's invoiced amount is the sum of the invoices matched to it (credit notes negative,
refused invoices excluded; services/procurement/matching.py)."""
from __future__ import annotations

import hashlib

from sqlalchemy import text

from ..domain.money import format_cents


def check_invoice_files(conn, report) -> int:
    """Returns how many files were hashed (one at a time, never all in memory)."""
    from .verify_images import _table_names

    if "procurement_invoice_file" not in _table_names(conn):
        return 0
    ids = [r[0] for r in conn.execute(text("SELECT id FROM procurement_invoice_file "
                                           "ORDER BY id"))]
    for file_id in ids:
        name, sha, size, data = conn.execute(text(
            "SELECT name, sha256, size, data FROM procurement_invoice_file WHERE id = :i"),
            {"i": file_id}).one()
        data = bytes(data or b"")
        if hashlib.sha256(data).hexdigest() != sha or len(data) != size:
            report.add("acquisti", f"Fattura elettronica «{name}»: il file conservato non "
                                   f"corrisponde più alla sua impronta SHA-256 {sha[:12]}… "
                                   "(modificato fuori dal programma)")
    for year, number, total, taxable, tax, vat_taxable, vat_tax, entry in conn.execute(text(
            "SELECT i.year, i.number, i.total, i.taxable, i.tax, "
            "COALESCE(SUM(v.taxable), 0), COALESCE(SUM(v.tax), 0), e.amount "
            "FROM procurement_invoice i JOIN register_entry e ON e.id = i.entry_id "
            "LEFT JOIN procurement_invoice_vat v ON v.invoice_id = i.id "
            "GROUP BY i.id, i.year, i.number, i.total, i.taxable, i.tax, e.amount "
            "ORDER BY i.year, i.number")):
        if (int(taxable), int(tax)) != (int(vat_taxable), int(vat_tax)) or \
                int(entry or 0) != int(total):
            report.add("acquisti", f"Registro delle fatture n. {number}/{year}: imponibile "
                                   f"{format_cents(int(taxable))} e imposta "
                                   f"{format_cents(int(tax))}, ma il riepilogo IVA somma "
                                   f"{format_cents(int(vat_taxable))} e "
                                   f"{format_cents(int(vat_tax))}, la registrazione "
                                   f"{format_cents(int(entry or 0))}")
    return len(ids)


def check_order_invoiced(conn, report) -> int:
    """Rebuilds each order's invoiced amount from its matched invoices; returns the orders."""
    from .verify_images import _table_names

    tables = _table_names(conn)
    if "procurement_order" not in tables:
        return 0
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(procurement_order)")} \
        if conn.dialect.name == "sqlite" else {"invoiced"}
    if "invoiced" not in columns:
        return 0
    rows = conn.execute(text(
        "SELECT o.year, o.number, o.total, o.invoiced, COALESCE(SUM(CASE WHEN "
        "i.document_type = 'TD04' THEN -i.total ELSE i.total END), 0) "
        "FROM procurement_order o LEFT JOIN procurement_invoice i ON i.order_id = o.id "
        "AND i.status <> 'rifiutata' GROUP BY o.id, o.year, o.number, o.total, o.invoiced "
        "ORDER BY o.year, o.number")).all()
    for year, number, total, stored, expected in rows:
        if int(stored) != int(expected):
            report.add("acquisti", f"Ordine n. {number}/{year}: fatturato registrato "
                                   f"{format_cents(int(stored))}, dalle fatture abbinate "
                                   f"{format_cents(int(expected))} (residuo da fatturare "
                                   f"{format_cents(int(total) - int(expected))})")
    return len(rows)
