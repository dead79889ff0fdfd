"""Magazzino (domain.md §2): articles, storerooms, lots, the giornale and material requests.

Every movement is one numbered entry of the yearly register «mag-giornale» in the
legal-register core; its lines say which article moved, where, how much (signed integer
thousandths of the unit: + in, − out of ``storeroom_id``) and for what value (integer cents).
Stock is derived from the lines; ``warehouse_balance`` keeps the sum per (article, storeroom),
written in the same transaction as the lines, so the grid and the checks do not add up the
whole journal. Rows are never deleted; a wrong movement is corrected by a storno.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..domain import warehouse as _registers  # noqa: F401 - defines the register mag-giornale
from .base import Base, intpk


class Storeroom(Base):
    """A magazzino: one per plesso, or per department of a plesso (e.g. the laboratories)."""

    __tablename__ = "warehouse_storeroom"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"))
    department: Mapped[str] = mapped_column(String(80), default="")
    active: Mapped[bool] = mapped_column(default=True)


class Article(Base):
    __tablename__ = "warehouse_article"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(40), unique=True)   # what the barcode reader types
    description: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(80), default="")
    min_stock: Mapped[int] = mapped_column(BigInteger, default=0)    # thousandths, all stores
    supplier: Mapped[str] = mapped_column(String(200), default="")
    tracks_lots: Mapped[bool] = mapped_column(default=False)
    is_dpi: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Lot(Base):
    """A lot with its expiry date (DPI, sanitisers)."""

    __tablename__ = "warehouse_lot"

    id: Mapped[intpk]
    article_id: Mapped[int] = mapped_column(ForeignKey("warehouse_article.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    expiry: Mapped[date | None]

    __table_args__ = (UniqueConstraint("article_id", "code", name="uq_warehouse_lot_code"),)


class Request(Base):
    """A richiesta di materiale: who, for which office or plesso; approved or cut by the DSGA."""

    __tablename__ = "warehouse_request"

    id: Mapped[intpk]
    year: Mapped[int]
    number: Mapped[int]
    requested_on: Mapped[date]
    requester: Mapped[str] = mapped_column(String(120))
    destination_kind: Mapped[str] = mapped_column(String(20))
    destination: Mapped[str] = mapped_column(String(120))
    destination_site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"))
    storeroom_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_storeroom.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="presentata")
    decided_on: Mapped[date | None]
    decided_by: Mapped[str] = mapped_column(String(120), default="")
    decision_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("year", "number", name="uq_warehouse_request_number"),)


class RequestLine(Base):
    __tablename__ = "warehouse_request_line"

    id: Mapped[intpk]
    request_id: Mapped[int] = mapped_column(ForeignKey("warehouse_request.id"), index=True)
    line_no: Mapped[int]
    article_id: Mapped[int] = mapped_column(ForeignKey("warehouse_article.id"), index=True)
    requested: Mapped[int] = mapped_column(BigInteger)
    approved: Mapped[int | None] = mapped_column(BigInteger)
    delivered: Mapped[int] = mapped_column(BigInteger, default=0)


class Movement(Base):
    """One entry of the giornale di magazzino (the buono di versamento or di prelevamento)."""

    __tablename__ = "warehouse_movement"

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    movement_date: Mapped[date]
    storeroom_id: Mapped[int] = mapped_column(ForeignKey("warehouse_storeroom.id"), index=True)
    to_storeroom_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_storeroom.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_request.id"),
                                                      index=True)
    recipient: Mapped[str] = mapped_column(String(160), default="")      # who receives
    destination_kind: Mapped[str] = mapped_column(String(20), default="")
    destination: Mapped[str] = mapped_column(String(120), default="")    # office, lab, plesso
    destination_site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"))
    supplier: Mapped[str] = mapped_column(String(200), default="")
    document_kind: Mapped[str] = mapped_column(String(20), default="")
    document_ref: Mapped[str] = mapped_column(String(80), default="")
    document_date: Mapped[date | None]
    funding: Mapped[str] = mapped_column(String(120), default="")
    order_ref: Mapped[str] = mapped_column(String(40), default="")      # procurement, later
    impegno: Mapped[str] = mapped_column(String(40), default="")        # accounts, later
    handed_by: Mapped[str] = mapped_column(String(160), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    annuls_movement_id: Mapped[int | None] = mapped_column(
        ForeignKey("warehouse_movement.id"), unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)


class MovementLine(Base):
    """``quantity`` signed thousandths in/out of ``storeroom_id``; ``value_cents`` its value.

    ``priced`` lines carry the document's value (carico: price IVA included); the others move
    at the weighted average, and ``source_line_id`` lines mirror another line (the incoming
    side of a transfer, a storno). The values of non-priced lines are recomputed for the one
    article concerned when a back-dated movement arrives: no cascade over the journal.
    """

    __tablename__ = "warehouse_movement_line"

    id: Mapped[intpk]
    movement_id: Mapped[int] = mapped_column(ForeignKey("warehouse_movement.id"), index=True)
    line_no: Mapped[int]
    movement_date: Mapped[date]      # copied from the movement: the indexes below cover it
    article_id: Mapped[int] = mapped_column(ForeignKey("warehouse_article.id"))
    storeroom_id: Mapped[int] = mapped_column(ForeignKey("warehouse_storeroom.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse_lot.id"), index=True)
    quantity: Mapped[int] = mapped_column(BigInteger)
    value_cents: Mapped[int] = mapped_column(BigInteger)
    priced: Mapped[bool] = mapped_column(default=False)
    source_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("warehouse_movement_line.id"))
    request_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("warehouse_request_line.id"))

    __table_args__ = (
        UniqueConstraint("movement_id", "line_no", name="uq_warehouse_movement_line_no"),
        Index("ix_warehouse_line_article_date", "article_id", "movement_date", "movement_id"),
        Index("ix_warehouse_line_store_date", "storeroom_id", "movement_date", "article_id",
              "quantity", "value_cents"),
    )


class Balance(Base):
    """Stock and value per (article, storeroom): the sum of the journal lines, kept current
    in the same transaction. Derived data, so not audited (the lines are)."""

    __tablename__ = "warehouse_balance"
    __audit__ = False

    article_id: Mapped[int] = mapped_column(ForeignKey("warehouse_article.id"),
                                            primary_key=True)
    storeroom_id: Mapped[int] = mapped_column(ForeignKey("warehouse_storeroom.id"),
                                              primary_key=True)
    quantity: Mapped[int] = mapped_column(BigInteger, default=0)
    value_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    last_date: Mapped[date | None]
