"""The register grid query: rows, statuses of annulled entries and annulments."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from iiss_desktop.queries.registers import list_entries
from iiss_desktop.services.registers import annul_entry, register_entry

DAY = date(2025, 4, 1)


def test_rows_in_number_order_with_cents_and_statuses(db):
    ids = [register_entry(db, register="prova", entry_date=DAY, description=f"Voce {i}",
                          amount=Decimal("12.30") * i).id for i in range(1, 5)]
    annul_entry(db, entry_id=ids[1], reason="errore materiale", entry_date=DAY)
    rows, row_ids = list_entries(db, "prova", 2025)
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    assert row_ids[:4] == ids
    assert rows[0] == (1, DAY, "Voce 1", 1230, "")
    assert rows[1][4] == "Annullata (n. 5)"
    assert rows[4][4] == "Annullamento" and rows[4][3] is None
    assert list_entries(db, "prova", 2024) == ([], [])


def test_status_found_by_number_even_if_numbering_was_damaged(db):
    ids = [register_entry(db, register="prova", entry_date=DAY, description=f"Voce {i}").id
           for i in range(1, 4)]
    annul_entry(db, entry_id=ids[2], reason="errore materiale", entry_date=DAY)
    with db.engine.begin() as conn:  # damage made by hand, as verify would report it
        conn.exec_driver_sql("DROP TRIGGER trg_register_entry_no_delete")
        conn.exec_driver_sql(f"DELETE FROM register_entry WHERE id = {ids[0]}")
    rows, _ = list_entries(db, "prova", 2025)
    assert [(r[0], r[4]) for r in rows] == [(2, ""), (3, "Annullata (n. 4)"), (4, "Annullamento")]
