"""Attachments of any record, inside the caller's transaction: the area's own service (a
good's, an article's) checks that the record exists and that the user may touch it, then
calls these. The file is checked by its content (domain/attachments.py) and against the
school's limit before anything is written; its bytes are stored once per SHA-256
(``attachment_content``, not audited), the attachment row (name, size, checksum, who, when)
through the ORM, hence in the change log.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select

from ..domain import attachments as rules
from ..domain.errors import DomainError, ValidationError
from ..domain.text import normalize_text
from ..models.attachments import Attachment, AttachmentContent, AttachmentWithdrawal
from ..models.school import School


def read_file(path) -> tuple[str, bytes]:
    """(name, bytes) of a file chosen by the clerk, or a ValidationError naming it."""
    path = Path(path)
    try:
        return path.name, path.read_bytes()
    except OSError as exc:
        raise ValidationError({"file": f"Il file «{path.name}» non si può leggere "
                                       f"({exc.strerror or exc}): non è stato allegato."}
                              ) from None


def limit_mb(s) -> int:
    school = s.get(School, 1)
    return school.attachment_limit_mb if school is not None else rules.DEFAULT_LIMIT_MB


def add_in(s, *, kind: str, record_id: int, name: str, data: bytes,
           user_id: int | None) -> int:
    """Store one file for (``kind``, ``record_id``); returns the attachment's id."""
    clean = normalize_text(name).strip()[:rules.MAX_NAME] or "allegato"
    media = rules.check_file(clean, data, limit_mb(s))
    checksum = hashlib.sha256(data).hexdigest()
    if s.get(AttachmentContent, checksum) is None:
        s.add(AttachmentContent(checksum=checksum, size=len(data), content=data))
        s.flush()   # before the row that refers to it (no relationship orders the two)
    row = Attachment(record_kind=kind, record_id=record_id, file_name=clean, media_type=media,
                     size=len(data), checksum=checksum, recorded_by_id=user_id)
    s.add(row)
    s.flush()
    return row.id


def attachment_in(s, attachment_id: int, kind: str, record_id: int) -> Attachment:
    """The attachment, if it is one of this record's."""
    row = s.get(Attachment, attachment_id)
    if row is None or (row.record_kind, row.record_id) != (kind, record_id):
        raise DomainError("L'allegato non è di questa scheda.")
    return row


def withdraw_in(s, *, kind: str, record_id: int, attachment_id: int, reason: str,
                user_id: int | None) -> None:
    """Mark an attachment withdrawn, with the reason: it stays stored and listed."""
    row = attachment_in(s, attachment_id, kind, record_id)
    text = normalize_text(reason or "", multiline=True).strip()
    if not text:
        raise ValidationError({"reason": "Indicare il motivo del ritiro dell'allegato."})
    if len(text) > rules.MAX_REASON:
        raise ValidationError({"reason": f"Il motivo del ritiro supera {rules.MAX_REASON} "
                                         "caratteri."})
    done = s.execute(select(AttachmentWithdrawal.id).where(
        AttachmentWithdrawal.attachment_id == row.id)).scalar()
    if done is not None:
        raise DomainError(f"L'allegato «{row.file_name}» è già stato ritirato.")
    s.add(AttachmentWithdrawal(attachment_id=row.id, reason=text, recorded_by_id=user_id))


def _attach_file(db, kind: str, record_id: int, path, check_record) -> int:
    """One action: the record checked (``check_record(session)`` raises if it is missing or
    not the user's to touch), then the file stored. Not a service of its own (no permission
    check): only the areas' guarded services call it, hence the underscore."""
    from ..db.uow import unit_of_work

    name, data = read_file(path)
    with unit_of_work(db, reason=f"Allegato «{name}»") as s:
        check_record(s)
        row_id = add_in(s, kind=kind, record_id=record_id, name=name, data=data,
                        user_id=getattr(db.current_user, "id", None))
        s.commit()
    return row_id


def _withdraw_file(db, kind: str, record_id: int, attachment_id: int, reason: str,
                  check_record) -> None:
    """One action: the record checked, then the attachment withdrawn with the reason."""
    from ..db.uow import unit_of_work

    with unit_of_work(db, reason="Ritiro di un allegato") as s:
        check_record(s)
        withdraw_in(s, kind=kind, record_id=record_id, attachment_id=attachment_id,
                    reason=reason, user_id=getattr(db.current_user, "id", None))
        s.commit()
