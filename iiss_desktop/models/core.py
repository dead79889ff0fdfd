"""Tables every area shares: users, counters, the legal-register core and the audit log."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, created_at, intpk  # noqa: F401 - names used in Mapped[...] strings
from .types import Cents


class AppUser(Base):
    """A local user. Never deleted (the audit log and the registers name it): removing a user
    deactivates it. The roles are the rows of ``user_role_grant``.

    ``password_hash`` and ``recovery_hash`` are Argon2id hashes; the audit log records that
    they changed, never their value (``__audit_secret__``). A user without a password cannot
    log in: only the demo's users and the tests' users have none (``services.users.act_as``).
    """

    __tablename__ = "app_user"
    __audit_secret__ = ("password_hash", "recovery_hash")

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_at]
    password_hash: Mapped[str | None] = mapped_column(String(200))
    password_changed_at: Mapped[datetime | None]
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None]
    recovery_hash: Mapped[str | None] = mapped_column(String(200))

    grants: Mapped[list[UserRoleGrant]] = relationship(
        back_populates="user", order_by="UserRoleGrant.id", cascade="all, delete-orphan")

    __table_args__ = (CheckConstraint("failed_attempts >= 0", name="failed_not_negative"),)


class UserRoleGrant(Base):
    """A role held by a user, on one plesso (``site_id``) or, with no site, on every plesso.
    A role limited to several plessi is several rows."""

    __tablename__ = "user_role_grant"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"))

    user: Mapped[AppUser] = relationship(back_populates="grants")


class Counter(Base):
    """The last number given in a register for a year (year 0: registers that never restart).

    Incremented in the same transaction as the entry it numbers, so a rollback
    gives the number back and no gap can appear.
    """

    __tablename__ = "counter"
    __audit__ = False

    register: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("value >= 0", name="value_not_negative"),)


class RegisterEntry(Base):
    """One numbered row of a legal register.

    Rows are never deleted and their number, date and register never change
    (database triggers enforce it). A wrong entry is corrected by an
    annulment: a new numbered row (kind ``annulment``) that points at it and
    gives the reason.
    """

    __tablename__ = "register_entry"

    id: Mapped[intpk]
    register: Mapped[str] = mapped_column(String(40))
    year: Mapped[int]
    number: Mapped[int]
    entry_date: Mapped[date]
    kind: Mapped[str] = mapped_column(String(12), default="entry")
    description: Mapped[str] = mapped_column(String(500))
    amount: Mapped[Decimal | None] = mapped_column(Cents())
    reference: Mapped[str | None] = mapped_column(String(120))
    annuls_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))

    lines: Mapped[list[RegisterEntryLine]] = relationship(
        back_populates="entry", order_by="RegisterEntryLine.line_no")

    __table_args__ = (
        UniqueConstraint("register", "year", "number", name="uq_register_entry_number"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("kind IN ('entry', 'annulment')", name="kind_known"),
        CheckConstraint("(kind = 'annulment') = (annuls_id IS NOT NULL)",
                        name="annulment_has_target"),
        CheckConstraint("kind = 'entry' OR reason IS NOT NULL", name="annulment_has_reason"),
    )


class RegisterEntryLine(Base):
    """A detail line of a register entry (an item of a buono, a line of a slip)."""

    __tablename__ = "register_entry_line"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), index=True)
    line_no: Mapped[int]
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[int | None]
    amount: Mapped[Decimal | None] = mapped_column(Cents())

    entry: Mapped[RegisterEntry] = relationship(back_populates="lines")

    __table_args__ = (UniqueConstraint("entry_id", "line_no", name="uq_register_entry_line_no"),)


class DocumentProtocol(Base):
    """The protocol number and date the school's protocol gave a printed document (one report
    of one numbered register entry: the contratto and the verbale di consegna of one comodato
    are two documents). Recorded back from the protocol office, printed in the document's
    "Prot. n. … del …" field from then on.

    Rows are never changed or deleted (triggers): a wrong number is corrected by a new row that
    replaces it (``replaces_id``) and gives the reason, like an annulment.
    """

    __tablename__ = "document_protocol"

    id: Mapped[intpk]
    report: Mapped[str] = mapped_column(String(40))
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), index=True)
    protocol_number: Mapped[str] = mapped_column(String(40))
    protocol_date: Mapped[date]
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("document_protocol.id"),
                                                    unique=True)
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[created_at]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (
        CheckConstraint("replaces_id IS NULL OR reason IS NOT NULL",
                        name="correction_has_reason"),
    )


class AuditLog(Base):
    """Append-only, hash-chained record of every change.

    ``hash = sha256(prev_hash + canonical JSON of the row)``: editing or
    removing any row breaks every later hash, which ``verify`` reports.
    """

    __tablename__ = "audit_log"
    __audit__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None]
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(12))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(60))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The end of the audit chain (one row), locked by each writer to serialise appends."""

    __tablename__ = "audit_head"
    __audit__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
    # The archive's identity and the last row written before its chain was keyed
    # (db/chain_key.py); NULL until the archive has a key.
    archive_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    keyed_from: Mapped[int | None] = mapped_column(Integer, nullable=True)


class DbProtection(Base):
    """The protection triggers the migrations installed: what ``verify`` expects to find.

    Filled by the migrations themselves, so the check follows the schema of the database
    being verified (an old archive before its upgrade, a newer area's tables after it).
    """

    __tablename__ = "db_protection"
    __audit__ = False

    trigger_name: Mapped[str] = mapped_column(String(80), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(60))


# --- the start page «Dalla tua ultima apertura», migration 0040 -----------------------------
class HomeStart(Base):
    """When the GUI last opened for a user: the start page lists what changed since the
    previous start. Times are UTC ISO strings, as ``audit_log.at``, so they compare with it.
    Not in the change log: the login already is («accesso»), and this is a bookmark."""

    __tablename__ = "home_start"
    __audit__ = False

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True,
                                         autoincrement=False)
    previous_start: Mapped[str | None] = mapped_column(String(32))
    current_start: Mapped[str] = mapped_column(String(32))


class HomeDismissed(Base):
    """A line of «Dalla tua ultima apertura» the user hid: hidden for that user only."""

    __tablename__ = "home_dismissed"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True,
                                         autoincrement=False)
    line_key: Mapped[str] = mapped_column(String(120), primary_key=True)
    dismissed_at: Mapped[str] = mapped_column(String(32))
