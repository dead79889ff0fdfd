"""Material request numbers come from a counter row (db/numbering.sequence), never max + 1."""
from __future__ import annotations

import sqlite3
from datetime import date

from iiss_desktop.db.verify import verify
from iiss_desktop.services.warehouse.master_data import save_article
from iiss_desktop.services.warehouse.requests import RequestInput, create_request


def _request(db, art, day):
    return create_request(db, RequestInput(requested_on=day, requester="Maria Bianchi",
                                           destination_kind="ufficio", destination="Segreteria",
                                           lines=[(art, "1")]))


def _numbers(path, year):
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT number FROM warehouse_request WHERE year = ? "
                                          "ORDER BY number", (year,))]
    finally:
        con.close()


def test_numbers_restart_each_year_and_the_counter_passes_verify(db):
    art = save_article(db, {"code": "CARTA", "description": "Carta A4", "unit": "risma"})
    for day in (date(2025, 3, 1), date(2025, 3, 2), date(2026, 1, 10)):
        _request(db, art, day)
    assert _numbers(db.path, 2025) == [1, 2] and _numbers(db.path, 2026) == [1]
    con = sqlite3.connect(db.path)
    try:
        counters = con.execute("SELECT register, year, value FROM counter WHERE register "
                               "LIKE '#%' ORDER BY year").fetchall()
    finally:
        con.close()
    assert counters == [("#mag-richiesta", 2025, 2), ("#mag-richiesta", 2026, 1)]
    report = verify(db)
    assert report.ok, report.problems


def test_an_archive_numbered_before_the_counter_goes_on_after_its_last_request(db):
    art = save_article(db, {"code": "CARTA", "description": "Carta A4", "unit": "risma"})
    _request(db, art, date(2025, 3, 1))
    con = sqlite3.connect(db.path)
    try:   # two requests of 2024 numbered by an older version (max + 1, no counter row)
        cols = [r[1] for r in con.execute("PRAGMA table_info(warehouse_request)")
                if r[1] not in ("id", "year", "number")]
        for n in (1, 2):
            con.execute(f"INSERT INTO warehouse_request (year, number, {', '.join(cols)}) "
                        f"SELECT 2024, {n}, {', '.join(cols)} FROM warehouse_request LIMIT 1")
        con.commit()
    finally:
        con.close()
    _request(db, art, date(2024, 12, 20))
    assert _numbers(db.path, 2024) == [1, 2, 3]
    # The two rows written here by hand (not by an older version, which logged its rows) are
    # the only thing verify finds: the numbering and the counters agree.
    assert sorted(p.message for p in verify(db).problems) == [
        f"Tabella warehouse_request, riga {i}: non risulta nel registro delle modifiche "
        "(inserita fuori dal programma)" for i in (2, 3)]
