"""Fondi, the cash documents and the books of the year (D.I. 129/2018 artt. 12-17): the mandato
di pagamento with every content of art. 17, the reversale d'incasso, the distinta for the
istituto cassiere, the giornale di cassa, the partitari of the voci di entrata and of the
destinations, and the conto finanziario (Mod. H). Plain frozen rows, never ORM objects; the
conto finanziario is summed by the database (GROUP BY), never by loading the movements.

What the archive does not record, the rows say rather than invent:
- the sums «accertate» are the accertamenti of the year (art. 13-14), the «riscosse» the
  reversali of the year in conto competenza; the reversali and mandati in conto residui
  (``residue_id`` set) are cash of the year but not competence: they are in the giornale di
  cassa and in the residui (queries/funds_residui.py), not in the conto finanziario;
- the fondo di cassa at 1 January is the one recorded for the archive's first year, else the
  previous year's 31 December (``funds_residui.opening_cash_in``); when neither is known
  ``CashJournal.opening_stored`` is None and the giornale starts from 0,00 €, saying so;
- the split payment of IVA (art. 17-ter DPR 633/72) is known only when the liquidazione pays
  an invoice of the «Registro unico delle fatture» under split payment: the IVA of that
  invoice goes to the Erario, the rest to the supplier. The creditor's address is the
  supplier's, when the invoice or the partita IVA / codice fiscale names one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, bindparam, text

from ..areas.funds import READ
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.errors import DomainError
from ..domain.funds import chart
from ..domain.money import from_cents

ZERO = Decimal("0.00")


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _programme(s, year: int) -> int | None:
    return s.execute(text("SELECT id FROM funds_programme WHERE year = :y"),
                     {"y": year}).scalar()


def _numbers(first: int | None, last: int | None) -> tuple[int, int]:
    lo = first if first is not None else 1
    hi = last if last is not None else 2 ** 31
    if hi < lo:
        raise DomainError(f"Numeri impossibili: dal n. {lo} al n. {hi}.", "numero")
    return lo, hi


# --- mandato di pagamento (art. 17) ---------------------------------------------------------

@dataclass(frozen=True)
class PaymentOrderDoc:
    """A mandato as printed: every content of art. 17 c.1 and what it pays."""

    id: int
    year: int
    number: int
    issued_on: date
    amount: Decimal                 # lordo: what the liquidazione set
    amount_words: str               # «milleduecentotrentaquattro/50», as issued
    withholdings: Decimal           # ritenute (lett. g)
    causale: str
    creditor_name: str
    creditor_tax_code: str
    creditor_vat: str
    creditor_iban: str
    creditor_address: str           # "" when no supplier of the archive matches
    destination: str
    destination_name: str
    spending_type: str
    spending_type_name: str
    fund: str                       # the earmarked fund of the impegno, "" if none
    # A residuo imported without its impegno: number and date None, year and amount the
    # residuo's origin and amount carried.
    commitment_year: int
    commitment_number: int | None
    committed_on: date | None
    commitment_amount: Decimal
    commitment_description: str
    liquidation_year: int
    liquidation_number: int
    liquidated_on: date
    supply_check: str
    document_ref: str
    cig: str
    cup: str
    invoice: str                    # «n. 5/PA del 29/04/2021 (registro delle fatture n. 5/2021)»
    invoice_cig: str                # the CIG the invoice writes
    split_payment: bool             # the invoice is under split payment
    invoice_vat: Decimal            # the IVA of that invoice
    split_vat: Decimal              # the part of this mandato that goes to the Erario
    residue_origin: int | None = None   # in conto residui: the residuo's year of origin

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def to_creditor(self) -> Decimal:
        """What the creditor receives: lordo − IVA to the Erario − ritenute."""
        return self.amount - self.split_vat - self.withholdings


_ORDERS = text(
    "SELECT m.id, m.year, m.number, m.issued_on, m.amount, m.amount_words, m.withholdings, "
    "m.causale, m.creditor_name, m.creditor_tax_code, m.creditor_vat, m.creditor_iban, "
    "COALESCE((SELECT s.address FROM procurement_supplier s WHERE s.id = i.supplier_id), "
    " (SELECT MIN(s.address) FROM procurement_supplier s WHERE s.address <> '' AND "
    "  ((m.creditor_vat <> '' AND s.vat IN (m.creditor_vat, 'IT' || m.creditor_vat)) OR "
    "   (m.creditor_tax_code <> '' AND (s.tax_code = m.creditor_tax_code OR "
    "    s.vat IN (m.creditor_tax_code, 'IT' || m.creditor_tax_code))))), ''), "
    "d.code, d.name, t.code, t.name, COALESCE(f.name, ''), "
    "COALESCE(c.year, z.origin_year), c.number, c.committed_on, COALESCE(c.amount, z.amount), "
    "COALESCE(c.description, z.description), "
    "l.year, l.number, l.liquidated_on, l.supply_check, l.document_ref, m.cig, m.cup, "
    "i.invoice_number, i.invoice_date, i.year, i.number, COALESCE(i.cig, ''), "
    "CASE WHEN i.split_payment THEN 1 ELSE 0 END, COALESCE(i.tax, 0), COALESCE(i.total, 0), "
    "z.origin_year FROM funds_payment_order m "
    "LEFT JOIN funds_commitment c ON c.id = m.commitment_id "
    "LEFT JOIN funds_residue z ON z.id = m.residue_id "
    "JOIN funds_liquidation l ON l.id = m.liquidation_id "
    "JOIN funds_destination d ON d.id = m.destination_id "
    "JOIN funds_spending_type t ON t.id = m.spending_type_id "
    "LEFT JOIN funds_earmarked f ON f.id = c.earmarked_id "
    "LEFT JOIN procurement_invoice i ON i.liquidation_id = l.id "
    "WHERE m.year = :y AND m.number BETWEEN :lo AND :hi ORDER BY m.number")


def _order(r) -> PaymentOrderDoc:
    from ..domain.dates import format_date

    amount = from_cents(r[4])
    split = bool(r[35]) and r[36] > 0
    vat = from_cents(r[36])
    # The IVA goes to the Erario when the mandato pays the whole invoice (IVA included); a
    # liquidazione of the taxable part alone leaves it to be paid apart.
    to_erario = vat if split and from_cents(r[37]) == amount else ZERO
    invoice = ""
    if r[30] is not None:
        invoice = (f"n. {r[30]} del {format_date(_day(r[31]))} (registro delle fatture "
                   f"n. {r[33]}/{r[32]})")
    return PaymentOrderDoc(
        r[0], r[1], r[2], _day(r[3]), amount, r[5], from_cents(r[6]), r[7], r[8], r[9], r[10],
        r[11], r[12] or "", r[13], r[14], r[15], r[16], r[17], r[18], r[19], _day(r[20]),
        from_cents(r[21]), r[22], r[23], r[24], _day(r[25]), r[26], r[27], r[28], r[29],
        invoice, r[34], split, vat, to_erario, r[38])


@requires(READ)
def payment_order_documents(db: Database, year: int, number: int | None = None,
                            last: int | None = None) -> list[PaymentOrderDoc]:
    """The mandati ``number``…``last`` of ``year`` (``last`` None: ``number`` alone; both None:
    the last mandato of the year), in number order."""
    with read_session(db) as s:
        if number is None and last is None:
            number = s.execute(text("SELECT MAX(number) FROM funds_payment_order "
                                    "WHERE year = :y"), {"y": year}).scalar()
            if number is None:
                return []
        lo, hi = _numbers(number, last if last is not None else number)
        return [_order(r) for r in s.execute(_ORDERS, {"y": year, "lo": lo, "hi": hi})]


# --- reversale d'incasso -----------------------------------------------------------------------

@dataclass(frozen=True)
class ReceiptOrderDoc:
    id: int
    year: int
    number: int
    issued_on: date
    amount: Decimal
    amount_words: str
    debtor: str
    causale: str
    revenue: str                # «03/01»
    revenue_name: str
    aggregate: str              # «03»
    aggregate_name: str
    residue_origin: int | None = None   # in conto residui: the residuo's year of origin

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"


@requires(READ)
def receipt_order_documents(db: Database, year: int, number: int | None = None,
                            last: int | None = None) -> list[ReceiptOrderDoc]:
    """The reversali ``number``…``last`` of ``year`` (both None: the last of the year)."""
    names = {a.code: a.name for a in chart.AGGREGATES}
    with read_session(db) as s:
        if number is None and last is None:
            number = s.execute(text("SELECT MAX(number) FROM funds_receipt_order "
                                    "WHERE year = :y"), {"y": year}).scalar()
            if number is None:
                return []
        lo, hi = _numbers(number, last if last is not None else number)
        rows = s.execute(text(
            "SELECT r.id, r.year, r.number, r.issued_on, r.amount, r.amount_words, r.debtor, "
            "r.causale, i.code, i.name, z.origin_year FROM funds_receipt_order r "
            "JOIN funds_revenue_item i ON i.id = r.revenue_item_id "
            "LEFT JOIN funds_residue z ON z.id = r.residue_id "
            "WHERE r.year = :y AND r.number BETWEEN :lo AND :hi ORDER BY r.number"),
            {"y": year, "lo": lo, "hi": hi}).all()
    out = []
    for r in rows:
        aggregate = chart.aggregate_of(r[8])
        out.append(ReceiptOrderDoc(r[0], r[1], r[2], _day(r[3]), from_cents(r[4]), r[5], r[6],
                                   r[7], r[8], r[9], aggregate, names.get(aggregate, ""),
                                   r[10]))
    return out


# --- the cash movements: distinta and giornale di cassa ----------------------------------------

@dataclass(frozen=True)
class CashMove:
    kind: str               # "reversale" or "mandato"
    number: int
    day: date
    counterpart: str        # debtor of a reversale, creditor of a mandato
    tax_code: str           # the creditor's codice fiscale or partita IVA ("" for a reversale)
    causale: str
    account: str            # «03/01» (entrata) or «A01/02» (destination / tipo di spesa)
    amount: Decimal
    withholdings: Decimal = ZERO

    @property
    def is_receipt(self) -> bool:
        return self.kind == "reversale"


_MOVES = (
    "SELECT 'reversale', r.number, r.issued_on, r.debtor, '', r.causale, i.code, r.amount, 0 "
    "FROM funds_receipt_order r JOIN funds_revenue_item i ON i.id = r.revenue_item_id "
    "WHERE r.year = :y AND r.issued_on BETWEEN :start AND :end "
    "AND r.number BETWEEN :lo AND :hi",
    "SELECT 'mandato', m.number, m.issued_on, m.creditor_name, "
    "CASE WHEN m.creditor_tax_code <> '' THEN m.creditor_tax_code ELSE m.creditor_vat END, "
    "m.causale, d.code || '/' || t.code, m.amount, m.withholdings "
    "FROM funds_payment_order m JOIN funds_destination d ON d.id = m.destination_id "
    "JOIN funds_spending_type t ON t.id = m.spending_type_id "
    "WHERE m.year = :y AND m.issued_on BETWEEN :start AND :end "
    "AND m.number BETWEEN :lo AND :hi")


def _moves(s, year: int, start: date, end: date, lo: int, hi: int, *, receipts: bool = True,
           payments: bool = True) -> list[CashMove]:
    parts = [q for q, on in zip(_MOVES, (receipts, payments), strict=True) if on]
    # Date, then the reversali before the mandati of the same day, then the number.
    query = (" UNION ALL ".join(parts) + " ORDER BY 3, 1 DESC, 2")
    return [CashMove(kind, number, _day(day), who, code, causale, account, from_cents(amount),
                     from_cents(withheld))
            for kind, number, day, who, code, causale, account, amount, withheld in s.execute(
                _dated(query), {"y": year, "start": start, "end": end, "lo": lo, "hi": hi})]


def _dated(query: str):
    """``query`` with its :start and :end bound as dates (stored as ISO text on SQLite)."""
    names = [n for n in ("start", "end") if f":{n}" in query]
    return text(query).bindparams(*(bindparam(n, type_=Date) for n in names))


def _period(year: int, start: date | None, end: date | None) -> tuple[date, date]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    start = max(start, first) if start else first
    end = min(end, last) if end else last
    if start > end:
        raise DomainError(f"Periodo impossibile nell'esercizio {year}: dal {start:%d/%m/%Y} "
                          f"al {end:%d/%m/%Y}.", "dal")
    return start, end


@dataclass(frozen=True)
class Distinta:
    year: int
    start: date
    end: date
    first: int | None
    last: int | None
    payments: tuple[CashMove, ...]
    receipts: tuple[CashMove, ...]
    payments_before: Decimal    # the year's mandati numbered before the first listed
    receipts_before: Decimal


@requires(READ)
def distinta(db: Database, year: int, start: date | None = None, end: date | None = None,
             first: int | None = None, last: int | None = None) -> Distinta:
    """The mandati and reversali of ``year`` issued from ``start`` to ``end`` and numbered
    ``first``…``last`` (each bound optional), in number order, with the totals of the year's
    earlier documents (those numbered before the first listed) for the progressive totals."""
    start, end = _period(year, start, end)
    lo, hi = _numbers(first, last)
    with read_session(db) as s:
        moves = _moves(s, year, start, end, lo, hi)
        payments = tuple(sorted((m for m in moves if not m.is_receipt), key=lambda m: m.number))
        receipts = tuple(sorted((m for m in moves if m.is_receipt), key=lambda m: m.number))

        def before(table: str, listed: tuple[CashMove, ...]) -> Decimal:
            if not listed:
                return ZERO
            return from_cents(s.execute(text(
                f"SELECT COALESCE(SUM(amount), 0) FROM {table} WHERE year = :y "
                "AND number < :n"), {"y": year, "n": listed[0].number}).scalar())

        return Distinta(year, start, end, first, last, payments, receipts,
                        before("funds_payment_order", payments),
                        before("funds_receipt_order", receipts))


@dataclass(frozen=True)
class CashJournal:
    year: int
    start: date
    end: date
    opening_stored: Decimal | None   # the fondo di cassa at 1 January; None: not recorded
    carried: Decimal                 # the balance at ``start`` (opening + earlier movements)
    moves: tuple[CashMove, ...]

    @property
    def receipts(self) -> Decimal:
        return sum((m.amount for m in self.moves if m.is_receipt), ZERO)

    @property
    def payments(self) -> Decimal:
        return sum((m.amount for m in self.moves if not m.is_receipt), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.carried + self.receipts - self.payments


@requires(READ)
def cash_journal(db: Database, year: int, start: date | None = None,
                 end: date | None = None) -> CashJournal:
    """Every reversale and mandato of ``year`` from ``start`` to ``end`` in date order, and the
    balance carried into the period from the fondo di cassa at 1 January."""
    start, end = _period(year, start, end)
    with read_session(db) as s:
        from .funds_residui import opening_cash_in

        opening = opening_cash_in(s, year)      # None: not known (see the docstring)
        carried = opening or ZERO
        if start > date(year, 1, 1):
            got, paid = s.execute(_dated(
                "SELECT (SELECT COALESCE(SUM(amount), 0) FROM funds_receipt_order "
                " WHERE year = :y AND issued_on < :start), "
                "(SELECT COALESCE(SUM(amount), 0) FROM funds_payment_order "
                " WHERE year = :y AND issued_on < :start)"), {"y": year, "start": start}).one()
            carried += from_cents(got) - from_cents(paid)
        moves = _moves(s, year, start, end, 1, 2 ** 31)
    return CashJournal(year, start, end, opening, carried, tuple(moves))


# --- conto finanziario (Mod. H) and partitari ----------------------------------------------------

@dataclass(frozen=True)
class RevenueLine:
    code: str                   # «03/01»
    name: str
    forecast: Decimal           # previsione iniziale
    variations: Decimal
    assessed: Decimal           # somme accertate (the accertamenti of the year)
    collected: Decimal          # somme riscosse in conto competenza

    @property
    def aggregate(self) -> str:
        return chart.aggregate_of(self.code)

    @property
    def definitive(self) -> Decimal:
        return self.forecast + self.variations

    @property
    def to_collect(self) -> Decimal:
        return self.assessed - self.collected


@dataclass(frozen=True)
class SpendingLine:
    code: str                   # «A01», «P02/4»
    name: str
    forecast: Decimal
    variations: Decimal
    committed: Decimal          # somme impegnate
    paid: Decimal               # somme pagate (mandati)

    @property
    def group(self) -> str:
        return chart.group_of(self.code)

    @property
    def definitive(self) -> Decimal:
        return self.forecast + self.variations

    @property
    def to_pay(self) -> Decimal:
        return self.committed - self.paid


def _total(lines, attr: str) -> Decimal:
    return sum((getattr(x, attr) for x in lines), ZERO)


@dataclass(frozen=True)
class FinancialAccount:
    """Mod. H: the conto finanziario of the year."""

    year: int
    state: str
    revenue: tuple[RevenueLine, ...]
    spending: tuple[SpendingLine, ...]

    def revenue_total(self, attr: str) -> Decimal:
        return _total(self.revenue, attr)

    def spending_total(self, attr: str) -> Decimal:
        return _total(self.spending, attr)

    @property
    def competence_result(self) -> Decimal:
        """Avanzo (+) o disavanzo (−) di competenza: accertamenti − impegni."""
        return self.revenue_total("assessed") - self.spending_total("committed")


_REVENUE_SUMS = text(
    "WITH f AS (SELECT revenue_item_id AS item, SUM(amount) AS a FROM funds_revenue_forecast "
    "  WHERE programme_id = :p GROUP BY revenue_item_id), "
    "v AS (SELECT l.revenue_item_id AS item, SUM(l.amount) AS a FROM funds_variation_line l "
    "  JOIN funds_variation x ON x.id = l.variation_id WHERE x.programme_id = :p "
    "  AND l.side = 'E' GROUP BY l.revenue_item_id), "
    "a AS (SELECT revenue_item_id AS item, SUM(amount) AS a FROM funds_assessment "
    "  WHERE year = :y GROUP BY revenue_item_id), "
    "r AS (SELECT revenue_item_id AS item, SUM(amount) AS a FROM funds_receipt_order "
    "  WHERE year = :y AND residue_id IS NULL GROUP BY revenue_item_id) "
    "SELECT i.code, i.name, COALESCE(f.a, 0), COALESCE(v.a, 0), COALESCE(a.a, 0), "
    "COALESCE(r.a, 0) "
    "FROM funds_revenue_item i LEFT JOIN f ON f.item = i.id LEFT JOIN v ON v.item = i.id "
    "LEFT JOIN a ON a.item = i.id LEFT JOIN r ON r.item = i.id "
    "WHERE f.item IS NOT NULL OR v.item IS NOT NULL OR a.item IS NOT NULL "
    "OR r.item IS NOT NULL ORDER BY i.code")

_SPENDING_SUMS = text(
    "WITH f AS (SELECT destination_id AS d, SUM(amount) AS a FROM funds_spending_forecast "
    "  WHERE programme_id = :p GROUP BY destination_id), "
    "v AS (SELECT l.destination_id AS d, SUM(l.amount) AS a FROM funds_variation_line l "
    "  JOIN funds_variation x ON x.id = l.variation_id WHERE x.programme_id = :p "
    "  AND l.side = 'U' GROUP BY l.destination_id), "
    "c AS (SELECT destination_id AS d, SUM(amount) AS a FROM funds_commitment "
    "  WHERE programme_id = :p GROUP BY destination_id), "
    "m AS (SELECT destination_id AS d, SUM(amount) AS a FROM funds_payment_order "
    "  WHERE year = :y AND residue_id IS NULL GROUP BY destination_id) "
    "SELECT d.code, d.name, COALESCE(f.a, 0), COALESCE(v.a, 0), COALESCE(c.a, 0), "
    "COALESCE(m.a, 0) FROM funds_destination d LEFT JOIN f ON f.d = d.id "
    "LEFT JOIN v ON v.d = d.id LEFT JOIN c ON c.d = d.id LEFT JOIN m ON m.d = d.id "
    "WHERE f.d IS NOT NULL OR v.d IS NOT NULL OR c.d IS NOT NULL OR m.d IS NOT NULL "
    "ORDER BY d.code")


def _account_in(s, year: int) -> FinancialAccount | None:
    row = s.execute(text("SELECT id, state FROM funds_programme WHERE year = :y"),
                    {"y": year}).first()
    if row is None:
        return None
    params = {"p": row[0], "y": year}
    revenue = tuple(RevenueLine(code, name, from_cents(f), from_cents(v), from_cents(a),
                                from_cents(r))
                    for code, name, f, v, a, r in s.execute(_REVENUE_SUMS, params))
    spending = tuple(SpendingLine(code, name, from_cents(f), from_cents(v), from_cents(c),
                                  from_cents(m))
                     for code, name, f, v, c, m in s.execute(_SPENDING_SUMS, params))
    return FinancialAccount(year, row[1], revenue, spending)


@requires(READ)
def financial_account(db: Database, year: int) -> FinancialAccount | None:
    """The conto finanziario (Mod. H) of ``year``: per voce di entrata and per destination,
    summed by the database; None when the year has no Programma Annuale."""
    with read_session(db) as s:
        return _account_in(s, year)


@dataclass(frozen=True)
class LedgerMove:
    day: date
    document: str           # «Previsione iniziale», «Variazione n. 3», «Reversale n. 4»
    description: str
    varied: Decimal = ZERO          # variation of the forecast (signed)
    booked: Decimal = ZERO          # impegnato (spesa) / accertato (entrata)
    settled: Decimal = ZERO         # pagato (spesa) / riscosso (entrata)
    spending_type: str = ""         # «02» on a spesa ledger


@dataclass(frozen=True)
class RevenueLedger:
    line: RevenueLine
    moves: tuple[LedgerMove, ...]


@dataclass(frozen=True)
class SpendingLedger:
    line: SpendingLine
    moves: tuple[LedgerMove, ...]


@dataclass(frozen=True)
class Ledgers:
    year: int
    revenue: tuple[RevenueLedger, ...]
    spending: tuple[SpendingLedger, ...]


def _group(rows) -> dict[str, list]:
    out: dict[str, list] = {}
    for code, *rest in rows:
        out.setdefault(code, []).append(rest)
    return out


@requires(READ)
def ledgers(db: Database, year: int, code: str | None = None) -> Ledgers | None:
    """The partitari of ``year``: one per voce di entrata and one per destination with
    figures or movements (only ``code`` when given: «03/01» or «A01»), each with its
    movements in date order. None when the year has no Programma Annuale."""
    code = (code or "").strip().upper() or None
    with read_session(db) as s:
        account = _account_in(s, year)
        if account is None:
            return None
        pid = _programme(s, year)
        p = {"p": pid, "y": year}
        rev_moves = _group(s.execute(text(
            "SELECT i.code, x.decided_on, x.number, x.kind, x.reason, l.amount, 0, 0 "
            "FROM funds_variation_line l JOIN funds_variation x ON x.id = l.variation_id "
            "JOIN funds_revenue_item i ON i.id = l.revenue_item_id "
            "WHERE x.programme_id = :p AND l.side = 'E' "
            "UNION ALL SELECT i.code, a.assessed_on, a.number, 'accertamento', "
            "a.debtor || ' – ' || a.description, 0, a.amount, 1 FROM funds_assessment a "
            "JOIN funds_revenue_item i ON i.id = a.revenue_item_id WHERE a.year = :y "
            "UNION ALL SELECT i.code, r.issued_on, r.number, 'reversale', "
            "r.debtor || ' – ' || r.causale, 0, r.amount, 2 FROM funds_receipt_order r "
            "JOIN funds_revenue_item i ON i.id = r.revenue_item_id WHERE r.year = :y "
            "AND r.residue_id IS NULL ORDER BY 1, 2, 8, 4 DESC, 3"), p))
        spend_moves = _group(s.execute(text(
            "SELECT d.code, x.decided_on, x.number, x.kind, x.reason, t.code, l.amount, 0, 0 "
            "FROM funds_variation_line l JOIN funds_variation x ON x.id = l.variation_id "
            "JOIN funds_destination d ON d.id = l.destination_id "
            "JOIN funds_spending_type t ON t.id = l.spending_type_id "
            "WHERE x.programme_id = :p AND l.side = 'U' "
            "UNION ALL SELECT d.code, c.committed_on, c.number, 'impegno', "
            "CASE WHEN c.creditor_name <> '' THEN c.creditor_name || ' – ' || c.description "
            "ELSE c.description END, t.code, 0, c.amount, 0 FROM funds_commitment c "
            "JOIN funds_destination d ON d.id = c.destination_id "
            "JOIN funds_spending_type t ON t.id = c.spending_type_id WHERE c.programme_id = :p "
            "UNION ALL SELECT d.code, m.issued_on, m.number, 'mandato', "
            "m.creditor_name || ' – ' || m.causale, t.code, 0, 0, m.amount "
            "FROM funds_payment_order m JOIN funds_destination d ON d.id = m.destination_id "
            "JOIN funds_spending_type t ON t.id = m.spending_type_id WHERE m.year = :y "
            "AND m.residue_id IS NULL ORDER BY 1, 2, 4, 3"), p))
        forecasts = _group(s.execute(text(
            "SELECT d.code, t.code, t.name, f.amount FROM funds_spending_forecast f "
            "JOIN funds_destination d ON d.id = f.destination_id "
            "JOIN funds_spending_type t ON t.id = f.spending_type_id "
            "WHERE f.programme_id = :p ORDER BY d.code, t.code"), p))
    start = date(year, 1, 1)      # the forecasts open the ledger on the year's first day
    kinds = {"decreto": "Decreto", "delibera": "Delibera", "storno": "Storno",
             "prelievo": "Prelievo"}

    def variation(kind: str, number: int) -> str:
        return f"Variazione n. {number} ({kinds.get(kind, kind).lower()})"

    revenue = []
    for line in account.revenue:
        if code and line.code != code:
            continue
        moves = [LedgerMove(start, "Previsione iniziale", "Programma Annuale",
                            varied=line.forecast)] if line.forecast else []
        for day, number, kind, what, varied, got, _order in rev_moves.get(line.code, ()):
            if kind == "reversale":
                moves.append(LedgerMove(_day(day), f"Reversale n. {number}", what,
                                        settled=from_cents(got)))
            elif kind == "accertamento":
                moves.append(LedgerMove(_day(day), f"Accertamento n. {number}", what,
                                        booked=from_cents(got)))
            else:
                moves.append(LedgerMove(_day(day), variation(kind, number), what,
                                        varied=from_cents(varied)))
        revenue.append(RevenueLedger(line, tuple(moves)))
    spending = []
    for line in account.spending:
        if code and line.code != code:
            continue
        moves = [LedgerMove(start, "Previsione iniziale", f"{t} – {name}",
                            varied=from_cents(amount), spending_type=t)
                 for t, name, amount in forecasts.get(line.code, ())]
        for day, number, kind, what, t, varied, booked, paid in spend_moves.get(line.code, ()):
            doc = (f"Impegno n. {number}" if kind == "impegno" else
                   f"Mandato n. {number}" if kind == "mandato" else variation(kind, number))
            moves.append(LedgerMove(_day(day), doc, what, from_cents(varied),
                                    from_cents(booked), from_cents(paid), t))
        spending.append(SpendingLedger(line, tuple(moves)))
    return Ledgers(year, tuple(revenue), tuple(spending))


@dataclass(frozen=True)
class ReceiptOrderRow:
    id: int
    year: int
    number: int
    issued_on: date
    revenue: str
    amount: Decimal
    debtor: str
    causale: str

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.year}"


@requires(READ)
def list_receipt_orders(db: Database, year: int | None = None) -> list[ReceiptOrderRow]:
    """The reversali (of ``year``, or all), the latest first: the work list of the tab."""
    with read_session(db) as s:
        rows = s.execute(text(
            "SELECT r.id, r.year, r.number, r.issued_on, i.code, r.amount, r.debtor, r.causale "
            "FROM funds_receipt_order r JOIN funds_revenue_item i ON i.id = r.revenue_item_id "
            "WHERE (CAST(:y AS INTEGER) IS NULL OR r.year = :y) "
            "ORDER BY r.year DESC, r.number DESC"),
            {"y": year}).all()
    return [ReceiptOrderRow(r[0], r[1], r[2], _day(r[3]), r[4], from_cents(r[5]), r[6], r[7])
            for r in rows]
