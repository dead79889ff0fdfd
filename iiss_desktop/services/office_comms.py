"""Use cases of the office's contacts with outside bodies (areas/office.py
«office.communications»): the referenti Covid per plesso, the register of communications
(annulled with a reason, never deleted), the surveys (monitoraggi): created, their figures
gathered from the areas into a sheet, corrected with a note, verified, sent (which writes
the communication that sent it). One transaction each; refusals name the field.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ..areas.office import COMMS
from ..db.access import requires
from ..db.engine import Database
from ..db.locking import lock_rows
from ..db.uow import unit_of_work
from ..domain import office_comms as rules
from ..domain.dates import format_date, required_date
from ..domain.errors import DomainError, ValidationError
from ..models.office_comms import (
    OfficeCommunication,
    OfficeCovidReferent,
    OfficeSurvey,
    OfficeSurveyFigure,
)
from ..models.school import Site
from ..queries.office_comms import gather_figures


def _day(value, field: str, label: str = "la data") -> date:
    if isinstance(value, datetime):
        return value.date()
    return required_date(value, field, label)


def _who(s) -> str:
    user = s.info["user"]
    return ((getattr(user, "full_name", "") or user.username) or "")[:120]


# --- referenti Covid ----------------------------------------------------------------------

@dataclass(frozen=True)
class ReferentInput:
    site_id: int | None
    person_name: str
    valid_from: date | None
    role: str = "referente"
    staff_role: str = ""
    phone: str = ""
    email: str = ""


@requires(COMMS)
def add_referent(db: Database, data: ReferentInput) -> int:
    """A referente Covid (or the sostituto) of a plesso from a day; the earlier ones stay in
    the history until they are ended."""
    if not data.site_id:
        raise ValidationError({"site_id": "Indicare il plesso."})
    name = rules.required_text(data.person_name, "person_name", "il nome del referente", 120)
    role = rules.choice(data.role, rules.REFERENT_ROLES, "role", "il ruolo")
    start = _day(data.valid_from, "valid_from", "la data di inizio dell'incarico")
    email = rules.optional_text(data.email, "email", "l'e-mail", 120)
    if email and ("@" not in email or " " in email):
        raise ValidationError({"email": f"Indirizzo e-mail non valido: «{email}»."})
    with unit_of_work(db, reason="Ufficio: referente Covid") as s:
        if s.get(Site, data.site_id) is None:
            raise ValidationError({"site_id": "Plesso non trovato."})
        row = OfficeCovidReferent(
            site_id=data.site_id, role=role, person_name=name,
            staff_role=rules.optional_text(data.staff_role, "staff_role", "la qualifica", 80),
            phone=rules.optional_text(data.phone, "phone", "il telefono", 40), email=email,
            valid_from=start, valid_to=None, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return row.id


@requires(COMMS)
def end_referent(db: Database, referent_id: int, valid_to) -> None:
    """The last day of a referente's appointment: the row stays in the history."""
    end = _day(valid_to, "valid_to", "l'ultimo giorno dell'incarico")
    with unit_of_work(db, reason="Ufficio: fine dell'incarico di referente Covid") as s:
        found = lock_rows(s, OfficeCovidReferent, [referent_id])
        if not found:
            raise ValidationError({"referent": "Referente non trovato."})
        row = found[0]
        if row.valid_to is not None:
            raise ValidationError({"valid_to": f"L'incarico è già terminato il "
                                               f"{format_date(row.valid_to)}."})
        if end < row.valid_from:
            raise ValidationError({"valid_to": f"L'ultimo giorno precede l'inizio "
                                               f"dell'incarico ({format_date(row.valid_from)})."})
        row.valid_to = end
        s.commit()


# --- communications ---------------------------------------------------------------------

@dataclass(frozen=True)
class CommunicationInput:
    day: date | None
    direction: str
    body: str
    channel: str
    subject: str
    summary: str = ""
    protocol: str = ""
    survey_id: int | None = None


def _new_communication(s, data: CommunicationInput) -> OfficeCommunication:
    day = _day(data.day, "day", "la data della comunicazione")
    if day > date.today():
        raise ValidationError({"day": "La data della comunicazione è nel futuro."})
    direction = rules.choice(data.direction, rules.DIRECTIONS, "direction",
                             "se ricevuta o inviata")
    body = rules.choice(data.body, rules.BODIES, "body", "l'ente")
    channel = rules.choice(data.channel, rules.CHANNELS, "channel", "il canale")
    subject = rules.required_text(data.subject, "subject", "l'oggetto", 200)
    summary = rules.optional_text(data.summary, "summary", "la sintesi", rules.SUMMARY_LIMIT)
    protocol = rules.optional_text(data.protocol, "protocol", "il protocollo", 40)
    if data.survey_id is not None and s.get(OfficeSurvey, data.survey_id) is None:
        raise ValidationError({"survey_id": "Monitoraggio non trovato."})
    row = OfficeCommunication(day=day, direction=direction, body=body, channel=channel,
                              subject=subject, summary=summary, protocol=protocol,
                              survey_id=data.survey_id, recorded_by_id=s.info["user"].id,
                              recorded_by=_who(s))
    s.add(row)
    s.flush()
    return row


@requires(COMMS)
def record_communication(db: Database, data: CommunicationInput) -> int:
    """A communication received from or sent to an outside body: the fact of it (date,
    body, channel, subject, protocol, who registered it), no health data of named persons."""
    with unit_of_work(db, reason="Ufficio: comunicazione registrata") as s:
        row = _new_communication(s, data)
        s.commit()
        return row.id


@requires(COMMS)
def annul_communication(db: Database, communication_id: int, reason: str) -> None:
    """An error in the register is annulled with its reason; the row stays, marked."""
    why = rules.required_text(reason, "reason", "il motivo dell'annullamento", 300)
    with unit_of_work(db, reason=f"Ufficio: comunicazione annullata – {why}") as s:
        found = lock_rows(s, OfficeCommunication, [communication_id])
        if not found:
            raise ValidationError({"communication": "Comunicazione non trovata."})
        row = found[0]
        if row.annulled_at is not None:
            raise ValidationError({"communication": "La comunicazione è già annullata."})
        row.annulled_at, row.annulled_by, row.annul_reason = datetime.now(), _who(s), why
        s.commit()


# --- surveys ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SurveyInput:
    title: str
    body: str
    kind: str
    period_from: date | None
    period_to: date | None
    deadline: date | None
    reference: str = ""


@requires(COMMS)
def create_survey(db: Database, data: SurveyInput) -> int:
    """A survey asked by the Ministry, the USR or another body, with its period and
    deadline; ``kind`` says which figures it gathers from the areas."""
    title = rules.required_text(data.title, "title", "il titolo del monitoraggio", 200)
    body = rules.choice(data.body, rules.BODIES, "body", "l'ente che lo richiede")
    kind = rules.choice(data.kind, rules.KINDS, "kind", "il tipo di dati")
    start, end = rules.check_period(
        _day(data.period_from, "period_from", "l'inizio del periodo di riferimento"),
        _day(data.period_to, "period_to", "la fine del periodo di riferimento"))
    deadline = rules.check_deadline(_day(data.deadline, "deadline", "la scadenza"), start)
    reference = rules.optional_text(data.reference, "reference", "la nota di richiesta", 200)
    with unit_of_work(db, reason="Ufficio: monitoraggio") as s:
        row = OfficeSurvey(title=title, body=body, kind=kind, period_from=start,
                           period_to=end, deadline=deadline, reference=reference,
                           state=rules.SURVEY.initial, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return row.id


def _survey_in(s, survey_id: int) -> OfficeSurvey:
    found = lock_rows(s, OfficeSurvey, [survey_id])
    if not found:
        raise ValidationError({"survey": "Monitoraggio non trovato."})
    return found[0]


def _move(row: OfficeSurvey, target: str, field: str = "state") -> None:
    try:
        row.state = rules.SURVEY.move(row.state, target)
    except DomainError as refused:
        raise ValidationError({field: str(refused)}) from None


def _moment(at) -> datetime:
    """Now, or the moment given (a survey recorded afterwards: the demo's of 2021)."""
    if at is None:
        return datetime.now()
    if at > datetime.now():
        raise ValidationError({"at": "Il momento indicato è nel futuro."})
    return at


@requires(COMMS)
def gather_survey(db: Database, survey_id: int, *, at: datetime | None = None) -> int:
    """«Raccogli i dati»: the figures of the areas for the survey's period, stored on the
    survey (the sheet replaces an earlier one, corrections included). Only while it is to
    be filled in; the number of figures."""
    when = _moment(at)
    with unit_of_work(db, reason="Ufficio: dati del monitoraggio raccolti") as s:
        row = _survey_in(s, survey_id)
        if row.state != rules.TO_FILL:
            raise ValidationError({"state": f"Il monitoraggio è «{rules.SURVEY.label(row.state)}»"
                                            ": i dati si raccolgono solo se da compilare."})
        if row.kind == rules.GENERIC:
            raise ValidationError({"kind": "Questo monitoraggio non raccoglie dati dalle "
                                           "aree: compilarlo sulla piattaforma dell'ente."})
        kind, start, end = row.kind, row.period_from, row.period_to
    figures = gather_figures(db, kind, start, end)
    with unit_of_work(db, reason="Ufficio: dati del monitoraggio raccolti") as s:
        row = _survey_in(s, survey_id)
        if row.state != rules.TO_FILL:
            raise ValidationError({"state": "Il monitoraggio è cambiato nel frattempo."})
        for old in s.scalars(select(OfficeSurveyFigure).where(
                OfficeSurveyFigure.survey_id == row.id)):
            s.delete(old)
        s.flush()
        for n, f in enumerate(figures, start=1):
            s.add(OfficeSurveyFigure(survey_id=row.id, line_no=n, section=f.section[:300],
                                     label=f.label[:300], unit=f.unit, scale=f.scale,
                                     gathered=f.value, value=f.value, note=""))
        row.gathered_at, row.gathered_by = when, _who(s)
        s.commit()
        return len(figures)


@requires(COMMS)
def correct_figure(db: Database, figure_id: int, value, note: str) -> None:
    """The clerk corrects a figure of the sheet, with a note saying why; the gathered value
    stays beside it."""
    why = rules.required_text(note, "note", "la nota della correzione", 300)
    with unit_of_work(db, reason="Ufficio: dato del monitoraggio corretto") as s:
        found = lock_rows(s, OfficeSurveyFigure, [figure_id])
        if not found:
            raise ValidationError({"figure": "Dato non trovato."})
        fig = found[0]
        survey = _survey_in(s, fig.survey_id)
        if survey.state != rules.TO_FILL:
            raise ValidationError({"value": f"Il monitoraggio è «"
                                            f"{rules.SURVEY.label(survey.state)}»: i dati si "
                                            "correggono solo se da compilare."})
        fig.value = rules.parse_figure(value, fig.scale, "value")
        fig.note = why
        s.commit()


@requires(COMMS)
def verify_survey(db: Database, survey_id: int, *, at: datetime | None = None) -> None:
    """The clerk has checked the sheet: «verificata», with who and when."""
    when = _moment(at)
    with unit_of_work(db, reason="Ufficio: monitoraggio verificato") as s:
        row = _survey_in(s, survey_id)
        if row.kind != rules.GENERIC and row.gathered_at is None:
            raise ValidationError({"state": "Raccogliere i dati prima di verificare il "
                                            "monitoraggio."})
        _move(row, rules.VERIFIED)
        if row.gathered_at is not None and when < row.gathered_at:
            raise ValidationError({"at": "La verifica precede la raccolta dei dati."})
        row.verified_at, row.verified_by = when, _who(s)
        s.commit()


@requires(COMMS)
def reopen_survey(db: Database, survey_id: int) -> None:
    """A verified survey back to «da compilare» (to gather again or correct)."""
    with unit_of_work(db, reason="Ufficio: monitoraggio riaperto") as s:
        row = _survey_in(s, survey_id)
        _move(row, rules.TO_FILL)
        row.verified_at, row.verified_by = None, ""
        s.commit()


@requires(COMMS)
def send_survey(db: Database, survey_id: int, *, sent_on, channel: str,
                protocol: str = "") -> int:
    """The verified survey sent to its body: the date, channel and protocol on it, and the
    communication that sent it in the register (its id)."""
    day = _day(sent_on, "sent_on", "la data dell'invio")
    channel = rules.choice(channel, rules.CHANNELS, "channel", "il canale")
    protocol = rules.optional_text(protocol, "protocol", "il protocollo", 40)
    with unit_of_work(db, reason="Ufficio: monitoraggio inviato") as s:
        row = _survey_in(s, survey_id)
        if row.state == rules.TO_FILL:
            raise ValidationError({"state": "Il monitoraggio non è ancora verificato: "
                                            "raccogliere e verificare i dati prima dell'invio."})
        if day > date.today():
            raise ValidationError({"sent_on": "La data dell'invio è nel futuro."})
        if row.verified_at is not None and day < row.verified_at.date():
            raise ValidationError({"sent_on": "La data dell'invio precede la verifica dei dati "
                                              f"({format_date(row.verified_at.date())})."})
        if day < row.period_from:
            raise ValidationError({"sent_on": "La data dell'invio precede l'inizio del periodo "
                                              f"di riferimento ({format_date(row.period_from)})."})
        _move(row, rules.SUBMITTED)
        row.sent_on, row.sent_channel, row.sent_protocol, row.sent_by = (
            day, channel, protocol, _who(s))
        comm = _new_communication(s, CommunicationInput(
            day, rules.SENT, row.body, channel, f"Monitoraggio: {row.title}"[:200],
            f"Dati del periodo {format_date(row.period_from)} – {format_date(row.period_to)} "
            "inviati.", protocol, row.id))
        s.commit()
        return comm.id
