"""A full disk, simulated with ``PRAGMA max_page_count`` on every connection of the real engine.

The write that does not fit must fail with StorageFullError (Italian message), leave
nothing half-written, and the next attempt must fail the same clean way.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import StorageFullError
from iiss_desktop.services.registers import LineInput, register_entry
from tests.helpers.dbcheck import check_register_file
from tests.helpers.users import AUDIT_ROWS_PER_USER, act_as_office

LINES = 3
DAY = date(2025, 5, 20)


def _write(db, i: int):
    big = f"{i:06d} " + "descrizione lunga di prova " * 17  # under the 500-character limit
    lines = [LineInput(f"{i:06d}/{k} " + "x" * 480, k, Decimal("12.34")) for k in range(LINES)]
    return register_entry(db, register="prova", entry_date=DAY, description=big[:500],
                          amount=Decimal("99.99"), lines=lines)


def test_disk_full_fails_cleanly_and_keeps_every_committed_entry(db_path):
    db = open_database(db_path, create=True)
    act_as_office(db, "mrossi")
    for i in range(5):
        _write(db, i)
    with sqlite3.connect(db_path) as con:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
    limit = pages + 60  # room for a few dozen entries, then the "disk" is full

    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _limit(dbapi_con, _record):
        dbapi_con.execute(f"PRAGMA max_page_count={limit}")

    written = 5
    with pytest.raises(StorageFullError) as info:
        for i in range(5, 100_000):
            _write(db, i)
            written += 1
    assert "Spazio esaurito" in info.value.message
    assert written > 5  # the limit was reached by writing, not at once

    # A further attempt fails the same clean way, and so does an annulment-sized small entry.
    with pytest.raises(StorageFullError) as again:
        _write(db, 999_999)
    assert "Spazio esaurito" in again.value.message
    db.dispose()

    # A fresh connection without the limit: everything committed is there and complete.
    n = check_register_file(db_path, register="prova", year=2025, lines_per_entry=LINES,
                            extra_audit_rows=AUDIT_ROWS_PER_USER)
    assert n == written
    fresh = open_database(db_path)
    try:
        report = verify(fresh)
        assert report.ok, report.problems
        assert report.entries_checked == written
        # The disk has room again: the next entry takes the next number, no gap.
        act_as_office(fresh, "mrossi")
        ref = _write(fresh, written)
        assert ref.number == written + 1
    finally:
        fresh.dispose()
