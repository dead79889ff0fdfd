"""«Dalla tua ultima apertura» on the demo archive: what changed since the user's previous
start, for what the user may read, without the lines the user hid."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.domain.dates import utc_now
from iiss_desktop.queries.home_since import previous_start, since_lines
from iiss_desktop.services.home import dismiss_since_lines, record_start
from iiss_desktop.services.users import act_as
from iiss_desktop.services.warehouse.requests import (
    RequestInput,
    create_request,
    decide_request,
)


def _article(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT id FROM warehouse_article ORDER BY id LIMIT 1").fetchone()[0]


def _request(db, path, requester: str) -> int:
    return create_request(db, RequestInput(
        requested_on=date.today(), requester=requester, destination_kind="ufficio",
        destination="Segreteria", lines=[(_article(path), "1")]))


def _texts(report) -> list[str]:
    return [line.text for g in report.groups for line in g.lines]


def _start(db, username: str, minutes_ago: int = 0) -> None:
    """The GUI opened for ``username`` ``minutes_ago`` minutes ago."""
    act_as(db, username)
    record_start(db, now=utc_now() - timedelta(minutes=minutes_ago))


def test_the_first_start_has_no_previous_one(demo_db):
    act_as(demo_db, "dsga")
    assert record_start(demo_db) is None
    assert since_lines(demo_db).since is None
    assert record_start(demo_db) is not None      # the second: the first is the previous
    assert previous_start(demo_db) is not None


def test_a_request_after_the_previous_start_appears_one_before_does_not(demo_db, demo_path):
    act_as(demo_db, "dsga")
    before = _request(demo_db, demo_path, "Prima Dell'Apertura")
    _start(demo_db, "dsga", minutes_ago=0)      # previous start: now
    _start(demo_db, "dsga")                     # this start
    after = _request(demo_db, demo_path, "Dopo L'Apertura")
    report = since_lines(demo_db)
    warehouse = [g for g in report.groups if g.area == "Magazzino"]
    assert warehouse, report
    texts = [line.text for line in warehouse[0].lines]
    assert any("Dopo L'Apertura" in t and t.startswith("Richiesta di materiale n. ")
               for t in texts)
    assert not any("Prima Dell'Apertura" in t for t in texts)
    assert {line.target for line in warehouse[0].lines} == {"warehouse"}
    keys = report.keys
    assert f"warehouse_request:{after}:nuova" in keys
    assert f"warehouse_request:{before}:nuova" not in keys


def test_an_approval_since_then_is_a_line_naming_who_approved(demo_db, demo_path):
    act_as(demo_db, "dsga")
    rid = _request(demo_db, demo_path, "Maria Bianchi")
    _start(demo_db, "dsga")
    _start(demo_db, "dsga")
    decide_request(demo_db, request_id=rid, approve=True, decided_on=date.today(),
                   decided_by="Anna Ferri")
    lines = [line for g in since_lines(demo_db).groups for line in g.lines
             if line.key == f"warehouse_request:{rid}:approvata"]
    assert len(lines) == 1 and lines[0].text.endswith("approvata da Anna Ferri")


def test_a_user_without_the_warehouse_permission_does_not_see_the_request(demo_db, demo_path):
    _start(demo_db, "tecnico-informatico")      # amministratore tecnico: no warehouse.read
    _start(demo_db, "tecnico-informatico")
    _start(demo_db, "revisore")                 # sola lettura: reads the warehouse
    _start(demo_db, "revisore")
    act_as(demo_db, "dsga")
    rid = _request(demo_db, demo_path, "Maria Bianchi")
    key = f"warehouse_request:{rid}:nuova"
    act_as(demo_db, "tecnico-informatico")
    assert key not in since_lines(demo_db).keys
    act_as(demo_db, "revisore")
    assert key in since_lines(demo_db).keys


def test_a_hidden_line_stays_hidden_for_that_user_only(demo_db, demo_path):
    for who in ("dsga", "dirigente"):
        _start(demo_db, who)
        _start(demo_db, who)
    act_as(demo_db, "dsga")
    rid = _request(demo_db, demo_path, "Maria Bianchi")
    key = f"warehouse_request:{rid}:nuova"
    assert dismiss_since_lines(demo_db, [key]) == 1
    assert dismiss_since_lines(demo_db, [key]) == 0      # already hidden
    assert key not in since_lines(demo_db).keys
    _start(demo_db, "dsga")                               # still hidden after a restart
    assert key not in since_lines(demo_db, since="2000-01-01T00:00:00").keys
    act_as(demo_db, "dirigente")
    assert key in since_lines(demo_db).keys
    with sqlite3.connect(demo_path) as con:               # recorded in the change log
        assert con.execute("SELECT count(*) FROM audit_log WHERE entity = 'home_dismissed' "
                           "AND action = 'insert'").fetchone()[0] == 1


def test_loans_due_since_then_and_the_limit_per_area(demo_db, demo_path):
    act_as(demo_db, "dsga")
    with sqlite3.connect(demo_path) as con:
        due = [date.fromisoformat(r[0]) for r in con.execute(
            "SELECT due FROM loan WHERE returned_on IS NULL ORDER BY due")]
    if not due:
        pytest.skip("the demo has no open loan")
    since = (due[0] - timedelta(days=1)).isoformat() + "T00:00:00"
    report = since_lines(demo_db, since=since, today=due[-1], limit=1)
    loans = [line for g in report.groups for line in g.lines if line.key.startswith("loan:")]
    assert loans and all("da restituire" in line.text for line in loans)
    assert all(len(g.lines) <= 1 for g in report.groups)
    inventory = next(g for g in report.groups if g.area == "Inventario")
    if len(due) > 1:
        assert inventory.more >= 1


def test_nobody_logged_in_cannot_hide_lines(demo_db):
    from iiss_desktop.domain.errors import DomainError
    from iiss_desktop.services.users import logout

    logout(demo_db)
    with pytest.raises(DomainError):
        dismiss_since_lines(demo_db, ["x"])


@pytest.mark.postgres
def test_the_lines_on_postgres(pg_url):
    from decimal import Decimal

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.school import save_site
    from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
    from tests.helpers.users import act_as_office

    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
        save_storeroom(db, {"code": "MAG", "name": "Magazzino sede", "site_id": site})
        soap = save_article(db, {"code": "SAPONE", "description": "Sapone liquido",
                                 "unit": "l", "min_stock": Decimal("5")})
        record_start(db)
        record_start(db)
        rid = create_request(db, RequestInput(requested_on=date.today(), requester="Anna Neri",
                                              destination_kind="ufficio",
                                              destination="Segreteria", lines=[(soap, "1")]))
        decide_request(db, request_id=rid, approve=False, decided_on=date.today(),
                       note="Scorte sufficienti", decided_by="Alessandro Ferri")
        report = since_lines(db)
        year = date.today().year
        assert _texts(report) == [f"Richiesta di materiale n. 1/{year} respinta da "
                                  "Alessandro Ferri",
                                  f"Richiesta di materiale n. 1/{year} di Anna Neri (Segreteria)"]
        assert dismiss_since_lines(db, report.keys) == 2
        assert since_lines(db).groups == ()
    finally:
        db.dispose()
