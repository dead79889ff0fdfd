"""Fondi: what the tab and its work lists read (plain rows, no ORM objects): the years with a
Programma Annuale, the choices of the impegno form, and the lists of impegni, liquidazioni,
mandati and variations. Amounts come back as Decimal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.funds import chart
from ..domain.money import from_cents


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def programme_years(db: Database) -> list[tuple[int, str]]:
    """(year, state) of every Programma Annuale, the latest first."""
    with read_session(db) as s:
        return [(int(y), st) for y, st in s.execute(text(
            "SELECT year, state FROM funds_programme ORDER BY year DESC"))]


@dataclass(frozen=True)
class FundChoice:
    id: int
    name: str
    legal_basis: str
    destination: str
    spending_types: tuple[str, ...]
    use_by: date


@dataclass(frozen=True)
class CommitmentChoices:
    destinations: list[tuple[str, str]]     # (code, «A01 – Funzionamento…»)
    spending_types: list[tuple[str, str]]   # (code, «02 – Beni di consumo»)
    funds: list[FundChoice]


def commitment_choices(db: Database, year: int) -> CommitmentChoices:
    """The destinations on which one may commit in ``year`` (those with an appropriation,
    not R98, D100, Z01), the tipi di spesa and the year's earmarked funds."""
    with read_session(db) as s:
        dests = s.execute(text(
            "SELECT DISTINCT d.code, d.name FROM funds_destination d "
            "JOIN funds_programme p ON p.year = :y "
            "WHERE d.active AND (EXISTS (SELECT 1 FROM funds_spending_forecast f "
            "  WHERE f.programme_id = p.id AND f.destination_id = d.id) "
            " OR EXISTS (SELECT 1 FROM funds_variation_line l JOIN funds_variation v "
            "  ON v.id = l.variation_id WHERE v.programme_id = p.id "
            "  AND l.destination_id = d.id)) ORDER BY d.code"), {"y": year}).all()
        types = s.execute(text("SELECT code, name FROM funds_spending_type WHERE active "
                               "ORDER BY code")).all()
        funds = s.execute(text(
            "SELECT f.id, f.name, f.legal_basis, d.code, f.use_by FROM funds_earmarked f "
            "JOIN funds_programme p ON p.id = f.programme_id "
            "JOIN funds_destination d ON d.id = f.destination_id WHERE p.year = :y "
            "ORDER BY f.assigned_on, f.id"), {"y": year}).all()
        allowed = {}
        for fid, code in s.execute(text(
                "SELECT e.earmarked_id, t.code FROM funds_earmarked_type e "
                "JOIN funds_spending_type t ON t.id = e.spending_type_id ORDER BY t.code")):
            allowed.setdefault(fid, []).append(code)
    return CommitmentChoices(
        [(c, f"{c} – {n}") for c, n in dests if chart.is_spendable(c)],
        [(c, f"{c} – {n}") for c, n in types],
        [FundChoice(fid, n, basis, dest, tuple(allowed.get(fid, ())), _day(use_by))
         for fid, n, basis, dest, use_by in funds])


@dataclass(frozen=True)
class ChartChoices:
    revenue: list[tuple[str, str]]          # (code, «03/06 – Altri finanziamenti…»)
    destinations: list[tuple[str, str]]     # every active destination, R98 and Z01 too
    spending_types: list[tuple[str, str]]


def chart_choices(db: Database) -> ChartChoices:
    """The active chart of accounts (shipped defaults until the first PA seeds it), for the
    forms of variations and earmarked funds."""
    with read_session(db) as s:
        rows = {kind: s.execute(text(f"SELECT code, name FROM {table} WHERE active "
                                     "ORDER BY code")).all()
                for kind, table in (("revenue", "funds_revenue_item"),
                                    ("destinations", "funds_destination"),
                                    ("spending_types", "funds_spending_type"))}
    shipped = {"revenue": chart.REVENUE_ITEMS, "destinations": chart.DESTINATIONS,
               "spending_types": chart.SPENDING_TYPES}
    out = {}
    for kind, found in rows.items():
        pairs = found or [(a.code, a.name) for a in shipped[kind]]
        out[kind] = [(c, f"{c} – {n}") for c, n in pairs]
    return ChartChoices(**out)


@dataclass(frozen=True)
class CommitmentRow:
    id: int
    year: int
    number: int
    committed_on: date
    destination: str
    spending_type: str
    amount: Decimal
    liquidated: Decimal
    paid: Decimal
    creditor: str
    description: str
    status: str
    fund: str

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"


def list_commitments(db: Database, year: int | None = None) -> list[CommitmentRow]:
    """The impegni (of ``year``, or all), the latest first, with what is liquidated and
    paid on each."""
    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT c.id, c.year, c.number, c.committed_on, d.code, t.code, c.amount, "
            "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_liquidation l "
            " WHERE l.commitment_id = c.id), "
            "(SELECT COALESCE(SUM(m.amount), 0) FROM funds_payment_order m "
            " WHERE m.commitment_id = c.id), "
            "c.creditor_name, c.description, c.status, COALESCE(f.name, '') "
            "FROM funds_commitment c JOIN funds_destination d ON d.id = c.destination_id "
            "JOIN funds_spending_type t ON t.id = c.spending_type_id "
            "LEFT JOIN funds_earmarked f ON f.id = c.earmarked_id "
            "WHERE (CAST(:y AS INTEGER) IS NULL OR c.year = :y) "
            "ORDER BY c.year DESC, c.number DESC"),
            {"y": year}).all()
    return [CommitmentRow(r[0], r[1], r[2], _day(r[3]), r[4], r[5], from_cents(r[6]),
                          from_cents(r[7]), from_cents(r[8]), r[9], r[10], r[11], r[12])
            for r in rows]


@dataclass(frozen=True)
class LiquidationRow:
    id: int
    year: int
    number: int
    liquidated_on: date
    commitment: str         # «5/2021»
    destination: str
    amount: Decimal
    creditor: str
    description: str
    status: str

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"


def list_liquidations(db: Database, year: int | None = None, *,
                      unpaid_only: bool = False) -> list[LiquidationRow]:
    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT l.id, l.year, l.number, l.liquidated_on, "
            "COALESCE(c.number || '/' || c.year, 'residuo ' || z.origin_year), "
            "d.code, l.amount, COALESCE(c.creditor_name, z.counterpart), "
            "COALESCE(c.description, z.description), l.status "
            "FROM funds_liquidation l LEFT JOIN funds_commitment c ON c.id = l.commitment_id "
            "LEFT JOIN funds_residue z ON z.id = l.residue_id "
            "JOIN funds_destination d ON d.id = COALESCE(c.destination_id, z.destination_id) "
            "WHERE (CAST(:y AS INTEGER) IS NULL OR l.year = :y) "
            "AND (:open = 0 OR l.status = 'da pagare') "
            "ORDER BY l.year DESC, l.number DESC"),
            {"y": year, "open": int(unpaid_only)}).all()
    return [LiquidationRow(r[0], r[1], r[2], _day(r[3]), r[4], r[5], from_cents(r[6]), r[7],
                           r[8], r[9]) for r in rows]


@dataclass(frozen=True)
class PaymentOrderRow:
    id: int
    year: int
    number: int
    issued_on: date
    commitment: str
    destination: str
    spending_type: str
    amount: Decimal
    withholdings: Decimal
    creditor: str
    tax_code: str
    iban: str
    causale: str
    commitment_id: int | None       # None: a residuo imported without its impegno

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"


def list_payment_orders(db: Database, year: int | None = None) -> list[PaymentOrderRow]:
    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT m.id, m.year, m.number, m.issued_on, "
            "COALESCE(c.number || '/' || c.year, 'residuo ' || z.origin_year), d.code, "
            "t.code, m.amount, m.withholdings, m.creditor_name, "
            "CASE WHEN m.creditor_tax_code <> '' THEN m.creditor_tax_code "
            "ELSE m.creditor_vat END, m.creditor_iban, m.causale, m.commitment_id "
            "FROM funds_payment_order m LEFT JOIN funds_commitment c ON c.id = m.commitment_id "
            "LEFT JOIN funds_residue z ON z.id = m.residue_id "
            "JOIN funds_destination d ON d.id = m.destination_id "
            "JOIN funds_spending_type t ON t.id = m.spending_type_id "
            "WHERE (CAST(:y AS INTEGER) IS NULL OR m.year = :y) "
            "ORDER BY m.year DESC, m.number DESC"),
            {"y": year}).all()
    return [PaymentOrderRow(r[0], r[1], r[2], _day(r[3]), r[4], r[5], r[6], from_cents(r[7]),
                            from_cents(r[8]), r[9], r[10], r[11], r[12], r[13]) for r in rows]


@dataclass(frozen=True)
class VariationRow:
    id: int
    year: int
    number: int
    decided_on: date
    kind: str
    revenue: Decimal        # sum of the entrata lines (signed)
    spending: Decimal       # sum of the spesa lines (signed)
    lines: str              # «A02/03 −600,00; A03/02 +600,00»
    reason: str
    act_ref: str

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"


def list_variations(db: Database, year: int | None = None) -> list[VariationRow]:
    from ..domain.money import format_money

    with read_session(db) as s:
        heads = s.execute(text(
            "SELECT v.id, v.year, v.number, v.decided_on, v.kind, v.reason, v.act_ref "
            "FROM funds_variation v WHERE (CAST(:y AS INTEGER) IS NULL OR v.year = :y) "
            "ORDER BY v.year DESC, v.number DESC"), {"y": year}).all()
        lines: dict[int, list] = {}
        for vid, side, item, dest, kind, amount in s.execute(text(
                "SELECT l.variation_id, l.side, r.code, d.code, t.code, l.amount "
                "FROM funds_variation_line l "
                "LEFT JOIN funds_revenue_item r ON r.id = l.revenue_item_id "
                "LEFT JOIN funds_destination d ON d.id = l.destination_id "
                "LEFT JOIN funds_spending_type t ON t.id = l.spending_type_id "
                "ORDER BY l.variation_id, l.line_no")):
            lines.setdefault(vid, []).append((side, item, dest, kind, from_cents(amount)))
    out = []
    for vid, y, number, day, kind, reason, act in heads:
        mine = lines.get(vid, [])
        text_ = "; ".join(
            f"{'E ' + item if side == 'E' else f'{dest}/{t}'} "
            f"{'+' if a > 0 else '−'}{format_money(abs(a), symbol=False)}"
            for side, item, dest, t, a in mine)
        out.append(VariationRow(
            vid, y, number, _day(day), kind,
            sum((a for side, *_r, a in mine if side == "E"), Decimal("0.00")),
            sum((a for side, *_r, a in mine if side == "U"), Decimal("0.00")),
            text_, reason, act))
    return out
