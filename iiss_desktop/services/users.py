"""Local users: the audit log needs to know who is working."""
from __future__ import annotations

import getpass

from sqlalchemy import select

from ..db.audit import UserRef
from ..db.engine import Database
from ..db.uow import unit_of_work
from ..models.core import AppUser


def os_username() -> str:
    try:
        return getpass.getuser() or "utente"
    except Exception:  # no login name (service accounts, containers)
        return "utente"


def ensure_user(db: Database, username: str | None = None, full_name: str = "") -> UserRef:
    """Return the local user record for ``username`` (the OS login by default), creating it."""
    username = (username or os_username()).strip()[:80]
    with unit_of_work(db) as session:
        user = session.execute(
            select(AppUser).where(AppUser.username == username)).scalar_one_or_none()
        if user is None:
            user = AppUser(username=username, full_name=full_name or username)
            session.add(user)
            session.flush()
            ref = UserRef(user.id, user.username, user.full_name)
            session.commit()
            return ref
        return UserRef(user.id, user.username, user.full_name)


def login(db: Database, username: str | None = None) -> UserRef:
    """Make ``username`` the current user of ``db`` for every following action."""
    user = ensure_user(db, username)
    db.current_user = user  # type: ignore[attr-defined]
    return user
