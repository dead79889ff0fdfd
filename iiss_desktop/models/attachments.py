"""Attachments of any record (a good, an article; later a loan, a request, a decree): PDF or
image files kept in the archive, with their SHA-256, size, name, who and when.

The bytes live in ``attachment_content``, keyed by their checksum and not audited: the change
log records the attachment's name, size and checksum (``attachment``), never the content,
and ``verify`` checks that the stored bytes still hash to it. Nothing here is ever changed or
deleted (triggers of migration 0015): a wrong attachment is withdrawn with a reason, by a row
of ``attachment_withdrawal``, like an annulment.
"""
from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, created_at, intpk  # noqa: F401 - names used in Mapped[...] strings


class AttachmentContent(Base):
    """The bytes of a file, once per content (the same scan attached twice is stored once)."""

    __tablename__ = "attachment_content"
    __audit__ = False   # the bytes stay out of the log; verify rehashes them (db/verify.py)

    checksum: Mapped[str] = mapped_column(String(64), primary_key=True)   # SHA-256, hex
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Base):
    """A file attached to one record: ``record_kind`` names its table (``inventory_item``,
    ``warehouse_article``…), ``record_id`` its row."""

    __tablename__ = "attachment"

    id: Mapped[intpk]
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(ForeignKey("attachment_content.checksum"))
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (Index("ix_attachment_record", "record_kind", "record_id"),)


class AttachmentWithdrawal(Base):
    """An attachment withdrawn (a wrong file): it stays in the archive, listed as withdrawn."""

    __tablename__ = "attachment_withdrawal"

    id: Mapped[intpk]
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
