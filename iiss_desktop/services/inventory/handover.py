"""Passaggio di consegne (art. 30 c.5): the numbered verbale with the registers handed over."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...areas.inventory import HANDOVER
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.inventory import handover as rules
from ...domain.money import format_cents, from_cents
from ...domain.registers import register_spec
from ...models.inventory import Handover, HandoverRegister
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
    register at the handover date, in one transaction."""
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
        result = HandoverResult(handover.id, ref.number, ref.year,
                                rules.days_late(data.cessation_date, when))
        s.commit()
    return result
