"""When was the last complete ricognizione, and when is the next one due (dates by hand)."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.queries.home import home_items
from iiss_desktop.queries.inventory.ricognizione import (
    check_goods,
    last_general_check,
    ricognizione_due,
    rooms_not_checked_since,
)
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.ricognizione import OutcomeInput, record_check
from iiss_desktop.services.school import save_room, save_site


@pytest.fixture
def rooms(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    lab = save_room(db, {"site_id": site, "name": "Laboratorio"})
    aula = save_room(db, {"site_id": site, "name": "Aula 1A"})
    empty = save_room(db, {"site_id": site, "name": "Ripostiglio"})
    for room in (lab, aula):
        carico(db, CaricoInput(description="Armadio", unit_value=Decimal("300.00"),
                               entry_date=date(2020, 9, 1), room_id=room))
    return lab, aula, empty


def _check(db, room, day, general=True):
    """Every good of the room present."""
    expected, _ = check_goods(db, room, day)
    assert len(expected) == 1
    return record_check(db, room, day, [OutcomeInput("confermato", item_id=g.id)
                                        for g in expected.values()], general=general)


def test_complete_only_when_every_room_with_goods_was_checked(db, rooms):
    lab, aula, empty = rooms
    assert last_general_check(db) is None
    _check(db, lab, date(2021, 3, 10))
    assert last_general_check(db) is None                 # Aula 1A never checked
    _check(db, aula, date(2021, 3, 12))
    # The round ends when the last room is done, and counts from its earliest check.
    assert last_general_check(db) == date(2021, 3, 10)
    _check(db, lab, date(2022, 5, 4))
    assert last_general_check(db) == date(2021, 3, 12)   # Aula 1A is now the oldest
    _check(db, aula, date(2022, 5, 6), general=False)    # a partial check does not count
    assert last_general_check(db) == date(2021, 3, 12)
    assert [r.place for r in rooms_not_checked_since(db, date(2022, 1, 1))] == [
        "Sede centrale – Aula 1A"]


def test_goods_loaded_after_the_round_do_not_reopen_it(db, rooms):
    lab, aula, empty = rooms
    _check(db, lab, date(2021, 3, 10))
    _check(db, aula, date(2021, 3, 12))
    carico(db, CaricoInput(description="Scaffale", unit_value=Decimal("250.00"),
                           entry_date=date(2023, 1, 9), room_id=empty))
    assert last_general_check(db) == date(2021, 3, 10)
    assert [r.place for r in rooms_not_checked_since(db, date(2021, 1, 1))] == [
        "Sede centrale – Ripostiglio"]


def test_due_five_years_later_and_on_the_start_page(db, rooms):
    lab, aula, _ = rooms
    _check(db, lab, date(2021, 3, 10))
    _check(db, aula, date(2021, 3, 12))
    due = ricognizione_due(db, today=date(2025, 12, 1))
    # 10/03/2021 + 5 years = 10/03/2026: 99 days after 01/12/2025 (30 + 31 + 28 + 10).
    assert (due.due, due.level) == (date(2026, 3, 10), "info")
    assert ricognizione_due(db, today=date(2025, 12, 10)).level == "warning"   # 90 days
    [item] = [i for i in home_items(db, today=date(2026, 3, 15))
              if i.title == "Ricognizione quinquennale dei beni"]
    assert (item.when, item.kind, item.level) == (date(2026, 3, 10), "scadenza", "warning")
    assert "scaduta da 5 giorni" in item.detail


def test_a_later_passaggio_di_consegne_moves_the_term(db, rooms):
    from iiss_desktop.services.inventory.handover import HandoverInput, record_handover

    lab, aula, _ = rooms
    _check(db, lab, date(2021, 3, 10))
    _check(db, aula, date(2021, 3, 12))
    record_handover(db, HandoverInput(
        cessation_date=date(2024, 2, 1), handover_date=date(2024, 2, 29),
        outgoing_dsga="Dott.ssa Paola Neri", incoming_dsga="Dott. Alessandro Ferri",
        dirigente="Prof.ssa Maria Colonna", presidente_ci="Sig. Luigi Verdi"))
    due = ricognizione_due(db, today=date(2025, 1, 1))
    # From 29/02/2024: 2029 has no 29 February, the term ends on 28/02/2029.
    assert (due.due, due.last_handover) == (date(2029, 2, 28), date(2024, 2, 29))


def test_no_goods_no_reminder_and_never_checked_is_due_now(db):
    today = date.today()
    assert not [i for i in home_items(db, today) if "Ricognizione" in i.title]
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Aula"})
    carico(db, CaricoInput(description="Armadio", unit_value=Decimal("300.00"),
                           entry_date=today - timedelta(days=3), room_id=room))
    due = ricognizione_due(db, today)
    assert (due.due, due.level, due.last_check) == (today, "warning", None)


@pytest.mark.postgres
def test_the_same_on_postgresql(pg_url, tmp_path):
    """Booleans, correlated joins and dates of the read side on a shared PostgreSQL archive."""
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.queries.inventory.ricognizione import check_detail, list_checks
    from iiss_desktop.reports.inventory.ricognizione import build_verbale_ricognizione
    from tests.helpers.users import act_as_office

    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
        lab = save_room(db, {"site_id": site, "name": "Laboratorio"})
        aula = save_room(db, {"site_id": site, "name": "Aula 1A"})
        for room in (lab, aula):
            carico(db, CaricoInput(description="Armadio", unit_value=Decimal("300.00"),
                                   entry_date=date(2020, 9, 1), room_id=room))
        (here,), (there,) = (check_goods(db, r)[0].values() for r in (lab, aula))
        record_check(db, lab, date(2021, 3, 10), [
            OutcomeInput("confermato", item_id=here.id),
            OutcomeInput("spostato", item_id=there.id),
            OutcomeInput("non_registrato", description="Sedia", estimated_value=Decimal("40"))])
        record_check(db, aula, date(2021, 3, 11), [])
        assert last_general_check(db) == date(2021, 3, 10)
        assert ricognizione_due(db, date(2025, 1, 1)).due == date(2026, 3, 10)
        assert [c.differences for c in list_checks(db)] == ["", "1 spostato, 1 non registrato"]
        detail = check_detail(db, 2021, 1)
        assert [(t.goods, t.value) for t in detail.summary][:4] == [
            (1, 30000), (1, 30000), (0, 0), (1, 4000)]
        assert detail.lines_of("spostato")[0].registered_in == "Aula 1A"
        out = build_verbale_ricognizione(db, tmp_path / "v.pdf", 2021, 1)
        assert out.read_bytes().startswith(b"%PDF")
    finally:
        db.dispose()
