"""The Piano delle attività of the ATA staff (issue 14 item 2): the DSGA drafts a version (its
text sections, the dotazione organica, the assignments), the dirigente adopts it with date and
protocol; a change is a new version copied from the adopted one, whose adoption supersedes it.

Each use case is one transaction under the write gate; the version's row (all the versions of
the year, for adoption and new versions) is locked before the state that decides the write is
read. Refusals name the field; nothing is saved."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ...areas.staff import APPROVE, PREPARE
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import ValidationError
from ...domain.staff import plan as rules
from ...models.staff_plan import StaffPlan, StaffPlanSection
from . import plan_rows


def _check_year(school_year) -> int:
    if isinstance(school_year, bool) or not isinstance(school_year, int) or not (
            2000 <= school_year <= 2100):
        raise ValidationError({"school_year": "Anno scolastico: indicare l'anno di inizio (es. "
                                              "2026 per il 2026/27)."})
    return school_year


def _check_day(day, field: str, label: str) -> date:
    if day is None:
        return date.today()
    if not isinstance(day, date):
        raise ValidationError({field: f"{label}: indicare una data valida."})
    return day


def _name(p: StaffPlan) -> str:
    return f"Il Piano delle attività {SchoolYear(p.school_year).label} (versione {p.version})"


def _locked(s, plan_id: int) -> StaffPlan:
    found = lock_rows(s, StaffPlan, [plan_id]) if isinstance(plan_id, int) else []
    if not found:
        raise ValidationError({"plan_id": "Piano delle attività inesistente."})
    return found[0]


def _locked_draft(s, plan_id: int) -> StaffPlan:
    p = _locked(s, plan_id)
    if p.state not in rules.EDITABLE:
        raise ValidationError({"state": (
            f"{_name(p)} è «{rules.PLAN.label(p.state)}»: non si modifica. Per cambiarlo "
            "creare una nuova versione.")})
    return p


def _new_plan(s, school_year: int, version: int, drafted_on: date) -> StaffPlan:
    row = StaffPlan(school_year=school_year, version=version, state=rules.PLAN.initial,
                    drafted_on=drafted_on, drafted_by_id=s.info["user"].id)
    s.add(row)
    s.flush()
    return row


@requires(PREPARE)
def create_plan(db: Database, school_year: int, *, drafted_on: date | None = None) -> int:
    """The first version (a draft, with its sections empty) of the Piano of the school year
    starting in ``school_year``; ``drafted_on``: the date of the draft (default today)."""
    year = _check_year(school_year)
    day = _check_day(drafted_on, "drafted_on", "Data della bozza")
    with unit_of_work(db, reason="Piano delle attività: nuova bozza") as s:
        if s.execute(select(StaffPlan.id).where(StaffPlan.school_year == year)).first():
            raise ValidationError({"school_year": (
                f"Il Piano delle attività {SchoolYear(year).label} esiste già: per cambiarlo "
                "creare una nuova versione di quello adottato.")})
        row = _new_plan(s, year, 1, day)
        s.add_all(StaffPlanSection(plan_id=row.id, key=k, text="") for k in rules.SECTIONS)
        new_id = row.id
        s.commit()
    return new_id


def _check_section(key: str, text: str) -> str:
    rules.check_section(key)
    return plan_rows.check_text(text, "text", rules.SECTIONS[key], 20000)


def _write_section(s, plan_id: int, key: str, clean: str) -> None:
    row = s.execute(select(StaffPlanSection).where(
        StaffPlanSection.plan_id == plan_id, StaffPlanSection.key == key)).scalar()
    if row is None:
        s.add(StaffPlanSection(plan_id=plan_id, key=key, text=clean))
    else:
        row.text = clean


@requires(PREPARE)
def save_section(db: Database, plan_id: int, key: str, text: str) -> None:
    """The text of one section (domain.staff.plan.SECTIONS) of a draft."""
    clean = _check_section(key, text)
    with unit_of_work(db, reason="Piano delle attività: sezione") as s:
        _locked_draft(s, plan_id)
        _write_section(s, plan_id, key, clean)
        s.commit()


@requires(PREPARE)
def save_draft(db: Database, plan_id: int, sections: dict[str, str], *,
               staffing: list[dict] | None = None,
               assignments: list[dict] | None = None,
               front_desk: list[dict] | None = None) -> None:
    """What the office changed in a draft, in one transaction (the «Salva» of the window):
    the texts of the ``sections`` given (key -> text), the dotazione organica, the
    assignments and the front desk's hours as set_staffing, set_assignments and
    set_front_desk take them (None: left as they are).
    A refusal of any of them saves none."""
    if not isinstance(sections, dict):
        raise ValidationError({"sections": "Sezioni del Piano: elenco non valido."})
    texts = {key: _check_section(key, text) for key, text in sections.items()}
    with unit_of_work(db, reason="Piano delle attività: bozza") as s:
        _locked_draft(s, plan_id)
        if staffing is not None:
            clean_staffing = plan_rows.check_staffing(s, staffing)
        if assignments is not None:
            clean_assignments = plan_rows.check_assignments(s, assignments)
        if front_desk is not None:
            clean_front_desk = plan_rows.check_front_desk(front_desk)
        for key, clean in texts.items():
            _write_section(s, plan_id, key, clean)
        if staffing is not None:
            plan_rows.replace_staffing(s, plan_id, clean_staffing)
        if assignments is not None:
            plan_rows.replace_assignments(s, plan_id, clean_assignments)
        if front_desk is not None:
            plan_rows.replace_front_desk(s, plan_id, clean_front_desk)
        s.commit()


@requires(PREPARE)
def set_staffing(db: Database, plan_id: int, rows: list[dict]) -> None:
    """The dotazione organica of a draft, in its order: each row ``profile`` (an ATA profile
    code), ``site_code`` (a plesso), ``posts``, ``need_note``. Replaces the previous rows."""
    with unit_of_work(db, reason="Piano delle attività: dotazione organica") as s:
        _locked_draft(s, plan_id)
        clean = plan_rows.check_staffing(s, rows)
        plan_rows.replace_staffing(s, plan_id, clean)
        s.commit()


@requires(PREPARE)
def set_assignments(db: Database, plan_id: int, rows: list[dict]) -> None:
    """The assignments of a draft, in their order: each row ``employee_id``, ``place_kind``
    (domain.staff.plan.PLACES), ``place`` (office, laboratory, floor), ``site_code``,
    ``duties``. Replaces the previous rows."""
    with unit_of_work(db, reason="Piano delle attività: assegnazioni") as s:
        _locked_draft(s, plan_id)
        clean = plan_rows.check_assignments(s, rows)
        plan_rows.replace_assignments(s, plan_id, clean)
        s.commit()


@requires(PREPARE)
def set_front_desk(db: Database, plan_id: int, rows: list[dict]) -> None:
    """The front desk's opening hours of a draft, in their order: each row ``weekday`` (0
    Monday … 5 Saturday), ``start`` and ``end`` («hh:mm» or minutes), ``audience``
    (domain.staff.plan.AUDIENCES), ``note``. Replaces the previous rows; appointments are
    booked within the public ones of the version in force."""
    with unit_of_work(db, reason="Piano delle attività: orario dello sportello") as s:
        _locked_draft(s, plan_id)
        clean = plan_rows.check_front_desk(rows)
        plan_rows.replace_front_desk(s, plan_id, clean)
        s.commit()


def _year_versions(s, school_year: int) -> list[StaffPlan]:
    return lock_rows(s, StaffPlan, where=StaffPlan.school_year == school_year)


@requires(APPROVE)
def adopt_plan(db: Database, plan_id: int, adopted_on: date, protocol: str) -> None:
    """The dirigente adopts a draft with the date and protocol number of the act; the version
    adopted before it in the same school year is superseded from that date."""
    number = plan_rows.check_text(protocol, "protocol", "Numero di protocollo", 60)
    with unit_of_work(db, reason="Piano delle attività: adozione") as s:
        target = s.get(StaffPlan, plan_id) if isinstance(plan_id, int) else None
        if target is None:
            raise ValidationError({"plan_id": "Piano delle attività inesistente."})
        versions = _year_versions(s, target.school_year)
        target = _locked_draft(s, plan_id)
        rules.check_adoption(adopted_on, number, target.drafted_on)
        in_force = [p for p in versions if p.state == "adottato"]
        for p in in_force:
            if adopted_on < p.adopted_on:
                raise ValidationError({"adopted_on": (
                    f"Data di adozione: non può precedere quella della versione in vigore "
                    f"({format_date(p.adopted_on)}).")})
        for p in in_force:
            p.state = rules.PLAN.move(p.state, "superato")
            p.superseded_on = adopted_on
        target.state = rules.PLAN.move(target.state, "adottato")
        target.adopted_on, target.protocol = adopted_on, number
        target.adopted_by_id = s.info["user"].id
        s.commit()


@requires(PREPARE)
def new_version(db: Database, plan_id: int, *, drafted_on: date | None = None) -> int:
    """A new draft copied from the adopted version ``plan_id`` (sections, dotazione,
    assignments, front-desk hours), numbered after every version of its school year."""
    day = _check_day(drafted_on, "drafted_on", "Data della bozza")
    with unit_of_work(db, reason="Piano delle attività: nuova versione") as s:
        source = s.get(StaffPlan, plan_id) if isinstance(plan_id, int) else None
        if source is None:
            raise ValidationError({"plan_id": "Piano delle attività inesistente."})
        versions = _year_versions(s, source.school_year)
        source = _locked(s, plan_id)
        if source.state not in rules.COPYABLE:
            raise ValidationError({"state": (
                f"{_name(source)} è «{rules.PLAN.label(source.state)}»: una nuova versione "
                "si ricava dalla versione adottata.")})
        draft = next((p for p in versions if p.state in rules.EDITABLE), None)
        if draft is not None:
            raise ValidationError({"state": (
                f"C'è già una bozza del Piano: la versione {draft.version}. Completare "
                "quella.")})
        if day < source.adopted_on:
            raise ValidationError({"drafted_on": (
                "Data della bozza: non può precedere l'adozione della versione in vigore "
                f"({format_date(source.adopted_on)}).")})
        row = _new_plan(s, source.school_year,
                        rules.next_version([p.version for p in versions]), day)
        plan_rows.copy_rows(s, source.id, row.id)
        new_id = row.id
        s.commit()
    return new_id
