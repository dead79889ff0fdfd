"""The scheda of an impegno di spesa: what was committed (destination, tipo di spesa,
earmarked fund, creditor, CIG and CUP), what was liquidated (with the document, e.g. the
invoice) and paid on it, its history (impegno, liquidazioni, mandati) and the mandati to
print. Fondi knows nothing of Acquisti: the invoice's scheda shows its impegno, not the
reverse."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text

from ..areas import all_reports
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.funds.rules import COMMITMENT, LIQUIDATION
from ..domain.money import format_money, from_cents
from .funds_lists import _day
from .scheda import DocumentRef, FieldLine, HistoryRow, in_date_order, printable


@dataclass(frozen=True)
class CommitmentScheda:
    id: int
    title: str
    state: str
    warning: str
    fields: tuple[FieldLine, ...]
    liquidations: tuple[tuple, ...]     # n., data, importo, verifica, documento, stato
    payment_orders: tuple[tuple, ...]   # n., data, importo, ritenute, creditore, causale
    history: list[HistoryRow]
    documents: list[DocumentRef]
    amount: Decimal
    liquidated: Decimal
    paid: Decimal


def commitment_scheda(db: Database, commitment_id: int) -> CommitmentScheda:
    with read_session(db) as s:
        row = s.execute(text(
            "SELECT c.year, c.number, c.committed_on, d.code, d.name, t.code, t.name, "
            "c.amount, c.description, c.creditor_name, c.cig, c.cup, c.status, "
            "f.name, f.legal_basis, f.use_by "
            "FROM funds_commitment c JOIN funds_destination d ON d.id = c.destination_id "
            "JOIN funds_spending_type t ON t.id = c.spending_type_id "
            "LEFT JOIN funds_earmarked f ON f.id = c.earmarked_id WHERE c.id = :id"),
            {"id": commitment_id}).first()
        if row is None:
            raise DomainError("Impegno non trovato: forse è stato modificato da un'altra "
                              "postazione.")
        liquidations = s.execute(text(
            "SELECT id, year, number, liquidated_on, amount, supply_check, document_ref, "
            "status FROM funds_liquidation WHERE commitment_id = :id ORDER BY year, number"),
            {"id": commitment_id}).all()
        orders = s.execute(text(
            "SELECT id, year, number, issued_on, amount, withholdings, creditor_name, causale "
            "FROM funds_payment_order WHERE commitment_id = :id ORDER BY year, number"),
            {"id": commitment_id}).all()
    (year, number, day, dest, dest_name, kind, kind_name, amount, description, creditor,
     cig, cup, status, fund, basis, use_by) = row
    day, use_by = _day(day), _day(use_by)
    amount = from_cents(amount)
    liquidated = sum((from_cents(r[4]) for r in liquidations), Decimal("0.00"))
    paid = sum((from_cents(r[4]) for r in orders), Decimal("0.00"))
    ref = f"{number}/{year}"
    fields = (
        FieldLine("ref", "Impegno", f"n. {ref} del {format_date(day)}"),
        FieldLine("destination", "Destinazione", f"{dest} – {dest_name}"),
        FieldLine("spending_type", "Tipo di spesa", f"{kind} – {kind_name}"),
        FieldLine("description", "Oggetto", description),
        FieldLine("creditor", "Creditore", creditor),
        FieldLine("fund", "Finanziamento vincolato",
                  f"{fund} ({basis}), da utilizzare entro il {format_date(use_by)}"
                  if fund else ""),
        FieldLine("cig", "CIG", cig),
        FieldLine("cup", "CUP", cup),
        FieldLine("amount", "Importo impegnato", format_money(amount)),
        FieldLine("liquidated", "Liquidato", format_money(liquidated)),
        FieldLine("paid", "Pagato", format_money(paid)),
        FieldLine("to_pay", "Da liquidare", format_money(amount - liquidated)),
    )
    history = [HistoryRow(day, "Impegno", f"{description}: {format_money(amount)}",
                          f"Impegno n. {ref}", order=1)]
    for lid, ly, ln, lday, lamount, check, doc, _state in liquidations:
        history.append(HistoryRow(_day(lday), "Liquidazione",
                                  f"{format_money(from_cents(lamount))} – {check}"
                                  + (f" ({doc})" if doc else ""),
                                  f"Liquidazione n. {ln}/{ly}", order=2, seq=lid))
    for mid, my, mn, mday, mamount, _w, mcreditor, _c in orders:
        history.append(HistoryRow(_day(mday), "Pagamento",
                                  f"{format_money(from_cents(mamount))} a {mcreditor}",
                                  f"Mandato n. {mn}/{my}", order=3, seq=mid))
    specs = {r.name: r for r in all_reports()}
    documents = [DocumentRef("mandato", f"Mandato di pagamento n. {mn}/{my}", _day(mday),
                             (("anno", my), ("numero", mn)))
                 for _mid, my, mn, mday, *_rest in orders]
    warning = ""
    if liquidated > paid:
        warning = (f"Liquidati {format_money(liquidated - paid)} non ancora pagati: emettere "
                   "il mandato.")
    elif fund and use_by and status in COMMITMENT.open and liquidated < amount:
        warning = (f"Il finanziamento «{fund}» va utilizzato entro il {format_date(use_by)}: "
                   f"da liquidare {format_money(amount - liquidated)}.")
    return CommitmentScheda(
        commitment_id, f"Impegno n. {ref} – {dest}/{kind}", COMMITMENT.label(status).capitalize(),
        warning, fields,
        tuple((f"{ln}/{ly}", format_date(_day(lday)), format_money(from_cents(lamount)), check,
               doc, LIQUIDATION.label(state)) for _i, ly, ln, lday, lamount, check, doc, state
              in liquidations),
        tuple((f"{mn}/{my}", format_date(_day(mday)), format_money(from_cents(mamount)),
               format_money(from_cents(w)) if w else "", mcreditor, causale)
              for _i, my, mn, mday, mamount, w, mcreditor, causale in orders),
        in_date_order(history), printable(db, documents, specs), amount, liquidated, paid)
