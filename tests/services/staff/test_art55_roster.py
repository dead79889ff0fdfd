"""The 35-hour week (art. 55 CCNL 29/11/2007) and the contract periods in the roster, on real
SQLite archives. Figures by hand: 35 h = 5 days of 7 h; the condition «apertura oltre 10 ore
al giorno per almeno 3 giorni a settimana» needs 3 weekdays on which a plesso is open more than
600 minutes (exactly 10 hours is not «oltre»).

School year 2026/27; the week used is Monday 5/10 - Sunday 11/10/2026.
"""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_roster import roster
from iiss_desktop.services.staff import registry
from iiss_desktop.services.staff.art55 import annul_art55, grant_art55
from iiss_desktop.services.staff.roster import set_opening_hours
from tests.services.staff.test_roster import (
    SIX_BY_SIX,
    YEAR_END,
    YEAR_START,
    _count,
    _pattern,
    _person,
)

MON = date(2026, 10, 5)
FIVE_BY_SEVEN = {wd: "07:30-14:30" for wd in range(5)}           # 5 × 7 h = 35 h


def _grant(db, pid, **kw):
    args = dict(valid_from=YEAR_START, valid_to=YEAR_END,
                school_conditions={"apertura_oltre_10_ore"}, staff_conditions={"turni"},
                decided_on=date(2026, 9, 10), reference="Contratto integrativo d'istituto")
    args.update(kw)
    return grant_art55(db, pid, **args)


def _week(db, monday=MON):
    return roster(db, monday, monday + timedelta(days=6))


def _general(view) -> list[str]:
    return [m for p in view.people for m in p.problems]


def test_the_35_hours_change_what_a_pattern_must_add_up_to(db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    _grant(db, rossi)
    with pytest.raises(ValidationError) as exc:                 # 36 h against 35
        _pattern(db, rossi, SIX_BY_SIX)
    assert "prevede 35 h (1 h in più)" in exc.value.errors["days"]
    _pattern(db, rossi, FIVE_BY_SEVEN)
    view = _week(db)
    assert view.people[0].working_time == "35 ore (art. 55)"
    assert view.people[0].minutes == 35 * 60
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT apertura_oltre_10_ore, turni, oscillazioni, reference "
                           "FROM staff_art55").fetchall() == [
            (1, 1, 0, "Contratto integrativo d'istituto")]


def test_the_opening_hours_must_bear_out_the_condition_of_ten_hours(db, sites):
    rossi = _person(db, sites["SEDE"])
    _grant(db, rossi)
    _pattern(db, rossi, FIVE_BY_SEVEN)
    # 07:30-18:00 = 10 h 30 on Monday and Tuesday only: 2 days over 10 hours
    set_opening_hours(db, 2026, "SEDE", {0: "07:30-18:00", 1: "07:30-18:00",
                                         2: "07:30-17:30", 3: "07:30-14:00"})
    (text,) = [m for m in _general(_week(db)) if "35 ore" in m]
    assert "risultano 2 giorni a settimana oltre le 10 ore (ne servono almeno 3)" in text
    # Wednesday 07:30-17:30 is exactly 10 hours: still not enough
    set_opening_hours(db, 2026, "SEDE", {0: "07:30-18:00", 1: "07:30-18:00",
                                         2: "07:30-17:30"})
    assert any("risultano 2 giorni" in m for m in _general(_week(db)))
    # a third day at 10 h 01 min: the condition holds
    set_opening_hours(db, 2026, "SEDE", {0: "07:30-18:00", 1: "07:30-18:00",
                                         2: "07:30-17:31"})
    assert not [m for m in _general(_week(db)) if "35 ore" in m]


def test_a_grant_without_its_conditions_or_out_of_its_year_is_refused(db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    cases = [
        ({"staff_conditions": set()}, "staff_conditions", "più turni o ha significative"),
        ({"school_conditions": {"sempre"}}, "school_conditions", "quale condizione della"),
        ({"valid_to": date(2026, 8, 31)}, "valid_to", "prima di iniziare il 01/09/2026"),
        ({"valid_to": date(2027, 9, 30)}, "valid_to", "fuori dall'anno scolastico 2026/27"),
    ]
    for kw, field, words in cases:
        with pytest.raises(ValidationError) as exc:
            _grant(db, rossi, **kw)
        assert words in exc.value.errors[field], (kw, exc.value.errors)
    assert _count(db_path, "staff_art55") == 0
    first = _grant(db, rossi)
    with pytest.raises(ValidationError) as exc:
        _grant(db, rossi, valid_from=date(2027, 1, 1))
    assert exc.value.errors["valid_from"] == (
        "Dal 01/09/2026 al 30/06/2027 Rossi Maria ha già le 35 ore: annullare quella "
        "registrazione prima di farne una nuova negli stessi giorni.")
    with pytest.raises(ValidationError) as exc:
        annul_art55(db, first, "  ")
    assert "motivo" in exc.value.errors["annul_reason"]
    annul_art55(db, first, "Condizione non più presente", date(2026, 12, 1))
    _grant(db, rossi, valid_from=date(2027, 1, 1), school_conditions={"azienda_agraria"},
           staff_conditions={"oscillazioni"})
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*), count(annulled_on) FROM staff_art55"
                           ).fetchone() == (2, 1)
        with pytest.raises(sqlite3.DatabaseError, match="non si cancellano"):
            con.execute("DELETE FROM staff_art55")
        with pytest.raises(sqlite3.DatabaseError):
            con.execute("UPDATE staff_art55 SET turni = 1")


def test_service_outside_every_contract_is_said_on_the_cell(db, sites):
    neri = _person(db, sites["SEDE"], "Neri", "Carla", born=date(1985, 4, 4))
    # a supplenza breve from Monday 5/10 to Wednesday 7/10 and a pattern for the whole year
    registry.add_contract(db, neri, kind="supplenza_breve", starts_on=MON,
                          ends_on=date(2026, 10, 7))
    _pattern(db, neri, SIX_BY_SIX)
    view = _week(db)
    flagged = {d for (_pid, d), c in view.cells.items()
               if any("fuori dal periodo di un contratto" in p for p in c.problems)}
    # Thursday 8, Friday 9 and Saturday 10 are worked by the pattern after the contract's end
    assert flagged == {date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10)}
    assert view.cell(neri, date(2026, 10, 8)).problems[0].startswith(
        "Giovedì 08/10/2026: servizio fuori dal periodo di un contratto di Neri Carla")
    # a person with no contract history at all is not judged
    bianchi = _person(db, sites["SEDE"], "Bianchi", "Luisa", born=date(1981, 7, 2))
    _pattern(db, bianchi, SIX_BY_SIX)
    assert not any(c.problems for (pid, _d), c in _week(db).cells.items() if pid == bianchi)
