"""The user the tests work as: no password (no Argon2 cost per test), the office's roles.

Phase 2 checks a permission in every service: the default fixtures act as a user holding
both the dirigente's and the DSGA's roles, so every office action is allowed to them.
"""
from __future__ import annotations

from iiss_desktop.domain.access import DIRIGENTE, DSGA, Grant, Principal
from iiss_desktop.domain.errors import DomainError
from iiss_desktop.services.users import act_as, provision_user


def act_as_office(db, username: str = "mrossi", roles=(DIRIGENTE, DSGA),
                  full_name: str = "") -> Principal:
    """Create ``username`` (if missing) with ``roles`` on every plesso and work as it. A user
    that already holds the roles is not written again (writer processes share one)."""
    try:
        principal = act_as(db, username)
        if set(roles) <= set(principal.roles):
            return principal
    except DomainError:
        pass
    provision_user(db, username, full_name or username, [Grant(r) for r in roles])
    return act_as(db, username)


# Audit rows written when act_as_office creates a user: the user and its two roles.
AUDIT_ROWS_PER_USER = 3

# The password of the tests that log in for real (CLI commands on a non-demo archive).
TEST_PASSWORD = "password di prova"


def give_password(db, username: str = "mrossi", password: str = TEST_PASSWORD) -> dict:
    """Make ``username`` (a user of act_as_office, still without a password) the archive's
    first user, as the DSGA (with the technical administrator's role the first DSGA gets), and
    return the environment a CLI subprocess logs in with (``--utente`` + IISS_PASSWORD).
    One Argon2 hash: only for the few tests that run commands as a real user."""
    import os

    from iiss_desktop.services.users import create_first_user

    create_first_user(db, username, username, DSGA, password)
    return dict(os.environ, IISS_PASSWORD=password)
