"""The attachments of a record, for its scheda: plain rows, and the bytes of one file."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain.errors import DomainError


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    id: int
    file_name: str
    media_type: str
    size: int
    checksum: str
    recorded_at: datetime
    recorded_by: str
    withdrawn: bool
    withdrawal_reason: str


_LIST = ("SELECT a.id, a.file_name, a.media_type, a.size, a.checksum, a.recorded_at, "
         "COALESCE(u.username, '') AS recorded_by, w.id IS NOT NULL AS withdrawn, "
         "COALESCE(w.reason, '') AS withdrawal_reason FROM attachment a "
         "LEFT JOIN app_user u ON u.id = a.recorded_by_id "
         "LEFT JOIN attachment_withdrawal w ON w.attachment_id = a.id "
         "WHERE a.record_kind = ? AND a.record_id = ? ORDER BY a.recorded_at, a.id")


def _when(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def list_attachments(db: Database, kind: str, record_id: int) -> list[AttachmentRow]:
    """Every attachment of the record, withdrawn ones included, oldest first."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_LIST, (kind, record_id))
        return sql.fetch_as(AttachmentRow, recorded_at=_when, withdrawn=bool)


def attachment_bytes(db: Database, attachment_id: int) -> bytes:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        row = sql.first("SELECT c.content FROM attachment a JOIN attachment_content c "
                        "ON c.checksum = a.checksum WHERE a.id = ?", (attachment_id,))
    if row is None:
        raise DomainError("Allegato inesistente.")
    return bytes(row[0])
