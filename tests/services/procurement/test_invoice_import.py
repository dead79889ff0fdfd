"""Importing the official FatturaPA samples into a real archive: register numbers, refusals
that store nothing, duplicates, p7m and ZIP, the protections and the change log."""
from __future__ import annotations

import io
import sqlite3
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from asn1crypto import cms

from iiss_desktop.db.verify import verify
from iiss_desktop.services.procurement.invoices import (
    import_invoice_files,
    preview_invoice_files,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fatturapa"
TABLES = ("procurement_invoice_file", "procurement_invoice", "procurement_invoice_line",
          "procurement_invoice_vat", "procurement_supplier", "register_entry")
RECEIVED = date(2026, 11, 20)


def sample(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


def counts(db_path) -> dict[str, int]:
    with sqlite3.connect(db_path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def signed(content: bytes) -> bytes:
    return cms.ContentInfo({
        "content_type": "signed_data",
        "content": cms.SignedData({"version": "v1", "digest_algorithms": [],
                                   "encap_content_info": {"content_type": "data",
                                                          "content": content},
                                   "signer_infos": []}),
    }).dump()


def test_three_valid_samples_get_consecutive_register_numbers(db, db_path):
    report = import_invoice_files(db, [sample("IT01234567890_FPA01.xml"),
                                       sample("IT01234567890_FPA02.xml"),
                                       sample("IT01234567890_FPR01.xml")],
                                  received_on=RECEIVED)
    assert report.refused_count == 0
    got = [(i.register_number, i.number, i.total, i.cig, i.cup) for i in report.invoices]
    # totals read by eye: FPA01 5.00 + 1.10; FPA02 25.00 + 5.50; FPR01 5.00 + 1.10
    assert got == [(1, "123", Decimal("6.10"), "456def", "123abc"),
                   (2, "123", Decimal("30.50"), "456def", "123abc"),
                   (3, "123", Decimal("6.10"), "456def", "123abc")]
    with sqlite3.connect(db_path) as con:
        rows = con.execute("SELECT i.year, i.number, i.invoice_date, i.total, i.tax, "
                           "i.order_reference, s.name, s.vat FROM procurement_invoice i "
                           "JOIN procurement_supplier s ON s.id = i.supplier_id "
                           "ORDER BY i.number").fetchall()
        entries = con.execute("SELECT register, year, number, amount FROM register_entry "
                              "WHERE register = 'acquisti-fatture' ORDER BY number").fetchall()
        lines = con.execute("SELECT line_no, quantity, unit_price, total, vat_rate FROM "
                            "procurement_invoice_line WHERE invoice_id = 2 ORDER BY line_no"
                            ).fetchall()
    assert rows[1] == (2026, 2, "2017-01-18", 3050, 550, "66685", "ALPHA SRL", "IT01234567890")
    # one supplier: the three samples come from the same VAT number
    assert {r[7] for r in rows} == {"IT01234567890"} and counts(db_path)[
        "procurement_supplier"] == 1
    assert entries == [("acquisti-fatture", 2026, 1, 610), ("acquisti-fatture", 2026, 2, 3050),
                       ("acquisti-fatture", 2026, 3, 610)]
    assert lines == [(1, "5.00", "1.00", 500, "22.00"), (2, "10.00", "2.00", 2000, "22.00")]
    assert verify(db).ok


def test_a_schema_violation_is_refused_unless_confirmed_and_the_warning_stays(db, db_path):
    before = counts(db_path)
    report = import_invoice_files(db, [sample("IT01234567890_FPR02.xml")],
                                  received_on=RECEIVED)
    [outcome] = report.files
    assert "ContattiTrasmittente" in outcome.refused and "conferma" in outcome.refused
    assert counts(db_path) == before                       # nothing stored from it
    report = import_invoice_files(db, [sample("IT01234567890_FPR02.xml")],
                                  accept_schema_errors=True, received_on=RECEIVED)
    [invoice] = report.invoices
    assert invoice.register_number == 1 and invoice.total == Decimal("32.95")
    with sqlite3.connect(db_path) as con:
        problems, accepted = con.execute("SELECT schema_problems, schema_accepted_by_id FROM "
                                         "procurement_invoice_file").fetchone()
        warnings = con.execute("SELECT warnings FROM procurement_invoice").fetchone()[0]
    assert "ContattiTrasmittente" in problems and accepted is not None
    assert "25,00" in warnings and "27,00" in warnings     # lines 25.00 vs summary 27.00


def test_the_same_file_or_the_same_invoice_twice_is_a_duplicate(db, db_path):
    import_invoice_files(db, [sample("IT01234567890_FPA01.xml")], received_on=RECEIVED)
    before = counts(db_path)
    again = import_invoice_files(db, [sample("IT01234567890_FPA01.xml")],
                                 received_on=RECEIVED)
    assert "già stato importato il 20/11/2026 (registro delle fatture n. 1/2026)" in \
        again.files[0].refused
    # the same invoice inside a signed envelope: another file, the same invoice
    p7m = import_invoice_files(db, [("IT01234567890_FPA01.xml.p7m",
                                     signed(sample("IT01234567890_FPA01.xml")[1]))],
                               received_on=RECEIVED)
    assert "fattura duplicata" in p7m.files[0].refused
    assert "n. 123 del 18/01/2017 di ALPHA SRL" in p7m.files[0].refused
    assert counts(db_path) == before


def test_a_zip_imports_its_members_and_a_bad_member_refuses_only_itself(db, db_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("IT01234567890_FPA02.xml.p7m",
                         signed(sample("IT01234567890_FPA02.xml")[1]))
        archive.writestr("IT01234567890_FPA01_no_body.xml",
                         sample("bad/IT01234567890_FPA01_no_body.xml")[1])
        archive.writestr("ricevuta.pdf", b"%PDF-1.4")
    report = import_invoice_files(db, [("lotto.zip", buffer.getvalue())],
                                  received_on=RECEIVED)
    assert [(f.file, bool(f.refused)) for f in report.files] == [
        ("lotto.zip/IT01234567890_FPA02.xml.p7m", False),
        ("lotto.zip/IT01234567890_FPA01_no_body.xml", True)]
    assert "nessun corpo di fattura" in report.files[1].refused
    assert report.skipped == ("lotto.zip/ricevuta.pdf",)
    with sqlite3.connect(db_path) as con:
        name, data = con.execute("SELECT name, data FROM procurement_invoice_file").fetchone()
    assert name == "lotto.zip/IT01234567890_FPA02.xml.p7m"
    assert data[:1] == b"\x30"            # the signed envelope, kept as received


def test_a_climbing_zip_stores_nothing(db, db_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("IT01234567890_FPA01.xml", sample("IT01234567890_FPA01.xml")[1])
        archive.writestr("../../IT01234567890_FPA02.xml", sample("IT01234567890_FPA02.xml")[1])
    before = counts(db_path)
    report = import_invoice_files(db, [("lotto.zip", buffer.getvalue())],
                                  received_on=RECEIVED)
    assert "esce dalla cartella" in report.files[0].refused
    assert counts(db_path) == before


def test_preview_reads_without_storing(db, db_path):
    before = counts(db_path)
    report = preview_invoice_files([sample("IT01234567890_FPA02.xml"),
                                    sample("IT01234567890_FPR02.xml")])
    assert not report.stored
    assert [f.ok for f in report.files] == [True, False]
    assert report.files[0].invoices[0].payable == Decimal("30.50")
    assert counts(db_path) == before


def test_stored_invoices_cannot_be_changed_or_deleted(db, db_path):
    import_invoice_files(db, [sample("IT01234567890_FPA01.xml")], received_on=RECEIVED)
    con = sqlite3.connect(db_path)
    try:
        for statement in ("UPDATE procurement_invoice SET total = 1",
                          "DELETE FROM procurement_invoice",
                          "UPDATE procurement_invoice_file SET data = x'00'",
                          "UPDATE procurement_invoice_line SET total = 1",
                          "DELETE FROM procurement_invoice_vat"):
            with pytest.raises(sqlite3.IntegrityError):
                con.execute(statement)
    finally:
        con.close()


def test_a_future_receipt_date_is_refused(db, db_path):
    from iiss_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        import_invoice_files(db, [sample("IT01234567890_FPA01.xml")],
                             received_on=date(2999, 1, 1))
    assert "received_on" in caught.value.errors


def test_verify_finds_a_file_or_a_total_changed_outside_the_program(db, db_path):
    import_invoice_files(db, [sample("IT01234567890_FPA02.xml")], received_on=RECEIVED)
    assert verify(db).ok
    con = sqlite3.connect(db_path, isolation_level=None)
    try:   # a tamperer who knows the triggers: drops them, edits, puts them back
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                               "AND tbl_name LIKE 'procurement_invoice%'").fetchall()
        for name, _ in triggers:
            con.execute(f"DROP TRIGGER {name}")
        con.execute("UPDATE procurement_invoice_file SET data = CAST(replace(CAST(data AS "
                    "TEXT), '30.50', '90.50') AS BLOB)")
        con.execute("UPDATE procurement_invoice_vat SET tax = 4550")
        for _, sql in triggers:
            con.execute(sql)
    finally:
        con.close()
    messages = [p.message for p in verify(db).problems if p.check == "acquisti"]
    assert any("non corrisponde più alla sua impronta" in m for m in messages)
    # summary now 25,00 + 45,50 against the invoice's 25,00 + 5,50
    assert any("n. 1/2026" in m and "45,50" in m for m in messages)
