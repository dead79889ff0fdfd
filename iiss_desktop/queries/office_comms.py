"""Rows of the office's contacts with outside bodies (areas/office.py «office.communications»):
the referenti Covid, the register of communications, the surveys (monitoraggi) with their
sheets, the start page's deadlines, and the figures a survey gathers from the areas.

The figures are read from the areas' own tables, reusing their queries where they exist
(the DPI handed out: queries/warehouse.dpi_summary); the others are sums over the rows in
force of the period (annulled absences, annulled loans are left out).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, exists, select

from ..areas.office import COMMS
from ..db.access import current_principal, requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain import office_comms as rules
from ..domain.access import allowed
from ..domain.dates import format_date, required_date
from ..domain.errors import ValidationError
from ..models.office_comms import (
    OfficeCommunication,
    OfficeCovidReferent,
    OfficeSurvey,
    OfficeSurveyFigure,
)
from ..models.school import Site


@dataclass(frozen=True, slots=True)
class ReferentRow:
    id: int
    site_id: int
    site: str
    role: str
    person_name: str
    staff_role: str
    phone: str
    email: str
    valid_from: date
    valid_to: date | None

    @property
    def role_label(self) -> str:
        return rules.REFERENT_ROLES.get(self.role, self.role)

    def current(self, today: date) -> bool:
        return self.valid_from <= today and (self.valid_to is None or self.valid_to >= today)


@dataclass(frozen=True, slots=True)
class CommunicationRow:
    id: int
    day: date
    direction: str
    body: str
    channel: str
    subject: str
    summary: str
    protocol: str
    survey_id: int | None
    survey_title: str
    recorded_by: str
    recorded_at: datetime
    annulled_at: datetime | None
    annulled_by: str
    annul_reason: str

    @property
    def direction_label(self) -> str:
        return rules.DIRECTIONS.get(self.direction, self.direction)

    @property
    def annulled(self) -> bool:
        return self.annulled_at is not None


@dataclass(frozen=True, slots=True)
class FigureRow:
    id: int
    line_no: int
    section: str
    label: str
    unit: str
    scale: int
    gathered: int
    value: int
    note: str

    @property
    def corrected(self) -> bool:
        return self.value != self.gathered

    @property
    def value_text(self) -> str:
        return rules.format_figure(self.value, self.scale)

    @property
    def gathered_text(self) -> str:
        return rules.format_figure(self.gathered, self.scale)


@dataclass(frozen=True, slots=True)
class SurveyRow:
    id: int
    title: str
    body: str
    kind: str
    period_from: date
    period_to: date
    deadline: date
    reference: str
    state: str
    gathered_at: datetime | None
    gathered_by: str
    verified_at: datetime | None
    verified_by: str
    sent_on: date | None
    sent_channel: str
    sent_protocol: str
    sent_by: str
    figures: tuple[FigureRow, ...] = ()

    @property
    def state_label(self) -> str:
        return rules.SURVEY.label(self.state)

    @property
    def kind_label(self) -> str:
        return rules.KINDS.get(self.kind, self.kind)

    @property
    def period(self) -> str:
        return f"{format_date(self.period_from)} – {format_date(self.period_to)}"

    @property
    def corrections(self) -> int:
        return sum(1 for f in self.figures if f.corrected)


# --- referenti Covid ----------------------------------------------------------------------

@requires(COMMS)
def referents(db: Database, *, current_on: date | None = None) -> list[ReferentRow]:
    """The referenti Covid per plesso, the current first; ``current_on``: only those in
    office that day."""
    with read_session(db) as s:
        rows = s.execute(select(OfficeCovidReferent, Site.name).join(
            Site, Site.id == OfficeCovidReferent.site_id).order_by(
            Site.name, OfficeCovidReferent.valid_to.is_not(None),
            OfficeCovidReferent.role, OfficeCovidReferent.valid_from.desc())).all()
        out = [ReferentRow(r.id, r.site_id, name, r.role, r.person_name, r.staff_role,
                           r.phone, r.email, r.valid_from, r.valid_to) for r, name in rows]
    if current_on is not None:
        out = [r for r in out if r.current(current_on)]
    return out


@requires(COMMS)
def site_choices(db: Database) -> list[tuple[int, str]]:
    with read_session(db) as s:
        return [(i, n) for i, n in s.execute(select(Site.id, Site.name).order_by(Site.name))]


# --- communications ---------------------------------------------------------------------

def _communication(c: OfficeCommunication, title: str | None) -> CommunicationRow:
    return CommunicationRow(c.id, c.day, c.direction, c.body, c.channel, c.subject, c.summary,
                            c.protocol, c.survey_id, title or "", c.recorded_by,
                            c.recorded_at, c.annulled_at, c.annulled_by, c.annul_reason)


@requires(COMMS)
def communications(db: Database, date_from=None, date_to=None, *, body: str = "",
                   include_annulled: bool = True) -> list[CommunicationRow]:
    """The register of a period (all of it without dates), the most recent first."""
    with read_session(db) as s:
        q = select(OfficeCommunication, OfficeSurvey.title).outerjoin(
            OfficeSurvey, OfficeSurvey.id == OfficeCommunication.survey_id)
        if date_from:
            q = q.where(OfficeCommunication.day >= required_date(date_from, "dal"))
        if date_to:
            q = q.where(OfficeCommunication.day <= required_date(date_to, "al"))
        if body:
            q = q.where(OfficeCommunication.body == body)
        if not include_annulled:
            q = q.where(OfficeCommunication.annulled_at.is_(None))
        rows = s.execute(q.order_by(OfficeCommunication.day.desc(),
                                    OfficeCommunication.id.desc())).all()
        return [_communication(c, t) for c, t in rows]


# --- surveys ------------------------------------------------------------------------------

def _survey(v: OfficeSurvey, figures=()) -> SurveyRow:
    return SurveyRow(v.id, v.title, v.body, v.kind, v.period_from, v.period_to, v.deadline,
                     v.reference, v.state, v.gathered_at, v.gathered_by, v.verified_at,
                     v.verified_by, v.sent_on, v.sent_channel, v.sent_protocol, v.sent_by,
                     tuple(figures))


def _figures_in(s, survey_id: int) -> list[FigureRow]:
    return [FigureRow(f.id, f.line_no, f.section, f.label, f.unit, f.scale, f.gathered,
                      f.value, f.note) for f in s.scalars(
        select(OfficeSurveyFigure).where(OfficeSurveyFigure.survey_id == survey_id)
        .order_by(OfficeSurveyFigure.line_no))]


@requires(COMMS)
def surveys(db: Database) -> list[SurveyRow]:
    """The surveys: those still to send first, by deadline; then the sent, the latest first."""
    with read_session(db) as s:
        rows = [_survey(v) for v in s.scalars(select(OfficeSurvey))]
    pending = sorted((r for r in rows if r.state != rules.SUBMITTED),
                     key=lambda r: (r.deadline, r.id))
    sent = sorted((r for r in rows if r.state == rules.SUBMITTED),
                  key=lambda r: (r.sent_on or r.deadline, r.id), reverse=True)
    return pending + sent


@requires(COMMS)
def survey(db: Database, survey_id: int) -> SurveyRow:
    """One survey with its sheet."""
    with read_session(db) as s:
        v = s.get(OfficeSurvey, survey_id)
        if v is None:
            raise ValidationError({"survey": f"Monitoraggio n. {survey_id} non trovato."})
        return _survey(v, _figures_in(s, v.id))


# --- the figures gathered from the areas ------------------------------------------------

@dataclass(frozen=True, slots=True)
class Figure:
    section: str
    label: str
    unit: str
    scale: int
    value: int


def _absence_figures(s, start: date, end: date) -> list[Figure]:
    """Per cause: the absences in force that touch the period, the staff absent, and their
    calendar days inside the period."""
    from ..models.staff_leave import AbsenceCause, StaffAbsence

    rows = s.execute(select(AbsenceCause.name, StaffAbsence.employee_id,
                            StaffAbsence.starts_on, StaffAbsence.ends_on)
                     .join(AbsenceCause, AbsenceCause.id == StaffAbsence.cause_id)
                     .where(StaffAbsence.annulled_on.is_(None),
                            StaffAbsence.starts_on <= end, StaffAbsence.ends_on >= start)).all()
    count: dict[str, int] = defaultdict(int)
    people: dict[str, set] = defaultdict(set)
    days: dict[str, int] = defaultdict(int)
    for name, employee, a, b in rows:
        count[name] += 1
        people[name].add(employee)
        days[name] += (min(b, end) - max(a, start)).days + 1
    out = []
    for name in sorted(count):
        out += [Figure(name, "Assenze registrate", "n.", 0, count[name]),
                Figure(name, "Dipendenti assenti", "n.", 0, len(people[name])),
                Figure(name, "Giorni di assenza nel periodo (di calendario)", "giorni", 0,
                       days[name])]
    out.append(Figure("Totale", "Assenze registrate", "n.", 0, sum(count.values())))
    out.append(Figure("Totale", "Giorni di assenza nel periodo (di calendario)", "giorni", 0,
                      sum(days.values())))
    return out


def _dpi_figures(db: Database, start: date, end: date) -> list[Figure]:
    """The DPI handed out in the period per article (all plessi), and per plesso."""
    from ..queries.warehouse import dpi_receipts, dpi_summary

    rows = dpi_summary(db, start, end)
    per_article: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in rows:
        per_article[(r.code, r.description, r.unit)] += r.quantity
    out = [Figure("DPI distribuiti per articolo", f"{code} {desc}", unit, 3, qty)
           for (code, desc, unit), qty in sorted(per_article.items())]
    out += [Figure(f"Plesso {r.site}", f"{r.code} {r.description}", r.unit, 3, r.quantity)
            for r in rows]
    out.append(Figure("Totale", "Ricevute di consegna DPI", "n.", 0,
                      dpi_receipts(db, start, end)))
    return out


def _loan_figures(s, start: date, end: date) -> list[Figure]:
    """The comodati d'uso: contracts made in the period and the devices they lent; contracts
    still open at the end of the period and the devices out."""
    from ..models.core import RegisterEntry
    from ..models.inventory import Loan, LoanItem

    annulled = exists().where(RegisterEntry.annuls_id == Loan.entry_id)
    rows = s.execute(select(Loan.id, Loan.start, Loan.returned_on).where(~annulled)).all()
    items: dict[int, int] = defaultdict(int)
    for loan_id, in s.execute(select(LoanItem.loan_id)):
        items[loan_id] += 1
    made = [i for i, a, _r in rows if start <= a <= end]
    open_at_end = [i for i, a, r in rows if a <= end and (r is None or r > end)]
    section = "Comodati d'uso"
    return [Figure(section, "Contratti di comodato stipulati nel periodo", "n.", 0, len(made)),
            Figure(section, "Dispositivi concessi nel periodo", "n.", 0,
                   sum(items[i] for i in made)),
            Figure(section, f"Contratti in corso al {format_date(end)}", "n.", 0,
                   len(open_at_end)),
            Figure(section, f"Dispositivi in comodato al {format_date(end)}", "n.", 0,
                   sum(items[i] for i in open_at_end))]


def _fund_figures(s, start: date, end: date) -> list[Figure]:
    """Per destination of the Programma Annuale (and earmarked fund): committed in the
    period (impegni of the period) and spent (mandati issued in the period)."""
    from ..models.funds import Commitment, Destination, EarmarkedFund, PaymentOrder

    committed: dict[str, Decimal] = defaultdict(Decimal)
    paid: dict[str, Decimal] = defaultdict(Decimal)

    def key(code, name, fund):
        return f"{code} {name}" + (f" – fondo vincolato «{fund}»" if fund else "")

    for code, name, fund, amount in s.execute(
            select(Destination.code, Destination.name, EarmarkedFund.name, Commitment.amount)
            .join(Destination, Destination.id == Commitment.destination_id)
            .outerjoin(EarmarkedFund, EarmarkedFund.id == Commitment.earmarked_id)
            .where(Commitment.committed_on >= start, Commitment.committed_on <= end)):
        committed[key(code, name, fund)] += amount
    for code, name, fund, amount in s.execute(
            select(Destination.code, Destination.name, EarmarkedFund.name, PaymentOrder.amount)
            .join(Destination, Destination.id == PaymentOrder.destination_id)
            .outerjoin(Commitment, Commitment.id == PaymentOrder.commitment_id)
            .outerjoin(EarmarkedFund, and_(EarmarkedFund.id == Commitment.earmarked_id))
            .where(PaymentOrder.issued_on >= start, PaymentOrder.issued_on <= end)):
        paid[key(code, name, fund)] += amount
    out = []
    for line in sorted(set(committed) | set(paid)):
        out += [Figure(line, "Impegnato nel periodo", "€", 2, int(committed[line] * 100)),
                Figure(line, "Pagato nel periodo (mandati)", "€", 2, int(paid[line] * 100))]
    out += [Figure("Totale", "Impegnato nel periodo", "€", 2,
                   int(sum(committed.values(), Decimal(0)) * 100)),
            Figure("Totale", "Pagato nel periodo (mandati)", "€", 2,
                   int(sum(paid.values(), Decimal(0)) * 100))]
    return out


@requires(COMMS)
def gather_figures(db: Database, kind: str, start: date, end: date) -> list[Figure]:
    """The figures of a survey of ``kind`` for the period, as the areas hold them now."""
    if kind == rules.GENERIC:
        return []
    if kind == rules.DPI:
        return _dpi_figures(db, start, end)
    with read_session(db) as s:
        if kind == rules.ABSENCES:
            return _absence_figures(s, start, end)
        if kind == rules.LOANS:
            return _loan_figures(s, start, end)
        if kind == rules.FUNDS:
            return _fund_figures(s, start, end)
    raise ValidationError({"kind": f"Tipo di monitoraggio sconosciuto: «{kind}»."})


# --- start page ---------------------------------------------------------------------------

def home_items(db: Database, today: date) -> list:
    """The surveys not yet sent whose deadline is within HOME_DAYS (or past): a warning
    within WARNING_DAYS or when past."""
    from .home import HomeItem

    if not allowed(current_principal(db), COMMS):
        return []
    horizon = today + timedelta(days=rules.HOME_DAYS)
    with read_session(db) as s:
        rows = s.execute(select(OfficeSurvey.title, OfficeSurvey.body, OfficeSurvey.deadline,
                                OfficeSurvey.state).where(
            OfficeSurvey.state != rules.SUBMITTED, OfficeSurvey.deadline <= horizon)
            .order_by(OfficeSurvey.deadline)).all()
    items = []
    for title, body, deadline, state in rows:
        left = (deadline - today).days
        when = ("scaduto" if left < 0 else "scade oggi" if left == 0 else
                "scade domani" if left == 1 else f"scade tra {left} giorni")
        items.append(HomeItem(
            deadline, "monitoraggio", f"Monitoraggio: {title}",
            f"{body} – {when} ({format_date(deadline)}), {rules.SURVEY.label(state).lower()}",
            "warning" if left <= rules.WARNING_DAYS else "info", "office:surveys"))
    return items
