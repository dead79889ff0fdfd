"""Demo users: one per role, none with a password (anybody may work as any of them on the demo
archive, through ``services.users.act_as``). The DSGA is the user of ``--demo``."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.access import (
    AMMINISTRATORE_TECNICO,
    ASSISTENTE_AMMINISTRATIVO,
    ASSISTENTE_TECNICO,
    COLLABORATORE,
    DIRIGENTE,
    DSGA,
    SOLA_LETTURA,
    Grant,
)
from ..models.school import Site
from ..services.users import act_as, provision_user

DEMO_DSGA = "dsga"
DEMO_DIRIGENTE = "dirigente"
# (username, full name, role, plesso code or None for every plesso)
OFFICE_USERS = [
    (DEMO_DIRIGENTE, "Maria Grazia Colonna", DIRIGENTE, None),
    (DEMO_DSGA, "Alessandro Ferri", DSGA, None),
]
STAFF_USERS = [
    ("amministrativo", "Paola De Santis", ASSISTENTE_AMMINISTRATIVO, None),
    ("tecnico", "Simona Rinaldi", ASSISTENTE_TECNICO, "PRIM"),
    ("collaboratore", "Rosaria Bianchi", COLLABORATORE, "SEDE"),
    ("revisore", "Giorgio Palumbo", SOLA_LETTURA, None),
    ("tecnico-informatico", "Tomáš Dvořák", AMMINISTRATORE_TECNICO, None),
]


def generate_office_users(db: Database) -> None:
    """The dirigente and the DSGA: created before the school, which the DSGA enters."""
    for username, full_name, role, _site in OFFICE_USERS:
        provision_user(db, username, full_name, [Grant(role)])


def generate_staff_users(db: Database) -> None:
    """The other roles, some limited to the plesso where the person works."""
    with read_session(db) as s:
        sites = dict(s.execute(select(Site.code, Site.id)).all())
    for username, full_name, role, site in STAFF_USERS:
        ids = frozenset({sites[site]}) if site else frozenset()
        provision_user(db, username, full_name, [Grant(role, ids)])


@contextmanager
def acting_as(db: Database, username: str = DEMO_DIRIGENTE):
    """The demo runs as the DSGA; the dirigente's own acts (decrees of discharge and sale,
    appointments, comodato contracts) are recorded as the dirigente's, then the DSGA is
    back."""
    before = db.current_user
    act_as(db, username)
    try:
        yield
    finally:
        db.current_user = before
