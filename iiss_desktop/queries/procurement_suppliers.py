"""The suppliers registry as the Fornitori window and the prints read it (plain rows, no ORM
objects): the list (DURC state and expiry, conto dedicato in force, last award) and the scheda
of a supplier (its fields, conti dedicati, DURC, declarations and checks, awards, invoices
received and the history of all of it). Both read personal data (the persons delegated on a
conto dedicato, a professional's codice fiscale): guarded by procurement.read."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from ..areas.procurement import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.money import format_money
from ..domain.procurement import rules as invoice_rules
from ..domain.procurement import suppliers as rules
from ..domain.procurement.checks import DEFAULT_PERCENT
from ..domain.procurement.rotation import EXCEPTIONS, sector_key
from ..models.procurement import (
    CheckDraw,
    Invoice,
    ProcurementSetting,
    Supplier,
    SupplierAward,
    SupplierBankAccount,
    SupplierBankDelegate,
    SupplierDeclaration,
    SupplierDurc,
)
from .scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable


@dataclass(frozen=True, slots=True)
class SupplierListRow:
    id: int
    name: str
    vat: str                 # as stored: "IT01234567890"
    tax_code: str
    active: bool
    durc_state: str          # a key of suppliers.DURC_STATES
    durc_expires: date | None
    durc_text: str
    account_iban: str        # of the conto dedicato in force, "" if none
    last_award_on: date | None
    last_award: str          # its object and amount
    to_check: int            # declarations drawn and not yet checked
    failed_checks: int       # checks with a negative outcome
    declaration_on: date | None = None    # the latest self-declaration received
    passed_checks: int = 0   # checks with a positive outcome

    @property
    def checks_text(self) -> str:
        """The self-declarations and their random checks, in words."""
        if self.declaration_on is None:
            return "nessuna dichiarazione"
        parts = [f"dichiarazione del {format_date(self.declaration_on)}"]
        if self.to_check:
            parts.append(f"{self.to_check} da controllare")
        if self.failed_checks:
            parts.append(f"{self.failed_checks} con esito negativo")
        if self.passed_checks:
            parts.append("controllo con esito positivo" if self.passed_checks == 1 else
                         f"{self.passed_checks} controlli con esito positivo")
        return " · ".join(parts)

    @property
    def code(self) -> str:
        """P.IVA (without "IT"), else the codice fiscale."""
        return rules.vat_digits(self.vat) if self.vat else self.tax_code

    @property
    def has_account(self) -> bool:
        return bool(self.account_iban)


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _durcs(s, ids=None) -> dict[int, list[rules.DurcFact]]:
    stmt = select(SupplierDurc)
    if ids is not None:
        stmt = stmt.where(SupplierDurc.supplier_id.in_(ids))
    out: dict[int, list[rules.DurcFact]] = defaultdict(list)
    for d in s.execute(stmt).scalars():
        out[d.supplier_id].append(rules.DurcFact(d.id, d.issued_on, d.expires_on, d.outcome))
    return out


def _accounts(s, ids=None) -> dict[int, list]:
    stmt = select(SupplierBankAccount)
    if ids is not None:
        stmt = stmt.where(SupplierBankAccount.supplier_id.in_(ids))
    out: dict[int, list] = defaultdict(list)
    for a in s.execute(stmt).scalars():
        out[a.supplier_id].append(a)
    return out


def _fact(a) -> rules.AccountFact:
    return rules.AccountFact(a.id, a.iban, a.declared_on, a.revoked_on)


@requires(READ)
def list_suppliers(db: Database, *, today: date | None = None,
                   include_inactive: bool = True) -> list[SupplierListRow]:
    """Every supplier of the registry, by name."""
    today = today or date.today()
    with read_session(db) as s:
        suppliers = s.execute(select(Supplier).order_by(func.lower(Supplier.name),
                                                        Supplier.id)).scalars().all()
        durcs, accounts = _durcs(s), _accounts(s)
        awards: dict[int, SupplierAward] = {}
        for a in s.execute(select(SupplierAward).order_by(SupplierAward.awarded_on,
                                                          SupplierAward.id)).scalars():
            awards[a.supplier_id] = a
        pending = dict(s.execute(select(SupplierDeclaration.supplier_id, func.count())
                                 .where(SupplierDeclaration.drawn.is_(True),
                                        SupplierDeclaration.check_outcome == "")
                                 .group_by(SupplierDeclaration.supplier_id)).all())
        failed = dict(s.execute(select(SupplierDeclaration.supplier_id, func.count())
                                .where(SupplierDeclaration.check_outcome == "negativo")
                                .group_by(SupplierDeclaration.supplier_id)).all())
        passed = dict(s.execute(select(SupplierDeclaration.supplier_id, func.count())
                                .where(SupplierDeclaration.check_outcome == "positivo")
                                .group_by(SupplierDeclaration.supplier_id)).all())
        declared = dict(s.execute(select(SupplierDeclaration.supplier_id,
                                         func.max(SupplierDeclaration.received_on))
                                  .group_by(SupplierDeclaration.supplier_id)).all())
        out = []
        for p in suppliers:
            if not include_inactive and not p.active:
                continue
            latest = rules.latest_durc(durcs.get(p.id, ()))
            account = rules.account_in_force([_fact(a) for a in accounts.get(p.id, ())])
            award = awards.get(p.id)
            out.append(SupplierListRow(
                p.id, p.name, p.vat, p.tax_code, p.active, rules.durc_state(latest, today),
                latest.expires_on if latest else None, rules.durc_text(latest, today),
                account.iban if account else "", award.awarded_on if award else None,
                f"{award.object} ({format_money(award.amount)})" if award else "",
                pending.get(p.id, 0), failed.get(p.id, 0), _day(declared.get(p.id)),
                passed.get(p.id, 0)))
    return out


def check_percent_setting(db: Database) -> int:
    """The percentage of the random checks decided for the school (10 % if never set)."""
    with read_session(db) as s:
        value = s.scalar(select(ProcurementSetting.check_percent).where(
            ProcurementSetting.id == 1))
    return DEFAULT_PERCENT if value is None else value


def supplier_id_of(db: Database, text) -> int:
    """The supplier named by its id or by its partita IVA / codice fiscale (a print option)."""
    key = str(text or "").strip().upper().replace(" ", "")
    with read_session(db) as s:
        if key.isdigit() and len(key) < 11:
            found = s.get(Supplier, int(key))
            if found is not None:
                return found.id
        found = s.scalar(select(Supplier.id).where(or_(
            Supplier.vat == key, Supplier.vat == "IT" + key, Supplier.tax_code == key))
            .order_by(Supplier.id))
    if found is None:
        raise DomainError(f"Nessun fornitore con identificativo, partita IVA o codice fiscale "
                          f"«{text}».")
    return found


# --- the scheda -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SupplierScheda:
    id: int
    title: str
    state: str
    warning: str
    fields: tuple[FieldLine, ...]
    values: dict                     # the correctable fields, for the form
    accounts: tuple[tuple, ...]      # dichiarato il, IBAN, banca, delegati, protocollo, stato
    account_ids: tuple[int, ...]
    durcs: tuple[tuple, ...]         # data, scadenza, esito, protocollo, stato
    declarations: tuple[tuple, ...]  # ricevuta il, tipo, protocollo, sorteggio, esito
    declaration_ids: tuple[int, ...]
    awards: tuple[tuple, ...]        # data, oggetto, settore, importo, CIG, deroga
    invoices: tuple[tuple, ...]      # reg. n., ricevuta il, fattura, totale, stato
    invoice_ids: tuple[int, ...]
    history: list[HistoryRow]
    documents: list[DocumentRef]
    account_in_force: str            # IBAN, "" if none
    delegates_in_force: tuple[tuple[str, str, str], ...]   # name, codice fiscale, role
    durc_text: str
    to_check: tuple[int, ...]        # declarations drawn without an outcome


def _delegates_text(people) -> str:
    return "; ".join(f"{d.name} (C.F. {d.tax_code}" + (f", {d.role})" if d.role else ")")
                     for d in people)


@requires(READ)
def supplier_scheda(db: Database, supplier_id: int, *,
                    today: date | None = None) -> SupplierScheda:
    from ..areas import all_reports

    today = today or date.today()
    with read_session(db) as s:
        p = s.get(Supplier, supplier_id) if isinstance(supplier_id, int) else None
        if p is None:
            raise DomainError("Fornitore non trovato: forse è stato modificato da un'altra "
                              "postazione.")
        accounts = sorted(_accounts(s, [p.id]).get(p.id, []),
                          key=lambda a: (a.declared_on, a.id))
        people: dict[int, list] = defaultdict(list)
        for d in s.execute(select(SupplierBankDelegate).where(
                SupplierBankDelegate.account_id.in_([a.id for a in accounts]))
                .order_by(SupplierBankDelegate.id)).scalars():
            people[d.account_id].append(d)
        durcs = sorted(s.execute(select(SupplierDurc).where(
            SupplierDurc.supplier_id == p.id)).scalars(), key=lambda d: (d.issued_on, d.id))
        declarations = s.execute(select(SupplierDeclaration).where(
            SupplierDeclaration.supplier_id == p.id).order_by(
            SupplierDeclaration.received_on, SupplierDeclaration.id)).scalars().all()
        draws = {d.id: d for d in s.execute(select(CheckDraw).where(CheckDraw.id.in_(
            [x.draw_id for x in declarations if x.draw_id]))).scalars()}
        awards = s.execute(select(SupplierAward).where(SupplierAward.supplier_id == p.id)
                           .order_by(SupplierAward.awarded_on, SupplierAward.id)
                           ).scalars().all()
        invoices = s.execute(select(Invoice).where(Invoice.supplier_id == p.id).order_by(
            Invoice.received_on, Invoice.id)).scalars().all()
        in_force = rules.account_in_force([_fact(a) for a in accounts])
        latest = rules.latest_durc([rules.DurcFact(d.id, d.issued_on, d.expires_on, d.outcome)
                                    for d in durcs])
        account_rows = []
        for a in reversed(accounts):
            state = (f"revocato il {format_date(a.revoked_on)}: {a.revoke_reason}"
                     if a.revoked_on else "in vigore" if in_force and a.id == in_force.id
                     else "sostituito da una dichiarazione successiva")
            account_rows.append((format_date(a.declared_on), rules.format_iban(a.iban), a.bank,
                                 _delegates_text(people[a.id]), a.protocol, state))
        durc_rows = []
        for d in reversed(durcs):
            if latest is not None and d.id == latest.id:
                state = rules.DURC_STATES[rules.durc_state(latest, today)]
            else:
                state = "superato da un DURC successivo"
            durc_rows.append((format_date(d.issued_on), format_date(d.expires_on),
                              rules.DURC_OUTCOMES.get(d.outcome, d.outcome), d.protocol, state))
        declaration_rows = []
        for x in reversed(declarations):
            draw = draws.get(x.draw_id)
            drawn = ("non sorteggiata" if draw is None else
                     f"{'estratta' if x.drawn else 'non estratta'} nel sorteggio del "
                     f"{format_date(draw.drawn_on)} (seme {draw.seed})")
            outcome = (f"{rules.CHECK_OUTCOMES[x.check_outcome]} il "
                       f"{format_date(x.checked_on)}" + (f": {x.check_note}" if x.check_note
                                                         else "")
                       if x.check_outcome else "da controllare" if x.drawn else "")
            declaration_rows.append((format_date(x.received_on),
                                     rules.DECLARATION_KINDS.get(x.kind, x.kind), x.protocol,
                                     drawn, outcome))
        award_rows = [(format_date(a.awarded_on), a.object, f"{a.sector} ({sector_key(a.sector)})"
                       if sector_key(a.sector) != a.sector else a.sector,
                       format_money(a.amount), a.cig,
                       EXCEPTIONS.get(a.rotation_exception, "") + (
                           f" – {a.motivation}" if a.motivation else ""))
                      for a in reversed(awards)]
        invoice_rows = [(f"{i.number}/{i.year}", format_date(i.received_on),
                         f"n. {i.invoice_number} del {format_date(i.invoice_date)}",
                         format_money(i.total), invoice_rules.INVOICE.label(i.status))
                        for i in reversed(invoices)]
        history = []
        for a in accounts:
            history.append(HistoryRow(a.declared_on, "Conto dedicato",
                                      f"Dichiarato {rules.format_iban(a.iban)} – delegati: "
                                      f"{_delegates_text(people[a.id])}", a.protocol, 1, a.id))
            if a.revoked_on:
                history.append(HistoryRow(a.revoked_on, "Revoca del conto dedicato",
                                          f"{rules.format_iban(a.iban)}: {a.revoke_reason}",
                                          order=2, seq=a.id))
        for d in durcs:
            history.append(HistoryRow(d.issued_on, "DURC", (
                f"Esito {rules.DURC_OUTCOMES.get(d.outcome, d.outcome)}, valido fino al "
                f"{format_date(d.expires_on)}"), d.protocol, 1, d.id))
        for x in declarations:
            history.append(HistoryRow(x.received_on, "Dichiarazione dei requisiti",
                                      rules.DECLARATION_KINDS.get(x.kind, x.kind), x.protocol,
                                      1, x.id))
            draw = draws.get(x.draw_id)
            if draw is not None and x.drawn:
                history.append(HistoryRow(draw.drawn_on, "Controllo a campione", (
                    f"Estratta nel sorteggio del {draw.percent} % (seme {draw.seed}) tra "
                    f"{draw.candidates} fornitori"), order=2, seq=x.id))
            if x.check_outcome:
                history.append(HistoryRow(x.checked_on, "Esito del controllo",
                                          rules.CHECK_OUTCOMES[x.check_outcome]
                                          + (f": {x.check_note}" if x.check_note else ""),
                                          order=3, seq=x.id))
        for a in awards:
            history.append(HistoryRow(a.awarded_on, "Affidamento", (
                f"{a.object}, {format_money(a.amount)} al netto dell'IVA"
                + (f" – deroga alla rotazione: {EXCEPTIONS[a.rotation_exception]}"
                   if a.rotation_exception else "")), f"CIG {a.cig}" if a.cig else "", 1, a.id))
        for i in invoices:
            history.append(HistoryRow(i.received_on, "Fattura ricevuta", (
                f"N. {i.invoice_number} del {format_date(i.invoice_date)}, "
                f"{format_money(i.total)}"), f"Registro delle fatture n. {i.number}/{i.year}",
                4, i.id, ("invoice", i.id)))
    warnings = []
    durc_state = rules.durc_state(latest, today)
    if durc_state == "scaduto":
        warnings.append(f"DURC scaduto il {format_date(latest.expires_on)}: acquisirne uno "
                        "nuovo prima di pagare.")
    elif durc_state == "non_regolare":
        warnings.append("L'ultimo DURC non è regolare: non pagare prima dell'intervento "
                        "sostitutivo (art. 11 D.Lgs. 36/2023).")
    elif durc_state == "mancante" and invoices:
        warnings.append("Nessun DURC registrato.")
    if in_force is None and (invoices or awards):
        warnings.append("Manca la dichiarazione del conto dedicato (L. 136/2010 art. 3).")
    last_iban = next((i.iban for i in reversed(invoices) if i.iban), "")
    if in_force is not None and last_iban and last_iban != in_force.iban:
        warnings.append(f"L'ultima fattura indica l'IBAN {rules.format_iban(last_iban)}, "
                        f"diverso dal conto dedicato in vigore "
                        f"{rules.format_iban(in_force.iban)}: pagare sul conto dedicato.")
    if any(x.check_outcome == "negativo" for x in declarations):
        warnings.append("Un controllo dei requisiti ha avuto esito negativo (art. 52 c.2).")
    pending = tuple(x.id for x in declarations if x.drawn and not x.check_outcome)
    if pending:
        warnings.append("Una dichiarazione estratta per il controllo a campione attende "
                        "l'esito.")
    delegates = tuple((d.name, d.tax_code, d.role) for d in people[in_force.id]) \
        if in_force else ()
    code = rules.vat_digits(p.vat) if p.vat else p.tax_code
    last = awards[-1] if awards else None
    fields = (
        FieldLine("name", "Denominazione", p.name),
        FieldLine("vat", "Partita IVA", rules.vat_digits(p.vat) if p.vat.startswith("IT")
                  else p.vat),
        FieldLine("tax_code", "Codice fiscale", p.tax_code),
        FieldLine("address", "Indirizzo", p.address),
        FieldLine("pec", "PEC", p.pec),
        FieldLine("phone", "Telefono", p.phone),
        FieldLine("active", "Nell'albo", "attivo" if p.active else "non attivo"),
        FieldLine("durc", "DURC", rules.durc_text(latest, today)),
        FieldLine("account", "Conto dedicato in vigore",
                  (f"{rules.format_iban(in_force.iban)} dal {format_date(in_force.declared_on)}"
                   f" – delegati: {_delegates_text(people[in_force.id])}")
                  if in_force else "non dichiarato"),
        FieldLine("last_award", "Ultimo affidamento",
                  f"{format_date(last.awarded_on)}: {last.object} ({format_money(last.amount)})"
                  if last else "nessuno"),
    )
    values = {"name": p.name, "vat": rules.vat_digits(p.vat) if p.vat.startswith("IT")
              else p.vat, "tax_code": p.tax_code, "address": p.address, "pec": p.pec,
              "phone": p.phone, "active": p.active}
    specs = {r.name: r for r in all_reports()}
    documents = [DocumentRef("scheda-fornitore", f"Scheda del fornitore {p.name}", today,
                             (("fornitore", code or p.id),)),
                 DocumentRef("fornitori", "Albo dei fornitori", today)]
    return SupplierScheda(
        p.id, f"{p.name}" + (f" – P. IVA {code}" if p.vat else f" – C.F. {code}" if code
                             else ""),
        ("Fornitore attivo" if p.active else "Fornitore non attivo") + " · "
        + rules.durc_text(latest, today) + " · conto dedicato "
        + ("dichiarato" if in_force else "non dichiarato"),
        " ".join(warnings), fields, values, tuple(account_rows),
        tuple(a.id for a in reversed(accounts)), tuple(durc_rows), tuple(declaration_rows),
        tuple(x.id for x in reversed(declarations)), tuple(award_rows), tuple(invoice_rows),
        tuple(i.id for i in reversed(invoices)), in_date_order(history),
        printable(db, documents, specs), in_force.iban if in_force else "", delegates,
        rules.durc_text(latest, today), pending)

