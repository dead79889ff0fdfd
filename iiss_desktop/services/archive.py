"""The archive as a whole, from the GUI: integrity check and backup, each for who may."""
from __future__ import annotations

from pathlib import Path

from ..areas.school import BACKUP, VERIFY
from ..db.engine import Database
from ..domain.access import check


def verify_archive(db: Database):
    """``db.verify.verify`` for a user holding ``school.verify``."""
    from ..db.verify import verify

    check(db.current_user, VERIFY)
    return verify(db)


def backup_archive(db: Database, out: Path):
    """A verified copy of the SQLite archive, for a user holding ``school.backup``."""
    from ..db.backup import backup_file

    check(db.current_user, BACKUP)
    return backup_file(db.path, Path(out))
