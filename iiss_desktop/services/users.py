"""Local users: first user, login with a growing delay, roles per plesso, passwords, recovery.

Each public function is one transaction, audited; those that manage other users need
``school.users`` (``areas.school.USERS``). ``db.current_user`` is always a
``domain.access.Principal`` (or None): the audit log and the registers name its id and
username.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import func, select

from ..areas.school import USERS
from ..db.access import requires, unguarded
from ..db.audit import AuditRecord, UserRef, append
from ..db.demo_mark import is_demo_file, is_demo_postgres
from ..db.engine import Database
from ..db.uow import read_session, unit_of_work
from ..domain.access import (
    AMMINISTRATORE_TECNICO,
    DSGA,
    FIRST_USER_ROLES,
    ROLES,
    Grant,
    Principal,
    check,
)
from ..domain.dates import utc_now
from ..domain.errors import DomainError, ValidationError, collect
from ..domain.users import (
    LoginDelayed,
    LoginFailed,
    check_password,
    check_username,
    login_delay,
    new_recovery_code,
    normalize_recovery_code,
    normalize_username,
    seconds_to_wait,
)
from ..models.core import AppUser, UserRoleGrant
from ..models.school import Site
from . import passwords

LAST_ADMIN = ("Non è possibile: «{name}» è l'ultimo amministratore, cioè l'ultimo utente attivo "
              "che può gestire gli utenti (dirigente scolastico o amministratore tecnico). Dare "
              "prima questo ruolo a un altro utente.")


# -- reading users ---------------------------------------------------------------------------

def _grants(rows: Iterable[UserRoleGrant]) -> tuple[Grant, ...]:
    """Grant rows -> Grants: rows of one role together; a row without plesso = every plesso."""
    sites: dict[str, set[int]] = defaultdict(set)
    everywhere: set[str] = set()
    order: list[str] = []
    for row in rows:
        if row.role not in order:
            order.append(row.role)
        if row.site_id is None:
            everywhere.add(row.role)
        else:
            sites[row.role].add(row.site_id)
    return tuple(Grant(r, frozenset() if r in everywhere else frozenset(sites[r]))
                 for r in order)


def _principal(user: AppUser) -> Principal:
    return Principal(user.id, user.username, user.full_name, _grants(user.grants))


def _find(session, username: str) -> AppUser | None:
    name = normalize_username(username)
    return session.execute(select(AppUser).where(func.lower(AppUser.username) == name)
                           ).scalar_one_or_none()


def _get(session, user_id: int) -> AppUser:
    user = session.get(AppUser, user_id)
    if user is None:
        raise DomainError("Utente non trovato: forse è stato modificato da un'altra postazione.")
    return user


@unguarded("asked before anybody logs in (first user or login dialog)")
def has_configured_users(db: Database) -> bool:
    """Whether some user has a password (otherwise the first user is still to be created)."""
    with read_session(db) as s:
        return s.execute(select(AppUser.id).where(AppUser.password_hash.is_not(None))
                         .limit(1)).first() is not None


@unguarded("asked before anybody logs in (the demo offers its users)")
def is_demo_archive(db: Database) -> bool:
    """The demo archive (a SQLite file or a PostgreSQL database marked by
    ``demo.build_demo``): its users have no password and anybody may work as any of them."""
    if not db.is_sqlite:
        with db.read_engine.connect() as conn:
            return is_demo_postgres(conn)
    if db.path is None or not db.path.exists():
        return False
    return is_demo_file(db.path)


# -- first user ------------------------------------------------------------------------------

def first_user_grants(role: str) -> tuple[Grant, ...]:
    """The first user answers for the archive and must be able to add the others. A dirigente
    manages users by role; a DSGA (who often installs the program) also receives the role of
    amministratore tecnico, shown in the users page like any other role and removable once
    somebody else manages users."""
    if role == DSGA:
        return (Grant(DSGA), Grant(AMMINISTRATORE_TECNICO))
    return (Grant(role),)


@unguarded("nobody is logged in yet: allowed only while no user has a password")
def create_first_user(db: Database, username: str, full_name: str, role: str,
                      password: str) -> str:
    """Create the first user of the archive and return its recovery code (shown once, to be
    printed and kept in the safe). Allowed only while no user has a password. A user row left
    by an older version with the same name is taken over (its audit references stay)."""
    errors: dict[str, str] = {}
    name = collect(errors, check_username, username)
    full = (full_name or "").strip()
    if not full:
        errors["full_name"] = "Indicare nome e cognome."
    if role not in FIRST_USER_ROLES:
        errors["role"] = "Il primo utente è il dirigente scolastico o il DSGA."
    collect(errors, check_password, password, name or "")
    if errors:
        raise ValidationError(errors)
    code = new_recovery_code()
    password_hash = passwords.hash_secret(password)
    recovery_hash = passwords.hash_secret(normalize_recovery_code(code))
    with unit_of_work(db, reason="Primo utente dell'archivio") as s:
        if s.execute(select(AppUser.id).where(AppUser.password_hash.is_not(None))).first():
            raise DomainError("L'archivio ha già i suoi utenti: il primo utente si crea una sola "
                              "volta. Accedere con il proprio nome e la propria password.")
        user = _find(s, name)       # under the write gate: no other PC inserts meanwhile
        if user is None:
            user = AppUser(username=name)
            s.add(user)
        # Nobody is logged in yet: the audit log names the new user itself.
        s.info["user"] = UserRef(user.id, name, full)
        user.full_name, user.active = full[:120], True
        user.password_hash, user.recovery_hash = password_hash, recovery_hash
        user.password_changed_at, user.failed_attempts, user.last_failed_at = utc_now(), 0, None
        _replace_grants(s, user, first_user_grants(role))
        s.flush()
        s.info["user"] = _principal(user)
        s.commit()
    return code


# -- login -----------------------------------------------------------------------------------

@contextmanager
def _login_session(db: Database, reason: str):
    """A write transaction, or on a read-only archive (verify, print) a read session: there
    the failed attempts cannot be recorded."""
    if db.read_only:
        with read_session(db) as s:
            yield s
    else:
        with unit_of_work(db, reason=reason) as s:
            yield s


@unguarded("the login itself: the password is the check")
def authenticate(db: Database, username: str, password: str, *, now: datetime | None = None,
                 reason: str = "Accesso") -> Principal:
    """The user with this name and password, with the roles of its grants.

    After ``FREE_ATTEMPTS`` failures in a row, each further attempt is refused with
    ``LoginDelayed`` until a wait has passed (1, 2, 4 … s, at most 5 minutes). A wrong password
    and an unknown name cost the same Argon2 check and get the same ``LoginFailed`` message;
    names that are no user are delayed too (in memory, per open archive). A successful login
    is written in the audit log and rehashes the password if the parameters changed.
    """
    now = now or utc_now()
    name = normalize_username(username)
    # The Argon2 check (a tenth of a second) runs before the write transaction: on PostgreSQL
    # that holds the write gate, and the other PCs would wait for every login.
    with read_session(db) as r:
        user = _find(r, name) if name else None
        checked = user.password_hash if user is not None else None
        _refuse_if_delayed(db, user, name, now)
    matches = passwords.verify_secret(checked, password or "")
    with _login_session(db, f"{reason}: «{name}»") as s:
        user = _find(s, name) if name else None
        usable = user is not None and user.password_hash is not None
        failures = _refuse_if_delayed(db, user, name, now)   # again, as it is now
        if usable and user.password_hash != checked:   # changed a moment ago by another PC
            matches = passwords.verify_secret(user.password_hash, password or "")
        if not (usable and matches):
            failures += 1
            if not usable:
                db.unknown_login_failures[name] = (failures, now)
            elif not db.read_only:
                user.failed_attempts, user.last_failed_at = failures, now
                s.info["reason"] = f"Accesso non riuscito: «{name}»"
                s.commit()
            raise LoginFailed(login_delay(failures), failures)
        if not user.active:
            raise DomainError(f"L'utente «{user.username}» è disattivato: rivolgersi a chi "
                              "gestisce gli utenti (dirigente o amministratore tecnico).",
                              "username")
        principal = _principal(user)
        if not principal.grants:
            raise DomainError(f"L'utente «{user.username}» non ha alcun ruolo: rivolgersi a chi "
                              "gestisce gli utenti.", "username")
        if not db.read_only:
            if user.failed_attempts or user.last_failed_at:
                user.failed_attempts, user.last_failed_at = 0, None
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_secret(password)
            s.info["user"] = principal
            s.flush()
            append(s, [AuditRecord("accesso", "app_user", str(user.id))])
            s.commit()
    return principal


def _refuse_if_delayed(db: Database, user: AppUser | None, name: str, now: datetime) -> int:
    """The failures in a row so far; LoginDelayed while the wait after them is running."""
    if user is not None and user.password_hash is not None:
        failures, last = user.failed_attempts, user.last_failed_at
    else:
        failures, last = db.unknown_login_failures.get(name, (0, None))
    wait = seconds_to_wait(failures, last, now)
    if wait:
        raise LoginDelayed(wait, login_delay(failures), failures)
    return failures


@unguarded("the login itself: the password is the check")
def login(db: Database, username: str, password: str, *, now: datetime | None = None,
          reason: str = "Accesso") -> Principal:
    """Authenticate and make the user the current one of ``db`` for every following action."""
    principal = authenticate(db, username, password, now=now, reason=reason)
    db.current_user = principal
    return principal


@unguarded("anybody may log out")
def logout(db: Database) -> None:
    db.current_user = None


@unguarded("trusted, passwordless: demo archive and tests only, refused for users with a password")
def act_as(db: Database, username: str) -> Principal:
    """Work as ``username`` WITHOUT a password. Trusted: used only by the demo archive (the
    GUI's --demo and "Cambia utente"), by headless commands on a demo archive, and by the
    tests. Refused for users who have a password: they log in with ``login``."""
    with read_session(db) as s:
        user = _find(s, username)
        if user is None or not user.active:
            raise DomainError(f"Utente «{normalize_username(username)}» inesistente o "
                              "disattivato.", "username")
        if user.password_hash is not None:
            raise DomainError(f"L'utente «{user.username}» ha una password: accedere con la "
                              "password.", "username")
        principal = _principal(user)
    db.current_user = principal
    return principal


@unguarded("trusted: demo generator and tests, only while no user has a password")
def provision_user(db: Database, username: str, full_name: str,
                   grants: Sequence[Grant]) -> Principal:
    """Create (or complete with the given roles) a user WITHOUT a password. Trusted, no
    permission check: only the demo generator and the tests call it, and only on an archive
    where nobody has a password yet."""
    name = check_username(username)
    if has_configured_users(db):
        raise DomainError("Utenti senza password solo nell'archivio dimostrativo e nelle prove.")
    with unit_of_work(db, reason="Utenti dell'archivio dimostrativo") as s:
        # Get-or-create under the write gate (unit_of_work takes it first): eight PCs starting
        # at once with the same name find the row the first one created.
        user = _find(s, name)
        if user is None:
            user = AppUser(username=name, full_name=full_name or name)
            s.add(user)
        held = {(g.role, g.site_id) for g in user.grants}
        for grant in grants:
            for site in sorted(grant.site_ids) or [None]:
                if (grant.role, site) not in held:
                    user.grants.append(UserRoleGrant(role=grant.role, site_id=site))
        s.flush()
        principal = _principal(user)
        s.commit()
    return principal


# -- managing users --------------------------------------------------------------------------

def _check_grants(s, grants: Sequence[Grant] | None) -> tuple[Grant, ...]:
    grants = tuple(grants or ())
    if not grants:
        raise ValidationError({"grants": "Dare all'utente almeno un ruolo."})
    unknown = [g.role for g in grants if g.role not in ROLES]
    if unknown:
        raise ValidationError({"grants": f"Ruolo sconosciuto: {', '.join(unknown)}."})
    if len({g.role for g in grants}) != len(grants):
        raise ValidationError({"grants": "Un ruolo compare due volte: indicare i plessi in una "
                                         "sola riga."})
    wanted = {site for g in grants for site in g.site_ids}
    if wanted:
        present = set(s.execute(select(Site.id).where(Site.id.in_(wanted))).scalars())
        if wanted - present:
            raise ValidationError({"grants": "Plesso inesistente: forse è stato modificato da "
                                             "un'altra postazione."})
    return grants


def _replace_grants(s, user: AppUser, grants: Sequence[Grant]) -> None:
    current = {(g.role, g.site_id): g for g in user.grants}
    wanted = [(g.role, site) for g in grants for site in (sorted(g.site_ids) or [None])]
    for key, row in current.items():
        if key not in wanted:
            # Deleted explicitly: an orphan removed by the cascade during the flush is not in
            # session.deleted when the audit reads it, and would leave no trace in the log.
            user.grants.remove(row)
            s.delete(row)
    for role, site in wanted:
        if (role, site) not in current:
            user.grants.append(UserRoleGrant(role=role, site_id=site))


def _managers(s) -> set[int]:
    """Active users who hold a role that manages users."""
    return set(s.execute(select(AppUser.id).join(UserRoleGrant)
                         .where(AppUser.active.is_(True), UserRoleGrant.role.in_(USERS.roles))
                         ).scalars())


@contextmanager
def _keeping_an_admin(s, user: AppUser):
    before = _managers(s)
    yield
    s.flush()
    if before and not _managers(s):
        raise ValidationError({"grants": LAST_ADMIN.format(name=user.username)})


def _no_self_promotion(db: Database, user: AppUser, grants: Sequence[Grant]) -> None:
    """Nobody widens their own roles: another user who manages users does it."""
    me = db.current_user
    if me is None or me.id != user.id:
        return
    held = _grants(user.grants)
    old = {g.role: g.site_ids for g in held}
    for g in grants:
        if g.role not in old or (old[g.role] and not (g.site_ids and g.site_ids <= old[g.role])):
            raise ValidationError({"grants": "Non è possibile dare a sé stessi un nuovo ruolo o "
                                             "nuovi plessi: lo fa un altro utente che gestisce gli "
                                             "utenti."})


def _refresh_me(db: Database, user: AppUser) -> None:
    me = db.current_user
    if me is not None and me.id == user.id:
        db.current_user = _principal(user)


@requires(USERS)
def save_user(db: Database, values: dict, user_id: int | None = None) -> int:
    """Create a user (``username``, ``full_name``, ``password``, ``grants``) or change one's
    full name (and roles, if ``grants`` is given). The username never changes: the audit log
    names it."""
    errors: dict[str, str] = {}
    full = (values.get("full_name") or "").strip()
    if not full:
        errors["full_name"] = "Indicare nome e cognome."
    elif len(full) > 120:
        errors["full_name"] = "Nome e cognome: al massimo 120 caratteri."
    name = None
    if user_id is None:
        name = collect(errors, check_username, values.get("username", ""))
        collect(errors, check_password, values.get("password"), name or "")
        if not values.get("grants"):
            errors["grants"] = "Dare all'utente almeno un ruolo."
    if errors:
        raise ValidationError(errors)
    password_hash = passwords.hash_secret(values["password"]) if user_id is None else None
    with unit_of_work(db, reason="Utenti e ruoli") as s:
        if user_id is None:
            if _find(s, name) is not None:
                raise ValidationError({"username": f"Esiste già l'utente «{name}» (anche se "
                                                   "disattivato): scegliere un altro nome."})
            grants = _check_grants(s, values.get("grants"))
            user = AppUser(username=name, full_name=full, active=True,
                           password_hash=password_hash, password_changed_at=utc_now())
            s.add(user)
            _replace_grants(s, user, grants)
        else:
            user = _get(s, user_id)
            user.full_name = full
            if "grants" in values:
                grants = _check_grants(s, values.get("grants"))
                _no_self_promotion(db, user, grants)
                with _keeping_an_admin(s, user):
                    _replace_grants(s, user, grants)
        s.flush()
        new_id = user.id
        _refresh_me(db, user)
        s.commit()
    return new_id


@requires(USERS)
def set_roles(db: Database, user_id: int, grants: Sequence[Grant]) -> None:
    """Replace the roles (and their plessi) of a user."""
    with unit_of_work(db, reason="Ruoli dell'utente") as s:
        user = _get(s, user_id)
        grants = _check_grants(s, grants)
        _no_self_promotion(db, user, grants)
        with _keeping_an_admin(s, user):
            _replace_grants(s, user, grants)
        _refresh_me(db, user)
        s.commit()


@requires(USERS)
def deactivate_user(db: Database, user_id: int) -> None:
    """Remove a user from the ones who can log in. Its row stays: the audit log names it."""
    with unit_of_work(db, reason="Utente disattivato") as s:
        user = _get(s, user_id)
        me = db.current_user
        if me is not None and me.id == user.id:
            raise ValidationError({"active": "Non è possibile disattivare l'utente con cui si è "
                                             "collegati."})
        with _keeping_an_admin(s, user):
            user.active = False
        s.commit()


@requires(USERS)
def reactivate_user(db: Database, user_id: int) -> None:
    with unit_of_work(db, reason="Utente riattivato") as s:
        user = _get(s, user_id)
        user.active = True
        user.failed_attempts, user.last_failed_at = 0, None
        s.commit()


@unguarded("one's own password with the current one; somebody else's checks school.users inside")
def set_password(db: Database, user_id: int, new_password: str, *,
                 current_password: str | None = None) -> None:
    """Change a password. One's own: with the current password. Somebody else's (a forgotten
    password): with the permission to manage users."""
    me = db.current_user
    own = me is not None and me.id == user_id
    if not own:
        check(me, USERS)
    with read_session(db) as s:
        user = _get(s, user_id)
        username, stored = user.username, user.password_hash
    if own and stored is not None and not passwords.verify_secret(stored, current_password or ""):
        raise ValidationError({"current_password": "La password attuale non è corretta."})
    check_password(new_password, username, "new_password")
    new_hash = passwords.hash_secret(new_password)
    with unit_of_work(db, reason="Password cambiata" if own else "Password reimpostata") as s:
        user = _get(s, user_id)
        user.password_hash, user.password_changed_at = new_hash, utc_now()
        user.failed_attempts, user.last_failed_at = 0, None
        s.commit()


@unguarded("one's own code; somebody else's checks school.users inside")
def new_user_recovery_code(db: Database, user_id: int) -> str:
    """A new recovery code for a user (the old one stops working); one's own, or anybody's
    with the permission to manage users. Returned once, to be printed."""
    me = db.current_user
    if me is None or me.id != user_id:
        check(me, USERS)
    code = new_recovery_code()
    code_hash = passwords.hash_secret(normalize_recovery_code(code))
    with unit_of_work(db, reason="Nuovo codice di recupero") as s:
        user = _get(s, user_id)
        user.recovery_hash = code_hash
        s.commit()
    return code


@unguarded("a forgotten password: the recovery code is the check")
def reset_with_recovery_code(db: Database, username: str, code: str, new_password: str, *,
                             now: datetime | None = None) -> str:
    """A forgotten password: the printed recovery code sets a new one. The code is used up and
    a new one is returned (to print and keep in the safe). Wrong codes count as failed
    attempts, with the same growing delay as the password."""
    now = now or utc_now()
    name = normalize_username(username)
    check_password(new_password, name, "new_password")
    with read_session(db) as s:
        user = _find(s, name) if name else None
        usable = user is not None and user.recovery_hash is not None and user.active
        failures, last = ((user.failed_attempts, user.last_failed_at) if usable else
                          db.unknown_login_failures.get(name, (0, None)))
        stored = user.recovery_hash if usable else None
        user_id = user.id if usable else None
    wait = seconds_to_wait(failures, last, now)
    if wait:
        raise LoginDelayed(wait, login_delay(failures), failures)
    if not passwords.verify_secret(stored, normalize_recovery_code(code)):
        failures += 1
        if usable:
            with unit_of_work(db, reason=f"Codice di recupero non valido: «{name}»") as s:
                user = _get(s, user_id)
                user.failed_attempts, user.last_failed_at = failures, now
                s.commit()
        else:
            db.unknown_login_failures[name] = (failures, now)
        raise LoginFailed(login_delay(failures), failures, secret="codice di recupero")
    fresh = new_recovery_code()
    password_hash = passwords.hash_secret(new_password)
    recovery_hash = passwords.hash_secret(normalize_recovery_code(fresh))
    with unit_of_work(db, reason="Password reimpostata con il codice di recupero") as s:
        user = _get(s, user_id)
        user.password_hash, user.password_changed_at = password_hash, utc_now()
        user.recovery_hash = recovery_hash
        user.failed_attempts, user.last_failed_at = 0, None
        s.flush()
        s.info["user"] = _principal(user)
        s.commit()
    return fresh
