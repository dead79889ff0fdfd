"""How a demo archive is told from a school's: a mark in its SQLite header."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .engine import read_only_uri

# Written in PRAGMA user_version of every demo archive: --force replaces only those, and
# only there may anybody work as any user without a password.
DEMO_MARK = 0x44454D4F  # "DEMO"


def is_demo_file(path: Path) -> bool:
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return con.execute("PRAGMA user_version").fetchone()[0] == DEMO_MARK
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
