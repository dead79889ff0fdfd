"""Fondi: the budget documents as the prints read them (plain rows, no ORM objects).

- ``programme_model_a``: the Programma Annuale (Mod. A): entrate by aggregato and voce,
  spese by destination (A, P, G, R98, D100 with the school's third-level activities and
  projects), the disponibilità da programmare Z01 (entrate − spese programmate), the iter;
- ``programme_schede``: the schede illustrative finanziarie (Mod. B): per destination the
  spese by tipo di spesa, what finances it, the variations that touched it (Mod. G);
- ``variation_decree``: one variation with its lines and the forecasts before and after it;
- ``variations_summary``: the variations of a year with their totals per voce and destination
  (Mod. F / G);
- ``earmarked_reports``: per earmarked fund what was committed, liquidated and paid by
  category, the restitution, the remainder (the ministry's monitoraggi).

Every figure is summed from the forecasts, the variation lines and the spending documents;
nothing is stored. The initial forecasts of entrata are not tied to a destination in the
Programma Annuale: a scheda shows the initial share as one line, the variations by their act.
Amounts come back as Decimal.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from ..areas.funds import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.funds import chart, rules
from ..domain.money import from_cents

ZERO = Decimal("0.00")
# The first-level groups of the piano delle destinazioni (nota 25674/2018), in the order of
# Mod. A; Z01 is not a spending group: it is the revenue not yet programmed.
GROUPS = (("A", "Attività"), ("P", "Progetti"), ("G", "Gestioni economiche"),
          ("R", "Fondo di riserva"), ("D", "Disavanzo di amministrazione presunto"))
# The two voci of the avanzo, printed even when zero (Mod. A shows both).
SURPLUS = ("01/01", "01/02")


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _money(value) -> Decimal:
    return from_cents(value or 0)


@dataclass(frozen=True)
class Figure:
    """A forecast: the initial one of the Programma Annuale and the sum of the variations."""

    initial: Decimal = ZERO
    variations: Decimal = ZERO

    @property
    def definitive(self) -> Decimal:
        return self.initial + self.variations

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.initial + other.initial, self.variations + other.variations)

    def __bool__(self) -> bool:
        return bool(self.initial or self.variations)


def _total(figures) -> Figure:
    out = Figure()
    for f in figures:
        out = out + f
    return out


@dataclass(frozen=True)
class ProgrammeHead:
    id: int
    year: int
    state: str
    state_label: str
    proposed_on: date | None
    opinion_on: date | None
    approved_on: date | None
    approval_ref: str
    notes: str


def _head(s, year: int) -> ProgrammeHead | None:
    row = s.execute(text(
        "SELECT id, year, state, proposed_on, opinion_on, approved_on, approval_ref, notes "
        "FROM funds_programme WHERE year = :y"), {"y": year}).first()
    if row is None:
        return None
    return ProgrammeHead(row[0], row[1], row[2], rules.PROGRAMME.label(row[2]), _day(row[3]),
                         _day(row[4]), _day(row[5]), row[6] or "", row[7] or "")


# --- Mod. A -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class AccountRow:
    """A voce di entrata («03/06») or a destination («A03», «A03/1») with its forecast."""

    code: str
    name: str
    confirmed: bool
    figure: Figure
    level: int = 2          # destinations: 2 (piano delle destinazioni), 3 (the school's own)


@dataclass(frozen=True)
class AccountGroup:
    """An aggregato di entrata («03 Finanziamenti dello Stato») or a group of destinations
    («A Attività»): its rows and their total (third-level rows are inside their parent's)."""

    code: str
    name: str
    rows: tuple[AccountRow, ...]

    @property
    def figure(self) -> Figure:
        return _total(r.figure for r in self.rows if r.level == 2)


@dataclass(frozen=True)
class ModelA:
    head: ProgrammeHead
    revenue: tuple[AccountGroup, ...]           # every aggregato, with the voci that count
    spending: tuple[AccountGroup, ...]          # the groups A, P, G, R, D
    to_programme: Figure                        # Z01: entrate − spese programmate
    surplus_free: Figure                        # 01/01 avanzo non vincolato
    surplus_bound: Figure                       # 01/02 avanzo vincolato

    @property
    def revenue_total(self) -> Figure:
        return _total(g.figure for g in self.revenue)

    @property
    def spending_total(self) -> Figure:
        """The spese programmate (every destination but Z01)."""
        return _total(g.figure for g in self.spending)


_REVENUE = text(
    "SELECT r.code, r.name, r.confirmed, "
    "(SELECT COALESCE(SUM(f.amount), 0) FROM funds_revenue_forecast f "
    " WHERE f.programme_id = :p AND f.revenue_item_id = r.id), "
    "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l JOIN funds_variation v "
    " ON v.id = l.variation_id WHERE v.programme_id = :p AND l.side = 'E' "
    " AND l.revenue_item_id = r.id) "
    "FROM funds_revenue_item r ORDER BY r.code")
_SPENDING = text(
    "SELECT d.code, d.name, d.confirmed, p.code, "
    "(SELECT COALESCE(SUM(f.amount), 0) FROM funds_spending_forecast f "
    " WHERE f.programme_id = :p AND f.destination_id = d.id), "
    "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l JOIN funds_variation v "
    " ON v.id = l.variation_id WHERE v.programme_id = :p AND l.side = 'U' "
    " AND l.destination_id = d.id) "
    "FROM funds_destination d LEFT JOIN funds_destination p ON p.id = d.parent_id "
    "ORDER BY d.code")


def _revenue_in(s, pid: int) -> tuple[tuple[AccountGroup, ...], dict[str, Figure]]:
    figures: dict[str, Figure] = {}
    voci: dict[str, list[AccountRow]] = defaultdict(list)
    for code, name, confirmed, initial, varied in s.execute(_REVENUE, {"p": pid}):
        fig = Figure(_money(initial), _money(varied))
        figures[code] = fig
        if fig or code in SURPLUS:
            voci[chart.aggregate_of(code)].append(AccountRow(code, name, bool(confirmed), fig))
    groups = tuple(AccountGroup(a.code, a.name, tuple(voci.get(a.code, ())))
                   for a in chart.AGGREGATES)
    return groups, figures


def _destinations_in(s, pid: int) -> list[tuple[str, str, bool, str | None, Figure]]:
    return [(code, name, bool(confirmed), parent, Figure(_money(initial), _money(varied)))
            for code, name, confirmed, parent, initial, varied in s.execute(_SPENDING,
                                                                            {"p": pid})]


def _spending_groups(dests) -> tuple[AccountGroup, ...]:
    """The destinations with a forecast or a variation, by group; a second-level row carries
    its own figure plus its third-level children's, listed under it."""
    children: dict[str, list] = defaultdict(list)
    for code, name, confirmed, parent, fig in dests:
        if parent and fig:
            children[parent].append(AccountRow(code, name, confirmed, fig, level=3))
    rows: dict[str, list[AccountRow]] = defaultdict(list)
    for code, name, confirmed, parent, fig in dests:
        if parent or code == chart.TO_BE_PROGRAMMED:
            continue
        mine = children.get(code, [])
        total = fig + _total(c.figure for c in mine)
        if total or mine:
            rows[chart.group_of(code)].append(AccountRow(code, name, confirmed, total))
            rows[chart.group_of(code)].extend(mine)
    return tuple(AccountGroup(g, label, tuple(rows.get(g, ()))) for g, label in GROUPS)


@requires(READ)
def programme_model_a(db: Database, year: int) -> ModelA | None:
    """The Programma Annuale of ``year`` as Mod. A, or None if it was not prepared."""
    with read_session(db) as s:
        head = _head(s, year)
        if head is None:
            return None
        revenue, by_code = _revenue_in(s, head.id)
        spending = _spending_groups(_destinations_in(s, head.id))
    programmed = _total(g.figure for g in spending)
    income = _total(g.figure for g in revenue)
    return ModelA(head, revenue, spending,
                  Figure(income.initial - programmed.initial,
                         income.variations - programmed.variations),
                  by_code.get("01/01", Figure()), by_code.get("01/02", Figure()))


# --- Mod. B -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TypeRow:
    code: str
    name: str
    figure: Figure


@dataclass(frozen=True)
class FinancingRow:
    """What finances a destination: the initial share of the Programma Annuale, or a
    variation (its voci di entrata, or the destinations of a storno) with the amount it
    gave (or took from) the destination."""

    source: str
    act: str
    amount: Decimal


@dataclass(frozen=True)
class SchedaVariation:
    """A line of a variation on the destination (Mod. G)."""

    number: int
    year: int
    decided_on: date
    kind_label: str
    act_ref: str
    spending_type: str
    amount: Decimal


@dataclass(frozen=True)
class Scheda:
    code: str
    name: str
    group: str                  # «Attività», «Progetti»…
    parent: str                 # «A03 Didattica» for a third-level destination, else ""
    types: tuple[TypeRow, ...]
    financing: tuple[FinancingRow, ...]
    variations: tuple[SchedaVariation, ...]
    funds: tuple[str, ...]      # the earmarked funds imputed on it, with their legal basis

    @property
    def figure(self) -> Figure:
        return _total(t.figure for t in self.types)


@dataclass(frozen=True)
class ModelB:
    head: ProgrammeHead
    schede: tuple[Scheda, ...]


def _variation_lines(s, pid: int) -> list[tuple]:
    """(variation id, number, year, decided_on, kind, act_ref, side, voce code, voce name,
    destination code, tipo code, amount) of every line of the programme, in number order."""
    return s.execute(text(
        "SELECT v.id, v.number, v.year, v.decided_on, v.kind, v.act_ref, l.side, r.code, "
        "r.name, d.code, t.code, l.amount "
        "FROM funds_variation v JOIN funds_variation_line l ON l.variation_id = v.id "
        "LEFT JOIN funds_revenue_item r ON r.id = l.revenue_item_id "
        "LEFT JOIN funds_destination d ON d.id = l.destination_id "
        "LEFT JOIN funds_spending_type t ON t.id = l.spending_type_id "
        "WHERE v.programme_id = :p ORDER BY v.number, l.line_no"), {"p": pid}).all()


def _financing(code: str, initial: Decimal, lines: list[tuple]) -> list[FinancingRow]:
    out = [FinancingRow("Entrate del Programma Annuale (previsione iniziale)",
                        "Programma Annuale", initial)] if initial else []
    by_variation: dict[int, list[tuple]] = defaultdict(list)
    for line in lines:
        by_variation[line[0]].append(line)
    for mine in by_variation.values():
        gave = sum((_money(x[11]) for x in mine if x[6] == "U" and x[9] == code), ZERO)
        if not gave:
            continue
        _vid, number, year, _day_, kind, _act, *_ = mine[0]
        act = f"{_kind_word(kind)} n. {number}/{year}"
        voci = list(dict.fromkeys(f"{x[7]} {x[8]}" for x in mine if x[6] == "E"))
        if voci:
            source = "Entrata " + ", ".join(voci)
        else:
            others = list(dict.fromkeys(x[9] for x in mine if x[6] == "U" and x[9] != code))
            source = (("Storno da " if gave > 0 else "Storno a ") + ", ".join(others)
                      if others else "Storno interno alla destinazione")
            if kind == "prelievo":
                source = "Prelievo dal fondo di riserva" if gave > 0 else source
        out.append(FinancingRow(source, act, gave))
    return out


def _kind_word(kind: str) -> str:
    return {"delibera": "Delibera di variazione", "decreto": "Decreto",
            "storno": "Storno", "prelievo": "Prelievo"}.get(kind, "Variazione")


@requires(READ)
def programme_schede(db: Database, year: int, destination: str | None = None) -> ModelB | None:
    """The schede illustrative finanziarie of ``year``: every destination with a forecast or
    a variation (not Z01), or only ``destination`` (its code). None without a Programma
    Annuale; no schede when the destination has no figures."""
    wanted = (destination or "").strip().upper() or None
    with read_session(db) as s:
        head = _head(s, year)
        if head is None:
            return None
        dests = s.execute(text(
            "SELECT d.id, d.code, d.name, p.code, p.name FROM funds_destination d "
            "LEFT JOIN funds_destination p ON p.id = d.parent_id ORDER BY d.code")).all()
        types = s.execute(text("SELECT code, name FROM funds_spending_type "
                               "ORDER BY code")).all()
        initial = {(d, t): _money(a) for d, t, a in s.execute(text(
            "SELECT d.code, t.code, SUM(f.amount) FROM funds_spending_forecast f "
            "JOIN funds_destination d ON d.id = f.destination_id "
            "JOIN funds_spending_type t ON t.id = f.spending_type_id "
            "WHERE f.programme_id = :p GROUP BY d.code, t.code"), {"p": head.id})}
        lines = _variation_lines(s, head.id)
        funds = defaultdict(list)
        for code, name, basis in s.execute(text(
                "SELECT d.code, f.name, f.legal_basis FROM funds_earmarked f "
                "JOIN funds_destination d ON d.id = f.destination_id "
                "WHERE f.programme_id = :p ORDER BY f.assigned_on, f.id"), {"p": head.id}):
            funds[code].append(f"{name} ({basis})")
    varied: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for x in lines:
        if x[6] == "U":
            varied[(x[9], x[10])] += _money(x[11])
    schede = []
    for _id, code, name, parent, parent_name in dests:
        if code == chart.TO_BE_PROGRAMMED or (wanted and code != wanted):
            continue
        rows = tuple(TypeRow(t, tname, Figure(initial.get((code, t), ZERO),
                                              varied.get((code, t), ZERO)))
                     for t, tname in types
                     if (code, t) in initial or (code, t) in varied)
        if not rows:
            continue
        own = [x for x in lines if x[6] == "U" and x[9] == code]
        schede.append(Scheda(
            code, name, dict(GROUPS).get(chart.group_of(code), ""),
            f"{parent} {parent_name}" if parent else "", rows,
            tuple(_financing(code, sum((r.figure.initial for r in rows), ZERO), lines)),
            tuple(SchedaVariation(x[1], x[2], _day(x[3]), rules.VARIATION_KINDS.get(x[4], x[4]),
                                  x[5] or "", x[10], _money(x[11])) for x in own),
            tuple(funds.get(code, ()))))
    return ModelB(head, tuple(schede))


# --- the decree of a variation (Mod. F) -------------------------------------------------------

@dataclass(frozen=True)
class DecreeLine:
    side: str               # "E" entrata, "U" spesa
    code: str               # «03/06» or «A01»
    name: str
    spending_type: str      # «02» (spesa only)
    spending_type_name: str
    amount: Decimal         # signed


@dataclass(frozen=True)
class ResultingForecast:
    """A forecast the variation changed: before it (initial + earlier variations) and after."""

    side: str
    code: str               # «03/06», «A01/02» (destination/tipo)
    name: str
    before: Decimal
    change: Decimal

    @property
    def after(self) -> Decimal:
        return self.before + self.change


@dataclass(frozen=True)
class FundBasis:
    name: str
    legal_basis: str
    note: str
    amount: Decimal
    assigned_on: date
    use_by: date


@dataclass(frozen=True)
class Decree:
    id: int
    year: int
    number: int
    kind: str
    kind_label: str
    decided_on: date
    reason: str
    act_ref: str
    by_decree: bool                 # decided by the dirigente (decreto, storno, prelievo)
    head: ProgrammeHead
    fund: FundBasis | None          # the earmarked fund it takes into the budget
    lines: tuple[DecreeLine, ...]
    resulting: tuple[ResultingForecast, ...]
    recorded_by: str

    @property
    def revenue(self) -> Decimal:
        return sum((x.amount for x in self.lines if x.side == "E"), ZERO)

    @property
    def spending(self) -> Decimal:
        return sum((x.amount for x in self.lines if x.side == "U"), ZERO)


@requires(READ)
def variation_decree(db: Database, variation_id: int | None = None, *, year: int | None = None,
                     number: int | None = None) -> Decree | None:
    """The variation ``variation_id``, or number ``number`` of ``year``, or (no number) the
    latest of ``year`` (of any year without one). None if there is none."""
    with read_session(db) as s:
        where, params = "1 = 1", {}
        if variation_id is not None:
            where, params = "v.id = :id", {"id": variation_id}
        else:
            if year is not None:
                where, params = "v.year = :y", {"y": year}
            if number is not None:
                where += " AND v.number = :n"
                params["n"] = number
        row = s.execute(text(
            "SELECT v.id, v.year, v.number, v.kind, v.decided_on, v.reason, v.act_ref, "
            "v.earmarked_id, v.programme_id, p.year, COALESCE(u.full_name, '') "
            "FROM funds_variation v JOIN funds_programme p ON p.id = v.programme_id "
            "LEFT JOIN app_user u ON u.id = v.recorded_by_id "
            f"WHERE {where} ORDER BY v.year DESC, v.number DESC LIMIT 1"), params).first()
        if row is None:
            return None
        vid, vyear, vnumber, kind, decided, reason, act, fund_id, pid, pyear, who = row
        head = _head(s, pyear)
        fund = None
        if fund_id is not None:
            f = s.execute(text(
                "SELECT name, legal_basis, note, amount, assigned_on, use_by "
                "FROM funds_earmarked WHERE id = :f"), {"f": fund_id}).one()
            fund = FundBasis(f[0], f[1], f[2] or "", _money(f[3]), _day(f[4]), _day(f[5]))
        lines = tuple(DecreeLine(side, rcode or dcode, rname or dname, tcode or "", tname or "",
                                 _money(amount))
                      for side, rcode, rname, dcode, dname, tcode, tname, amount in s.execute(
                          text("SELECT l.side, r.code, r.name, d.code, d.name, t.code, t.name, "
                               "l.amount FROM funds_variation_line l "
                               "LEFT JOIN funds_revenue_item r ON r.id = l.revenue_item_id "
                               "LEFT JOIN funds_destination d ON d.id = l.destination_id "
                               "LEFT JOIN funds_spending_type t ON t.id = l.spending_type_id "
                               "WHERE l.variation_id = :v ORDER BY l.line_no"), {"v": vid}))
        resulting = []
        for side, code, tcode in dict.fromkeys((x.side, x.code, x.spending_type)
                                               for x in lines):
            if side == "E":
                before_initial, before_varied = s.execute(text(
                    "SELECT (SELECT COALESCE(SUM(f.amount), 0) FROM funds_revenue_forecast f "
                    " JOIN funds_revenue_item r ON r.id = f.revenue_item_id "
                    " WHERE f.programme_id = :p AND r.code = :c), "
                    "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l "
                    " JOIN funds_variation v ON v.id = l.variation_id "
                    " JOIN funds_revenue_item r ON r.id = l.revenue_item_id "
                    " WHERE v.programme_id = :p AND v.number < :n AND l.side = 'E' "
                    " AND r.code = :c)"), {"p": pid, "c": code, "n": vnumber}).one()
            else:
                before_initial, before_varied = s.execute(text(
                    "SELECT (SELECT COALESCE(SUM(f.amount), 0) FROM funds_spending_forecast f "
                    " JOIN funds_destination d ON d.id = f.destination_id "
                    " JOIN funds_spending_type t ON t.id = f.spending_type_id "
                    " WHERE f.programme_id = :p AND d.code = :c AND t.code = :t), "
                    "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l "
                    " JOIN funds_variation v ON v.id = l.variation_id "
                    " JOIN funds_destination d ON d.id = l.destination_id "
                    " JOIN funds_spending_type t ON t.id = l.spending_type_id "
                    " WHERE v.programme_id = :p AND v.number < :n AND l.side = 'U' "
                    " AND d.code = :c AND t.code = :t)"),
                    {"p": pid, "c": code, "t": tcode, "n": vnumber}).one()
            mine = [x for x in lines if (x.side, x.code, x.spending_type) == (side, code, tcode)]
            resulting.append(ResultingForecast(
                side, f"{code}/{tcode}" if side == "U" else code,
                mine[0].name + (f" – {mine[0].spending_type_name}" if side == "U" else ""),
                _money(before_initial) + _money(before_varied),
                sum((x.amount for x in mine), ZERO)))
    return Decree(vid, vyear, vnumber, kind, rules.VARIATION_KINDS.get(kind, kind), _day(decided),
                  reason or "", act or "", kind in rules.BY_DECREE, head, fund, lines,
                  tuple(resulting), who)


# --- the variations of a year (Mod. F / G) ----------------------------------------------------

@dataclass(frozen=True)
class VariationHead:
    id: int
    number: int
    year: int
    decided_on: date
    kind_label: str
    act_ref: str
    reason: str
    revenue: Decimal
    spending: Decimal


@dataclass(frozen=True)
class VariedAccount:
    """A voce, a destination or a destination/tipo with its forecast and the numbers of the
    variations that touched it."""

    code: str
    name: str
    figure: Figure
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class VariationsSummary:
    head: ProgrammeHead
    variations: tuple[VariationHead, ...]
    by_revenue: tuple[VariedAccount, ...]
    by_destination: tuple[VariedAccount, ...]
    by_destination_type: tuple[VariedAccount, ...]

    @property
    def revenue(self) -> Decimal:
        return sum((v.revenue for v in self.variations), ZERO)

    @property
    def spending(self) -> Decimal:
        return sum((v.spending for v in self.variations), ZERO)


@requires(READ)
def variations_summary(db: Database, year: int) -> VariationsSummary | None:
    """Every variation of ``year`` and, per voce, destination and destination/tipo touched,
    the initial forecast, the sum of the variations and the definitive one."""
    with read_session(db) as s:
        head = _head(s, year)
        if head is None:
            return None
        heads = s.execute(text(
            "SELECT id, number, year, decided_on, kind, act_ref, reason FROM funds_variation "
            "WHERE programme_id = :p ORDER BY number"), {"p": head.id}).all()
        lines = _variation_lines(s, head.id)
        revenue_names = dict(s.execute(text("SELECT code, name FROM funds_revenue_item")).all())
        dest_names = dict(s.execute(text("SELECT code, name FROM funds_destination")).all())
        type_names = dict(s.execute(text("SELECT code, name FROM funds_spending_type")).all())
        rev_initial = {c: _money(a) for c, a in s.execute(text(
            "SELECT r.code, SUM(f.amount) FROM funds_revenue_forecast f JOIN funds_revenue_item r "
            "ON r.id = f.revenue_item_id WHERE f.programme_id = :p GROUP BY r.code"),
            {"p": head.id})}
        sp_initial = {(d, t): _money(a) for d, t, a in s.execute(text(
            "SELECT d.code, t.code, SUM(f.amount) FROM funds_spending_forecast f "
            "JOIN funds_destination d ON d.id = f.destination_id "
            "JOIN funds_spending_type t ON t.id = f.spending_type_id "
            "WHERE f.programme_id = :p GROUP BY d.code, t.code"), {"p": head.id})}
    per: dict[int, list] = defaultdict(list)
    for x in lines:
        per[x[0]].append(x)
    variations = tuple(VariationHead(
        vid, number, vyear, _day(day), rules.VARIATION_KINDS.get(kind, kind), act or "",
        reason or "", sum((_money(x[11]) for x in per[vid] if x[6] == "E"), ZERO),
        sum((_money(x[11]) for x in per[vid] if x[6] == "U"), ZERO))
        for vid, number, vyear, day, kind, act, reason in heads)

    def collect(key_of, initial_of, name_of) -> tuple[VariedAccount, ...]:
        varied: dict[str, Decimal] = defaultdict(lambda: ZERO)
        numbers: dict[str, list[int]] = defaultdict(list)
        for x in lines:
            key = key_of(x)
            if key is None:
                continue
            varied[key] += _money(x[11])
            if x[1] not in numbers[key]:
                numbers[key].append(x[1])
        return tuple(VariedAccount(k, name_of(k), Figure(initial_of(k), varied[k]),
                                   tuple(numbers[k])) for k in sorted(varied))

    def dest_initial(code: str) -> Decimal:
        return sum((a for (d, _t), a in sp_initial.items() if d == code), ZERO)

    return VariationsSummary(
        head, variations,
        collect(lambda x: x[7] if x[6] == "E" else None, lambda k: rev_initial.get(k, ZERO),
                lambda k: revenue_names.get(k, "")),
        collect(lambda x: x[9] if x[6] == "U" else None, dest_initial,
                lambda k: dest_names.get(k, "")),
        # destination/tipo: a destination of the school has a «/» of its own («A03/1/02»)
        collect(lambda x: f"{x[9]}/{x[10]}" if x[6] == "U" else None,
                lambda k: sp_initial.get(tuple(k.rsplit("/", 1)), ZERO),
                lambda k: f"{dest_names.get(k.rsplit('/', 1)[0], '')} – "
                          f"{type_names.get(k.rsplit('/', 1)[1], '')}"))


# --- rendiconto of an earmarked fund ---------------------------------------------------------

@dataclass(frozen=True)
class FundCategory:
    code: str
    name: str
    allowed: bool
    committed: Decimal
    liquidated: Decimal
    paid: Decimal


@dataclass(frozen=True)
class FundCommitment:
    number: int
    year: int
    committed_on: date
    spending_type: str
    creditor: str
    description: str
    amount: Decimal
    liquidated: Decimal
    paid: Decimal


@dataclass(frozen=True)
class FundRestitution:
    restituted_on: date
    amount: Decimal
    order_number: int | None        # None: impegno taken, mandato not yet issued
    order_year: int | None
    order_issued_on: date | None
    creditor: str | None


@dataclass(frozen=True)
class FundReport:
    id: int
    year: int
    name: str
    legal_basis: str
    note: str
    amount: Decimal
    assigned_on: date
    revenue: str                    # «03/06 Altri finanziamenti vincolati dallo Stato»
    destination: str                # «A01 Funzionamento generale e decoro della Scuola»
    use_by: date
    report_by: date | None
    decree: str                     # «n. 1/2021 del 06/04/2021», the variation that took it in
    categories: tuple[FundCategory, ...]
    commitments: tuple[FundCommitment, ...]
    restitutions: tuple[FundRestitution, ...]

    @property
    def committed(self) -> Decimal:
        return sum((c.amount for c in self.commitments), ZERO)

    @property
    def liquidated(self) -> Decimal:
        return sum((c.liquidated for c in self.commitments), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((c.paid for c in self.commitments), ZERO)

    @property
    def restituted(self) -> Decimal:
        return sum((r.amount for r in self.restitutions), ZERO)

    @property
    def remaining(self) -> Decimal:
        """Neither committed nor restituted (queries.funds_cash.unused_in)."""
        return self.amount - self.committed - self.restituted


@requires(READ)
def earmarked_reports(db: Database, year: int, fund: str | int | None = None
                      ) -> list[FundReport]:
    """The earmarked funds of the Programma Annuale of ``year`` (or only ``fund``: its id, or
    a part of its name), in order of assignment."""
    from ..domain.dates import format_date

    with read_session(db) as s:
        funds = s.execute(text(
            "SELECT f.id, p.year, f.name, f.legal_basis, f.note, f.amount, f.assigned_on, "
            "r.code || ' ' || r.name, d.code || ' ' || d.name, f.use_by, f.report_by "
            "FROM funds_earmarked f JOIN funds_programme p ON p.id = f.programme_id "
            "JOIN funds_revenue_item r ON r.id = f.revenue_item_id "
            "JOIN funds_destination d ON d.id = f.destination_id "
            "WHERE p.year = :y ORDER BY f.assigned_on, f.id"), {"y": year}).all()
        wanted = str(fund).strip() if fund is not None else ""
        if wanted:
            funds = [f for f in funds if str(f[0]) == wanted
                     or wanted.casefold() in f[2].casefold()]
        types = s.execute(text("SELECT id, code, name FROM funds_spending_type "
                               "ORDER BY code")).all()
        out = []
        for fid, fyear, name, basis, note, amount, assigned, revenue, dest, use_by, report_by \
                in funds:
            allowed = {t for (t,) in s.execute(text(
                "SELECT spending_type_id FROM funds_earmarked_type WHERE earmarked_id = :f"),
                {"f": fid})}
            commitments = tuple(FundCommitment(
                n, y, _day(day), t, creditor or "", desc, _money(a), _money(liq), _money(paid))
                for n, y, day, t, creditor, desc, a, liq, paid in s.execute(text(
                    "SELECT c.number, c.year, c.committed_on, t.code, c.creditor_name, "
                    "c.description, c.amount, "
                    "(SELECT COALESCE(SUM(l.amount), 0) FROM funds_liquidation l "
                    " WHERE l.commitment_id = c.id), "
                    "(SELECT COALESCE(SUM(m.amount), 0) FROM funds_payment_order m "
                    " WHERE m.commitment_id = c.id) "
                    "FROM funds_commitment c JOIN funds_spending_type t "
                    "ON t.id = c.spending_type_id WHERE c.earmarked_id = :f "
                    "ORDER BY c.year, c.number"), {"f": fid}))
            used = {c.spending_type for c in commitments}
            categories = tuple(FundCategory(
                code, tname, tid in allowed,
                sum((c.amount for c in commitments if c.spending_type == code), ZERO),
                sum((c.liquidated for c in commitments if c.spending_type == code), ZERO),
                sum((c.paid for c in commitments if c.spending_type == code), ZERO))
                for tid, code, tname in types if tid in allowed or code in used)
            restitutions = tuple(FundRestitution(_day(day), _money(a), n, y, _day(issued), who)
                                 for day, a, n, y, issued, who in s.execute(text(
                                     "SELECT x.restituted_on, x.amount, m.number, m.year, "
                                     "m.issued_on, m.creditor_name FROM funds_restitution x "
                                     "LEFT JOIN funds_payment_order m "
                                     "ON m.id = x.payment_order_id "
                                     "WHERE x.earmarked_id = :f ORDER BY x.restituted_on, x.id"),
                                     {"f": fid}))
            decree = s.execute(text(
                "SELECT number, year, decided_on FROM funds_variation WHERE earmarked_id = :f "
                "ORDER BY number LIMIT 1"), {"f": fid}).first()
            out.append(FundReport(
                fid, fyear, name, basis, note or "", _money(amount), _day(assigned), revenue,
                dest, _day(use_by), _day(report_by),
                f"n. {decree[0]}/{decree[1]} del {format_date(_day(decree[2]))}" if decree
                else "", categories, commitments, restitutions))
    return out
