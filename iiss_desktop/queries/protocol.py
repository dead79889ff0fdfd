"""The protocol number and date of a printed document (a report of a numbered register
entry), as the print shows it and the print dialog offers it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..areas import all_reports
from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain.errors import DomainError
from ..domain.protocol import ProtocolMark
from .report_choices import document_entry, documents_query

# The current protocol of a document: its row that no correction has replaced.
_CURRENT = ("SELECT p.id, p.protocol_number, p.protocol_date FROM document_protocol p "
            "WHERE p.report = ? AND p.entry_id = ? AND NOT EXISTS (SELECT 1 FROM "
            "document_protocol r WHERE r.replaces_id = p.id)")


@dataclass(frozen=True)
class ProtocolledDocument:
    """One numbered document of a report, and its protocol if it has one."""

    report: str
    title: str          # the report's title: «Buono di scarico»
    entry_id: int
    year: int
    number: int
    entry_date: date
    protocol_id: int | None = None
    protocol: ProtocolMark | None = None

    description: str = ""

    @property
    def name(self) -> str:
        return f"{self.title} n. {self.number}/{self.year}"


def numbered_register(report: str) -> tuple[str, str]:
    """(register code, title) of a report that prints one numbered document."""
    for spec in all_reports():
        if spec.name == report:
            if not spec.numbered:
                break
            return spec.numbered, spec.title
    raise DomainError(f"La stampa «{report}» non è un documento numerato da protocollare.")


def find_document(sql: DriverSQL, report: str, year: int, number: int) -> ProtocolledDocument:
    register, title = numbered_register(report)
    row = document_entry(sql, report, register, year, number)
    if row is None:
        raise DomainError(f"{title} n. {number}/{year} inesistente o annullato.", "numero")
    protocol = sql.first(_CURRENT, (report, row[0]))
    return ProtocolledDocument(
        report, title, row[0], year, number, row[1],
        protocol[0] if protocol else None,
        ProtocolMark(protocol[1], sql.to_date(protocol[2])) if protocol else None)


def document_protocol(db: Database, report: str, year: int | None, number: int
                      ) -> ProtocolledDocument:
    """The document ``number``/``year`` (this year when None) of ``report`` with its protocol."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        return find_document(sql, report, year or date.today().year, number)


def protocol_mark(db: Database, report: str, year: int | None, number: int
                  ) -> ProtocolMark | None:
    """What a print puts in its "Prot. n. … del …" field: the recorded protocol, or None
    (the field stays blank, to be filled in by hand)."""
    try:
        return document_protocol(db, report, year, number).protocol
    except DomainError:
        return None


def report_documents(db: Database, report: str, limit: int = 300) -> list[ProtocolledDocument]:
    """The documents ``report`` prints, newest first, each with its protocol (for choosing one
    to print in the print dialog)."""
    register, title = numbered_register(report)
    query, params = documents_query(report, register)
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(query + " LIMIT ?", (*params, limit))
        rows = sql.cursor.fetchall()
        sql.execute("SELECT p.entry_id, p.id, p.protocol_number, p.protocol_date FROM "
                    "document_protocol p WHERE p.report = ? AND NOT EXISTS (SELECT 1 FROM "
                    "document_protocol r WHERE r.replaces_id = p.id)", (report,))
        protocols = {e: (pid, ProtocolMark(n, sql.to_date(d)))
                     for e, pid, n, d in sql.cursor.fetchall()}
        return [ProtocolledDocument(report, title, entry_id, year, number, sql.to_date(day),
                                    *protocols.get(entry_id, (None, None)), description=text)
                for entry_id, year, number, day, text in rows]
