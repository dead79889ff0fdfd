"""How a demo archive is told from a school's: a mark in its SQLite header, or on PostgreSQL a
comment on its users table (set only by ``demo.build_demo`` on an empty database)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .engine import read_only_uri

# Written in PRAGMA user_version of every demo archive: --force replaces only those, and
# only there may anybody work as any user without a password.
DEMO_MARK = 0x44454D4F  # "DEMO"
# PostgreSQL has no header of ours: the mark is the comment of the users table.
PG_DEMO_COMMENT = "iiss_desktop: archivio dimostrativo"


def is_demo_file(path: Path) -> bool:
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return con.execute("PRAGMA user_version").fetchone()[0] == DEMO_MARK
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def mark_postgres_demo(conn) -> None:
    """``conn``: a SQLAlchemy connection to the demo's PostgreSQL database, in a transaction."""
    conn.exec_driver_sql(f"COMMENT ON TABLE app_user IS '{PG_DEMO_COMMENT}'")


def is_demo_postgres(conn) -> bool:
    row = conn.exec_driver_sql("SELECT obj_description('app_user'::regclass, 'pg_class')").first()
    return bool(row) and row[0] == PG_DEMO_COMMENT
