"""The archive as a whole, from the GUI: integrity check and backup, each for who may."""
from __future__ import annotations

from pathlib import Path

from ..areas.school import BACKUP, VERIFY
from ..db.access import requires, unguarded
from ..db.engine import Database


@requires(VERIFY)
def verify_archive(db: Database):
    """``db.verify.verify`` for a user holding ``school.verify``."""
    from ..db.verify import verify

    return verify(db)


@requires(BACKUP)
def backup_archive(db: Database, out: Path):
    """A verified copy of the SQLite archive, for a user holding ``school.backup``."""
    from ..db.backup import backup_file

    return backup_file(db.path, Path(out))


@unguarded("before anybody logs in: the login is recorded, which needs the key; the file "
           "must be this very archive's key")
def import_archive_key(db: Database, path: Path):
    """This archive's change-log key, exported on the PC that made it (no login: the login is
    recorded, which needs the key; the file must be this archive's)."""
    from ..db.chain_key import import_key

    return import_key(db, Path(path))
