"""The permission check of the services (and of the queries reading protected data).

``@requires(PERMISSION)`` on a public function checks, before anything is read or written,
that the user working on ``db`` (``db.current_user``, a ``domain.access.Principal`` set at
login) holds the permission; a refusal is a ``PermissionDenied`` naming it. Actions on one
plesso refine the check inside with ``require(db, PERMISSION, site_id=…)``. The decorator
also records each function, so a test can call every public service with every role and
compare the outcome with the permission matrix.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.access import Permission, Principal, check


@dataclass(frozen=True)
class Guarded:
    function: Callable
    permission: Permission

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


GUARDED: list[Guarded] = []


def current_principal(db) -> Principal | None:
    user = getattr(db, "current_user", None)
    return user if isinstance(user, Principal) else None


def require(db, permission: Permission, *, site_id: int | None = None,
            site_name: str = "") -> None:
    check(current_principal(db), permission, site_id, site_name)


def requires(permission: Permission):
    """Decorate a public function whose first argument is the ``Database``."""

    def decorate(function):
        @functools.wraps(function)
        def guarded(db, *args, **kwargs):
            require(db, permission)
            return function(db, *args, **kwargs)

        guarded.permission = permission
        GUARDED.append(Guarded(guarded, permission))
        return guarded

    return decorate
