"""The permission check of the services (and of the queries reading protected data).

``@requires(PERMISSION)`` on a public function checks, before anything is read or written,
that the user working on ``db`` (``db.current_user``, a ``domain.access.Principal`` set at
login) holds the permission; a refusal is a ``PermissionDenied`` naming it. Actions on one
plesso refine the check inside with ``require(db, PERMISSION, site_id=…)`` or, once the
rooms, goods or storerooms are loaded, ``require_at(db, PERMISSION, session, room_ids=…)``.
The decorator also records each function, so a test can call every public service with every
role and compare the outcome with the permission matrix.

A public service that must stay open (the login, before anybody is logged in) says so with
``@unguarded("why")``: a test fails for a public service that is neither.

Both decorators run the service through ``db.retry.run_action``: an action that collided with
another PC's transaction runs again as a whole (docs/ARCHITECTURE.md, "Concurrency").
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.access import Permission, Principal, check
from .retry import run_action


@dataclass(frozen=True)
class Guarded:
    function: Callable
    permission: Permission

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


GUARDED: list[Guarded] = []
UNGUARDED: dict[str, str] = {}   # "module.function" -> why it needs no permission


def current_principal(db) -> Principal | None:
    user = getattr(db, "current_user", None)
    return user if isinstance(user, Principal) else None


def require(db, permission: Permission, *, site_id: int | None = None,
            site_name: str = "") -> None:
    check(current_principal(db), permission, site_id, site_name)


def require_at(db, permission: Permission, session, *, site_ids=(), room_ids=(),
               item_ids=(), storeroom_ids=()) -> None:
    """``require`` for every plesso an action touches: the given plessi and those of the given
    rooms, goods and storerooms (ids, looked up in ``session``); the refusal names the plesso.
    Called inside the unit of work before anything is written (the rollback drops the rest)."""
    principal = current_principal(db)
    if principal is not None and any(g.role in permission.roles and not g.site_ids
                                     for g in principal.grants):
        return          # held for every plesso: nothing to look up
    from ..models.school import Room, Site

    sites = {x for x in site_ids if x is not None}
    lookups = [(Room, room_ids)]
    if item_ids:
        from ..models.inventory import InventoryItem
        lookups.append((InventoryItem, item_ids))
    if storeroom_ids:
        from ..models.warehouse import Storeroom
        lookups.append((Storeroom, storeroom_ids))
    for model, ids in lookups:
        for row_id in dict.fromkeys(ids):
            row = session.get(model, row_id) if row_id is not None else None
            if row is not None and row.site_id is not None:
                sites.add(row.site_id)
    if not sites:
        require(db, permission)
    for site_id in sorted(sites):
        site = session.get(Site, site_id)
        require(db, permission, site_id=site_id, site_name=site.name if site else "")


def unguarded(reason: str):
    """Mark a public service that checks no permission on purpose, with the reason."""

    def mark(function):
        @functools.wraps(function)
        def open_service(db, *args, **kwargs):
            return run_action(function, db, args, kwargs)

        UNGUARDED[f"{function.__module__}.{function.__qualname__}"] = reason
        open_service.unguarded = reason
        return open_service

    return mark


def requires(permission: Permission):
    """Decorate a public function whose first argument is the ``Database``."""

    def decorate(function):
        @functools.wraps(function)
        def guarded(db, *args, **kwargs):
            require(db, permission)
            return run_action(function, db, args, kwargs)

        guarded.permission = permission
        GUARDED.append(Guarded(guarded, permission))
        return guarded

    return decorate
