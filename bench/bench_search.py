"""The global search (Ctrl+K) over 100,000 rows (the large demo, and goods written in bulk up
to that count of searchable rows): the median and slowest of 20 queries (names,
words, numbers, codes) with the index built, against a bare sqlite3 ``LIKE`` over the same
tables and columns (every word, any column, as the index matches); the first query, which
builds the whole index, and a query after a supplier was saved (its kinds rebuilt) on their
own. Target: < 100 ms per query. Asserts nothing.

    python bench/run.py --only search
    python bench/bench_search.py [--db ARCHIVIO]     # an archive already built
"""
from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

QUERIES = ("rossi", "cartoleria", "sedia", "sedia alunni", "12", "1/2021", "Z013A4B5C6",
           "carta a4", "notebook", "stampante laser", "lucja", "ștefan", "colonna",
           "personal computer", "toner", "impegno 5", "fattura", "banco biposto", "igiene",
           "monitor")

# What the bare baseline looks in: the same tables and text columns as queries/search.py.
_BARE = (
    ("employee", "surname || ' ' || name || ' ' || coalesce(codice_fiscale, '') || ' ' || email",
     "id"),
    ("procurement_supplier", "name || ' ' || vat || ' ' || tax_code || ' ' || pec", "id"),
    ("inventory_item i JOIN register_entry e ON e.id = i.entry_id",
     "i.number || ' ' || e.description || ' ' || i.brand || ' ' || i.model || ' ' || "
     "coalesce(i.serial_number, '')", "i.id"),
    ("inventory_discharge", "decree_number || ' ' || cause || ' ' || motivation", "id"),
    ("inventory_assignment a JOIN register_entry e ON e.id = a.entry_id",
     "e.number || '/' || e.year || ' ' || a.assignee_name", "a.id"),
    ("loan l JOIN register_entry e ON e.id = l.entry_id",
     "e.number || '/' || e.year || ' ' || l.student_name || ' ' || l.class_name || ' ' || "
     "l.parent_name", "l.id"),
    ("warehouse_request", "number || '/' || year || ' ' || requester || ' ' || destination",
     "id"),
    ("warehouse_article", "code || ' ' || description || ' ' || category || ' ' || supplier",
     "id"),
    ("procurement_request r LEFT JOIN procurement_procedure p ON p.request_id = r.id",
     "r.object || ' ' || coalesce(p.number || '/' || p.year, '') || ' ' || coalesce(p.cig, '')",
     "r.id"),
    ("procurement_invoice f JOIN procurement_supplier s ON s.id = f.supplier_id",
     "f.invoice_number || ' ' || f.number || '/' || f.year || ' ' || s.name || ' ' || f.cig",
     "f.id"),
    ("funds_commitment", "number || '/' || year || ' ' || description || ' ' || creditor_name "
     "|| ' ' || cig", "id"),
    ("funds_payment_order", "number || '/' || year || ' ' || causale || ' ' || creditor_name "
     "|| ' ' || cig", "id"),
)


def _bare(con: sqlite3.Connection, query: str, limit: int) -> int:
    words = query.split()
    found = 0
    for table, text, key in _BARE:
        where = " AND ".join(f"({text}) LIKE ?" for _ in words)
        rows = con.execute(f"SELECT {key} FROM {table} WHERE {where} LIMIT {limit + 1}",
                           [f"%{w}%" for w in words]).fetchall()
        found += len(rows)
    return found


def _ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _searchable(con: sqlite3.Connection) -> int:
    """The rows the index holds: one per record of every table it reads."""
    return sum(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
               for table, _text, _key in _BARE)


def bench_search(work: Path, size: str = "large", path: Path | None = None,
                 rows: int = 0) -> dict:
    """``rows``: goods are added in bulk until the searchable rows are at least that many."""
    from bench_user import act_as_bench
    from bulk_goods import add_bulk_goods

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.demo import build_demo
    from iiss_desktop.queries.search import LIMIT_PER_KIND, search
    from iiss_desktop.services.procurement.suppliers import save_supplier

    if path is None:
        path = work / f"search-{size}.db"
        build_demo(path, size=size).dispose()
    with sqlite3.connect(path) as con:
        missing = rows - _searchable(con)
    if missing > 0:
        add_bulk_goods(path, missing)
    db = open_database(path)
    act_as_bench(db)
    with sqlite3.connect(path) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("employee", "inventory_item", "warehouse_article",
                            "procurement_supplier", "funds_commitment")}
        counts["searchable"] = _searchable(con)
    first = _ms(lambda: search(db, "sedia"))            # builds every kind's index
    app, bare, hits = [], [], {}
    con = sqlite3.connect(path)
    for _ in range(3):                                   # app and bare alternate: same load
        for q in QUERIES:
            app.append(_ms(lambda q=q: hits.__setitem__(q, len(search(db, q).hits))))
            bare.append(_ms(lambda q=q: _bare(con, q, LIMIT_PER_KIND)))
    con.close()
    save_supplier(db, {"name": "Ferramenta Città di Bari Srl", "vat": "09123450786",
                       "address": "Via Sparano 3, 70121 Bari", "pec": "ferramenta@pec.it"})
    after_change = _ms(lambda: search(db, "citta bari"))
    db.dispose()
    median, bare_median = statistics.median(app), statistics.median(bare)
    return {"rows": counts, "queries": len(QUERIES), "runs": len(app),
            "first_query_builds_index_ms": round(first, 1),
            "median_ms": round(median, 2), "slowest_ms": round(max(app), 2),
            "bare_like_median_ms": round(bare_median, 2),
            "bare_like_slowest_ms": round(max(bare), 2),
            "ratio": round(median / bare_median, 3),
            "after_a_supplier_saved_ms": round(after_change, 2),
            "hits": hits}


if __name__ == "__main__":
    import argparse
    import json
    import os
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    parser = argparse.ArgumentParser(description="Ricerca globale sull'archivio grande")
    parser.add_argument("--db", type=Path, help="un archivio già creato (una sua copia)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="iiss-bench-"))
    os.environ.setdefault("IISS_DATA_DIR", str(work / "data"))
    target = None
    if args.db is not None:
        from iiss_desktop.db.backup import backup_file

        target = work / "search.db"
        backup_file(args.db, target)
    print(json.dumps(bench_search(work, path=target, rows=100_000), indent=2))
