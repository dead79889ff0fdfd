"""Attachments on a real SQLite file: only PDF and images within the school's limit, stored
with their SHA-256, listed in the change log without their bytes, never deleted, and checked
by verify against their checksum."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.attachments import attachment_bytes, list_attachments
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.scheda import attach, withdraw_attachment
from iiss_desktop.services.school import save_room, save_school, save_site

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def good(db):
    save_school(db, {"denominazione": "IC Via Roma", "codice_meccanografico": "RMIC86400X"})
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Segreteria"})
    carico(db, CaricoInput(description="Stampante laser", unit_value=Decimal("450.00"),
                           entry_date=date(2025, 10, 1), room_id=room))
    return list_items(db)[1][0]


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _stored(path) -> tuple[int, int, int]:
    return tuple(_count(path, t) for t in ("attachment", "attachment_content", "audit_log"))


def test_a_file_that_is_no_pdf_or_image_is_refused_naming_it(db, db_path, good, tmp_path):
    fake = tmp_path / "fattura.pdf"          # the name lies: the content is an executable
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    before = _stored(db_path)
    with pytest.raises(ValidationError) as refused:
        attach(db, "inventory_item", good, fake)
    assert "«fattura.pdf»" in refused.value.errors["file"]
    assert "non è un PDF" in refused.value.errors["file"]
    assert _stored(db_path) == before


def test_a_file_over_the_school_limit_is_refused(db, db_path, good, tmp_path):
    save_school(db, {"denominazione": "IC Via Roma", "codice_meccanografico": "RMIC86400X",
                     "attachment_limit_mb": 1})
    big = tmp_path / "scansione.pdf"
    big.write_bytes(PDF + b"0" * (1024 * 1024))
    before = _stored(db_path)
    with pytest.raises(ValidationError) as refused:
        attach(db, "inventory_item", good, big)
    message = refused.value.errors["file"]
    assert "«scansione.pdf»" in message and "limite di 1 MB" in message
    assert _stored(db_path) == before
    with pytest.raises(ValidationError):        # and the limit itself has bounds
        save_school(db, {"denominazione": "IC Via Roma",
                         "codice_meccanografico": "RMIC86400X", "attachment_limit_mb": 0})


def test_a_valid_file_is_stored_with_its_sha256_and_audited_without_its_bytes(
        db, db_path, good, tmp_path):
    path = tmp_path / "Fattura 123.pdf"
    path.write_bytes(PDF)
    attachment_id = attach(db, "inventory_item", good, path)
    expected = hashlib.sha256(PDF).hexdigest()
    [row] = list_attachments(db, "inventory_item", good)
    assert (row.id, row.file_name, row.size, row.checksum) == (
        attachment_id, "Fattura 123.pdf", len(PDF), expected)
    assert row.recorded_by == "mrossi" and not row.withdrawn
    assert attachment_bytes(db, attachment_id) == PDF
    with sqlite3.connect(db_path) as con:
        logged = con.execute("SELECT entity, after FROM audit_log WHERE entity LIKE "
                             "'attachment%'").fetchall()
    assert [e for e, _ in logged] == ["attachment"]         # the bytes' table is not logged
    after = json.loads(logged[0][1])
    assert (after["file_name"], after["size"], after["checksum"]) == (
        "Fattura 123.pdf", len(PDF), expected)
    assert "content" not in logged[0][1] and "%PDF" not in logged[0][1]
    assert verify(db).ok


def test_the_same_file_twice_is_stored_once(db, db_path, good, tmp_path):
    for name in ("foto.png", "foto-bis.png"):
        (tmp_path / name).write_bytes(PNG)
        attach(db, "inventory_item", good, tmp_path / name)
    assert (_count(db_path, "attachment"), _count(db_path, "attachment_content")) == (2, 1)
    assert [a.media_type for a in list_attachments(db, "inventory_item", good)] == [
        "image/png"] * 2


def test_an_attachment_is_withdrawn_with_a_reason_never_deleted(db, db_path, good, tmp_path):
    (tmp_path / "errata.pdf").write_bytes(PDF)
    attachment_id = attach(db, "inventory_item", good, tmp_path / "errata.pdf")
    with pytest.raises(ValidationError):
        withdraw_attachment(db, "inventory_item", good, attachment_id, "  ")
    withdraw_attachment(db, "inventory_item", good, attachment_id, "Fattura di un altro bene")
    [row] = list_attachments(db, "inventory_item", good)
    assert row.withdrawn and row.withdrawal_reason == "Fattura di un altro bene"
    with pytest.raises(DomainError):
        withdraw_attachment(db, "inventory_item", good, attachment_id, "ancora")
    for sql in ("DELETE FROM attachment", "UPDATE attachment SET file_name = 'x'",
                "DELETE FROM attachment_content", "DELETE FROM attachment_withdrawal"):
        with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
            con.execute(sql)
    assert verify(db).ok


def test_verify_reports_stored_bytes_changed_behind_the_program(db, db_path, good, tmp_path):
    (tmp_path / "collaudo.pdf").write_bytes(PDF)
    attach(db, "inventory_item", good, tmp_path / "collaudo.pdf")
    assert verify(db).ok
    con = sqlite3.connect(db_path)
    try:   # whoever edits the file drops the trigger and changes the bytes
        con.execute("DROP TRIGGER trg_attachment_content_no_update")
        con.execute("UPDATE attachment_content SET content = ?",
                    (PDF.replace(b"Catalog", b"Catalgo"),))
        con.commit()
    finally:
        con.close()
    report = verify(db)
    assert any(p.check == "allegati" and "«collaudo.pdf»" in p.message
               for p in report.problems), report.problems
