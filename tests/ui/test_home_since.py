"""The start page's «Dalla tua ultima apertura»: a line since the previous start opens
where it is handled; «Nascondi» and «Nascondi tutto» hide lines for this user only."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.services.home import record_start
from iiss_desktop.services.warehouse.requests import RequestInput, create_request
from iiss_desktop.ui.home_since import EMPTY, KEY_ROLE

pytestmark = pytest.mark.usefixtures("errors_raise")


def _lines(section) -> dict[str, object]:
    found = {}
    for i in range(section.tree.topLevelItemCount()):
        head = section.tree.topLevelItem(i)
        for j in range(head.childCount()):
            item = head.child(j)
            if item.data(0, KEY_ROLE):
                found[item.data(0, KEY_ROLE)] = item
    return found


@pytest.fixture
def new_request(demo_db, demo_path):
    """Two starts of the current user, then a material request."""
    record_start(demo_db)
    record_start(demo_db)
    with sqlite3.connect(demo_path) as con:
        article = con.execute("SELECT id FROM warehouse_article ORDER BY id LIMIT 1").fetchone()[0]
    rid = create_request(demo_db, RequestInput(
        requested_on=date.today(), requester="Maria Bianchi", destination_kind="ufficio",
        destination="Segreteria", lines=[(article, "1")]))
    return f"warehouse_request:{rid}:nuova"


def test_a_click_on_a_line_opens_its_area_and_nascondi_hides_it(new_request, main_window,
                                                                 demo_path):
    home = main_window.tab("Home")
    section = home.since
    assert section.title.text().startswith("<h3>Dalla tua ultima apertura (")
    lines = _lines(section)
    assert new_request in lines
    item = lines[new_request]
    assert item.parent().text(0) == "Magazzino"
    assert item.text(0).startswith("Richiesta di materiale n. ")
    section.tree.itemClicked.emit(item, 0)
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == "Magazzino"

    section.tree.itemWidget(item, 2).click()          # «Nascondi»
    assert new_request not in _lines(section)
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT count(*) FROM home_dismissed WHERE line_key = ?",
                           (new_request,)).fetchone()[0] == 1


def test_nascondi_tutto_leaves_the_empty_state(new_request, main_window):
    section = main_window.tab("Home").since
    assert section.hide_all.isVisibleTo(section)
    section.hide_all.click()
    assert _lines(section) == {}
    assert section.empty.isVisibleTo(section) and section.empty.text() == EMPTY
    assert not section.tree.isVisibleTo(section)


def test_the_first_start_says_so(demo_db, main_window):
    section = main_window.tab("Home").since
    assert section.title.text() == "<h3>Dalla tua ultima apertura</h3>"
    assert "Prima apertura" in section.empty.text()


def test_the_gui_records_each_start_of_the_signed_in_user(demo_db):
    from iiss_desktop.queries.home_since import previous_start
    from iiss_desktop.ui.app import note_start

    note_start(demo_db)
    assert previous_start(demo_db) is None
    note_start(demo_db)
    assert previous_start(demo_db) is not None
