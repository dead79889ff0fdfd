"""Weekly patterns and the roster (issue 14 items 3-5) on real SQLite archives: what cannot be
a schedule is refused with nothing saved (rows counted with raw sqlite3), what breaks a rule is
recorded and explained next to the cell. Expected figures are worked out by hand in comments.

School year 2026/27 starts on Tuesday 1/9/2026; the week used is Monday 5/10 - Sunday 11/10.
"""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_roster import roster
from iiss_desktop.services import school
from iiss_desktop.services.staff import registry
from iiss_desktop.services.staff.roster import (
    DayInput,
    PatternInput,
    annul_pattern,
    copy_week,
    save_pattern,
    set_roster_days,
)

YEAR_START, YEAR_END = date(2026, 9, 1), date(2027, 6, 30)
MON, WED, THU, FRI = date(2026, 10, 5), date(2026, 10, 7), date(2026, 10, 8), date(2026, 10, 9)
SIX_BY_SIX = {wd: "07:30-13:30" for wd in range(6)}          # 6 × 6 h = 36 h


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _person(db, site_id, surname="Rossi", name="Maria", role="CS", born=date(1970, 3, 12)):
    return registry.save_person(db, {
        "surname": surname, "name": name, "role": role, "site_id": site_id,
        "codice_fiscale": demo_codice_fiscale(surname, name, "F", born)})


def _pattern(db, pid, days=None, **kw):
    return save_pattern(db, pid, PatternInput(kw.pop("valid_from", YEAR_START),
                                              kw.pop("valid_to", YEAR_END),
                                              days if days is not None else SIX_BY_SIX, **kw))


def _week(db, monday=MON, plesso=None):
    from datetime import timedelta

    return roster(db, monday, monday + timedelta(days=6), plesso)


def test_a_pattern_gives_the_week_and_its_hours(db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi, name="Sei giorni")
    view = _week(db)
    (person,) = view.people
    assert person.name == "Rossi Maria" and person.home_plesso == "SEDE"
    assert view.cell(rossi, MON).text == "07:30-13:30"
    assert view.cell(rossi, date(2026, 10, 11)).text == ""          # Sunday: free
    assert person.minutes == 6 * 360 and person.problems == ()      # 36 h, as the contract
    assert view.problem_count == 0
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT weekly_minutes FROM staff_pattern").fetchone() == (2160,)
        assert con.execute("SELECT count(*) FROM staff_pattern_band").fetchone() == (6,)
    assert verify(db).ok


@pytest.mark.parametrize(("days", "extra", "field", "words"), [
    # Mon-Fri 6 h = 30 h against 36: 6 h missing
    ({wd: "07:30-13:30" for wd in range(5)}, {}, "days",
     "somma 30 h, ma il contratto (36 ore) prevede 36 h (6 h in meno)"),
    ({0: "14:00-08:00", **{wd: "07:30-13:30" for wd in range(1, 6)}}, {}, "day_0",
     "termina prima di iniziare"),
    ({0: "7:30-13:30 pausa", **{wd: "07:30-13:30" for wd in range(1, 6)}}, {}, "day_0",
     "«pausa» non è un tipo di fascia"),
    ({0: "sette e mezza", **{wd: "07:30-13:30" for wd in range(1, 6)}}, {}, "day_0",
     "non è una fascia oraria"),
    ({0: "07:30-13:30; 12:00-14:00"}, {}, "day_0", "si sovrappongono"),
    (SIX_BY_SIX, {"valid_to": date(2027, 9, 30)}, "valid_to",
     "fuori dall'anno scolastico 2026/27"),
    (SIX_BY_SIX, {"valid_from": date(2027, 1, 10), "valid_to": date(2027, 1, 9)}, "valid_to",
     "prima di iniziare"),
    (SIX_BY_SIX, {"agile_weekdays": frozenset({2})}, "agile_weekdays",
     "non è previsto per il profilo «Collaboratore scolastico»"),
])
def test_what_cannot_be_a_schedule_is_refused_and_nothing_saved(db, sites, db_path, days,
                                                                 extra, field, words):
    rossi = _person(db, sites["SEDE"])
    with pytest.raises(ValidationError) as exc:
        _pattern(db, rossi, days, **extra)
    assert field in exc.value.errors, exc.value.errors
    assert words in exc.value.errors[field]
    assert _count(db_path, "staff_pattern") == 0
    assert _count(db_path, "staff_pattern_band") == 0


def test_part_time_owes_its_share_and_a_second_pattern_on_the_same_days_is_refused(
        db, sites, db_path):
    verdi = _person(db, sites["SEDE"], "Verdi", "Anna", born=date(1990, 1, 20))
    registry.add_contract(db, verdi, kind="indeterminato", starts_on=date(2010, 9, 1),
                          part_time_percent=50)
    with pytest.raises(ValidationError) as exc:           # 36 h against 50 % of 36 = 18 h
        _pattern(db, verdi)
    assert "prevede 18 h (18 h in più)" in exc.value.errors["days"]
    first = _pattern(db, verdi, {0: "08:00-14:00", 2: "08:00-14:00", 4: "08:00-14:00"})
    with pytest.raises(ValidationError) as exc:
        _pattern(db, verdi, {1: "08:00-14:00", 3: "08:00-14:00", 5: "08:00-14:00"},
                 valid_from=date(2026, 11, 2), valid_to=YEAR_END)
    assert exc.value.errors["valid_from"] == (
        "Dal 01/09/2026 al 30/06/2027 Verdi Anna ha già un orario: annullarlo prima di "
        "registrarne uno nuovo negli stessi giorni.")
    assert _count(db_path, "staff_pattern") == 1
    annul_pattern(db, first, "Orario cambiato su richiesta della dipendente", date(2026, 11, 1))
    _pattern(db, verdi, {1: "08:00-14:00", 3: "08:00-14:00", 5: "08:00-14:00"})
    # the annulled pattern no longer counts: Tuesday works, Monday is free
    view = _week(db)
    assert view.cell(verdi, MON).text == "" and view.cell(verdi, date(2026, 10, 6)).bands
    assert view.people[0].minutes == 3 * 360 and view.problem_count == 0


def test_a_day_set_by_hand_breaks_the_rules_and_says_so_next_to_the_cell(db, sites):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    # Wednesday: 6 h + 3 h 30 of straordinario = 9 h 30 > 9 h (the week's ordinary hours stay 36)
    set_roster_days(db, [(rossi, WED)], DayInput("07:30-13:30; 14:00-17:30 straordinario"))
    # Thursday: exactly 7 h 12 continuous is allowed; Friday 7 h 13 is not (and the week then
    # counts 36 − 6 − 6 + 7 h 12 + 7 h 13 = 24 h + 14 h 25 = 38 h 25: 2 h 25 more)
    set_roster_days(db, [(rossi, THU)], DayInput("07:30-14:42"))
    set_roster_days(db, [(rossi, FRI)], DayInput("07:30-14:43"))
    view = _week(db)
    assert view.cell(rossi, WED).problems == (
        "Mercoledì 07/10/2026: 9 h 30 min di servizio, oltre il massimo di 9 ore al giorno "
        "comprese le prestazioni aggiuntive (art. 51 CCNL 29/11/2007).",)
    assert view.cell(rossi, WED).hand_set
    assert view.cell(rossi, THU).problems == ()
    assert view.cell(rossi, FRI).problems == (
        "Venerdì 09/10/2026, 07:30–14:43: 7 h 13 min di lavoro continuativo senza una pausa di "
        "almeno 30 minuti, obbligatoria oltre 7 h 12 min (art. 51 CCNL 29/11/2007).",)
    assert view.people[0].problems == (
        "Settimana dal 05/10/2026: 38 h 25 min contro le 36 h del contratto (36 ore): 2 h 25 "
        "min in più (artt. 51 e 55 CCNL 29/11/2007).",)
    assert view.problem_count == 3


def test_an_evening_shift_needs_its_reason(db, sites):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    set_roster_days(db, [(rossi, MON)], DayInput("14:30-20:30 pomeriggio"))
    assert "turno oltre le 20:00 senza l'indicazione" in _week(db).cell(rossi, MON).problems[0]
    set_roster_days(db, [(rossi, MON)], DayInput("14:30-20:30 pomeriggio",
                                                 note="Consiglio d'istituto"))
    cell = _week(db).cell(rossi, MON)
    assert cell.problems == () and cell.text == "14:30-20:30 pomeriggio"


def test_setting_a_day_again_keeps_the_history_and_shows_the_last(db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    set_roster_days(db, [(rossi, MON)], DayInput("08:00-14:00"))
    set_roster_days(db, [(rossi, MON)], DayInput("09:00-15:00 presidio", plesso="PRIM"))
    with sqlite3.connect(db_path) as con:
        rows = con.execute("SELECT id, replaced_by_id FROM staff_roster_day "
                           "ORDER BY id").fetchall()
    assert rows == [(1, 2), (2, None)]
    cell = _week(db).cell(rossi, MON)
    assert cell.text == "09:00-15:00 presidio" and cell.bands[0].plesso == "PRIM"
    # a SEDE collaboratore on a presidio at PRIM shows in PRIM's roster too
    assert [p.name for p in _week(db, plesso="PRIM").people] == ["Rossi Maria"]
    assert _week(db, date(2026, 10, 12), plesso="PRIM").people == ()


def test_a_range_of_cells_then_a_week_copied_onto_the_next(db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    bianchi = _person(db, sites["SEDE"], "Bianchi", "Luisa", born=date(1981, 7, 2))
    for pid in (rossi, bianchi):
        _pattern(db, pid)
    # both on the afternoon shift Monday and Tuesday: 4 cells in one action
    cells = [(pid, d) for pid in (rossi, bianchi) for d in (MON, date(2026, 10, 6))]
    assert set_roster_days(db, cells, DayInput("12:00-18:00", kind="pomeriggio")) == 4
    set_roster_days(db, [(rossi, date(2026, 10, 10))], DayInput(""))      # Saturday free
    # the target week: 6 working days each, but Rossi's free Saturday is copied as free too
    assert copy_week(db, [rossi, bianchi], MON, date(2026, 10, 12)) == 12
    view = _week(db, date(2026, 10, 12))
    assert view.cell(rossi, date(2026, 10, 12)).text == "12:00-18:00 pomeriggio"
    assert view.cell(bianchi, date(2026, 10, 13)).text == "12:00-18:00 pomeriggio"
    assert view.cell(rossi, date(2026, 10, 14)).text == "07:30-13:30"
    assert view.cell(rossi, date(2026, 10, 17)).text == ""
    # Rossi's week: 5 × 6 h = 30 h, 6 h short of the contract, said on the person's row
    assert view.people[1].name == "Rossi Maria"
    assert "30 h contro le 36 h del contratto" in view.people[1].problems[0]
    with pytest.raises(ValidationError) as exc:
        copy_week(db, [rossi], MON, date(2026, 10, 13))
    assert "non lo è" in exc.value.errors["to_monday"]


def test_a_holiday_on_a_working_day_counts_its_hours(db, sites):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    school.seed_calendar(db, 2026)
    view = _week(db, date(2026, 12, 7))          # Tuesday 8/12: Immacolata Concezione
    cell = view.cell(rossi, date(2026, 12, 8))
    assert cell.text == "Festivo" and cell.credited == 360
    # 5 days worked (30 h) + 6 h credited = 36 h: no problem; 30 h actually worked
    assert view.people[0].problems == () and view.people[0].minutes == 5 * 360


def test_verify_rebuilds_the_weekly_hours_of_a_pattern(db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE staff_pattern SET weekly_minutes = 2100")
    problems = [p.message for p in verify(db).problems if p.check == "personale"]
    assert problems == ["Orario di Rossi Maria dal 01/09/2026 al 30/06/2027: registrate 35 h "
                        "settimanali, le fasce ne sommano 36 h"]


def test_bands_of_a_pattern_cannot_be_changed_or_deleted(db, sites, db_path):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    with sqlite3.connect(db_path) as con:
        with pytest.raises(sqlite3.DatabaseError, match="non si modificano"):
            con.execute("UPDATE staff_pattern_band SET \"end\" = 900")
        with pytest.raises(sqlite3.DatabaseError, match="non si cancellano"):
            con.execute("DELETE FROM staff_pattern")


def test_a_new_pattern_from_a_day_keeps_the_old_one_for_the_weeks_before(db, sites, db_path):
    from iiss_desktop.queries.staff_roster import patterns_of
    from iiss_desktop.services.staff.roster import replace_pattern

    gallo = _person(db, sites["SEDE"], "Gallo", "Teresa", role="AA", born=date(1975, 5, 5))
    first = _pattern(db, gallo, {wd: "07:30-14:42" for wd in range(5)})     # 5 × 7 h 12
    # from Monday 12/10 two days of lavoro agile (Wednesday, Friday), same hours
    replace_pattern(db, first, PatternInput(date(2026, 10, 12), YEAR_END,
                                            {wd: "07:30-14:42" for wd in range(5)},
                                            agile_weekdays=frozenset({2, 4})))
    rows = patterns_of(db, gallo)
    assert [(r.period, r.annulled_on is not None, sorted(r.agile_weekdays)) for r in rows] == [
        ("dal 01/09/2026 al 30/06/2027", True, []),
        ("dal 01/09/2026 al 11/10/2026", False, []),
        ("dal 12/10/2026 al 30/06/2027", False, [2, 4])]
    assert rows[0].annul_reason == "Sostituito dall'orario dal 12/10/2026"
    assert _week(db).cell(gallo, WED).lavoro_agile is False
    later = _week(db, date(2026, 10, 12))
    assert later.cell(gallo, date(2026, 10, 14)).text == "Lavoro agile 07:30-14:42"
    assert later.cell(gallo, date(2026, 10, 14)).bands[0].plesso is None
    # Wednesday and Friday of lavoro agile, with no individual agreement yet: two problems
    assert later.problem_count == 2
    from iiss_desktop.services.staff.agile import sign_agreement

    registry.add_contract(db, gallo, kind="indeterminato", starts_on=date(2015, 9, 1))
    sign_agreement(db, gallo, signed_on=date(2026, 10, 9), valid_from=date(2026, 10, 12),
                   valid_to=YEAR_END, weekdays={2, 4}, activities="Protocollo informatico",
                   contact_band="10:00-12:00", tools="istituto")
    assert _week(db, date(2026, 10, 12)).problem_count == 0 and verify(db).ok


def test_a_plesso_left_uncovered_in_its_opening_hours_is_said_day_by_day(db, sites, db_path):
    from iiss_desktop.queries.staff_roster import opening_hours
    from iiss_desktop.services.staff.roster import set_opening_hours

    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)                                  # Mon-Sat 07:30-13:30
    # SEDE open Monday to Friday 07:30-14:00 with one collaboratore at any time
    assert set_opening_hours(db, 2026, "SEDE", {wd: "07:30-14:00" for wd in range(5)}) == 5
    view = _week(db)
    # 13:30-14:00 uncovered on each of the five days; Saturday needs nobody
    assert len(view.coverage) == 5 and view.problem_count == 5
    assert view.coverage[MON] == (
        "Lunedì 05/10/2026: il plesso SEDE resta scoperto dalle 13:30 alle 14:00 (servono 1 – "
        "collaboratore scolastico –, presenti 0) (Piano delle attività, art. 53 c.1 CCNL "
        "29/11/2007 (orario funzionale all'apertura)).",)
    bianchi = _person(db, sites["SEDE"], "Bianchi", "Luisa", born=date(1981, 7, 2))
    _pattern(db, bianchi, {wd: "08:00-14:00" for wd in range(6)})
    assert _week(db).coverage == {}                      # 07:30 Rossi, 08:00-14:00 Bianchi
    # the hours changed: two at once from 08:00 to 13:00; the old rows are superseded
    set_opening_hours(db, 2026, "SEDE", {0: "08:00-13:00"}, staff=2)
    assert _week(db).coverage == {}
    set_opening_hours(db, 2026, "SEDE", {0: "07:00-13:00"}, staff=2)
    assert _week(db).coverage[MON][0].startswith(
        "Lunedì 05/10/2026: il plesso SEDE resta scoperto dalle 07:00 alle 08:00 (servono 2")
    assert opening_hours(db, 2026)["SEDE"].days == {0: "07:00-13:00"}
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*), count(superseded_on) FROM staff_opening"
                           ).fetchone() == (7, 6)
    with pytest.raises(ValidationError) as exc:
        set_opening_hours(db, 2026, "SEDE", {2: "14:00-08:00"})
    assert "termina prima di iniziare" in exc.value.errors["day_2"]
    with pytest.raises(ValidationError) as exc:
        set_opening_hours(db, 2026, "XYZ", {2: "08:00-14:00"})
    assert exc.value.errors == {"plesso": "Plesso «XYZ» inesistente."}
