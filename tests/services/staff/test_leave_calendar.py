"""A day of the school calendar changed after an absence was approved (issue 16 item 2: «balances
recompute when the school calendar changes»): the use of the absence is counted again and the
difference written as a rettifica row (never an edit of the use), in the same transaction as
the calendar change. Real SQLite archives; rows counted with raw sqlite3.

Figures by hand (CCNL 1995 art. 19; a holiday is not a working day, domain.md §5.5):
- six-day week, 32 days of ferie; Monday 12 - Wednesday 14/7/2021 = 3 days: 32 - 3 = 29.
  Tuesday 13/7 becomes the santo patrono: 2 days used, 30 left (+1 by a rettifica); the
  holiday removed again: 3 days, 29 (-1 by a second rettifica).
- five-day week: the same three days cost 3 × 1,20 = 3,60 (28,40 left); with the holiday
  2 × 1,20 = 2,40: 29,60 (+1,20).
- a permesso breve of 2 h on Tuesday 13/7: the day is no longer a working day, the 2 h come
  back (36 h again).
- a closure of the office (chiusura prefestiva) is a working day the absence covers: nothing
  changes.
"""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.queries.staff_leave import leave_balances, leave_statement
from iiss_desktop.services import school
from iiss_desktop.services.staff import leave
from tests.services.staff.test_leave import FIVE, SIX, START, _balance, _count, _person

MON, TUE, WED = date(2021, 7, 12), date(2021, 7, 13), date(2021, 7, 14)


def _setup(db, site, days):
    pid = _person(db, site, days=days)
    leave.allocate_year(db, pid, 2020, on=START)          # 7 rows
    return pid, leave.record_absence(db, pid, "ferie", MON, WED)


def test_a_holiday_added_gives_back_its_day_and_removed_takes_it_again(db, sites, db_path):
    pid, absence = _setup(db, sites["SEDE"], SIX)
    assert _balance(db, pid, "ferie") == 2900               # 32 - 3
    school.save_calendar_day(db, TUE, "patrono", "Santo patrono")
    assert _balance(db, pid, "ferie") == 3000               # 32 - 2: +1
    assert _count(db_path, "staff_leave_entry") == 9        # 7 + use + rettifica
    with sqlite3.connect(db_path) as con:
        use, fix = con.execute(
            "SELECT id, kind, amount, corrects_id, absence_id, reason FROM staff_leave_entry "
            "WHERE absence_id = ? ORDER BY id", (absence,)).fetchall()
    assert use[1:3] == ("fruizione", -300)                  # the use is never edited
    assert fix[1:5] == ("rettifica", 100, use[0], absence)
    assert "13/07/2021 festivo" in fix[5] and "prima 3 gg, ora 2 gg" in fix[5]
    line = leave_statement(db, pid, 2020).account("ferie").lines[-1]
    assert line.kind == "Rettifica" and line.amount == "+1 gg" and line.balance == "30 gg"
    assert leave_balances(db, 2020)[pid]["ferie"] == 3000    # the same sum, in one read
    # the holiday removed: the day counts again
    school.remove_calendar_day(db, TUE)
    assert _balance(db, pid, "ferie") == 2900
    assert _count(db_path, "staff_leave_entry") == 10
    assert verify(db).ok


def test_on_a_five_day_week_the_day_given_back_is_worth_1_20(db, sites):
    pid, _absence = _setup(db, sites["SEDE"], FIVE)
    assert _balance(db, pid, "ferie") == 2840               # 32 - 3 × 1,20
    school.save_calendar_day(db, TUE, "festivita", "Festa locale")
    assert _balance(db, pid, "ferie") == 2960               # 32 - 2 × 1,20


def test_an_hourly_absence_on_the_new_holiday_comes_back_whole(db, sites):
    pid = _person(db, sites["SEDE"], days=SIX)
    leave.allocate_year(db, pid, 2020, on=START)
    leave.record_absence(db, pid, "permesso_breve", TUE, minutes=120)
    assert _balance(db, pid, "permessi_brevi") == 2040      # 36 h - 2 h, in minutes
    school.save_calendar_day(db, TUE, "patrono", "Santo patrono")
    assert _balance(db, pid, "permessi_brevi") == 2160


def test_a_closure_or_an_annulled_absence_changes_nothing(db, sites, db_path):
    pid, absence = _setup(db, sites["SEDE"], SIX)
    school.save_calendar_day(db, TUE, "chiusura", "Chiusura prefestiva")
    assert _count(db_path, "staff_leave_entry") == 8 and _balance(db, pid, "ferie") == 2900
    leave.annul_absence(db, absence, "Ritirata", on=MON)     # 32 again, 9 rows
    school.save_calendar_day(db, TUE, "patrono", "Santo patrono")
    assert _count(db_path, "staff_leave_entry") == 9 and _balance(db, pid, "ferie") == 3200


def test_the_calendar_and_the_ledger_are_one_transaction(db, sites, db_path):
    pid, _absence = _setup(db, sites["SEDE"], SIX)
    # the ledger refuses the rettifica (a trigger standing for any failure): the calendar day
    # is not saved either
    with sqlite3.connect(db_path) as con:
        con.execute("CREATE TRIGGER t_fail BEFORE INSERT ON staff_leave_entry "
                    "BEGIN SELECT RAISE(ABORT, 'guasto simulato'); END")
    with pytest.raises(Exception, match="guasto simulato"):
        school.save_calendar_day(db, TUE, "patrono", "Santo patrono")
    assert _count(db_path, "calendar_day") == 0
    assert _balance(db, pid, "ferie") == 2900
