"""Richieste di materiale: presented by a requester, approved (in full or in part) or refused by
the DSGA.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...areas.warehouse import APPROVE, REQUEST
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.numbering import next_number, sequence
from ...db.uow import unit_of_work
from ...domain import warehouse as rules
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...models.warehouse import Article, Request, RequestLine
from .posting import ItemInput, _article, _quantity


@dataclass
class RequestInput:
    requested_on: date
    requester: str
    destination_kind: str
    destination: str
    lines: list[tuple[int, str | Decimal | int]]     # (article_id, quantity)
    destination_site_id: int | None = None
    storeroom_id: int | None = None
    notes: str = ""


@requires(REQUEST)
def create_request(db: Database, data: RequestInput) -> int:
    """A richiesta di materiale, waiting for the DSGA. Returns its id."""
    errors = {}
    if not data.requester.strip():
        errors["requester"] = "Indicare chi richiede il materiale."
    if data.destination_kind not in rules.RECIPIENT_KINDS:
        errors["destination_kind"] = "Indicare se il materiale è per un ufficio, un plesso, " \
                                     "un laboratorio o una persona."
    if not data.destination.strip():
        errors["destination"] = "Indicare l'ufficio, il plesso o il laboratorio."
    if not data.lines:
        errors["lines"] = "Indicare almeno un articolo."
    if data.requested_on > date.today():
        errors["requested_on"] = "La data della richiesta non può essere futura."
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Richiesta di materiale") as s:
        # The plesso the material is for: a collaboratore asks for the plesso where he works.
        require_at(db, REQUEST, s, site_ids=[data.destination_site_id])
        rid = create_request_in(s, data)
        s.commit()
        return rid


REQUEST_NUMBERS = sequence("mag-richiesta")


def create_request_in(s, data: RequestInput) -> int:
    year = data.requested_on.year
    # From the counter row, locked until the commit (max + 1 gives two PCs the same number);
    # an archive with requests older than the counter row starts after the last of them.
    number = next_number(s, REQUEST_NUMBERS, year,
                         opening="SELECT COALESCE(MAX(number), 0) FROM warehouse_request "
                                 "WHERE year = ?", opening_params=(year,))
    req = Request(year=year, number=number, requested_on=data.requested_on,
                  requester=data.requester.strip(), destination_kind=data.destination_kind,
                  destination=data.destination.strip(),
                  destination_site_id=data.destination_site_id,
                  storeroom_id=data.storeroom_id, notes=data.notes.strip(),
                  status=rules.REQUEST.initial, recorded_by_id=s.info["user"].id)
    s.add(req)
    s.flush()
    seen = set()
    for row, (article_id, quantity) in enumerate(data.lines, start=1):
        art = _article(s, article_id, row)
        if art.id in seen:
            raise ValidationError({"lines": f"Riga {row}: «{art.description}» è già nella "
                                            "richiesta."})
        seen.add(art.id)
        qty = _quantity(ItemInput(art.id, quantity), art)
        s.add(RequestLine(request_id=req.id, line_no=row, article_id=art.id,
                          requested=qty, delivered=0))
    s.flush()
    return req.id


@requires(APPROVE)
def decide_request(db: Database, *, request_id: int, approve: bool, decided_on: date,
                   approved: dict[int, str | Decimal | int] | None = None, note: str = "",
                   decided_by: str = "") -> None:
    """The DSGA approves (cutting quantities if needed: ``approved`` by article id; missing
    articles are approved as requested) or refuses with a reason."""
    with unit_of_work(db, reason="Decisione su una richiesta di materiale") as s:
        req = s.get(Request, request_id)
        require_at(db, APPROVE, s, site_ids=[req.destination_site_id if req else None])
        decide_request_in(s, request_id=request_id, approve=approve, decided_on=decided_on,
                          approved=approved, note=note, decided_by=decided_by)
        s.commit()


def decide_request_in(s, *, request_id: int, approve: bool, decided_on: date,
                      approved: dict | None = None, note: str = "", decided_by: str = "") -> None:
    req = s.get(Request, request_id)
    if req is None:
        raise DomainError("Richiesta inesistente.")
    if not rules.REQUEST.allows(req.status, "approvata"):
        raise DomainError(f"La richiesta n. {req.number}/{req.year} è già "
                          f"{req.status}: non si decide di nuovo.")
    if decided_on > date.today():
        raise ValidationError({"decided_on": "La data della decisione non può essere futura."})
    if decided_on < req.requested_on:
        raise ValidationError({"decided_on": "La decisione non può precedere la richiesta "
                                             f"del {format_date(req.requested_on)}."})
    if not approve:
        if len(note.strip()) < 5:
            raise ValidationError({"note": "Indicare il motivo del rifiuto."})
        req.status = rules.REQUEST.move(req.status, "respinta")
    else:
        approved = approved or {}
        lines = s.execute(select(RequestLine).where(RequestLine.request_id == req.id)
                          .order_by(RequestLine.line_no)).scalars().all()
        for line in lines:
            art = s.get(Article, line.article_id)
            qty = line.requested
            if line.article_id in approved:
                raw = approved[line.article_id]
                qty = (rules.parse_quantity(raw, art.unit, field="approved",
                                            label=art.description, allow_zero=True)
                       if isinstance(raw, str) else
                       rules.check_quantity(raw, art.unit, field="approved",
                                            label=art.description, allow_zero=True))
            rules.check_approval(line.requested, qty, article=art.description, unit=art.unit)
            line.approved = qty
        if not any(line.approved for line in lines):
            raise ValidationError({"approved": "Nessuna quantità approvata: per non dare "
                                               "nulla, respingere la richiesta."})
        req.status = rules.REQUEST.move(req.status, "approvata")
    req.decided_on = decided_on
    req.decided_by = decided_by.strip() or s.info["user"].full_name or "DSGA"
    req.decision_note = note.strip()
    s.flush()
