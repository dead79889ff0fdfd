"""The suppliers registry (albo fornitori): a supplier's data, the declarations of its conto
corrente dedicato, its DURC, its self-declarations of the requirements with the random checks,
and the awards the rotation principle reads.

Each use case is one transaction under the write gate (unit_of_work); the supplier's row is
locked before the reads that decide what is written (the duplicate partita IVA, the
declaration in force, the previous award of the sector), so two PCs cannot both pass a check.
Refusals name the field in Italian; nothing is saved. Every row is audited by the unit of
work (hash-chained change log).

Who: the office (procurement.prepare: DSGA and assistenti amministrativi) keeps the registry;
the award is an act of the dirigente (the determina di affidamento, D.Lgs. 36/2023 art. 17),
and so is the yearly modality of the random checks (art. 52 c.1: «modalità predeterminate
ogni anno»): procurement.sign.
"""
from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ...areas.procurement import PREPARE, SIGN
from ...db.access import requires
from ...db.engine import Database
from ...db.locking import lock_rows
from ...db.uow import unit_of_work
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError, collect
from ...domain.procurement import checks
from ...domain.procurement import suppliers as rules
from ...domain.procurement.fields import AWARD, BANK_ACCOUNT, BANK_DELEGATE, DECLARATION, DURC
from ...domain.procurement.fields import SUPPLIER as FIELDS
from ...domain.procurement.rotation import PastAward, ProposedAward, check_rotation
from ...domain.procurement_codes import normalize_cig
from ...models.procurement import (
    CheckDraw,
    ProcurementSetting,
    Supplier,
    SupplierAward,
    SupplierBankAccount,
    SupplierBankDelegate,
    SupplierDeclaration,
    SupplierDurc,
)

MAX_DELEGATES = 5


def clean_supplier(values: dict) -> dict:
    """The supplier's values as stored, or ValidationError naming every wrong field."""
    errors = {}
    clean = FIELDS.check_all({name: values.get(name) for name in (
        "name", "vat", "tax_code", "address", "pec", "phone")}, errors)
    for name, check in (("vat", rules.check_vat), ("tax_code", rules.check_tax_code),
                        ("pec", rules.check_pec), ("phone", rules.check_phone)):
        if name not in errors:
            clean[name] = collect(errors, check, clean[name])
    clean["active"] = bool(values.get("active", True))
    if not errors and not clean["vat"] and not clean["tax_code"]:
        errors["vat"] = ("Indicare la partita IVA o, per chi non la ha, il codice fiscale del "
                         "fornitore.")
    if errors:
        raise ValidationError(errors)
    return clean


def _locked_supplier(s, supplier_id) -> Supplier:
    found = lock_rows(s, Supplier, [supplier_id]) if isinstance(supplier_id, int) else []
    if not found:
        raise ValidationError({"supplier_id": "Fornitore inesistente: forse è stato modificato "
                                              "da un'altra postazione."})
    return found[0]


def _new_row(s, model, supplier: Supplier, clean: dict, **more):
    """A row of the supplier's history (DURC, declaration, account, award), flushed for its
    id; the supplier is locked by the caller, so what it checked still holds."""
    row = model(supplier_id=supplier.id, recorded_by_id=s.info["user"].id, **clean, **more)
    s.add(row)
    s.flush()
    return row


@requires(PREPARE)
def save_supplier(db: Database, values: dict, supplier_id: int | None = None) -> int:
    """Register a supplier or correct one. ``values``: name, vat (partita IVA: 11 digits, or
    another EU country's number with its prefix), tax_code, address, pec, phone, active."""
    clean = clean_supplier(values)
    reason = "Albo dei fornitori: nuovo fornitore" if supplier_id is None else \
        "Albo dei fornitori: correzione dei dati"
    with unit_of_work(db, reason=reason) as s:
        row = _locked_supplier(s, supplier_id) if supplier_id is not None else None
        for name in ("vat", "tax_code"):
            if not clean[name]:
                continue
            twin = s.execute(select(Supplier.id, Supplier.name).where(
                getattr(Supplier, name) == clean[name], Supplier.id != (supplier_id or 0))
                .order_by(Supplier.id)).first()
            if twin is not None:
                raise ValidationError({name: (
                    f"{FIELDS[name].label} {rules.vat_digits(clean[name])} già registrata "
                    f"per «{twin.name}»: un fornitore si registra una volta sola."
                    if name == "vat" else
                    f"Codice fiscale {clean[name]} già registrato per «{twin.name}».")})
        if row is None:
            row = Supplier(**clean)
            s.add(row)
        else:
            for key, value in clean.items():
                setattr(row, key, value)
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


# --- conto corrente dedicato (L. 136/2010 art. 3 c.7) ------------------------------------------
@dataclass(frozen=True)
class Delegate:
    name: str
    tax_code: str
    role: str = ""


def _delegates(delegates: Sequence[Delegate]) -> list[dict]:
    out, errors = [], {}
    for n, d in enumerate(delegates, start=1):
        if not (d.name or "").strip() and not (d.tax_code or "").strip():
            continue
        prefix = f"delegate{n}_"
        try:
            name = BANK_DELEGATE["name"].check(d.name)
        except ValidationError as exc:
            errors[prefix + "name"] = next(iter(exc.errors.values()))
            name = ""
        code = collect(errors, rules.check_person_tax_code, d.tax_code, prefix + "tax_code",
                       "Codice fiscale della persona delegata") or ""
        try:
            role = BANK_DELEGATE["role"].check(d.role)
        except ValidationError as exc:
            errors[prefix + "role"] = next(iter(exc.errors.values()))
            role = ""
        out.append({"name": name, "tax_code": code, "role": role})
    if errors:
        raise ValidationError(errors)
    if not out:
        raise ValidationError({"delegate1_name": (
            "Indicare almeno una persona delegata a operare sul conto, con il codice fiscale "
            "(L. 136/2010 art. 3 c.7).")})
    if len(out) > MAX_DELEGATES:
        raise ValidationError({"delegate1_name": f"Al massimo {MAX_DELEGATES} persone "
                                                 "delegate per dichiarazione."})
    return out


@requires(PREPARE)
def record_bank_account(db: Database, supplier_id: int, *, iban: str, declared_on: date,
                        delegates: Sequence[Delegate], bank: str = "",
                        protocol: str = "") -> int:
    """A declaration of the conto dedicato: from now the one in force (the latest not
    revoked). ``delegates``: the persons who may operate on it (at least one)."""
    errors = {}
    # typed with spaces: compacted before the field checks its length
    compact = collect(errors, rules.check_iban, iban if isinstance(iban, str) else "")
    clean = BANK_ACCOUNT.check_all({"declared_on": declared_on, "bank": bank,
                                    "protocol": protocol}, errors)
    if compact is not None:
        clean.update(BANK_ACCOUNT.check_all({"iban": compact}, errors))
    people = collect(errors, _delegates, delegates)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Albo dei fornitori: dichiarazione del conto dedicato") as s:
        row = _new_row(s, SupplierBankAccount, _locked_supplier(s, supplier_id), clean)
        for person in people:
            s.add(SupplierBankDelegate(account_id=row.id, **person))
        s.flush()
        new_id = row.id
        s.commit()
    return new_id


@requires(PREPARE)
def revoke_bank_account(db: Database, account_id: int, *, reason: str,
                        revoked_on: date | None = None) -> None:
    """The supplier said the account is no longer dedicated (or it was recorded by
    mistake): it stays in the history, revoked, with the reason."""
    text = BANK_ACCOUNT["revoke_reason"].check(reason)
    if not text:
        raise ValidationError({"revoke_reason": "Il campo «Motivo della revoca» è "
                                                "obbligatorio."})
    revoked_on = revoked_on or date.today()
    if not isinstance(revoked_on, date) or revoked_on > date.today():
        raise ValidationError({"revoked_on": "La data della revoca non può essere futura."})
    with unit_of_work(db, reason="Albo dei fornitori: revoca del conto dedicato") as s:
        row = s.get(SupplierBankAccount, account_id) if isinstance(account_id, int) else None
        if row is None:
            raise ValidationError({"account_id": "Conto dedicato inesistente."})
        _locked_supplier(s, row.supplier_id)
        s.refresh(row)
        if row.revoked_on is not None:
            raise ValidationError({"account_id": (
                f"Il conto {rules.format_iban(row.iban)} è già revocato dal "
                f"{format_date(row.revoked_on)}.")})
        if revoked_on < row.declared_on:
            raise ValidationError({"revoked_on": (
                f"La revoca non può precedere la dichiarazione del "
                f"{format_date(row.declared_on)}.")})
        row.revoked_on, row.revoke_reason = revoked_on, text
        s.commit()


# --- DURC ---------------------------------------------------------------------------------------
@requires(PREPARE)
def record_durc(db: Database, supplier_id: int, *, issued_on: date, outcome: str = "regolare",
                expires_on: date | None = None, protocol: str = "") -> int:
    """A DURC acquired: its expiry is 120 days from the issue when not given [U]."""
    errors = {}
    clean = DURC.check_all({"issued_on": issued_on, "outcome": outcome,
                            "protocol": protocol}, errors)
    if expires_on is not None and not isinstance(expires_on, date):
        errors["expires_on"] = "Il campo «Scadenza del DURC» deve essere una data."
    if errors:
        raise ValidationError(errors)
    clean["expires_on"] = expires_on or rules.durc_expiry(clean["issued_on"])
    if clean["expires_on"] <= clean["issued_on"]:
        raise ValidationError({"expires_on": (
            f"La scadenza del DURC viene dopo la sua data ({format_date(clean['issued_on'])}).")})
    with unit_of_work(db, reason="Albo dei fornitori: DURC") as s:
        supplier = _locked_supplier(s, supplier_id)
        if clean["protocol"] and s.scalar(select(SupplierDurc.id).where(
                SupplierDurc.supplier_id == supplier.id,
                SupplierDurc.protocol == clean["protocol"])):
            raise ValidationError({"protocol": (
                f"Il DURC con protocollo {clean['protocol']} è già registrato per "
                f"«{supplier.name}».")})
        new_id = _new_row(s, SupplierDurc, supplier, clean).id
        s.commit()
    return new_id


# --- self-declarations and the random checks (art. 52) ------------------------------------------
@requires(PREPARE)
def record_declaration(db: Database, supplier_id: int, *, kind: str, received_on: date,
                       protocol: str = "") -> int:
    """A DGUE or dichiarazione sostitutiva of the requirements, received on ``received_on``."""
    errors = {}
    clean = DECLARATION.check_all({"kind": kind, "received_on": received_on,
                                   "protocol": protocol}, errors)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Albo dei fornitori: dichiarazione dei requisiti") as s:
        new_id = _new_row(s, SupplierDeclaration, _locked_supplier(s, supplier_id), clean).id
        s.commit()
    return new_id


@dataclass(frozen=True)
class DrawnSupplier:
    supplier_id: int
    name: str
    code: str            # the partita IVA or codice fiscale the draw ranked
    declaration_id: int
    drawn: bool


@dataclass(frozen=True)
class DrawResult:
    id: int
    drawn_on: date
    period_from: date
    period_to: date
    percent: int
    seed: int
    suppliers: tuple[DrawnSupplier, ...]     # every supplier drawn among, the drawn first

    @property
    def drawn(self) -> tuple[DrawnSupplier, ...]:
        return tuple(x for x in self.suppliers if x.drawn)

    def summary(self) -> str:
        names = ", ".join(f"{x.name} ({x.code})" for x in self.drawn)
        return (f"Sorteggio del {format_date(self.drawn_on)}: {len(self.suppliers)} fornitori "
                f"con dichiarazioni ricevute dal {format_date(self.period_from)} al "
                f"{format_date(self.period_to)}, campione del {self.percent} % arrotondato "
                f"per eccesso, seme {self.seed}: estratti {len(self.drawn)} – {names}.")


def supplier_code(vat: str, tax_code: str, supplier_id: int) -> str:
    """What the draw ranks a supplier by: what anyone can read on its documents."""
    return rules.vat_digits(vat) if vat else (tax_code or f"ID{supplier_id}")


def _setting(s) -> ProcurementSetting | None:
    found = lock_rows(s, ProcurementSetting, [1])
    return found[0] if found else None


@requires(PREPARE)
def draw_random_checks(db: Database, *, period_from: date, period_to: date,
                       seed: int | None = None, drawn_on: date | None = None) -> DrawResult:
    """Draw the sample of the random checks among the suppliers with declarations received
    in the period and not yet drawn among: the school's percentage (set by the dirigente),
    rounded up; the seed (random when not given) is recorded, so the draw can be repeated
    (domain/procurement/checks.py). The latest declaration of each drawn supplier in the
    period is the one to check."""
    drawn_on = drawn_on or date.today()
    errors = {}
    for name, value in (("period_from", period_from), ("period_to", period_to),
                        ("drawn_on", drawn_on)):
        if not isinstance(value, date):
            errors[name] = "Indicare una data."
    if errors:
        raise ValidationError(errors)
    if period_from > period_to:
        raise ValidationError({"period_to": (
            f"Periodo impossibile: dal {format_date(period_from)} al "
            f"{format_date(period_to)}.")})
    if drawn_on > date.today():
        raise ValidationError({"drawn_on": "La data del sorteggio non può essere futura."})
    seed = checks.check_seed(secrets.randbelow(checks.MAX_SEED + 1) if seed is None else seed)
    with unit_of_work(db, reason="Albo dei fornitori: sorteggio dei controlli a campione") as s:
        setting = _setting(s)
        percent = setting.check_percent if setting else checks.DEFAULT_PERCENT
        pending = lock_rows(s, SupplierDeclaration, where=(
            SupplierDeclaration.received_on >= period_from)
            & (SupplierDeclaration.received_on <= period_to)
            & SupplierDeclaration.draw_id.is_(None))
        if not pending:
            raise ValidationError({"period_from": (
                f"Nessuna dichiarazione ricevuta dal {format_date(period_from)} al "
                f"{format_date(period_to)} ancora da sorteggiare.")})
        latest: dict[int, SupplierDeclaration] = {}
        for d in pending:
            if d.supplier_id not in latest or (d.received_on, d.id) > (
                    latest[d.supplier_id].received_on, latest[d.supplier_id].id):
                latest[d.supplier_id] = d
        people = {r.id: r for r in s.execute(select(Supplier.id, Supplier.name, Supplier.vat,
                                                    Supplier.tax_code)
                                             .where(Supplier.id.in_(latest)))}
        codes = {supplier_code(p.vat, p.tax_code, p.id): p.id for p in people.values()}
        chosen = checks.draw_sample(sorted(codes), percent, seed)
        draw = CheckDraw(drawn_on=drawn_on, period_from=period_from, period_to=period_to,
                         percent=percent, seed=seed, candidates=len(codes), drawn=len(chosen),
                         recorded_by_id=s.info["user"].id)
        s.add(draw)
        s.flush()
        drawn_ids = {codes[c] for c in chosen}
        for d in pending:
            d.draw_id = draw.id
            d.drawn = d.supplier_id in drawn_ids and latest[d.supplier_id] is d
        s.flush()
        order = {c: i for i, c in enumerate(chosen)}
        rows = sorted((DrawnSupplier(sid, people[sid].name, code, latest[sid].id,
                                     sid in drawn_ids) for code, sid in codes.items()),
                      key=lambda x: (not x.drawn, order.get(x.code, 0), x.name))
        result = DrawResult(draw.id, drawn_on, period_from, period_to, percent, seed,
                            tuple(rows))
        s.commit()
    return result


@requires(PREPARE)
def record_check_outcome(db: Database, declaration_id: int, *, outcome: str,
                         checked_on: date, note: str = "") -> None:
    """The outcome of the check of a declaration (drawn, or checked for another reason)."""
    errors = {}
    clean = DECLARATION.check_all({"check_outcome": outcome, "checked_on": checked_on,
                                   "check_note": note}, errors)
    if not errors and not clean["check_outcome"]:
        errors["check_outcome"] = "Scegliere l'esito del controllo."
    if not errors and clean["checked_on"] is None:
        errors["checked_on"] = "Il campo «Controllo concluso il» è obbligatorio."
    if not errors and clean["check_outcome"] == "negativo" and not clean["check_note"]:
        errors["check_note"] = ("Per un esito negativo indicare nelle note il requisito non "
                                "confermato.")
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Albo dei fornitori: esito del controllo della "
                                 "dichiarazione") as s:
        row = s.get(SupplierDeclaration, declaration_id) \
            if isinstance(declaration_id, int) else None
        if row is None:
            raise ValidationError({"declaration_id": "Dichiarazione inesistente."})
        _locked_supplier(s, row.supplier_id)
        s.refresh(row)
        if row.check_outcome:
            raise ValidationError({"check_outcome": (
                f"L'esito del controllo è già registrato ({format_date(row.checked_on)}).")})
        if clean["checked_on"] < row.received_on:
            raise ValidationError({"checked_on": (
                f"Il controllo non può precedere la dichiarazione, ricevuta il "
                f"{format_date(row.received_on)}.")})
        row.check_outcome = clean["check_outcome"]
        row.checked_on = clean["checked_on"]
        row.check_note = clean["check_note"]
        s.commit()


@requires(SIGN)
def set_check_percent(db: Database, percent: int) -> None:
    """The percentage of the random checks, decided by the dirigente for the year."""
    percent = checks.check_percent(percent)
    with unit_of_work(db, reason="Acquisti: percentuale dei controlli a campione") as s:
        setting = _setting(s)
        if setting is None:
            s.add(ProcurementSetting(id=1, check_percent=percent))
        else:
            setting.check_percent = percent
        s.commit()


# --- awards and the rotation principle (art. 49) ------------------------------------------------
@dataclass(frozen=True)
class AwardResult:
    id: int
    exception: str        # the derogation applied, "" if none
    reason: str           # what the rotation check said


def _history(s) -> list[PastAward]:
    rows = s.execute(select(SupplierAward.id, SupplierAward.supplier_id, Supplier.name,
                            SupplierAward.sector, SupplierAward.awarded_on,
                            SupplierAward.amount, SupplierAward.object)
                     .join(Supplier, Supplier.id == SupplierAward.supplier_id)).all()
    return [PastAward(r.supplier_id, r.name, r.sector, r.awarded_on, r.amount, r.object, r.id)
            for r in rows]


@requires(SIGN)
def record_award(db: Database, supplier_id: int, *, awarded_on: date, object: str,
                 sector: str, amount, cig: str = "", motivation: str = "") -> AwardResult:
    """An award to a supplier (written by the procedure that makes it). Refused when the
    rotation principle forbids it: the supplier is the outgoing one of the previous award in
    the same sector, the amount is not below 5,000 EUR and no motivation is given."""
    errors = {}
    clean = AWARD.check_all({"awarded_on": awarded_on, "object": object, "sector": sector,
                             "amount": amount, "motivation": motivation}, errors)
    clean["cig"] = collect(errors, normalize_cig, cig)
    if not errors and clean["amount"] <= 0:
        errors["amount"] = "L'importo dell'affidamento è maggiore di zero."
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Affidamento a un fornitore") as s:
        supplier = _locked_supplier(s, supplier_id)
        if not supplier.active:
            raise DomainError(f"«{supplier.name}» non è attivo nell'albo dei fornitori: "
                              "riattivarlo prima dell'affidamento.")
        verdict = check_rotation(_history(s), ProposedAward(
            supplier.id, clean["sector"], clean["amount"], clean["awarded_on"],
            clean["motivation"]))
        if verdict.forbidden:
            raise ValidationError({"motivation": verdict.reason})
        row = _new_row(s, SupplierAward, supplier, clean, rotation_exception=verdict.exception)
        result = AwardResult(row.id, verdict.exception, verdict.reason)
        s.commit()
    return result
