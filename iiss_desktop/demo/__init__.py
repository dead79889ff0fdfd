"""The demo school: one deterministic generator that every area extends.

``build_demo(path)`` creates a realistic Istituto Comprensivo with three
plessi, their rooms, the DS, the DSGA and the ATA staff, the calendar and one user per role
(``demo.users``; none has a password, the DSGA is the user of ``--demo``).
Each area names its generator in its descriptor (``iiss_desktop.areas``, field ``demo``);
they run after the areas they depend on, each receiving the database, a seeded
``random.Random`` and the size; then each ``demo_late``, for what must follow the others'
records in date order.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..db.demo_mark import DEMO_MARK, is_demo_file, mark_postgres_demo
from ..db.engine import Database
from ..domain.errors import StorageError

SEED = 20260901
SIZES = ("small", "large")
DEMO_USER = "dsga"  # demo.users.DEMO_DSGA

AreaGenerator = Callable[[Database, random.Random, str], None]


def area_generators() -> list[AreaGenerator]:
    """Every area's ``demo`` in dependency order, then every area's ``demo_late``."""
    from ..areas import in_dependency_order, resolve

    areas = in_dependency_order()
    return [resolve(a.demo) for a in areas if a.demo] + \
        [resolve(a.demo_late) for a in areas if a.demo_late]


def build_demo(path: Path | str, *, size: str = "small", force: bool = False) -> Database:
    """Create the demo database at ``path`` (a file, or an empty PostgreSQL database by URL).
    A file is replaced only with ``force`` and only if it is itself a demo."""
    from ..db.engine import is_url
    from ..db.schema import open_database

    if size not in SIZES:
        raise StorageError(f"Dimensione «{size}» non prevista: usare «small» o «large».")
    if is_url(path):
        db = _fill_demo(_empty_postgres(path), size)
        with db.engine.begin() as conn:
            mark_postgres_demo(conn)
        return db
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
    db = _fill_demo(open_database(path, create=True, backup_before_migrate=False), size)
    with db.engine.connect() as conn:
        conn.connection.driver_connection.execute(f"PRAGMA user_version={DEMO_MARK}")
    return db


def _empty_postgres(url: str) -> Database:
    """The demo goes only into an empty PostgreSQL database: never over a school's data."""
    from ..db.engine import make_database
    from ..db.schema import current_revision, open_database

    probe = make_database(url)
    try:
        if current_revision(probe) is not None:
            raise StorageError("Il database PostgreSQL indicato contiene già un archivio: "
                               "l'archivio dimostrativo va creato in un database vuoto.")
    finally:
        probe.dispose()
    return open_database(url, create=True)


def _fill_demo(db: Database, size: str) -> Database:
    from ..services.users import act_as
    from .users import generate_office_users

    try:
        generate_office_users(db)
        act_as(db, DEMO_USER)
        rng = random.Random(SEED)
        for generator in area_generators():
            generator(db, rng, size)
    except BaseException:
        db.dispose()
        raise
    return db


def ensure_demo(path: Path) -> Path:
    """The demo database used by ``iiss-desktop --demo``: built on first use."""
    if not Path(path).exists():
        build_demo(path).dispose()
    return Path(path)


def demo_today() -> date:
    return date.today()
