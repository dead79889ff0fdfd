"""Run a whole user action again when another PC's transaction got in the way.

A deadlock or serialization failure (PostgreSQL) and a busy archive (SQLite, after its busy
timeout) roll the transaction back as a whole: nothing was saved, so the action can simply
run again, in a fresh transaction, after a short random pause. ``@requires`` and
``@unguarded`` (db/access.py) run every public service through :func:`run_action`, so the
retry covers the whole action, checks and reads included, never half of it.

- Only the outermost action retries: a public service called by another runs once, and the
  caller's retry repeats both.
- An attempt that already committed a transaction (an action made of several) is not run
  again: it would write its first part twice. Its error goes to the caller as it is.
- After the last attempt the clerk gets the Italian message ``errors.BUSY_RETRIED``.
"""
from __future__ import annotations

import logging
import random
import time
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import event

from ..domain.errors import DatabaseBusyError, WriteConflict
from .errors import BUSY_RETRIED

log = logging.getLogger(__name__)

RETRIES = 5                 # after the first attempt
FIRST_PAUSE = 0.02          # seconds, doubled at each retry, jittered
LONGEST_PAUSE = 1.0


@dataclass
class _Action:
    commits: int = 0
    attempts: int = 0


# The action running in this thread (or task); None outside any.
_current: ContextVar[_Action | None] = ContextVar("iiss_action", default=None)


def _count_commit(_conn) -> None:
    action = _current.get()
    if action is not None:
        action.commits += 1


def _watch(engine) -> None:
    # A mark on the engine, not event.contains: SQLAlchemy keys listeners by id(target), and a
    # disposed engine's key outlives it until the cyclic garbage collector runs (db/audit.py).
    if not getattr(engine, "iiss_commits_watched", False):
        event.listen(engine, "commit", _count_commit)
        engine.iiss_commits_watched = True


def pause(retry: int) -> float:
    """Jittered exponential backoff: PCs that collided do not collide again in step."""
    return min(LONGEST_PAUSE, FIRST_PAUSE * 2 ** (retry - 1)) * random.uniform(0.5, 1.5)


def run_action(function, db, args, kwargs):
    """``function(db, *args, **kwargs)``, run again on a WriteConflict (see the module)."""
    if _current.get() is not None or not hasattr(db, "engine"):
        return function(db, *args, **kwargs)     # nested: the outer action retries
    _watch(db.engine)
    action = _Action()
    token = _current.set(action)
    try:
        while True:
            action.attempts += 1
            committed = action.commits
            try:
                return function(db, *args, **kwargs)
            except WriteConflict as exc:
                if action.commits != committed:
                    raise
                if action.attempts > RETRIES:
                    log.warning("%s: archivio occupato, rinuncia dopo %d tentativi",
                                function.__qualname__, action.attempts)
                    raise DatabaseBusyError(BUSY_RETRIED.format(attempts=action.attempts)
                                            ) from exc
                log.info("%s: conflitto con un'altra postazione (%s), tentativo %d ripetuto",
                         function.__qualname__, _reason(exc), action.attempts)
                time.sleep(pause(action.attempts))
    finally:
        _current.reset(token)


def _reason(exc: BaseException) -> str:
    cause = exc.__cause__
    orig = getattr(cause, "orig", cause)
    return getattr(orig, "sqlstate", None) or type(orig).__name__
