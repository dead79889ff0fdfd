"""Working-time patterns and the roster (issue 14 items 3 and 5). Each use case is one
transaction under the write gate; the overlap of a person's patterns and the replacement of a
roster day are read after locking the person's row, so two PCs editing the same person wait for
each other instead of both passing the check. Bad input names the field; nothing is saved.

What is refused here is what cannot be a schedule at all (a band ending before it starts, a
pattern that does not add up to the contract's hours, a date outside the school year, two
patterns on the same days, lavoro agile for a profile that cannot have it). What a schedule
may break and still be recorded (9 hours, pauses, evenings, plurisettimanale) is shown next to
the cell by ``queries.staff_roster``: the DSGA sees it and decides."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from ...areas.staff import PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import ValidationError
from ...domain.staff.band_text import format_bands, parse_bands
from ...domain.staff.contract import FULL_TIME, WorkingTime
from ...domain.staff.patterns import FlexBand, WeeklyPattern
from ...domain.staff.profiles import LAVORO_AGILE_ROLES, role_label
from ...domain.staff.week import WorkDay, check_in_school_year
from ...models.school import Site
from ...models.staff import Employee
from ...models.staff_roster import StaffPattern, StaffPatternBand, StaffRosterBand, StaffRosterDay
from ...queries.staff_roster import working_times
from .rows import locked_person, mark_annulled

MAX_NOTE = 300


@dataclass(frozen=True)
class PatternInput:
    """A weekly pattern as the form gives it: for each weekday (0 = lunedì) the bands as text
    («07:30-13:30; 14:00-17:00 rientro»), the plesso they are worked at, the weekdays of lavoro
    agile, an optional flexible band (four «HH:MM» texts: entry from/to, exit from/to)."""

    valid_from: date
    valid_to: date
    days: Mapping[int, str]
    plesso: str | None = None
    agile_weekdays: frozenset[int] = field(default_factory=frozenset)
    plurisettimanale: bool = False
    flex: tuple[str, str, str, str] | None = None
    name: str = ""
    reason: str = ""          # of the bands past 20:00 (art. 53, turnazione)


def working_time_on(s, person_id: int, day: date) -> WorkingTime:
    """The hours owed on ``day``: the part-time share of the contract in force and the 35-hour
    grant (art. 55) in force, else full time (a person recorded before the contract history
    has none: 36 hours)."""
    return working_times(s, [person_id], day).get(person_id, FULL_TIME)


def _check_plesso(s, code: str | None, field_name: str = "plesso") -> str | None:
    if not code:
        return None
    if s.execute(select(Site.id).where(Site.code == code)).first() is None:
        raise ValidationError({field_name: f"Plesso «{code}» inesistente."})
    return code


def _check_agile(person: Employee, agile: Iterable[int] | bool) -> None:
    if agile and person.role not in LAVORO_AGILE_ROLES:
        raise ValidationError({"agile_weekdays": (
            f"Il lavoro agile non è previsto per il profilo «{role_label(person.role)}»: solo "
            "assistenti amministrativi, assistenti tecnici e DSGA (CCNL 2019-21 artt. 10-16).")})


def _note(text: str, field_name: str = "note") -> str:
    text = (text or "").strip()
    if len(text) > MAX_NOTE:
        raise ValidationError({field_name: f"Il testo supera {MAX_NOTE} caratteri."})
    return text


def build_pattern(person_id: int, data: PatternInput, working_time: WorkingTime,
                  plesso: str | None) -> WeeklyPattern:
    """The domain pattern of ``data`` (every rule of patterns.WeeklyPattern applies)."""
    reason = _note(data.reason, "reason")
    days = {}
    for wd, text in data.days.items():
        bands = parse_bands(text, plesso=plesso, reason=reason, field=f"day_{wd}")
        if bands:
            days[wd] = bands
    flex = FlexBand.of(*data.flex) if data.flex and any(data.flex) else None
    return WeeklyPattern(person_id, data.valid_from, data.valid_to, days, working_time, flex,
                         frozenset(data.agile_weekdays), data.plurisettimanale,
                         (data.name or "").strip()[:80])


def _insert_pattern(s, person: Employee, data: PatternInput, *, ignore: int | None = None
                    ) -> int:
    _check_agile(person, data.agile_weekdays)
    plesso = _check_plesso(s, data.plesso) or _home_plesso(s, person)
    pattern = build_pattern(person.id, data, working_time_on(s, person.id, data.valid_from),
                            plesso)
    clash = s.execute(select(StaffPattern).where(
        StaffPattern.employee_id == person.id, StaffPattern.annulled_on.is_(None),
        StaffPattern.id != (ignore or 0),
        StaffPattern.valid_from <= pattern.valid_to,
        StaffPattern.valid_to >= pattern.valid_from)).scalars().first()
    if clash is not None:
        raise ValidationError({"valid_from": (
            f"Dal {format_date(clash.valid_from)} al {format_date(clash.valid_to)} "
            f"{person.surname} {person.name} ha già un orario"
            + (f" («{clash.name}»)" if clash.name else "")
            + ": annullarlo prima di registrarne uno nuovo negli stessi giorni.")})
    flex = pattern.flex
    row = StaffPattern(
        employee_id=person.id, name=pattern.name, valid_from=pattern.valid_from,
        valid_to=pattern.valid_to, plurisettimanale=pattern.plurisettimanale,
        entry_from=flex and flex.entry_from, entry_to=flex and flex.entry_to,
        exit_from=flex and flex.exit_from, exit_to=flex and flex.exit_to,
        agile_weekdays=",".join(str(d) for d in sorted(pattern.agile_weekdays)),
        weekly_minutes=pattern.ordinary_minutes, recorded_by_id=s.info["user"].id)
    s.add(row)
    s.flush()
    for wd, bands in pattern.days.items():
        for b in bands:
            s.add(StaffPatternBand(pattern_id=row.id, weekday=wd, start=b.start, end=b.end,
                                   kind=b.kind, plesso=b.plesso, reason=b.reason))
    return row.id


@requires(PREPARE)
def save_pattern(db: Database, person_id: int, data: PatternInput) -> int:
    """Record a person's weekly pattern for a period of one school year. A period already
    covered by another pattern is refused: that one is replaced (``replace_pattern``) or
    annulled first (``annul_pattern``)."""
    with unit_of_work(db, reason="Orario di lavoro del personale") as s:
        new_id = _insert_pattern(s, locked_person(s, person_id), data)
        s.commit()
    return new_id


@requires(PREPARE)
def replace_pattern(db: Database, pattern_id: int, data: PatternInput) -> int:
    """A new pattern from ``data.valid_from``: the one in force is annulled and, when it began
    earlier, recorded again up to the day before, so the weeks already worked keep their
    pattern (a period's dates never change: migration 0022)."""
    with unit_of_work(db, reason="Cambio dell'orario di lavoro") as s:
        old = s.get(StaffPattern, pattern_id)
        if old is None:
            raise ValidationError({"pattern_id": "Orario inesistente."})
        person = locked_person(s, old.employee_id)
        s.refresh(old)
        if old.annulled_on is not None:
            raise ValidationError({"pattern_id": "L'orario è annullato."})
        if not old.valid_from <= data.valid_from <= old.valid_to:
            raise ValidationError({"valid_from": (
                f"Il nuovo orario deve iniziare nel periodo dell'orario che sostituisce (dal "
                f"{format_date(old.valid_from)} al {format_date(old.valid_to)}).")})
        bands = s.execute(select(StaffPatternBand).where(
            StaffPatternBand.pattern_id == old.id)).scalars().all()
        old.annulled_on = date.today()
        old.annul_reason = f"Sostituito dall'orario dal {format_date(data.valid_from)}"
        s.flush()
        if old.valid_from < data.valid_from:
            kept = StaffPattern(
                employee_id=old.employee_id, name=old.name, valid_from=old.valid_from,
                valid_to=data.valid_from - timedelta(days=1),
                plurisettimanale=old.plurisettimanale, entry_from=old.entry_from,
                entry_to=old.entry_to, exit_from=old.exit_from, exit_to=old.exit_to,
                agile_weekdays=old.agile_weekdays, weekly_minutes=old.weekly_minutes,
                recorded_by_id=s.info["user"].id)
            s.add(kept)
            s.flush()
            for b in bands:
                s.add(StaffPatternBand(pattern_id=kept.id, weekday=b.weekday, start=b.start,
                                       end=b.end, kind=b.kind, plesso=b.plesso,
                                       reason=b.reason))
            s.flush()
        new_id = _insert_pattern(s, person, data)
        s.commit()
    return new_id


def _home_plesso(s, person: Employee) -> str | None:
    if person.site_id is None:
        return None
    return s.execute(select(Site.code).where(Site.id == person.site_id)).scalar()


@requires(PREPARE)
def annul_pattern(db: Database, pattern_id: int, reason: str, on: date | None = None) -> None:
    """Annul a wrong or superseded pattern, with its reason (the row stays, marked)."""
    text = _note(reason, "reason")
    if not text:
        raise ValidationError({"reason": "Indicare il motivo dell'annullamento dell'orario."})
    with unit_of_work(db, reason="Annullamento dell'orario di lavoro") as s:
        row = s.get(StaffPattern, pattern_id)
        if row is None:
            raise ValidationError({"pattern_id": "Orario inesistente."})
        locked_person(s, row.employee_id)
        s.refresh(row)
        mark_annulled(row, text, key="pattern_id", already="L'orario è già stato annullato",
                      on=on)
        s.commit()


@dataclass(frozen=True)
class DayInput:
    """One roster cell set by hand: the bands as text (empty: a day off), the plesso, whether
    it is a day of lavoro agile, a note (the reason of a shift past 20:00, of a presidio)."""

    bands: str = ""
    plesso: str | None = None
    lavoro_agile: bool = False
    kind: str = "servizio"
    note: str = ""


def _record_day(s, person: Employee, day: date, data: DayInput, plesso: str | None) -> int:
    check_in_school_year(day, SchoolYear.of(day), "day")
    note = _note(data.note)
    bands = parse_bands(data.bands, plesso=None if data.lavoro_agile else plesso,
                        kind=data.kind, reason=note, field="bands")
    WorkDay(day, bands, lavoro_agile=data.lavoro_agile)     # the domain's checks on a day
    if data.lavoro_agile and not bands:
        raise ValidationError({"bands": "Indicare le fasce orarie della giornata di lavoro "
                                        "agile."})
    row = StaffRosterDay(employee_id=person.id, day=day, lavoro_agile=data.lavoro_agile,
                         note=note, recorded_by_id=s.info["user"].id)
    s.add(row)
    s.flush()
    for b in bands:
        s.add(StaffRosterBand(roster_day_id=row.id, start=b.start, end=b.end, kind=b.kind,
                              plesso=b.plesso, reason=b.reason))
    previous = s.execute(select(StaffRosterDay).where(
        StaffRosterDay.employee_id == person.id, StaffRosterDay.day == day,
        StaffRosterDay.replaced_by_id.is_(None), StaffRosterDay.id != row.id)).scalars().all()
    for old in previous:
        old.replaced_by_id = row.id
    return row.id


@requires(PREPARE)
def set_roster_days(db: Database, cells: Iterable[tuple[int, date]], data: DayInput) -> int:
    """Set the same day on several cells of the roster (a range: one person over some days,
    or several people on a day), in one transaction. Returns how many cells were set."""
    cells = sorted(set(cells))
    if not cells:
        raise ValidationError({"cells": "Selezionare almeno una cella del turno."})
    with unit_of_work(db, reason="Turni del personale") as s:
        people = {p.id: p for p in lock_rows(s, Employee, {pid for pid, _d in cells})}
        plesso = _check_plesso(s, data.plesso)
        for pid, day in cells:
            person = people.get(pid)
            if person is None:
                raise ValidationError({"employee_id": "Dipendente inesistente."})
            _check_agile(person, data.lavoro_agile)
            _record_day(s, person, day, data, plesso or _home_plesso(s, person))
        s.commit()
    return len(cells)


@requires(PREPARE)
def copy_week(db: Database, person_ids: Iterable[int], from_monday: date,
              to_monday: date) -> int:
    """Copy the week from ``from_monday`` onto the week from ``to_monday`` for these people:
    every day of the source week as the roster shows it (pattern or day set by hand) becomes a
    day set by hand in the target week. Returns the days written."""
    from ...queries.staff_roster import effective_days

    for name, monday in (("from_monday", from_monday), ("to_monday", to_monday)):
        if monday.weekday() != 0:
            raise ValidationError({name: f"La settimana deve iniziare di lunedì: il "
                                         f"{format_date(monday)} non lo è."})
    if from_monday == to_monday:
        raise ValidationError({"to_monday": "Scegliere una settimana diversa da quella "
                                            "copiata."})
    ids = sorted(set(person_ids))
    written = 0
    with unit_of_work(db, reason="Copia della settimana dei turni") as s:
        people = {p.id: p for p in lock_rows(s, Employee, ids)}
        if set(ids) - set(people):
            raise ValidationError({"employee_id": "Dipendente inesistente."})
        source = effective_days(s, ids, from_monday, from_monday + timedelta(days=6))
        target_days = effective_days(s, ids, to_monday, to_monday + timedelta(days=6))
        for pid in ids:
            for offset in range(7):
                cell = source.get((pid, from_monday + timedelta(days=offset)))
                target = to_monday + timedelta(days=offset)
                there = target_days.get((pid, target))
                if there and (there.holiday or there.closed):
                    continue     # no work is copied onto a holiday or a closure
                bands = cell.bands if cell else ()
                if not bands and not (there and there.bands):
                    continue     # a free day on both sides
                data = DayInput(bands=format_bands(bands),
                                lavoro_agile=bool(cell and cell.lavoro_agile),
                                note=(cell.note if cell else "") or next(
                                    (b.reason for b in bands if b.reason), ""))
                plesso = next((b.plesso for b in bands if b.plesso), None)
                _record_day(s, people[pid], target, data, plesso)
                written += 1
        s.commit()
    return written


MAX_STAFF_AT_ONCE = 30


@requires(PREPARE)
def set_opening_hours(db: Database, school_year: int, plesso: str, days: Mapping[int, str],
                      staff: int = 1, profile: str | None = "CS") -> int:
    """The opening hours of ``plesso`` in the school year starting in ``school_year``: per
    weekday the spans as text («07:30-14:00; 14:00-18:00»), each needing ``staff`` people of
    ``profile`` at once (None: any profile). The plesso's previous hours of that year are
    superseded. Returns the spans recorded."""
    from ...domain.staff.coverage import CoverageNeed
    from ...models.staff_roster import StaffOpening

    if isinstance(staff, bool) or not isinstance(staff, int) or \
            not 1 <= staff <= MAX_STAFF_AT_ONCE:
        raise ValidationError({"staff": f"Persone necessarie: un numero da 1 a "
                                        f"{MAX_STAFF_AT_ONCE}."})
    needs = []
    for wd, text in sorted(days.items()):
        for b in parse_bands(text, field=f"day_{wd}"):
            needs.append(CoverageNeed(plesso, wd, b.start, b.end, staff, profile))
    with unit_of_work(db, reason="Orario di apertura del plesso") as s:
        if _check_plesso(s, plesso) is None:
            raise ValidationError({"plesso": "Indicare il plesso."})
        current = lock_rows(s, StaffOpening, where=(
            (StaffOpening.school_year == school_year) & (StaffOpening.plesso == plesso)
            & StaffOpening.superseded_on.is_(None)))
        for row in current:
            row.superseded_on = date.today()
        for n in needs:
            s.add(StaffOpening(school_year=school_year, plesso=plesso, weekday=n.weekday,
                               start=n.start, end=n.end, staff=n.staff, profile=n.profile,
                               recorded_by_id=s.info["user"].id))
        s.commit()
    return len(needs)
