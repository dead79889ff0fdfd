"""The Fondi on a year of 50,000 movements (issue 15 and the cash prints), each against a
hand-written SQL aggregate over the same rows in the same run:

- the availability check of one impegno (``queries.funds.availability_in``, what
  ``commit_spending`` runs under the gate): target under 5 ms;
- the conto finanziario (Mod. H, ``queries.funds_movements.financial_account``, GROUP BY in the
  database): target under 2 s; and its PDF (``reports.funds_ledger``) timed apart;
- one whole impegno (gate, lock, check, register entry, audit), for scale.

The programme is created through the services; the movements (2/5 impegni, 1/5 each of
liquidazioni, mandati and reversali) are written with executemany on the real schema, without
register entries: what is timed reads only these rows.

    python bench/run.py --only funds
"""
from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

DESTS = ("A01", "A02", "A03", "P01")
VOCI = ("03/01", "06/01")


def _day(year: int, i: int, n: int) -> str:
    return (date(year, 1, 2) + timedelta(days=i * 360 // max(n, 1))).isoformat()


def _archive(path: Path, movements: int, year: int) -> tuple[int, dict[str, int], dict]:
    from bench_user import act_as_bench

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.funds.programme import (
        advance_programme,
        create_programme,
        set_forecasts,
    )

    path.unlink(missing_ok=True)
    db = open_database(path, create=True)
    act_as_bench(db)
    big = Decimal("9000000.00")
    create_programme(db, year)
    set_forecasts(db, year, revenue={v: big * len(DESTS) / len(VOCI) for v in VOCI},
                  spending={(d, "02"): big for d in DESTS})
    advance_programme(db, year, "deliberato", date(year, 1, 2), reference="Delibera n. 1")
    db.dispose()
    impegni = movements * 2 // 5
    paid = movements // 5
    receipts = movements - impegni - 2 * paid
    con = sqlite3.connect(path)
    ids = dict(con.execute("SELECT code, id FROM funds_destination"))
    items = dict(con.execute("SELECT code, id FROM funds_revenue_item"))
    pid = con.execute("SELECT id FROM funds_programme").fetchone()[0]
    first = con.execute("SELECT COALESCE(MAX(id), 0) FROM funds_commitment").fetchone()[0] + 1
    # Rows only (no register entries): what the checks and the conto finanziario read.
    con.executemany(
        "INSERT INTO funds_commitment (id, entry_id, year, number, committed_on, programme_id, "
        "destination_id, spending_type_id, amount, description, creditor_name, cig, cup, "
        "status) VALUES (?, ?, ?, ?, ?, ?, ?, 2, ?, 'Acquisto', 'Ditta Srl', '', '', "
        "'impegnato')",
        [(first + i, -i - 1, year, 100_000 + i, _day(year, i, impegni), pid,
          ids[DESTS[i % len(DESTS)]], 1000 + i % 5000) for i in range(impegni)])
    con.executemany(
        "INSERT INTO funds_liquidation (id, entry_id, year, number, liquidated_on, "
        "commitment_id, amount, supply_check, document_ref, status) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, 'Verbale', 'Fattura', 'pagata')",
        [(i + 1, -i - 1, year, 100_000 + i, _day(year, i, paid), first + i, 1000 + i % 5000)
         for i in range(paid)])
    con.executemany(
        "INSERT INTO funds_payment_order (entry_id, year, number, issued_on, liquidation_id, "
        "commitment_id, destination_id, spending_type_id, amount, withholdings, amount_words, "
        "causale, creditor_name, creditor_tax_code, creditor_vat, creditor_iban, cig, cup) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 2, ?, 0, 'dieci/00', 'Pagamento', 'Ditta Srl', "
        "'01114601006', '01114601006', 'IT60X0542811101000000123456', '', '')",
        [(-i - 1, year, 100_000 + i, _day(year, i, paid), i + 1, first + i,
          ids[DESTS[i % len(DESTS)]], 1000 + i % 5000) for i in range(paid)])
    # Each reversale collects its own accertamento (D.I. 129/2018 art. 13-14).
    con.executemany(
        "INSERT INTO funds_assessment (id, entry_id, year, number, assessed_on, programme_id, "
        "revenue_item_id, amount, debtor, description, document_ref, document_date) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, 'Famiglia', 'Contributo', 'Avviso', ?)",
        [(i + 1, -i - 1, year, 100_000 + i, _day(year, i, receipts), pid,
          items[VOCI[i % len(VOCI)]], 2000 + i % 7000, _day(year, i, receipts))
         for i in range(receipts)])
    con.executemany(
        "INSERT INTO funds_receipt_order (entry_id, year, number, issued_on, programme_id, "
        "revenue_item_id, amount, amount_words, debtor, causale, assessment_id) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, 'dieci/00', 'Famiglia', 'Contributo', ?)",
        [(-i - 1, year, 100_000 + i, _day(year, i, receipts), pid,
          items[VOCI[i % len(VOCI)]], 2000 + i % 7000, i + 1) for i in range(receipts)])
    con.commit()
    con.close()
    return pid, ids, {"impegni": impegni, "liquidazioni": paid, "mandati": paid,
                      "reversali": receipts}


# The conto finanziario by hand: the same sums, one GROUP BY per table.
BARE_MOD_H = (
    "SELECT revenue_item_id, SUM(amount) FROM funds_revenue_forecast WHERE programme_id = ? "
    "GROUP BY revenue_item_id",
    "SELECT revenue_item_id, SUM(amount) FROM funds_assessment WHERE year = ? "
    "GROUP BY revenue_item_id",
    "SELECT revenue_item_id, SUM(amount) FROM funds_receipt_order WHERE year = ? "
    "GROUP BY revenue_item_id",
    "SELECT destination_id, SUM(amount) FROM funds_spending_forecast WHERE programme_id = ? "
    "GROUP BY destination_id",
    "SELECT destination_id, SUM(amount) FROM funds_commitment WHERE programme_id = ? "
    "GROUP BY destination_id",
    "SELECT destination_id, SUM(amount) FROM funds_payment_order WHERE year = ? "
    "GROUP BY destination_id",
)


def bench_funds(work: Path, movements: int, runs: int = 7) -> dict:
    from bench_user import act_as_bench

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.db.uow import read_session
    from iiss_desktop.queries.funds import availability_in
    from iiss_desktop.queries.funds_movements import financial_account
    from iiss_desktop.reports.funds_ledger import build_financial_account
    from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending

    year = 2025
    path = Path(work) / "funds.db"
    pid, ids, counts = _archive(path, movements, year)
    con = sqlite3.connect(path)
    bare = ("SELECT (SELECT SUM(amount) FROM funds_spending_forecast WHERE programme_id = ? "
            "AND destination_id = ?), (SELECT SUM(amount) FROM funds_commitment "
            "WHERE programme_id = ? AND destination_id = ?)")
    db = open_database(path)
    act_as_bench(db)
    check_ms, bare_ms = [], []
    with read_session(db) as s:
        for _ in range(runs):   # alternated: other work on the machine only ever adds time
            t = time.perf_counter()
            availability_in(s, pid, ids["A03"], "A03")
            check_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            con.execute(bare, (pid, ids["A03"], pid, ids["A03"])).fetchone()
            bare_ms.append((time.perf_counter() - t) * 1000)
    mod_h, mod_h_bare = [], []
    for _ in range(runs):
        t = time.perf_counter()
        account = financial_account(db, year)
        mod_h.append(time.perf_counter() - t)
        t = time.perf_counter()
        for query in BARE_MOD_H:
            con.execute(query, (year if "year" in query else pid,)).fetchall()
        mod_h_bare.append(time.perf_counter() - t)
    con.close()
    t = time.perf_counter()
    build_financial_account(db, Path(work) / "mod-h.pdf", year)
    pdf_s = time.perf_counter() - t
    whole = []
    for i in range(5):
        t = time.perf_counter()
        commit_spending(db, CommitmentInput(year, date(year, 3, 2), "A03", "02",
                                            Decimal("10.00"), f"Prova {i}"))
        whole.append((time.perf_counter() - t) * 1000)
    db.dispose()
    check, base = statistics.median(check_ms), statistics.median(bare_ms)
    h, h_base = statistics.median(mod_h), statistics.median(mod_h_bare)
    return {"movements": movements, **counts, "check_ms": check, "bare_sql_ms": base,
            "ratio": check / base if base else None, "target_check_ms": 5,
            "mod_h_ms": h * 1000, "mod_h_bare_sql_ms": h_base * 1000,
            "mod_h_ratio": h / h_base if h_base else None,
            "mod_h_lines": len(account.revenue) + len(account.spending),
            "mod_h_pdf_s": pdf_s, "target_mod_h_s": 2,
            "whole_impegno_ms": statistics.median(whole)}


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(bench_funds(Path(tmp), 50_000), indent=2))
