"""The filter bar of the Magazzino articles grid: category, kind and stock alert on the grid's
columns, the period of the movements through a query; each checked against SQL."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tests.helpers.ui import open_warehouse_tab

pytestmark = pytest.mark.usefixtures("errors_raise")


def _sql(demo_path, query, params=()) -> set:
    with sqlite3.connect(demo_path) as conn:
        return {r[0] for r in conn.execute(query, params)}


def _shown(tab) -> set:
    return {tab.model.row_id(r) for r in range(tab.model.rowCount())}


def _all(tab) -> set:
    tab.filter_bar.reset()
    return _shown(tab)


def test_category_filter(qtbot, demo_db, demo_path):
    tab = open_warehouse_tab(qtbot, demo_db)
    listed = _all(tab)
    combo = tab.filter_bar.editors["category"]
    category = combo.itemText(2)
    combo.setCurrentIndex(2)
    expected = _sql(demo_path, "SELECT id FROM warehouse_article WHERE category = ?",
                    (category,)) & listed
    assert expected and _shown(tab) == expected


def test_period_of_the_movements_with_the_storeroom(qtbot, demo_db, demo_path):
    store = min(_sql(demo_path, "SELECT id FROM warehouse_storeroom"))
    tab = open_warehouse_tab(qtbot, demo_db, store)
    listed = _all(tab)
    days = sorted(_sql(demo_path, "SELECT movement_date FROM warehouse_movement_line "
                                  "WHERE storeroom_id = ?", (store,)))
    start, end = date.fromisoformat(days[len(days) // 2]), date.fromisoformat(days[-1])
    start_edit, end_edit = tab.filter_bar.editors["period"]
    start_edit.set_value(start)
    end_edit.set_value(end)
    expected = _sql(demo_path, "SELECT article_id FROM warehouse_movement_line WHERE "
                               "storeroom_id = ? AND movement_date BETWEEN ? AND ?",
                    (store, start.isoformat(), end.isoformat())) & listed
    assert expected and expected < listed and _shown(tab) == expected
    end_edit.set_value(date(start.year - 1, 1, 1))
    assert "«Movimenti dal»" in tab.filter_bar.error_label.text()
    assert _shown(tab) == expected


def test_the_filter_bar_fits_a_1366_pixel_screen(qtbot, demo_db):
    tab = open_warehouse_tab(qtbot, demo_db)
    assert tab.filter_bar.minimumSizeHint().width() <= 1340
