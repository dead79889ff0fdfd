"""Use cases for the school's master data: the school, its sites and rooms, the calendar and
the extensions of the office's deadlines.

Each needs ``school.settings`` (dirigente, DSGA, amministratore tecnico)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from ..areas import AREAS, resolve
from ..areas.school import SETTINGS
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import unit_of_work
from ..domain.attachments import check_limit
from ..domain.calendar import check_day, national_holidays
from ..domain.dates import format_date
from ..domain.deadlines import check_extension
from ..domain.errors import DomainError, ValidationError
from ..domain.school import SCHOOL_FIELDS, validate_school
from ..models.school import CalendarDay, DeadlineExtension, DirigenteTerm, Room, School, Site

IDLE_LOCK_MAX_MINUTES = 240


def _check_idle_minutes(value) -> int:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"idle_lock_minutes": "Indicare i minuti di inattività (0 = mai)."}) \
            from None
    if not 0 <= minutes <= IDLE_LOCK_MAX_MINUTES:
        raise ValidationError({"idle_lock_minutes": f"Minuti di inattività da 0 (mai) a "
                                                    f"{IDLE_LOCK_MAX_MINUTES}."})
    return minutes


@requires(SETTINGS)
def save_school(db: Database, values: dict, *, logo_png: bytes | None = None,
                clear_logo: bool = False) -> None:
    """Create or update the school's master data (the heading of every printed document).
    ``idle_lock_minutes`` in ``values`` (optional) sets when the window locks (0: never),
    ``attachment_limit_mb`` (optional) the largest attachment accepted.

    A new dirigente scolastico starts from ``dirigente_from`` (a date, default today): the
    one in office ends the day before, and documents dated before stay signed by him."""
    idle = (_check_idle_minutes(values["idle_lock_minutes"])
            if values.get("idle_lock_minutes") is not None else None)
    limit = (check_limit(values["attachment_limit_mb"])
             if values.get("attachment_limit_mb") is not None else None)
    clean = validate_school({k: values.get(k, "") or "" for k in SCHOOL_FIELDS})
    cap = clean.get("cap", "")
    if cap and not (cap.isdigit() and len(cap) == 5):
        raise ValidationError({"cap": f"CAP «{cap}» non valido: 5 cifre."})
    clean["provincia"] = clean.get("provincia", "").upper()
    if logo_png is not None and not logo_png.startswith(b"\x89PNG"):
        raise ValidationError({"logo": "Il logo deve essere un'immagine PNG."})
    if logo_png is not None and len(logo_png) > 2_000_000:
        raise ValidationError({"logo": "Il logo supera 2 MB: usare un'immagine più piccola."})
    with unit_of_work(db, reason="Dati dell'istituto") as s:
        school = s.get(School, 1)
        if school is None:
            school = School(id=1, **clean)
            s.add(school)
        else:
            for key, value in clean.items():
                setattr(school, key, value)
        if logo_png is not None:
            school.logo_png = logo_png
        elif clear_logo:
            school.logo_png = None
        if idle is not None:
            school.idle_lock_minutes = idle
        if limit is not None:
            school.attachment_limit_mb = limit
        _follow_dirigente(s, clean.get("dirigente", ""), values.get("dirigente_from"))
        s.commit()


def _follow_dirigente(s, name: str, start: date | None) -> None:
    """The dated history of the dirigenti (models.school.DirigenteTerm) follows the name."""
    current = s.execute(select(DirigenteTerm).where(DirigenteTerm.ended_on.is_(None))
                        .order_by(DirigenteTerm.id.desc())).scalars().first()
    if not name or (current is not None and current.person_name == name):
        return
    today = date.today()
    if start is None:
        # The first dirigente the school records covers everything before; a change starts
        # today unless the school says from when.
        start = today if current is not None else None
    elif not isinstance(start, date):
        raise ValidationError({"dirigente_from": "Indicare la data di inizio dell'incarico."})
    if start is not None and start > today:
        raise ValidationError({"dirigente_from": "L'incarico del dirigente non può iniziare "
                                                 "in una data futura."})
    if current is not None:
        if current.started_on is not None and start <= current.started_on:
            raise ValidationError({"dirigente_from": (
                f"{current.person_name} è dirigente dal {format_date(current.started_on)}: il "
                "nuovo incarico deve iniziare da un giorno successivo.")})
        current.ended_on = start - timedelta(days=1)
    s.add(DirigenteTerm(person_name=name, started_on=start))


@requires(SETTINGS)
def set_idle_lock_minutes(db: Database, minutes: int) -> None:
    """After how many minutes without input the window locks (0: never)."""
    minutes = _check_idle_minutes(minutes)
    with unit_of_work(db, reason="Blocco per inattività") as s:
        school = s.get(School, 1)
        if school is None:
            raise DomainError("Inserire prima i dati dell'istituto.")
        school.idle_lock_minutes = minutes
        s.commit()


def _site_values(values: dict) -> dict:
    out = {k: (values.get(k) or "").strip() for k in
           ("code", "name", "kind", "codice_meccanografico", "indirizzo", "comune")}
    out["code"] = out["code"].upper()
    out["codice_meccanografico"] = out["codice_meccanografico"].upper()
    errors = {}
    if not out["code"]:
        errors["code"] = "Indicare il codice del plesso (es. PRIM1)."
    if not out["name"]:
        errors["name"] = "Indicare il nome del plesso."
    if errors:
        raise ValidationError(errors)
    return out


@requires(SETTINGS)
def save_site(db: Database, values: dict, site_id: int | None = None) -> int:
    clean = _site_values(values)
    is_main = bool(values.get("is_main"))
    with unit_of_work(db, reason="Plessi") as s:
        clash = s.execute(select(Site.id).where(Site.code == clean["code"])).scalar()
        if clash is not None and clash != site_id:
            raise ValidationError({"code": f"Esiste già un plesso con codice «{clean['code']}»."})
        site = s.get(Site, site_id) if site_id else Site()
        if site is None:
            raise DomainError("Plesso non trovato: forse è stato modificato da un'altra "
                              "postazione.")
        for key, value in clean.items():
            setattr(site, key, value)
        site.is_main = is_main
        if site_id is None:
            s.add(site)
        if is_main:  # one sede centrale only
            for other in s.execute(select(Site).where(Site.is_main.is_(True))).scalars():
                if other is not site:
                    other.is_main = False
        s.flush()
        new_id = site.id
        s.commit()
    return new_id


@requires(SETTINGS)
def save_room(db: Database, values: dict, room_id: int | None = None) -> int:
    name = (values.get("name") or "").strip()
    site_id = values.get("site_id")
    errors = {}
    if not site_id:
        errors["site_id"] = "Scegliere il plesso."
    if not name:
        errors["name"] = ("Indicare il nome del locale (es. «Aula 1A», «Laboratorio di "
                          "informatica»).")
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Locali") as s:
        if s.get(Site, site_id) is None:
            raise ValidationError({"site_id": "Plesso inesistente."})
        clash = s.execute(select(Room.id).where(Room.site_id == site_id, func.lower(Room.name)
                                                == name.lower())).scalar()
        if clash is not None and clash != room_id:
            raise ValidationError({"name": f"Nel plesso esiste già il locale «{name}»."})
        room = s.get(Room, room_id) if room_id else Room()
        if room is None:
            raise DomainError("Locale non trovato: forse è stato modificato da un'altra "
                              "postazione.")
        room.site_id, room.name = site_id, name
        room.floor = (values.get("floor") or "").strip()
        room.kind = (values.get("kind") or "").strip()
        room.active = bool(values.get("active", True))
        if room_id is None:
            s.add(room)
        s.flush()
        new_id = room.id
        s.commit()
    return new_id


@requires(SETTINGS)
def seed_calendar(db: Database, year: int, subdiv: str | None = None) -> int:
    """Add the national holidays of ``year`` that are not in the calendar yet. Returns how many."""
    added = 0
    with unit_of_work(db, reason=f"Festività {year}") as s:
        present = set(s.execute(select(CalendarDay.day).where(
            CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))).scalars())
        days = set()
        for h in national_holidays(year, subdiv):
            if h.day not in present:
                s.add(CalendarDay(day=h.day, kind=h.kind, description=h.description,
                                  source=h.source))
                days.add(h.day)
                added += 1
        _calendar_changed(s, days)
        s.commit()
    return added


@requires(SETTINGS)
def save_calendar_day(db: Database, day: date, kind: str, description: str) -> None:
    text = check_day(day, kind, description)
    with unit_of_work(db, reason="Calendario") as s:
        row = s.get(CalendarDay, day)
        if row is None:
            s.add(CalendarDay(day=day, kind=kind, description=text, source="scuola"))
        else:
            row.kind, row.description, row.source = kind, text, "scuola"
        _calendar_changed(s, {day})
        s.commit()


@requires(SETTINGS)
def remove_calendar_day(db: Database, day: date) -> None:
    with unit_of_work(db, reason="Calendario") as s:
        row = s.get(CalendarDay, day)
        if row is None:
            raise DomainError("Il giorno non è nel calendario.")
        s.delete(row)
        _calendar_changed(s, {day})
        s.commit()


def _calendar_changed(s, days: set[date]) -> None:
    """The areas that counted something on these days correct it in this same transaction
    (the staff area: the ledger use of an absence over a holiday added later, by a rettifica
    row; areas/base.Area.calendar_changed)."""
    if not days:
        return
    s.flush()
    for a in AREAS:
        if a.calendar_changed:
            resolve(a.calendar_changed)(s, days, date.today())


# --- extensions of the office's deadlines (domain/deadlines.py) ---------------------------
@requires(SETTINGS)
def extend_deadline(db: Database, year: int, key: str, due: date, note: str) -> None:
    """The Ministry moved the deadline ``key`` of ``year`` to ``due`` by the act ``note``;
    a second extension of the same deadline replaces the first (the log keeps both)."""
    due, text = check_extension(key, year, due, note)
    with unit_of_work(db, reason="Proroga di una scadenza") as s:
        row = s.scalar(select(DeadlineExtension).where(DeadlineExtension.year == year,
                                                       DeadlineExtension.key == key))
        if row is None:
            s.add(DeadlineExtension(year=year, key=key, due=due, note=text))
        else:
            row.due, row.note = due, text
        s.commit()


@requires(SETTINGS)
def remove_extension(db: Database, year: int, key: str) -> None:
    """Back to the ordinary date (an extension recorded by mistake, or withdrawn)."""
    with unit_of_work(db, reason="Proroga di una scadenza annullata") as s:
        row = s.scalar(select(DeadlineExtension).where(DeadlineExtension.year == year,
                                                       DeadlineExtension.key == key))
        if row is None:
            raise DomainError("La scadenza non ha proroghe registrate per quell'anno.")
        s.delete(row)
        s.commit()
