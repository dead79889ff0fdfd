"""Passaggio di consegne (art. 30 c.5): the numbered verbale with the registers handed over."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ...areas.inventory import HANDOVER
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.inventory import handover as rules
from ...domain.money import format_cents, from_cents
from ...domain.registers import register_spec
from ...models.inventory import CustodyRole, Handover, HandoverRegister
from ...models.school import School
from ...queries.inventory.consistenza import short_title
from ...queries.inventory.handover import snapshot
from ..registers import LineInput, add_entry


@dataclass
class HandoverInput:
    cessation_date: date | None
    handover_date: date | None
    outgoing_dsga: str
    incoming_dsga: str
    dirigente: str
    presidente_ci: str
    place: str = ""
    witnesses: str = ""
    outgoing_absent: bool = False
    absence_reason: str = ""
    check_mode: str = "completa"
    outcome: str = ""


@dataclass(frozen=True)
class HandoverResult:
    id: int
    number: int
    year: int
    days_late: int          # beyond the 60 days of art. 30 c.5 (the verbale states it)

    @property
    def late(self) -> bool:
        return self.days_late > 0


@requires(HANDOVER)
def record_handover(db: Database, data: HandoverInput) -> HandoverResult:
    """The verbale, numbered in its yearly register, with the consistenza of every inventory
    register at the handover date, and the consegna itself, in one transaction: the outgoing
    DSGA answers for the goods up to the day before the handover, the incoming one from that
    day (art. 30 c.1 and c.5: «assume la qualità di consegnatario»), and the school's DSGA is
    the incoming one."""
    people = rules.check_parties(
        cessation_date=data.cessation_date, handover_date=data.handover_date,
        outgoing_dsga=data.outgoing_dsga, incoming_dsga=data.incoming_dsga,
        dirigente=data.dirigente, presidente_ci=data.presidente_ci, today=date.today())
    reason = rules.check_verification(outgoing_absent=data.outgoing_absent,
                                      absence_reason=data.absence_reason,
                                      check_mode=data.check_mode)
    when = data.handover_date
    snap = snapshot(db, when)
    user = db.current_user
    with unit_of_work(db, user, reason="Passaggio di consegne") as s:
        _check_after_last_handover(s, when)
        ref = add_entry(
            s.connection(), spec=register_spec(rules.REGISTER), entry_date=when,
            description=f"Passaggio di consegne dal DSGA {people.outgoing_dsga} al DSGA "
                        f"{people.incoming_dsga} (cessazione del "
                        f"{format_date(data.cessation_date)})",
            user=user,
            lines=[LineInput(f"{short_title(r.code)}: {r.count} "
                             f"{'bene' if r.count == 1 else 'beni'}, {format_cents(r.total)}",
                             r.count, from_cents(r.total)) for r in snap.registers])
        handover = Handover(
            entry_id=ref.id, cessation_date=data.cessation_date, handover_date=when,
            place=data.place.strip(), outgoing_dsga=people.outgoing_dsga,
            incoming_dsga=people.incoming_dsga, dirigente=people.dirigente,
            presidente_ci=people.presidente_ci, witnesses=data.witnesses.strip(),
            outgoing_absent=data.outgoing_absent, absence_reason=reason,
            check_mode=data.check_mode, outcome=data.outcome.strip())
        s.add(handover)
        s.flush()
        for r in snap.registers:
            s.add(HandoverRegister(handover_id=handover.id, register=r.code, items=r.count,
                                   total=from_cents(r.total)))
        _hand_over_custody(s, people.incoming_dsga, when, ref)
        result = HandoverResult(handover.id, ref.number, ref.year,
                                rules.days_late(data.cessation_date, when))
        s.commit()
    return result


def _check_after_last_handover(s, when: date) -> None:
    last = s.execute(select(Handover.handover_date).order_by(Handover.handover_date.desc())
                     .limit(1)).scalar()
    if last is not None and when <= last:
        raise ValidationError({"handover_date": (
            f"L'ultimo passaggio di consegne registrato è del {format_date(last)}: il nuovo "
            "deve essere di un giorno successivo.")})


def _hand_over_custody(s, incoming: str, when: date, ref) -> None:
    """The consegnatario in office (the outgoing DSGA) ends the day before ``when``; the
    incoming DSGA is consegnatario from ``when``, by the verbale ``ref``. An incoming DSGA
    already recorded as consegnatario (appointed from the start of his service) stays so."""
    current = s.execute(select(CustodyRole).where(
        CustodyRole.role == "consegnatario", CustodyRole.ended_on.is_(None))).scalars().first()
    if current is None or current.person_name.casefold() != incoming.casefold():
        if current is not None:
            if current.started_on >= when:
                raise ValidationError({"handover_date": (
                    f"{current.person_name} è consegnatario dal "
                    f"{format_date(current.started_on)}: il passaggio di consegne deve essere "
                    "di un giorno successivo.")})
            current.ended_on = when - timedelta(days=1)
        s.add(CustodyRole(
            role="consegnatario", person_name=incoming, started_on=when,
            notes=f"DSGA subentrante: consegnatario dal verbale di passaggio di consegne "
                  f"n. {ref.number}/{ref.year} (art. 30 c.5)."))
    school = s.get(School, 1)
    if school is not None:
        school.dsga = incoming
