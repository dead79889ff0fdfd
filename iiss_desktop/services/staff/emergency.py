"""The organico Covid budget (issue 14 item 7): the USR's notes for a school year (assignment,
integrations, reductions), the daily cost of each profile the office types from NoiPA's
figures, the supplenze charged to a Covid post. The arithmetic is domain/staff/covid_budget.py,
the read side (costs, residual, the simulation before hiring) queries/staff_emergency.py.

Each use case is one transaction under the write gate. Nothing recorded is changed: a wrong
note is annulled with its reason and a new one recorded; a new daily cost supersedes the one
in force. The budget rows of a year are read after locking them, so two PCs cannot both
record the assignment of the same year. Bad input names the field; nothing is saved."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ...areas.staff import REGISTRY
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import ValidationError
from ...domain.money import format_money
from ...domain.staff import covid_budget as rules
from ...domain.staff.fields import COVID_BUDGET, COVID_RATE, COVID_SUBSTITUTION
from ...domain.staff.profiles import role_label
from ...domain.staff.registry import COVID, SUPPLENZA_BREVE, contract_label, effective_end
from ...models.staff import Employee, StaffContract
from ...models.staff_emergency import StaffCovidBudget, StaffCovidRate, StaffCovidSubstitution
from .rows import annul_reason, mark_annulled


def check_school_year(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise ValidationError({"school_year": "Indicare l'anno di inizio dell'anno scolastico "
                                              "(es. 2020 per il 2020/21)."})
    return value


def _reason(text: str) -> str:
    return annul_reason(text, COVID_BUDGET["annul_reason"].check, "annul_reason",
                        "Il campo «Motivo dell'annullamento» è obbligatorio.")


@requires(REGISTRY)
def add_budget_row(db: Database, school_year: int, *, kind: str, amount, note_number: str,
                   note_date: date, description: str = "") -> int:
    """A note of the USR on the organico Covid money of the school year starting in
    ``school_year``: the assignment (one per year), an integration or a reduction (after the
    assignment). ``amount`` is positive; a reduction subtracts it."""
    year = check_school_year(school_year)
    clean = {name: COVID_BUDGET[name].check(value) for name, value in (
        ("kind", kind), ("amount", amount), ("note_number", note_number),
        ("note_date", note_date), ("description", description))}
    if clean["amount"] <= 0:
        raise ValidationError({"amount": "Il campo «Importo» deve essere maggiore di zero (una "
                                         "riduzione si registra come «Riduzione»)."})
    with unit_of_work(db, reason="Budget dell'organico Covid") as s:
        rows = lock_rows(s, StaffCovidBudget, where=(
            (StaffCovidBudget.school_year == year) & StaffCovidBudget.annulled_on.is_(None)))
        label = SchoolYear(year).label
        has_assignment = any(r.kind == rules.ASSEGNAZIONE for r in rows)
        if clean["kind"] == rules.ASSEGNAZIONE and has_assignment:
            raise ValidationError({"kind": (
                f"L'a.s. {label} ha già l'assegnazione dell'USR: una nuova nota si registra "
                "come integrazione o riduzione, o si annulla prima quella registrata.")})
        if clean["kind"] != rules.ASSEGNAZIONE and not has_assignment:
            raise ValidationError({"kind": (
                f"Registrare prima l'assegnazione dell'USR per l'a.s. {label}.")})
        total = rules.budget_total([(r.kind, r.amount) for r in rows]
                                   + [(clean["kind"], clean["amount"])])
        if total < 0:
            raise ValidationError({"amount": (
                f"La riduzione porterebbe il budget sotto zero ({format_money(total)}).")})
        row = StaffCovidBudget(school_year=year, recorded_by_id=s.info["user"].id, **clean)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(REGISTRY)
def annul_budget_row(db: Database, row_id: int, *, reason: str) -> None:
    """A note recorded by mistake: it stays, annulled with its reason, and no longer counts.
    The assignment is annulled only after its year's integrations and reductions."""
    text = _reason(reason)
    with unit_of_work(db, reason="Annullamento di una nota del budget Covid") as s:
        row = s.get(StaffCovidBudget, row_id)
        if row is None:
            raise ValidationError({"row_id": "Riga del budget inesistente."})
        rows = lock_rows(s, StaffCovidBudget, where=(
            (StaffCovidBudget.school_year == row.school_year)
            & StaffCovidBudget.annulled_on.is_(None)))
        s.refresh(row)
        if row.annulled_on is not None:
            raise ValidationError({"row_id": (
                f"La riga è già stata annullata il {format_date(row.annulled_on)}.")})
        if row.kind == rules.ASSEGNAZIONE and any(r.id != row.id for r in rows):
            raise ValidationError({"row_id": (
                "Annullare prima le integrazioni e le riduzioni dell'anno, poi "
                "l'assegnazione.")})
        remaining = rules.budget_total([(r.kind, r.amount) for r in rows if r.id != row.id])
        if remaining < 0:
            raise ValidationError({"row_id": (
                f"Senza questa riga il budget scenderebbe sotto zero "
                f"({format_money(remaining)}): annullare prima la riduzione.")})
        row.annulled_on, row.annul_reason = date.today(), text
        s.commit()


@requires(REGISTRY)
def set_daily_cost(db: Database, school_year: int, profile: str, daily_cost,
                   source: str = "") -> int:
    """The daily cost of ``profile`` in the school year, as NoiPA gives it (typed by the
    office): it supersedes the figure in force, which stays in the history."""
    year = check_school_year(school_year)
    clean_profile = COVID_RATE["profile"].check(profile)
    cost = COVID_RATE["daily_cost"].check(daily_cost)
    if cost <= 0:
        raise ValidationError({"daily_cost": "Il campo «Costo giornaliero» deve essere "
                                             "maggiore di zero."})
    text = COVID_RATE["source"].check(source) or rules.RATE_SOURCE_DEFAULT
    with unit_of_work(db, reason="Costo giornaliero dell'organico Covid") as s:
        current = lock_rows(s, StaffCovidRate, where=(
            (StaffCovidRate.school_year == year) & (StaffCovidRate.profile == clean_profile)
            & StaffCovidRate.superseded_on.is_(None)))
        if any(r.daily_cost == cost and r.source == text for r in current):
            raise ValidationError({"daily_cost": (
                f"Il costo giornaliero del profilo «{role_label(clean_profile)}» è già "
                f"{format_money(cost)}.")})
        for r in current:
            r.superseded_on = date.today()
        row = StaffCovidRate(school_year=year, profile=clean_profile, daily_cost=cost,
                             source=text, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


def _contract(s, contract_id, field: str) -> tuple[StaffContract, Employee]:
    row = s.get(StaffContract, contract_id) if contract_id is not None else None
    if row is None or row.annulled_on is not None:
        raise ValidationError({field: "Contratto inesistente o annullato."})
    return row, s.get(Employee, row.employee_id)


@requires(REGISTRY)
def charge_substitution(db: Database, contract_id: int, replaces_contract_id: int,
                        note: str = "") -> int:
    """Charge a supplenza breve to the organico Covid budget: the substitute's contract
    ``contract_id`` covers the post of the absent Covid contract ``replaces_contract_id``
    (same profile, within its period)."""
    COVID_SUBSTITUTION["contract_id"].check(contract_id)
    COVID_SUBSTITUTION["replaces_contract_id"].check(replaces_contract_id)
    text = COVID_SUBSTITUTION["note"].check(note)
    with unit_of_work(db, reason="Supplenza su posto dell'organico Covid") as s:
        sub, substitute = _contract(s, contract_id, "contract_id")
        covid, absent = _contract(s, replaces_contract_id, "replaces_contract_id")
        lock_rows(s, Employee, [absent.id])
        if covid.kind != COVID:
            raise ValidationError({"replaces_contract_id": (
                f"Il contratto sostituito è «{contract_label(covid.kind)}»: solo i posti "
                "dell'organico Covid si pagano con il suo budget.")})
        if sub.kind != SUPPLENZA_BREVE:
            raise ValidationError({"contract_id": (
                f"Il contratto del supplente è «{contract_label(sub.kind)}»: va attribuita "
                "una supplenza breve e saltuaria.")})
        if sub.employee_id == covid.employee_id:
            raise ValidationError({"contract_id": "Il supplente non può sostituire se stesso."})
        if substitute.role != absent.role:
            raise ValidationError({"contract_id": (
                f"Il supplente ({role_label(substitute.role)}) non ha il profilo del posto "
                f"Covid ({role_label(absent.role)}).")})
        sub_end = effective_end(sub.ends_on, sub.closed_on)
        covid_end = effective_end(covid.ends_on, covid.closed_on)
        if sub_end is None or sub.starts_on < covid.starts_on or sub_end > covid_end:
            raise ValidationError({"contract_id": (
                f"La supplenza deve cadere nel periodo del contratto Covid sostituito (dal "
                f"{format_date(covid.starts_on)} al {format_date(covid_end)}).")})
        clash = s.execute(select(StaffCovidSubstitution.id).where(
            StaffCovidSubstitution.contract_id == sub.id,
            StaffCovidSubstitution.annulled_on.is_(None))).first()
        if clash is not None:
            raise ValidationError({"contract_id": (
                "La supplenza è già attribuita al budget dell'organico Covid.")})
        row = StaffCovidSubstitution(contract_id=sub.id, replaces_contract_id=covid.id,
                                     note=text, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(REGISTRY)
def annul_substitution(db: Database, substitution_id: int, *, reason: str) -> None:
    """A supplenza charged to the Covid budget by mistake: annulled, with its reason."""
    text = _reason(reason)
    with unit_of_work(db, reason="Annullamento di una supplenza su posto Covid") as s:
        found = lock_rows(s, StaffCovidSubstitution, [substitution_id]) \
            if substitution_id is not None else []
        if not found:
            raise ValidationError({"substitution_id": "Supplenza inesistente."})
        row = found[0]
        mark_annulled(row, text, key="substitution_id",
                      already="La supplenza è già stata annullata")
        s.commit()
