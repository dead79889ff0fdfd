"""The protocol number recorded back on a printed document (issue 12 item 8), on the demo.

Rules by hand from DPR 445/2000 art. 57: the protocol number is progressive and starts again
every calendar year, so one number goes to one document within a year; the same number in
another year is another registration. A document cannot be protocolled before its own date
nor on a future day.
"""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.access import COLLABORATORE
from iiss_desktop.domain.dates import format_date
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.protocol import document_protocol, report_documents
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.services.protocol import correct_protocol, record_protocol
from tests.helpers.pdf import pdf_text
from tests.helpers.users import act_as_office


def _docs(db, report):
    return report_documents(db, report)


def _rows(path) -> int:
    con = sqlite3.connect(path)
    try:
        # (the demo's documents from templates have a protocol of their own)
        return con.execute("SELECT count(*) FROM document_protocol "
                           "WHERE report <> 'documento'").fetchone()[0]
    finally:
        con.close()


def _printed(db, tmp_path, report, doc) -> str:
    out = get_report(report).build(db, tmp_path / f"{report}.pdf", anno=doc.year,
                                   numero=doc.number)
    return pdf_text(out, page=1)


def test_a_recorded_protocol_is_printed_on_the_document(demo_db, tmp_path):
    doc = _docs(demo_db, "buono-scarico")[0]
    assert "Prot. n. ______________ del" in _printed(demo_db, tmp_path, "buono-scarico", doc)
    mark = record_protocol(demo_db, report="buono-scarico", year=doc.year, number=doc.number,
                           protocol_number=" 0001234 / VI.3 ", protocol_date=doc.entry_date)
    assert mark.number == "0001234/VI.3"
    text = _printed(demo_db, tmp_path, "buono-scarico", doc)
    assert f"Prot. n. 0001234/VI.3 del {format_date(doc.entry_date)}" in text
    assert "______________" not in text
    assert document_protocol(demo_db, "buono-scarico", doc.year, doc.number).protocol == mark
    assert verify(demo_db).ok


def test_every_numbered_document_prints_its_protocol(demo_db, tmp_path):
    from iiss_desktop.reports.catalog import REPORTS

    numbered = [spec for spec in REPORTS if spec.numbered]
    # The numbered documents of the registers, the loans, the magazzino and the cassa.
    assert sorted(spec.name for spec in numbered) == [
        "buono-carico", "buono-prelevamento", "buono-scarico", "buono-versamento",
        "confronto-preventivi", "contratto-comodato", "determina", "documento",
        "fattura-ricevuta",
        "lettera-ordine", "mandato", "reversale",
        "verbale-affidamento", "verbale-collaudo", "verbale-consegna-comodato",
        "verbale-passaggio",
        "verbale-restituzione-comodato", "verbale-ricognizione", "verbale-riconsegna"]
    given = 0
    for spec in numbered:
        doc = _docs(demo_db, spec.name)[0]     # a document this print prints
        given += 1
        record_protocol(demo_db, report=spec.name, year=doc.year, number=doc.number,
                        protocol_number=str(900 + given), protocol_date=date.today())
        text = _printed(demo_db, tmp_path, spec.name, doc)
        assert f"Prot. n. {900 + given} del {format_date(date.today())}" in text, spec.name
    assert given == 19


def test_a_document_already_protocolled_is_refused_and_nothing_is_saved(demo_db, demo_path):
    doc = _docs(demo_db, "buono-carico")[0]
    record_protocol(demo_db, report="buono-carico", year=doc.year, number=doc.number,
                    protocol_number="4021", protocol_date=doc.entry_date)
    with pytest.raises(DomainError) as exc:
        record_protocol(demo_db, report="buono-carico", year=doc.year, number=doc.number,
                        protocol_number="4022", protocol_date=doc.entry_date)
    assert (f"Buono di carico n. {doc.number}/{doc.year} ha già il protocollo n. 4021 del "
            f"{format_date(doc.entry_date)}") in exc.value.message
    assert _rows(demo_path) == 1


def test_one_number_one_document_in_a_year_and_again_the_next_year(demo_db, demo_path):
    docs = _docs(demo_db, "buono-carico")
    first, second = docs[0], docs[1]
    day = date.today()
    record_protocol(demo_db, report="buono-carico", year=first.year, number=first.number,
                    protocol_number="77", protocol_date=day)
    # «0000077/IV.5» is protocol 77 too: the digits before «/» are the number.
    with pytest.raises(ValidationError) as exc:
        record_protocol(demo_db, report="buono-carico", year=second.year, number=second.number,
                        protocol_number="0000077/IV.5", protocol_date=day)
    assert exc.value.field == "protocol_number"
    assert f"già stato dato a Buono di carico n. {first.number}/{first.year}" in \
        exc.value.message
    assert _rows(demo_path) == 1
    # In another calendar year the numbering has started again: 77 is free.
    older = next(d for d in docs if d.entry_date.year < day.year)
    record_protocol(demo_db, report="buono-carico", year=older.year, number=older.number,
                    protocol_number="77", protocol_date=date(older.entry_date.year, 12, 31))
    assert _rows(demo_path) == 2


@pytest.mark.parametrize(("number", "when", "field", "words"), [
    ("", 0, "protocol_number", "Indicare il numero di protocollo"),
    ("prot. 12", 0, "protocol_number", "non è un numero di protocollo"),
    ("12345678", 0, "protocol_number", "non è un numero di protocollo"),   # art. 57: 7 digits
    ("12", None, "protocol_date", "Indicare la data del protocollo"),
    ("12", 1, "protocol_date", "è futura"),
    ("12", -1, "protocol_date", "precede quella del documento"),
])
def test_bad_protocols_are_refused_naming_the_field(demo_db, demo_path, number, when, field,
                                                     words):
    doc = _docs(demo_db, "verbale-passaggio")[0]
    day = {0: date.today(), None: None, 1: date.today() + timedelta(days=1),
           -1: doc.entry_date - timedelta(days=1)}[when]
    with pytest.raises(ValidationError) as exc:
        record_protocol(demo_db, report="verbale-passaggio", year=doc.year, number=doc.number,
                        protocol_number=number, protocol_date=day)
    assert exc.value.field == field
    assert words in exc.value.message
    assert _rows(demo_path) == 0


def test_a_wrong_protocol_is_corrected_with_a_reason_and_stays_recorded(demo_db, demo_path,
                                                                         tmp_path):
    doc = _docs(demo_db, "buono-versamento")[0]
    args = dict(report="buono-versamento", year=doc.year, number=doc.number)
    with pytest.raises(DomainError, match="non ha ancora un protocollo"):
        correct_protocol(demo_db, **args, protocol_number="10", protocol_date=doc.entry_date,
                         reason="Numero sbagliato")
    record_protocol(demo_db, **args, protocol_number="10", protocol_date=doc.entry_date)
    with pytest.raises(ValidationError, match="motivo"):
        correct_protocol(demo_db, **args, protocol_number="11", protocol_date=doc.entry_date,
                         reason=" ")
    with pytest.raises(ValidationError, match="nulla da correggere"):
        correct_protocol(demo_db, **args, protocol_number="10", protocol_date=doc.entry_date,
                         reason="Numero sbagliato")
    assert _rows(demo_path) == 1
    correct_protocol(demo_db, **args, protocol_number="101", protocol_date=doc.entry_date,
                     reason="Trascritto senza l'ultima cifra")
    assert "Prot. n. 101 del" in _printed(demo_db, tmp_path, "buono-versamento", doc)
    # The corrected number is free again; the wrong row stays, replaced.
    other = _docs(demo_db, "buono-versamento")[1]
    record_protocol(demo_db, report="buono-versamento", year=other.year, number=other.number,
                    protocol_number="10", protocol_date=date.today())
    con = sqlite3.connect(demo_path)
    rows = con.execute("SELECT protocol_number, replaces_id IS NOT NULL, reason FROM "
                       "document_protocol WHERE report <> 'documento' ORDER BY id").fetchall()
    assert rows == [("10", 0, None), ("101", 1, "Trascritto senza l'ultima cifra"),
                    ("10", 0, None)]
    # Never changed nor deleted outside the program either (triggers).
    for statement in ("UPDATE document_protocol SET protocol_number = '9'",
                      "DELETE FROM document_protocol"):
        with pytest.raises(sqlite3.DatabaseError, match="protocollo"):
            con.execute(statement)
    con.close()
    assert verify(demo_db).ok


def test_who_may_not_record_a_protocol(demo_db, demo_path):
    doc = _docs(demo_db, "buono-carico")[0]
    act_as_office(demo_db, "solo-collaboratore", roles=(COLLABORATORE,))
    with pytest.raises(DomainError):
        record_protocol(demo_db, report="buono-carico", year=doc.year, number=doc.number,
                        protocol_number="5", protocol_date=doc.entry_date)
    assert _rows(demo_path) == 0
