"""The start page (issue 13, small things): alerts without a date after the dated ones, the
count of requests and articles in the singular for one, a double click opens the target."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.queries.home import home_items

pytestmark = pytest.mark.usefixtures("errors_raise")


def test_undated_alerts_come_last_and_areas_are_their_targets(demo_db, tmp_path):
    items = home_items(demo_db, backups_dir=tmp_path)
    whens = [i.when for i in items]
    assert None in whens                   # the articles under the minimum: no date
    first_undated = whens.index(None)
    assert all(w is None for w in whens[first_undated:]) and first_undated > 0
    assert {i.target for i in items if i.kind == "magazzino"} == {"warehouse"}
    assert {i.target for i in items if i.kind == "chiusura"} <= {"settings"}


def test_one_request_is_said_in_the_singular(demo_db):
    from iiss_desktop.queries import warehouse as q

    waiting = [a.title for a in q.alerts(demo_db, date.today()) if "da approvare" in a.title]
    count = len(q.list_requests(demo_db, ("presentata",)))
    assert waiting == [f"{count} richiest{'a' if count == 1 else 'e'} di materiale da approvare"]
    assert count != 1 or waiting == ["1 richiesta di materiale da approvare"]


def test_a_double_click_on_a_warehouse_alert_opens_magazzino(main_window, qtbot):
    home = main_window.tab("Home")
    rows = [r for r in range(home.model.rowCount())
            if home.targets.get(home.model.row_id(r)) == "warehouse"]
    assert rows, "the demo has a warehouse alert"
    home.table.activated.emit(home.model.index(rows[0], 2))
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == "Magazzino"
