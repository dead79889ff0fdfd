"""What the start page shows of Acquisti: the invoices to pay whose term (the due date they
state, else 30 days from receipt [U]) is near or past, and the suppliers with an invoice to
pay whose DURC is missing, expired or irregular (to check before the payment: DL 69/2013
art. 31 c.3) or expires before the term; the procedures with something missing (CIG, DURC,
verbale, matched invoice, payment: queries/procurement_monitoring.py)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.dates import format_date
from ..domain.money import format_money
from ..domain.procurement import rules
from ..domain.procurement import suppliers as supplier_rules
from .procurement import list_invoices
from .procurement_suppliers import _durcs

AHEAD_DAYS = 15          # a term within this many days is shown
SHOWN_ONE_BY_ONE = 5     # beyond this, the invoices of the start page are one summary line


def _open(i) -> bool:
    return i.paid_on is None and i.status in rules.INVOICE.open


def home_items(db: Database, today: date) -> list:
    return _invoice_items(db, today) + _procedure_items(db, today)


def _procedure_items(db: Database, today: date) -> list:
    """The procedures with something missing (queries/procurement_monitoring.py): one by
    one up to SHOWN_ONE_BY_ONE, else one summary line."""
    from .home import HomeItem
    from .procurement_monitoring import monitoring

    lacking = [m for m in monitoring(db, today) if m.missing]
    if len(lacking) > SHOWN_ONE_BY_ONE:
        return [HomeItem(today, "procedura", f"{len(lacking)} procedure d'acquisto "
                         "incomplete", "Manca qualcosa (CIG, DURC, verbale, fattura o "
                         "pagamento). Elenco: Acquisti › Monitoraggio degli acquisti.",
                         "info")]
    return [HomeItem(m.decided_on, "procedura", f"Procedura n. {m.number}/{m.year}: "
                     f"{m.object}", f"Manca: {m.missing_text}.", "info") for m in lacking]


def _invoice_items(db: Database, today: date) -> list:
    from .home import HomeItem

    invoices = [i for i in list_invoices(db, unpaid_only=True) if _open(i)]
    if not invoices:
        return []
    near = sorted((i for i in invoices if (i.payment_due - today).days <= AHEAD_DAYS),
                  key=lambda i: (i.payment_due, i.year, i.number))
    items = []
    if len(near) > SHOWN_ONE_BY_ONE:
        late = sum(1 for i in near if i.payment_due < today)
        total = sum((i.payable for i in near), Decimal("0.00"))
        items.append(HomeItem(near[0].payment_due, "fattura",
                              f"{len(near)} fatture da pagare entro il "
                              f"{format_date(near[-1].payment_due)}",
                              f"{late} già scadute; in tutto {format_money(total)} ai "
                              "fornitori. Elenco: Acquisti › Fatture ricevute.", "warning"))
    else:
        for i in near:
            late = i.payment_due < today
            items.append(HomeItem(
                i.payment_due, "fattura", f"Fattura {i.invoice_number} di {i.supplier}",
                (f"Scaduta il {format_date(i.payment_due)}" if late else
                 f"Da pagare entro il {format_date(i.payment_due)}")
                + f": {format_money(i.payable)} (registro n. {i.ref}, ricevuta il "
                  f"{format_date(i.received_on)}).",
                "warning" if late or (i.payment_due - today).days <= 7 else "info"))
    items.extend(_durc_items(db, invoices, today))
    return items


def _durc_items(db: Database, invoices, today: date) -> list:
    from .home import HomeItem

    with read_session(db) as s:
        durcs = _durcs(s, sorted({i.supplier_id for i in invoices}))
    out, seen = [], set()
    for i in sorted(invoices, key=lambda i: i.payment_due):    # the nearest term first
        if i.supplier_id in seen:
            continue
        seen.add(i.supplier_id)
        latest = supplier_rules.latest_durc(durcs.get(i.supplier_id, []))
        state = supplier_rules.durc_state(latest, today)
        if state != "valido":
            out.append(HomeItem(i.payment_due, "durc",
                                f"{supplier_rules.DURC_STATES[state]}: {i.supplier}",
                                f"Da acquisire prima di pagare la fattura {i.invoice_number} "
                                f"(entro il {format_date(i.payment_due)}).", "warning"))
        elif latest.expires_on < i.payment_due:
            out.append(HomeItem(latest.expires_on, "durc", f"DURC di {i.supplier}",
                                f"Scade il {format_date(latest.expires_on)}, prima del "
                                f"pagamento della fattura {i.invoice_number} (entro il "
                                f"{format_date(i.payment_due)}).", "info"))
    return out
