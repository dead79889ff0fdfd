"""Verify, Acquisti: every FatturaPA file kept still hashes to its SHA-256, and every
invoice's totals still equal the sum of its IVA summary (what the register entry counted)."""
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
