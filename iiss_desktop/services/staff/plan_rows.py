"""The rows of a version of the Piano delle attività: checking what the office typed (each
refusal names the field and the row) and writing it in place. Rows are never deleted: a draft
reuses its rows in order and marks the ones left over as removed. Called by services/staff/
plan.py inside its transaction, with the version already locked."""
from __future__ import annotations

from sqlalchemy import select

from ...domain.dates import WEEKDAYS_IT
from ...domain.errors import ValidationError
from ...domain.staff.plan import AUDIENCES, FRONT_DESK_DAYS, PLACES
from ...domain.staff.profiles import ATA_ROLES, ROLES
from ...domain.staff.times import format_time, minutes_of
from ...models.school import Site
from ...models.staff import Employee
from ...models.staff_plan import (
    StaffPlanAssignment,
    StaffPlanFrontDesk,
    StaffPlanSection,
    StaffPlanStaffing,
)

MAX_ROWS = 500


def check_text(value, field: str, label: str, limit: int) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: f"Il campo «{label}» richiede un testo."})
    text = value.strip()
    if len(text) > limit:
        raise ValidationError({field: f"Il campo «{label}» supera i {limit} caratteri "
                                      f"({len(text)})."})
    return text


def _rows(rows, what: str) -> list[dict]:
    if not isinstance(rows, (list, tuple)) or not all(isinstance(r, dict) for r in rows):
        raise ValidationError({"rows": f"{what}: elenco di righe non valido."})
    if len(rows) > MAX_ROWS:
        raise ValidationError({"rows": f"{what}: al massimo {MAX_ROWS} righe."})
    return list(rows)


def _site_codes(s) -> set[str]:
    return set(s.execute(select(Site.code)).scalars())


def _site(value, sites: set[str], where: str) -> str:
    code = (value or "").strip() if isinstance(value, str) else ""
    if code not in sites:
        raise ValidationError({"site_code": f"{where}: plesso «{code}» inesistente (plessi: "
                                            f"{', '.join(sorted(sites))})."})
    return code


def check_staffing(s, rows) -> list[dict]:
    sites, out = _site_codes(s), []
    for n, row in enumerate(_rows(rows, "Dotazione organica"), 1):
        where = f"Dotazione organica, riga {n}"
        profile = row.get("profile")
        if profile not in ATA_ROLES:
            raise ValidationError({"profile": (
                f"{where}: il campo «Profilo» richiede un profilo ATA ("
                + ", ".join(ROLES[r] for r in ATA_ROLES) + ").")})
        posts = row.get("posts")
        if isinstance(posts, bool) or not isinstance(posts, int) or not 0 < posts <= 999:
            raise ValidationError({"posts": f"{where}: il campo «Posti» richiede un numero "
                                            "intero da 1 a 999."})
        out.append({"profile": profile, "site_code": _site(row.get("site_code"), sites, where),
                    "posts": posts,
                    "need_note": check_text(row.get("need_note"), "need_note",
                                            f"Fabbisogno ({where.lower()})", 300)})
    return out


def check_assignments(s, rows) -> list[dict]:
    sites, out = _site_codes(s), []
    rows = _rows(rows, "Assegnazioni")
    ids = {r.get("employee_id") for r in rows}
    known = set(s.execute(select(Employee.id).where(
        Employee.id.in_([i for i in ids if isinstance(i, int)]))).scalars())
    for n, row in enumerate(rows, 1):
        where = f"Assegnazioni, riga {n}"
        if row.get("employee_id") not in known:
            raise ValidationError({"employee_id": f"{where}: dipendente inesistente."})
        kind = row.get("place_kind")
        if kind not in PLACES:
            raise ValidationError({"place_kind": (
                f"{where}: il campo «Assegnazione» richiede uno tra "
                + ", ".join(PLACES.values()) + ".")})
        out.append({"employee_id": row["employee_id"], "place_kind": kind,
                    "place": check_text(row.get("place"), "place", f"Luogo ({where.lower()})",
                                        120),
                    "site_code": _site(row.get("site_code"), sites, where),
                    "duties": check_text(row.get("duties"), "duties",
                                         f"Compiti ({where.lower()})", 1000)})
    return out


def _minutes(value, field: str, label: str, where: str) -> int:
    if value in (None, ""):
        raise ValidationError({field: f"{where}: il campo «{label}» è obbligatorio (hh:mm)."})
    try:
        minutes = minutes_of(value, field)
    except ValidationError:
        raise ValidationError({field: f"{where}: il campo «{label}» richiede un'ora hh:mm "
                                      f"(scritto «{value}»)."}) from None
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 1440:
        raise ValidationError({field: f"{where}: il campo «{label}» richiede un'ora hh:mm."})
    return minutes


def check_front_desk(rows) -> list[dict]:
    """The front desk's openings: a weekday from Monday to Saturday, «dalle» before «alle»,
    for the public or the staff; two openings of the same day and audience do not overlap."""
    out: list[dict] = []
    for n, row in enumerate(_rows(rows, "Orario dello sportello"), 1):
        where = f"Orario dello sportello, riga {n}"
        day = row.get("weekday")
        if isinstance(day, bool) or day not in FRONT_DESK_DAYS:
            raise ValidationError({"weekday": (
                f"{where}: il campo «Giorno» richiede un giorno dal lunedì al sabato.")})
        start = _minutes(row.get("start"), "start", "Dalle", where)
        end = _minutes(row.get("end"), "end", "Alle", where)
        if end <= start:
            raise ValidationError({"end": f"{where}: «Alle» ({format_time(end)}) deve venire "
                                          f"dopo «Dalle» ({format_time(start)})."})
        audience = row.get("audience")
        if audience not in AUDIENCES:
            raise ValidationError({"audience": (
                f"{where}: il campo «Apertura per» richiede uno tra "
                + ", ".join(AUDIENCES.values()) + ".")})
        for m, other in enumerate(out, 1):
            if (other["weekday"], other["audience"]) == (day, audience) \
                    and other["start"] < end and start < other["end"]:
                raise ValidationError({"start": (
                    f"{where}: l'apertura del {WEEKDAYS_IT[day]} {format_time(start)}–"
                    f"{format_time(end)} si sovrappone a quella della riga {m} "
                    f"({format_time(other['start'])}–{format_time(other['end'])}).")})
        out.append({"weekday": day, "start": start, "end": end, "audience": audience,
                    "note": check_text(row.get("note"), "note", f"Note ({where.lower()})",
                                       200)})
    return out


def _replace(s, model, plan_id: int, values: list[dict]) -> None:
    existing = list(s.execute(select(model).where(model.plan_id == plan_id)
                              .order_by(model.position, model.id)).scalars())
    for position, clean in enumerate(values):
        if position < len(existing):
            row = existing[position]
            for key, value in clean.items():
                setattr(row, key, value)
            row.position, row.removed = position, False
        else:
            s.add(model(plan_id=plan_id, position=position, removed=False, **clean))
    for row in existing[len(values):]:
        row.removed = True
    s.flush()


def replace_staffing(s, plan_id: int, values: list[dict]) -> None:
    _replace(s, StaffPlanStaffing, plan_id, values)


def replace_assignments(s, plan_id: int, values: list[dict]) -> None:
    _replace(s, StaffPlanAssignment, plan_id, values)


def replace_front_desk(s, plan_id: int, values: list[dict]) -> None:
    _replace(s, StaffPlanFrontDesk, plan_id, values)


_COPIED = {StaffPlanStaffing: ("profile", "site_code", "posts", "need_note"),
           StaffPlanAssignment: ("employee_id", "place_kind", "place", "site_code", "duties"),
           StaffPlanFrontDesk: ("weekday", "start", "end", "audience", "note")}


def copy_rows(s, source_id: int, target_id: int) -> None:
    """Sections, dotazione, assignments and front-desk hours of ``source_id`` into the new
    draft ``target_id``."""
    for section in s.execute(select(StaffPlanSection).where(
            StaffPlanSection.plan_id == source_id)).scalars():
        s.add(StaffPlanSection(plan_id=target_id, key=section.key, text=section.text))
    for model, names in _COPIED.items():
        rows = list(s.execute(select(model).where(model.plan_id == source_id,
                                                  model.removed.is_(False))
                              .order_by(model.position, model.id)).scalars())
        _replace(s, model, target_id, [{n: getattr(r, n) for n in names} for r in rows])
