"""What the start page shows: deadlines, closures coming up, backup and integrity alerts."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ..db.engine import Database
from ..domain.calendar import KINDS
from ..domain.dates import format_date
from ..domain.deadlines import upcoming_deadlines
from .school import closed_days, deadline_extensions, list_calendar

BACKUP_MAX_AGE_DAYS = 7


@dataclass(frozen=True, slots=True)
class HomeItem:
    when: date | None
    kind: str        # "scadenza" | "chiusura" | "avviso", or an area's own ("comodato", "fattura"…)
    title: str
    detail: str
    level: str = "info"  # "info" | "warning"
    # What a double click opens: an area's name ("warehouse"), "backup" or "settings"; empty
    # for a deadline of the law with nothing to open.
    target: str = ""


def last_backup(backups_dir) -> datetime | None:
    newest = None
    for manifest in backups_dir.glob("*.db.json"):
        try:
            created = datetime.fromisoformat(json.loads(manifest.read_text("utf-8"))["created"])
        except (OSError, ValueError, KeyError):
            continue
        newest = created if newest is None or created > newest else newest
    return newest


def _encrypted_backups_set_up(db: Database) -> bool:
    """Once the encrypted backups are set up on this PC, their own warning
    (queries/backup_home.py) speaks of the copies, not the plain-copy one."""
    from ..db import backup_settings
    from ..domain.errors import StorageError

    try:
        return backup_settings.load(backup_settings.archive_id_of(db)).configured
    except StorageError:
        return False


def home_items(db: Database, today: date | None = None, backups_dir=None) -> list[HomeItem]:
    today = today or date.today()
    closed = (closed_days(db, today.year - 1) | closed_days(db, today.year)
              | closed_days(db, today.year + 1))
    items: list[HomeItem] = []
    if backups_dir is not None and db.is_sqlite and not _encrypted_backups_set_up(db):
        when = last_backup(backups_dir)
        if when is None:
            items.append(HomeItem(None, "avviso", "Nessuna copia di sicurezza",
                                  "Creare una copia dal menu Archivio › Copia di sicurezza.",
                                  "warning", "backup"))
        elif (datetime.now() - when).days > BACKUP_MAX_AGE_DAYS:
            items.append(HomeItem(when.date(), "avviso", "Copia di sicurezza non recente",
                                  f"L'ultima copia è del {format_date(when.date())}.", "warning",
                                  "backup"))
    for d in upcoming_deadlines(today, closed, extensions=deadline_extensions(db)):
        detail = d.reference + (f" – {d.note}" if d.note else "")
        level = "warning" if (d.due - today).days <= 15 else "info"
        items.append(HomeItem(d.due, "scadenza", d.title, detail, level))
    from ..areas import AREAS, resolve
    from ..db.access import current_principal
    from ..domain.access import allowed

    user = current_principal(db)
    for area in AREAS:   # each area's own deadlines and alerts, for who may read the area
        if area.home and allowed(user, area.read_permission):
            items.extend(i if i.target else replace(i, target=area.name)
                         for i in resolve(area.home)(db, today))
    horizon = today + timedelta(days=45)
    for row in list_calendar(db, today.year) + list_calendar(db, today.year + 1):
        if today <= row.day <= horizon:
            items.append(HomeItem(row.day, "chiusura", row.description,
                                  KINDS.get(row.kind, row.kind), target="settings"))
    # By date; an alert without one (no backup, articles under the minimum) after the dated.
    return sorted(items, key=lambda i: (i.when is None, i.when or today))
