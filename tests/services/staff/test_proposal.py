"""Proposta dei turni (issue 18) on real SQLite archives: the inputs are read where they live
(opening hours, contracts, patterns, days set by hand, ferie, calendar), nothing is written by
the proposal, accepting writes the cells through the roster's recording (audited).

School year 2026/27; the week is Monday 5/10 - Sunday 11/10/2026. Each plesso is open Monday
to Saturday 07:30-13:30 with one collaboratore; everyone owes 36 h = 6 days × 6 h.
"""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_roster import roster
from iiss_desktop.services.staff import leave, registry
from iiss_desktop.services.staff.proposal import accept_proposal, propose_roster
from iiss_desktop.services.staff.roster import (
    DayInput,
    PatternInput,
    save_pattern,
    set_opening_hours,
    set_roster_days,
)

MON = date(2026, 10, 5)
SUN = MON + timedelta(days=6)
TUE, WED = MON + timedelta(days=1), MON + timedelta(days=2)
SIX = {wd: "07:30-13:30" for wd in range(6)}
OPEN = {wd: "07:30-13:30" for wd in range(6)}


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _person(db, site_id, surname, name="Maria", born=date(1970, 3, 12)):
    pid = registry.save_person(db, {
        "surname": surname, "name": name, "role": "CS", "site_id": site_id,
        "service_since": date(2010, 9, 1),
        "codice_fiscale": demo_codice_fiscale(surname, name, "F", born)})
    registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2010, 9, 1))
    save_pattern(db, pid, PatternInput(date(2026, 9, 1), date(2027, 6, 30), SIX))
    return pid


@pytest.fixture
def school(db, sites):
    set_opening_hours(db, 2026, "SEDE", OPEN)
    set_opening_hours(db, 2026, "PRIM", OPEN)
    people = {"Rossi": _person(db, sites["SEDE"], "Rossi"),
              "Bianchi": _person(db, sites["SEDE"], "Bianchi", "Luca"),
              "Verdi": _person(db, sites["PRIM"], "Verdi", "Anna"),
              "Neri": _person(db, sites["PRIM"], "Neri", "Paolo")}
    return people


def test_the_proposal_reads_the_archive_and_writes_nothing(db, school, db_path):
    leave.allocate_year(db, school["Rossi"], 2026, on=date(2026, 9, 1))
    leave.record_absence(db, school["Rossi"], "ferie", TUE)
    set_roster_days(db, [(school["Verdi"], WED)], DayInput("08:00-14:00"))
    before = _count(db_path, "staff_roster_day")
    result = propose_roster(db, MON, SUN, time_limit=5)
    p = result.proposal
    assert p.feasible, result.messages
    assert p.problems == ()
    cells = {(c.person_id, c.day): c for c in p.cells}
    rossi_tue = cells[(school["Rossi"], TUE)]
    assert rossi_tue.bands == () and rossi_tue.reason == "in ferie"
    verdi_wed = cells[(school["Verdi"], WED)]                   # set by hand: kept
    assert verdi_wed.fixed and [b.label for b in verdi_wed.bands] == ["08:00–14:00"]
    # Bianchi covers the SEDE on Tuesday
    assert [b.plesso for b in cells[(school["Bianchi"], TUE)].bands] == ["SEDE"]
    assert result.names[school["Rossi"]] == "Rossi Maria"
    assert _count(db_path, "staff_roster_day") == before


def test_accepting_one_plesso_writes_its_cells_audited(db, school, db_path):
    """The PRIM now opens 08:00-14:00: its patterns (07:30-13:30) no longer fit."""
    set_opening_hours(db, 2026, "PRIM", {wd: "08:00-14:00" for wd in range(6)})
    set_opening_hours(db, 2026, "SEDE", {wd: "08:00-14:00" for wd in range(6)})
    leave.allocate_year(db, school["Neri"], 2026, on=date(2026, 9, 1))
    leave.record_absence(db, school["Neri"], "ferie", MON, TUE)
    result = propose_roster(db, MON, SUN, time_limit=5)
    assert result.proposal.feasible, result.messages
    audit_before = _count(db_path, "audit_log")
    written = accept_proposal(db, result, plessi=["PRIM"])
    # Verdi's 6 days and Neri's 4 (Monday and Tuesday in ferie stay as they are), 08:00-14:00;
    # the SEDE is untouched until accepted.
    assert written == 10 == _count(db_path, "staff_roster_day")
    with sqlite3.connect(db_path) as con:
        who = {r[0] for r in con.execute("SELECT employee_id FROM staff_roster_day")}
        assert con.execute("SELECT DISTINCT start, \"end\", plesso FROM staff_roster_band"
                           ).fetchall() == [(480, 840, "PRIM")]
    assert who == {school["Verdi"], school["Neri"]}
    assert _count(db_path, "audit_log") > audit_before
    view = roster(db, MON, SUN)
    assert not any("PRIM" in t for texts in view.coverage.values() for t in texts)
    assert verify(db).ok


def test_accepting_all_gives_a_roster_without_uncovered_plessi(db, school):
    leave.allocate_year(db, school["Rossi"], 2026, on=date(2026, 9, 1))
    leave.record_absence(db, school["Rossi"], "ferie", WED)
    result = propose_roster(db, MON, SUN, time_limit=5)
    accept_proposal(db, result)
    view = roster(db, MON, SUN)
    assert view.coverage == {}
    assert accept_proposal(db, propose_roster(db, MON, SUN, time_limit=5)) == 0   # as is


def test_an_uncovered_plesso_is_said_and_cannot_be_accepted(db, school, db_path):
    set_opening_hours(db, 2026, "PRIM", {**OPEN, 1: "07:30-13:30; 14:00-18:00"}, staff=2)
    leave.allocate_year(db, school["Verdi"], 2026, on=date(2026, 9, 1))
    leave.record_absence(db, school["Verdi"], "ferie", TUE)
    result = propose_roster(db, MON, SUN, time_limit=5)
    assert not result.proposal.feasible
    texts = " ".join(result.messages)
    assert "Plesso «Primaria Rodari», martedì 06/10/2026" in texts
    assert "Verdi Anna in ferie" in texts
    before = _count(db_path, "staff_roster_day")
    with pytest.raises(ValidationError) as exc:
        accept_proposal(db, result)
    assert "non copre tutti i plessi" in exc.value.errors["proposal"]
    assert _count(db_path, "staff_roster_day") == before


def test_bad_periods_are_refused_in_words(db, school):
    with pytest.raises(ValidationError) as exc:
        propose_roster(db, SUN, MON)
    assert "prima di iniziare" in exc.value.errors["end"]
    with pytest.raises(ValidationError) as exc:
        propose_roster(db, MON, MON + timedelta(days=90))
    assert "al massimo" in exc.value.errors["end"]


def test_without_opening_hours_nothing_is_proposed(db, sites):
    with pytest.raises(ValidationError) as exc:
        propose_roster(db, MON, SUN)
    assert "orario di apertura" in exc.value.errors["start"]


def test_a_person_without_a_contract_in_the_period_is_left_out_in_words(db, school, sites):
    pid = registry.save_person(db, {
        "surname": "Galli", "name": "Ugo", "role": "CS", "site_id": sites["SEDE"],
        "service_since": date(2020, 9, 1),
        "codice_fiscale": demo_codice_fiscale("Galli", "Ugo", "M", date(1980, 1, 1))})
    registry.add_contract(db, pid, kind="supplenza_breve", starts_on=date(2026, 9, 1),
                          ends_on=date(2026, 9, 30))
    result = propose_roster(db, MON, SUN, time_limit=5)
    assert ("Galli Ugo: nessun contratto dal 05/10/2026 al 11/10/2026, esclusa dalla proposta"
            in result.messages)
    assert pid not in {c.person_id for c in result.proposal.cells}
    assert result.proposal.feasible


def test_cli_turni_proponi(db, school, db_path):
    import json
    import subprocess
    import sys

    from tests.helpers.users import give_password

    env = give_password(db)
    base = [sys.executable, "-m", "iiss_desktop", "--utente", "mrossi", "turni", "proponi",
            "--db", str(db_path), "--dal", "2026-10-05", "--al", "2026-10-11", "--secondi", "5"]
    out = subprocess.run([*base, "--json"], capture_output=True, text=True, timeout=120,
                         env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["stato"] == "ottimale" and data["scoperti"] == [] and data["problemi"] == []
    assert {t["persona"] for t in data["turni"]} == {"Rossi Maria", "Bianchi Luca",
                                                     "Verdi Anna", "Neri Paolo"}
    set_opening_hours(db, 2026, "PRIM", {**OPEN, 1: "07:30-18:00"}, staff=3)
    out = subprocess.run(base, capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 3, out.stderr
    assert "Traceback" not in out.stderr
    assert "- Plesso «Primaria Rodari», martedì 06/10/2026" in out.stdout
    assert _count(db_path, "staff_roster_day") == 0


def test_a_period_from_midweek_keeps_the_whole_week_at_the_contract(db, school):
    """From Thursday: Monday-Wednesday of the pattern (3 × 6 h) count, so the proposal gives
    each the other 18 h; the week, judged whole by the checks, makes 36 h."""
    thu = MON + timedelta(days=3)
    result = propose_roster(db, thu, SUN, time_limit=5)
    p = result.proposal
    assert p.feasible and p.problems == ()
    for pid in school.values():
        assert sum(b.minutes for c in p.cells if c.person_id == pid for b in c.bands) == 18 * 60
    accept_proposal(db, result)
    view = roster(db, MON, SUN)
    assert all(not person.problems for person in view.people)
    assert all(person.minutes == 36 * 60 for person in view.people)


def test_cells_fixed_in_the_request_are_kept_and_written_on_accepting(db, school, db_path):
    """«Fissa e ricalcola»: Rossi's Wednesday fixed at 08:00-14:00 in the request (not in the
    archive) stays so, is one of the changed cells, and is written only on accepting."""
    from iiss_desktop.domain.staff.proposal import ProposedCell
    from iiss_desktop.domain.staff.times import TimeBand

    first = propose_roster(db, MON, SUN, time_limit=5)
    assert first.changed == frozenset()          # the patterns already cover both plessi
    cell = ProposedCell(school["Rossi"], WED, (TimeBand(480, 840, "servizio", "SEDE"),),
                        fixed=True)
    again = propose_roster(db, MON, SUN, time_limit=5, fixed=[cell])
    cells = {(c.person_id, c.day): c for c in again.proposal.cells}
    assert [(b.start, b.end) for b in cells[(school["Rossi"], WED)].bands] == [(480, 840)]
    assert (school["Rossi"], WED) in again.changed
    assert again.before[(school["Rossi"], WED)] == "07:30-13:30"
    assert again.changed_in("SEDE") == len(again.changed)
    assert _count(db_path, "staff_roster_day") == 0
    assert accept_proposal(db, again, plessi=["SEDE"]) == len(again.changed)
    view = roster(db, MON, SUN)
    assert view.cell(school["Rossi"], WED).text == "08:00-14:00"


def test_a_stopped_proposal_cannot_be_accepted(db, school):
    result = propose_roster(db, MON, SUN, time_limit=5, stop=lambda: True)
    assert result.proposal.status == "interrotta" and not result.proposal.feasible
    assert result.proposal.cells == ()
    with pytest.raises(ValidationError):
        accept_proposal(db, result)
