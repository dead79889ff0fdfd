"""Absences and the leave ledger (issue 16 items 1-2). Every write is one transaction that
first locks the person's row (the same lock as the roster and the registry), then reads the
balance or the overlapping absences it decides on: two PCs recording ferie for the same person
wait for each other instead of both spending the last day. Bad input names the field; nothing
is saved.

- ``update_cause``: the school's own values for a cause (each change in the change log);
- ``allocate_year``: the year's ferie, festività soppresse and permessi of a person, from the
  contracts and the pattern (domain/staff/leave.py), one row per account with its arithmetic;
- ``record_absence``: an absence approved by the office; a cause that counts towards a balance
  writes a «fruizione» row, refused beyond the balance;
- ``annul_absence``: the absence annulled with its reason and a «rettifica» giving back its use;
- ``correct_balance``: a rettifica by hand, with its reason;
- ``carry_over`` and ``expire_carried``: the residual ferie to the next school year, with the
  deadline, and what is left of them at the deadline;
- ``recount_calendar_in``: a day of the school calendar changed (a holiday added after an
  absence was approved, or removed): the use of every absence over it is counted again and the
  difference written as a «rettifica» row, in the calendar's own transaction.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from ...areas.staff import HEALTH, PREPARE
from ...db.access import current_principal, requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.access import allowed
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import ValidationError
from ...domain.staff import leave as rules
from ...domain.staff.fields import ABSENCE, ABSENCE_CAUSE
from ...domain.staff.profiles import ATA_ROLES, role_label
from ...models.staff import Employee
from ...models.staff_leave import (
    AbsenceCause,
    StaffAbsence,
    StaffAbsenceRequest,
    StaffLeaveEntry,
)
from ...queries.staff_leave import (
    Cause,
    _cause,
    _contracts,
    balance_in,
    holidays_between,
    service_periods,
    shape_on,
    working_days,
)
from ...queries.staff_roster import effective_days
from .rows import annul_reason, locked_person, mark_annulled


def seed_causes_in(s) -> None:
    """The shipped causes still missing (under the write gate: two PCs do not both add them)."""
    have = set(s.execute(select(AbsenceCause.code)).scalars())
    for c in rules.DEFAULT_CAUSES:
        if c.code not in have:
            s.add(AbsenceCause(code=c.code, name=c.name, unit=c.unit,
                               paid_percent=c.paid_percent, pay_rule=c.pay_rule,
                               counts_towards=c.counts_towards, allowance=c.allowance,
                               period=c.period, counting=c.counting,
                               half_day_max=c.half_day_max, profiles=c.profiles,
                               document=c.document, confidential=c.confidential,
                               source=c.source, confidence=c.confidence))
    s.flush()


def _cause_row(s, code: str) -> AbsenceCause:
    seed_causes_in(s)
    row = s.execute(select(AbsenceCause).where(AbsenceCause.code == (code or "").strip())
                    ).scalar_one_or_none()
    if row is None:
        raise ValidationError({"cause_id": f"Causa di assenza «{code}» inesistente."})
    return row


# --- causes --------------------------------------------------------------------------------

_EDITABLE = ("name", "paid_percent", "pay_rule", "counts_towards", "allowance", "period",
             "counting", "half_day_max", "profiles", "document", "confidential", "source",
             "active")


@requires(HEALTH)
def update_cause(db: Database, code: str, **changes) -> Cause:
    """The school's values for a cause (code and unit never change). Kept by the DSGA and
    the dirigente: a cause decides who may read the health data of an absence."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "Campo non modificabile."})
    values = {}
    for name, value in changes.items():
        f = ABSENCE_CAUSE[name]
        if f.kind == "text":
            value = f.check(value)
            if name == "name" and not value:
                raise ValidationError({name: "Indicare il nome della causa."})
        elif f.kind == "choice":
            if value not in f.values:
                raise ValidationError({name: f"Valore «{value}» non previsto per «{f.label}»."})
        elif f.kind == "bool":
            value = bool(value)
        elif f.kind == "int":
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValidationError({name: f"«{f.label}»: indicare un numero intero non "
                                             "negativo."})
        values[name] = value
    if "paid_percent" in values and not 0 <= values["paid_percent"] <= 100:
        raise ValidationError({"paid_percent": "La retribuzione va da 0 a 100 %."})
    if "profiles" in values:
        codes = [p.strip().upper() for p in values["profiles"].split(",") if p.strip()]
        wrong = [p for p in codes if p not in ATA_ROLES]
        if wrong:
            raise ValidationError({"profiles": f"Profilo «{wrong[0]}» non previsto: indicare "
                                               "codici come AA, AT, CS, DSGA."})
        values["profiles"] = ",".join(codes)
    with unit_of_work(db, reason=f"Causa di assenza: {code}") as s:
        row = _cause_row(s, code)
        account = values.get("counts_towards", row.counts_towards)
        if account in rules.ACCOUNTS and rules.ACCOUNTS[account][1] != row.unit:
            raise ValidationError({"counts_towards": (
                f"Il saldo «{rules.COUNTS_TOWARDS[account]}» è in "
                f"{rules.ACCOUNTS[account][1]}, la causa in {row.unit}.")})
        for name, value in values.items():
            setattr(row, name, value)
        row.edited = True
        result = _cause(row)
        s.commit()
    return result


# --- allocation ----------------------------------------------------------------------------

def _entry(s, pid: int, account: str, year: int, kind: str, amount: int, day: date,
           reason: str, **kw) -> StaffLeaveEntry:
    row = StaffLeaveEntry(employee_id=pid, account=account, school_year=year, kind=kind,
                          amount=amount, entry_date=day, reason=reason[:1000],
                          recorded_by_id=s.info["user"].id, **kw)
    s.add(row)
    return row


def _check_year(school_year) -> SchoolYear:
    if not isinstance(school_year, int) or not 2000 <= school_year <= 2100:
        raise ValidationError({"school_year": "Indicare l'anno scolastico (anno di inizio, "
                                              "es. 2020)."})
    return SchoolYear(school_year)


def _ata(person) -> None:
    if person.role not in ATA_ROLES:
        raise ValidationError({"employee_id": (
            f"Ferie e permessi del CCNL del personale ATA: il profilo "
            f"«{role_label(person.role)}» ne è escluso.")})


@requires(PREPARE)
def allocate_year(db: Database, person_id: int, school_year: int,
                  on: date | None = None) -> dict[str, int]:
    """The year's entitlements of a person: ferie and festività soppresse pro rata from the
    contracts and the pattern, the permessi of the causes with a yearly limit. Returns
    account -> amount. Refused when the year is already allocated (a rettifica corrects it)."""
    year = _check_year(school_year)
    day = on or min(date.today(), year.end)
    with unit_of_work(db, reason=f"Ferie e permessi dell'a.s. {year.label}") as s:
        person = locked_person(s, person_id)
        _ata(person)
        seed_causes_in(s)
        done = s.execute(select(StaffLeaveEntry.account).where(
            StaffLeaveEntry.employee_id == person.id,
            StaffLeaveEntry.school_year == year.start_year,
            StaffLeaveEntry.kind == "assegnazione")).scalars().first()
        if done is not None:
            raise ValidationError({"school_year": (
                f"Ferie e permessi dell'a.s. {year.label} di {person.surname} {person.name} "
                "sono già assegnati: per cambiarli registrare una rettifica con il motivo.")})
        periods, five_day = service_periods(s, person.id, year)
        if not periods:
            raise ValidationError({"school_year": (
                f"{person.surname} {person.name} non ha contratti nell'a.s. {year.label}.")})
        causes = {c.counts_towards: c for c in s.execute(select(AbsenceCause).where(
            AbsenceCause.active.is_(True))).scalars() if c.counts_towards in rules.ALLOCATED}
        out = {}
        since = person.service_since or person.hired_on
        for account in rules.ALLOCATED:
            cause = causes.get(account)
            if cause is None or not _cause(cause).allows(person.role):
                continue
            if account == "ferie":
                ent = rules.ferie_entitlement(periods, year, since, five_day=five_day)
            elif account == "festivita_soppresse":
                ent = rules.festivita_entitlement(periods, year,
                                                  (cause.allowance or 0) // rules.ONE_DAY)
            elif cause.allowance:
                ent = rules.fixed_entitlement(account, cause.allowance, cause.unit)
            else:
                continue
            _entry(s, person.id, account, year.start_year, "assegnazione", ent.amount, day,
                   ent.explanation)
            out[account] = ent.amount
        s.commit()
    return out


# --- absences ------------------------------------------------------------------------------

def _text(field: str, value: str) -> str:
    return ABSENCE[field].check(value or "")


@requires(PREPARE)
def record_absence(db: Database, person_id: int, cause: str, starts_on: date,
                   ends_on: date | None = None, *, minutes: int | None = None,
                   document_ref: str = "", note: str = "") -> int:
    """An absence recorded by the office (approved). Days: from ``starts_on`` to ``ends_on``;
    hours: ``minutes`` on one day. A cause that counts towards a balance writes its use; the
    limits of the cause (per month, per event, half the day) are checked."""
    ends_on = ends_on or starts_on
    year = rules.check_dates(starts_on, ends_on)
    doc, text = _text("document_ref", document_ref), _text("note", note)
    with unit_of_work(db, reason="Assenza del personale") as s:
        person = locked_person(s, person_id)
        checked = check_absence_in(s, db, person, cause, starts_on, ends_on, minutes, year)
        new_id = write_absence_in(s, person, checked, doc, text)
        s.commit()
    return new_id


def check_absence_in(s, db: Database, person, cause: str, starts_on: date, ends_on: date,
                     minutes, year: SchoolYear, *, skip_request: int | None = None):
    """Every check of an absence (the person locked by the caller): the cause usable by the
    profile and by who records it, the dates in a contract, the cost against the day's hours
    and the cause's limits, no overlap with another absence or open request. Returns what
    ``write_absence_in`` writes."""
    row = _cause_row(s, cause)
    c = _cause(row)
    if not c.active:
        raise ValidationError({"cause_id": f"La causa «{c.name}» non è più in uso."})
    if c.confidential and not allowed(current_principal(db), HEALTH):
        raise ValidationError({"cause_id": (
            f"«{c.name}» è una causa riservata (dati sanitari): la registrano il DSGA o il "
            "dirigente.")})
    if not c.allows(person.role):
        raise ValidationError({"cause_id": (
            f"La causa «{c.name}» non è prevista per il profilo "
            f"«{role_label(person.role)}».")})
    contracts = _contracts(s, person.id, year)
    if not any(a <= starts_on and ends_on <= b for a, b, _bp in contracts):
        raise ValidationError({"starts_on": (
            f"Dal {format_date(starts_on)} al {format_date(ends_on)} {person.surname} "
            f"{person.name} non è in servizio con un contratto registrato.")})
    amount, how = _cost(s, person, c, starts_on, ends_on, minutes)
    _check_overlap(s, person, starts_on, ends_on, minutes)
    _check_requests(s, person, starts_on, ends_on, minutes, skip_request)
    _check_limits(s, person, c, row.id, starts_on, ends_on, amount, year)
    return row, c, year, amount, how, starts_on, ends_on, minutes


def write_absence_in(s, person, checked, doc: str, text: str) -> int:
    """The absence and, for a cause that counts towards a balance, its «fruizione» row."""
    row, c, year, amount, how, starts_on, ends_on, minutes = checked
    absence = StaffAbsence(employee_id=person.id, cause_id=row.id, starts_on=starts_on,
                           ends_on=ends_on, minutes=minutes if c.unit == rules.HOURS else None,
                           document_ref=doc, note=text, recorded_by_id=s.info["user"].id)
    s.add(absence)
    s.flush()
    if c.counts_towards in rules.ACCOUNTS:
        _entry(s, person.id, c.counts_towards, year.start_year, "fruizione", -amount,
               starts_on, f"{c.name}: {how}", absence_id=absence.id)
    return absence.id


def _check_requests(s, person, start: date, end: date, minutes, skip: int | None) -> None:
    """No request still waiting for a decision on the same days (an approved one is checked
    as its absence)."""
    q = select(StaffAbsenceRequest).where(
        StaffAbsenceRequest.employee_id == person.id, StaffAbsenceRequest.state == "richiesta",
        StaffAbsenceRequest.starts_on <= end, StaffAbsenceRequest.ends_on >= start)
    if skip is not None:
        q = q.where(StaffAbsenceRequest.id != skip)
    for other in s.execute(q).scalars():
        if minutes and other.minutes:
            continue
        raise ValidationError({"starts_on": (
            f"{person.surname} {person.name} ha già una richiesta in attesa dal "
            f"{format_date(other.starts_on)} al {format_date(other.ends_on)}: deciderla o "
            "annullarla prima di registrarne un'altra negli stessi giorni.")})


def _cost(s, person, c: Cause, start: date, end: date, minutes, *, days_of=None,
          five_of=None) -> tuple[int, str]:
    """What the absence takes, in the unit's integers, and how it was counted. ``days_of(start,
    end)`` and ``five_of(start)``: the working days and the five-day week as read in bulk by
    the caller (default: read here for the person)."""
    days_of = days_of or (lambda a, b: working_days(s, person.id, a, b))
    five_of = five_of or (lambda day: shape_on(s, person.id, day).five_day)
    if c.unit == rules.HOURS:
        if start != end:
            raise ValidationError({"ends_on": "Un'assenza a ore riguarda un solo giorno."})
        if not isinstance(minutes, int) or minutes <= 0:
            raise ValidationError({"minutes": "Indicare la durata dell'assenza a ore."})
        days = days_of(start, start)
        if not days:
            raise ValidationError({"starts_on": (
                f"Il {format_date(start)} non è un giorno di lavoro dell'orario di "
                f"{person.surname} {person.name}.")})
        daily = days[0][1]
        if minutes > daily:
            raise ValidationError({"minutes": (
                f"{rules.format_amount(minutes, rules.HOURS)} superano l'orario del giorno "
                f"({rules.format_amount(daily, rules.HOURS)}).")})
        if c.half_day_max and minutes * 2 > daily:
            raise ValidationError({"minutes": (
                f"Un permesso breve non supera metà dell'orario giornaliero: al massimo "
                f"{rules.format_amount(daily // 2, rules.HOURS)} su "
                f"{rules.format_amount(daily, rules.HOURS)} (CCNL 29/11/2007 art. 16).")})
        return minutes, f"{rules.format_amount(minutes, rules.HOURS)} il {format_date(start)}"
    if minutes:
        raise ValidationError({"minutes": f"«{c.name}» si conta a giorni, non a ore."})
    if c.counting == "consecutivi":
        n = (end - start).days + 1
        return n * rules.ONE_DAY, f"{n} giorni di calendario"
    days = days_of(start, end)
    if not days:
        raise ValidationError({"starts_on": (
            f"Dal {format_date(start)} al {format_date(end)} non ci sono giorni di lavoro "
            f"nell'orario di {person.surname} {person.name}.")})
    five = c.counts_towards == "ferie" and five_of(start)
    amount = rules.use_cost(c.unit, len(days), five_day=five, account=c.counts_towards)
    how = rules.days_text(start, end, [d for d, _m in days], holidays_between(s, start, end))
    if five:
        how += f"; × 1,20 (settimana di cinque giorni) = {rules.format_amount(amount, c.unit)}"
    return amount, how


def _check_overlap(s, person, start: date, end: date, minutes) -> None:
    others = s.execute(select(StaffAbsence).where(
        StaffAbsence.employee_id == person.id, StaffAbsence.annulled_on.is_(None),
        StaffAbsence.starts_on <= end, StaffAbsence.ends_on >= start)).scalars().all()
    for other in others:
        if minutes and other.minutes:          # two hourly absences on one day: the hours add
            continue
        raise ValidationError({"starts_on": (
            f"{person.surname} {person.name} risulta già assente dal "
            f"{format_date(other.starts_on)} al {format_date(other.ends_on)}: annullare "
            "quell'assenza prima di registrarne un'altra negli stessi giorni.")})
    if minutes and others:
        used = sum(o.minutes for o in others)
        daily = working_days(s, person.id, start, start)
        if daily and used + minutes > daily[0][1]:
            raise ValidationError({"minutes": (
                f"Con le assenze a ore già registrate il {format_date(start)} "
                f"({rules.format_amount(used, rules.HOURS)}) si supera l'orario del giorno "
                f"({rules.format_amount(daily[0][1], rules.HOURS)}).")})


def _check_limits(s, person, c: Cause, cause_id: int, start: date, end: date, amount: int,
                  year: SchoolYear) -> None:
    unit = c.unit
    if c.counts_towards in rules.ACCOUNTS:
        have = balance_in(s, person.id, c.counts_towards, year.start_year)
        if amount > have:
            label = rules.ACCOUNTS[c.counts_towards][0]
            raise ValidationError({"ends_on": (
                f"{label}: l'assenza richiede {rules.format_amount(amount, unit)}, il saldo "
                f"dell'a.s. {year.label} è {rules.format_amount(have, unit)}.")})
    if c.allowance is None:
        return
    if c.period == "evento" and amount > c.allowance:
        raise ValidationError({"ends_on": (
            f"«{c.name}»: al massimo {rules.format_amount(c.allowance, unit)} per evento; "
            f"l'assenza ne conta {rules.format_amount(amount, unit)}.")})
    if c.period == "mese":
        if start.month != end.month or start.year != end.year:
            raise ValidationError({"ends_on": (
                f"«{c.name}» ha un limite mensile: registrare un'assenza per mese.")})
        first = start.replace(day=1)
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        used = 0
        for o in s.execute(select(StaffAbsence).where(
                StaffAbsence.employee_id == person.id, StaffAbsence.cause_id == cause_id,
                StaffAbsence.annulled_on.is_(None), StaffAbsence.starts_on >= first,
                StaffAbsence.starts_on < nxt)).scalars():
            used += (o.minutes or 0) if unit == rules.HOURS else len(
                working_days(s, person.id, o.starts_on, o.ends_on)) * rules.ONE_DAY
        if used + amount > c.allowance:
            raise ValidationError({"ends_on": (
                f"«{c.name}»: al massimo {rules.format_amount(c.allowance, unit)} al mese; "
                f"già registrati {rules.format_amount(used, unit)}, con questa assenza "
                f"{rules.format_amount(used + amount, unit)}.")})


def _reason(text: str, field: str = "annul_reason") -> str:
    """A reason on one line, checked by its field declaration (300 characters); required."""
    def check(value: str) -> str:
        try:
            return ABSENCE["annul_reason"].check(value)
        except ValidationError as e:
            raise ValidationError({field: next(iter(e.errors.values()))}) from None
    return annul_reason(" ".join((text or "").split()), check, field, "Indicare il motivo.")


@requires(PREPARE)
def annul_absence(db: Database, absence_id: int, reason: str, on: date | None = None) -> None:
    """The absence annulled with its reason; its use given back by a rettifica row."""
    text = _reason(reason)
    day = on or date.today()
    with unit_of_work(db, reason="Annullamento di un'assenza") as s:
        row = s.get(StaffAbsence, absence_id)
        if row is None:
            raise ValidationError({"absence_id": "Assenza inesistente."})
        locked_person(s, row.employee_id)
        s.refresh(row)
        annul_absence_in(s, row, text, day)
        s.commit()


def annul_absence_in(s, row: StaffAbsence, text: str, day: date) -> None:
    """The absence (its person locked by the caller) annulled; a rettifica gives back its use."""
    mark_annulled(row, text, key="absence_id", already="L'assenza è già stata annullata",
                  on=day)
    for use in s.execute(select(StaffLeaveEntry).where(
            StaffLeaveEntry.absence_id == row.id)).scalars().all():
        net = s.execute(select(func.sum(StaffLeaveEntry.amount)).where(
            StaffLeaveEntry.absence_id == row.id,
            StaffLeaveEntry.account == use.account)).scalar_one()
        if use.kind == "fruizione" and net:
            _entry(s, row.employee_id, use.account, use.school_year, "rettifica", -net, day,
                   f"Assenza annullata: {text}", absence_id=row.id, corrects_id=use.id)


def parse_quantity(value, unit: str, field: str = "amount") -> int:
    """A signed quantity as typed: days («1,5», «-2») in hundredths; hours («-1:30», «2») in
    minutes."""
    if isinstance(value, int):
        return value
    raw = str(value or "").strip()
    sign = -1 if raw.startswith("-") else 1
    raw = raw.lstrip("+-").strip()
    if unit == rules.HOURS:
        return sign * rules.parse_hours(raw, field)
    try:
        days = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        days = None
    if days is None or not days.is_finite() or days <= 0 or days != days.quantize(
            Decimal("0.01")):
        raise ValidationError({field: f"«{value}» non è un numero di giorni (es. 2 o 1,5)."})
    return sign * int(days * rules.ONE_DAY)


@requires(PREPARE)
def correct_balance(db: Database, person_id: int, account: str, school_year: int, amount,
                    reason: str, on: date | None = None) -> int:
    """A rettifica of a balance by hand (positive or negative), with its reason. Refused when
    it would leave the balance below zero."""
    if account not in rules.ACCOUNTS:
        raise ValidationError({"account": f"Saldo «{account}» non previsto."})
    label, unit = rules.ACCOUNTS[account]
    year = _check_year(school_year)
    qty = parse_quantity(amount, unit)
    if qty == 0:
        raise ValidationError({"amount": "Indicare una quantità diversa da zero."})
    text = _reason(reason, "reason")
    with unit_of_work(db, reason=f"Rettifica del saldo: {label}") as s:
        person = locked_person(s, person_id)
        have = balance_in(s, person.id, account, year.start_year)
        if have + qty < 0:
            raise ValidationError({"amount": (
                f"{label}: il saldo dell'a.s. {year.label} è "
                f"{rules.format_amount(have, unit)}, la rettifica lo porterebbe a "
                f"{rules.format_amount(have + qty, unit)}.")})
        row = _entry(s, person.id, account, year.start_year, "rettifica", qty,
                     on or date.today(), text)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(PREPARE)
def carry_over(db: Database, person_id: int, school_year: int, on: date | None = None) -> int:
    """The residual ferie of ``school_year`` carried to the next one, to be taken by 30 April
    of the following calendar year (CCNL 2007 art. 13 c.10 [U]). Returns the days carried
    (hundredths)."""
    year = _check_year(school_year)
    nxt = SchoolYear(year.start_year + 1)
    deadline = rules.carry_deadline(year)
    with unit_of_work(db, reason=f"Riporto delle ferie dell'a.s. {year.label}") as s:
        person = locked_person(s, person_id)
        carried = s.execute(select(StaffLeaveEntry.id).where(
            StaffLeaveEntry.employee_id == person.id, StaffLeaveEntry.account == "ferie",
            StaffLeaveEntry.school_year == year.start_year,
            StaffLeaveEntry.kind == "riporto", StaffLeaveEntry.amount < 0)).first()
        if carried is not None:
            raise ValidationError({"school_year": (
                f"Le ferie residue dell'a.s. {year.label} sono già state riportate.")})
        have = balance_in(s, person.id, "ferie", year.start_year)
        if have <= 0:
            raise ValidationError({"school_year": (
                f"{person.surname} {person.name} non ha ferie residue nell'a.s. "
                f"{year.label}.")})
        day = on or nxt.start
        text = rules.format_amount(have, rules.DAYS)
        _entry(s, person.id, "ferie", year.start_year, "riporto", -have, day,
               f"Ferie residue ({text}) riportate all'a.s. {nxt.label}")
        _entry(s, person.id, "ferie", nxt.start_year, "riporto", have, day,
               f"Ferie residue dell'a.s. {year.label} ({text}), da fruire per prime",
               deadline=deadline)
        s.commit()
    return have


@requires(PREPARE)
def expire_carried(db: Database, person_id: int, school_year: int,
                   on: date | None = None) -> int:
    """At the deadline, the carried ferie of ``school_year`` (the year they were carried
    into) not yet taken expire: a «scadenza» row. Carried days are used first, so what expires
    is the carried days less the ferie taken up to the deadline. Returns the days expired."""
    year = _check_year(school_year)
    today = on or date.today()
    with unit_of_work(db, reason=f"Scadenza delle ferie riportate all'a.s. {year.label}") as s:
        person = locked_person(s, person_id)
        rows = s.execute(select(StaffLeaveEntry).where(
            StaffLeaveEntry.employee_id == person.id, StaffLeaveEntry.account == "ferie",
            StaffLeaveEntry.school_year == year.start_year)).scalars().all()
        carried = [r for r in rows if r.kind == "riporto" and r.amount > 0]
        if not carried:
            raise ValidationError({"school_year": (
                f"Nessuna ferie riportata all'a.s. {year.label}.")})
        if any(r.kind == "scadenza" for r in rows):
            raise ValidationError({"school_year": "La scadenza è già stata registrata."})
        deadline = min(r.deadline for r in carried if r.deadline)
        if today <= deadline:
            raise ValidationError({"on": (
                f"Le ferie riportate si fruiscono fino al {format_date(deadline)}: la scadenza "
                "si registra dal giorno successivo.")})
        amount = sum(r.amount for r in carried)
        used = -sum(r.amount for r in rows if r.absence_id is not None
                    and r.entry_date <= deadline)
        expired = min(rules.expired_amount(amount, used), sum(r.amount for r in rows))
        if expired > 0:
            _entry(s, person.id, "ferie", year.start_year, "scadenza", -expired, today,
                   f"Ferie riportate {rules.format_amount(amount, rules.DAYS)} − fruite entro "
                   f"il {format_date(deadline)} {rules.format_amount(used, rules.DAYS)} = "
                   f"{rules.format_amount(expired, rules.DAYS)} non fruite, scadute")
        s.commit()
    return expired


def recount_calendar_in(s, days, on: date) -> int:
    """The absences over ``days`` (calendar days just added, changed or removed, already
    flushed in ``s``) counted again on the calendar as it now is: the difference from their
    net use is a «rettifica» row that names the day and the arithmetic (never an edit of the
    use). A day that is no longer a working day gives its use back. Returns the rows written."""
    days = sorted(set(days))
    if not days:
        return 0
    q = select(StaffAbsence).where(StaffAbsence.annulled_on.is_(None),
                                   StaffAbsence.starts_on <= days[-1],
                                   StaffAbsence.ends_on >= days[0])
    absences = [a for a in s.execute(q.order_by(StaffAbsence.employee_id, StaffAbsence.id))
                .scalars() if any(a.starts_on <= d <= a.ends_on for d in days)]
    if not absences:
        return 0
    causes = {r.id: r for r in s.execute(select(AbsenceCause)).scalars()}
    holidays = holidays_between(s, days[0], days[-1])
    pids = sorted({a.employee_id for a in absences})
    people = {p.id: p for p in lock_rows(s, Employee, pids)}
    # the working days of everyone over the absences, read once (working_days, in bulk)
    lo, hi = min(a.starts_on for a in absences), max(a.ends_on for a in absences)
    cells = effective_days(s, pids, lo, hi)
    by_person: dict[int, list[tuple[date, int]]] = {}
    for (pid, day), cell in sorted(cells.items(), key=lambda kv: kv[0][1]):
        if not cell.holiday:
            ordinary = cell.credited or sum(b.minutes for b in cell.bands
                                            if not b.is_overtime)
            if ordinary > 0:
                by_person.setdefault(pid, []).append((day, ordinary))
    shapes: dict[tuple[int, date], bool] = {}
    written = 0
    for pid in pids:
        person = people[pid]

        def days_of(a_start, a_end, pid=pid):
            if pid not in by_person:            # no pattern: Monday-Saturday [U]
                return working_days(s, pid, a_start, a_end)
            return [(d, m) for d, m in by_person[pid] if a_start <= d <= a_end]

        def five_of(day, pid=pid):
            if (pid, day) not in shapes:
                shapes[(pid, day)] = shape_on(s, pid, day).five_day
            return shapes[(pid, day)]

        for a in (a for a in absences if a.employee_id == pid):
            c = _cause(causes[a.cause_id])
            if c.counts_towards not in rules.ACCOUNTS or c.counting == "consecutivi":
                continue
            uses = s.execute(select(StaffLeaveEntry).where(
                StaffLeaveEntry.absence_id == a.id,
                StaffLeaveEntry.account == c.counts_towards)
                .order_by(StaffLeaveEntry.id)).scalars().all()
            use = next((u for u in uses if u.kind == "fruizione"), None)
            if use is None:
                continue
            net = -sum(u.amount for u in uses)
            try:
                amount, how = _cost(s, person, c, a.starts_on, a.ends_on, a.minutes,
                                    days_of=days_of, five_of=five_of)
            except ValidationError:          # no working day left in the absence
                amount, how = 0, "nessun giorno lavorativo"
            if amount == net:
                continue
            changed = ", ".join(f"{format_date(d)} " + ("festivo" if d in holidays
                                                          else "non più festivo")
                                for d in days if a.starts_on <= d <= a.ends_on)
            _entry(s, pid, c.counts_towards, use.school_year, "rettifica", net - amount, on,
                   f"Calendario scolastico cambiato ({changed}): {c.name} contata di nuovo, "
                   f"{how}; prima {rules.format_amount(net, c.unit)}, ora "
                   f"{rules.format_amount(amount, c.unit)}", absence_id=a.id,
                   corrects_id=use.id)
            written += 1
    return written
