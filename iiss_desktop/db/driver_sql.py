"""Plain SQL on the driver connection, inside a transaction SQLAlchemy opened.

For the few hot write paths (a register entry is counter + entry + lines + audit: seven
statements per click) the cost of building and compiling SQLAlchemy statements is larger than
running them on SQLite. Statements are written once with ``?`` placeholders and adapted to the
driver's parameter style; dates are converted the way SQLAlchemy stores them, so ORM reads
and writes see the same data. Money is passed as integer cents by the caller.
"""
from __future__ import annotations

from dataclasses import MISSING
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

    def columns(self) -> tuple[str, ...]:
        """The names of the columns of the last SELECT (its ``AS`` names where given)."""
        return tuple(d[0] for d in self.cursor.description)

    def fetch_as(self, cls, **convert) -> list:
        """The rows of the last SELECT as ``cls`` (a dataclass), each field taken from the
        column of the same name (``AS`` where the names differ), never by position: a column
        added to the SELECT, or moved, cannot shift the others. ``convert``: field -> function
        applied to its value (``day=sql.to_date``, ``active=bool``, ``notes=text_or_empty``).
        One dict per row, fine for lists and forms; the 100,000-row grids keep plain tuples."""
        names = self.columns()
        wanted = cls.__dataclass_fields__
        missing = [n for n, f in wanted.items() if n not in names and f.init
                   and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            raise KeyError(f"{cls.__name__}: colonne mancanti nella query: {missing}")
        picked = [(n, i) for i, n in enumerate(names) if n in wanted]
        out = []
        for row in self.cursor.fetchall():
            values = {n: row[i] for n, i in picked}
            for n, fn in convert.items():
                values[n] = fn(values[n])
            out.append(cls(**values))
        return out

    def first_as(self, cls, sql: str, params=(), **convert):
        """The first row of ``sql`` as ``cls`` (see :meth:`fetch_as`), or None."""
        self.execute(sql, params)
        rows = self.fetch_as(cls, **convert)
        return rows[0] if rows else None

    def close(self) -> None:
        self.cursor.close()

    def __enter__(self) -> DriverSQL:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @staticmethod
    def text(v) -> str:
        """A text column a LEFT JOIN (or an old row) may leave NULL: ""."""
        return v or ""

    def to_date(self, v) -> date | None:
        if v is None or isinstance(v, date):
            return v
        return date.fromisoformat(v)
