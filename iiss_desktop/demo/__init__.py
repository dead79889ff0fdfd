"""The demo school: one deterministic generator that every area extends.

``build_demo(path)`` creates a realistic Istituto Comprensivo with three
plessi, their rooms, the DS, the DSGA and the ATA staff, and the calendar.
Areas add their data by appending a function to ``AREA_GENERATORS``; each
receives the database, a seeded ``random.Random`` and the size.
"""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Callable

from ..db.engine import Database
from ..domain.errors import StorageError

SEED = 20260901
# Written in PRAGMA user_version of every demo archive: --force replaces only those.
DEMO_MARK = 0x44454D4F  # "DEMO"
SIZES = ("small", "large")
DEMO_USER = "segreteria"

AreaGenerator = Callable[[Database, random.Random, str], None]
AREA_GENERATORS: list[AreaGenerator] = []


def build_demo(path: Path, *, size: str = "small", force: bool = False) -> Database:
    """Create the demo database at ``path``. Refuses to overwrite unless ``force``."""
    from ..db.schema import open_database
    from ..services.users import login
    from .school import generate_school
    from .staff import generate_staff

    if size not in SIZES:
        raise StorageError(f"Dimensione «{size}» non prevista: usare «small» o «large».")
    path = Path(path)
    if path.exists():
        if not force:
            raise StorageError(f"Il file «{path}» esiste già: per sostituirlo usare --force.")
        if path.stat().st_size and not is_demo_file(path):
            # --force must never wipe a school's real registers.
            raise StorageError(f"«{path}» non è un archivio dimostrativo: non viene sostituito "
                               "nemmeno con --force. Scegliere un altro file.")
        for suffix in ("", "-wal", "-shm", "-journal"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
    db = open_database(path, create=True, backup_before_migrate=False)
    try:
        login(db, DEMO_USER)
        rng = random.Random(SEED)
        generate_school(db, rng, size)
        generate_staff(db, rng, size)
        for generator in AREA_GENERATORS:
            generator(db, rng, size)
        with db.engine.connect() as conn:
            conn.connection.driver_connection.execute(f"PRAGMA user_version={DEMO_MARK}")
    except BaseException:
        db.dispose()
        raise
    return db


def is_demo_file(path: Path) -> bool:
    import sqlite3

    from ..db.engine import read_only_uri

    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return con.execute("PRAGMA user_version").fetchone()[0] == DEMO_MARK
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def ensure_demo(path: Path) -> Path:
    """The demo database used by ``iiss-desktop --demo``: built on first use."""
    if not Path(path).exists():
        build_demo(path).dispose()
    return Path(path)


def demo_today() -> date:
    return date.today()
