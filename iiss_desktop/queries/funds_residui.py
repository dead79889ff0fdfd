"""Fondi: the accertamenti (art. 13-14), the residui attivi and passivi (art. 12 c.2) and the
situazione amministrativa (Mod. J of D.I. 129/2018), read as plain frozen rows and summed by
the database.

Residui «al 31/12» of a year N are computed from the records, whether or not they have been
carried yet (services/funds/residui.py carries exactly these figures):
    residuo attivo  = accertato − riscosso (accertamenti of N) and, for the residui managed
                      in N, riportato − riscosso in conto residui − radiato;
    residuo passivo = impegnato − pagato (impegni of N) and, for the residui managed in N,
                      riportato − pagato in conto residui − radiato.
Situazione amministrativa (Mod. J):
    fondo di cassa al 1/1 + riscossioni (competenza + residui) − pagamenti (competenza +
    residui) = fondo di cassa al 31/12;
    fondo di cassa al 31/12 + residui attivi − residui passivi = avanzo (+) o disavanzo (−)
    di amministrazione.
The fondo di cassa at 1 January is the one recorded for the archive's first year
(``Programme.cash_opening``), else the previous year's 31 December; unknown: 0,00 with
``opening_known`` False.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from ..areas.funds import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.money import from_cents

ZERO = Decimal("0.00")
# The reference of a residuo imported from the program used before, without its accertamento
# or impegno in this archive (services/funds/residui_import.py).
IMPORTED = "importato"


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _cash_moves(s, year: int) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Riscossioni and pagamenti of ``year``: (competenza, residui) each."""
    r = s.execute(text(
        "SELECT (SELECT COALESCE(SUM(amount), 0) FROM funds_receipt_order "
        "  WHERE year = :y AND residue_id IS NULL), "
        "(SELECT COALESCE(SUM(amount), 0) FROM funds_receipt_order "
        "  WHERE year = :y AND residue_id IS NOT NULL), "
        "(SELECT COALESCE(SUM(amount), 0) FROM funds_payment_order "
        "  WHERE year = :y AND residue_id IS NULL), "
        "(SELECT COALESCE(SUM(amount), 0) FROM funds_payment_order "
        "  WHERE year = :y AND residue_id IS NOT NULL)"), {"y": year}).one()
    return tuple(from_cents(v) for v in r)


def opening_cash_in(s, year: int) -> Decimal | None:
    """The fondo di cassa at 1 January of ``year``: recorded, or carried from the previous
    years of the archive; None when no year before it has one recorded."""
    programmes = dict(s.execute(text("SELECT year, cash_opening FROM funds_programme "
                                     "WHERE year <= :y"), {"y": year}).all())
    start = year
    while start in programmes and programmes[start] is None and start - 1 in programmes:
        start -= 1
    if start not in programmes or programmes[start] is None:
        return None
    cash = from_cents(programmes[start])
    for y in range(start, year):
        rc, rr, pc, pr = _cash_moves(s, y)
        cash += rc + rr - pc - pr
    return cash


# --- accertamenti -------------------------------------------------------------------------------

@dataclass(frozen=True)
class AssessmentRow:
    id: int
    year: int
    number: int
    assessed_on: date
    revenue: str
    revenue_name: str
    debtor: str
    description: str
    document_ref: str
    document_date: date
    amount: Decimal
    collected: Decimal          # all the reversali on it (competenza and residui)
    radiated: Decimal           # radiations of its residui
    fund: str = ""

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def to_collect(self) -> Decimal:
        return self.amount - self.collected - self.radiated


@requires(READ)
def list_assessments(db: Database, year: int | None = None) -> list[AssessmentRow]:
    """The accertamenti (of ``year``, or all), the latest first, with what was collected."""
    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT a.id, a.year, a.number, a.assessed_on, i.code, i.name, a.debtor, "
            "a.description, a.document_ref, a.document_date, a.amount, "
            "(SELECT COALESCE(SUM(r.amount), 0) FROM funds_receipt_order r "
            " WHERE r.assessment_id = a.id), "
            "(SELECT COALESCE(SUM(x.amount), 0) FROM funds_residue_radiation x "
            " JOIN funds_residue z ON z.id = x.residue_id WHERE z.assessment_id = a.id), "
            "COALESCE(f.name, '') FROM funds_assessment a "
            "JOIN funds_revenue_item i ON i.id = a.revenue_item_id "
            "LEFT JOIN funds_earmarked f ON f.id = a.earmarked_id "
            "WHERE (CAST(:y AS INTEGER) IS NULL OR a.year = :y) "
            "ORDER BY a.year DESC, a.number DESC"),
            {"y": year}).all()
    return [AssessmentRow(r[0], r[1], r[2], _day(r[3]), r[4], r[5], r[6], r[7], r[8],
                          _day(r[9]), from_cents(r[10]), from_cents(r[11]),
                          from_cents(r[12]), r[13]) for r in rows]


@dataclass(frozen=True)
class Collectable:
    """An accertamento a reversale of ``year`` may collect: of the year (competenza) or a
    residuo attivo carried into it."""

    assessment_id: int | None       # None: a residuo imported alone (``residue_id``)
    ref: str                # «3/2021»
    revenue: str
    debtor: str
    description: str
    left: Decimal
    residue: bool
    residue_id: int | None = None

    @property
    def key(self) -> tuple[int | None, int | None]:
        """What the reversale names: ``(assessment_id, residue_id)``."""
        return (self.assessment_id, None) if self.assessment_id else (None, self.residue_id)


@requires(READ)
def collectable(db: Database, year: int) -> list[Collectable]:
    """What the reversali of ``year`` may still collect, by accertamento."""
    out = []
    for a in list_assessments(db, year):
        if a.to_collect > 0:
            out.append(Collectable(a.id, a.ref, a.revenue, a.debtor, a.description,
                                   a.to_collect, False))
    for line in residui(db, year).attivi:
        if line.managed and line.remaining > 0:
            out.append(Collectable(line.document_id, line.ref, line.account,
                                   line.counterpart, line.description, line.remaining, True,
                                   line.residue_id))
    return sorted(out, key=lambda c: (not c.residue, c.ref))


@dataclass(frozen=True)
class Liquidable:
    """A residuo passivo managed in ``year`` a liquidazione may still charge: by its impegno
    (``commitment_id``) or, imported without one, by the residuo alone."""

    residue_id: int
    commitment_id: int | None
    ref: str                # «5/2020», or «importato»
    origin_year: int
    account: str            # «A02/03»
    creditor: str
    description: str
    left: Decimal           # not yet liquidated nor radiated


@requires(READ)
def liquidable_residui(db: Database, year: int) -> list[Liquidable]:
    """The residui passivi of ``year`` with something left to liquidate, oldest first: the
    impegno's amount less all its liquidazioni and radiations, or (imported) the residuo's."""
    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT z.id, z.commitment_id, c.number, c.year, z.origin_year, "
            "d.code || '/' || t.code, z.counterpart, z.description, "
            "CASE WHEN z.commitment_id IS NULL THEN z.amount - "
            " (SELECT COALESCE(SUM(l.amount), 0) FROM funds_liquidation l "
            "  WHERE l.residue_id = z.id) - "
            " (SELECT COALESCE(SUM(x.amount), 0) FROM funds_residue_radiation x "
            "  WHERE x.residue_id = z.id) "
            "ELSE c.amount - (SELECT COALESCE(SUM(l.amount), 0) FROM funds_liquidation l "
            "  WHERE l.commitment_id = c.id) - "
            " (SELECT COALESCE(SUM(x.amount), 0) FROM funds_residue_radiation x "
            "  JOIN funds_residue y ON y.id = x.residue_id WHERE y.commitment_id = c.id) END "
            "FROM funds_residue z LEFT JOIN funds_commitment c ON c.id = z.commitment_id "
            "JOIN funds_destination d ON d.id = z.destination_id "
            "LEFT JOIN funds_spending_type t ON t.id = z.spending_type_id "
            "WHERE z.year = :y AND z.kind = 'P' ORDER BY z.origin_year, z.id"),
            {"y": year}).all()
    return [Liquidable(rid, cid, f"{n}/{y}" if n is not None else IMPORTED, origin,
                       account or "", who or "", what or "", from_cents(left))
            for rid, cid, n, y, origin, account, who, what, left in rows
            if from_cents(left) > 0]


# --- residui -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ResidueLine:
    kind: str                   # "A" attivo, "P" passivo
    origin_year: int
    ref: str                    # the accertamento's or the impegno's «n/anno»
    document_id: int | None     # the accertamento's or the impegno's id (None: imported)
    account: str                # voce «06/01» or destination/tipo «A02/02»
    counterpart: str
    description: str
    start: Decimal              # accertato/impegnato (of the year) or riportato (older)
    settled: Decimal            # riscosso / pagato in the year
    radiated: Decimal
    managed: bool               # True: a residuo carried into the year (residue_id set)
    residue_id: int | None = None

    @property
    def remaining(self) -> Decimal:
        return self.start - self.settled - self.radiated


@dataclass(frozen=True)
class Residui:
    """The residui at 31 December of ``year``: those of earlier years managed in it and those
    born in it; ``carried_on`` the date they were carried into the next year (or None)."""

    year: int
    carried_on: date | None
    attivi: tuple[ResidueLine, ...]
    passivi: tuple[ResidueLine, ...]

    def total(self, kind: str, *, older: bool | None = None) -> Decimal:
        """What remains at 31/12: all (``older`` None), of earlier years (True), of the
        year's own competence (False)."""
        lines = self.attivi if kind == "A" else self.passivi
        return sum((x.remaining for x in lines if older is None or x.managed == older), ZERO)


def _residui_in(s, year: int) -> Residui:
    p = {"y": year}
    managed = s.execute(text(
        "SELECT z.id, z.kind, z.origin_year, "
        "CASE WHEN z.kind = 'A' THEN a.number ELSE c.number END, "
        "CASE WHEN z.kind = 'A' THEN a.year ELSE c.year END, "
        "COALESCE(z.assessment_id, z.commitment_id), "
        "CASE WHEN z.kind = 'A' THEN i.code ELSE d.code || '/' || t.code END, "
        "z.counterpart, z.description, z.amount, "
        "CASE WHEN z.kind = 'A' THEN (SELECT COALESCE(SUM(r.amount), 0) "
        "  FROM funds_receipt_order r WHERE r.residue_id = z.id) "
        " ELSE (SELECT COALESCE(SUM(m.amount), 0) FROM funds_payment_order m "
        "  WHERE m.residue_id = z.id) END, "
        "(SELECT COALESCE(SUM(x.amount), 0) FROM funds_residue_radiation x "
        " WHERE x.residue_id = z.id) "
        "FROM funds_residue z LEFT JOIN funds_assessment a ON a.id = z.assessment_id "
        "LEFT JOIN funds_commitment c ON c.id = z.commitment_id "
        "LEFT JOIN funds_revenue_item i ON i.id = z.revenue_item_id "
        "LEFT JOIN funds_destination d ON d.id = z.destination_id "
        "LEFT JOIN funds_spending_type t ON t.id = z.spending_type_id "
        "WHERE z.year = :y ORDER BY z.kind, z.origin_year, 4"), p).all()
    lines = [ResidueLine(kind, origin, f"{n}/{y}" if n is not None else IMPORTED, doc,
                         account, who or "", what or "",
                         from_cents(start), from_cents(settled), from_cents(radiated), True, rid)
             for rid, kind, origin, n, y, doc, account, who, what, start, settled, radiated
             in managed]
    own_a = s.execute(text(
        "SELECT a.number, a.id, i.code, a.debtor, a.description, a.amount, "
        "(SELECT COALESCE(SUM(r.amount), 0) FROM funds_receipt_order r "
        " WHERE r.assessment_id = a.id AND r.year = :y) FROM funds_assessment a "
        "JOIN funds_revenue_item i ON i.id = a.revenue_item_id WHERE a.year = :y "
        "ORDER BY a.number"), p).all()
    own_p = s.execute(text(
        "SELECT c.number, c.id, d.code || '/' || t.code, c.creditor_name, c.description, "
        "c.amount, (SELECT COALESCE(SUM(m.amount), 0) FROM funds_payment_order m "
        " WHERE m.commitment_id = c.id AND m.year = :y) FROM funds_commitment c "
        "JOIN funds_programme g ON g.id = c.programme_id "
        "JOIN funds_destination d ON d.id = c.destination_id "
        "JOIN funds_spending_type t ON t.id = c.spending_type_id WHERE g.year = :y "
        "ORDER BY c.number"), p).all()
    for kind, rows in (("A", own_a), ("P", own_p)):
        for n, doc, account, who, what, amount, settled in rows:
            if from_cents(amount) - from_cents(settled) > 0:
                lines.append(ResidueLine(kind, year, f"{n}/{year}", doc, account, who or "",
                                         what or "", from_cents(amount), from_cents(settled),
                                         ZERO, False))
    carried = s.execute(text("SELECT carried_on FROM funds_residue_carry WHERE from_year = :y"),
                        p).scalar()
    return Residui(year, _day(carried), tuple(x for x in lines if x.kind == "A"),
                   tuple(x for x in lines if x.kind == "P"))


@requires(READ)
def residui(db: Database, year: int) -> Residui:
    """The residui attivi and passivi at 31 December of ``year``, by origin year."""
    with read_session(db) as s:
        return _residui_in(s, year)


# --- situazione amministrativa (Mod. J) ----------------------------------------------------------

@dataclass(frozen=True)
class AdministrativeSituation:
    year: int
    state: str                      # the Programma Annuale's
    opening: Decimal                # fondo di cassa al 1° gennaio
    opening_known: bool
    receipts_competence: Decimal
    receipts_residui: Decimal
    payments_competence: Decimal
    payments_residui: Decimal
    active_older: Decimal           # residui attivi al 31/12 degli esercizi precedenti
    active_year: Decimal            # … dell'esercizio
    passive_older: Decimal
    passive_year: Decimal
    carried_on: date | None

    @property
    def receipts(self) -> Decimal:
        return self.receipts_competence + self.receipts_residui

    @property
    def payments(self) -> Decimal:
        return self.payments_competence + self.payments_residui

    @property
    def closing(self) -> Decimal:
        """Fondo di cassa al 31 dicembre."""
        return self.opening + self.receipts - self.payments

    @property
    def active(self) -> Decimal:
        return self.active_older + self.active_year

    @property
    def passive(self) -> Decimal:
        return self.passive_older + self.passive_year

    @property
    def result(self) -> Decimal:
        """Avanzo (+) o disavanzo (−) di amministrazione al 31 dicembre."""
        return self.closing + self.active - self.passive


@requires(READ)
def administrative_situation(db: Database, year: int) -> AdministrativeSituation | None:
    """Mod. J of ``year``; None when the year has no Programma Annuale."""
    with read_session(db) as s:
        state = s.execute(text("SELECT state FROM funds_programme WHERE year = :y"),
                          {"y": year}).scalar()
        if state is None:
            return None
        opening = opening_cash_in(s, year)
        rc, rr, pc, pr = _cash_moves(s, year)
        r = _residui_in(s, year)
    return AdministrativeSituation(
        year, state, opening if opening is not None else ZERO, opening is not None, rc, rr,
        pc, pr, r.total("A", older=True), r.total("A", older=False), r.total("P", older=True),
        r.total("P", older=False), r.carried_on)


def revenue_choices(db: Database, year: int) -> list[tuple[str, str]]:
    """The voci di entrata of the Programma Annuale of ``year`` (with a forecast or a
    variation) and the partite di giro: the choices of the accertamento form."""
    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT i.code, i.name FROM funds_revenue_item i JOIN funds_programme p "
            "ON p.year = :y WHERE i.active AND (i.code LIKE '99/%' OR EXISTS (SELECT 1 FROM "
            "funds_revenue_forecast f WHERE f.programme_id = p.id AND f.revenue_item_id = i.id)"
            " OR EXISTS (SELECT 1 FROM funds_variation_line l JOIN funds_variation v "
            " ON v.id = l.variation_id WHERE v.programme_id = p.id "
            " AND l.revenue_item_id = i.id)) ORDER BY i.code"), {"y": year}).all()
    return [(code, f"{code} – {name}") for code, name in rows]
