"""Magazzino benchmark: scheda of one article and stock at a date of a whole storeroom, on
100,000 movements of 2,000 articles, each against a hand-written SQL aggregate over the
same tables (same connection settings, same run). Prints figures; asserts nothing."""
from __future__ import annotations

import random
import sqlite3
import statistics
import time
from datetime import date, timedelta
from pathlib import Path


def _fill(path: Path, movements: int, articles: int) -> None:
    from bench_user import act_as_bench

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.school import save_site
    from iiss_desktop.services.warehouse.master_data import save_storeroom

    db = open_database(path, create=True)
    user = act_as_bench(db)
    site = save_site(db, {"code": "SEDE", "name": "Sede"})
    stores = [save_storeroom(db, {"code": f"MAG{i}", "name": f"Magazzino {i}", "site_id": site})
              for i in range(1, 4)]
    db.dispose()
    rng = random.Random(7)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    con.executemany("INSERT INTO warehouse_article (id, code, description, unit, category, "
                    "min_stock, supplier, tracks_lots, is_dpi, active, notes) VALUES "
                    "(?, ?, ?, 'pz', 'Cancelleria', 0, '', 0, 0, 1, '')",
                    [(a, f"ART{a:05d}", f"Articolo di prova {a}") for a in range(1, articles + 1)])
    start = date(2025, 1, 1)
    stock = {}
    entries, moves, lines = [], [], []
    for i in range(1, movements + 1):
        day = start + timedelta(days=i * 365 // movements)
        art, store = rng.randint(1, articles), rng.choice(stores)
        have = stock.get((art, store), (0, 0))
        if have[0] >= 5000 and rng.random() < 0.6:
            q = -rng.randint(1, have[0] // 1000) * 1000
            v = -round(have[1] * -q / have[0])
            kind = "scarico"
        else:
            q = rng.randint(5, 50) * 1000
            v = q // 1000 * rng.randint(50, 500)
            kind = "carico"
        stock[(art, store)] = (have[0] + q, have[1] + v)
        entries.append((i, "mag-giornale", day.year, i, day.isoformat(), "entry",
                        f"{kind.capitalize()} di prova {i}", "2025-01-01 00:00:00.000000",
                        user.id))
        moves.append((i, i, kind, day.isoformat(), store))
        lines.append((i, i, 1, day.isoformat(), art, store, q, v, int(kind == "carico")))
    con.executemany("INSERT INTO register_entry (id, register, year, number, entry_date, kind, "
                    "description, recorded_at, recorded_by_id) VALUES (?,?,?,?,?,?,?,?,?)",
                    entries)
    con.executemany("INSERT INTO warehouse_movement (id, entry_id, kind, movement_date, "
                    "storeroom_id, recipient, destination_kind, destination, supplier, "
                    "document_kind, document_ref, funding, order_ref, impegno, handed_by, "
                    "reason) VALUES (?,?,?,?,?,'','','','','','','','','','','')", moves)
    con.executemany("INSERT INTO warehouse_movement_line (id, movement_id, line_no, "
                    "movement_date, article_id, storeroom_id, quantity, value_cents, priced) "
                    "VALUES (?,?,?,?,?,?,?,?,?)", lines)
    con.executemany("INSERT INTO warehouse_balance (article_id, storeroom_id, quantity, "
                    "value_cents) VALUES (?,?,?,?)", [(a, s, q, v) for (a, s), (q, v)
                                                       in stock.items()])
    con.commit()
    con.execute("ANALYZE")
    con.close()


_BARE_SCHEDA = (
    "SELECT l.movement_date, e.number, e.year, m.kind, e.description, l.quantity, "
    "l.value_cents, SUM(l.quantity) OVER w, SUM(l.value_cents) OVER w "
    "FROM warehouse_movement_line l JOIN warehouse_movement m ON m.id = l.movement_id "
    "JOIN register_entry e ON e.id = m.entry_id WHERE l.article_id = ? "
    "WINDOW w AS (ORDER BY l.movement_date, l.movement_id, l.line_no)")
_BARE_STOCK = (
    "SELECT a.code, a.description, SUM(l.quantity), SUM(l.value_cents) "
    "FROM warehouse_movement_line l JOIN warehouse_article a ON a.id = l.article_id "
    "WHERE l.storeroom_id = ? AND l.movement_date <= ? GROUP BY a.id, a.code, a.description "
    "HAVING SUM(l.quantity) != 0")


def _median_ms(fn, n: int = 7) -> float:
    fn()
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000


def bench_warehouse(work: Path, movements: int = 100_000, articles: int = 2_000) -> dict:
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.queries.warehouse import scheda, stock_at

    path = work / "warehouse.db"
    t = time.perf_counter()
    _fill(path, movements, articles)
    fill_s = time.perf_counter() - t
    con = sqlite3.connect(path)
    article = con.execute("SELECT article_id FROM warehouse_movement_line GROUP BY article_id "
                          "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    db = open_database(path)
    at = date(2025, 12, 31)
    app_scheda = _median_ms(lambda: scheda(db, article, date(2025, 1, 1), at))
    bare_scheda = _median_ms(lambda: con.execute(_BARE_SCHEDA, (article,)).fetchall())
    app_stock = _median_ms(lambda: stock_at(db, 1, date(2025, 9, 30)))
    bare_stock = _median_ms(lambda: con.execute(_BARE_STOCK, (1, "2025-09-30")).fetchall())
    rows = len(scheda(db, article, date(2025, 1, 1), at).rows)
    db.dispose()
    con.close()
    return {"movements": movements, "articles": articles, "fill_s": fill_s,
            "scheda_rows": rows, "scheda_ms": app_scheda, "scheda_bare_ms": bare_scheda,
            "scheda_ratio": app_scheda / bare_scheda, "stock_at_ms": app_stock,
            "stock_at_bare_ms": bare_stock, "stock_at_ratio": app_stock / bare_stock,
            "targets": "ratio <= 3x the hand-written SQL, each < 200 ms"}


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(bench_warehouse(Path(folder), 20_000 if quick else 100_000),
                         indent=2, default=float))
