"""The school area's start-page item: the encrypted backups, when the last good one is old."""
from __future__ import annotations

from datetime import date, datetime

from ..db.backup_settings import archive_id_of
from ..db.engine import Database
from ..domain.dates import format_date
from .home import BACKUP_MAX_AGE_DAYS, HomeItem


def last_good_backup(db: Database) -> datetime | None:
    """When the last verified encrypted backup of this archive was made on this PC, or the
    newest one in its folder (made by the command line, say); None if none."""
    from ..db import backup_crypto, backup_settings
    from ..domain.errors import StorageError

    try:
        settings = backup_settings.load(archive_id_of(db))
    except StorageError:
        return None
    found = [h.created for _p, h in backup_crypto.list_backups(settings.main_folder,
                                                                archive_id_of(db))]
    if settings.last_ok_at is not None:
        found.append(settings.last_ok_at)
    return max(found) if found else None


def backup_items(db: Database, today: date) -> list[HomeItem]:
    """A warning when the encrypted backups are set up on this PC and the last good one is
    older than BACKUP_MAX_AGE_DAYS days (or there is none yet)."""
    from ..db import backup_settings
    from ..domain.errors import StorageError

    try:
        configured = backup_settings.load(archive_id_of(db)).configured
    except StorageError:
        return [HomeItem(None, "avviso", "Impostazioni dei backup cifrati illeggibili",
                         "Aprire Strumenti › Backup cifrato… e impostarle di nuovo.", "warning",
                         "backup_cifrato")]
    if not configured:
        return []
    when = last_good_backup(db)
    if when is None:
        return [HomeItem(None, "avviso", "Nessun backup cifrato",
                         "Eseguirlo da Strumenti › Backup cifrato… (Esegui backup ora).",
                         "warning", "backup_cifrato")]
    age = (today - when.date()).days
    if age > BACKUP_MAX_AGE_DAYS:
        return [HomeItem(when.date(), "avviso", "Backup cifrato non recente",
                         f"L'ultimo backup cifrato riuscito è del {format_date(when.date())} "
                         f"({age} giorni fa): eseguirne uno da Strumenti › Backup cifrato….",
                         "warning", "backup_cifrato")]
    return []
