"""Read side of the «ordine di servizio» of one employee: who (profile, plesso, contract), the
weekly pattern in force, the assignment and duties of the Piano delle attività in force, the
lavoro agile agreement in force and the service day by day in the period, with the days set by
hand over the pattern and their reason."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import SchoolYear, format_date
from ..domain.errors import ValidationError
from ..models.staff import Employee
from .staff import PersonHeader, person_header
from .staff_agile import AgreementRow, agreement_rows
from .staff_plan import AssignmentRow, PlanHeader, plan_view
from .staff_roster import PatternRow, pattern_on, patterns_of, roster


@dataclass(frozen=True, slots=True)
class OrderDay:
    day: date
    service: str                # «07:30-14:42», «Lavoro agile 07:30-14:42», «Festivo», «Riposo»
    hand_set: bool              # set by hand over the weekly pattern
    note: str                   # the reason of the day set by hand, the calendar's holiday


@dataclass(frozen=True)
class ServiceOrder:
    person: PersonHeader
    start: date
    end: date
    pattern: PatternRow | None
    plan: PlanHeader | None
    assignments: tuple[AssignmentRow, ...]
    agreement: AgreementRow | None
    days: tuple[OrderDay, ...]

    @property
    def changed_days(self) -> tuple[OrderDay, ...]:
        return tuple(d for d in self.days if d.hand_set)


def person_id_of(s, persona: int | str | None) -> int:
    """The id of the person named by ``persona``: the id, or the codice fiscale."""
    text = str(persona if persona is not None else "").strip()
    if not text:
        raise ValidationError({"persona": "Indicare il dipendente: identificativo o codice "
                                          "fiscale."})
    if text.isdigit() and s.get(Employee, int(text)) is not None:
        return int(text)
    found = s.execute(select(Employee.id).where(
        func.upper(Employee.codice_fiscale) == text.upper())).scalar()
    if found is None:
        raise ValidationError({"persona": f"Nessun dipendente con identificativo o codice "
                                          f"fiscale «{text}»."})
    return found


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


@requires(READ)
def service_order(db: Database, persona: int | str, start: date | None = None,
                  end: date | None = None) -> ServiceOrder:
    """The ordine di servizio of ``persona`` (id or codice fiscale) from ``start`` to ``end``
    (default: the current week; without ``end``, the week from ``start``)."""
    if start is None:
        start, default_end = week_of(date.today())
        end = end or default_end
    end = end or start + timedelta(days=6)
    if end < start:
        raise ValidationError({"al": "La data finale precede quella iniziale."})
    year = SchoolYear.of(start)
    if end > year.end:
        raise ValidationError({"al": (
            f"L'ordine di servizio riguarda un anno scolastico: il periodo termina entro il "
            f"{format_date(year.end)} (a.s. {year.label}).")})
    with read_session(db) as s:
        pid = person_id_of(s, persona)
        person = person_header(s, pid, start)
        agreements = agreement_rows(s, pid)
    pattern = pattern_on(patterns_of(db, pid), start)
    try:
        plan = plan_view(db, year.start_year)
        header, assignments = plan.header, tuple(a for a in plan.assignments
                                                 if a.employee_id == pid)
    except ValidationError:              # no Piano for the school year yet
        header, assignments = None, ()
    agreement = next((a for a in agreements if a.annulled_on is None
                      and a.valid_from <= end and a.valid_to >= start), None)
    view = roster(db, start, end)
    days = []
    for d in view.days:
        c = view.cell(pid, d)
        service = c.text or "Riposo"
        note = c.note if c.hand_set else ""
        if d in view.calendar:
            note = "; ".join(x for x in (note, view.calendar[d]) if x)
        days.append(OrderDay(d, service, c.hand_set, note))
    return ServiceOrder(person, start, end, pattern, header, assignments, agreement,
                        tuple(days))
