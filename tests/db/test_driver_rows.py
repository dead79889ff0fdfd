"""Rows of plain SQL read by column name (DriverSQL.fetch_as), on a real SQLite file."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from iiss_desktop.db.driver_sql import DriverSQL


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    code: str
    opened: date | None = None


def test_fields_are_taken_by_column_name_whatever_the_order(db):
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT 'SEDE' AS code, '2024-09-01' AS opened, 'Sede centrale' AS name, "
                    "42 AS unused")
        assert sql.fetch_as(Place, opened=sql.to_date) == [
            Place("Sede centrale", "SEDE", date(2024, 9, 1))]
        # A field with a default may be left out of the query.
        assert sql.first_as(Place, "SELECT 'X' AS code, 'Altro' AS name") == Place("Altro", "X")
        assert sql.first_as(Place, "SELECT 'X' AS code, 'Y' AS name WHERE 1 = 0") is None


def test_a_query_without_a_required_column_is_refused_with_its_name(db):
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT 'SEDE' AS code")
        with pytest.raises(KeyError) as info:
            sql.fetch_as(Place)
    assert "name" in str(info.value)
