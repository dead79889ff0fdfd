"""Read side of the users: plain rows for the users page and the prints (never ORM objects)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.access import ROLES, Grant
from ..models.core import AppUser, UserRoleGrant
from ..models.school import School, Site


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    username: str
    full_name: str
    active: bool
    has_password: bool
    grants: tuple[Grant, ...]
    roles_text: str          # "DSGA; Assistente tecnico (Scuola primaria «Carlo Collodi»)"
    failed_attempts: int
    password_changed_at: datetime | None


def _roles_text(grants: tuple[Grant, ...], site_names: dict[int, str]) -> str:
    parts = []
    for g in grants:
        label = ROLES.get(g.role, g.role)
        if g.site_ids:
            label += " (" + ", ".join(sorted(site_names.get(i, f"plesso {i}")
                                             for i in g.site_ids)) + ")"
        parts.append(label)
    return "; ".join(parts) or "nessun ruolo"


def list_users(db: Database, *, include_inactive: bool = True) -> list[UserRow]:
    with read_session(db) as s:
        sites = dict(s.execute(select(Site.id, Site.name)).all())
        grant_rows = s.execute(select(UserRoleGrant.user_id, UserRoleGrant.role,
                                      UserRoleGrant.site_id).order_by(UserRoleGrant.id)).all()
        q = select(AppUser.id, AppUser.username, AppUser.full_name, AppUser.active,
                   AppUser.password_hash.is_not(None), AppUser.failed_attempts,
                   AppUser.password_changed_at).order_by(AppUser.active.desc(),
                                                         AppUser.username)
        if not include_inactive:
            q = q.where(AppUser.active.is_(True))
        users = s.execute(q).all()
    by_user: dict[int, dict[str, set | None]] = defaultdict(dict)
    for user_id, role, site_id in grant_rows:
        sites_of = by_user[user_id].setdefault(role, set())
        if site_id is None:
            by_user[user_id][role] = None
        elif sites_of is not None:
            sites_of.add(site_id)
    rows = []
    for uid, username, full_name, active, has_pw, failed, changed in users:
        grants = tuple(Grant(role, frozenset(sites_of or ()))
                       for role, sites_of in by_user.get(uid, {}).items())
        rows.append(UserRow(uid, username, full_name, bool(active), bool(has_pw), grants,
                            _roles_text(grants, sites), failed or 0, changed))
    return rows


def get_user(db: Database, user_id: int) -> UserRow | None:
    return next((u for u in list_users(db) if u.id == user_id), None)


def idle_lock_minutes(db: Database) -> int:
    """Minutes without input after which the window locks (0: never; 15 without a school)."""
    with read_session(db) as s:
        value = s.execute(select(School.idle_lock_minutes).where(School.id == 1)).scalar()
    return 15 if value is None else int(value)
