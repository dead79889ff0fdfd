"""Recording back the protocol number a printed document received (user-needs §15: a hand-off
to the school's protocol, not a rival protocol). From then on the print shows it."""
from __future__ import annotations

from datetime import date

from ..areas import all_reports, report_permission
from ..areas.school import PROTOCOL
from ..db.access import current_principal, require, requires
from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..db.uow import unit_of_work
from ..domain.dates import format_date
from ..domain.errors import DomainError, ValidationError
from ..domain.protocol import (
    ProtocolMark,
    check_correction_reason,
    check_protocol,
    progressive,
)
from ..models.core import DocumentProtocol
from ..queries.protocol import ProtocolledDocument, find_document

# The current protocols of a calendar year (the numbering starts again every year), with the
# document they were given to.
_SAME_YEAR = ("SELECT p.id, p.report, p.protocol_number, e.year, e.number FROM "
              "document_protocol p JOIN register_entry e ON e.id = p.entry_id "
              "WHERE p.protocol_date >= ? AND p.protocol_date <= ? AND NOT EXISTS "
              "(SELECT 1 FROM document_protocol r WHERE r.replaces_id = p.id)")


def _title(report: str) -> str:
    return next(s.title for s in all_reports() if s.name == report)


def _refuse_number_in_use(sql: DriverSQL, doc: ProtocolledDocument, mark: ProtocolMark) -> None:
    year = mark.on.year
    wanted = progressive(mark.number)
    sql.execute(_SAME_YEAR, (date(year, 1, 1), date(year, 12, 31)))
    for pid, report, number, e_year, e_number in sql.cursor.fetchall():
        if pid != doc.protocol_id and progressive(number) == wanted:
            raise ValidationError({"protocol_number": (
                f"Il protocollo n. {number} del {year} è già stato dato a "
                f"{_title(report)} n. {e_number}/{e_year}: la numerazione del protocollo "
                "è unica nell'anno (DPR 445/2000 art. 57).")})


def _save(db: Database, report: str, year: int | None, number: int, protocol_number: str,
          protocol_date: date | None, reason: str | None) -> ProtocolMark:
    spec = next((s for s in all_reports() if s.name == report), None)
    if spec is not None:
        require(db, report_permission(spec))   # who may not print it may not protocol it
    correcting = reason is not None
    if correcting:
        reason = check_correction_reason(reason)
    user = current_principal(db)
    with unit_of_work(db, reason=reason or "Protocollo del documento") as s, \
            DriverSQL(s.connection()) as sql:
        # Read under the write gate: two PCs giving the same number at once, one is refused.
        doc = find_document(sql, report, year or date.today().year, number)
        if doc.protocol is not None and not correcting:
            raise DomainError(
                f"{doc.name} ha già il protocollo n. {doc.protocol.number} del "
                f"{format_date(doc.protocol.on)}: per cambiarlo, correggere il protocollo "
                "indicando il motivo.", "protocol_number")
        if doc.protocol is None and correcting:
            raise DomainError(f"{doc.name} non ha ancora un protocollo da correggere.",
                              "protocol_number")
        mark = check_protocol(protocol_number, protocol_date, document_date=doc.entry_date,
                              today=date.today())
        if mark == doc.protocol:
            raise ValidationError({"protocol_number": "Il protocollo indicato è quello già "
                                                      "registrato: nulla da correggere."})
        _refuse_number_in_use(sql, doc, mark)
        s.add(DocumentProtocol(report=report, entry_id=doc.entry_id,
                               protocol_number=mark.number, protocol_date=mark.on,
                               replaces_id=doc.protocol_id, reason=reason,
                               recorded_by_id=user.id))
        s.flush()
        s.commit()
    return mark


@requires(PROTOCOL)
def record_protocol(db: Database, *, report: str, year: int | None, number: int,
                    protocol_number: str, protocol_date: date | None) -> ProtocolMark:
    """Give document ``number``/``year`` of ``report`` the protocol it received. Refused for a
    document that already has one (it is corrected, with a reason) and for a number already
    given to another document in the same year."""
    return _save(db, report, year, number, protocol_number, protocol_date, None)


@requires(PROTOCOL)
def correct_protocol(db: Database, *, report: str, year: int | None, number: int,
                     protocol_number: str, protocol_date: date | None, reason: str
                     ) -> ProtocolMark:
    """Replace a document's wrong protocol with the right one, giving the reason (the wrong
    one stays recorded, replaced)."""
    return _save(db, report, year, number, protocol_number, protocol_date, reason or "")
