"""The filter bar of the Inventario grid on the demo archive: each filter shows exactly the
goods an independent SQL query selects; combined with the search; remembered; an impossible
period refused; the search finds a good by its serial and by its invoice number."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from iiss_desktop.domain.inventory import states
from iiss_desktop.domain.inventory.registers import code_of_short_name
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.ui.common.table_model import fold
from iiss_desktop.ui.events import AppEvents
from iiss_desktop.ui.inventory.tab import InventoryTab

pytestmark = pytest.mark.usefixtures("errors_raise")

NOT_ANNULLED = "NOT EXISTS (SELECT 1 FROM register_entry a WHERE a.annuls_id = i.entry_id)"


@pytest.fixture
def tab(qtbot, demo_db):
    tab = InventoryTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    return tab


def _sql(demo_path, query, params=()) -> set:
    with sqlite3.connect(demo_path) as conn:
        return {r[0] for r in conn.execute(query, params)}


def _shown(tab) -> set:
    return {tab.model.row_id(r) for r in range(tab.model.rowCount())}


def _choose(tab, key, text) -> None:
    combo = tab.filter_bar.editors[key]
    index = combo.findText(text)
    assert index > 0, (key, text)
    combo.setCurrentIndex(index)


def _pick(tab, key, typed) -> None:
    picker = tab.filter_bar.editors[key]
    picker.setFocus()
    QTest.keyClicks(picker, typed)
    QTest.keyClick(picker, Qt.Key_Return)


def _second_choice(tab, key) -> str:
    return tab.filter_bar.editors[key].itemText(2)


def test_register_filter(tab, demo_path):
    shown = _second_choice(tab, "register")
    _choose(tab, "register", shown)
    code = code_of_short_name(shown, None)
    expected = _sql(demo_path, "SELECT id FROM inventory_item WHERE register = ?", (code,))
    assert expected and _shown(tab) == expected


def test_plesso_filter_combined_with_the_search(tab, demo_path):
    site = _second_choice(tab, "site")
    _choose(tab, "site", site)
    in_site = _sql(demo_path, "SELECT i.id FROM inventory_item i JOIN site s ON "
                              "s.id = i.site_id WHERE s.name = ?", (site,))
    assert in_site and _shown(tab) == in_site
    word = "sedia"
    tab.search.setText(word)
    tab.search.flush()
    both = _sql(demo_path, "SELECT i.id FROM inventory_item i JOIN site s ON s.id = i.site_id "
                           "JOIN register_entry e ON e.id = i.entry_id WHERE s.name = ? AND "
                           "lower(e.description) LIKE ?", (site, f"%{word}%"))
    assert both and both < in_site and _shown(tab) == both


def test_room_filter_picked_by_typing_its_name(tab, demo_path):
    room_id, room, site = next(iter(sqlite3.connect(demo_path).execute(
        "SELECT r.id, r.name, s.name FROM room r JOIN site s ON s.id = r.site_id "
        "WHERE r.name = 'Magazzino' AND EXISTS (SELECT 1 FROM inventory_item i "
        "WHERE i.room_id = r.id) ORDER BY s.name DESC")))
    _pick(tab, "room", f"magazz {site.split()[-1].strip('«»')}")
    assert tab.filter_bar.editors["room"].value() == (site, room)
    assert _shown(tab) == _sql(demo_path, "SELECT id FROM inventory_item WHERE room_id = ?",
                               (room_id,))


def test_custodian_filter_shows_the_goods_of_an_affidatario(tab, demo_path):
    name = next(iter(_sql(demo_path, "SELECT assignee_name FROM inventory_assignment "
                                     "WHERE ended_on IS NULL")))
    _pick(tab, "custodian", f"{fold(name)} affidatario")   # typed without the accents
    gone = ", ".join(f"'{s}'" for s in states.GONE_STATUSES)
    expected = _sql(demo_path,
                    "SELECT x.item_id FROM inventory_assignment a JOIN "
                    "inventory_assignment_item x ON x.assignment_id = a.id JOIN inventory_item "
                    f"i ON i.id = x.item_id WHERE a.ended_on IS NULL AND a.assignee_name = ? "
                    f"AND i.status NOT IN ({gone}) AND {NOT_ANNULLED}", (name,))
    assert expected and _shown(tab) == expected


def test_state_and_situation_filters(tab, demo_path):
    _choose(tab, "state", "buono")
    assert _shown(tab) == _sql(demo_path, "SELECT id FROM inventory_item WHERE state = ?",
                               ("buono",))
    _choose(tab, "status", states.IN_USE)
    both = _sql(demo_path, f"SELECT id FROM inventory_item i WHERE state = ? AND status = ? "
                           f"AND {NOT_ANNULLED}", ("buono", states.IN_USE))
    assert both and _shown(tab) == both


def test_period_of_carico_and_the_impossible_period(tab, demo_path):
    days = sorted(_sql(demo_path, "SELECT entry_date FROM register_entry e JOIN "
                                  "inventory_item i ON i.entry_id = e.id"))
    start, end = date.fromisoformat(days[len(days) // 4]), date.fromisoformat(days[-1])
    start_edit, end_edit = tab.filter_bar.editors["period"]
    start_edit.set_value(start)
    end_edit.set_value(date(end.year, 1, 1) if end.month > 1 else end)
    expected = _sql(demo_path, "SELECT i.id FROM inventory_item i JOIN register_entry e ON "
                               "e.id = i.entry_id WHERE e.entry_date BETWEEN ? AND ?",
                    (start.isoformat(), end_edit.value().isoformat()))
    assert expected and _shown(tab) == expected
    end_edit.set_value(date(start.year - 1, 12, 31))   # before the start: impossible
    message = tab.filter_bar.error_label.text()
    assert not tab.filter_bar.error_label.isHidden()
    assert "«Carico dal»" in message and "Periodo impossibile" in message
    assert _shown(tab) == expected                     # the grid keeps its rows


def test_filters_are_remembered_per_tab(qtbot, tab, demo_db, demo_path):
    site = _second_choice(tab, "site")
    _choose(tab, "site", site)
    room = tab.filter_bar.editors["room"]
    room.pick(room.catalog.choices[0])
    assert _shown(tab) < _sql(demo_path, "SELECT i.id FROM inventory_item i JOIN site s ON "
                                         "s.id = i.site_id WHERE s.name = ?", (site,))
    again = InventoryTab(demo_db, AppEvents())
    qtbot.addWidget(again)
    assert again.filter_bar.editors["site"].currentText() == site
    assert again.filter_bar.editors["room"].value() == room.value()
    assert _shown(again) == _shown(tab)
    again.filter_bar.reset()
    assert again.model.visible_count() == again.model.row_count_total()


def test_the_search_finds_a_good_by_serial_and_by_invoice_number(tab, demo_db, demo_path):
    room = next(iter(_sql(demo_path, "SELECT id FROM room WHERE active ORDER BY id")))
    result = carico(demo_db, CaricoInput(
        description="Videoproiettore", category="Hardware", unit_value=Decimal("480.00"),
        entry_date=date.today(), room_id=room, supplier="Informatica Srl",
        serial_number="PF3XK9QZ", invoice_number="FT-2026/0815", invoice_date=date.today()))
    tab.refresh()
    item = next(iter(_sql(demo_path, "SELECT id FROM inventory_item WHERE serial_number = ?",
                          ("PF3XK9QZ",))))
    for typed in ("pf3xk9qz", "FT-2026/0815"):   # neither is a column of the grid
        tab.search.setText(typed)
        tab.search.flush()
        assert _shown(tab) == {item}, typed
    assert result.numbers


def test_the_filter_bar_fits_a_1366_pixel_screen(tab):
    # the window's frame and the tab's margins take a little of the 1366 pixels
    assert tab.filter_bar.minimumSizeHint().width() <= 1340


def test_the_rooms_offered_are_those_of_the_plesso_chosen(tab):
    room = tab.filter_bar.editors["room"]
    every = {c.value for c in room.catalog.choices}
    site = _second_choice(tab, "site")
    _choose(tab, "site", site)
    offered = {c.value for c in room.catalog.choices}
    assert offered and offered < every and {v[0] for v in offered} == {site}
    tab.filter_bar.reset()
    assert {c.value for c in room.catalog.choices} == every


def test_no_match_says_so_not_that_the_inventory_is_empty(tab):
    tab.search.setText("nessun bene si chiama così")
    tab.search.flush()
    assert tab.table_area.is_empty_shown()
    # The words searched are named (issue 13: «Nessun risultato per «…»»).
    assert tab.table_area.empty_label.text().startswith(
        "Nessun risultato per «nessun bene si chiama così»")
