"""The start page's own bookkeeping, per user: when the GUI opened for them (so that
«Dalla tua ultima apertura» lists what changed since the previous start) and the lines of
that section they hid. Both write only rows of the logged-in user: no permission of an
area is needed, a user must be logged in (queries/home_since.py reads them)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..db.access import current_principal, unguarded
from ..db.engine import Database
from ..db.uow import unit_of_work
from ..domain.dates import utc_now
from ..domain.errors import DomainError
from ..models.core import HomeDismissed, HomeStart

MAX_KEY = 120


def _me(db: Database) -> int:
    me = current_principal(db)
    if me is None or me.id is None:
        raise DomainError("Nessun utente collegato: accedere al programma.")
    return me.id


def _stamp(when: datetime | None) -> str:
    return (when or utc_now()).isoformat(timespec="microseconds")


@unguarded("the user's own start page: writes only the logged-in user's start, refused "
           "without one")
def record_start(db: Database, *, now: datetime | None = None) -> str | None:
    """The GUI opened for the current user: the start before becomes the previous one.
    Returns the previous start (UTC ISO, None at the first). Nothing is written on a
    read-only archive."""
    user_id = _me(db)
    if db.read_only:
        return None
    with unit_of_work(db, reason="Apertura del programma") as s:
        row = s.get(HomeStart, user_id)
        if row is None:
            row = HomeStart(user_id=user_id, previous_start=None, current_start=_stamp(now))
            s.add(row)
        else:
            row.previous_start, row.current_start = row.current_start, _stamp(now)
        previous = row.previous_start
        s.commit()
    return previous


@unguarded("the user's own start page: hides lines for the logged-in user only, refused "
           "without one")
def dismiss_since_lines(db: Database, keys: Iterable[str]) -> int:
    """Hide these lines of «Dalla tua ultima apertura» for the current user, in one
    transaction (recorded in the change log). Returns how many were newly hidden."""
    user_id = _me(db)
    wanted = list(dict.fromkeys(k for k in (keys or ()) if k))
    if any(len(k) > MAX_KEY for k in wanted):
        raise DomainError("Riga della pagina iniziale non riconosciuta.")
    if not wanted:
        return 0
    stamp = _stamp(None)
    with unit_of_work(db, reason="Novità nascoste nella pagina iniziale") as s:
        added = 0
        for key in wanted:
            if s.get(HomeDismissed, (user_id, key)) is None:
                s.add(HomeDismissed(user_id=user_id, line_key=key, dismissed_at=stamp))
                added += 1
        s.commit()
    return added
