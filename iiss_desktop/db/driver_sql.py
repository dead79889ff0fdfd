"""Plain SQL on the driver connection, inside a transaction SQLAlchemy opened.

For the few hot write paths (a register entry is counter + entry + lines + audit: seven
statements per click) the cost of building and compiling SQLAlchemy statements is larger than
running them on SQLite. Statements are written once with ``?`` placeholders and adapted to the
driver's parameter style; dates are converted the way SQLAlchemy stores them, so ORM reads
and writes see the same data. Money is passed as integer cents by the caller.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal


class DriverSQL:
    def __init__(self, conn):
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.cursor = conn.connection.driver_connection.cursor()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def value(self, v):
        """Python value -> what SQLAlchemy's types store (dates as ISO text on SQLite).

        Decimals are refused: money must arrive already as integer cents, converted by the
        caller for the columns it knows are money (a Decimal may be a rate or a quantity).
        """
        if isinstance(v, Decimal):
            raise TypeError("DriverSQL: convertire gli importi in centesimi (to_cents) prima")
        if self.postgres:
            return v
        if isinstance(v, datetime):
            return v.strftime("%Y-%m-%d %H:%M:%S.%f")
        if isinstance(v, date):
            return v.isoformat()
        return v

    def _params(self, params) -> tuple:
        return tuple(self.value(v) for v in params)

    def execute(self, sql: str, params=()) -> None:
        self.cursor.execute(self._sql(sql), self._params(params))

    def executemany(self, sql: str, rows) -> None:
        self.cursor.executemany(self._sql(sql), [self._params(r) for r in rows])

    def first(self, sql: str, params=()):
        self.cursor.execute(self._sql(sql), self._params(params))
        return self.cursor.fetchone()

    def close(self) -> None:
        self.cursor.close()

    def __enter__(self) -> DriverSQL:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def to_date(self, v) -> date | None:
        if v is None or isinstance(v, date):
            return v
        return date.fromisoformat(v)
