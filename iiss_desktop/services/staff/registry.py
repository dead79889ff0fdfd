"""The staff registry: a person's data, the contract periods over time, the incarichi
specifici. Each use case is one transaction under the write gate; the overlap check reads the
person's periods after locking the person's row, so two PCs adding a contract to the same
person cannot both pass it. Refusals name the field; nothing is saved."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ...areas.staff import REGISTRY
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.staff import registry as rules
from ...domain.staff.fields import CONTRACT, EMPLOYEE, INCARICO
from ...domain.staff.profiles import ATA_ROLES
from ...models.school import Site
from ...models.staff import Employee, StaffContract, StaffIncarico
from .rows import locked_person

_PERSON_FIELDS = ("surname", "name", "email", "phone", "hired_on", "posizione_economica",
                  "service_since")


def _person_values(values: dict) -> dict:
    clean = {name: EMPLOYEE[name].check(values.get(name)) for name in _PERSON_FIELDS}
    clean["codice_fiscale"] = rules.check_codice_fiscale(values.get("codice_fiscale"))
    role = (values.get("role") or "").strip()
    if role not in ATA_ROLES:
        raise ValidationError({"role": "Il campo «Profilo» richiede un profilo del personale "
                                       "ATA: " + ", ".join(v for _c, v in
                                                           EMPLOYEE["role"].choices
                                                           if _c in ATA_ROLES) + "."})
    clean["role"] = role
    clean["area_2007"], clean["area_2024"] = rules.check_areas(
        role, values.get("area_2007"), values.get("area_2024"))
    clean["site_id"] = EMPLOYEE["site_id"].check(values.get("site_id"))
    return clean


def _check_person(s, clean: dict, person_id: int | None) -> None:
    """The checks of a person against the archive: the plesso exists, the codice fiscale is
    nobody else's."""
    if clean["site_id"] is not None and s.get(Site, clean["site_id"]) is None:
        raise ValidationError({"site_id": "Plesso di servizio inesistente."})
    clash = s.execute(select(Employee.id, Employee.surname, Employee.name).where(
        Employee.codice_fiscale == clean["codice_fiscale"])).first()
    if clash is not None and clash.id != person_id:
        raise ValidationError({"codice_fiscale": (
            f"Il codice fiscale {clean['codice_fiscale']} è già di {clash.surname} "
            f"{clash.name}.")})


@requires(REGISTRY)
def save_person(db: Database, values: dict, person_id: int | None = None) -> int:
    """Create or correct a person of the registry. ``values``: surname, name, codice_fiscale,
    role (an ATA profile code), area_2007 / area_2024 (default: the profile's), site_id (home
    plesso), email, phone, hired_on, posizione_economica, service_since."""
    clean = _person_values(values)
    with unit_of_work(db, reason="Anagrafica del personale") as s:
        _check_person(s, clean, person_id)
        if person_id is None:
            person = Employee(**clean)
            s.add(person)
        else:
            person = lock_rows(s, Employee, [person_id])
            if not person:
                raise DomainError("Dipendente non trovato: forse è stato modificato da "
                                  "un'altra postazione.")
            person = person[0]
            for key, value in clean.items():
                setattr(person, key, value)
        s.flush()
        new_id = person.id
        s.commit()
    return new_id


def _periods(s, person_id: int) -> list[rules.Period]:
    rows = s.execute(select(StaffContract).where(StaffContract.employee_id == person_id,
                                                 StaffContract.annulled_on.is_(None))
                     ).scalars()
    return [rules.Period(c.id, c.starts_on, rules.effective_end(c.ends_on, c.closed_on),
                         rules.contract_label(c.kind)) for c in rows]


def _new_period(s, person: Employee, *, kind: str, starts_on: date, ends_on: date | None,
                bp: int, assigned_school: str, note: str, follows_id: int | None,
                ignore: int | None = None) -> StaffContract:
    rules.check_contract(kind, starts_on, ends_on, profile=person.role,
                         assigned_school=assigned_school)
    rules.check_no_overlap(rules.Period(None, starts_on, ends_on),
                           [p for p in _periods(s, person.id) if p.id != ignore])
    row = StaffContract(employee_id=person.id, kind=kind, starts_on=starts_on, ends_on=ends_on,
                        part_time_bp=bp, assigned_school=assigned_school, note=note,
                        follows_id=follows_id, recorded_by_id=s.info["user"].id)
    s.add(row)
    s.flush()
    return row


@requires(REGISTRY)
def add_contract(db: Database, person_id: int, *, kind: str, starts_on: date,
                 ends_on: date | None = None, part_time_percent=100,
                 assigned_school: str = "", note: str = "") -> int:
    """Record a contract period of a person (``kind`` one of registry.CONTRACT_KINDS)."""
    bp = rules.part_time_bp(part_time_percent)
    school = CONTRACT["assigned_school"].check(assigned_school)
    text = CONTRACT["note"].check(note)
    with unit_of_work(db, reason="Contratto del personale") as s:
        person = locked_person(s, person_id)
        row = _new_period(s, person, kind=kind, starts_on=starts_on, ends_on=ends_on, bp=bp,
                          assigned_school=school, note=text, follows_id=None)
        new_id = row.id
        s.commit()
    return new_id


def _locked_contract(s, contract_id: int) -> tuple[Employee, StaffContract]:
    row = s.get(StaffContract, contract_id)
    if row is None:
        raise ValidationError({"contract_id": "Contratto inesistente."})
    person = locked_person(s, row.employee_id)
    s.refresh(row)
    if row.annulled_on is not None:
        raise ValidationError({"contract_id": "Il contratto è annullato."})
    return person, row


@requires(REGISTRY)
def extend_contract(db: Database, contract_id: int, *, until: date, note: str = "") -> int:
    """A proroga: a new period of the same kind and working time, from the day after the
    contract's end to ``until`` (an ex-LSU contract, month by month)."""
    text = CONTRACT["note"].check(note)
    with unit_of_work(db, reason="Proroga del contratto") as s:
        person, prev = _locked_contract(s, contract_id)
        end = rules.effective_end(prev.ends_on, prev.closed_on)
        if end is None:
            raise ValidationError({"kind": "Un contratto a tempo indeterminato non si proroga."})
        start = rules.check_extension(prev.kind, end, until)
        row = _new_period(s, person, kind=prev.kind, starts_on=start, ends_on=until,
                          bp=prev.part_time_bp, assigned_school=prev.assigned_school,
                          note=text, follows_id=prev.id)
        new_id = row.id
        s.commit()
    return new_id


@requires(REGISTRY)
def change_working_time(db: Database, contract_id: int, *, from_day: date,
                        part_time_percent) -> int:
    """A change of the part-time share (to full time: 100) from ``from_day``: the contract is
    closed the day before and a new period with the new share follows it to the same end."""
    bp = rules.part_time_bp(part_time_percent)
    with unit_of_work(db, reason="Trasformazione del rapporto di lavoro") as s:
        person, prev = _locked_contract(s, contract_id)
        if prev.closed_on is not None:
            raise ValidationError({"contract_id": (
                f"Il contratto è chiuso dal {format_date(prev.closed_on)}: la nuova "
                "percentuale va su un nuovo contratto.")})
        end = prev.ends_on
        if not isinstance(from_day, date) or not (
                prev.starts_on < from_day <= (end or date.max)):
            raise ValidationError({"starts_on": (
                f"La nuova percentuale decorre da un giorno del contratto dopo il primo "
                f"({format_date(prev.starts_on)}).")})
        if bp == prev.part_time_bp:
            raise ValidationError({"part_time_percent": (
                "La percentuale è già quella del contratto.")})
        prev.closed_on = from_day - timedelta(days=1)
        prev.close_reason = ("Trasformazione del rapporto: da "
                             f"{rules.percent_text(prev.part_time_bp)} a "
                             f"{rules.percent_text(bp)}")
        s.flush()
        row = _new_period(s, person, kind=prev.kind, starts_on=from_day, ends_on=end, bp=bp,
                          assigned_school=prev.assigned_school, note="", follows_id=prev.id)
        new_id = row.id
        s.commit()
    return new_id


def _reason(reason: str, field: str) -> str:
    text = CONTRACT[field].check(reason)
    if not text:
        raise ValidationError({field: f"Il campo «{CONTRACT[field].label}» è obbligatorio."})
    return text


def _close_period(row: StaffContract, closed_on, text: str) -> None:
    if row.closed_on is not None:
        raise ValidationError({"closed_on": (
            f"Il contratto è già chiuso dal {format_date(row.closed_on)}.")})
    if not isinstance(closed_on, date) or closed_on < row.starts_on or (
            row.ends_on is not None and closed_on > row.ends_on):
        raise ValidationError({"closed_on": (
            f"La chiusura cade tra l'inizio ({format_date(row.starts_on)}) e la fine del "
            "contratto.")})
    row.closed_on, row.close_reason = closed_on, text


@requires(REGISTRY)
def close_contract(db: Database, contract_id: int, *, closed_on: date, reason: str) -> None:
    """End a contract before its term (cessazione, dimissioni, rientro del titolare)."""
    text = _reason(reason, "close_reason")
    with unit_of_work(db, reason="Chiusura del contratto") as s:
        _person, row = _locked_contract(s, contract_id)
        _close_period(row, closed_on, text)
        s.commit()


@requires(REGISTRY)
def annul_contract(db: Database, contract_id: int, *, reason: str) -> None:
    """A contract recorded by mistake: it stays in the history, annulled, with its reason."""
    text = _reason(reason, "annul_reason")
    with unit_of_work(db, reason="Annullamento del contratto") as s:
        _person, row = _locked_contract(s, contract_id)
        row.annulled_on, row.annul_reason = date.today(), text
        s.commit()


@requires(REGISTRY)
def add_incarico(db: Database, person_id: int, *, school_year: int, description: str,
                 source: str, amount=0) -> int:
    """An incarico specifico (art. 47 CCNL 2007) for the school year starting in
    ``school_year``, with its compensation and the fund paying it."""
    clean = {"school_year": INCARICO["school_year"].check(school_year),
             "description": INCARICO["description"].check(description),
             "source": INCARICO["source"].check(source),
             "amount": INCARICO["amount"].check(amount)}
    if not 2000 <= clean["school_year"] <= 2100:
        raise ValidationError({"school_year": "Indicare l'anno di inizio dell'anno scolastico "
                                              "(es. 2025 per il 2025/26)."})
    with unit_of_work(db, reason="Incarico specifico") as s:
        locked_person(s, person_id)
        row = StaffIncarico(employee_id=person_id, **clean)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id
