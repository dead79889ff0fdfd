"""Read side of the school's master data: plain rows for grids, forms and report headings."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.school import SCHOOL_FIELDS, SchoolHeading
from ..models.school import CalendarDay, DirigenteTerm, Room, School, Site


def get_heading(db: Database) -> SchoolHeading:
    with read_session(db) as s:
        school = s.get(School, 1)
        if school is None:
            return SchoolHeading(denominazione="Istituto non configurato")
        return SchoolHeading(
            denominazione=school.denominazione, codice_meccanografico=school.codice_meccanografico,
            codice_fiscale=school.codice_fiscale,
            indirizzo=school.indirizzo,
            comune=" ".join(p for p in (school.cap, school.comune,
                                        f"({school.provincia})" if school.provincia else "") if p),
            telefono=school.telefono, email=school.email, pec=school.pec,
            dirigente=school.dirigente, dsga=school.dsga, logo_png=school.logo_png)


@dataclass(frozen=True, slots=True)
class DirigenteTermRow:
    id: int
    person_name: str
    started_on: date | None   # None: since before anything the archive records
    ended_on: date | None


def dirigente_terms(db: Database) -> list[DirigenteTermRow]:
    """The dirigenti scolastici of the school, the first first."""
    with read_session(db) as s:
        rows = s.execute(select(DirigenteTerm).order_by(DirigenteTerm.id)).scalars()
        return [DirigenteTermRow(t.id, t.person_name, t.started_on, t.ended_on) for t in rows]


def dirigente_on(db: Database, day: date, fallback: str = "") -> str:
    """The dirigente scolastico in office on ``day``: ``fallback`` (the school's data) if no
    term is recorded, "" if terms are recorded and none covers the day (a name is left blank
    rather than printing a dirigente who was not in office)."""
    terms = dirigente_terms(db)
    if not terms:
        return fallback
    for t in terms:
        if (t.started_on is None or t.started_on <= day) and (t.ended_on is None
                                                              or t.ended_on >= day):
            return t.person_name
    return ""


def get_school_values(db: Database) -> tuple[dict, bytes | None]:
    with read_session(db) as s:
        school = s.get(School, 1)
        if school is None:
            return {k: "" for k in SCHOOL_FIELDS}, None
        values = {k: getattr(school, k) for k in SCHOOL_FIELDS}
        values["attachment_limit_mb"] = school.attachment_limit_mb
        return values, school.logo_png


@dataclass(frozen=True, slots=True)
class SiteRow:
    id: int
    code: str
    name: str
    kind: str
    codice_meccanografico: str
    indirizzo: str
    comune: str
    is_main: bool
    active: bool
    rooms: int


def list_sites(db: Database) -> list[SiteRow]:
    rooms = (select(Room.site_id, func.count().label("n")).group_by(Room.site_id).subquery())
    with read_session(db) as s:
        rows = s.execute(
            select(Site.id, Site.code, Site.name, Site.kind, Site.codice_meccanografico,
                   Site.indirizzo, Site.comune, Site.is_main, Site.active,
                   func.coalesce(rooms.c.n, 0))
            .outerjoin(rooms, rooms.c.site_id == Site.id)
            .order_by(Site.is_main.desc(), Site.name)).all()
    return [SiteRow(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class RoomRow:
    id: int
    site_id: int
    site_code: str
    site_name: str
    name: str
    floor: str
    kind: str
    active: bool


def list_rooms(db: Database, site_id: int | None = None) -> list[RoomRow]:
    q = (select(Room.id, Room.site_id, Site.code, Site.name, Room.name, Room.floor, Room.kind,
                Room.active).join(Site, Site.id == Room.site_id)
         .order_by(Site.name, Room.name))
    if site_id is not None:
        q = q.where(Room.site_id == site_id)
    with read_session(db) as s:
        return [RoomRow(*r) for r in s.execute(q).all()]


@dataclass(frozen=True, slots=True)
class CalendarRow:
    day: date
    kind: str
    description: str
    source: str


def list_calendar(db: Database, year: int | None = None) -> list[CalendarRow]:
    q = select(CalendarDay.day, CalendarDay.kind, CalendarDay.description,
               CalendarDay.source).order_by(CalendarDay.day)
    if year is not None:
        q = q.where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))
    with read_session(db) as s:
        return [CalendarRow(*r) for r in s.execute(q).all()]


def deadline_extensions(db: Database) -> dict:
    """Every extension recorded: (year, key) -> domain.deadlines.Extension."""
    from ..domain.deadlines import Extension
    from ..models.school import DeadlineExtension

    with read_session(db) as s:
        rows = s.execute(select(DeadlineExtension.year, DeadlineExtension.key,
                                DeadlineExtension.due, DeadlineExtension.note)).all()
    return {(r.year, r.key): Extension(r.due, r.note) for r in rows}


def office_deadlines(db: Database, year: int) -> list:
    """The deadlines falling in ``year``, with their extensions and closures."""
    from ..domain.deadlines import deadlines_of_year

    closed = closed_days(db, year) | closed_days(db, year + 1)
    return deadlines_of_year(year, closed, deadline_extensions(db))


def closed_days(db: Database, year: int) -> set[date]:
    from ..domain.calendar import OFFICE_CLOSED

    return {r.day for r in list_calendar(db, year) if r.kind in OFFICE_CLOSED}
