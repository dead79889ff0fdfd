"""The demo archive as a DSGA would believe it: nothing the office records is dated on a
Sunday or a national holiday (domain.md: the office's working days)."""
from __future__ import annotations

import sqlite3
from datetime import date

from sqlalchemy import Date

from iiss_desktop.domain.calendar import national_holidays
from iiss_desktop.models.base import Base

# Dates that are not acts of the office: the calendar itself, a legal start of service or of
# an appointment (1 September), an expiry or a warranty's end.
NOT_OFFICE_ACTS = {"calendar_day.day", "employee.hired_on", "custody_role.started_on",
                   "warehouse_lot.expiry", "inventory_maintenance.warranty_until"}


def test_nothing_the_office_records_is_dated_on_a_sunday_or_a_holiday(demo_path):
    holidays: dict[int, set[date]] = {}
    wrong, checked = [], 0
    with sqlite3.connect(demo_path) as con:
        for table in Base.metadata.tables.values():
            for column in table.columns:
                name = f"{table.name}.{column.name}"
                if not isinstance(column.type, Date) or name in NOT_OFFICE_ACTS:
                    continue
                for (value,) in con.execute(f"SELECT {column.name} FROM {table.name} "
                                            f"WHERE {column.name} IS NOT NULL"):
                    day = date.fromisoformat(value)
                    year = holidays.setdefault(
                        day.year, {h.day for h in national_holidays(day.year)})
                    checked += 1
                    if day.weekday() == 6 or day in year:
                        wrong.append((name, value))
    assert checked > 1000
    assert wrong == []
