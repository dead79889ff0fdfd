"""The scheda of a person of the staff registry: the registry fields, the contracts over time,
the weekly patterns, the days set by hand, the incarichi specifici, the lavoro agile
agreements, the 35-hour grants (art. 55), the training attended, the history of all of it in
date order and the prints the person appears in (the roster, the list, the ordine di servizio,
each agreement)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..areas import all_reports
from ..areas.staff import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.money import format_money
from ..domain.staff.band_text import format_bands, format_weekdays
from ..domain.staff.contract import ART55_SCHOOL_CONDITIONS, ART55_STAFF_CONDITIONS
from ..domain.staff.profiles import area_label, role_label
from ..domain.staff.registry import (
    INCARICO_SOURCES,
    POSIZIONI_ECONOMICHE,
    percent_text,
    years_of_service,
)
from ..domain.staff.times import TimeBand, format_duration
from ..models.school import Site
from ..models.staff import Employee, StaffIncarico
from ..models.staff_roster import StaffArt55, StaffRosterBand, StaffRosterDay
from .scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable
from .staff import contract_history
from .staff_agile import agreement_rows
from .staff_roster import patterns_of
from .staff_training import training_list


@dataclass(frozen=True)
class PersonScheda:
    id: int
    title: str
    state: str
    warning: str
    fields: tuple[FieldLine, ...]
    values: dict                        # the registry's values, for the correction form
    contracts: tuple[tuple, ...]        # periodo, tipo, part-time, stato, note
    patterns: tuple[tuple, ...]         # periodo, descrizione, ore, lavoro agile, stato
    days: tuple[tuple, ...]             # giorno, fasce, nota
    incarichi: tuple[tuple, ...]        # anno, incarico, fonte, compenso, stato
    history: list[HistoryRow]
    documents: list[DocumentRef]
    agreements: tuple[tuple, ...] = ()  # periodo, giorni, fascia, strumenti, stato
    agreement_ids: tuple[int, ...] = ()  # of the rows above
    agreement_open: tuple[bool, ...] = ()  # not annulled: may be annulled
    art55: tuple[tuple, ...] = ()       # periodo, condizioni, decisione, stato
    training: tuple[tuple, ...] = ()    # data, corso, tipo, ore, ente, stato


def _period(start: date, end: date | None) -> str:
    return f"dal {format_date(start)}" + (f" al {format_date(end)}" if end else "")


@requires(READ)
def person_scheda(db: Database, person_id: int, *, today: date | None = None) -> PersonScheda:
    today = today or date.today()
    with read_session(db) as s:
        p = s.get(Employee, person_id)
        if p is None:
            raise DomainError("Dipendente non trovato: forse è stato modificato da un'altra "
                              "postazione.")
        site = s.get(Site, p.site_id) if p.site_id else None
        incarichi = s.execute(select(StaffIncarico).where(
            StaffIncarico.employee_id == person_id).order_by(StaffIncarico.school_year,
                                                             StaffIncarico.id)).scalars().all()
        days = s.execute(select(StaffRosterDay).where(
            StaffRosterDay.employee_id == person_id).order_by(StaffRosterDay.day,
                                                              StaffRosterDay.id)).scalars().all()
        bands: dict[int, list[TimeBand]] = {}
        for b in s.execute(select(StaffRosterBand).where(
                StaffRosterBand.roster_day_id.in_([d.id for d in days]))).scalars():
            bands.setdefault(b.roster_day_id, []).append(
                TimeBand(b.start, b.end, b.kind, b.plesso, b.reason))
        values = {"surname": p.surname, "name": p.name, "codice_fiscale": p.codice_fiscale,
                  "role": p.role, "site_id": p.site_id, "email": p.email, "phone": p.phone,
                  "hired_on": p.hired_on, "posizione_economica": p.posizione_economica,
                  "service_since": p.service_since, "area_2007": p.area_2007,
                  "area_2024": p.area_2024}
        day_rows = [(d.day, format_bands(sorted(bands.get(d.id, []), key=lambda b: b.start))
                     or "giornata libera", ("Lavoro agile. " if d.lavoro_agile else "")
                     + d.note + (" (sostituita)" if d.replaced_by_id else ""))
                    for d in days]
        agreements = agreement_rows(s, person_id)
        grants = s.execute(select(StaffArt55).where(StaffArt55.employee_id == person_id)
                           .order_by(StaffArt55.valid_from, StaffArt55.id)).scalars().all()
        art55_rows = [_art55_row(g) for g in grants]
        incarico_rows = [(f"{i.school_year}/{(i.school_year + 1) % 100:02d}", i.description,
                          INCARICO_SOURCES.get(i.source, i.source), format_money(i.amount),
                          "annullato" if i.annulled_on else "in vigore") for i in incarichi]
    contracts = contract_history(db, person_id, on=today)
    patterns = patterns_of(db, person_id)
    courses = training_list(db, person_id=person_id)
    current = next((c for c in contracts if c.state == "in corso"), None)
    state = (f"{current.label}, {_period(current.starts_on, current.closed_on or current.ends_on)}"
             if current else "Nessun contratto in corso")
    part = current and current.part_time_percent < 100
    fields = (
        FieldLine("codice_fiscale", "Codice fiscale", p.codice_fiscale or ""),
        FieldLine("role", "Profilo", role_label(p.role)),
        FieldLine("area", "Area", area_label(p.area_2007, p.area_2024, today)),
        FieldLine("site_id", "Plesso di servizio", f"{site.code} – {site.name}" if site else ""),
        FieldLine("email", "E-mail", p.email),
        FieldLine("phone", "Telefono", p.phone),
        FieldLine("hired_on", "Data di assunzione", format_date(p.hired_on)
                  if p.hired_on else ""),
        FieldLine("service_since", "Anni di servizio",
                  str(years_of_service(p.service_since, today) or "")),
        FieldLine("posizione_economica", "Posizione economica",
                  POSIZIONI_ECONOMICHE.get(p.posizione_economica, p.posizione_economica)),
        FieldLine("contract", "Contratto in corso", state),
        FieldLine("part_time", "Orario del contratto",
                  "part-time " + percent_text(int(current.part_time_percent * 100))
                  if part else "tempo pieno"),
    )
    history = []
    for c in contracts:
        history.append(HistoryRow(c.starts_on, "Contratto", f"{c.label}, "
                                  f"{_period(c.starts_on, c.ends_on)}" + (
                                      f" – {c.note}" if c.note else ""), order=1, seq=c.id))
        if c.closed_on:
            history.append(HistoryRow(c.closed_on, "Chiusura del contratto",
                                      f"{c.label}: {c.close_reason}", order=2, seq=c.id))
        if c.annulled_on:
            history.append(HistoryRow(c.annulled_on, "Annullamento del contratto",
                                      f"{c.label}: {c.annul_reason}", order=3, seq=c.id))
    for pt in patterns:
        history.append(HistoryRow(pt.valid_from, "Orario settimanale",
                                  f"{pt.name or 'Orario'} {pt.period}: "
                                  f"{format_duration(pt.weekly_minutes)} settimanali",
                                  order=4, seq=pt.id))
        if pt.annulled_on:
            history.append(HistoryRow(pt.annulled_on, "Annullamento dell'orario",
                                      f"{pt.name or 'Orario'} {pt.period}: {pt.annul_reason}",
                                      order=5, seq=pt.id))
    for day, text, note in day_rows:
        history.append(HistoryRow(day, "Giornata modificata", text + (f" – {note}"
                                                                      if note else ""),
                                  order=6))
    for a in agreements:
        history.append(HistoryRow(a.signed_on, "Accordo di lavoro agile",
                                  f"{a.period}, {a.days_label}"
                                  + (f", prot. n. {a.protocol}" if a.protocol else ""),
                                  order=7, seq=a.id))
        if a.annulled_on:
            history.append(HistoryRow(a.annulled_on, "Annullamento dell'accordo di lavoro "
                                      "agile", f"{a.period}: {a.annul_reason}", order=8,
                                      seq=a.id))
    for g, row in zip(grants, art55_rows, strict=True):
        history.append(HistoryRow(g.decided_on or g.valid_from, "Settimana di 35 ore (art. 55)",
                                  f"{row[0]}: {row[1]}", order=9, seq=g.id))
        if g.annulled_on:
            history.append(HistoryRow(g.annulled_on, "Annullamento delle 35 ore",
                                      f"{row[0]}: {g.annul_reason}", order=10, seq=g.id))
    for t in courses:
        history.append(HistoryRow(t.day, "Formazione", f"{t.course} ({t.hours} h)",
                                  order=11, seq=t.id))
        if t.annulled_on:
            history.append(HistoryRow(t.annulled_on, "Annullamento della formazione",
                                      f"{t.course}: {t.annul_reason}", order=12, seq=t.id))
    monday = today - timedelta(days=today.weekday())
    month = today.replace(day=1)
    month_end = date.fromordinal(date(month.year + (month.month == 12), month.month % 12 + 1,
                                      1).toordinal() - 1)
    specs = {r.name: r for r in all_reports()}
    documents = [DocumentRef("turni", f"Turni di {format_date(month)[3:]}"
                             + (f", plesso {site.code}" if site else ""), month,
                             (("dal", month), ("al", month_end))
                             + ((("plesso", site.code),) if site else ())),
                 DocumentRef("personale", "Elenco del personale", None),
                 DocumentRef("ordine-servizio", "Ordine di servizio della settimana dal "
                             f"{format_date(monday)}", monday,
                             (("persona", person_id), ("dal", monday),
                              ("al", monday + timedelta(days=6))))]
    documents += [DocumentRef("accordo-agile", f"Accordo di lavoro agile {a.period}",
                              a.signed_on, (("accordo", a.id),))
                  for a in agreements if a.annulled_on is None]
    warning = ""
    if current and current.ends_on and (current.ends_on - today).days <= 30:
        warning = (f"Il contratto in corso termina il {format_date(current.ends_on)}: "
                   "prorogarlo o registrare il successivo.")
    return PersonScheda(
        person_id, f"{p.surname} {p.name} – {role_label(p.role)}", state, warning, fields,
        values,
        tuple((_period(c.starts_on, c.closed_on or c.ends_on), c.label,
               percent_text(int(c.part_time_percent * 100)), c.state,
               c.annul_reason or c.close_reason or c.note) for c in contracts),
        tuple((pt.period, pt.name, format_duration(pt.weekly_minutes),
               format_weekdays(pt.agile_weekdays),
               f"annullato: {pt.annul_reason}" if pt.annulled_on else "in vigore")
              for pt in patterns),
        tuple((format_date(d), t, n) for d, t, n in day_rows),
        tuple(incarico_rows), in_date_order(history), printable(db, documents, specs),
        tuple((a.period, a.days_label, a.contact_band, a.tools_label, a.state(today))
              for a in agreements),
        tuple(a.id for a in agreements), tuple(a.annulled_on is None for a in agreements),
        tuple(art55_rows),
        tuple((format_date(t.day), t.course, t.kind_label, t.hours, t.provider,
               t.state or "valida") for t in courses))


def _art55_row(g: StaffArt55) -> tuple[str, str, str, str]:
    conditions = [label for key, label in (*ART55_SCHOOL_CONDITIONS.items(),
                                           *ART55_STAFF_CONDITIONS.items()) if getattr(g, key)]
    decision = ", ".join(x for x in (format_date(g.decided_on) if g.decided_on else "",
                                     g.reference) if x)
    state = (f"annullata il {format_date(g.annulled_on)}: {g.annul_reason}" if g.annulled_on
             else "in vigore")
    return (_period(g.valid_from, g.valid_to), "; ".join(conditions), decision, state)
