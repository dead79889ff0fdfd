"""Lavoro agile: the individual agreement of a person (CCNL 2019-21 art. 13; L. 81/2017 art.
19), kept by the personnel office. Signing records it after every check of
``domain.staff.agile.LavoroAgileAgreement`` (the profile, the period, the days, the
activities) and of the archive: a contract in force over the whole period, no other agreement
of the person on the same days. An agreement is never deleted nor changed: it is annulled with
its reason. Each use case is one transaction; the person's row is locked first, so two PCs
signing for the same person cannot both pass the overlap check."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import select

from ...areas.staff import REGISTRY
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import ValidationError
from ...domain.staff import registry as registry_rules
from ...domain.staff.agile import LavoroAgileAgreement, check_contact_bands
from ...domain.staff.band_text import format_bands, parse_bands, parse_weekdays
from ...domain.staff.fields import AGILE
from ...models.staff import Employee, StaffContract
from ...models.staff_agile import StaffAgileAgreement
from .roster import working_time_on
from .rows import annul_reason, annul_row, locked_person

WORKING_DAYS = 5     # the average day of art. 14: weekly hours over five days [U]


def _weekdays(value: Iterable[int] | str | None) -> frozenset[int]:
    if isinstance(value, str) or value is None:
        return parse_weekdays(value or "", "weekdays")
    return frozenset(value)


def _activities(value: Iterable[str] | str | None) -> tuple[str, ...]:
    text = value if isinstance(value, str) or value is None else "\n".join(value)
    text = AGILE["activities"].check(text) or ""
    return tuple(line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t"))


def _contract_periods(s, person_id: int) -> list[tuple[date, date | None]]:
    rows = s.execute(select(StaffContract.starts_on, StaffContract.ends_on,
                            StaffContract.closed_on)
                     .where(StaffContract.employee_id == person_id,
                            StaffContract.annulled_on.is_(None))).all()
    return sorted((r.starts_on, registry_rules.effective_end(r.ends_on, r.closed_on))
                  for r in rows)


def _check_contract(s, person: Employee, start: date, end: date) -> None:
    """Every day from ``start`` to ``end`` inside a contract of the person (periods one after
    the other, a proroga, count as one)."""
    name = f"{person.surname} {person.name}"
    periods = _contract_periods(s, person.id)
    day = start
    for p_start, p_end in periods:
        if p_start <= day and (p_end is None or p_end >= day):
            if p_end is None or p_end >= end:
                return
            day = p_end + timedelta(days=1)
    if day == start:
        raise ValidationError({"valid_from": (
            f"Il {format_date(start)} {name} non ha un contratto in corso: l'accordo di lavoro "
            "agile decorre da un giorno di servizio.")})
    raise ValidationError({"valid_to": (
        f"Il contratto di {name} termina il {format_date(day - timedelta(days=1))}: "
        "l'accordo di lavoro agile non può andare oltre la fine del contratto.")})


@requires(REGISTRY)
def sign_agreement(db: Database, person_id: int, *, signed_on: date, valid_from: date,
                   valid_to: date, weekdays: Iterable[int] | str, activities: Iterable[str] | str,
                   contact_band: str, tools: str, protocol: str = "") -> int:
    """Record the individual agreement signed by the person and the dirigente. ``weekdays``:
    0 = lunedì, or text («mercoledì, venerdì»); ``activities``: one a line; ``contact_band``:
    the fascia di contattabilità as bands («09:00-12:00»); ``tools``: a key of
    ``agile.TOOLS``. Returns the agreement's id."""
    clean = {name: AGILE[name].check(value) for name, value in (
        ("signed_on", signed_on), ("valid_from", valid_from), ("valid_to", valid_to),
        ("tools", tools), ("protocol", protocol))}
    days = _weekdays(weekdays)
    lines = _activities(activities)
    bands = parse_bands(AGILE["contact_band"].check(contact_band) or "", field="contact_band")
    if clean["signed_on"] > date.today():
        raise ValidationError({"signed_on": "L'accordo si registra dopo la firma: la data di "
                                            "sottoscrizione non può essere futura."})
    if clean["signed_on"] > clean["valid_from"]:
        raise ValidationError({"valid_from": (
            f"Il lavoro agile decorre dalla sottoscrizione dell'accordo "
            f"({format_date(clean['signed_on'])}), non da un giorno precedente.")})
    with unit_of_work(db, reason="Accordo individuale di lavoro agile") as s:
        person = locked_person(s, person_id)
        deal = LavoroAgileAgreement(person.id, person.role, clean["signed_on"],
                                    clean["valid_from"], clean["valid_to"], days, lines)
        _check_contract(s, person, deal.valid_from, deal.valid_to)
        daily = working_time_on(s, person.id, deal.valid_from).weekly_minutes // WORKING_DAYS
        check_contact_bands(bands, daily)
        clash = s.execute(select(StaffAgileAgreement).where(
            StaffAgileAgreement.employee_id == person.id,
            StaffAgileAgreement.annulled_on.is_(None),
            StaffAgileAgreement.valid_from <= deal.valid_to,
            StaffAgileAgreement.valid_to >= deal.valid_from)).scalars().first()
        if clash is not None:
            raise ValidationError({"valid_from": (
                f"Dal {format_date(clash.valid_from)} al {format_date(clash.valid_to)} "
                f"{person.surname} {person.name} ha già un accordo di lavoro agile "
                f"(sottoscritto il {format_date(clash.signed_on)}): annullarlo prima di "
                "registrarne uno nuovo negli stessi giorni.")})
        row = StaffAgileAgreement(
            employee_id=person.id, signed_on=deal.signed_on, valid_from=deal.valid_from,
            valid_to=deal.valid_to, weekdays=",".join(str(d) for d in sorted(deal.weekdays)),
            activities="\n".join(deal.activities), contact_band=format_bands(bands),
            tools=clean["tools"], protocol=clean["protocol"],
            recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(REGISTRY)
def annul_agreement(db: Database, agreement_id: int, reason: str,
                    on: date | None = None) -> None:
    """Annul an agreement recorded by mistake, withdrawn or ended early (L. 81/2017 art. 19
    c.2: withdrawal with notice, or without it for a justified reason), with its reason. The
    agreement stays, marked, in the person's history."""
    text = annul_reason(reason, AGILE["annul_reason"].check, "reason",
                        "Indicare il motivo dell'annullamento dell'accordo.")
    with unit_of_work(db, reason="Annullamento dell'accordo di lavoro agile") as s:
        annul_row(s, StaffAgileAgreement, agreement_id, text, key="agreement_id",
                  missing="Accordo di lavoro agile inesistente.",
                  already="L'accordo è già stato annullato", on=on)
        s.commit()
